"""Questions about what a record states (session 17): a bound before an approximate size, the presence of a field
(a DOI, a paper, emissions, a custom licence...), identifiers written in words, tags one letter off a concept's name."""

from __future__ import annotations

import pytest
from pyoxigraph import Literal, NamedNode, Triple

from registry.pid import mint_id, pid_iri
from registry.record import Record, SourceInfo
from registry.search.understand import Understander
from registry.vocab import MLFDO, RDF, SCHEMA, XSD
from tests.factories import BASE, concepts_searcher, model_pid, model_record, weights


def reader(**facets: list[str]) -> Understander:
    """Return an Understander over an index holding these facet values (one FDO each)."""
    vocab = {facet: {key: (key, 1) for key in keys} for facet, keys in facets.items()}
    return Understander(lambda facet: vocab.get(facet, {}))


# ------------------------------------------------------------ a bound before an approximate size
@pytest.mark.parametrize("query, value", [
    ("Which models fit on my card, so under about 8 billion parameters?", "<8B"),
    ("models with less than roughly 3B parameters", "<3B"),
    ("an encoder of at most around 500 million parameters", "<=500M"),
    ("no more than approximately 2 billion parameters, please", "<=2B"),
    ("Which chat models are over about 70B parameters?", ">70B"),
])
def test_a_bound_before_an_approximate_count_is_the_bound_not_a_band(query, value):
    u = reader(kind=["model"]).understand(query)
    assert u.filters()["params"] == [value]
    assert "params" not in u.boosts()


# ------------------------------------------------------------ what a record states: the ``states`` facet
STATES = ["doi", "paper", "emissions", "base_model", "dataset", "evaluation", "licence", "custom_licence",
          "no_licence", "card"]


@pytest.mark.parametrize("query, key", [
    ("Do any of your models carry a digital object identifier I can cite?", "doi"),
    ("list the models with DOIs", "doi"),
    ("Which models report their carbon footprint?", "emissions"),
    ("Which models declare the CO2 emissions of their training?", "emissions"),
    ("How much carbon was emitted training these models?", "emissions"),
    ("Which models come under a bespoke licence?", "custom_licence"),
    ("models released with a licence of their own", "custom_licence"),
    ("Which models use a non-standard licence instead of a common one?", "custom_licence"),
    ("Which models cite a paper?", "paper"),
    ("Which models list an arXiv id?", "paper"),
    ("Which models publish evaluation results?", "evaluation"),
    ("Which models state no licence at all?", "no_licence"),
    ("show me models without a licence", "no_licence"),
    ("Which models name their training data?", "dataset"),
    ("Do any models state a base model?", "base_model"),
    ("Which models come with a model card?", "card"),
])
def test_a_question_about_a_field_a_record_states_filters_on_its_presence(query, key):
    u = reader(kind=["model"], states=STATES).understand(query)
    assert u.filters()["states"] == [key]
    assert "licence" not in u.filters()


@pytest.mark.parametrize("passing, asked", [
    ("Which models implement the LoRA paper?", "Which models cite a paper?"),
    ("Which models name Llama 2 as their base model?", "Which models name a base model?"),
    ("I have a card with 16 GB of memory: what fits?", "Which models have a model card?"),
    ("Which models have a licence that allows commercial use?", "Which models have a licence?"),
    ("Which models have an MIT licence?", "Which models state a licence?"),
    ("Has anyone fine-tuned with a paper's method?", "Has anyone fine-tuned a model with a paper?"),
    ("Which models come with the LoRA paper?", "Which models come with a paper?"),
    ("Which models cite the study that quantifies the carbon emissions of machine learning?",
     "Which models state the carbon emissions of their training?"),
])
def test_a_field_named_in_passing_or_with_its_value_is_no_presence_filter(passing, asked):
    words = reader(kind=["model"], states=STATES)
    assert "states" not in words.understand(passing).filters()
    assert "states" in words.understand(asked).filters()


def test_a_field_no_record_states_is_shown_and_filters_nothing():
    u = reader(kind=["model"], states=["licence"]).understand("Which models have a DOI?")
    [doi] = [r for r in u.recognised if r.facet == "states"]
    assert not doi.values and "no indexed FDO states a DOI" in doi.note


# ------------------------------------------------------------ searches over records
def _openml_dataset(number: str, name: str, keywords: tuple[str, ...] = ()) -> Record:
    pid = pid_iri(BASE, mint_id("openml-dataset", number))
    s = NamedNode(pid)
    triples = [Triple(s, RDF.type, SCHEMA.Dataset), Triple(s, SCHEMA.name, Literal(name)),
               Triple(s, SCHEMA.identifier, Literal(number)),
               Triple(s, SCHEMA.description, Literal(f"The {name} data, measured rows of a table."))]
    triples += [Triple(s, SCHEMA.keywords, Literal(k)) for k in keywords]
    return Record(pid, triples, kind="dataset", platform="openml-dataset", platform_id=number,
                  source=SourceInfo("test", "1"))


