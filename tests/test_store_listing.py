"""The listing: the maintained listing and counts agree with the registry after any sequence of writes."""

from __future__ import annotations

import random
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from pyoxigraph import Literal, NamedNode, RdfFormat, Triple

from registry.record import Record
from registry.store import Store
from registry.vocab import MLFDO, SCHEMA
from registry.store import listing
from tests.factories import BASE, DiesBeforeSecondStep, dataset_record, model_record

T0 = datetime(2025, 1, 1, tzinfo=timezone.utc)


@pytest.fixture
def store(empty_store) -> Store:
    """An empty store on each backend (the shared SPARQL server is emptied and checked first)."""
    return empty_store


def _history(store: Store) -> dict[str, tuple[str, str, int]]:
    """Write a mixed history; return what the test expects of each PID: (kind, status, downloads)."""
    rng = random.Random(7)
    expected: dict[str, tuple[str, str, int]] = {}
    downloads = {f"org/m{i}": rng.choice([0, 0, 3, 3, 17, 250, 4096, 10**7]) for i in range(60)}
    for r in store.ingest_many([model_record(n, downloads=d) for n, d in downloads.items()], now=T0):
        expected[r.pid] = ("model", "active", 0)
    for name, d in downloads.items():
        expected[model_record(name).pid] = ("model", "active", d)
    for i in range(15):  # stub datasets, five of them later harvested in full
        expected[store.ingest(dataset_record(f"ds/{i}"), now=T0).pid] = ("dataset", "stub", 0)
    for i in range(5):
        expected[store.ingest(_full_dataset(f"ds/{i}"), now=T0).pid] = ("dataset", "active", 0)
    later = T0 + timedelta(days=1)
    for i in range(0, 60, 4):  # changed content with new counters, and counters alone
        name = f"org/m{i}"
        downloads[name] += 5 * i
        store.ingest(model_record(name, description="changed", downloads=downloads[name]), now=later)
        expected[model_record(name).pid] = ("model", "active", downloads[name])
    for i in range(1, 60, 6):
        name = f"org/m{i}"
        downloads[name] = 99
        store.ingest(model_record(name, downloads=99), now=later)
        expected[model_record(name).pid] = ("model", "active", 99)
    for i in (2, 3, 7):
        pid = model_record(f"org/m{i}").pid
        store.withdraw(pid, "gone from the platform")
        expected[pid] = ("model", "withdrawn", 0)
    store.withdraw(dataset_record("ds/12").pid, "never harvested")
    expected[dataset_record("ds/12").pid] = ("dataset", "withdrawn", 0)
    store.ingest(model_record("org/m3", description="back again", downloads=5), now=later)
    expected[model_record("org/m3").pid] = ("model", "active", 5)
    store.record_failure("hf", "org/broken", "no JSON", now=later)
    return expected


def _full_dataset(name: str) -> Record:
    stub = dataset_record(name)
    described = Triple(NamedNode(stub.pid), SCHEMA.description, Literal("Harvested in full."))
    return Record(stub.pid, [*stub.triples, described], kind="dataset", platform=stub.platform,
                  platform_id=stub.platform_id, source=stub.source)


def _expected_listing(expected, order: str, kind: str | None, stubs: bool) -> list[str]:
    statuses = {"active", "stub"} if stubs else {"active"}
    rows = [(pid, d) for pid, (k, s, d) in expected.items() if s in statuses and kind in (None, k)]
    if order == "popular":
        return [pid for pid, _ in sorted(rows, key=lambda r: (-r[1], r[0]))]
    return sorted(pid for pid, _ in rows)


@pytest.mark.parametrize("split", [2, 400])
def test_listing_pages_match_the_full_sort_in_both_orders(store, monkeypatch, split):
    monkeypatch.setattr(listing, "SPLIT", split)  # 2 forces the walk down every level of the trie
    expected = _history(store)
    for order in ("pid", "popular"):
        for kind in (None, "model", "dataset"):
            for stubs in (True, False):
                want = _expected_listing(expected, order, kind, stubs)
                assert store.pids(kind, include_stubs=stubs, order=order) == want, (order, kind, stubs)
                for offset, limit in ((0, 7), (5, 11), (len(want) - 3, 10), (len(want) + 5, 10)):
                    page = store.pids(kind, offset=offset, limit=limit, include_stubs=stubs, order=order)
                    assert page == want[offset:offset + limit], (order, kind, stubs, offset)


