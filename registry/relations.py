"""Relations between FDOs and how people read them: lineage kinds between models, inbound links.

The one place where a relation's labels live; landing pages, chat and search read them from here.
"""

from __future__ import annotations

from dataclasses import dataclass

from registry.vocab import CODEMETA, FAIR4ML, MLFDO

__all__ = ["LineageKind", "LINEAGE", "LINEAGE_PREDICATES", "InboundKind", "INBOUND", "lineage_by_label",
           "derived_phrase"]


@dataclass(frozen=True)
class LineageKind:
    """A kind of lineage link from a model to the model it derives from.

    ``forwards`` reads from the derived model to its base ("fine-tuned from"), ``backwards`` from the
    base to a derived model ("fine-tuned as"), ``derived`` names derived models in a sentence
    ("3 models are adapters of X"), ``derived_one`` a single one ("1 model is an adapter of X").
    """

    predicate: str
    forwards: str
    backwards: str
    derived: str
    derived_one: str = ""


LINEAGE: dict[str, LineageKind] = {k.predicate: k for k in (
    LineageKind(FAIR4ML.fineTunedFrom.value, "fine-tuned from", "fine-tuned as", "fine-tuned from"),
    LineageKind(MLFDO.quantizedFrom.value, "quantized from", "quantized as", "quantized from"),
    LineageKind(MLFDO.adapterOf.value, "adapter of", "has adapter", "adapters of", "an adapter of"),
    LineageKind(MLFDO.mergedFrom.value, "merged from", "merged into", "merged from"),
)}
LINEAGE_PREDICATES = tuple(LINEAGE)


@dataclass(frozen=True)
class InboundKind:
    """A link another FDO makes to this one: a heading ("trained on") and a phrase ("models trained on it")."""

    predicate: str
    label: str
    phrase: str


# Inbound links worth reporting for a dataset, paper, task or organisation.
INBOUND: dict[str, InboundKind] = {k.predicate: k for k in (
    InboundKind(FAIR4ML.trainedOn.value, "trained on", "trained on it"),
    InboundKind(FAIR4ML.evaluatedOn.value, "evaluated on", "evaluated on it"),
    InboundKind(CODEMETA.referencePublication.value, "reference publication", "citing it"),
    InboundKind(FAIR4ML.mlTask.value, "ml task", "for this task"),
    InboundKind(FAIR4ML.sharedBy.value, "shared by", "shared by it"),
)}

_BY_BACKWARDS = {k.backwards: k for k in LINEAGE.values()}


def lineage_by_label(backwards: str) -> LineageKind | None:
    """Return the lineage kind whose backwards label is ``backwards``."""
    return _BY_BACKWARDS.get(backwards)


def derived_phrase(backwards: str, count: int = 2) -> str:
    """Return how ``count`` derived models are named in a sentence for a backwards label.

    ``derived_phrase("has adapter")`` is "adapters of", ``derived_phrase("has adapter", 1)`` "an adapter of".
    """
    kind = _BY_BACKWARDS.get(backwards)
    if kind is None:
        return backwards
    return (kind.derived_one or kind.derived) if count == 1 else kind.derived
