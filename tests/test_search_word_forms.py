"""Keyword search meets other forms of a word (stem terms beside the words as written), and an index of an older keyword format is indexed again, not read."""

from __future__ import annotations

import numpy as np
import pytest
from qdrant_client import models as qm

from registry.search import open_searcher
from registry.search.document import IndexDoc
from registry.search.engine import MemoryEngine
from registry.search.persist import point_id
from registry.search.text import KEYWORDS_FORMAT, morph, query_terms, sparse_vector, term_id
from tests.data.search.records import make_registry, make_searcher, pid_of


@pytest.mark.parametrize("forms", [
    ("translating", "translation", "translator", "translate", "translations"),
    ("summarise", "summarize", "summarization", "summarisation", "summary", "summarizer"),
    ("classifier", "classification", "classify", "classifiers"),
    ("detecting", "detection", "detector", "detect"),
    ("segmentation", "segmenter", "segment"),
])
def test_forms_of_one_word_share_a_stem(forms):
    assert len({morph(form) for form in forms}) == 1
    assert morph(forms[0]) is not None


@pytest.mark.parametrize("word,other", [("animate", "anime"), ("animate", "animal"), ("general", "generous")])
def test_unrelated_words_do_not_share_a_stem(word, other):
    assert morph(word) is None or morph(word) != morph(other)


def test_words_with_digits_or_short_stems_have_no_stem():
    assert morph("llama3") is None
    assert morph("bert") is None  # a stem under five letters: no stem term is indexed
    assert morph("anime") is None  # "anim" would join anime, animal and animate


def make_engine(records: dict[str, dict[str, list[str]]]) -> MemoryEngine:
    """Return an engine holding one document per name, its keyword fields as given."""
    docs = []
    for name, fields in records.items():
        doc = IndexDoc(pid=f"http://x/fdo/{name}", version=1, kind="model", name=name)
        doc.sparse = sparse_vector({"name": [name], **fields})
        docs.append(doc)
    rows = np.eye(len(docs), 8, dtype=np.float32)
    engine = MemoryEngine(8)
    engine.upsert(docs, rows)
    return engine


def matched(engine: MemoryEngine, query: str) -> list[str]:
    """Return the names the keyword side matches for ``query``, best first."""
    scores, ok = engine.keyword_scores(query_terms(query), 1)
    slots = sorted(np.flatnonzero(ok), key=lambda s: -scores[s])
    return [engine.docs[s].name for s in slots]


FILLER = {f"filler-{i}": {"keywords": ["audio"], "description": ["Reads speech aloud."]} for i in range(6)}


def test_a_word_no_record_holds_as_written_meets_its_other_forms_in_tags_and_names():
    engine = make_engine({
        "opus-de-en": {"keywords": ["translation"], "description": ["German to English."]},
        "marian-translator": {"description": ["A small seq2seq model."]},
        "review-sentiment": {"keywords": ["sentiment"], "description": ["Tells happy reviews from angry ones."]},
        **FILLER,
    })
    assert set(matched(engine, "translating")) == {"opus-de-en", "marian-translator"}
    assert matched(engine, "sentiment") == ["review-sentiment"]


def test_the_word_as_written_ranks_above_another_form_which_ranks_above_neither():
    digest = ["Short news digests."]
    engine = make_engine({
        "news-summarizer": {"description": digest},
        **{f"digest-{i}": {"keywords": ["summarization"], "description": digest} for i in range(4)},
        "plain-digest": {"description": digest},
        **FILLER, **{f"more-{name}": fields for name, fields in FILLER.items()},
    })
    found = matched(engine, "summarizer digests")
    assert found[0] == "news-summarizer"
    assert set(found[1:5]) == {f"digest-{i}" for i in range(4)}
    assert found[5:] == ["plain-digest"]


def test_a_common_word_as_written_is_not_widened_to_its_other_forms():
    engine = make_engine({
        **{f"mt-{i}": {"keywords": ["translation"]} for i in range(4)},
        "speech-translator": {"description": ["Turns spoken French into English text."]},
        **FILLER,
    })
    assert set(matched(engine, "translation")) == {f"mt-{i}" for i in range(4)}


def test_another_form_ranks_but_does_not_count_towards_the_words_a_record_must_hold():
    engine = make_engine({
        "german-digest": {"keywords": ["german", "summarization"]},
        "german-news": {"keywords": ["german", "news"]},
        "german-news-summaries": {"keywords": ["german", "news", "summarization"]},
        **FILLER,
    })
    scores, ok = engine.keyword_scores(query_terms("german news summarising articles"), 2)
    by_name = {engine.docs[s].name: (float(scores[s]), bool(ok[s])) for s in range(engine.size)}
    assert not by_name["german-digest"][1]  # "german" as written, "summarising" only by another form
    assert by_name["german-news"][1] and by_name["german-news-summaries"][1]
    assert by_name["german-news-summaries"][0] > by_name["german-news"][0]


def test_a_word_the_question_repeats_counts_as_often_as_it_is_said():
    # six words, two of which a record must hold; "case" said three times is what the question is about
    engine = make_engine({
        "convert-case": {"keywords": ["case"]},
        "switch-board": {"keywords": ["switches"]},
        **FILLER,
    })
    query = "switches my text between upper case, lower case and title case"
    scores, ok = engine.keyword_scores(query_terms(query), 2)
    by_name = {engine.docs[s].name: bool(ok[s]) for s in range(engine.size)}
    assert by_name["convert-case"]
    assert not by_name["switch-board"]  # a word said once still counts once
    assert query_terms(query).repeats == {term_id("case"): 3}


