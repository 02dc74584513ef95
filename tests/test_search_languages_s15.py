"""Languages by every name and by group (session 15): a language's own names (autonyms), its other English names and
those of the languages a macrolanguage groups, read from CLDR and the IANA registry (``language-names.ttl``); the
languages of a region or country named together ("Indian languages", ``language-groups.ttl``), the models listing
more of them first."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.factories import BASE, concepts_searcher, model_doing, model_pid

VOCABULARIES = Path(__file__).resolve().parents[1] / "registry" / "ontology" / "vocabularies"


def _generated_names() -> dict[str, str]:
    """Return every name of language-names.ttl -> the code of its language."""
    out = {}
    for line in (VOCABULARIES / "language-names.ttl").read_text(encoding="utf-8").splitlines():
        m = re.match(r"mv:language-(\S+) skos:altLabel (.+) \.$", line)
        if m:
            for name in re.findall(r'"([^"]+)"@', m.group(2)):
                out.setdefault(name, m.group(1))
    return out


NAMES = _generated_names()
# a model for each language a test below names, and for the South African group's
CODES = ("xh", "zu", "sw", "de", "vi", "zh", "ar", "fa", "ny", "pa", "hi", "ta", "te", "bn", "mr", "en", "tn", "st",
         "ja", "ht", "nso", "tl", "sv")


@pytest.fixture(scope="module")
def searcher():
    records = [model_doing(f"acme/speaks-{code}", None, languages=(code,), description="Continues a story.")
               for code in CODES]
    # models listing several Indian languages, more or fewer: the more listed, the earlier
    records += [model_doing("acme/indic-nine", None, languages=("hi", "bn", "ta", "te", "mr", "gu", "kn", "ml", "pa"),
                            downloads=10, description="Continues a story."),
                model_doing("acme/indic-three", None, languages=("hi", "ta", "te", "en"), downloads=100,
                            description="Continues a story."),
                model_doing("acme/hindi-english", None, languages=("hi", "en"), downloads=100000,
                            description="Continues a story in many languages of India."),
                model_doing("acme/silent", None, downloads=500000, description="Continues a story in many languages."),
                # speech recognisers: the one listing the group's languages first
                model_doing("acme/asr-indic", "automatic-speech-recognition", languages=("hi", "ta"), downloads=5,
                            description="Transcribes speech."),
                model_doing("acme/asr-english", "automatic-speech-recognition", languages=("en",), downloads=900,
                            description="Transcribes speech.")]
    yield from concepts_searcher(records)


NAME_OF = {model_pid(name, BASE): name for name in ("acme/indic-nine", "acme/indic-three", "acme/hindi-english",
                                                     "acme/silent", "acme/asr-indic", "acme/asr-english")}


def _ranked(searcher, query: str, n: int) -> list[str | None]:
    return [NAME_OF.get(h.pid) for h in searcher.search(query, per_page=n).results]


def _languages(searcher, query: str) -> set[str]:
    return {v for r in searcher.understand(query).recognised if r.facet == "language" and r.applied for v in r.values}


# ------------------------------------------------------------ every name of a language
def test_the_generated_names_hold_autonyms_english_names_and_macrolanguage_members():
    assert NAMES["IsiXhosa"] == "xh" and NAMES["Cymraeg"] == "cy" and NAMES["suomi"] == "fi"
    assert NAMES["中文"] == "zh" and NAMES["Tiếng Việt"] == NAMES["Tieng Viet"] == "vi"
    assert NAMES["Chewa"] == "ny" and NAMES["European Portuguese"] == "pt"
    assert NAMES["Sudanese Arabic"] == "ar" and NAMES["Hakka Chinese"] == "zh"


@pytest.mark.parametrize("query, code", [
    ("isiXhosa support, anyone?", "xh"),  # set 12: read nothing, scored 0
    ("Anything in Kiswahili?", "sw"),
    ("Modelle auf Deutsch?", "de"),
    ("models that speak Tiếng Việt", "vi"),
    ("models that speak tieng viet", "vi"),
    ("a chatbot that answers in 中文", "zh"),
    ("something that writes 日本語", "ja"),
    ("a Kreyòl Ayisyen text model", "ht"),
    ("a model for isiZulu", "zu"),
    ("Is there anything for Sudanese Arabic?", "ar"),  # a language the macrolanguage Arabic groups
    ("Chichewa models", "ny"),
    ("a model for Sepedi speakers", "nso"),  # a code the snapshot's models list that had no concept
])
def test_a_language_is_read_by_its_own_and_other_names(searcher, query, code):
    assert code in _languages(searcher, query)


def test_a_language_named_by_its_autonym_ranks_its_model_first(searcher):
    assert searcher.search("isiXhosa support, anyone?").results[0].pid == model_pid("acme/speaks-xh", BASE)


def test_a_name_in_another_script_names_only_its_language_not_a_member_without_models(searcher):
    # "中文" is Chinese's name; Mandarin, which the macrolanguage groups, does not take it (no note of a language
    # no model is tagged with)
    u = searcher.understand("a chatbot that answers in 中文")
    assert not [r for r in u.recognised if r.facet == "language" and not r.applied]


def test_a_name_of_two_languages_notes_none_when_one_is_held(searcher):
    # "Filipino" is Filipino (fil, no model) and Tagalog's autonym (tl; the Hub tags Tagalog): no note of fil
    u = searcher.understand("a Filipino chatbot")
    assert "tl" in _languages(searcher, "a Filipino chatbot")
    assert not [r for r in u.recognised if r.facet == "language" and not r.applied]


def test_every_generated_name_reads_its_language(searcher):
    # (the module's models cover only some languages: the names of the others are read and noted, not applied)
    missed = []
    for name, code in NAMES.items():
        u = searcher.understand(f"Which models work in {name}?")
        said = {v for r in u.recognised if r.facet == "language" for v in r.values} | {
            code for r in u.recognised if r.facet == "language" and not r.applied and repr(code) in r.note}
        if code not in said:
            missed.append((name, code))
    assert not missed


# ------------------------------------------------------------ a group of languages
@pytest.mark.parametrize("query, members", [
    ("Which models cover many of India's languages at once, not just Hindi?", {"hi", "ta", "te", "bn"}),
    ("models for Indian languages", {"hi", "ta"}),
    ("Indic language models", {"hi", "mr"}),
    ("anything for the languages of South Africa?", {"xh", "zu", "tn", "st", "nso"}),
    ("a chatbot for African languages", {"sw", "zu", "xh"}),
    ("a chatbot for the Nordic languages", {"sv"}),
])
def test_a_group_of_languages_prefers_its_languages(searcher, query, members):
    [group] = [r for r in searcher.understand(query).recognised if r.facet == "language" and r.applied]
    assert members <= set(group.values) and group.mode == "boost"
    assert "en" not in group.values  # official in India and South Africa, not their own language


def test_a_group_ranks_the_models_listing_more_of_its_languages_first(searcher):
    names = _ranked(searcher, "Which models cover many Indian languages?", 20)
    assert names.index("acme/indic-nine") < names.index("acme/indic-three") < names.index("acme/hindi-english")
    assert names.index("acme/hindi-english") < names.index("acme/silent")


def test_a_group_is_a_preference_models_stating_no_language_stay(searcher):
    names = _ranked(searcher, "Which models cover many Indian languages?", 50)
    assert "acme/silent" in names


def test_a_task_asked_beside_a_group_stays_first(searcher):
    names = _ranked(searcher, "speech recognition for Indian languages", 10)
    # (the task's model listing the group's languages first, as for a language stated beside a task; the models
    # listing more of them next)
    assert names[0] == "acme/asr-indic" and names.index("acme/indic-nine") < names.index("acme/indic-three")


@pytest.mark.parametrize("query", ["a language model for Indian recipes", "Indian cooking tips from a language model",
                                   "a language model trained on African folk tales",
                                   "a detector for Nordic walking poles", "a Nordic noir crime story writer",
                                   "a model to predict crop yields in India", "classify photos of wildlife in Africa",
                                   "Which models were made in Europe?", "news headlines from Nigeria"])
def test_a_groups_words_apart_name_no_group(searcher, query):
    assert not [r for r in searcher.understand(query).recognised if r.note == "read from a group of languages"]
