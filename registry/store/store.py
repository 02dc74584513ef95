"""The store: current view in the default graph, immutable version graphs, provenance.

Layout (see DESIGN.md):
- default graph: the current state of every FDO;
- ``{pid}/v/{n}``: version n, immutable, the content triples as harvested;
- ``{base}/graph/provenance``: PROV-O for every version (times, harvest activity, hash,
  SHACL summary and results, harvest problems, last check);
- ``{base}/graph/registry``: bookkeeping (current version pointer, hash, kind, status,
  aliases, harvest state, failures).

Every ingest batch is a single SPARQL update, which pyoxigraph applies as one transaction:
a process killed mid-ingest leaves either the whole batch or none of it.
"""

from __future__ import annotations

import hashlib
from contextlib import AbstractContextManager, contextmanager, nullcontext
import json
import os
import threading
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from itertools import islice
from datetime import datetime, timezone
from pathlib import Path

from pyoxigraph import DefaultGraph, Literal, NamedNode, Quad, QuerySolutions, Store as OxStore, Triple

from registry.errors import NotFound, RecordError, StoreBusy
from registry.record import Record
from registry.store.base_url import claim_base_url, mismatch
from registry.store import bulk, listing
from registry.store import query_text as Q
from registry.store.prepare import nt_line
from registry.store.writer import downloads_of, dt_literal as _dt, prepare_batch, read_report, repair, validate_batch, write_batch
from registry.store.links import StoreLinks
from registry.store.reads import StoreReads
from registry.store.results import Diff, Failure, IngestResult, Label, VersionInfo
from registry.vocab import MLFDO, PROV, RDF, SCHEMA, VOLATILE_PROPERTIES
from registry.pid import id_from_pid, mint_id, pid_iri

__all__ = ["Store", "DEFAULT_BATCH"]

DEFAULT_BATCH = 200
_VOLATILE = tuple(NamedNode(p) for p in sorted(VOLATILE_PROPERTIES))


def _chunks(items: Iterable, size: int) -> Iterator[list]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _now() -> datetime:
    return datetime.now(timezone.utc)


def _parse_dt(value: str) -> datetime:
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


