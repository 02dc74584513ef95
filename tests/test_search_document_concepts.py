"""A model's index document carries the text of the concepts it points at: a question in everyday words
meets the models whose records never use those words (document expansion, docs/search.md "What is indexed")."""

from __future__ import annotations

import pytest
import numpy as np
from pyoxigraph import Literal, NamedNode, Triple

from harvesters.vocabularies import harvest
from registry.pid import mint_id, pid_iri
from registry.search import open_searcher
from registry.search.document import build_docs, indexed_versions, read_concepts
from registry.search.engine import MemoryEngine
from registry.search.concepts import ConceptIndex
from registry.search.text import (FLOW_MODALITIES, concept_term, flow_term, flows, query_terms, sparse_vector,
                                  term_id)
from registry.store import Store
from registry.vocab import FAIR4ML, MLFDO
from tests.data.search.records import make_registry, shared_embedder
from tests.factories import BASE, model_pid, model_record
from tests.test_search_word_forms import make_engine


def _task(task_id: str) -> NamedNode:
    return NamedNode(pid_iri(BASE, mint_id("hf-task", task_id)))


@pytest.fixture(scope="module")
def store():
    store = Store.open(None, BASE)
    harvest(store, BASE)
    store.ingest_many([
        model_record("acme/esc-tagger", description="A fine-tuned checkpoint of wav2vec2 on ESC-50.",
                     extra=[Triple(NamedNode(model_pid("acme/esc-tagger")), FAIR4ML.mlTask, _task("audio-classification"))]),
        model_record("acme/story-writer", description="A fine-tuned checkpoint of a small decoder.",
                     extra=[Triple(NamedNode(model_pid("acme/story-writer")), FAIR4ML.mlTask, _task("text-generation"))]),
        model_record("acme/reader", description="A fine-tuned checkpoint for speech.",
                     extra=[Triple(NamedNode(model_pid("acme/reader")), FAIR4ML.mlTask, _task("text-to-speech")),
                            Triple(NamedNode(model_pid("acme/reader")), MLFDO.library, Literal("espnet"))]),
    ])
    return store


def _docs(store):
    items = indexed_versions(store, ("model",))
    return {d.pid: d for d in build_docs(store, sorted(items.values()))}


def test_a_model_document_holds_the_words_of_its_task_concept(store):
    doc = _docs(store)[model_pid("acme/esc-tagger")]
    held = set(doc.sparse[0])
    # the record says none of these; the audio-classification concept's definition and jobs do, as concept terms
    assert {term_id(concept_term(w)) for w in ("sound", "clip", "speaker")} <= held
    assert not {term_id(w) for w in ("sound", "clip", "speaker")} & held  # the record's words stay its own


def test_a_model_document_holds_its_library_concepts_words_and_its_tasks_direction_as_one_term_each(store):
    doc = _docs(store)[model_pid("acme/reader")]
    held = set(doc.sparse[0])
    # text-to-speech takes text in and gives audio back: one term per direction, never the words "input", "audio"
    assert {term_id(concept_term("espnet")), term_id(flow_term("input", "text")),
            term_id(flow_term("output", "audio"))} <= held
    assert term_id(flow_term("input", "audio")) not in held
    assert not {term_id(concept_term(w)) for w in ("input", "output")} & held


def test_a_question_stating_a_direction_finds_only_the_models_whose_task_goes_that_way():
    # both records say "image"; only the classifier's task takes one in (the generator's gives one back)
    records = {
        "picture-painter": {"description": ["Paints an image from a prompt."],
                            "flows": [flow_term("input", "text"), flow_term("output", "image")]},
        "photo-sorter": {"description": ["Sorts an image into classes."],
                         "flows": [flow_term("input", "image"), flow_term("output", "text")]},
        **{f"other-{i}": {"description": ["Something else."]} for i in range(6)},
    }
    engine = make_engine(records)
    for question, found in (("Which models take an image as their input?", ["photo-sorter"]),
                            ("Which models produce an image as their output?", ["picture-painter"]),
                            ("image in, text out", ["photo-sorter"])):
        scores, ok = engine.keyword_scores(query_terms(question), 1)
        assert [engine.docs[s].name for s in sorted(np.flatnonzero(ok), key=lambda s: -scores[s])] == found, question


