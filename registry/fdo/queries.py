"""Vocabulary the FDO views read: the lineage relation kinds between models.

The queries behind the views live in registry/store/views.py.
"""

from __future__ import annotations

from registry.vocab import FAIR4ML, MLFDO

__all__ = ["LINEAGE_PREDICATES"]

# Relation kinds between models: predicate IRI -> (label read forwards, label read backwards).
LINEAGE_PREDICATES: dict[str, tuple[str, str]] = {
    FAIR4ML.fineTunedFrom.value: ("fine-tuned from", "fine-tuned as"),
    MLFDO.quantizedFrom.value: ("quantized from", "quantized as"),
    MLFDO.adapterOf.value: ("adapter of", "has adapter"),
    MLFDO.mergedFrom.value: ("merged from", "merged into"),
}
