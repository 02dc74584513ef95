"""Read-side queries over the links between FDOs: lineage edges, inbound counts, samples, sameAs.

Each function is one small query shaped for 100k FDOs (a base model with 10,000 derivatives
included): VALUES over the few predicates asked for, counts with GROUP BY, samples with LIMIT.
"""

from __future__ import annotations

from pyoxigraph import NamedNode

from registry.vocab import MLFDO, SCHEMA

__all__ = ["outgoing", "inbound_counts", "inbound_sample", "same_as", "inbound_unqualified", "inbound_summary"]


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


def inbound_sample(store, pid: str, predicate: str, limit: int, unless: list[str] = ()
                   ) -> list[tuple[str, str | None]]:
    """Return (subject, name) pointing at ``pid`` with ``predicate``, the most downloaded first, then by IRI.

    Subjects that also point at ``pid`` with one of ``unless`` are left out.
    """
    q = (f"SELECT ?s (MAX(?d) AS ?dl) (SAMPLE(?n) AS ?name) WHERE {{ ?s {NamedNode(predicate)} {NamedNode(pid)} "
         f"{_unless(pid, list(unless))} OPTIONAL {{ ?s {MLFDO.downloads} ?d }} OPTIONAL {{ ?s {SCHEMA.name} ?n }} }} "
         f"GROUP BY ?s ORDER BY DESC(?dl) ?s LIMIT {int(limit)}")
    return [(r["s"].value, r["name"].value if r["name"] is not None else None) for r in store.query(q)]


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
    predicates in ``exclude`` are left out. Counting happens in the store, so a popular target
    costs one grouped scan, not a row per referrer.
    """
    node = NamedNode(pid)
    skip = f"FILTER(?p NOT IN ({', '.join(str(NamedNode(p)) for p in exclude)}))" if exclude else ""
    owner = "BIND(IRI(STRBEFORE(CONCAT(STR(?s), \"#\"), \"#\")) AS ?o)"
    q = (f"SELECT ?p (COUNT(DISTINCT ?o) AS ?n) WHERE {{ ?s ?p {node} FILTER(isIRI(?s)) {skip} {owner} "
         f"FILTER(?o != {node}) }} GROUP BY ?p")
    out: dict[str, tuple[int, list[str]]] = {}
    for row in store.query(q):
        p = NamedNode(row["p"].value)
        sample = (f"SELECT DISTINCT ?o WHERE {{ ?s {p} {node} FILTER(isIRI(?s)) {owner} FILTER(?o != {node}) }} "
                  f"ORDER BY ?o LIMIT {int(limit)}")
        out[p.value] = (int(row["n"].value), [r["o"].value for r in store.query(sample)])
    return out
