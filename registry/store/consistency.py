"""The store's consistency check (`mlfdo check`): versions, provenance and the current view agree."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from pyoxigraph import DefaultGraph, NamedNode

from registry.store import listing
from registry.store.prepare import content_hash, nt_line
from registry.vocab import MLFDO, PROV

__all__ = ["Inconsistency", "StoreReport", "check_store"]

_VERSION_GRAPH = re.compile(r"^(?P<pid>.+)/v/(?P<n>[1-9][0-9]*)$")
_VOLATILE = {str(MLFDO) + "downloads", str(MLFDO) + "likes"}

SELECT_PROVENANCE = (
    "SELECT ?v ?pid ?n ?at ?hash WHERE {{ GRAPH {g} {{ ?v <" + str(PROV) + "specializationOf> ?pid "
    "OPTIONAL {{ ?v <" + str(MLFDO) + "versionNumber> ?n }} OPTIONAL {{ ?v <" + str(PROV) + "generatedAtTime> ?at }} "
    "OPTIONAL {{ ?v <" + str(MLFDO) + "contentHash> ?hash }} }} }}"
)
SELECT_COUNTS = ("SELECT ?pid ?n ?status WHERE {{ GRAPH {g} {{ ?pid <" + str(MLFDO) + "versionCount> ?n "
                 "OPTIONAL {{ ?pid <" + str(MLFDO) + "status> ?status }} }} }}")


@dataclass(frozen=True)
class Inconsistency:
    """One thing wrong: which check, which FDO or graph, and what."""

    check: str
    subject: str
    detail: str

    def line(self) -> str:
        return f"{self.check}: {self.subject}: {self.detail}"


@dataclass
class StoreReport:
    """What ``check_store`` looked at and what it found."""

    fdos: int = 0
    versions: int = 0
    problems: list[Inconsistency] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def add(self, check: str, subject: str, detail: str) -> None:
        self.problems.append(Inconsistency(check, subject, detail))


def _owner(subject) -> str | None:
    return subject.value.split("#", 1)[0] if isinstance(subject, NamedNode) else None


def check_store(store) -> StoreReport:
    """Check that every version graph has its provenance (and the reverse), that versions are
    numbered 1..n with a recorded hash that matches their content, that the current view of
    every FDO equals its latest version (a withdrawn FDO has none), and that the listing's
    maintained counts agree with the registry."""
    report = StoreReport()
    graphs: dict[str, tuple[str, int]] = {}
    for graph in store.db.named_graphs():
        found = _VERSION_GRAPH.match(graph.value)
        if found:
            graphs[graph.value] = (found["pid"], int(found["n"]))
    prov: dict[str, dict] = {}
    for row in store.query(SELECT_PROVENANCE.format(g=store.prov_graph)):
        prov[row["v"].value] = {k: (row[k].value if row[k] is not None else None) for k in ("pid", "n", "at", "hash")}
    counts: dict[str, list[int]] = defaultdict(list)
    status: dict[str, str] = {}
    for row in store.query(SELECT_COUNTS.format(g=store.registry_graph)):
        counts[row["pid"].value].append(int(row["n"].value))
        status[row["pid"].value] = row["status"].value if row["status"] is not None else ""
    report.fdos, report.versions = len(counts), len(graphs)

    for iri in sorted(graphs.keys() - prov.keys()):
        report.add("provenance", iri, "version graph without provenance")
    for iri in sorted(prov.keys() - graphs.keys()):
        report.add("provenance", iri, "provenance of a version graph that does not exist")
    for iri in sorted(graphs.keys() & prov.keys()):
        facts = prov[iri]
        if facts["pid"] != graphs[iri][0] or facts["n"] != str(graphs[iri][1]) or not facts["at"]:
            report.add("provenance", iri, "provenance lacks or contradicts its FDO, number or time")
        lines = [nt_line(q.triple) for q in store.db.quads_for_pattern(None, None, None, NamedNode(iri))]
        if facts["hash"] != content_hash(lines):
            report.add("provenance", iri, "recorded content hash differs from the version's triples")
    numbers: dict[str, set[int]] = defaultdict(set)
    for pid, n in graphs.values():
        numbers[pid].add(n)
    for pid in sorted(set(numbers) - set(counts)):
        report.add("versions", pid, "version graphs of an FDO the registry does not list")
    current = _current_by_owner(store)
    for pid, ns in sorted(counts.items()):
        if len(ns) > 1:
            report.add("versions", pid, f"half-written version: version counts {sorted(ns)}")
            continue
        n = ns[0]
        if numbers.get(pid, set()) != set(range(1, n + 1)):
            report.add("versions", pid, f"versions {sorted(numbers.get(pid, ()))} instead of 1..{n}")
            continue
        expected = set() if status[pid] == "withdrawn" else {
            nt_line(q.triple) for q in store.db.quads_for_pattern(None, None, None, NamedNode(f"{pid}/v/{n}"))}
        have = current.pop(pid, set())
        if have != expected:
            report.add("current", pid, f"current view differs from version {n}: "
                                       f"{len(have - expected)} extra, {len(expected - have)} missing triple(s)")
    for owner in sorted(current):
        report.add("current", owner, f"{len(current[owner])} triple(s) in the current view owned by no FDO")
    if listing.is_ready(store):
        for difference in listing.differences(store):
            report.add("listing", "counts", difference)
    return report


def _current_by_owner(store) -> dict[str, set[str]]:
    """Return owner PID -> N-Triples lines of the default graph (counters left out: they are not versioned)."""
    owned: dict[str, set[str]] = defaultdict(set)
    for quad in store.db.quads_for_pattern(None, None, None, DefaultGraph()):
        if quad.predicate.value in _VOLATILE:
            continue
        owned[_owner(quad.subject) or str(quad.subject)].add(nt_line(quad.triple))
    return owned