def _says(name: str, prop, obj, **kwargs) -> Record:
    return model_record(name, extra=[Triple(NamedNode(model_pid(name)), prop, obj)], **kwargs)


@pytest.fixture(scope="module")
def searcher():
    doi = "https://doi.org/10.57967/hf/"
    records = [
        _says("acme/minted", SCHEMA.sameAs, NamedNode(doi + "1234"), description="Writes poems."),
        _says("acme/cited", SCHEMA.citation, NamedNode("https://doi.org/10.1000/xyz"), description="Sorts mail."),
        _says("acme/green", MLFDO.co2eEmissionsGrams, Literal("1500.0", datatype=XSD.double),
              description="Reads receipts."),
        _says("acme/own-terms", MLFDO.licenseName, Literal("other"), licence=None, description="Draws maps."),
        model_record("acme/no-terms", licence=None, description="Counts sheep."),
        model_record("acme/litterature-tagged", keywords=("Litterature",), description="Turns prose into verse.",
                     downloads=0),
        model_record("acme/quotes-tagged", keywords=("quotes",), description="Finds famous lines.", downloads=900),
        model_record("acme/chemisty-tagged", keywords=("chemisty",), description="Answers questions.", downloads=0),
        model_record("acme/two-off-tagged", keywords=("litratue", "chmisty"), description="Answers questions."),
        model_record("acme/nncf-tagged", keywords=("nncf", "openvino"), description="An int8 copy.", downloads=0),
        model_record("acme/intel-chat", description="A chat model by Intel fans.", downloads=5000),
        _openml_dataset("1", "anneal", keywords=("study_14", "uci")),
        _openml_dataset("61", "iris", keywords=("study_7",)),
        _openml_dataset("3", "OpenML dataset 3"),
        _openml_dataset("610", "kr-vs-kp"),
    ]
    records += [model_record(f"acme/plain-{i}", description="A general text model that writes papers and reads data.",
                             downloads=10_000 + i, keywords=("llm",)) for i in range(30)]
    yield from concepts_searcher(records)


@pytest.mark.parametrize("query, names", [
    ("Which models have a DOI that I could put in a reference list?", {"acme/minted", "acme/cited"}),
    ("Which models state how much CO2 was emitted while training them?", {"acme/green"}),
    ("Which models ship with a custom licence of their own rather than one of the standard ones?", {"acme/own-terms"}),
    ("Which models say nothing about their licence, with no licence at all?", {"acme/no-terms"}),
])
def test_the_records_stating_a_field_are_the_answers_and_the_filter_is_shown(searcher, query, names):
    r = searcher.search(query)
    assert {h.pid for h in r.results} == {model_pid(n) for n in names}
    [read] = [x for x in r.recognised if x.facet == "states"]
    assert read.applied and read.mode == "filter"
    states = {v.value: v.count for f in r.facets if f.name == "states" for v in f.values}
    assert states and all(states[k] for k in read.values)
    assert not any(x.facet == "licence" and x.applied for x in r.recognised)  # "a custom licence" is no family


def test_the_states_facet_says_what_each_record_states(searcher):
    r = searcher.search("", filters={"states": ["doi"]})
    assert {h.pid for h in r.results} == {model_pid("acme/minted"), model_pid("acme/cited")}
    r = searcher.search("", filters={"states": ["custom_licence"]})
    assert [h.pid for h in r.results] == [model_pid("acme/own-terms")]
    # the filter read from the question goes with its ✕ (drop=states)
    dropped = searcher.search("Which models have a DOI?", drop={"states"})
    assert "states" not in dropped.filters and dropped.total > 2


# ------------------------------------------------------------ a tag one letter off a subject's name, an acronym's tag
@pytest.mark.parametrize("query, name", [
    ("Anything literary?", "acme/litterature-tagged"),
    ("Which models are about literature?", "acme/litterature-tagged"),
    ("Anything for chemistry?", "acme/chemisty-tagged"),
])
def test_a_tag_one_letter_off_a_subjects_marker_shows_the_subject(searcher, query, name):
    shown = weights(searcher, query, [name, "acme/two-off-tagged", "acme/plain-0"])
    assert shown[name] > 0
    assert shown["acme/two-off-tagged"] == shown["acme/plain-0"] == 0
    assert model_pid(name) in {h.pid for h in searcher.search(query).results}


