"""What a candidate shows of a question: its words, the constraints read from it, the search's word matches.

The chat cites what really has what the question asks for; these are the checks it uses.
"""

from __future__ import annotations

import re

from dataclasses import dataclass, field as dc_field

from registry.chat.context import Candidate
from registry.chat.facts import FdoFacts
from registry.chat.search_adapter import ConceptReading
from registry.search.searcher import CONCEPT_NOTE
from registry.search.understand import Question, stem, words

__all__ = ["read_constraints", "by_words", "has_evidence", "fitting", "Asked", "asked", "states_asked", "unstated",
           "fact_words", "hosting_words"]


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
PHRASE_WORDS = 2  # job words a phrase of a model's task must share with the question to count as the model's words


@dataclass(frozen=True)
class Asked:
    """What a question asks an answer's models to state: filters (positions in its read constraints) and tasks.

    ``job`` holds the tasks the question means (a task it names or a concept serving one: "animate a
    still photo"); ``field`` those it reaches only through a field it names ("photo": every image task);
    ``job_words`` the topical words (stems) beside the field's and the filters' ("write" in "writes a
    description of a photo"): the job a field question describes in its own words; ``kinds`` per kind
    of task the question means ("positive or negative": sentiment analysis), the words (marker
    phrases) one of which a model's facts must hold, since its task (text classification) does not say it.
    """

    filters: frozenset[int] = frozenset()
    job: frozenset[str] = frozenset()
    field: frozenset[str] = frozenset()
    job_words: frozenset[str] = frozenset()
    kinds: tuple[frozenset[str], ...] = ()
    task_words: dict[str, tuple[frozenset[str], ...]] = dc_field(default_factory=dict)


def asked(q: Question, reading: ConceptReading | None = None, skip: frozenset[str] = frozenset()) -> Asked:
    """Return what ``q`` asks for; ``reading`` is what its concepts ask beyond the read constraints (the search
    adapter's ``concept_reading``: the tasks and words of a field it names, the kinds of task it means);
    ``skip`` names facets checked elsewhere."""
    reading = reading or ConceptReading()
    field_tasks = reading.field_tasks
    read = read_constraints(q)
    filters = frozenset(i for i, r in enumerate(read) if r.applied and r.mode == "filter"
                        and r.facet not in skip | {"kind"})
    job: set[str] = set()
    field: set[str] = set()
    if any(read[i].facet == "task" for i in filters):  # the task is stated as a filter: a boost adds nothing sure
        return Asked(filters, kinds=reading.kinds)
    # a task read from a library's name ("scikit-learn": what the library serves) is not a job the question asks
    libraries = {r.span.lower() for r in read if r.applied and r.facet == "library" and r.note != CONCEPT_NOTE}
    for r in read:
        if r.applied and r.mode == "boost" and r.facet == "task" and r.span.lower() not in libraries:
            values = set(r.values)
            if r.note == CONCEPT_NOTE:
                field |= values & field_tasks
                job |= values - field_tasks
            else:  # read from the words ("text generation models")
                job |= values
    field -= job
    said = {stem(w) for i in filters for w in words(read[i].span)} | set(reading.field_words)
    job_words = frozenset(t for t in q.terms if t not in said) if field else frozenset()
    return Asked(filters, frozenset(job), frozenset(field), job_words, reading.kinds, reading.task_words)


def states_asked(cand: Candidate, wanted: Asked) -> bool:
    """Say whether a candidate's own facts state what the question asks for, so an answer can offer it.

    It is a record with facts (not a stub known only by name), it states every filter read from the
    question (a language, a licence: the search lets through an FDO stating none) and, when the
    question means a task, it has that task; when the question only names a field ("photo": any
    image task), it has one of the field's tasks and, when the question also describes a job in its own
    words ("writes a description of a photo"), at least half of those words in its facts or in what its
    task does (the task concept's names and jobs): the field alone does not say the job (an image
    classifier holds "photo" but not "write"; a captioner's task says "write a caption for a photo").
    """
    if cand.facts is None or cand.facts.status == "stub" or not wanted.filters <= cand.met:
        return False
    if wanted.kinds:
        held = fact_words(cand.facts)
        if not all(any(_holds(held, marker) for marker in kind) for kind in wanted.kinds):
            return False
    tasks = {t.key for t in cand.facts.tasks}
    if wanted.job:
        return bool(tasks & wanted.job)
    if wanted.field:
        if not tasks & wanted.field:
            return False
        if not wanted.job_words:  # a question about the field itself ("Which vision models do you hold?")
            return cand.coverage >= MIN_COVERAGE
        held = fact_words(cand.facts)
        # what its task does in words (a name or job of its concept) when that phrase says the job too: an
        # image-to-text model holds "write" through "write a caption for a photo"; a phrase sharing one word
        # of several ("name the object shown in a picture" for "build a 3D object") says another job
        enough = min(PHRASE_WORDS, len(wanted.job_words))
        for t in tasks & wanted.field:
            for phrase in wanted.task_words.get(t, ()):
                if len(phrase & wanted.job_words) >= enough:
                    held |= phrase
        found = sum(1 for w in wanted.job_words if w in cand.covered or w in held or _same_root(w, held))
        return found >= MIN_COVERAGE * len(wanted.job_words)
    return True


ROOT = 5  # letters two stems must share to be forms of one word ("recogn" of recognise, "recognit" of recognition)


def _same_root(word: str, held: set[str]) -> bool:
    """Say whether ``held`` has another form of the stem ``word`` (one starts with the other, ``ROOT`` letters on)."""
    return len(word) >= ROOT and any(len(h) >= ROOT and (h.startswith(word) or word.startswith(h)) for h in held)


def _holds(held: set[str], phrase: str) -> bool:
    """Say whether the words ``held`` (words and stems of facts) hold every word of ``phrase``."""
    said = words(phrase)
    return bool(said) and all(w in held or stem(w) in held for w in said)


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


def _hosting(tag: str) -> bool:
    return tag in HOSTING_TAGS or tag.startswith(HOSTING_PREFIXES)


def fact_words(facts: FdoFacts) -> set[str]:
    """Return the words of an FDO's facts and their stems (hosting and tooling tags left out), with the words inside
    code names too ("sklearn.ensemble.AdaBoostClassifier": ensemble, ada, boost, classifier)."""
    keywords = [k for k in facts.keywords if not _hosting(k)]
    text = facts.render() + " " + " ".join(keywords)
    return _with_stems(text) | _with_stems(_CODE_DOT.sub(" ", _CAMEL.sub(" ", text)))


def hosting_words(facts: FdoFacts) -> set[str]:
    """Return the words of an FDO's hosting and tooling tags and their stems ("code" of custom_code)."""
    return _with_stems(" ".join(k for k in facts.keywords if _hosting(k)))


_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")  # AdaBoostClassifier: Ada Boost Classifier
_CODE_DOT = re.compile(r"(?<=[A-Za-z])\.(?=[A-Za-z])")  # sklearn.tree: sklearn tree


def _with_stems(text: str) -> set[str]:
    out = set()
    for w in words(text):
        out.add(w)
        out.add(stem(w))
    return out
