"""The search index follows the store: new and changed versions are re-indexed, withdrawn FDOs leave.

Two mechanisms keep it consistent:
- a ``Store.on_change`` listener indexes every committed batch in the same process;
- ``sync`` compares the store's current version of every indexed-kind FDO with the indexed
  version and fixes the difference. It runs when the index opens (catching up on harvests run
  by other processes, e.g. ``mlfdo harvest`` before ``mlfdo serve``), on ``mlfdo index``, and
  every ``SYNC_INTERVAL`` seconds before a search when the store or the index is shared
  (remote store or Qdrant server), where other processes write too.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from registry.search.document import INDEXED_KINDS, Concepts, IndexDoc, Item, build_docs, indexed_versions, read_concepts
from registry.search.embed import Embedder
from registry.search.engine import MemoryEngine
from registry.search.persist import QdrantIndex
from registry.store import IngestResult, Store

__all__ = ["SearchIndex", "SyncReport", "SYNC_INTERVAL", "INDEX_BATCH"]

log = logging.getLogger(__name__)

INDEX_BATCH = 256  # FDOs read, embedded and written per step (larger batches share the label reads)
SYNC_INTERVAL = 60.0
FOLLOWING_SYNC_INTERVAL = 900.0  # while the change feed is followed: only a safety net


@dataclass(frozen=True)
class SyncReport:
    """What a sync or rebuild did."""

    indexed: int
    removed: int
    unchanged: int
    seconds: float

    @property
    def per_second(self) -> float:
        return self.indexed / self.seconds if self.seconds else 0.0


class SearchIndex:
    """The persisted Qdrant collection, its in-memory engine, and the code that keeps both current."""

    def __init__(self, store: Store, embedder: Embedder, persisted: QdrantIndex, shared: bool = False) -> None:
        self.store = store
        self.embedder = embedder
        self.persisted = persisted
        self.shared = shared
        self.engine = MemoryEngine(embedder.dim)
        self.stale = False
        self.last_sync = 0.0
        self.building: tuple[int, int] | None = None  # (indexed, planned) while a sync runs
        self._write_lock = threading.Lock()
        self._sync_lock = threading.Lock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.follower = None  # a registry.changefeed.FeedFollower when other processes write (search/follow.py)
        self._concepts: Concepts | None = None  # the concepts' text, read once per sync (``concepts``)

    def load(self) -> int:
        """Fill the engine from the persisted collection; return how many FDOs it holds."""
        for docs, vectors in self.persisted.load():
            self.engine.upsert(docs, vectors)
        return len(self.engine)

    def attach(self) -> None:
        """Follow the store's changes from now on."""
        self.store.on_change(self.on_change)

    # ---------------------------------------------------------------- following the store
    def on_change(self, results: list[IngestResult]) -> None:
        """Re-index new and changed FDOs of the indexed kinds; drop withdrawn ones. Never raises."""
        try:
            gone = [r.pid for r in results if r.status == "withdrawn"]
            items = []
            for r in results:
                if r.status not in ("new", "changed"):
                    continue
                kind = self.store.kind(r.pid)
                if kind == "term":
                    self._concepts = None  # a changed concept: its text is read again for the next documents
                if kind in INDEXED_KINDS:
                    platform = self.store.platform_id(r.pid)
                    items.append(Item(r.pid, int(r.version or 0), kind, platform[0] if platform else "",
                                      self.store.status(r.pid) == "stub"))
            if gone:
                self.remove(gone)
            if items:
                self.index_items(items)
        except Exception:  # the store has committed: a failed index update must not fail the ingest
            log.exception("search index update failed; the next search re-synchronises")
            self.stale = True

    def index_items(self, items: list[Item], progress: Callable[[int], None] | None = None) -> int:
        """Build, embed and store the documents of ``items``."""
        done = 0
        for start in range(0, len(items), INDEX_BATCH):
            if self._stop.is_set():
                break
            chunk = items[start:start + INDEX_BATCH]
            docs = build_docs(self.store, chunk, self.concepts())
            if docs:
                vectors = self.embedder.embed([d.embed_text for d in docs])
                self.write(docs, vectors)
            done += len(chunk)
            if self.building is not None:
                self.building = (self.building[0] + len(chunk), self.building[1])
            if progress:
                progress(len(chunk))
        return done

    def concepts(self) -> Concepts:
        """Return the text of the task and library concepts, read from the store once and kept until they change."""
        concepts = self._concepts
        if concepts is None:
            concepts = self._concepts = read_concepts(self.store)
        return concepts

    def write(self, docs: list[IndexDoc], vectors: np.ndarray) -> None:
        """Store documents in Qdrant and in the engine."""
        with self._write_lock:
            self.persisted.upsert(docs, vectors)
            self.engine.upsert(docs, vectors)

    def remove(self, pids: list[str]) -> None:
        """Remove FDOs from Qdrant and the engine."""
        with self._write_lock:
            self.persisted.delete(pids)
            self.engine.delete(pids)

    # ---------------------------------------------------------------- catching up
    def plan(self, wanted: dict[str, Item] | None = None) -> tuple[list[Item], list[str], int]:
        """Return (items to index, pids to remove, number already current)."""
        wanted = indexed_versions(self.store) if wanted is None else wanted
        have = self.engine.versions()
        todo = [item for pid, item in sorted(wanted.items()) if have.get(pid) != item.version]
        gone = sorted(set(have) - set(wanted))
        return todo, gone, len(wanted) - len(todo)

    def sync(self, progress: Callable[[int], None] | None = None) -> SyncReport:
        """Bring the index up to the store's current versions."""
        with self._sync_lock:
            started = time.perf_counter()
            wanted = indexed_versions(self.store)
            self.engine.set_stubs({pid: item.stub for pid, item in wanted.items()})
            todo, gone, unchanged = self.plan(wanted)
            if gone:
                self.remove(gone)
            if todo:
                self.pull_shared(todo)
                todo = [item for item in todo if self.engine.version_of(item.pid) != item.version]
                self.building = (0, len(todo))
                self._concepts = None  # read once per sync: another process may have harvested the vocabularies
                try:
                    self.index_items(todo, progress)
                finally:
                    self.building = None
            self.building = None
            self.stale = False
            self.last_sync = time.monotonic()
            return SyncReport(len(todo), len(gone), unchanged, time.perf_counter() - started)

    def sync_in_background(self) -> None:
        """Start catching up in a thread: searches answer from what is indexed so far meanwhile."""
        if self._thread is not None and self._thread.is_alive():
            return
        plan = self.plan()
        # visible before the thread starts; nothing to do means nothing is being built
        self.building = (0, len(plan[0])) if plan[0] else None

        def run() -> None:
            try:
                self.sync()
            except Exception:
                log.exception("background indexing failed; the next search retries")
                self.stale = True
                self.building = None

        self._thread = threading.Thread(target=run, name="mlfdo-search-sync", daemon=True)
        self._thread.start()

    def wait(self, timeout: float | None = None) -> None:
        """Wait for a background sync to finish."""
        if self._thread is not None:
            self._thread.join(timeout)

    def pull_shared(self, todo: list[Item]) -> None:
        """With a shared Qdrant server, take points another process already indexed at the right version."""
        if not self.shared:
            return
        from registry.search.persist import point_id

        wanted = {item.pid: item.version for item in todo}
        ids = [point_id(pid) for pid in wanted]
        for start in range(0, len(ids), 500):
            records = self.persisted.client.retrieve(self.persisted.collection, ids[start:start + 500],
                                                     with_payload=True, with_vectors=True)
            docs, rows = [], []
            for rec in records:
                payload, vectors = rec.payload or {}, rec.vector or {}
                if (wanted.get(payload.get("pid")) == payload.get("version") and "dense" in vectors
                        and IndexDoc.current(payload)):
                    sparse = vectors.get("keywords")
                    docs.append(IndexDoc.from_payload(payload, (list(sparse.indices), list(sparse.values))
                                                      if sparse is not None else ([], [])))
                    rows.append(vectors["dense"])
            if docs:
                self.engine.upsert(docs, np.asarray(rows, dtype=np.float32))

    def maybe_sync(self) -> None:
        """Sync when an update failed, or periodically when other processes write to the store or index."""
        if self._thread is not None and self._thread.is_alive():
            return
        following = self.follower is not None and self.follower.connected
        interval = FOLLOWING_SYNC_INTERVAL if following else SYNC_INTERVAL  # the change feed brings the changes
        if self.stale or (self.shared and time.monotonic() - self.last_sync > interval):
            try:
                self.sync()
            except Exception:
                log.exception("search index sync failed")

    def reset(self) -> None:
        """Empty the index: drop and recreate the collection, clear the engine."""
        with self._write_lock:
            self.persisted.ensure(recreate=True)
            self.engine = MemoryEngine(self.embedder.dim)

    def rebuild(self, progress: Callable[[int], None] | None = None) -> SyncReport:
        """Drop the collection and index every current FDO again."""
        self.reset()
        return self.sync(progress)

    def close(self) -> None:
        self._stop.set()
        if self.follower is not None:
            self.follower.close()
        self.wait(timeout=60)
        if self.on_change in self.store.listeners:
            self.store.listeners.remove(self.on_change)
        self.persisted.close()
        self.embedder.close()
