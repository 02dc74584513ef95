"""Read-side queries over the links between FDOs: lineage edges, inbound counts, samples, sameAs.

Each function is one small query shaped for 100k FDOs (a base model with 10,000 derivatives
included): VALUES over the few predicates asked for, counts with GROUP BY, samples with LIMIT.
"""

from __future__ import annotations

from pyoxigraph import NamedNode

from registry.vocab import MLFDO, SCHEMA

__all__ = ["outgoing", "inbound_counts", "inbound_sample", "same_as", "inbound_unqualified"]


def _values(iris: list[str]) -> str:
    return " ".join(str(NamedNode(i)) for i in iris)


def outgoing(store, subjects: list[str], predicates: list[str]) -> list[tuple[str, str, str]]:
    """Return (subject, predicate, object) for each IRI object of ``subjects`` with one of ``predicates``."""
    if not subjects or not predicates:
        return []
    q = (f"SELECT ?s ?p ?o WHERE {{ VALUES ?s {{ {_values(subjects)} }} VALUES ?p {{ {_values(predicates)} }} "
         f"?s ?p ?o FILTER(isIRI(?o)) }}")
    return sorted((r["s"].value, r["p"].value, r["o"].value) for r in store.query(q))


def inbound_counts(store, pid: str, predicates: list[str]) -> dict[str, int]:
    """Return predicate -> how many subjects point at ``pid`` with it (predicates without any are left out)."""
    q = (f"SELECT ?p (COUNT(DISTINCT ?s) AS ?n) WHERE {{ VALUES ?p {{ {_values(predicates)} }} "
         f"?s ?p {NamedNode(pid)} }} GROUP BY ?p")
    return {r["p"].value: int(r["n"].value) for r in store.query(q)}


def _unless(pid: str, specific: list[str]) -> str:
    if not specific:
        return ""
    return f"FILTER NOT EXISTS {{ VALUES ?q {{ {_values(specific)} }} ?s ?q {NamedNode(pid)} }}"


def inbound_sample(store, pid: str, predicate: str, limit: int, unless: list[str] = ()) -> list[str]:
    """Return subjects pointing at ``pid`` with ``predicate``, the most downloaded first, then by IRI.

    Subjects that also point at ``pid`` with one of ``unless`` are left out.
    """
    q = (f"SELECT ?s (MAX(?d) AS ?dl) WHERE {{ ?s {NamedNode(predicate)} {NamedNode(pid)} "
         f"{_unless(pid, list(unless))} OPTIONAL {{ ?s {MLFDO.downloads} ?d }} }} GROUP BY ?s "
         f"ORDER BY DESC(?dl) ?s LIMIT {int(limit)}")
    return [r["s"].value for r in store.query(q)]


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