@pytest.mark.parametrize("query", ["Has anything been compressed with Intel's NNCF?",
                                   "Which models went through NNCF?", "anything optimised by NNCF for OpenVINO"])
def test_an_acronym_a_few_records_carry_as_a_tag_is_read_as_that_tag(searcher, query):
    r = searcher.search(query)
    assert "nncf" in r.understanding.tags
    assert r.results[0].pid == model_pid("acme/nncf-tagged")


def test_an_acronym_named_as_a_subject_is_no_tool(searcher):
    assert "nncf" not in searcher.understand("Which models detect NNCF artefacts?").tags
    assert "nncf" in searcher.understand("Which models were shrunk using NNCF?").tags


def test_an_acronym_many_records_carry_as_a_tag_is_no_tag_reading(searcher):
    assert "llm" not in searcher.understand("Which LLM was compressed with NNCF?").tags
    assert "nncf" in searcher.understand("Which LLM was compressed with NNCF?").tags


# ------------------------------------------------------------ identifiers written in words, a paper the asker reads
@pytest.mark.parametrize("query, number", [
    ("A paper I'm reading uses the data of OpenML study 14. Does the registry hold any of it?", "1"),
    ("I'm reading a paper that benchmarks on OpenML suite 7; is any of it here?", "61"),
    ("What is in study 14?", "1"),
])
def test_an_openml_study_named_by_its_number_finds_its_members_and_a_paper_read_is_no_kind(searcher, query, number):
    r = searcher.search(query)
    assert r.results[0].pid == pid_iri(BASE, mint_id("openml-dataset", number))
    assert "kind" not in r.filters


@pytest.mark.parametrize("query, number", [
    ("Which tasks are on OpenML dataset 61?", "61"),
    ("Does the registry have OpenML dataset 610?", "610"),
    ("Is OpenML data set 1 in the registry?", "1"),
])
def test_an_openml_object_named_by_kind_and_number_comes_first(searcher, query, number):
    assert searcher.search(query).results[0].pid == pid_iri(BASE, mint_id("openml-dataset", number))


def test_a_paper_asked_for_is_still_the_kind_a_paper_read_is_not():
    words = reader(kind=["model", "paper"])
    assert words.understand("Which papers describe low-rank adapters?").filters()["kind"] == ["paper"]
    read = words.understand("I'm reading a paper on low-rank adapters. Which models use them?")
    assert read.filters()["kind"] == ["model"] and "paper" not in read.text


# ------------------------------------------------------------ words telling several bases a name reads apart
PRUNED = ["huihui-ai/DeepSeek-R1-Pruned-Coder-411B", "huihui-ai/DeepSeek-V3-Pruned-Coder-411B",
          "deepseek-ai/DeepSeek-V3", "deepseek-ai/DeepSeek-R1"]


@pytest.mark.parametrize("query, kept", [
    ("Has anyone made a quantised file of huihui-ai's 411B code-pruned DeepSeek-V3?", PRUNED[1]),
    ("What was built on huihui-ai's 411B coder, the R1 one?", PRUNED[0]),
    ("Which models were made from huihui-ai's 411B coder, the V3 version?", PRUNED[1]),
])
def test_the_words_after_a_name_of_several_bases_choose_among_them(query, kept):
    [base] = [r for r in reader(base_model=PRUNED).understand(query).recognised if r.facet == "base_model"]
    assert base.values == (kept,)


def test_words_every_base_holds_choose_nothing():
    words = reader(base_model=PRUNED)
    [both] = [r for r in words.understand("What was built on huihui-ai's 411B coder?").recognised
              if r.facet == "base_model"]
    [one] = [r for r in words.understand("What was built on huihui-ai's 411B coder, the V3 one?").recognised
             if r.facet == "base_model"]
    assert set(both.values) == set(PRUNED[:2]) and one.values == (PRUNED[1],)


# ------------------------------------------------------------ the Hub harvest keeps its own licence name
@pytest.mark.parametrize("card, names", [
    ({"license": "other"}, {"other"}),
    ({"license": "other", "license_name": "exaone", "license_link": "LICENSE"}, {"other"}),
    ({"license": "llama3.1"}, {"llama3.1"}),
    ({"license": ["apache-2.0", "other"]}, {"other"}),  # (an SPDX licence beside it keeps no name)
])
def test_the_hub_harvest_keeps_the_hubs_name_of_a_licence_with_no_spdx_id(card, names):
    from harvesters.huggingface.transform import transform

    info = {"id": "acme/termed", "cardData": card}
    [model, *_] = transform(info, base_url=BASE)
    kept = {t.object.value for t in model.triples if t.predicate == MLFDO.licenseName}
    assert kept == names
