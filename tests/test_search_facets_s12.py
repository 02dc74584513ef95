"""Facets read from a question (session 12): an approximate size, a licence qualified by its owner, fine-tuning tools
the Hub shows as tags, languages called by any of their names, and a language few state beside strict filters."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pyoxigraph import Literal, NamedNode, Triple

from registry.search.understand import Understander
from registry.vocab import SCHEMA
from tests.factories import BASE, concepts_searcher, model_doing, model_pid, model_record
from tests.cpu import assert_cpu_within

LANGUAGES = Path(__file__).resolve().parents[1] / "registry" / "ontology" / "vocabularies" / "languages.ttl"


def reader(**facets: list[str]) -> Understander:
    """Return an Understander over an index holding these facet values (one FDO each)."""
    vocab = {facet: {key: (key, 1) for key in keys} for facet, keys in facets.items()}
    return Understander(lambda facet: vocab.get(facet, {}))


# ------------------------------------------------------------ an approximate size
@pytest.mark.parametrize("query, value, near", [
    # the filter: a factor 1.25 either way (APPROX_FACTOR); the nearest first: 10% (APPROX_NEAR_SHARE)
    ("Which models have roughly seven billion parameters?", "5.6B-8.75B", ["6.3B-7.7B"]),
    ("models with about 1.5B parameters", "1.2B-1.88B", ["1.35B-1.65B"]),
    ("Which models have around 70 billion parameters?", "56B-87.5B", ["63B-77B"]),
    ("a model of approximately two and a half billion parameters", "2B-3.12B", ["2.25B-2.75B"]),
])
def test_a_count_said_to_be_approximate_is_the_counts_within_a_factor_of_it(query, value, near):
    u = reader(kind=["model"]).understand(query)
    assert u.filters()["params"] == [value]
    assert u.boosts().get("params") == near
    assert "billion" not in u.text.lower() and "parameters" not in u.text


def test_an_approximate_count_of_something_else_is_no_size():
    u = reader().understand("models trained on about 7 billion tokens")
    assert "params" not in u.filters()


def test_a_size_word_beside_a_size_written_out_is_its_word_not_a_topic():
    u = reader(kind=["model"]).understand("Which models are truly enormous, above 500 billion parameters?")
    assert u.filters()["params"] == [">500B"] and u.text == ""


# ------------------------------------------------------------ a licence qualified by its owner
OPENRAIL = ["openrail", "bigcode-openrail-m", "creativeml-openrail-m", "openrail++", "bigscience-openrail-m"]


@pytest.mark.parametrize("query", ["Which models carry BigCode's OpenRAIL-M licence?",
                                   "models under the BigCode OpenRAIL-M license"])
def test_an_owner_before_a_licence_name_names_its_own_licence(query):
    assert reader(licence=OPENRAIL).understand(query).filters()["licence"] == ["bigcode-openrail-m"]


def test_a_licence_name_without_an_owner_keeps_every_licence_so_called():
    assert set(reader(licence=OPENRAIL).understand("Which models are under an OpenRAIL licence?")
               .filters()["licence"]) == set(OPENRAIL)


# ------------------------------------------------------------ fine-tuning tools the Hub shows as tags
def test_a_fine_tuning_tool_is_its_tag_not_a_base_model_under_its_account():
    u = reader(base_model=["unsloth/phi-4", "unsloth/Mistral-Small-24B-Base-2501"]).understand(
        "Which models were fine-tuned with Unsloth?")
    assert u.tags == ("unsloth",)
    assert not any(r.facet == "base_model" for r in u.recognised)


def test_a_tool_named_with_its_kind_is_its_tag_not_a_data_set_holding_the_word_tool():
    u = reader(dataset=["danilopeixoto/pandora-tool-calling"]).understand(
        "Which models were trained with the Axolotl fine-tuning tool?")
    assert u.tags == ("axolotl",)
    assert not any(r.facet == "dataset" for r in u.recognised)
    assert "tool" not in u.text


# ------------------------------------------------------------ languages called by any of their names
def _language_names() -> dict[str, str]:
    """Return every name of the language vocabulary (its label without a bracketed qualifier and its other labels)
    -> its code."""
    out = {}
    for block in LANGUAGES.read_text().split("\n\n"):
        code = re.search(r'skos:notation "([^"]+)"', block)
        if code is None or "mv:language-" not in block:
            continue
        label = re.search(r'skos:prefLabel "([^"]+)"', block).group(1)
        out[re.sub(r"\s*\([^)]*\)$", "", label)] = code.group(1)
        for alt in re.findall(r'skos:altLabel ([^;]+);', block):
            for name in re.findall(r'"([^"]+)"@en', alt):
                out.setdefault(name, code.group(1))
    return out


NAMES = _language_names()


@pytest.fixture(scope="module")
def searcher():
    codes = sorted(set(NAMES.values()))
    records = [model_doing("acme/nepali-writer", None, languages=("ne",), description="Writes short stories."),
               model_doing("acme/english-writer", None, languages=("en",), description="Writes short stories.")]
    records += [model_record(f"acme/speaks-{code}", description="Writes short stories.",
                             extra=[Triple(NamedNode(model_pid(f"acme/speaks-{code}", BASE)), SCHEMA.inLanguage,
                                           Literal(code))]) for code in codes if code not in ("ne", "en")]
    yield from concepts_searcher(records)


@pytest.mark.parametrize("query", ["Is there a model that handles Nepali?", "Any Nepalese models?"])
def test_a_language_the_vocabulary_calls_so_is_a_lenient_filter(searcher, query):
    u = searcher.understand(query)
    [nepali] = [r for r in u.recognised if r.facet == "language" and r.applied]
    assert nepali.values == ("ne",) and nepali.mode == "filter"
    assert searcher.search(query).results[0].pid == model_pid("acme/nepali-writer", BASE)


def test_every_language_of_the_vocabulary_a_record_holds_is_read_by_each_of_its_names(searcher):
    missed = []
    for name, code in NAMES.items():
        u = searcher.understand(f"Which models work in {name}?")
        read = {v for r in u.recognised if r.facet == "language" and r.applied for v in r.values}
        if code not in read:
            missed.append((name, code, read))
    assert not missed


# ------------------------------------------------------------ a language few state, beside strict filters only
@pytest.fixture(scope="module")
def painters():
    records = [model_doing("acme/zh-painter", "text-to-image", languages=("zh",), downloads=0,
                           description="Draws pictures from a description.")]
    records += [model_doing(f"acme/painter-{i}", "text-to-image", downloads=1000 * (i + 1),
                            description="Draws pictures from prompts. Good prompts give good pictures.")
                for i in range(6)]
    records += [model_doing("acme/zh-chat", None, languages=("zh",), description="Chats.")]
    # (few state Chinese: at most a tenth of the index)
    records += [model_doing(f"acme/speaker-{i}", "text-generation", languages=("en",), description="Chats.")
                for i in range(20)]
    yield from concepts_searcher(records)


def test_the_models_stating_a_rare_language_come_first_when_nothing_else_is_only_preferred(painters):
    names = [h.pid for h in painters.search("Which text-to-image models take prompts in Chinese?").results]
    assert names[0] == model_pid("acme/zh-painter", BASE)
    # a model stating the language and no task is not put before the models of the task asked for
    assert model_pid("acme/zh-chat", BASE) not in names[:7]


@pytest.mark.parametrize("query", ["a" * 10_000 + "apache", "mit " * 2_500])
def test_the_owner_before_a_licence_name_is_read_in_time_linear_in_the_question(query):
    # the owner was searched for in everything before each licence name: a 10 kB word before "apache" took ~6 s,
    # and 2,500 "mit" ~20 s
    assert_cpu_within(lambda: reader(licence=["apache-2.0", "mit"]).understand(query), 1.0)


@pytest.mark.parametrize("query", ["Which models can polish my rough drafts?", "which models detect faces from afar",
                                   "Is there a model to count the ewe and lambs in drone photos?"])
def test_a_language_name_that_is_an_everyday_word_is_the_word_when_written_as_one(searcher, query):
    # "polish my drafts" was the language Polish, a filter putting the Polish models first
    u = searcher.understand(query)
    assert not [r for r in u.recognised if r.facet == "language" and r.values], u.recognised


@pytest.mark.parametrize("query, code", [("Anything for Polish?", "pl"), ("models that write in polish", "pl"),
                                         ("Is there a model that speaks Afar?", "aa")])
def test_a_language_name_that_is_an_everyday_word_is_the_language_with_its_capital_or_after_in(searcher, query, code):
    u = searcher.understand(query)
    assert code in {v for r in u.recognised if r.facet == "language" and r.applied for v in r.values}


def test_many_matches_are_resolved_in_time_linear_in_the_question():
    # every match was checked against every match chosen before it: 2,700 licence names in 15 kB took ~1 s
    assert_cpu_within(lambda: reader(licence=["apache-2.0", "mit"]).understand(("mit apache " * 2_000)[:20_000]), 0.5)
