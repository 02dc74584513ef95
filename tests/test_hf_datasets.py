"""Hub datasets as full Dataset FDOs: replay of /api/datasets/{id} -> the Hub client -> transform -> store."""

from __future__ import annotations

import copy

import pytest

from harvesters.huggingface.datasets import dataset_pid, harvest_datasets
from harvesters.huggingface.datasets_offline import DatasetReplay
from harvesters.huggingface.extract import HubClient
from harvesters.huggingface.refs import Stubs
from harvesters.run import exit_code
from registry.store import Store
from registry.vocab import CODEMETA, FAIR4ML, MLFDO, SCHEMA

BASE = "http://registry.test"
# A record in the Hub's documented dataset shape, with values we wrote for the test.
QA = {
    "id": "test-org/qa-pairs", "author": "test-org", "sha": "1" * 40, "lastModified": "2025-03-01T10:00:00.000Z",
    "createdAt": "2024-01-15T08:00:00.000Z", "private": False, "gated": False, "downloads": 120, "likes": 4,
    "tags": ["task_categories:question-answering", "language:en", "language:de", "license:cc-by-4.0",
             "size_categories:1K<n<10K", "arxiv:1606.05250", "croissant", "format:parquet", "trivia"],
    "cardData": {"license": "cc-by-4.0", "language": ["en", "de"], "task_categories": ["question-answering"],
                 "size_categories": ["1K<n<10K"], "pretty_name": "QA pairs"},
    "description": "Question and answer pairs we wrote to test the dataset mapping.",
}


@pytest.fixture
def store() -> Store:
    return Store.open(None, BASE)


@pytest.fixture
def server():
    with DatasetReplay({QA["id"]: copy.deepcopy(QA)}) as replay:
        yield replay


def run(store, server, **kwargs):
    return harvest_datasets(store, base_url=BASE, client=HubClient(server.url, max_retries=0), **kwargs)


def values(store, prop, dataset_id: str = QA["id"]) -> set[str]:
    pid = dataset_pid(BASE, dataset_id)
    return {t.object.value for t in store.current(pid) if t.subject.value == pid and t.predicate == prop}


def test_a_dataset_record_maps_card_data_licence_tasks_languages_size_and_croissant(store, server):
    summary = run(store, server, ids=[QA["id"]])
    assert summary.new == 1 and summary.requests == {"dataset": 1}
    assert values(store, SCHEMA.name) == {"QA pairs"}
    assert values(store, SCHEMA.url) == {"https://huggingface.co/datasets/test-org/qa-pairs"}
    assert values(store, SCHEMA.license) == {"https://spdx.org/licenses/CC-BY-4.0"}
    assert values(store, SCHEMA.inLanguage) == {"en", "de"}
    assert values(store, MLFDO.sizeCategory) == {"1K<n<10K"}
    assert values(store, MLFDO.croissant) == {"https://huggingface.co/api/datasets/test-org/qa-pairs/croissant"}
    assert values(store, SCHEMA.keywords) == {"croissant", "trivia"}
    assert values(store, SCHEMA.description) == {QA["description"]}
    (task,) = values(store, FAIR4ML.mlTask)
    assert "question-answering" in {t.object.value for t in store.current(task)}
    (paper,) = values(store, CODEMETA.referencePublication)
    assert store.kind(paper) == "paper"


def test_missing_mode_fills_referenced_dataset_stubs_and_records_unknown_ones(store, server):
    stubs = Stubs(BASE, None)
    stubs.dataset(QA["id"])
    stubs.dataset("test-org/gone")
    store.ingest_many(list(stubs.records.values()))
    summary = run(store, server)
    assert summary.new == 1 and exit_code(summary) == 0
    assert store.status(dataset_pid(BASE, QA["id"])) == "active"
    gone = dataset_pid(BASE, "test-org/gone")
    assert store.status(gone) == "stub"
    (problem,) = values(store, MLFDO.sourceProblem, "test-org/gone")
    assert "the Hub has no dataset 'test-org/gone'" in problem
    server.reset_counts()
    run(store, server)  # nothing left to fill: the unknown stub records why
    assert server.total_requests == 0


def test_unchanged_rerun_writes_nothing_and_a_change_makes_one_version(store, server):
    run(store, server, ids=[QA["id"]])
    again = run(store, server, ids=[QA["id"]])
    assert (again.new, again.changed, again.unchanged) == (0, 0, 1)
    server.put(dict(copy.deepcopy(QA), sha="2" * 40, cardData=dict(QA["cardData"], license="mit"),
                    tags=[t for t in QA["tags"] if not t.startswith("license:")]))
    changed = run(store, server, ids=[QA["id"]])
    assert changed.changed == 1
    assert len(store.versions(dataset_pid(BASE, QA["id"]))) == 2
    assert values(store, SCHEMA.license) == {"https://spdx.org/licenses/MIT"}


def test_a_server_error_and_a_non_record_are_failures_and_the_run_goes_on(store, server):
    server.put({"id": "test-org/other", "tags": "not a list", "cardData": ["not", "a", "mapping"]})
    server.fail(r"qa-pairs", 500, '{"error": "internal"}')
    summary = run(store, server, ids=[QA["id"], "test-org/other"])
    assert summary.failed == 1 and summary.new == 1
    assert "fetching failed" in store.failures()[0].error
    assert any("cardData is a list" in p for p in summary.problems)
