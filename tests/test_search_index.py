"""The index follows the store: re-harvest re-indexes, withdrawal removes, reopening catches up (real Qdrant local mode on disk)."""

from __future__ import annotations

import sqlite3

import pytest

from registry.search import open_searcher
from registry.search.persist import QdrantIndex, point_id
from tests.data.search.records import CachedMiniLM, make_registry, model_records, pid_of, shared_embedder, specs

NER = next(s for s in specs() if s["id"] == "dslim/bert-base-NER")


class CountingEmbedder(CachedMiniLM):
    """The real MiniLM embedder, counting the documents it is asked to embed."""

    def __init__(self) -> None:
        super().__init__()
        self.vectors = shared_embedder().vectors
        self.documents = 0

    def embed(self, texts):
        self.documents += len(texts)
        return super().embed(texts)


@pytest.fixture
def registry(tmp_path):
    registry = make_registry(tmp_path)
    yield registry
    registry.close()


def stored_payload(searcher, pid: str) -> dict | None:
    persisted = searcher.index.persisted
    records = persisted.client.retrieve(persisted.collection, [point_id(pid)], with_payload=True)
    return records[0].payload if records else None


def top_names(searcher, query: str, n: int = 3) -> list[str]:
    return [h.name for h in searcher.search(query, per_page=n, understand=False).results]


def test_changed_record_is_reindexed_and_unchanged_one_is_not(registry):
    embedder = CountingEmbedder()
    searcher = open_searcher(registry, embedder=embedder)
    pid = pid_of(NER["id"])
    assert stored_payload(searcher, pid)["version"] == 1
    before = embedder.documents

    registry.store.ingest_many(model_records(NER))  # re-harvest, nothing changed
    assert embedder.documents == before

    changed = "Detects chemical compounds and protein names in biomedical abstracts."
    result = registry.store.ingest_many(model_records(NER, description=changed))[0]
    assert (result.status, result.version) == ("changed", 2)
    assert embedder.documents == before + 1
    assert stored_payload(searcher, pid)["version"] == 2
    assert searcher.engine.version_of(pid) == 2
    assert top_names(searcher, "protein names in biomedical abstracts", 1) == [NER["id"]]
    hit = searcher.search("biomedical abstracts", mode="keyword", understand=False).results[0]
    assert hit.pid == pid and "protein" in hit.snippet
    assert not [h for h in searcher.search("persons organisations locations", mode="keyword",
                                           understand=False).results if h.pid == pid]
    searcher.close()


def test_withdrawn_fdo_leaves_the_index(registry):
    searcher = open_searcher(registry, embedder=shared_embedder())
    pid = pid_of("openai/whisper-small")
    count = searcher.index.persisted.count()
    assert "openai/whisper-small" in top_names(searcher, "speech recognition")
    registry.store.withdraw(pid, "removed by its owner")
    assert "openai/whisper-small" not in top_names(searcher, "speech recognition", 50)
    assert searcher.search("openai/whisper-small").results[0].pid != pid
    assert stored_payload(searcher, pid) is None
    assert searcher.index.persisted.count() == count - 1
    facets = {f.name: {v.value: v.count for v in f.values} for f in searcher.search("", {"task": [
        "automatic-speech-recognition"]}).facets}
    assert facets["task"]["automatic-speech-recognition"] == 1
    searcher.close()


def test_reopened_index_catches_up_with_changes_made_while_closed(registry):
    searcher = open_searcher(registry, embedder=shared_embedder())
    total = len(searcher.engine)
    searcher.close()  # e.g. `mlfdo harvest` runs while no server holds the index

    new_spec = {**NER, "id": "acme/biomed-ner", "description": "Finds diseases and drugs in clinical notes."}
    registry.store.ingest_many(model_records(new_spec))
    registry.store.withdraw(pid_of("google/pegasus-xsum"), "gone")

    embedder = CountingEmbedder()
    reopened = open_searcher(registry, embedder=embedder)
    assert embedder.documents == 1  # only the new model: the rest comes from Qdrant as stored
    assert len(reopened.engine) == total  # one in, one out
    assert top_names(reopened, "diseases and drugs in clinical notes", 1) == ["acme/biomed-ner"]
    assert pid_of("google/pegasus-xsum") not in {h.pid for h in reopened.search("summarization", per_page=50).results}
    reopened.close()


def test_rebuild_gives_the_same_results(registry):
    searcher = open_searcher(registry, embedder=shared_embedder())
    before = [h.pid for h in searcher.search("German sentence embeddings", per_page=10).results]
    report = searcher.index.rebuild()
    assert report.indexed == len(searcher.engine) and report.removed == 0
    assert [h.pid for h in searcher.search("German sentence embeddings", per_page=10).results] == before
    searcher.close()


def test_background_catch_up_answers_meanwhile_and_completes(registry):
    searcher = open_searcher(registry, embedder=shared_embedder(), sync="background")
    early = searcher.search("speech recognition")  # answers at once, from what is indexed so far
    assert early.total <= len(registry.store.pids(kind="model"))
    searcher.index.wait(timeout=120)
    done = searcher.search("speech recognition")
    assert searcher.index.building is None and not done.notes
    assert {"openai/whisper-small", "facebook/wav2vec2-base-960h"} <= {h.name for h in done.results}
    searcher.close()


def test_local_index_commits_through_a_write_ahead_log_and_keeps_every_point_when_reopened(registry, tmp_path):
    searcher = open_searcher(registry)
    persisted = searcher.index.persisted
    indexed = {pid: searcher.engine.version_of(pid) for pid in searcher.engine.versions()}
    assert len(indexed) >= 5
    databases = list((registry.data_dir / "search" / "qdrant").glob("collection/*/storage.sqlite"))
    assert len(databases) == 1
    with sqlite3.connect(databases[0]) as db:  # a second connection reads the mode stored in the file
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    searcher.close()

    reopened = QdrantIndex.open("", registry.data_dir, persisted.collection.removeprefix("mlfdo-"), persisted.dim)
    try:
        loaded = {doc.pid: doc.version for docs, _ in reopened.load() for doc in docs}
    finally:
        reopened.close()
    assert loaded == indexed
