"""What a candidate shows of a question: its words, the constraints read from it, the search's word matches.

The chat cites what really has what the question asks for; these are the checks it uses.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from registry.chat.facts import FdoFacts
from registry.search.understand import Question, stem, words

if TYPE_CHECKING:
    from registry.chat.retrieval import Candidate

__all__ = ["read_constraints", "by_words", "has_evidence", "fitting", "fact_words"]


def read_constraints(q: Question) -> tuple:
    """Return the constraints the search read from the question (filters and boosts, applied or not)."""
    return q.understanding.recognised if q.understanding is not None else ()


def by_words(hits) -> set[str]:
    """Return the hits a search matched by the words of its query (not only by meaning or a boost)."""
    return {h.pid for h in hits if h.match in ("exact", "keyword", "hybrid")}


def has_evidence(q: Question, cand: "Candidate") -> bool:
    """Say whether a candidate has any of the question's topical words or of the constraints read from it."""
    read = read_constraints(q)
    return cand.coverage > 0 or any(read[i].facet != "kind" for i in cand.met if i < len(read))


def fitting(q: Question, cands: list["Candidate"]) -> list["Candidate"]:
    """Keep the candidates that really have what the question asks for, when some do.

    First those with every filter read from the question (a filter read from text lets through an
    FDO that states no value, "in German" one that states no language: cite those only when no
    candidate states it), then those with one of the concepts the question prefers ("vision").
    """
    read = read_constraints(q)
    filters = {i for i, r in enumerate(read) if r.applied and r.mode == "filter"}
    boosts = {i for i, r in enumerate(read) if r.applied and r.mode == "boost"}
    cands = [c for c in cands if filters <= c.met] or cands
    return [c for c in cands if c.met & boosts] or cands


def fact_words(facts: FdoFacts) -> set[str]:
    """Return the words of an FDO's facts and their stems."""
    text = facts.render() + " " + " ".join(facts.keywords)
    out = set()
    for w in words(text):
        out.add(w)
        out.add(stem(w))
    return out
