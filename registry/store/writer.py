"""The write path of the store: plan a batch of records, commit it in two atomic steps, repair.

A batch is committed as (1) one ``load`` of N-Quads text with every new quad (version graphs,
provenance, new current-view triples, new registry values), then (2) one SPARQL update deleting
what the new versions superseded (computed exactly, as ``DELETE DATA``) and noting checks. Each
step is a single transaction. A bulk load is ~3x faster than a SPARQL update that mixes
deletes and inserts, which is why the batch is not one update. A kill between the two steps
leaves complete new versions with superseded triples still beside them; :func:`repair` (run
when a store opens) finishes step 2 for those FDOs, so no reader ever meets a half-written
version and the current view is whole again before the store is used.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from datetime import datetime, timezone

from pyoxigraph import DefaultGraph, Literal, NamedNode, RdfFormat, Triple

from registry.errors import RecordError
from registry.record import Record
from registry.store import query_text as Q
from registry.store.prepare import PreparedRecord, prepare
from registry.store import listing
from registry.store.listing import Changes, Entry, label_of
from registry.store.results import IngestResult
from registry.vocab import DCT, FAIR4ML_VERSION_IRI, MLFDO, PROV, RDF, VOLATILE_PROPERTIES, XSD

__all__ = ["prepare_batch", "validate_batch", "write_batch", "PreparedBatch", "repair", "dt_literal", "iri_or_literal", "REGISTRY_PROPS", "report_json", "read_report", "entry_of", "downloads_of", "commit_two_steps"]

_VOLATILE = tuple(NamedNode(p) for p in sorted(VOLATILE_PROPERTIES))
_DOWNLOADS = MLFDO.downloads
RDF_JSON = NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#JSON")
# Terms built once: the write path makes tens of them per record.
_T = {name: MLFDO.term(name) for name in (
    "versionNumber", "contentHash", "harvester", "harvesterVersion", "sourceEtag", "harvestProblem",
    "shaclConforms", "shaclViolations", "shaclWarnings", "validationReport", "currentVersion", "versionCount",
    "status", "kind", "platform", "platformId", "lastCheckedAt", "checkCount")}
_P = {name: PROV.term(name) for name in (
    "Entity", "Activity", "specializationOf", "generatedAtTime", "wasRevisionOf", "wasGeneratedBy", "used",
    "startedAtTime", "endedAtTime")}
_TYPE, _CONFORMS_TO = RDF.type, DCT.conformsTo
# Single-valued bookkeeping properties an ingest rewrites (aliases and harvest state are kept).
REGISTRY_PROPS = frozenset(str(MLFDO) + p for p in (
    "currentVersion", "versionCount", "contentHash", "status", "kind", "platform", "platformId",
    "sourceEtag", "withdrawnBecause", "withdrawnAt"))


def dt_literal(value: datetime) -> Literal:
    """Return an xsd:dateTime literal (naive datetimes are taken as UTC)."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=timezone.utc)
    return Literal(value.isoformat(), datatype=XSD.dateTime)


def iri_or_literal(value: str):
    """Return a NamedNode when ``value`` is a valid IRI, else a plain literal."""
    try:
        return NamedNode(value)
    except ValueError:
        return Literal(value)


@dataclass
class _State:
    n: int
    hash: str
    status: str
    registry: set[Triple] = field(default_factory=set)
    counters: set[Triple] = field(default_factory=set)
    label: tuple[str, str] = ("", "")  # name and identifier of the current content, set where the listing needs them


@dataclass
class _Pending:
    inserts: list[str] = field(default_factory=list)  # N-Quads lines
    deletes: list[str] = field(default_factory=list)  # DELETE DATA lines
    checks: list[tuple[NamedNode, datetime]] = field(default_factory=list)
    raws: list[tuple[str, int, str]] = field(default_factory=list)
    pids: set[str] = field(default_factory=set)
    listing: Changes = field(default_factory=Changes)


@dataclass
class PreparedBatch:
    """A batch after preparation: each record with its prepared form or its error."""

    items: list[tuple[Record, PreparedRecord | None, str | None]]

    @property
    def ok(self) -> list[PreparedRecord]:
        return [p for _, p, _ in self.items if p is not None]


def prepare_batch(records: list[Record]) -> PreparedBatch:
    """Normalise, skolemise and hash every record; a bad record becomes an error, not an exception."""
    items: list[tuple[Record, PreparedRecord | None, str | None]] = []
    for record in records:
        try:
            items.append((record, prepare(record.pid, record.triples), None))
        except RecordError as exc:
            items.append((record, None, exc.message))
    return PreparedBatch(items)