def test_maintained_counts_match_a_recount(store):
    expected = _history(store)
    stats = store.stats()
    by_kind: dict[str, dict[str, int]] = {}
    for kind, status, _ in expected.values():
        by_kind.setdefault(kind, {}).setdefault(status, 0)
        by_kind[kind][status] += 1
    assert stats["by_kind"] == by_kind
    assert stats["fdos"] == len(expected)
    assert stats["failures"] == 1
    triples = int(next(iter(store.query("SELECT (COUNT(*) AS ?c) WHERE { ?s ?p ?o }")))["c"].value)
    assert stats["current_triples"] == triples
    versions = sum(len(store.versions(pid)) for pid in expected)
    assert stats["versions"] == versions


def test_rebuild_gives_the_same_listing_as_maintenance(store):
    _history(store)
    maintained = (store.stats(), store.pids(order="popular"), store.pids(order="pid"))
    listing.rebuild(store)
    assert (store.stats(), store.pids(order="popular"), store.pids(order="pid")) == maintained


def test_reopen_after_a_crash_between_the_two_steps_rebuilds_the_counts(tmp_path: Path):
    store = Store.open(tmp_path, BASE)
    store.ingest_many([model_record(f"org/m{i}", downloads=i) for i in range(5)])
    store.db = DiesBeforeSecondStep(store.db)
    with pytest.raises(SystemExit):
        store.ingest_many([model_record("org/new", downloads=50), model_record("org/m1", description="new", downloads=70)])
    store.db = store.db._db
    assert listing.has_pending(store)
    store.close()
    del store

    again = Store.open(tmp_path, BASE)
    assert not listing.has_pending(again)
    assert again.stats()["by_kind"] == {"model": {"active": 6}}
    # repair dropped org/m1's counters (re-read at the next harvest), so it lists with none
    assert again.pids(order="popular")[:1] == [model_record("org/new").pid]
    assert again.pids(order="popular")[-1] == model_record("org/m1").pid


def test_store_without_listing_gets_one_when_opened(tmp_path: Path):
    store = Store.open(tmp_path, BASE)
    store.ingest_many([model_record(f"org/m{i}", downloads=i) for i in range(4)])
    g = store.registry_graph  # as a store written before the listing existed
    store.db.update(f"DELETE {{ GRAPH {g} {{ ?s ?p ?o }} }} WHERE {{ GRAPH {g} {{ ?s ?p ?o FILTER(CONTAINS(STR(?s), '#cat-')) }} }}")
    store.close()
    del store

    again = Store.open(tmp_path, BASE)
    assert listing.is_ready(again)
    assert again.pids(order="popular") == [model_record(f"org/m{i}").pid for i in (3, 2, 1, 0)]
    assert again.stats()["by_kind"] == {"model": {"active": 4}}


def test_shared_store_rebuilds_only_for_a_stale_batch_marker():
    store = Store.open(None, BASE)
    store.ingest_many([model_record(f"org/m{i}") for i in range(3)])
    begun, _ = listing.journal(store)  # a batch another worker is writing right now
    store.db.load(begun, RdfFormat.N_QUADS)
    assert listing.ensure(store, shared=True) is False
    assert listing.ensure(store) is True, "a single-writer store was killed mid-batch"
    g = store.registry_graph
    store.db.update(f'INSERT DATA {{ GRAPH {g} {{ <{g.value}#cat-meta> <{MLFDO}catPending> "0 crashed" }} }}')
    assert listing.ensure(store, shared=True) is True
    assert store.stats()["by_kind"] == {"model": {"active": 3}}


def _renamed(name: str, new_name: str, downloads: int) -> Record:
    record = model_record(name, downloads=downloads)
    triples = [t for t in record.triples if t.predicate != SCHEMA.name] + [
        Triple(NamedNode(record.pid), SCHEMA.name, Literal(new_name))]
    return Record(record.pid, triples, kind=record.kind, platform=record.platform,
                  platform_id=record.platform_id, source=record.source)


def _looked_up(store: Store, listed) -> list:
    """The same page labelled one FDO at a time by Store.labels (what the pages used before)."""
    labels = store.labels([pid for pid, _ in listed])
    return [(pid, labels[pid]) for pid, _ in listed]


