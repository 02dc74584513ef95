"""Bulk loading: a first harvest into an empty store ends like the transactional ingest, and a kill empties it."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
import threading
from datetime import datetime, timezone
from pathlib import Path

import pytest
from pyoxigraph import DefaultGraph, Literal, NamedNode, Triple

from registry.record import Record
from registry.store import Store
from registry.store import bulk, listing
from registry.vocab import SCHEMA
from tests.factories import BASE, dataset_record, model_record

T0 = datetime(2025, 1, 1, tzinfo=timezone.utc)


def _first_harvest() -> list[list[Record]]:
    """Harvest pages: stubs seen again, a stub later harvested in full, a model seen twice with a change."""
    pages = []
    for page in range(4):
        models = [model_record(f"org/m{page}-{i}", downloads=page * 100 + i, datasets=("ds/shared", f"ds/{i}"))
                  for i in range(30)]
        stubs = [dataset_record("ds/shared")] + [dataset_record(f"ds/{i}") for i in range(30)]
        pages.append(models + stubs)
    full = dataset_record("ds/3")
    described = Triple(NamedNode(full.pid), SCHEMA.description, Literal("Now harvested in full."))
    pages.append([Record(full.pid, [*full.triples, described], kind="dataset", platform=full.platform,
                         platform_id=full.platform_id, source=full.source),
                  model_record("org/m0-1", description="edited", downloads=5)])
    return pages


def _everything(store: Store) -> tuple:
    quads = {str(q) for q in store.db.quads_for_pattern(None, None, None, None)
             if q.graph_name != store.registry_graph or "#cat-" not in q.subject.value}
    return quads, store.stats(), store.pids(order="popular"), store.pids()


def test_bulk_first_harvest_ends_with_the_same_store_as_transactional_ingest(tmp_path: Path):
    transactional = Store.open(tmp_path / "t", BASE)
    expected_results = [transactional.ingest_many(page, now=T0) for page in _first_harvest()]
    bulk_store = Store.open(tmp_path / "b", BASE)
    with bulk_store.bulk(now=T0) as bulk_loading:
        results = [bulk_store.ingest_many(page, now=T0) for page in _first_harvest()]
    assert bulk_loading
    assert [[(r.pid, r.status, r.version) for r in page] for page in results] == \
           [[(r.pid, r.status, r.version) for r in page] for page in expected_results]
    assert _everything(bulk_store) == _everything(transactional)
    assert bulk_store.stats()["by_kind"]["dataset"] == {"stub": 30, "active": 1}



def _listing(store: Store) -> set[tuple[str, str, str]]:
    """The listing's members and non-zero counts (a count that fell to 0 may stay as a node or not)."""
    quads = {(q.subject.value, q.predicate.value, q.object.value)
             for q in store.db.quads_for_pattern(None, None, None, store.registry_graph) if "#cat-" in q.subject.value}
    empty = {s for s, p, o in quads if p.endswith("catCount") and o == "0"}
    return {t for t in quads if t[0] not in empty}


def _harvest_with_failures(store: Store) -> None:
    for page in _first_harvest():
        store.ingest_many(page, now=T0)
    store.record_failure("hf", "broken/during", "could not be read", now=T0)
    twice = [model_record("org/twice", downloads=3), model_record("org/twice", description="edited", downloads=9)]
    assert [r.status for r in store.ingest_many(twice, now=T0)] == ["new", "changed"]


def test_listing_kept_by_a_bulk_session_equals_the_listing_rebuilt_from_its_store(tmp_path: Path):
    store = Store.open(tmp_path / "b", BASE)
    store.record_failure("hf", "broken/before", "could not be read", now=T0)
    with store.bulk(now=T0) as bulk_loading:
        _harvest_with_failures(store)
    assert bulk_loading
    kept = _listing(store)
    listing.rebuild(store)
    assert _listing(store) == kept
    stats = store.stats()
    assert (stats["failures"], stats["by_kind"]["model"]["active"]) == (2, 121)
    transactional = Store.open(tmp_path / "t", BASE)
    transactional.record_failure("hf", "broken/before", "could not be read", now=T0)
    _harvest_with_failures(transactional)
    assert _listing(transactional) == kept