@pytest.fixture(scope="module")
def searcher():
    registry = make_registry(None)
    yield make_searcher(registry)
    registry.close()


@pytest.mark.parametrize("query,expected", [
    ("translating", {"Helsinki-NLP/opus-mt-en-de", "google-t5/t5-small"}),
    ("summarising", {"facebook/bart-large-cnn", "google/pegasus-xsum"}),
    ("detecting", {"facebook/detr-resnet-50"}),
])
def test_keyword_search_finds_records_by_another_form_of_a_word(searcher, query, expected):
    response = searcher.search(query, mode="keyword", understand=False, per_page=20)
    assert expected <= {hit.name for hit in response.results}


def test_an_index_of_an_older_keyword_format_is_indexed_again_not_read(tmp_path):
    registry = make_registry(tmp_path)
    try:
        searcher = open_searcher(registry)
        persisted = searcher.index.persisted
        pid = pid_of("Helsinki-NLP/opus-mt-en-de")
        record = persisted.client.retrieve(persisted.collection, [point_id(pid)], with_payload=True,
                                           with_vectors=True)[0]
        old = {**record.payload, "keywords_format": KEYWORDS_FORMAT - 1}
        stale = qm.SparseVector(indices=[term_id("zzstale")], values=[1.0])
        gone = {**old, "pid": "http://registry.test/fdo/withdrawn-long-ago"}
        persisted.client.upsert(persisted.collection, [
            qm.PointStruct(id=point_id(pid), payload=old, vector={"dense": record.vector["dense"], "keywords": stale}),
            qm.PointStruct(id=point_id(gone["pid"]), payload=gone,
                           vector={"dense": record.vector["dense"], "keywords": stale}),
        ], wait=True)
        searcher.close()

        reopened = open_searcher(registry)
        persisted = reopened.index.persisted
        assert reopened.engine.version_of(pid) == 1
        assert term_id("zzstale") not in reopened.engine.docs[reopened.engine.slot_of[pid]].sparse[0]
        assert reopened.search("zzstale", mode="keyword", understand=False).total == 0
        assert "Helsinki-NLP/opus-mt-en-de" in {h.name for h in reopened.search(
            "translating", mode="keyword", understand=False).results}
        stored = persisted.client.retrieve(persisted.collection, [point_id(pid), point_id(gone["pid"])],
                                           with_payload=True)
        assert [r.payload["keywords_format"] for r in stored] == [KEYWORDS_FORMAT]  # the stale point was removed
        reopened.close()
    finally:
        registry.close()


@pytest.mark.parametrize("word,forms", [
    ("links", ("linking", "linked")), ("code", ("coding", "coded")), ("spots", ("spotting", "spotted")),
    ("named", ("naming",)),  # never the bare stem: "named" is not "name"
    ("translating", ()),  # a stem of five letters has its stem term instead
])
def test_a_word_whose_stem_is_short_has_its_verb_forms(word, forms):
    from registry.search.text import tokens, verb_forms

    assert verb_forms(tokens(word)[0]) == forms


def test_a_word_no_record_holds_meets_a_verb_form_of_a_short_stem_without_raising_the_bar():
    engine = make_engine({
        "entity-linker": {"keywords": ["entity linking"], "description": ["Ties mentions to a knowledge base."]},
        "mention-finder": {"description": ["Finds mentions of people in prose."]},
        **FILLER,
    })
    # "links": no record holds it as written; "linking" counts as it where held, so entity-linker meets two words
    # of "links mentions prose" as mention-finder does
    scores, ok = engine.keyword_scores(query_terms("links mentions prose"), 2)
    assert {engine.docs[s].name for s in np.flatnonzero(ok)} == {"entity-linker", "mention-finder"}
    # the word's absence asks nothing more of the records holding the other words
    assert set(matched(engine, "links mentions")) == {"entity-linker", "mention-finder"}
    assert matched(engine, "links") == ["entity-linker"]


def test_a_word_held_as_written_brings_no_verb_forms_however_rare():
    # "tune" is held by one record, "tuned" by many: "fine-tunes" must not rank every fine-tuned record
    engine = make_engine({
        "pitch-tune": {"description": ["Names the tune a person hums."]},
        **{f"tuned-{i}": {"description": ["A model tuned on reviews."]} for i in range(5)},
        **FILLER,
    })
    scores, _ = engine.keyword_scores(query_terms("tunes"), 1)
    assert [engine.docs[s].name for s in np.flatnonzero(scores > 0)] == ["pitch-tune"]


def test_verb_forms_stay_marked_when_the_words_naming_a_base_model_are_dropped_from_the_ranking():
    from registry.search.searcher import _without_words

    terms = query_terms("fine-tunes of stable diffusion that draw cats")
    kept = _without_words(terms, {"stable", "diffusion"})
    assert kept is not terms and term_id("stable") not in kept
    assert kept.forms == terms.forms and term_id("tuned") in kept.forms and term_id("drawing") in kept.forms