def test_every_kind_of_data_a_question_or_a_task_names_is_a_modality_of_the_vocabulary(store):
    index = ConceptIndex(store)
    assert [code for code in set(FLOW_MODALITIES.values()) if index.of("modality", code) is None] == []
    # and every direction a task states can be asked for in words
    askable = {flow_term(d, code) for code in FLOW_MODALITIES.values() for d in ("input", "output")}
    assert {t for terms in read_concepts(store).flows.values() for t in terms} - askable == set()


def test_concept_text_is_read_once_for_every_task_and_library(store):
    concepts = read_concepts(store)
    assert str(_task("audio-classification").value) in concepts.tasks
    assert "espnet" in concepts.libraries
    assert not [p for p in concepts.tasks if "language" in p]  # languages and licences are the record's own facts


def test_a_question_in_everyday_words_finds_the_model_through_its_task(store):
    # neither record holds a word of the question; the audio-classification concept's words do
    docs = _docs(store)
    engine = MemoryEngine(8)
    engine.upsert(list(docs.values()), np.eye(len(docs), 8, dtype=np.float32))
    scores, ok = engine.keyword_scores(query_terms("listen to a short clip and say what kind of sound it is"), 1)
    ranked = [engine.docs[s].pid for s in sorted(np.flatnonzero(ok), key=lambda s: -scores[s])]
    assert ranked[:1] == [model_pid("acme/esc-tagger")]


def test_concept_words_do_not_lengthen_the_document():
    alone = dict(zip(*sparse_vector({"description": ["tiny checkpoint"]})))
    expanded = dict(zip(*sparse_vector({"description": ["tiny checkpoint"],
                                        "concepts": ["Assigns labels to a sound clip " * 5]})))
    assert expanded[term_id("tiny")] == alone[term_id("tiny")]
    assert expanded[term_id(concept_term("sounds"))] > 0 and term_id("sound") not in expanded


def test_a_word_only_concepts_say_does_not_raise_the_bar_for_a_records_rare_word():
    # every chat model's task says "draft an email"; one record says "job": the question's two words do not
    # both have to be met, as when no record said "draft"
    records = {f"chat-{i}": {"description": ["A chat model."], "concepts": ["draft an email for me"]} for i in range(5)}
    records["job-writer"] = {"description": ["Writes job descriptions."]}
    records.update({f"other-{i}": {"description": ["Something else."]} for i in range(10)})
    engine = make_engine(records)
    scores, ok = engine.keyword_scores(query_terms("draft a job advert for a position I am hiring for"), 2)
    found = [engine.docs[s].name for s in sorted(np.flatnonzero(ok), key=lambda s: -scores[s])]
    assert found[0] == "job-writer" and set(found[1:]) == {f"chat-{i}" for i in range(5)}


def test_a_model_indexed_after_the_vocabularies_change_carries_their_text():
    registry = make_registry(None)
    searcher = open_searcher(registry, embedder=shared_embedder())
    assert not searcher.index.concepts().tasks  # read once when the index was built: no vocabularies then
    harvest(registry.store, BASE)  # concept FDOs change: their text is read again for the next documents
    pid = model_pid("acme/esc-tagger")
    registry.store.ingest_many([model_record("acme/esc-tagger", description="A fine-tuned checkpoint.", extra=[
        Triple(NamedNode(pid), FAIR4ML.mlTask, _task("audio-classification"))])])
    doc = searcher.engine.docs[searcher.engine.slot_of[pid]]
    assert term_id(concept_term("sound")) in doc.sparse[0]
    searcher.close()
    registry.close()