class Store(StoreReads, StoreLinks):
    """One registry store. Open it with :meth:`open`; the app owns one instance.

    Reading one FDO (current view, versions, diffs) is here; the other read intents (labels, inbound
    links, listings, names, dumps) are in :class:`registry.store.reads.StoreReads`.
    """

    def __init__(self, db: OxStore, base_url: str, data_dir: Path | None = None, validator=None,
                 batch_size: int = DEFAULT_BATCH) -> None:
        self.db = db
        self.base_url = base_url.rstrip("/")
        self.data_dir = data_dir
        self.validator = validator
        self.batch_size = batch_size
        self.read_only = False
        self.listeners: list[Callable[[list[IngestResult]], None]] = []
        self._bulk = None  # a BulkLoader while a bulk session runs (store/bulk.py)
        # Several processes writing one SPARQL server set this to a shared lock (workers/locks.py):
        # the server applies each update atomically but does not serialise the listing's
        # read-modify-write count changes, nor two writers planning the same record as new.
        self.counts_lock: Callable[[], AbstractContextManager] | None = None
        self._guard = threading.local()  # whether this thread holds counts_lock (counts_guard)
        self.prov_graph = NamedNode(f"{self.base_url}/graph/provenance")
        self.registry_graph = NamedNode(f"{self.base_url}/graph/registry")

    # ---------------------------------------------------------------- opening
    @classmethod
    def open(cls, data_dir: str | os.PathLike | None, base_url: str, validator=None,
             batch_size: int = DEFAULT_BATCH, read_only: bool = False) -> "Store":
        """Open the store in ``data_dir`` (created if missing); None gives an in-memory store.

        Raises StoreBusy when another process holds the store.
        """
        if data_dir is None:
            store = cls(OxStore(), base_url, None, validator, batch_size)
            listing.ensure(store)
            return store
        path = Path(data_dir)
        (path / "raw").mkdir(parents=True, exist_ok=True)
        try:
            db = OxStore.read_only(str(path / "oxigraph")) if read_only else OxStore(str(path / "oxigraph"))
        except OSError as exc:
            if "lock" in str(exc).lower():
                raise StoreBusy(f"the store in {path} is in use by another process (is `mlfdo serve` running?)") from None
            raise
        store = cls(db, base_url, path, validator, batch_size)
        store.read_only = read_only
        if not read_only:
            bulk.roll_back(store)  # before the base URL is claimed: it empties the store
        recorded = claim_base_url(db, store.base_url, writable=not read_only)
        if recorded is not None:
            store.db = db = None  # release the directory before reporting
            raise mismatch(str(path), recorded, store.base_url)
        if not read_only:
            repair(store)
            listing.ensure(store)
        return store

    @classmethod
    def open_remote(cls, url: str, base_url: str, validator=None, batch_size: int = DEFAULT_BATCH,
                    data_dir: str | os.PathLike | None = None, dialect: str = "auto") -> "Store":
        """Open a store kept by a SPARQL 1.1 Query/Update server at ``url`` (see store/remote.py).

        Raw platform records are kept under ``data_dir`` when given (a shared volume when scaled out).
        ``dialect`` names the server's dialect (store/dialects.py); 'auto' asks the server.
        """
        from registry.store.remote import RemoteDB

        db = RemoteDB(url, dialect=dialect)
        store = cls(db, base_url, Path(data_dir) if data_dir else None, validator, batch_size)
        recorded = claim_base_url(store.db, store.base_url, writable=True)
        if recorded is not None:
            raise mismatch(url, recorded, store.base_url)
        repair(store)
        listing.ensure(store, shared=True)
        return store

    def close(self) -> None:
        """Flush pending writes and release the store (its directory lock goes with it)."""
        if self.db is None:
            return
        if self.data_dir is not None and not self.read_only:
            self.db.flush()
        self.db = None  # pyoxigraph closes the database when its last reference goes

    # ---------------------------------------------------------------- identifiers
    def pid(self, fdo_id: str) -> str:
        """Return the PID IRI of an id."""
        return pid_iri(self.base_url, fdo_id)

    def exists(self, pid: str) -> bool:
        """Tell whether the registry knows ``pid`` (current, stub or withdrawn)."""
        return self._reg_value(pid, "status") is not None

    def status(self, pid: str) -> str | None:
        """Return ``active``, ``stub`` or ``withdrawn`` for a known PID, else None."""
        return self._reg_value(pid, "status")

    def kind(self, pid: str) -> str | None:
        """Return the kind of entity (model, dataset, paper...) of a known PID."""
        return self._reg_value(pid, "kind")

    def source_etag(self, pid: str) -> str | None:
        """Return the source ETag/sha recorded with the current version of ``pid``."""
        return self._reg_value(pid, "sourceEtag")

    def platform_id(self, pid: str) -> tuple[str, str] | None:
        """Return (platform, platform id) of a PID when known."""
        platform, pid_value = self._reg_value(pid, "platform"), self._reg_value(pid, "platformId")
        return (platform, pid_value) if platform and pid_value else None

    def add_alias(self, alias: str, pid: str) -> None:
        """Make ``alias`` (e.g. ``hf:old-org/old-name``) resolve to ``pid``."""
        self.db.update(Q.INSERT_ALIAS.format(g=self.registry_graph, pid=NamedNode(pid), alias=Literal(alias)))

    def resolve(self, ref: str) -> str | None:
        """Return the PID for an id, a PID IRI, an alias or ``platform:platform-id``, or None."""
        ref = ref.strip()
        candidates = []
        fdo_id = id_from_pid(self.base_url, ref)
        if fdo_id:
            candidates.append(ref)
        elif "/" not in ref and ":" not in ref:
            candidates.append(self.pid(ref))
        for pid in candidates:
            try:
                if self.exists(pid):
                    return pid
            except ValueError:  # not even a valid IRI (quotes, spaces...): no FDO has it
                continue
        for row in self.db.query(Q.SELECT_ALIAS.format(g=self.registry_graph, alias=Literal(ref))):
            return row["pid"].value
        if ":" in ref and not ref.startswith("http"):
            platform, _, platform_id = ref.partition(":")
            try:
                pid = self.pid(mint_id(platform, platform_id))
            except ValueError:
                return None
            if self.exists(pid):
                return pid
        return None

    # ---------------------------------------------------------------- harvest state
    def get_state(self, key: str) -> str | None:
        """Return a stored harvest state value (e.g. a high-water mark)."""
        for q in self.db.quads_for_pattern(self._state_node(key), MLFDO.value, None, self.registry_graph):
            return q.object.value
        return None

    def set_state(self, key: str, value: str) -> None:
        """Store a harvest state value, replacing the previous one."""
        node = self._state_node(key)
        self.db.update(Q.SET_STATE.format(g=self.registry_graph, node=node, value=Literal(value)))

    def _state_node(self, key: str) -> NamedNode:
        return NamedNode(f"{self.registry_graph.value}#state-{hashlib.sha256(key.encode()).hexdigest()[:16]}")

    # ---------------------------------------------------------------- ingest
    def ingest(self, record: Record, now: datetime | None = None) -> IngestResult:
        """Ingest one record as one transaction.

        Raises RecordError when the record cannot be stored (nothing is written then).
        """
        result = self.ingest_many([record], now=now)[0]
        if result.status == "failed":
            raise RecordError(result.error or "record could not be stored")
        return result

    def ingest_many(self, records: Iterable[Record], now: datetime | None = None,
                    progress: Callable[[IngestResult], None] | None = None) -> list[IngestResult]:
        """Ingest records in batches, one transaction per batch; failed records are reported, not raised.

        SHACL validation of the next batch runs in a second thread while the current batch is
        written: pyoxigraph releases the GIL while it writes, pyrudof holds it while it validates,
        so validation hides behind the store's writes only. A bulk session validates in a child
        process instead (registry/shacl_process.py).
        """
        results: list[IngestResult] = []
        validator = self._bulk.validator if self._bulk is not None else self.validator
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="mlfdo-shacl") as pool:
            pending = None  # (prepared batch, future of its SHACL summaries)
            for chunk in _chunks(records, self.batch_size):
                batch = prepare_batch(chunk)
                in_flight = frozenset(p.pid for p in pending[0].ok) if pending is not None else frozenset()
                future = pool.submit(validate_batch, validator, batch, self, in_flight)
                if pending is not None:
                    results.extend(self._write(*pending, now, progress))
                pending = (batch, future)
            if pending is not None:
                results.extend(self._write(*pending, now, progress))
        return results

    def counts_guard(self) -> AbstractContextManager:
        """Return the context that updates of the maintained counts run in (see ``counts_lock``).

        It is re-entrant within a thread: a batch holds it from reading the registry's state to
        its commit, and the commit's own count update then runs inside it.
        """
        if self.counts_lock is None or getattr(self._guard, "held", False):
            return nullcontext()
        return self._hold_guard()

    @contextmanager
    def _hold_guard(self) -> Iterator[None]:
        with self.counts_lock():
            self._guard.held = True
            try:
                yield
            finally:
                self._guard.held = False

    def bulk(self, now: datetime | None = None, progress: Callable[[str], None] | None = None,
             optimize: bool = True, shacl_process: bool = True):
        """Return a context in which ingests into an empty embedded store use the bulk loader.

        It yields whether they do; a store killed inside it is emptied when reopened (store/bulk.py).
        Validation runs in a child process meanwhile (``shacl_process``); when the run completes, the
        store is compacted (``optimize``); ``progress`` is told of the session's last, slow steps.
        """
        return bulk.bulk_session(self, now or _now(), progress, optimize, shacl_process)

    def _write(self, batch, future, now: datetime | None, progress) -> list[IngestResult]:
        if self._bulk is not None:
            results = self._bulk.write(batch, future.result(), now or _now())
        else:
            summaries = future.result()
            # Shared store: what the batch plans from (new, changed, unchanged) must not change
            # before it commits, or two writers of one record would both write it as new.
            with self.counts_guard():
                results = write_batch(self, batch, summaries, now or _now())
        self._notify(results)
        if progress:
            for r in results:
                progress(r)
        return results

    def on_change(self, listener: Callable[[list[IngestResult]], None]) -> None:
        """Call ``listener`` with the results of every committed batch and withdrawal (e.g. to re-index)."""
        self.listeners.append(listener)

    def _notify(self, results: list[IngestResult]) -> None:
        changed = [r for r in results if r.status in ("new", "changed", "withdrawn")]
        if changed:
            for listener in self.listeners:
                listener(changed)

    # ---------------------------------------------------------------- raw records and failures
    def _raw_path(self, pid: str, n: int) -> Path | None:
        if self.data_dir is None:
            return None
        fdo_id = pid.rsplit("/", 1)[-1]
        return self.data_dir / "raw" / fdo_id[:2] / fdo_id / f"v{n}.json"

    def _save_raw(self, pid: str, n: int, raw: str) -> None:
        path = self._raw_path(pid, n)
        if path is None:
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(raw, encoding="utf-8")

    def raw(self, pid: str, n: int) -> str | None:
        """Return the platform's raw record kept with version n, when kept."""
        path = self._raw_path(pid, n)
        return path.read_text(encoding="utf-8") if path is not None and path.exists() else None

    def record_failure(self, platform: str, platform_id: str, error: str, raw: str | None = None,
                       now: datetime | None = None) -> Failure:
        """Keep a source record that could not be transformed, with its error."""
        when = now or _now()
        key = hashlib.sha256(f"{platform}:{platform_id}:{when.isoformat()}".encode()).hexdigest()[:16]
        node = NamedNode(f"{self.registry_graph.value}#failure-{key}")
        triples = [
            Triple(node, RDF.type, MLFDO.HarvestFailure),
            Triple(node, MLFDO.platform, Literal(platform)),
            Triple(node, MLFDO.platformId, Literal(platform_id)),
            Triple(node, MLFDO.error, Literal(error)),
            Triple(node, PROV.atTime, _dt(when)),
        ]
        changes = listing.Changes()
        changes.add("failures", 1)
        ops = listing.render(self, changes).ops if listing.is_ready(self) else []
        data = "\n".join(f"{t} ." for t in triples)
        # a bulk session keeps the counts until it ends: Ctrl-C is held so the failure is counted if stored
        with bulk.hold_interrupts() if self._bulk is not None else nullcontext(), self.counts_guard():
            self.db.update(" ;\n".join([f"INSERT DATA {{ GRAPH {self.registry_graph} {{ {data} }} }}", *ops]))
            if self._bulk is not None:
                self._bulk.listing_changes(changes)
        if raw is not None and self.data_dir is not None:
            path = self.data_dir / "raw" / "failures" / f"{key}.json"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps({"platform": platform, "id": platform_id, "error": error, "raw": raw}))
        return Failure(node.value, platform, platform_id, error, when)

    def failures(self) -> list[Failure]:
        """Return the source records that could not be transformed, newest first."""
        rows = self.db.query(Q.SELECT_FAILURES.format(g=self.registry_graph))
        return [Failure(r["f"].value, r["platform"].value, r["pid"].value, r["error"].value, _parse_dt(r["at"].value))
                for r in rows]

    # ---------------------------------------------------------------- reading
    def current(self, pid: str) -> list[Triple]:
        """Return the current view of an FDO: its latest version's triples plus its counters.

        Raises NotFound for an unknown PID; a withdrawn FDO has an empty current view.
        """
        n = self._reg_value(pid, "versionCount")
        if n is None:
            raise NotFound(f"no FDO {pid}")
        if self._reg_value(pid, "status") == "withdrawn":
            return []
        # The default graph holds exactly these (writer.py keeps them equal, repair() restores it
        # after a crash); reading the version graph is one scan instead of one per owned node.
        triples = [q.triple for q in self.db.quads_for_pattern(None, None, None, NamedNode(f"{pid}/v/{n}"))]
        node = NamedNode(pid)
        for p in _VOLATILE:
            triples.extend(q.triple for q in self.db.quads_for_pattern(node, p, None, DefaultGraph()))
        return triples

    def version(self, pid: str, n: int) -> list[Triple]:
        """Return the triples of version n. Raises NotFound when it does not exist."""
        triples = [q.triple for q in self.db.quads_for_pattern(None, None, None, NamedNode(f"{pid}/v/{n}"))]
        if not triples:
            raise NotFound(f"{pid} has no version {n}")
        return triples

    def versions(self, pid: str) -> list[VersionInfo]:
        """Return every version of an FDO, oldest first. Raises NotFound for an unknown PID."""
        if not self.exists(pid):
            raise NotFound(f"no FDO {pid}")
        return self._version_infos(pid)

    def version_at(self, pid: str, when: datetime) -> VersionInfo | None:
        """Return the version that was current at ``when``, or None if the FDO did not exist yet."""
        if when.tzinfo is None:
            when = when.replace(tzinfo=timezone.utc)
        chosen = None
        for info in self.versions(pid):
            if info.generated_at <= when:
                chosen = info
        return chosen

    def validation_results(self, pid: str, n: int) -> list[dict]:
        """Return the SHACL results recorded for version n (severity, focus, path, message), violations first."""
        for q in self.db.quads_for_pattern(NamedNode(f"{pid}/v/{n}"), MLFDO.validationReport, None, self.prov_graph):
            return read_report(q.object.value)
        return []

    def diff(self, pid: str, a: int, b: int) -> Diff:
        """Compare versions a and b triple by triple. Raises NotFound for a missing version."""
        old = {nt_line(t): t for t in self.version(pid, a)}
        new = {nt_line(t): t for t in self.version(pid, b)}
        added = tuple(new[k] for k in sorted(new.keys() - old.keys()))
        removed = tuple(old[k] for k in sorted(old.keys() - new.keys()))
        summary: dict[str, dict[str, int]] = {}
        for label, triples in (("added", added), ("removed", removed)):
            for t in triples:
                entry = summary.setdefault(t.predicate.value, {"added": 0, "removed": 0})
                entry[label] += 1
        return Diff(pid, a, b, added, removed, summary)

    def withdraw(self, pid: str, reason: str, now: datetime | None = None) -> None:
        """Remove an FDO from the current view, keeping its versions (served as 410 Gone)."""
        n = self._reg_value(pid, "versionCount")
        if n is None:
            raise NotFound(f"no FDO {pid}")
        node = NamedNode(pid)
        if self._bulk is not None:  # its listing is rebuilt from the store when the bulk session ends
            self._bulk.flush()
            self._bulk.rebuild_listing = True
        with self.counts_guard():
            self._withdraw(pid, node, int(n), reason, now)
        self._notify([IngestResult(pid, "withdrawn", int(n))])

    def _withdraw(self, pid: str, node: NamedNode, n: int, reason: str, now: datetime | None) -> None:
        self.db.update(" ;\n".join([
            *self._listing_withdrawal(pid, n),
            Q.DELETE_CURRENT.format(v=NamedNode(f"{pid}/v/{n}"), pid=node),
            *(Q.DELETE_PROPERTY.format(pid=node, p=p) for p in _VOLATILE),
            Q.SET_WITHDRAWN.format(g=self.registry_graph, pid=node, reason=Literal(reason), when=_dt(now or _now())),
        ]))

    def _listing_withdrawal(self, pid: str, n: int) -> list[str]:
        status = self.status(pid)
        if status == "withdrawn" or not listing.is_ready(self):
            return []
        node = NamedNode(pid)
        counters = [q.triple for p in _VOLATILE for q in self.db.quads_for_pattern(node, p, None, DefaultGraph())]
        content = sum(1 for _ in self.db.quads_for_pattern(None, None, None, NamedNode(f"{pid}/v/{n}")))
        kind = self.kind(pid) or ""
        name, identifier = listing.label_of(pid, (q.triple for p in (SCHEMA.name, SCHEMA.identifier)
                                                  for q in self.db.quads_for_pattern(node, p, None, DefaultGraph())))
        changes = listing.Changes()
        platform = self._reg_value(pid, "platform") or ""
        changes.move(pid, listing.Entry(kind, status, downloads_of(counters), name, identifier, platform),
                     listing.Entry(kind, "withdrawn"))
        changes.add("triples", -(content + len(counters)))
        rendered = listing.render(self, changes)
        return ["DELETE DATA {\n" + "\n".join(rendered.deletes) + "\n}", *rendered.ops]

    def withdrawal(self, pid: str) -> dict | None:
        """Return the reason and time of a withdrawal, or None."""
        for row in self.db.query(Q.SELECT_WITHDRAWAL.format(g=self.registry_graph, pid=NamedNode(pid))):
            return {"reason": row["reason"].value, "at": _parse_dt(row["at"].value)}
        return None

    def query(self, sparql: str, **kwargs):
        """Run a SPARQL query over the whole dataset (default graph = current view)."""
        return self.db.query(sparql, **kwargs)

    def pids(self, kind: str | None = None, offset: int = 0, limit: int | None = None,
             include_stubs: bool = True, order: str = "pid") -> list[str]:
        """Return PIDs of current FDOs (optionally of one kind), by PID or most downloaded first (``popular``)."""
        if order in listing.ORDERS and listing.is_ready(self):
            statuses = ("active", "stub") if include_stubs else ("active",)
            return [pid for pid, _ in listing.page(self, order, kind, statuses, offset, limit)]
        q = Q.select_pids(self.registry_graph, kind, include_stubs, offset, limit, order)
        return [row["pid"].value for row in self.db.query(q)]

    def listed(self, kind: str | None = None, offset: int = 0, limit: int | None = None,
               include_stubs: bool = True, order: str = "pid") -> list[tuple[str, Label]]:
        """Return (PID, label) of a page of current FDOs, as ``pids`` orders them and ``labels`` labels them.

        With the maintained listing the labels come with the page (no lookup per FDO).
        """
        if order in listing.ORDERS and listing.is_ready(self):
            statuses = ("active", "stub") if include_stubs else ("active",)
            return listing.page(self, order, kind, statuses, offset, limit)
        pids = self.pids(kind, offset, limit, include_stubs, order)
        labels = self.labels(pids)
        return [(pid, labels.get(pid, Label())) for pid in pids]

    def stats(self) -> dict:
        """Return counts: FDOs by kind and status, versions, triples in the current view, failures.

        They are the maintained counts of store/listing.py (constant time) when the store keeps one.
        """
        if listing.is_ready(self):
            return listing.counts(self)
        by_kind: dict[str, dict[str, int]] = {}
        for row in self.db.query(Q.STATS_BY_KIND.format(g=self.registry_graph)):
            by_kind.setdefault(row["kind"].value, {})[row["status"].value] = int(row["c"].value)
        versions = next(iter(self.db.query(Q.COUNT_VERSIONS.format(g=self.prov_graph))))["c"].value
        triples = next(iter(self.db.query(Q.COUNT_DEFAULT)))["c"].value
        total = sum(sum(v.values()) for v in by_kind.values())
        return {"fdos": total, "by_kind": by_kind, "versions": int(versions), "current_triples": int(triples),
                "failures": len(self.failures())}

    def _reg_value(self, pid: str, prop: str) -> str | None:
        if self._bulk is not None and pid in self._bulk.written:
            self._bulk.flush()  # its quads may still wait in the bulk loader's chunk: load them before reading
        for q in self.db.quads_for_pattern(NamedNode(pid), MLFDO.term(prop), None, self.registry_graph):
            return q.object.value
        return None


def solutions_to_dicts(solutions: QuerySolutions) -> list[dict]:
    """Return query solutions as a list of {variable: value} dicts."""
    names = [v.value for v in solutions.variables]
    return [{n: (row[n].value if row[n] is not None else None) for n in names} for row in solutions]
