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
from registry.search.text import concept_term, query_terms, sparse_vector, term_id
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


def test_a_model_document_holds_its_library_concepts_words_and_its_tasks_direction(store):
    doc = _docs(store)[model_pid("acme/reader")]
    held = set(doc.sparse[0])
    assert {term_id(concept_term("espnet")), term_id(concept_term("output"))} <= held


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
