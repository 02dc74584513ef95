"""Languages named by a place or its people (session 14): "for Hong Kong speakers" prefers Cantonese, through the
places the language vocabulary gives each language (``skos:hiddenLabel``)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.factories import BASE, concepts_searcher, model_doing, model_pid

LANGUAGES = Path(__file__).resolve().parents[1] / "registry" / "ontology" / "vocabularies" / "languages.ttl"


def _places() -> dict[str, str]:
    """Return every place of the language vocabulary -> the code of the language it names."""
    out = {}
    for block in LANGUAGES.read_text().split("\n\n"):
        code = re.search(r'skos:notation "([^"]+)"', block)
        if code is None or "mv:language-" not in block:
            continue
        for hidden in re.findall(r'skos:hiddenLabel ([^;]+);', block):
            for place in re.findall(r'"([^"]+)"@en', hidden):
                out[place] = code.group(1)
    return out


PLACES = _places()


@pytest.fixture(scope="module")
def searcher():
    records = [model_doing("acme/yue-writer", "text-generation", languages=("yue",), downloads=3,
                           description="Continues a story one sentence at a time.")]
    # popular text generators stating English or nothing, whose words match "language model" better
    records += [model_doing(f"acme/language-model-{i}", "text-generation", languages=("en",) if i % 2 else (),
                            downloads=5000 * (i + 1), description="A large language model. A language model for chat.")
                for i in range(8)]
    records += [model_doing(f"acme/speaks-{code}", None, languages=(code,), description="Continues a story.")
                for code in sorted(set(PLACES.values()) - {"yue"})]
    yield from concepts_searcher(records)


def test_the_vocabulary_gives_places_for_several_languages():
    assert PLACES["Hong Kong"] == "yue" and PLACES["Brazil"] == "pt" and PLACES["Kenya"] == "sw"


def test_a_language_named_by_its_speakers_place_ranks_the_models_stating_it_first(searcher):
    # "Hong Kong" read nothing: the popular language models came first and the Cantonese one below them
    query = "language model for Hong Kong speakers"
    u = searcher.understand(query)
    [cantonese] = [r for r in u.recognised if r.facet == "language" and r.values]
    assert cantonese.values == ("yue",)
    assert searcher.search(query).results[0].pid == model_pid("acme/yue-writer", BASE)


def test_a_place_is_a_preference_for_its_language_never_a_filter(searcher):
    # a place is not the language's name: models stating no language, or another, are kept
    u = searcher.understand("a text generator for people in Hong Kong")
    assert [r.mode for r in u.recognised if r.facet == "language" and r.values] == ["boost"]
    found = {h.pid for h in searcher.search("a text generator for people in Hong Kong", per_page=20).results}
    assert model_pid("acme/language-model-0", BASE) in found  # it states no language
    assert model_pid("acme/language-model-1", BASE) in found  # it states English


def test_every_place_of_the_vocabulary_reads_its_language(searcher):
    missed = []
    for place, code in PLACES.items():
        u = searcher.understand(f"Which models suit users in {place}?")
        read = {v for r in u.recognised if r.facet == "language" for v in r.values}
        if code not in read:
            missed.append((place, code, read))
    assert not missed


# ------------------------------------------------------------ a language few state beside a task read from loose words
@pytest.fixture(scope="module")
def assistants():
    records = [model_doing("acme/ko-helper", "text-generation", languages=("ko", "en"), downloads=2,
                           description="Replies to requests."),
               model_doing("acme/ko-tagger", "token-classification", languages=("ko",), downloads=900,
                           description="Marks names of people and places."),
               model_doing("acme/ko-looker", "image-text-to-text", languages=("ko",), downloads=1,
                           description="Replies about a picture.")]
    # popular assistants stating no language, whose words match the question better
    records += [model_doing(f"acme/assistant-{i}", "text-generation", downloads=4000 * (i + 1),
                            description="A helpful assistant. The assistant speaks with you.") for i in range(8)]
    records += [model_doing(f"acme/en-writer-{i}", "text-generation", languages=("en",), description="Writes.")
                for i in range(25)]
    yield from concepts_searcher(records)


def test_a_rare_language_beside_a_loose_task_puts_the_models_stating_both_first(assistants):
    # "assistant" is a task read from loose words: the popular assistants stating no language were first, the one
    # stating Korean below them
    names = [h.pid for h in assistants.search("assistant that speaks Korean").results]
    assert names[0] == model_pid("acme/ko-helper", BASE)
    # then the models stating the language without the task, before those stating none
    stating = [names.index(model_pid(n, BASE)) for n in ("acme/ko-tagger", "acme/ko-looker")]
    assert max(stating) < names.index(model_pid("acme/assistant-7", BASE))