def _birds_searcher(prefix: str, description: str):
    """Yield a searcher over three audio classifiers ``prefix``-0..2 (10^6, 10^5, 10^4 downloads, ``description``)
    and one record saying "bird" that nobody downloaded; close it after (the body of a module fixture)."""
    registry = make_registry(None)
    harvest(registry.store, BASE)
    classifiers = [model_record(f"{prefix}-{i}", description=description, downloads=10 ** (6 - i),
                                extra=[Triple(NamedNode(model_pid(f"{prefix}-{i}")), FAIR4ML.mlTask,
                                              _task("audio-classification"))]) for i in range(3)]
    registry.store.ingest_many([*classifiers, model_record(
        "acme/field-notes", downloads=0,
        description="Notes kept over many seasons of walks in the wetlands, with a bird list and the weather.")])
    searcher = open_searcher(registry, embedder=shared_embedder())
    yield searcher
    searcher.close()
    registry.close()


@pytest.fixture(scope="module")
def popular_searcher():
    # three popular audio classifiers, whose records never say "bird" (their task's jobs do), and one record
    # that says it, downloaded by nobody
    yield from _birds_searcher("acme/sound-tagger", "A fine-tuned checkpoint.")


def test_a_popular_model_found_through_its_tasks_words_alone_goes_after_the_record_saying_the_word(popular_searcher):
    hits = popular_searcher.search("bird", mode="keyword", understand=False, per_page=10).results
    names = [h.name for h in hits]
    assert names[0] == "field-notes"
    assert {f"sound-tagger-{i}" for i in range(3)} <= set(names)  # still found, below it


def test_a_model_found_through_its_tasks_words_alone_is_not_said_to_match_the_words(popular_searcher):
    hits = {h.name: h.match for h in popular_searcher.search("bird", mode="keyword", understand=False).results}
    assert hits["field-notes"] == "keyword"
    assert {hits[f"sound-tagger-{i}"] for i in range(3)} == {"semantic"}


def test_models_whose_tasks_say_more_of_the_question_than_any_record_keep_their_popularity(popular_searcher):
    # the classifiers' task says "recognise a bird from its song": two of the question's words, the notes one
    hits = popular_searcher.search("bird song", mode="keyword", understand=False, per_page=10).results
    assert hits[0].name == "sound-tagger-0"


@pytest.mark.parametrize("question, stated", [
    ("Which models take an image as their input?", [("input", "image")]),
    ("image in, text out", [("input", "image"), ("output", "text")]),
    ("Which models produce audio as their output?", [("output", "audio")]),
    ("output audio", [("output", "audio")]),
    ("models whose inputs are photos", [("input", "image")]),
    ("text in French", []),
    ("image models", []),
    ("turn text into speech", []),
    ("What is the output of an image classifier?", []),  # "output of": what it gives, no kind of data stated
])
def test_a_question_states_a_direction_only_with_input_or_output_words(question, stated):
    assert [(direction, code) for direction, code, _ in flows(question)] == stated



@pytest.fixture(scope="module")
def neighbour_searcher():
    # popular audio classifiers near "bird" in meaning (sparrows, owls, finches) whose records never say it (their
    # task's jobs do), and one record that says it, downloaded by nobody
    yield from _birds_searcher("acme/call-tagger",
                               "Tags the calls of sparrows, owls, finches and gulls in field audio.")


def test_a_neighbour_found_through_its_tasks_words_alone_does_not_pass_the_record_saying_the_word(
        neighbour_searcher):
    # being near in meaning too earned the classifiers neither the dense side's lift nor a popularity rank above
    # the record holding the word (docs/search.md, "Ranking")
    hits = neighbour_searcher.search("bird", mode="hybrid", understand=False, per_page=10).results
    print([(h.name, h.match, round(h.score, 5)) for h in hits])
    assert hits[0].name == "field-notes"
    assert {h.name for h in hits} >= {f"call-tagger-{i}" for i in range(3)}  # still found, below it