def validate_batch(validator, batch: PreparedBatch, store=None, in_flight: frozenset[str] = frozenset()) -> dict[int, object]:
    """Return SHACL summaries keyed by ``id()`` of each prepared record (empty without a validator).

    With ``store``, records whose content equals their stored current version are not validated:
    they will write no version (a daily re-listing is mostly such records). PIDs ``in_flight``
    (in a batch being written meanwhile) are always validated.
    """
    ok = batch.ok
    if store is not None and validator is not None and ok:
        unchanged = _unchanged(store, [p for p in ok if p.pid not in in_flight])
        ok = [p for p in ok if (p.pid, p.content_hash) not in unchanged]
    return dict(zip(map(id, ok), _validate(validator, ok)))


def _unchanged(store, prepared: list[PreparedRecord]) -> set[tuple[str, str]]:
    if not prepared:
        return set()
    values = " ".join(f"<{p}>" for p in {p.pid for p in prepared})
    rows = store.db.query(Q.SELECT_REGISTRY.format(g=store.registry_graph, values=values))
    props: dict[str, dict[str, str]] = {}
    for row in rows:
        props.setdefault(row["pid"].value, {})[row["p"].value] = row["o"].value
    return {(pid, p.get(str(MLFDO) + "contentHash")) for pid, p in props.items()
            if p.get(str(MLFDO) + "status") != "withdrawn"}


def write_batch(store, batch: PreparedBatch, summaries: dict[int, object], when: datetime,
                commit: Callable[[object, "_Pending"], None] | None = None, fresh: bool = False) -> list[IngestResult]:
    """Plan and commit a prepared, validated batch; return one result per record, in order.

    ``commit`` replaces the transactional two-step commit (the bulk loader passes its own);
    ``fresh`` says that the store holds none of the batch's PIDs (nothing to look up).
    """
    _commit = commit or commit_two_steps
    states = {} if fresh else _load_states(store, [p.pid for p in batch.ok])
    results: list[IngestResult] = []
    pending = _Pending()
    for record, prep, error in batch.items:
        if prep is None:
            results.append(IngestResult(record.pid, "failed", error=error))
            continue
        if prep.pid in pending.pids:  # the same FDO twice in a batch: commit the first one before planning
            _commit(store, pending)
            pending = _Pending()
        pending.pids.add(prep.pid)
        results.append(_plan(store, record, prep, states, summaries.get(id(prep)), when, pending))
    _commit(store, pending)
    return results


def _validate(validator, prepared: list[PreparedRecord]) -> list:
    if validator is None or not prepared:
        return [None] * len(prepared)
    by_lines = getattr(validator, "validate_lines", None)  # the N-Triples lines are already there
    if by_lines is not None:
        return list(by_lines([p.lines for p in prepared]))
    return list(validator.validate_many([list(p.content) for p in prepared]))


def _load_states(store, pids: list[str]) -> dict[str, _State]:
    states: dict[str, _State] = {}
    if not pids:
        return states
    values = " ".join(f"<{p}>" for p in set(pids))
    rows = list(store.db.query(Q.SELECT_REGISTRY.format(g=store.registry_graph, values=values)))
    by_pid: dict[str, dict[str, list]] = {}
    for row in rows:
        by_pid.setdefault(row["pid"].value, {}).setdefault(row["p"].value, []).append(row["o"])
    for pid, props in by_pid.items():
        n = props.get(str(MLFDO) + "versionCount")
        if not n:
            continue
        registry = {Triple(NamedNode(pid), NamedNode(p), o) for p, objs in props.items() if p in REGISTRY_PROPS
                    for o in objs}
        states[pid] = _State(max(int(x.value) for x in n), props[str(MLFDO) + "contentHash"][0].value,
                             props[str(MLFDO) + "status"][0].value, registry)
    if states:
        known = " ".join(f"<{p}>" for p in states)
        for row in store.db.query(Q.select_counters(known, [str(p) for p in _VOLATILE])):
            states[row["pid"].value].counters.add(Triple(row["pid"], row["p"], row["o"]))
    return states