def test_withdrawal_during_a_bulk_session_leaves_the_listing_of_the_store(tmp_path: Path):
    store = Store.open(tmp_path, BASE)
    gone = model_record("org/gone", downloads=50)
    with store.bulk(now=T0):
        store.ingest_many([gone, model_record("org/kept", downloads=40)], now=T0)
        store.withdraw(gone.pid, "removed from the platform", now=T0)
    kept = _listing(store)
    listing.rebuild(store)
    assert _listing(store) == kept
    assert store.stats()["by_kind"]["model"] == {"active": 1, "withdrawn": 1}
    assert store.pids(order="popular") == [model_record("org/kept").pid]


class _CtrlCOnce:
    """The store's database, but its first call of ``method`` raises KeyboardInterrupt, as Ctrl-C there would."""

    def __init__(self, db, method: str) -> None:
        self._db, self._method, self.fired = db, method, False

    def __getattr__(self, name: str):
        if name != self._method or self.fired:
            return getattr(self._db, name)

        def interrupted(*args, **kwargs):
            self.fired = True
            raise KeyboardInterrupt
        return interrupted


@pytest.mark.parametrize("method", ["load", "update"])  # before the first step of a commit; between its two steps
def test_ctrl_c_in_a_commit_during_a_bulk_session_leaves_counts_that_agree_with_the_store(tmp_path: Path, method):
    store = Store.open(tmp_path, BASE)
    *pages, last = _first_harvest()  # the last page re-harvests PIDs: its commit is transactional
    with pytest.raises(KeyboardInterrupt), store.bulk(now=T0) as bulk_loading:
        for page in pages:
            store.ingest_many(page, now=T0)
        store.db = ctrl_c = _CtrlCOnce(store.db, method)
        store.ingest_many(last, now=T0)
    assert bulk_loading and ctrl_c.fired
    store.db = ctrl_c._db
    store.close()
    del ctrl_c
    gc.collect()  # the interrupt's traceback held the database: release its directory lock
    reopened = Store.open(tmp_path, BASE)  # repairs a commit stopped between its steps
    assert listing.differences(reopened) == []
    assert reopened.stats()["by_kind"]["model"] == {"active": 120}
    assert not listing.has_pending(reopened)


def test_reads_inside_a_bulk_session_see_records_the_session_wrote(tmp_path: Path):
    store = Store.open(tmp_path, BASE)
    stub = dataset_record("ds/early")
    with store.bulk(now=T0) as bulk_loading:
        store.ingest_many([model_record("org/a", datasets=("ds/early",)), stub], now=T0)
        # what a harvest asks before it decides whether a record is new or a stub filled in
        assert (store.status(stub.pid), store.kind(stub.pid)) == ("stub", "dataset")
    assert bulk_loading


def test_incremental_harvest_stays_transactional(tmp_path: Path):
    store = Store.open(tmp_path, BASE)
    store.ingest(model_record("org/first"))
    with store.bulk() as bulk_loading:
        store.ingest(model_record("org/second"))
    assert not bulk_loading
    assert len(store.pids()) == 2


WRITER = """
import os, sys
from registry.store import Store, bulk
from tests.factories import model_record
bulk.CHUNK_LINES = 1000
store = Store.open(sys.argv[1], "%s")
with store.bulk():
    store.ingest_many(model_record(f"org/m{i}") for i in range(300))
    os._exit(9)  # killed inside the run: the journal entry is still there
""" % BASE


