"""SPARQL text the chat needs beyond the store's intent methods (and only here).

Every query is a template filled with N-Triples terms (``str(NamedNode)``, ``str(Literal)``),
never with raw input. The default graph is the current view; bookkeeping (kind, status) is in
the store's registry graph.
"""

from __future__ import annotations

from collections.abc import Iterable

from pyoxigraph import Literal, NamedNode

from registry.vocab import CODEMETA, FAIR4ML, MLFDO, SCHEMA

__all__ = ["LINEAGE", "labels_query", "inbound_query", "inbound_count_query", "names_query",
           "names_of_query", "keyword_query", "top_models_query"]

# Lineage predicates between models: predicate -> (read forwards, read backwards).
LINEAGE: dict[str, tuple[str, str]] = {
    FAIR4ML.fineTunedFrom.value: ("fine-tuned from", "fine-tuned as"),
    MLFDO.quantizedFrom.value: ("quantized from", "quantized as"),
    MLFDO.adapterOf.value: ("adapter of", "adapters"),
    MLFDO.mergedFrom.value: ("merged from", "merged into"),
}

# Inbound links worth reporting for a non-model FDO: predicate -> phrase ("models trained on it").
INBOUND = {
    FAIR4ML.trainedOn.value: "trained on it",
    FAIR4ML.evaluatedOn.value: "evaluated on it",
    CODEMETA.referencePublication.value: "citing it",
    FAIR4ML.mlTask.value: "for this task",
    FAIR4ML.sharedBy.value: "shared by it",
}

_M = str(MLFDO)
_NAME_PROPS = (SCHEMA.name.value, SCHEMA.identifier.value, SCHEMA.alternateName.value)


def _values(terms: Iterable[NamedNode | Literal]) -> str:
    return " ".join(str(t) for t in terms)


def labels_query(iris: Iterable[str], registry_graph: NamedNode) -> str:
    """Return a query giving name, identifier, kind and status of each IRI (rows may repeat per IRI)."""
    return (
        f"SELECT ?s ?name ?ident ?kind ?status WHERE {{ VALUES ?s {{ {_values(NamedNode(i) for i in iris)} }} "
        f"OPTIONAL {{ ?s <{SCHEMA.name.value}> ?name }} OPTIONAL {{ ?s <{SCHEMA.identifier.value}> ?ident }} "
        f"OPTIONAL {{ GRAPH {registry_graph} {{ ?s <{_M}kind> ?kind ; <{_M}status> ?status }} }} }}"
    )


def inbound_query(target: str, predicates: Iterable[str], limit: int) -> str:
    """Return a query listing FDOs that point at ``target`` with one of ``predicates``, most downloaded first."""
    return (
        f"SELECT ?s ?p ?name ?dl WHERE {{ VALUES ?p {{ {_values(NamedNode(p) for p in predicates)} }} "
        f"?s ?p {NamedNode(target)} FILTER(isIRI(?s) && !CONTAINS(STR(?s), \"#\")) "
        f"OPTIONAL {{ ?s <{SCHEMA.name.value}> ?name }} OPTIONAL {{ ?s <{MLFDO.downloads.value}> ?dl }} }} "
        f"ORDER BY DESC(?dl) ?s LIMIT {int(limit)}"
    )


def inbound_count_query(target: str, predicates: Iterable[str]) -> str:
    """Return a query counting FDOs that point at ``target``, per predicate."""
    return (
        f"SELECT ?p (COUNT(DISTINCT ?s) AS ?n) WHERE {{ VALUES ?p {{ {_values(NamedNode(p) for p in predicates)} }} "
        f"?s ?p {NamedNode(target)} FILTER(isIRI(?s) && !CONTAINS(STR(?s), \"#\")) }} GROUP BY ?p"
    )


def names_query(registry_graph: NamedNode, kinds: Iterable[str], offset: int, limit: int) -> str:
    """Return a query listing (pid, name-like literal, downloads) of current FDOs of ``kinds``, one page."""
    return (
        f"SELECT ?s ?n ?dl WHERE {{ {{ SELECT ?s WHERE {{ GRAPH {registry_graph} {{ "
        f"VALUES ?kind {{ {_values(Literal(k) for k in kinds)} }} ?s <{_M}kind> ?kind ; <{_M}status> ?st "
        f"FILTER(?st != \"withdrawn\") }} }} ORDER BY ?s OFFSET {int(offset)} LIMIT {int(limit)} }} "
        f"OPTIONAL {{ VALUES ?p {{ {_values(NamedNode(p) for p in _NAME_PROPS)} }} ?s ?p ?n }} "
        f"OPTIONAL {{ ?s <{MLFDO.downloads.value}> ?dl }} }}"
    )


def names_of_query(pids: Iterable[str]) -> str:
    """Return a query listing (pid, name-like literal, downloads) of the given PIDs."""
    return (
        f"SELECT ?s ?n ?dl WHERE {{ VALUES ?s {{ {_values(NamedNode(p) for p in pids)} }} "
        f"VALUES ?p {{ {_values(NamedNode(p) for p in _NAME_PROPS)} }} ?s ?p ?n "
        f"OPTIONAL {{ ?s <{MLFDO.downloads.value}> ?dl }} }}"
    )


def keyword_query(words: Iterable[str], limit: int) -> str:
    """Return a query scoring models by how many ``words`` their name, keywords or description contain.

    Only the fallback when the search package is not installed: it scans every model.
    """
    words = [w for w in words if w][:8]
    checks = " + ".join(f"IF(CONTAINS(?text, {Literal(w)}), 1, 0)" for w in words) or "0"
    return (
        f"SELECT ?s ?name (SAMPLE(?dl0) AS ?dl) (MAX(?hits0) AS ?hits) WHERE {{ "
        f"?s a <{FAIR4ML.MLModel.value}> ; <{SCHEMA.name.value}> ?name . "
        f"OPTIONAL {{ ?s <{MLFDO.downloads.value}> ?dl0 }} "
        f"OPTIONAL {{ ?s <{SCHEMA.description.value}> ?d }} OPTIONAL {{ ?s <{SCHEMA.keywords.value}> ?k }} "
        f"BIND(LCASE(CONCAT(STR(?name), \" \", COALESCE(STR(?k), \"\"), \" \", COALESCE(STR(?d), \"\"))) AS ?text) "
        f"BIND(({checks}) AS ?hits0) FILTER(?hits0 > 0) }} GROUP BY ?s ?name "
        f"ORDER BY DESC(?hits) DESC(?dl) LIMIT {int(limit)}"
    )


def top_models_query(limit: int) -> str:
    """Return a query listing the most downloaded models (the fallback for "popular models")."""
    return (
        f"SELECT ?s ?name ?dl WHERE {{ ?s a <{FAIR4ML.MLModel.value}> ; <{SCHEMA.name.value}> ?name ; "
        f"<{MLFDO.downloads.value}> ?dl }} ORDER BY DESC(?dl) LIMIT {int(limit)}"
    )
