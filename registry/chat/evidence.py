"""What a candidate shows of a question: its words, the constraints read from it, the search's word matches.

The chat cites what really has what the question asks for; these are the checks it uses.
"""

from __future__ import annotations

from dataclasses import dataclass

from registry.chat.context import Candidate
from registry.chat.facts import FdoFacts
from registry.search.searcher import CONCEPT_NOTE
from registry.search.understand import Question, stem, words

__all__ = ["read_constraints", "by_words", "has_evidence", "fitting", "Asked", "asked", "states_asked", "unstated",
           "fact_words"]


def read_constraints(q: Question) -> tuple:
    """Return the constraints the search read from the question (filters and boosts, applied or not)."""
    return q.understanding.recognised if q.understanding is not None else ()


def by_words(hits) -> set[str]:
    """Return the hits a search matched by the words of its query (not only by meaning or a boost)."""
    return {h.pid for h in hits if h.match in ("exact", "keyword", "hybrid")}


def has_evidence(q: Question, cand: Candidate) -> bool:
    """Say whether a candidate has any of the question's topical words or of the constraints read from it."""
    read = read_constraints(q)
    return cand.coverage > 0 or any(read[i].facet != "kind" for i in cand.met if i < len(read))


def fitting(q: Question, cands: list[Candidate]) -> list[Candidate]:
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


MIN_COVERAGE = 0.5  # share of the question's topical words a model of a field must hold to show the job


@dataclass(frozen=True)
class Asked:
    """What a question asks an answer's models to state: filters (positions in its read constraints) and tasks.

    ``job`` holds the tasks the question means (a task it names or a concept serving one: "animate a
    still photo"); ``field`` those it reaches only through a field it names ("photo": every image task).
    """

    filters: frozenset[int] = frozenset()
    job: frozenset[str] = frozenset()
    field: frozenset[str] = frozenset()


def asked(q: Question, field_tasks: frozenset[str] = frozenset(), skip: frozenset[str] = frozenset()) -> Asked:
    """Return what ``q`` asks for; ``field_tasks`` are the tasks its concepts reach only through a field (the search
    adapter's ``field_tasks``); ``skip`` names facets checked elsewhere."""
    read = read_constraints(q)
    filters = frozenset(i for i, r in enumerate(read) if r.applied and r.mode == "filter"
                        and r.facet not in skip | {"kind"})
    job: set[str] = set()
    field: set[str] = set()
    if any(read[i].facet == "task" for i in filters):  # the task is stated as a filter: a boost adds nothing sure
        return Asked(filters)
    for r in read:
        if r.applied and r.mode == "boost" and r.facet == "task":
            values = set(r.values)
            if r.note == CONCEPT_NOTE:
                field |= values & field_tasks
                job |= values - field_tasks
            else:  # read from the words ("text generation models")
                job |= values
    return Asked(filters, frozenset(job), frozenset(field - job))


def states_asked(cand: Candidate, wanted: Asked) -> bool:
    """Say whether a candidate's own facts state what the question asks for, so an answer can offer it.

    It is a record with facts (not a stub known only by name), it states every filter read from the
    question (a language, a licence: the search lets through an FDO stating none) and, when the
    question means a task, it has that task; when the question only names a field ("photo": any
    image task), it has one of the field's tasks and at least half of the question's topical words,
    since the field alone does not say the job.
    """
    if cand.facts is None or cand.facts.status == "stub" or not wanted.filters <= cand.met:
        return False
    tasks = {t.key for t in cand.facts.tasks}
    if wanted.job:
        return bool(tasks & wanted.job)
    if wanted.field:
        return bool(tasks & wanted.field) and cand.coverage >= MIN_COVERAGE
    return True


def unstated(q: Question, cands: list[Candidate], wanted: Asked) -> str:
    """Return what no candidate states, as the question's words ("German", "animate a still photo"), or ""."""
    read = read_constraints(q)
    missing = [read[i].span for i in sorted(wanted.filters) if not any(i in c.met for c in cands)]
    tasks = wanted.job or wanted.field
    if tasks and not any({t.key for t in c.facts.tasks} & tasks for c in cands if c.facts is not None):
        missing += [r.span for r in read if r.applied and r.facet == "task" and set(r.values) & tasks]
    return ", ".join(dict.fromkeys(m for m in missing if m))


# Hub tags about hosting and tooling, not about what a model does: their words ("code" in custom_code,
# "generated" in generated_from_trainer, "text generation" in text-generation-inference) are no evidence
HOSTING_TAGS = frozenset({"custom_code", "endpoints_compatible", "autotrain_compatible", "text-generation-inference",
                          "generated_from_trainer", "has_space"})
HOSTING_PREFIXES = ("region:", "deploy:", "template:")


def fact_words(facts: FdoFacts) -> set[str]:
    """Return the words of an FDO's facts and their stems (hosting and tooling tags left out)."""
    keywords = [k for k in facts.keywords if k not in HOSTING_TAGS and not k.startswith(HOSTING_PREFIXES)]
    text = facts.render() + " " + " ".join(keywords)
    out = set()
    for w in words(text):
        out.add(w)
        out.add(stem(w))
    return out