def test_store_killed_during_a_bulk_load_is_empty_when_reopened(tmp_path: Path):
    root = Path(__file__).resolve().parent.parent
    proc = subprocess.run([sys.executable, "-c", WRITER, str(tmp_path)], cwd=root, timeout=120,
                          env={**os.environ, "PYTHONPATH": str(root)})
    assert proc.returncode == 9
    left = OxStoreReader(tmp_path)
    assert left.model_count() > 0, "the killed run had loaded chunks"

    store = Store.open(tmp_path, BASE)
    assert store.pids() == []
    assert store.stats()["fdos"] == 0
    assert not any(store.db.quads_for_pattern(None, None, None, DefaultGraph()))
    assert store.ingest(model_record("org/m1")).status == "new"


class OxStoreReader:
    """Looks into the store directory as it was left, without the Store's repairs."""

    def __init__(self, path: Path) -> None:
        from pyoxigraph import Store as OxStore

        self.db = OxStore.read_only(str(path / "oxigraph"))

    def model_count(self) -> int:
        return sum(1 for _ in self.db.quads_for_pattern(None, SCHEMA.name, None, DefaultGraph()))


def test_bulk_is_refused_by_a_store_that_is_not_empty_embedded(tmp_path: Path):
    store = Store.open(tmp_path, BASE)
    assert bulk.can_bulk_load(store)
    store.ingest(model_record("org/a"))
    assert not bulk.can_bulk_load(store)


class _FailingLoad:
    """The store's database, but its second ``bulk_load`` fails (a full disk), after writing part of its chunk."""

    def __init__(self, db) -> None:
        self._db, self.calls = db, 0

    def __getattr__(self, name: str):
        return getattr(self._db, name)

    def bulk_load(self, text, *args, **kwargs):
        self.calls += 1
        if self.calls == 2:
            self._db.bulk_load("\n".join(text.split("\n")[:50]), *args, **kwargs)
            raise OSError("No space left on device")
        return self._db.bulk_load(text, *args, **kwargs)


@pytest.mark.parametrize("behind", [True, False])  # the chunk loaded in the background thread, or inline
def test_a_chunk_that_fails_to_load_leaves_the_journal_and_the_reopened_store_empty(tmp_path: Path, monkeypatch,
                                                                                    behind):
    monkeypatch.setattr(bulk, "CHUNK_LINES", 1000)
    monkeypatch.setattr(bulk, "LOAD_BEHIND", behind)
    store = Store.open(tmp_path, BASE)
    with pytest.raises(OSError, match="No space"), store.bulk(now=T0) as bulk_loading:
        store.db = failing = _FailingLoad(store.db)
        store.ingest_many([model_record(f"org/m{i}") for i in range(200)], now=T0)
    assert bulk_loading
    assert failing.calls == 2, "nothing is loaded after the failure, not even the end's counts"
    store.db = failing._db
    store.close()
    del failing
    gc.collect()
    reopened = Store.open(tmp_path, BASE)
    assert reopened.pids() == [] and reopened.stats()["fdos"] == 0
    assert not any(reopened.db.quads_for_pattern(None, SCHEMA.name, None, DefaultGraph()))
    assert reopened.ingest(model_record("org/m1")).status == "new"


class _RecordingLoad:
    """The store's database, noting the lines of each ``bulk_load``; with ``meet`` set, each call waits there first."""

    def __init__(self, db) -> None:
        self._db, self.sizes = db, []
        self.meet: threading.Barrier | None = None

    def __getattr__(self, name: str):
        return getattr(self._db, name)

    def bulk_load(self, text, *args, **kwargs):
        self.sizes.append(text.count("\n") + 1)
        if self.meet is not None:
            self.meet.wait()  # BrokenBarrierError when no other call comes to meet this one
        return self._db.bulk_load(text, *args, **kwargs)