def _plan(store, record: Record, prep: PreparedRecord, states: dict[str, _State], summary, when: datetime,
          pending: _Pending) -> IngestResult:
    state = states.get(prep.pid)
    counters = set(prep.counters) if state is not None else prep.counters
    # a stub never replaces a record; it replaces a stub only to record a problem with its source
    if state is not None and record.stub and not (record.problems and state.status == "stub"):
        return IngestResult(prep.pid, "stub-skipped", state.n)
    if state is not None and state.hash == prep.content_hash and state.status != "withdrawn":
        pending.checks.append((NamedNode(f"{prep.pid}/v/{state.n}"), when))
        if prep.counters and counters != state.counters:
            state.label = label_of(prep.pid, prep.content)  # the same content as the current version's
            old_entry = entry_of(state)
            _replace(pending, DefaultGraph(), state.counters, counters)
            state.counters = counters
            pending.listing.move(prep.pid, old_entry, entry_of(state))
            return IngestResult(prep.pid, "counters", state.n)
        return IngestResult(prep.pid, "unchanged", state.n)
    n = 1 if state is None else state.n + 1
    version = NamedNode(f"{prep.pid}/v/{n}")
    previous = None if state is None else NamedNode(f"{prep.pid}/v/{state.n}")
    content = prep.content
    old_content = set() if previous is None else {q.triple for q in store.db.quads_for_pattern(None, None, None, previous)}
    if state is not None and state.status == "withdrawn":
        old_content = set()  # a withdrawn FDO has nothing in the current view
    _replace(pending, DefaultGraph(), old_content, content, prep.lines)
    _replace(pending, DefaultGraph(), state.counters if state else set(), counters)
    suffix = f" {version} ."  # serialised once per version, not once per line
    pending.inserts.extend(line + suffix for line in prep.lines)
    suffix = f" {store.prov_graph} ."
    pending.inserts.extend(line + suffix for line in _prov_lines(record, prep, version, previous, n, summary, when))
    registry = list(_registry_triples(record, prep, version, n))
    _replace(pending, store.registry_graph, state.registry if state else set(), registry)
    if state is not None:
        state.label = label_of(prep.pid, old_content)
    status = "stub" if record.stub else "active"
    label = label_of(prep.pid, prep.content, prep.lines)
    states[prep.pid] = _State(n, prep.content_hash, status, set(registry), set(counters), label)
    # the new entry from the record itself: what entry_of reads back from the registry triples just built
    platform = record.platform if record.platform and record.platform_id else ""
    pending.listing.move(prep.pid, entry_of(state), Entry(record.kind, status, downloads_of(counters), *label, platform))
    pending.listing.add("versions", 1)
    if record.raw is not None:
        pending.raws.append((prep.pid, n, record.raw))
    return IngestResult(prep.pid, "new" if state is None else "changed", n)


def _replace(pending: _Pending, graph, old: set[Triple], new, lines: Iterable[str] | None = None) -> None:
    """Plan replacing ``old`` by ``new`` in ``graph``; ``lines``, when given, are the N-Triples lines of ``new``."""
    suffix = " ." if isinstance(graph, DefaultGraph) else f" {graph} ."
    before = len(pending.inserts)
    removed = 0
    if not old:  # a new FDO: nothing to compare, skip hashing every triple
        pending.inserts.extend(f"{line}{suffix}" for line in (lines if lines is not None else map(str, new)))
    else:
        new = set(new)
        pending.inserts.extend(f"{t}{suffix}" for t in new - old)
        gone = [_data_line(t, graph) for t in old - new]
        pending.deletes.extend(gone)
        removed = len(gone)
    if isinstance(graph, DefaultGraph):
        pending.listing.add("triples", len(pending.inserts) - before - removed)


def commit_two_steps(store, pending: _Pending) -> None:
    """Commit a planned batch: load its new quads, then delete what it superseded (see the module doc)."""
    inserts, deletes, cat_ops = pending.inserts, pending.deletes, []
    if pending.listing and listing.is_ready(store):
        rendered = listing.render(store, pending.listing)
        begin, end = listing.journal(store)  # cleared by the second step: a crash between leaves it
        inserts, deletes, cat_ops = inserts + rendered.inserts + [begin], deletes + rendered.deletes + [end], rendered.ops
    if inserts:
        # Text parsed by the store is ~4x cheaper than building a pyoxigraph Quad per triple.
        store.db.load("\n".join(inserts), RdfFormat.N_QUADS)
    ops = []
    if deletes:
        ops.append("DELETE DATA {\n" + "\n".join(deletes) + "\n}")
    if pending.checks:
        values = " ".join(f"({v} {dt_literal(w)})" for v, w in pending.checks)
        ops.append(Q.NOTE_CHECKS.format(g=store.prov_graph, values=values))
    ops.extend(cat_ops)
    if ops:
        with store.counts_guard():  # count changes are read-modify-write: one writer at a time
            store.db.update(" ;\n".join(ops))
    for pid, n, raw in pending.raws:
        store._save_raw(pid, n, raw)