@pytest.mark.parametrize("split", [2, 400])
def test_listed_labels_follow_renames_counters_and_withdrawals(store, monkeypatch, split):
    monkeypatch.setattr(listing, "SPLIT", split)
    _history(store)
    later = T0 + timedelta(days=2)
    store.ingest(_renamed("org/m5", "Model five, renamed", 10), now=later)  # new content, same counters
    store.ingest(_renamed("org/m5", "Model five, renamed", 12345), now=later)  # counters alone after it
    store.ingest(_renamed("org/m8", 'Tab\there, "quoted" \u00e9', 7), now=later)  # and counters changed with it
    store.withdraw(model_record("org/m9").pid, "gone")
    for order in ("pid", "popular"):
        for kind in (None, "model", "dataset"):
            listed = store.listed(kind, order=order)
            assert [pid for pid, _ in listed] == store.pids(kind, order=order)
            assert listed == _looked_up(store, listed), (order, kind)
            page = store.listed(kind, offset=3, limit=9, order=order)
            assert page == listed[3:12]
    by_pid = dict(store.listed(order="popular"))
    assert by_pid[model_record("org/m5").pid].name == "Model five, renamed"
    assert by_pid[model_record("org/m5").pid].identifier == "org/m5"
    assert by_pid[model_record("org/m8").pid].name == 'Tab\there, "quoted" \u00e9'
    assert by_pid[dataset_record("ds/0").pid].kind == "dataset"
    assert by_pid[dataset_record("ds/13").pid].status == "stub"
    assert model_record("org/m9").pid not in by_pid
    assert len(store.pids(order="popular")) == len(by_pid), "a rename left a stale member behind"


def test_rebuilt_listing_carries_the_same_labels(store):
    _history(store)
    store.ingest(_renamed("org/m5", "Model five, renamed", 10), now=T0 + timedelta(days=2))
    maintained = store.listed(order="popular"), store.listed(order="pid")
    listing.rebuild(store)
    assert (store.listed(order="popular"), store.listed(order="pid")) == maintained


def test_listed_labels_after_a_crash_repair_and_reopen(tmp_path: Path):
    store = Store.open(tmp_path, BASE)
    store.ingest_many([model_record(f"org/m{i}", downloads=i) for i in range(5)])
    store.db = DiesBeforeSecondStep(store.db)
    with pytest.raises(SystemExit):
        store.ingest_many([_renamed("org/m1", "First, renamed", 70)])
    store.db = store.db._db
    store.close()
    del store

    again = Store.open(tmp_path, BASE)
    listed = again.listed(order="pid")
    assert listed == _looked_up(again, listed)
    assert dict(listed)[model_record("org/m1").pid].name == "First, renamed"


def test_listing_of_an_older_version_is_rebuilt_with_labels_when_opened(tmp_path: Path):
    store = Store.open(tmp_path, BASE)
    store.ingest_many([model_record(f"org/m{i}", downloads=i) for i in range(3)])
    g = store.registry_graph
    store.db.update(f'DELETE {{ GRAPH {g} {{ ?s <{MLFDO}listingVersion> ?v }} }} '
                    f'INSERT {{ GRAPH {g} {{ ?s <{MLFDO}listingVersion> "1" }} }} '
                    f'WHERE {{ GRAPH {g} {{ ?s <{MLFDO}listingVersion> ?v }} }}')
    store._listing_ready = False
    assert not listing.is_ready(store), "a listing whose members have no labels is not used"
    store.close()
    del store

    again = Store.open(tmp_path, BASE)
    assert listing.is_ready(again)
    assert [label.name for _, label in again.listed(order="popular")] == ["m2", "m1", "m0"]


def test_maintained_platform_counts_follow_withdrawals_and_stubs(store):
    from registry.store.platforms import platform_counts

    _history(store)
    # 60 models, three withdrawn and one of them back; 15 stub datasets of which 5 harvested in full, one withdrawn
    want = {"hf": {"model": 58}, "hf-dataset": {"dataset": 5}}
    assert listing.platform_counts(store) == want
    assert platform_counts(store) == want
    store.withdraw(model_record("org/m4").pid, "gone")
    store.withdraw(dataset_record("ds/1").pid, "gone")
    assert platform_counts(store) == {"hf": {"model": 57}, "hf-dataset": {"dataset": 4}}
    listing.rebuild(store)
    assert platform_counts(store) == {"hf": {"model": 57}, "hf-dataset": {"dataset": 4}}


def test_listed_without_the_listing_gives_the_same_pages(store, monkeypatch):
    _history(store)
    store.ingest(_renamed("org/m5", "Model five, renamed", 10), now=T0 + timedelta(days=2))
    pages = [store.listed(kind, offset=2, limit=20, include_stubs=stubs, order=order)
             for order in ("pid", "popular") for kind in (None, "dataset") for stubs in (True, False)]
    monkeypatch.setattr(listing, "is_ready", lambda s: False)  # a read-only store without a listing
    assert [store.listed(kind, offset=2, limit=20, include_stubs=stubs, order=order)
            for order in ("pid", "popular") for kind in (None, "dataset") for stubs in (True, False)] == pages