def test_the_last_chunk_of_a_session_loads_in_pieces_at_once(tmp_path: Path, monkeypatch):
    monkeypatch.setattr(bulk, "CHUNK_LINES", 10**9)  # nothing loads before the session ends
    monkeypatch.setattr(bulk, "SPLIT_LINES", 100)
    store = Store.open(tmp_path, BASE)
    with store.bulk(now=T0) as bulk_loading:
        store.db = recording = _RecordingLoad(store.db)
        store.ingest_many([model_record(f"org/m{i}") for i in range(100)], now=T0)
        recording.meet = threading.Barrier(bulk.SPLIT, timeout=30)
    assert bulk_loading
    assert len(recording.sizes) == bulk.SPLIT and max(recording.sizes) - min(recording.sizes) <= 1
    store.db = recording._db
    assert len(store.pids()) == 100
    assert listing.differences(store) == []


def test_a_bulk_session_collects_garbage_less_often_until_it_ends(tmp_path: Path):
    before = gc.get_threshold()
    store = Store.open(tmp_path, BASE)
    with store.bulk(now=T0) as bulk_loading:
        during = gc.get_threshold()
        store.ingest_many([model_record(f"org/m{i}") for i in range(20)], now=T0)
    assert bulk_loading
    assert during == (bulk.GC_THRESHOLD, *before[1:]) and bulk.GC_THRESHOLD > before[0]
    assert gc.get_threshold() == before
    with pytest.raises(KeyboardInterrupt), Store.open(tmp_path / "stopped", BASE).bulk(now=T0):
        raise KeyboardInterrupt
    assert gc.get_threshold() == before, "an interrupted run restores them too"


def test_ctrl_c_while_a_harvest_batch_is_written_leaves_counts_equal_to_the_store(tmp_path: Path):
    """Ctrl-C lands after a batch is counted (while its raw records are saved); ``run_harvest`` writes its batch again."""
    import signal

    from harvesters.run import Harvested, run_harvest

    store = Store.open(tmp_path, BASE)
    records = [model_record(f"org/raw-{i}") for i in range(12)]
    for record in records:
        record.raw = '{"id": "raw"}'
    save, saved = store._save_raw, []

    def save_then_ctrl_c(pid: str, n: int, raw: str) -> None:
        save(pid, n, raw)
        saved.append(pid)
        if len(saved) == 7:  # in the second batch: Ctrl-C as the terminal sends it
            signal.raise_signal(signal.SIGINT)

    store._save_raw = save_then_ctrl_c
    store.batch_size = 5
    with pytest.raises(KeyboardInterrupt), store.bulk(now=T0, optimize=False) as bulk_loading:
        run_harvest(store, [Harvested(r.platform_id, [r]) for r in records], batch_size=10)
    assert bulk_loading and len(saved) >= 7
    assert listing.differences(store) == []
    assert store.stats()["by_kind"]["model"] == {"active": len(store.pids())}


class _SignalBefore:
    """The store's database, where Ctrl-C arrives as ``method`` is called (once)."""

    def __init__(self, db, method: str) -> None:
        self._db, self._method, self.fired = db, method, False

    def __getattr__(self, name: str):
        if name != self._method or self.fired:
            return getattr(self._db, name)

        def signalled(*args, **kwargs):
            import signal

            self.fired = True
            signal.raise_signal(signal.SIGINT)
            return getattr(self._db, name)(*args, **kwargs)
        return signalled


def test_ctrl_c_as_a_failure_is_recorded_in_a_bulk_session_leaves_it_counted_if_stored(tmp_path: Path):
    store = Store.open(tmp_path, BASE)
    with pytest.raises(KeyboardInterrupt), store.bulk(now=T0, optimize=False):
        store.ingest_many([model_record("org/first")], now=T0)
        store.db = ctrl_c = _SignalBefore(store.db, "update")
        store.record_failure("hf", "org/broken", "unreadable")
    store.db = ctrl_c._db
    assert ctrl_c.fired
    assert listing.differences(store) == []
    assert len(store.failures()) == 1