def entry_of(state: _State | None) -> Entry | None:
    """Return where an FDO in ``state`` sits in the listing (None for an unknown FDO)."""
    if state is None:
        return None
    kind = next((t.object.value for t in state.registry if t.predicate == _T["kind"]), "")
    platform = min((t.object.value for t in state.registry if t.predicate == _T["platform"]), default="")
    return Entry(kind, state.status, downloads_of(state.counters), *state.label, platform)


def downloads_of(counters: Iterable[Triple]) -> int:
    """Return the download count among an FDO's counters (0 when it has none)."""
    return max((int(t.object.value) for t in counters if t.predicate == _DOWNLOADS and t.object.value.isdigit()),
               default=0)


def _data_line(t: Triple, graph) -> str:
    if isinstance(graph, DefaultGraph):
        return f"{t} ."
    return f"GRAPH {graph} {{ {t} }}"


_LITERAL_CACHE = 256  # dates, harvester names and versions: one batch repeats a few of them


def _dt_text(value: datetime) -> str:
    """Return ``str(dt_literal(value))``, cached by its text (equal instants in two offsets print differently)."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=timezone.utc)
    return _dt_iso_text(value.isoformat())


@lru_cache(maxsize=_LITERAL_CACHE)
def _dt_iso_text(iso: str) -> str:
    return str(Literal(iso, datatype=XSD.dateTime))


@lru_cache(maxsize=_LITERAL_CACHE)
def _literal_text(value: str) -> str:
    return str(Literal(value))


def _int_text(n: int) -> str:
    return f'"{n}"^^<{XSD.integer.value}>'


# N-Triples text of the constant terms of a version's provenance
_S = {name: str(term) for name, term in {**_T, **_P}.items()}
_TYPE_S, _CONFORMS_TO_S, _FAIR4ML_VERSION_S = str(_TYPE), str(_CONFORMS_TO), str(FAIR4ML_VERSION_IRI)
_BOOLEAN = {flag: str(Literal(str(flag).lower(), datatype=XSD.boolean)) for flag in (True, False)}


def _prov_lines(record: Record, prep: PreparedRecord, version: NamedNode, previous: NamedNode | None,
                n: int, summary, when: datetime) -> Iterator[str]:
    """Yield the N-Triples lines (no final dot) of a version's provenance: what ``str(triple)`` gives for each.

    The text is written here rather than serialised from one pyoxigraph term per value: the
    terms that vary are few (the version, the PID, dates, the harvest's values), the rest is constant.
    """
    v, s = str(version), _S
    yield f"{v} {_TYPE_S} {s['Entity']}"
    yield f"{v} {s['specializationOf']} {NamedNode(prep.pid)}"
    yield f"{v} {s['versionNumber']} {_int_text(n)}"
    generated = _dt_text(when)
    yield f"{v} {s['generatedAtTime']} {generated}"
    yield f'{v} {s["contentHash"]} "{prep.content_hash}"'  # hexadecimal: nothing to escape
    yield f"{v} {_CONFORMS_TO_S} {_FAIR4ML_VERSION_S}"
    # The harvest that wrote a version is its first check: later checks replace these two values,
    # so a re-listing that finds the record unchanged adds no quad, not even the first time.
    yield f"{v} {s['lastCheckedAt']} {generated}"
    yield f"{v} {s['checkCount']} {_int_text(0)}"
    if previous is not None:
        yield f"{v} {s['wasRevisionOf']} {previous}"
    src = record.source
    if src is not None:
        act = str(NamedNode(f"{version.value}#activity"))
        yield f"{v} {s['wasGeneratedBy']} {act}"
        yield f"{act} {_TYPE_S} {s['Activity']}"
        yield f"{act} {s['harvester']} {_literal_text(src.harvester)}"
        yield f"{act} {s['harvesterVersion']} {_literal_text(src.harvester_version)}"
        if src.url:
            yield f"{act} {s['used']} {iri_or_literal(src.url)}"
        if src.etag:
            yield f"{act} {s['sourceEtag']} {Literal(src.etag)}"
        if src.started:
            yield f"{act} {s['startedAtTime']} {_dt_text(src.started)}"
        if src.ended:
            yield f"{act} {s['endedAtTime']} {_dt_text(src.ended)}"
    for problem in record.problems:
        yield f"{v} {s['harvestProblem']} {Literal(problem)}"
    if summary is not None:
        yield f"{v} {s['shaclConforms']} {_BOOLEAN[bool(summary.conforms)]}"
        yield f"{v} {s['shaclViolations']} {_int_text(summary.violations)}"
        yield f"{v} {s['shaclWarnings']} {_int_text(summary.warnings)}"
        if summary.results:
            yield f"{v} {s['validationReport']} {Literal(report_json(summary.results), datatype=RDF_JSON)}"


def report_json(results) -> str:
    """Return SHACL results as one compact JSON array (one literal per version, not 5 quads per result)."""
    return json.dumps([{"severity": r.severity, "focus": r.focus, "path": r.path, "message": r.message}
                       for r in results], separators=(",", ":"), ensure_ascii=False)


def read_report(value: str | None) -> list[dict]:
    """Return the SHACL results stored by :func:`report_json`, violations first."""
    results = json.loads(value) if value else []
    order = {"Violation": 0, "Warning": 1, "Info": 2}
    return sorted(results, key=lambda r: (order.get(r["severity"], 3), r["message"]))


def _registry_triples(record: Record, prep: PreparedRecord, version: NamedNode, n: int) -> Iterator[Triple]:
    pid = NamedNode(prep.pid)
    yield Triple(pid, _T["currentVersion"], version)
    yield Triple(pid, _T["versionCount"], Literal(str(n), datatype=XSD.integer))
    yield Triple(pid, _T["contentHash"], Literal(prep.content_hash))
    yield Triple(pid, _T["status"], Literal("stub" if record.stub else "active"))
    yield Triple(pid, _T["kind"], Literal(record.kind))
    if record.platform and record.platform_id:
        yield Triple(pid, _T["platform"], Literal(record.platform))
        yield Triple(pid, _T["platformId"], Literal(record.platform_id))
    if record.source and record.source.etag:
        yield Triple(pid, _T["sourceEtag"], Literal(record.source.etag))


def repair(store) -> list[str]:
    """Finish batches whose second step a crash interrupted; return the PIDs repaired.

    Such an FDO has two version counts in the registry. Its latest version is complete (it
    was written atomically), so the previous version's superseded triples, stale registry
    values and its counters (volatile, re-read at the next harvest) are removed.
    """
    repaired = []
    for row in list(store.db.query(Q.SELECT_UNFINISHED.format(g=store.registry_graph))):
        pid, n = row["pid"].value, int(row["n"].value)
        latest = NamedNode(f"{pid}/v/{n}")
        new = {q.triple for q in store.db.quads_for_pattern(None, None, None, latest)}
        old = {q.triple for q in store.db.quads_for_pattern(None, None, None, NamedNode(f"{pid}/v/{n - 1}"))}
        deletes = [_data_line(t, DefaultGraph()) for t in old - new]
        deletes += [_data_line(q.triple, DefaultGraph()) for p in _VOLATILE
                    for q in store.db.quads_for_pattern(NamedNode(pid), p, None, DefaultGraph())]
        keep = _latest_registry_values(store, pid, latest, n)
        for q in store.db.quads_for_pattern(NamedNode(pid), None, None, store.registry_graph):
            if q.predicate.value in keep and q.object.value not in keep[q.predicate.value]:
                deletes.append(_data_line(q.triple, store.registry_graph))
        if deletes:
            store.db.update("DELETE DATA {\n" + "\n".join(deletes) + "\n}")
        repaired.append(pid)
    return repaired


def _latest_registry_values(store, pid: str, latest: NamedNode, n: int) -> dict[str, set[str]]:
    keep = {str(MLFDO) + "currentVersion": {latest.value}, str(MLFDO) + "versionCount": {str(n)}}
    for q in store.db.quads_for_pattern(latest, MLFDO.contentHash, None, store.prov_graph):
        keep[str(MLFDO) + "contentHash"] = {q.object.value}
    etags = {q.object.value for act in store.db.quads_for_pattern(latest, PROV.wasGeneratedBy, None, store.prov_graph)
             for q in store.db.quads_for_pattern(act.object, MLFDO.sourceEtag, None, store.prov_graph)}
    keep[str(MLFDO) + "sourceEtag"] = etags
    statuses = {q.object.value for q in store.db.quads_for_pattern(NamedNode(pid), MLFDO.status, None, store.registry_graph)}
    keep[str(MLFDO) + "status"] = {"active"} if "active" in statuses else statuses
    keep[str(MLFDO) + "withdrawnBecause"] = set()
    keep[str(MLFDO) + "withdrawnAt"] = set()
    return keep

