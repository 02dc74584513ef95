"""Read-side queries over the links between FDOs: lineage edges, inbound counts, samples, sameAs.

Each function is one small query shaped for 100k FDOs (a base model with 10,000 derivatives
included): VALUES over the few predicates asked for, counts with GROUP BY, samples with LIMIT.
"""

from __future__ import annotations

import threading
import time

from pyoxigraph import NamedNode

from registry.vocab import MLFDO, SCHEMA

__all__ = ["outgoing", "inbound_predicates", "inbound_counts", "inbound_sample", "same_as", "inbound_unqualified", "inbound_summary"]


def _values(iris: list[str]) -> str:
    return " ".join(str(NamedNode(i)) for i in iris)


def outgoing(store, subjects: list[str], predicates: list[str]) -> list[tuple[str, str, str]]:
    """Return (subject, predicate, object) for each IRI object of ``subjects`` with one of ``predicates``."""
    if not subjects or not predicates:
        return []
    q = (f"SELECT ?s ?p ?o WHERE {{ VALUES ?s {{ {_values(subjects)} }} VALUES ?p {{ {_values(predicates)} }} "
         f"?s ?p ?o FILTER(isIRI(?o)) }}")
    return sorted((r["s"].value, r["p"].value, r["o"].value) for r in store.query(q))


# A landing page asks for the same counts twice (its inbound links, its lineage): read them once.
# The memo is short and small, so it serves the page being built, not the requests after it.
MEMO_SECONDS = 0.5
MEMO_SIZE = 8
_memo: dict[tuple[int, str], tuple[float, dict[str, int]]] = {}
_memo_lock = threading.Lock()


def inbound_predicates(store, pid: str) -> dict[str, int]:
    """Return predicate -> how many subjects point at ``pid`` with it: one grouped scan, briefly memoised."""
    key, now = (id(store), pid), time.monotonic()
    with _memo_lock:
        hit = _memo.get(key)
        if hit is not None and now - hit[0] < MEMO_SECONDS:
            return hit[1]
    q = f"SELECT ?p (COUNT(?s) AS ?n) WHERE {{ ?s ?p {NamedNode(pid)} }} GROUP BY ?p"
    counts = {r["p"].value: int(r["n"].value) for r in store.query(q)}
    with _memo_lock:
        if len(_memo) >= MEMO_SIZE:
            _memo.pop(next(iter(_memo)))
        _memo[key] = (now, counts)
    return counts


def inbound_counts(store, pid: str, predicates: list[str]) -> dict[str, int]:
    """Return predicate -> how many subjects point at ``pid`` with it (predicates without any are left out)."""
    present = inbound_predicates(store, pid)
    return {p: present[p] for p in predicates if present.get(p)}


def _unless(pid: str, specific: list[str]) -> str:
    if not specific:
        return ""
    return f"FILTER NOT EXISTS {{ VALUES ?q {{ {_values(specific)} }} ?s ?q {NamedNode(pid)} }}"


def inbound_sample(store, pid: str, predicate: str, limit: int, unless: list[str] = (), ranked: bool = True
                   ) -> list[tuple[str, str | None]]:
    """Return (subject, name) pointing at ``pid`` with ``predicate``.

    ``ranked``: the most downloaded first, then by IRI (reads every such subject's counter: use it
    for small groups); otherwise the first ``limit`` in index order, which costs the same for
    10 or 10,000 subjects. Subjects that also point at ``pid`` with one of ``unless`` are left out.
    """
    node, unless_ = NamedNode(pid), _unless(pid, list(unless))
    if ranked:
        q = (f"SELECT ?s (MAX(?d) AS ?dl) (SAMPLE(?n) AS ?name) WHERE {{ ?s {NamedNode(predicate)} {node} "
             f"{unless_} OPTIONAL {{ ?s {MLFDO.downloads} ?d }} OPTIONAL {{ ?s {SCHEMA.name} ?n }} }} "
             f"GROUP BY ?s ORDER BY DESC(?dl) ?s LIMIT {int(limit)}")
        return [(r["s"].value, r["name"].value if r["name"] is not None else None) for r in store.query(q)]
    found = [r["s"].value for r in store.query(
        f"SELECT ?s WHERE {{ ?s {NamedNode(predicate)} {node} {unless_} }} LIMIT {int(limit)}")]
    names = _names(store, found)
    return [(s, names.get(s)) for s in found]


def _names(store, iris: list[str]) -> dict[str, str]:
    if not iris:
        return {}
    q = f"SELECT ?s ?n WHERE {{ VALUES ?s {{ {_values(iris)} }} ?s {SCHEMA.name} ?n }}"
    return {r["s"].value: r["n"].value for r in store.query(q)}


def inbound_unqualified(store, pid: str, generic: str, specific: list[str]) -> int:
    """Return how many subjects point at ``pid`` with ``generic`` and with none of ``specific``."""
    q = (f"SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {{ ?s {NamedNode(generic)} {NamedNode(pid)} "
         f"{_unless(pid, specific)} }}")
    return next((int(r["n"].value) for r in store.query(q)), 0)


def same_as(store, pid: str, prefix: str) -> list[str]:
    """Return the FDOs (IRIs starting with ``prefix``) linked to ``pid`` by schema:sameAs, either way."""
    node = NamedNode(pid)
    q = (f"SELECT DISTINCT ?o WHERE {{ {{ {node} {SCHEMA.sameAs} ?o }} UNION {{ ?o {SCHEMA.sameAs} {node} }} "
         f"FILTER(isIRI(?o) && STRSTARTS(STR(?o), \"{prefix}\")) }}")
    return sorted(r["o"].value for r in store.query(q) if r["o"].value != pid)



def inbound_summary(store, pid: str, exclude: list[str], limit: int) -> dict[str, tuple[int, list[str]]]:
    """Return predicate -> (how many FDOs point at ``pid`` with it, the first ``limit`` of them by IRI).

    The pointing FDO is the owner of the subject (``{pid}#...`` nodes count for their FDO);
    predicates in ``exclude`` are left out. One grouped count finds the predicates in use; each
    one left is then read with its predicate bound, so excluded links (a base model's thousands
    of derivatives) are counted once and never read row by row.
    """
    node = NamedNode(pid)
    owner = "BIND(IRI(STRBEFORE(CONCAT(STR(?s), \"#\"), \"#\")) AS ?o)"
    out: dict[str, tuple[int, list[str]]] = {}
    for predicate in sorted(inbound_predicates(store, pid)):
        if predicate in exclude:
            continue
        p = NamedNode(predicate)
        where = f"?s {p} {node} FILTER(isIRI(?s)) {owner} FILTER(?o != {node})"
        total = next((int(r["n"].value) for r in store.query(f"SELECT (COUNT(DISTINCT ?o) AS ?n) WHERE {{ {where} }}")), 0)
        if total:
            sample = store.query(f"SELECT DISTINCT ?o WHERE {{ {where} }} ORDER BY ?o LIMIT {int(limit)}")
            out[p.value] = (total, [r["o"].value for r in sample])
    return out
