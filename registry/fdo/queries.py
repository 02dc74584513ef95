"""Vocabulary the FDO views read: the lineage relation kinds between models.

The queries behind the views live in registry/store/views.py.
"""

from __future__ import annotations

from registry.vocab import FAIR4ML, MLFDO

__all__ = ["LINEAGE_PREDICATES", "inbound_list_query"]

# Relation kinds between models: predicate IRI -> (label read forwards, label read backwards).
LINEAGE_PREDICATES: dict[str, tuple[str, str]] = {
    FAIR4ML.fineTunedFrom.value: ("fine-tuned from", "fine-tuned as"),
    MLFDO.quantizedFrom.value: ("quantized from", "quantized as"),
    MLFDO.adapterOf.value: ("adapter of", "has adapter"),
    MLFDO.mergedFrom.value: ("merged from", "merged into"),
}


def inbound_list_query(pid: str, predicates: list[str]) -> str:
    """Return a SPARQL query listing every FDO that points at ``pid`` with one of ``predicates``."""
    values = " ".join(f"<{p}>" for p in predicates)
    return (f"PREFIX schema: <https://schema.org/>\nSELECT ?fdo ?name ?relation WHERE {{\n"
            f"  VALUES ?relation {{ {values} }}\n  ?fdo ?relation <{pid}> .\n"
            f"  OPTIONAL {{ ?fdo schema:name ?name }}\n}} ORDER BY ?name")
