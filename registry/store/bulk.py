"""Bulk loading: a first harvest into an empty embedded store skips the per-batch transactions.

Inside :meth:`Store.bulk` every ``ingest_many`` plans its batches as usual but hands the new
quads to pyoxigraph's bulk loader in large chunks, which writes sorted files straight into the
database instead of one transaction per batch. The bulk loader is not atomic, so a journal
entry (``bulkLoadBegun`` in the bookkeeping graph, written in an ordinary transaction before
the first chunk and removed after the last) marks the run: a store reopened with that entry
still present was killed mid-load, and :func:`roll_back` empties it (it was empty before), so
the harvest starts again from nothing rather than from a half-written store.

Records whose PID the run has already written are not blind-loaded: a stub seen again is
skipped, a full record for a PID already written flushes the chunk and goes through the
ordinary two-step commit, so versions stay exact. Incremental harvests (a store that is not
empty) never take this path.

The listing (store/listing.py) is not maintained in the store during the run: its counts are
kept in memory (``listing.Tally``, seeded with what the store held), its members go out with
the chunks (or, for a record committed transactionally, with that commit), and the counts are
written when the run ends. A withdrawal during the run makes the end rebuild the listing from
the store instead.

Two cores: SHACL runs in a child process (registry/shacl_process.py; pyrudof holds the GIL), and a
full chunk loads in a thread while the next one is planned (the bulk loader releases the GIL), and
what is loaded while nothing else runs (the last chunk) is split in halves loaded at once.
A run that completes ends with a compaction (``Store.optimize``): a bulk-loaded store is slow to
read until RocksDB has merged its files. A chunk that fails to load leaves the journal, so the
store is emptied when reopened; any other stop (Ctrl-C included) completes what was written.
Ctrl-C is held while a batch is written (:func:`hold_interrupts`), so a batch's quads, counts
and PIDs go in together.
"""

from __future__ import annotations

import gc
import logging
import shutil
import signal
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from datetime import datetime

from pyoxigraph import Literal, RdfFormat, Store as OxStore

from registry.store import listing
from registry.store.results import IngestResult
from registry.shacl_process import ValidatorProcess
from registry.store.writer import PreparedBatch, write_batch, commit_two_steps
from registry.validate import Validator
from registry.vocab import MLFDO

__all__ = ["BulkLoader", "bulk_session", "roll_back", "can_bulk_load", "hold_interrupts", "CHUNK_LINES"]

CHUNK_LINES = 500_000  # N-Quads lines per bulk-loader call (~4k records): fewer, larger files
SPLIT = 2  # a flush (the session's last chunk) loads in this many pieces at once, one per core
SPLIT_LINES = 50_000  # ... each of at least this many lines
GC_THRESHOLD = 50_000  # the garbage collector's first threshold during a run (Python's default is 700)
LOAD_BEHIND = True  # load a full chunk in a thread while the next one is planned (the bulk loader releases the GIL)
_BEGUN = f"<{MLFDO}bulkLoadBegun>"
_log = logging.getLogger(__name__)


_HELD_SIGNALS = (signal.SIGINT, signal.SIGTERM)


