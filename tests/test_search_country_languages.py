"""The languages of any country, read from CLDR's territory data (``language-groups.ttl``, every country by its English
names: "the languages of Kenya", "Belgium's languages", "languages spoken in the Netherlands"), and many languages
asked for ("multilingual", "dozens of languages") as a preference by how many languages a model lists."""

from __future__ import annotations

import pytest

from tests.factories import BASE, concepts_searcher, model_doing, model_pid

GROUP_NOTE = "read from a group of languages"
SPEAKERS = ("sw", "ki", "en", "fr", "nl", "de", "wo", "ff", "ar", "kk", "ru", "pt", "es")
MANY = ("en", "fr", "de", "es", "it", "pt", "nl", "sv", "pl", "ru", "zh", "ja", "ko", "ar", "hi", "tr", "vi", "th",
        "id", "uk", "cs", "ro")


@pytest.fixture(scope="module")
def searcher():
    records = [model_doing(f"acme/speaks-{code}", None, languages=(code,), description="Continues a story.")
               for code in SPEAKERS]
    records += [model_doing("acme/belgian-three", None, languages=("nl", "fr", "de"), downloads=10,
                            description="Continues a story."),
                model_doing("acme/twenty-two", None, languages=MANY, downloads=5, description="Continues a story."),
                model_doing("acme/six", None, languages=MANY[:6], downloads=50, description="Continues a story."),
                model_doing("acme/two", None, languages=("en", "zh"), downloads=500, description="Continues a story."),
                model_doing("acme/one", None, languages=("en",), downloads=50000, description="Continues a story."),
                model_doing("acme/tagged", None, languages=("mul",), downloads=20, description="Continues a story."),
                model_doing("acme/silent", None, downloads=900000, description="Continues a story.")]
    yield from concepts_searcher(records)


def _group(searcher, query: str):
    return [r for r in searcher.understand(query).recognised if r.facet == "language" and r.note == GROUP_NOTE]


def _ranked(searcher, query: str, n: int = 30) -> list[str]:
    names = {model_pid(f"acme/{n}", BASE): n for n in ("belgian-three", "twenty-two", "six", "two", "one", "tagged",
                                                        "silent")}
    names |= {model_pid(f"acme/speaks-{c}", BASE): f"speaks-{c}" for c in SPEAKERS}
    return [names.get(h.pid, h.pid) for h in searcher.search(query, per_page=n).results]


@pytest.mark.parametrize("query, members, not_members", [
    ("Which models handle the languages of Kenya?", {"sw", "ki"}, {"en"}),
    ("a chatbot for Belgium's languages", {"nl", "fr", "de"}, set()),
    ("models for the languages spoken in Senegal", {"wo", "ff"}, {"fr"}),
    ("anything for the languages of the Netherlands?", {"nl"}, set()),
    ("text models for the languages of Kazakhstan", {"kk", "ru"}, set()),
])
def test_the_languages_of_any_country_are_a_preference_for_its_languages(searcher, query, members, not_members):
    [group] = _group(searcher, query)
    assert group.mode == "boost" and members <= set(group.values) and not not_members & set(group.values)


def test_a_country_speaking_one_language_prefers_that_language(searcher):
    # France: French alone, as a preference (the models stating French first)
    [group] = _group(searcher, "Which models cover the languages of France?")
    assert group.values == ("fr",) and group.mode == "boost"
    names = _ranked(searcher, "Which models cover the languages of France?")
    assert set(names[:4]) == {"speaks-fr", "belgian-three", "six", "twenty-two"}  # (each lists French)


def test_a_language_brought_from_europe_stays_where_most_people_speak_it(searcher):
    # English in the United States, Spanish in Mexico, Portuguese in Brazil: the country's own
    for query, code in (("the languages of the United States", "en"), ("languages spoken in Mexico", "es"),
                        ("Brazil's languages", "pt")):
        [group] = _group(searcher, f"a model for {query}")
        assert code in group.values


def test_a_country_ranks_the_models_listing_more_of_its_languages_first(searcher):
    names = _ranked(searcher, "Which models cover the languages of Belgium?")
    assert names[0] == "belgian-three" and names.index("speaks-nl") < names.index("speaks-en")


@pytest.mark.parametrize("query", ["a model made in France", "models from Google in India",
                                   "a chatbot built by a company in Kenya", "a startup based in France", "Which models did a lab in Kenya release?"])
def test_a_country_said_of_the_maker_is_no_language_question(searcher, query):
    # (neither a group of languages nor the language of a place its speakers live in: "France", French)
    assert not [r for r in searcher.understand(query).recognised if r.facet == "language" and r.span.lower() in (
        "france", "india", "kenya", "belgium")]


@pytest.mark.parametrize("query", ["Which models are multilingual?", "a model that handles many languages",
                                   "a chatbot that speaks lots of languages", "models covering dozens of languages"])
def test_many_languages_rank_the_models_listing_more_languages_first(searcher, query):
    [many] = [r for r in searcher.understand(query).recognised if r.facet == "language"]
    assert many.mode == "boost" and not searcher.understand(query).filters().get("language")
    names = _ranked(searcher, query)
    # (the tag multilingual counts as dozens; the models listing some languages follow, more first)
    assert {names.index("twenty-two"), names.index("tagged")} == {0, 1}
    assert names.index("tagged") < names.index("six") < names.index("two")
    assert "one" not in names[:names.index("two")]


@pytest.mark.parametrize("query", ["a chatbot for people in France", "an assistant for customers living in France"])
def test_a_place_said_of_the_users_still_reads_its_language(searcher, query):
    assert "fr" in {v for r in searcher.understand(query).recognised if r.facet == "language" for v in r.values}
