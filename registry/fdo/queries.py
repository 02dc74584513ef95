"""SPARQL text the FDO views need beyond the store's intent methods (and only here).

Queries are templates filled with N-Triples terms (``str(NamedNode)``), never with raw input.
"""

from __future__ import annotations

from registry.vocab import FAIR4ML, MLFDO, RDF, SCHEMA

__all__ = ["LINEAGE_PREDICATES", "labels_query", "inbound_query", "inbound_counts_query"]

# Relation kinds between models: predicate IRI -> (label read forwards, label read backwards).
LINEAGE_PREDICATES: dict[str, tuple[str, str]] = {
    FAIR4ML.fineTunedFrom.value: ("fine-tuned from", "fine-tuned as"),
    MLFDO.quantizedFrom.value: ("quantized from", "quantized as"),
    MLFDO.adapterOf.value: ("adapter of", "has adapter"),
    MLFDO.mergedFrom.value: ("merged from", "merged into"),
}

_M = str(MLFDO)


def labels_query(iris: list[str], registry_graph: str) -> str:
    """Return a query giving name, type, kind and status of each IRI (one row per IRI and type)."""
    values = " ".join(f"<{i}>" for i in iris)
    return (
        f"SELECT ?s ?name ?type ?kind ?status WHERE {{ VALUES ?s {{ {values} }} "
        f"OPTIONAL {{ ?s <{SCHEMA.name.value}> ?name }} OPTIONAL {{ ?s <{RDF.type.value}> ?type }} "
        f"OPTIONAL {{ GRAPH <{registry_graph}> {{ ?s <{_M}kind> ?kind ; <{_M}status> ?status }} }} }}"
    )


def inbound_query(pid: str, predicate: str, limit: int) -> str:
    """Return a query listing the FDOs that point at ``pid`` with ``predicate`` (subject, name)."""
    return (
        f"SELECT DISTINCT ?s ?name WHERE {{ ?s <{predicate}> <{pid}> FILTER(isIRI(?s)) "
        f"OPTIONAL {{ ?s <{SCHEMA.name.value}> ?name }} }} ORDER BY ?name ?s LIMIT {int(limit)}"
    )


def inbound_counts_query(pid: str) -> str:
    """Return a query counting inbound links to ``pid`` by predicate."""
    return (
        f"SELECT ?p (COUNT(DISTINCT ?s) AS ?c) WHERE {{ ?s ?p <{pid}> "
        f"FILTER(isIRI(?s) && !STRSTARTS(STR(?s), \"{pid}#\")) }} GROUP BY ?p"
    )