@contextmanager
def hold_interrupts() -> Iterator[None]:
    """Hold Ctrl-C (SIGINT) and SIGTERM while the block runs, then deliver them as they came.

    A batch is counted in the tally and its quads queued for the loader by many statements; a
    KeyboardInterrupt between two of them would leave counts without quads (or the reverse), and
    a caller that writes the batch again after the interrupt (``run_harvest`` flushes its batch
    when it stops) would count it twice. Held, the interrupt lands after the whole batch.
    Signals are handled in the main thread only: elsewhere there is nothing to hold.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[int] = []
    previous: dict[int, object] = {}
    try:
        for sig in _HELD_SIGNALS:
            previous[sig] = signal.signal(sig, lambda signum, _frame: caught.append(signum))
        yield
    finally:
        for sig, old in previous.items():
            signal.signal(sig, old if old is not None else signal.SIG_DFL)
        for sig in dict.fromkeys(caught):
            signal.raise_signal(sig)  # its own handler runs now: KeyboardInterrupt for Ctrl-C


def _journal(store) -> str:
    return f"<{store.registry_graph.value}#bulk-journal>"


def can_bulk_load(store) -> bool:
    """Tell whether ``store`` is an embedded pyoxigraph store holding no FDO yet."""
    if not isinstance(store.db, OxStore) or store.read_only:
        return False
    return not bool(store.db.query(f"ASK {{ GRAPH {store.registry_graph} {{ ?pid <{MLFDO}versionCount> ?n }} }}"))


def roll_back(store) -> bool:
    """Empty a store whose bulk load was interrupted; return whether it did."""
    journal = f"SELECT ?t WHERE {{ GRAPH {store.registry_graph} {{ {_journal(store)} {_BEGUN} ?t }} }}"
    if not list(store.db.query(journal)):
        return False
    store.db.clear()
    if store.data_dir is not None:
        shutil.rmtree(store.data_dir / "raw", ignore_errors=True)
        (store.data_dir / "raw").mkdir(parents=True, exist_ok=True)
    store._listing_ready = False
    return True


class BulkLoader:
    """Collects the quads of new FDOs and writes them with the bulk loader in large chunks."""

    def __init__(self, store, chunk_lines: int | None = None, progress: Callable[[str], None] | None = None) -> None:
        self.store = store
        self.chunk_lines = chunk_lines or CHUNK_LINES
        self._progress = progress or (lambda message: None)
        self.chunks = 0  # chunks handed to the bulk loader so far
        self.validator = store.validator
        self.lines: list[str] = []
        self.written: set[str] = set()  # PIDs this run has written
        self.tally = listing.Tally(store)
        self.rebuild_listing = False  # set by a write the tally cannot follow (a withdrawal)
        self._pool: ThreadPoolExecutor | None = None  # loads a full chunk while the next one is planned
        self._loading: list[Future] = []  # the chunks (or pieces of one) being loaded, oldest first
        self.broken = False  # a chunk failed to load: the run must not be completed, the journal stays
        self._gc_thresholds: tuple[int, ...] | None = None  # the collector's thresholds before the run

    def begin(self, now: datetime) -> None:
        """Write the journal entry and start the listing's tally; collect garbage less often until :meth:`finish`."""
        g = self.store.registry_graph
        self.store.db.update(f"INSERT DATA {{ GRAPH {g} {{ {_journal(self.store)} {_BEGUN} {Literal(now.isoformat())} }} }}")
        seed = listing.implied(self.store)  # no FDO yet, but maybe failures: cheap
        listing.clear(self.store)
        self.listing_changes(seed)
        # The run makes millions of short-lived objects without cycles: the default threshold (700)
        # has the collector walk the survivors ~140 times per 1,000 records, for nothing.
        self._gc_thresholds = gc.get_threshold()
        gc.set_threshold(GC_THRESHOLD, *self._gc_thresholds[1:])

    def listing_changes(self, changes: listing.Changes) -> None:
        """Count listing changes made during the run; their member lines join the chunk."""
        inserts, gone = self.tally.add(changes)
        if gone:
            raise ValueError("listing members to delete need a transactional commit")
        self.lines.extend(inserts)

    def write(self, batch: PreparedBatch, summaries: dict[int, object], when: datetime) -> list[IngestResult]:
        """Write one prepared batch: new FDOs to the chunk, records of PIDs already written transactionally.

        Ctrl-C is held until the batch is written (:func:`hold_interrupts`): its quads, its counts
        and the PIDs it wrote go together, so writing the batch again after an interrupt finds
        it written. The wait is one batch, or one chunk's load when the batch flushes.
        """
        with hold_interrupts():
            return self._write(batch, summaries, when)

    def _write(self, batch: PreparedBatch, summaries: dict[int, object], when: datetime) -> list[IngestResult]:
        skipped: dict[int, IngestResult] = {}
        rest = []
        for index, (record, prep, error) in enumerate(batch.items):
            if prep is not None and prep.pid in self.written and record.stub:
                skipped[index] = IngestResult(prep.pid, "stub-skipped", 1)
            else:
                rest.append((record, prep, error))
        pids = [p.pid for _, p, _ in rest if p is not None]
        if len(set(pids)) < len(pids) or not self.written.isdisjoint(pids):
            self.flush()  # a PID written earlier in this run (or twice in the batch): plan it against the loaded store
            results = iter(write_batch(self.store, PreparedBatch(rest), summaries, when, commit=self._transactional))
        else:  # PIDs the store has never seen: no state to look up
            results = iter(write_batch(self.store, PreparedBatch(rest), summaries, when, commit=self._commit,
                                       fresh=True))
        self.written.update(p.pid for _, p, _ in rest if p is not None)
        return [skipped[i] if i in skipped else next(results) for i in range(len(batch.items))]

    def _transactional(self, store, pending) -> None:
        """Commit a planned batch in two steps; the tally counts it once it has committed.

        Its listing members go with its two steps, with the listing's batch marker: an interrupt
        (Ctrl-C) before the commit leaves the tally without it, one between the steps leaves the
        marker, and the reopened store rebuilds its listing (store/listing.py ``ensure``).
        """
        self.flush()  # the FDOs and members it supersedes must be in the store
        changes, pending.listing = pending.listing, listing.Changes()
        members, gone = self.tally.members(changes)
        begin, end = listing.journal(store)
        pending.inserts = [*pending.inserts, *members, begin]
        pending.deletes = [*pending.deletes, *gone, end]
        commit_two_steps(store, pending)
        self.tally.add(changes)

    def _commit(self, store, pending) -> None:
        if pending.deletes or pending.checks or any(old is not None for _, old, _ in pending.listing.moves):
            self._transactional(store, pending)  # not a new FDO after all: the ordinary commit
            return
        self.lines.extend(pending.inserts)
        self.listing_changes(pending.listing)
        for pid, n, raw in pending.raws:
            store._save_raw(pid, n, raw)
        if len(self.lines) >= self.chunk_lines:
            self._load(wait=not LOAD_BEHIND)

    def flush(self) -> None:
        """Bulk-load the collected quads and wait until every chunk is in the store."""
        self._load(wait=True)

    def _load(self, wait: bool) -> None:
        """Hand the collected quads to the bulk loader, in threads (it releases the GIL); with ``wait``, until all are in.

        While records are planned one chunk loads at a time: the previous one is waited for first,
        and its error (if any) is raised here. A flush (``wait``) does not wait before it starts, and
        splits what it loads in ``SPLIT`` pieces loaded at once: nothing else runs meanwhile, so
        every core can take a piece.
        """
        if self.broken:
            raise RuntimeError("a bulk-loader chunk failed: the run cannot go on (the store is emptied when reopened)")
        try:
            if not wait:
                self._wait()  # a Ctrl-C here leaves the chunk to be waited for again by finish()
            if self.lines:
                self.chunks += 1
                if not LOAD_BEHIND:
                    # lenient: the text is serialised from terms pyoxigraph has already checked
                    text, self.lines = "\n".join(self.lines), []
                    self.store.db.bulk_load(text, RdfFormat.N_QUADS, lenient=True)
                else:
                    pieces = SPLIT if wait and len(self.lines) >= SPLIT * SPLIT_LINES else 1
                    size = -(-len(self.lines) // pieces)
                    if self._pool is None:
                        self._pool = ThreadPoolExecutor(max_workers=SPLIT + 1, thread_name_prefix="mlfdo-bulk-load")
                    for start in range(0, len(self.lines), size):
                        text = "\n".join(self.lines[start:start + size])
                        self._loading.append(self._pool.submit(self.store.db.bulk_load, text, RdfFormat.N_QUADS,
                                                               lenient=True))
                    self.lines = []  # after they are handed over: a line loaded twice is stored once
            if wait:
                self._wait()
        except Exception:
            self.broken = True  # part of a chunk may be in the store: finish() leaves the journal
            raise

    def _wait(self) -> None:
        """Wait for the chunks being loaded; raise the first error."""
        while self._loading:
            self._loading[0].result()
            self._loading.pop(0)

    def start_validation(self) -> None:
        """Validate in a child process, on the other core: the bulk path has no transaction to wait for."""
        if isinstance(self.validator, Validator):
            try:
                self.validator = ValidatorProcess(self.validator)
            except OSError as exc:  # no interpreter to start (an embedded Python): validate here, in the thread
                _log.warning("the SHACL validation process could not start (%s): validating in this process", exc)

    def close_validator(self) -> None:
        """Stop the SHACL process, if the session started one."""
        if isinstance(self.validator, ValidatorProcess):
            self.validator.close()

    def _stop_loading(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True)
            self._pool = None

    def finish(self, optimize: bool = True) -> None:
        """Load what is left with the listing's counts, clear the journal, then compact the store.

        The bulk loader writes new files beside the old ones and leaves merging them to RocksDB's
        background compaction: until then reads are slower (docs/benchmarks.md, "Bulk loading a
        first harvest"). ``optimize`` compacts them now, after the journal is cleared, so an
        interrupt there loses nothing.
        """
        if self._gc_thresholds is not None:
            gc.set_threshold(*self._gc_thresholds)
            self._gc_thresholds = None
        if self.broken:
            self._stop_loading()
            return  # the journal stays: the reopened store is emptied
        # told only in runs that have loaded a chunk before this (~4,000 records): their end takes time
        progress = self._progress if self.chunks else (lambda message: None)
        progress("bulk load: writing the last chunk and the listing's counts")
        try:
            if self.rebuild_listing:
                self.flush()
                listing.rebuild(self.store, bulk=True)
            else:
                self.lines.extend(self.tally.count_lines())
                self.flush()
                listing.mark_ready(self.store)
        finally:
            self._stop_loading()  # a chunk that failed to load raised above: the journal stays, the store is emptied
        self.store.db.flush()
        g = self.store.registry_graph
        self.store.db.update(f"DELETE WHERE {{ GRAPH {g} {{ {_journal(self.store)} {_BEGUN} ?t }} }}")
        self.store.db.flush()
        if optimize:
            progress("bulk load: compacting the store (about 2-3 s per 10,000 FDOs; 5 minutes at 1M)")
            started = time.perf_counter()
            self.store.db.optimize()
            progress(f"bulk load: store compacted in {time.perf_counter() - started:.1f} s")


@contextmanager
def bulk_session(store, now: datetime, progress: Callable[[str], None] | None = None,
                 optimize: bool = True, shacl_process: bool = True) -> Iterator[bool]:
    """Route the store's ingests through a :class:`BulkLoader` when the store is empty; yield whether it does.

    However the run ends (an exception or Ctrl-C included), what it wrote is completed: the batch in
    progress is not written, the earlier ones are, with their counts. A compaction follows unless the
    run was interrupted or ``optimize`` is off. ``shacl_process`` validates in a child process.
    """
    if store._bulk is not None or not can_bulk_load(store):
        yield False
        return
    loader = BulkLoader(store, progress=progress)
    loader.begin(now)
    store._bulk = loader
    completed = False
    try:
        if shacl_process:
            loader.start_validation()
        yield True
        completed = True
    finally:
        store._bulk = None
        try:
            loader.close_validator()
        finally:
            loader.finish(optimize=optimize and completed)
