"""Similar FDOs: the nearest neighbours of an FDO in the search index, each with the reason.

The score is the cosine similarity of the two FDOs' embedded cards, raised when they share a
base model, training data or task (the facets the index already holds). Only FDOs of the same
kind that are not stubs are candidates.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

__all__ = ["Similar", "similar_to", "SIMILAR_LIMIT", "SHARED_BOOST", "CARD_SIMILARITY"]

SIMILAR_LIMIT = 6
# facet -> (score added when shared, reason shown)
SHARED_BOOST: dict[str, tuple[float, str]] = {
    "base_model": (0.15, "same base model"),
    "dataset": (0.10, "same training data"),
    "task": (0.05, "same task"),
}
CARD_SIMILARITY = 0.5  # cosine from which two cards are said to read alike


@dataclass(frozen=True)
class Similar:
    """One similar FDO, with why it is similar."""

    pid: str
    name: str
    identifier: str
    score: float
    reasons: tuple[str, ...]

    def to_dict(self) -> dict:
        return {"pid": self.pid, "name": self.name, "identifier": self.identifier, "score": round(self.score, 4),
                "reasons": list(self.reasons)}


def _keys(doc, facet: str) -> dict[str, str]:
    return dict(doc.facets.get(facet, []))


def similar_to(searcher, pid: str, limit: int = SIMILAR_LIMIT) -> list[Similar]:
    """Return up to ``limit`` FDOs most similar to ``pid`` (none when it is not indexed)."""
    engine = searcher.engine
    with engine.lock:
        slot = engine.slot_of.get(pid)
        if slot is None:
            return []
        doc = engine.doc(slot)
        n = engine.size
        cosine = np.asarray(engine.similarities(engine.vectors[slot]), dtype=np.float64)
        score = cosine.copy()
        for facet, (boost, _) in SHARED_BOOST.items():
            for key in _keys(doc, facet):
                posting = engine.values.get((facet, key))
                if posting is not None:
                    slots, _ = posting.arrays()
                    score[slots[slots < n]] += boost
        mask = engine.alive[:n] & ~engine.stub[:n]
        same_kind = engine.values.get(("kind", doc.kind))
        if same_kind is not None:
            kind_mask = np.zeros(n, dtype=bool)
            slots, _ = same_kind.arrays()
            kind_mask[slots[slots < n]] = True
            mask &= kind_mask
        mask[slot] = False
        pool = np.flatnonzero(mask)
        if len(pool) > limit:
            pool = pool[np.argpartition(-score[pool], limit - 1)[:limit]]
        pool = pool[np.lexsort((pool, -score[pool]))]
        return [_explain(doc, engine.doc(int(s)), float(score[s]), float(cosine[s])) for s in pool]


def _explain(doc, other, score: float, cosine: float) -> Similar:
    reasons = []
    if doc.identifier and doc.identifier in _keys(other, "base_model"):
        reasons.append("derived from this model")
    if other.identifier and other.identifier in _keys(doc, "base_model"):
        reasons.append("base model of this one")
    for facet, (_, why) in SHARED_BOOST.items():
        mine, theirs = _keys(doc, facet), _keys(other, facet)
        shared = [mine[k] for k in mine if k in theirs]
        if shared:
            reasons.append(f"{why}: {', '.join(sorted(shared)[:3])}")
    if cosine >= CARD_SIMILARITY or not reasons:
        reasons.append("similar card")
    return Similar(other.pid, other.name, other.identifier, score, tuple(reasons))
