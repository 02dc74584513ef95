"""The chat's view of search: ``registry.search`` when it is installed, a small SPARQL fallback otherwise.

Only the public contract of the search package is used: ``get_searcher(registry)`` and
``Searcher.search(query, filters=None, page=1, per_page=10)`` returning results (pid, name,
kind, score, match), recognised and suggested filters and follow-up questions. The fallback
scans model names, keywords and descriptions for the question's words; it is meant for a
registry without the search extra, not for 100k models.
"""

from __future__ import annotations

import logging
import re
import threading
from collections import OrderedDict
from dataclasses import dataclass, field

import numpy as np

from registry.search.patterns import QUESTION_STOPWORDS
from registry.search.searcher import CONCEPT_NOTE
from registry.search.text import STOPWORDS, tokens
from registry.search.understand import blanked, business_told, sentences, stem, topical_terms, words
from registry.errors import MlfdoError

__all__ = ["Hit", "Suggestion", "SearchOutcome", "SearchAdapter", "ConceptReading"]

log = logging.getLogger(__name__)

EMBED_CACHE = 4096  # texts whose embedding is kept (384 floats each: ~6 MB)


@dataclass(frozen=True)
class Hit:
    pid: str
    name: str
    kind: str
    score: float
    match: str = "keyword"


@dataclass(frozen=True)
class Suggestion:
    """A search filter: facet name as the search page reads it, the value, a label for people."""

    facet: str
    value: str
    label: str
    reason: str = ""


@dataclass
class SearchOutcome:
    hits: list[Hit] = field(default_factory=list)
    applied: dict[str, list[str]] = field(default_factory=dict)  # filters the search read from the question
    boosted: dict[str, list[str]] = field(default_factory=dict)  # what it read as a preference (ranks up, never filters)
    suggested: list[Suggestion] = field(default_factory=list)
    questions: list[tuple[str, list[Suggestion]]] = field(default_factory=list)
    engine: str = "none"
    total: int = 0  # how many FDOs the search found in all (the hits are the first of them)
    query: str = ""  # the text searched: a link to the search page with it shows them all
    # the filters read from the text that no FDO met, which the search then left out to show results anyway
    # (facet, values, the words read): the chat follows it and says so
    relaxed: list[tuple[str, tuple[str, ...], str]] = field(default_factory=list)
    # the orders of size the search put the hits in (their labels: "nearest 1B parameters first", "smallest first"):
    # not filters, and no value a search link may carry
    ordered: list[str] = field(default_factory=list)


DETERMINERS = frozenset("a an the my our your his her their its this that these those some".split())
OF_INPUT_WORDS = 3  # words after "of" (a determiner left out) a subject said of the input may stand among
# the words saying the asker gives the medium ("I have a table of", "my photo of", "given a scan of"), up to
# GIVEN_WORDS before it: "I'd like a short clip of an object being squashed" asks for the clip, and what it shows is
# the job
GIVEN = frozenset("have has had got given my our this these from".split())
GIVEN_WORDS = 4


def input_words(text: str, media: frozenset[str]) -> list[list[str]]:
    """Return, per "<medium> of" in ``text`` that the asker gives (``GIVEN``), the words right after it (a determiner left out, at most
    ``OF_INPUT_WORDS``), where a medium is a word (stem) of a field the question names: what the question's own input
    shows ("a table of sales figures": sales, figures; "a photo of a waterfall": waterfall)."""
    said = words(text)
    out = []
    for i in range(len(said) - 1) if media else ():
        if said[i + 1] != "of" or stem(said[i]) not in media or not GIVEN & set(said[max(0, i - GIVEN_WORDS):i]):
            continue
        j = i + 2
        while j < len(said) and said[j] in DETERMINERS:
            j += 1
        out.append(said[j:j + OF_INPUT_WORDS])
    return out


def _said_in(sentence: str, phrase: str) -> bool:
    """Say whether ``sentence`` holds ``phrase`` as whole words, compared as stems ("doctor" holds "doctors")."""
    said, wanted = [stem(w) for w in words(sentence.lower())], [stem(w) for w in words(phrase.lower())]
    n = len(wanted)
    return n > 0 and any(said[k:k + n] == wanted for k in range(len(said) - n + 1))


def situation_only(text: str, phrase: str, jobs: list[str]) -> bool:
    """Say whether ``phrase`` (the words a subject concept matched) is said only in sentences that ask nothing (no
    question mark) while a sentence asking something writes a job of ``jobs`` (the words a task was read from):
    the subject tells the asker's situation ("Our club follows the county's cricket league. Could a model sum up
    each match report?"), what the job is done on, not a kind of model; a model doing the job serves it.

    A subject said in the sentence asking ("Which models sum up legal contracts?") or with no job written in one
    ("I work in dermatology. Does any model specialise in it?") is what the models are asked to be about."""
    parts = sentences(text)
    asking = [s for s in parts if s.rstrip().endswith("?")]
    if not asking or len(parts) < 2 or not any(_said_in(s, job) for s in asking for job in jobs):
        return False
    holding = [s for s in parts if _said_in(s, phrase)]
    return bool(holding) and not any(s in asking for s in holding)


def of_input(text: str, phrase: str, media: frozenset[str]) -> bool:
    """Say whether ``phrase`` (the words a subject concept matched) is among the words said of the question's own
    input (``input_words``)."""
    wanted = [stem(w) for w in words(phrase)]  # as stems: "students' marks" holds the phrase "student"
    spans = [[stem(re.sub(r"['’]s?$", "", w)) for w in span] for span in input_words(text, media)]
    return bool(wanted) and any(span[k:k + len(wanted)] == wanted for span in spans for k in range(len(span)))


@dataclass(frozen=True)
class ConceptReading:
    """What the question's concepts ask of a model beyond the constraints the search read.

    ``field_tasks``: the tasks it reaches only through a field it names ("photo": every image task);
    ``field_words``: the words of the field's names ("clips", "video", "videos") as Snowball stems; ``kinds``: per kind of task it means
    ("positive or negative": sentiment analysis), the words by which a model's facts show it;
    ``task_words``: per field task, the stems of each of its concept's names and plain-language jobs
    (what a model of that task does, in words: image to text, "write a caption for a photo").
    """

    field_tasks: frozenset[str] = frozenset()
    field_words: frozenset[str] = frozenset()
    kinds: tuple[frozenset[str], ...] = ()
    task_words: dict[str, tuple[frozenset[str], ...]] = field(default_factory=dict)  # field task -> its phrases' stems
    # of ``kinds``, those of a kind of task (a task-kind concept: "meetingbank" of meeting summarisation), which say a
    # job; a subject's markers ("music", "youtube": a domain) say only what a model is about
    job_kinds: tuple[frozenset[str], ...] = ()
    # per kind of ``kinds``, the tasks (keys) it narrows (toxicity detection: text-classification); empty for a subject
    # area or a kind narrowing no one task
    kind_tasks: tuple[frozenset[str], ...] = ()


class SearchAdapter:
    """Run searches for the chat; never raises for a search problem (the chat answers without it)."""

    def __init__(self, registry) -> None:
        self.registry = registry
        self._searcher = None
        self._tried = False
        self._vectors: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

    def searcher(self):
        """Return the registry's Searcher, or None when it cannot start (then the chat scans keywords)."""
        from registry.search import get_searcher

        if not self._tried:
            self._tried = True
            try:
                self._searcher = get_searcher(self.registry)
            except (MlfdoError, OSError, RuntimeError, ValueError) as exc:
                log.warning("search could not start (%s): the chat uses its keyword fallback", exc)
                self._searcher = None
        return self._searcher

    def search(self, text: str, limit: int = 10, filters: dict[str, list[str]] | None = None) -> SearchOutcome:
        """Return hits for ``text`` (with the searcher's reading of it), best first."""
        searcher = self.searcher()
        if searcher is not None:
            try:
                response = searcher.search(text, filters=filters, page=1, per_page=limit)
            except MlfdoError as exc:
                log.warning("search failed for the chat (%s): keyword fallback", exc)
            else:
                outcome = _from_response(response)
                outcome.query = text
                return outcome
        return self._fallback(text, limit)

    def understand(self, text: str):
        """Return the searcher's reading of ``text`` (a QueryUnderstanding), or None without a searcher."""
        searcher = self.searcher()
        if searcher is None:
            return None
        try:
            return searcher.understand(text)
        except MlfdoError as exc:
            log.warning("the search could not read the question (%s): the chat reads it alone", exc)
            return None

    def named(self, name: str) -> list[tuple[str, str, int]]:
        """Return (pid, identifier, downloads) of the FDOs the search's name index holds under ``name``; [] without search."""
        searcher = self.searcher()
        return searcher.named(name) if searcher is not None else []

    def joined_name_holders(self, name: str) -> int:
        """Return how many FDOs' names or tags hold a family and version written apart ("GPT-4") as one word
        (``Searcher.joined_name_holders``); 0 without search."""
        searcher = self.searcher()
        return searcher.joined_name_holders(name) if searcher is not None else 0

    def accounts(self, name: str) -> tuple[str, ...]:
        """Return the Hub accounts the organisation called ``name`` publishes under (organisations.ttl: "Meta":
        meta-llama, facebook), () when it is none the vocabulary knows or search is unavailable."""
        concepts = getattr(self.searcher(), "concepts", None)
        return concepts.accounts(name) if concepts is not None else ()

    def judge(self, pids: list[str], understanding) -> dict[str, tuple[bool, int]]:
        """Return pid -> (satisfies the question's filters, weight of its boosted facets matched); {} without search."""
        searcher = self.searcher()
        if searcher is None or understanding is None:
            return {}
        return searcher.judge(pids, understanding)

    def field_tasks(self, understanding) -> frozenset[str]:
        """Return the tasks the question reaches only through a field it names ("photo": every image task), not
        through a job (a task concept, or a concept serving one, matched by more than the field's words);
        empty without search or concepts."""
        return self.concept_reading(understanding).field_tasks

    def concept_reading(self, understanding) -> ConceptReading:
        """Return what the question's concepts ask of a model beyond its read constraints (``ConceptReading``);
        empty without search or concepts."""
        concepts = getattr(self.searcher(), "concepts", None)
        if concepts is None or understanding is None:
            return ConceptReading()
        # the asker's business in a question about the terms of use ("Our accounting firm ...") is no subject of
        # the models asked for (``business_told``), as the search reads it
        told = business_told(understanding.query)
        try:
            matches = concepts.match(blanked(understanding.query, told) if told else understanding.query)
        except (MlfdoError, OSError, RuntimeError, ValueError) as exc:
            log.warning("the chat could not read the question's concepts (%s)", exc)
            return ConceptReading()
        fields = [m for m in matches if m.concept.facet == "modality"]
        # a subject said of what the question's own input shows ("a table of sales figures", "a photo of a
        # waterfall") is about that input, not a kind of model: a model doing the job serves whatever the table
        # or photo holds, and need not state the subject (commerce, landscapes)
        media = frozenset(stem(w) for m in fields for p in m.concept.phrases for w in words(p))
        # the medium a task's words name ("predict from a spreadsheet": tabular classification) is the input too
        media |= {stem(w) for m in matches if m.concept.facet == "task" for w in words(m.phrase)}
        # a subject said only in a sentence telling the asker's situation, while another sentence asks for a job in
        # the words of a task (``situation_only``), is what the job is done on: a model doing the job serves it
        jobs = [r.span for r in understanding.recognised if r.applied and r.facet == "task" and r.note != CONCEPT_NOTE]
        jobs += [m.phrase for m in matches if m.concept.facet == "task" and m.how == "words"]
        kept = [m for m in matches if m.concept.markers
                and not (m.concept.facet == "domain" and (of_input(understanding.query, m.phrase, media) or (
                    situation_only(understanding.query, m.phrase, jobs))))]
        kinds = tuple(frozenset(m.concept.markers) for m in kept)
        kind_tasks = tuple(frozenset(t.key for p in m.concept.broader if (t := concepts.concept(p)) is not None
                                     and t.facet == "task") if m.concept.facet != "domain" else frozenset()
                           for m in kept)
        job_kinds = tuple(frozenset(m.concept.markers) for m in matches if m.concept.markers
                          and m.concept.facet != "domain")
        if not fields:
            return ConceptReading(kinds=kinds, job_kinds=job_kinds, kind_tasks=kind_tasks)
        # a job matched only by a field's own words ("what is in this photo" by "photo", "CLIP" by "clips")
        # says no more than the field
        field_words = {t for m in fields for t in tokens(m.phrase)}
        loose = [m for m in matches if m.concept.facet != "modality" and m.how == "words"
                 and set(tokens(m.phrase)) <= field_words]
        jobs = concepts.boosts([m for m in matches if m.concept.facet != "modality" and m not in loose])
        wide = concepts.boosts(fields + loose).get("task", {})
        # the field's other names are no job either ("a video clip" matched "clips"; "video" is the field too)
        said = frozenset(stem(w) for m in fields for p in m.concept.phrases for w in words(p))
        tasks = frozenset(set(wide) - set(jobs.get("task", {})))
        task_words = {}
        for key in tasks:
            concept = concepts.of("task", key)
            if concept is not None:
                task_words[key] = tuple(frozenset(stem(w) for w in words(p)) for p in concept.phrases)
        return ConceptReading(tasks, said, kinds, task_words, job_kinds, kind_tasks)

    def task_phrases(self, keys) -> dict[str, tuple[frozenset[str], ...]]:
        """Return per task key the stems of its concept's names and plain-language jobs, stopwords left out ("video
        question answering": video, question, answer); empty without search or concepts."""
        concepts = getattr(self.searcher(), "concepts", None)
        out: dict[str, tuple[frozenset[str], ...]] = {}
        for key in keys if concepts is not None else ():
            concept = concepts.of("task", key)
            if concept is not None:
                out[key] = tuple(frozenset(stem(w) for w in words(p) if w not in STOPWORDS and w not in QUESTION_STOPWORDS)
                                 for p in concept.phrases)
        return out

    def give_back(self, task: str) -> frozenset[str] | None:
        """Return the keys of the media a task gives back ("text-to-image": image), as its concept states them; None
        when no concept of the task states any (or without search or concepts)."""
        concepts = getattr(self.searcher(), "concepts", None)
        concept = concepts.of("task", task) if concepts is not None else None
        if concept is None or not concept.outputs:
            return None
        return frozenset(m.key for m in map(concepts.concept, concept.outputs) if m is not None) or None

    def met(self, pids: list[str], understanding) -> dict[str, frozenset[int]]:
        """Return pid -> positions of the read constraints (filters and boosts) the FDO really has; {} without search."""
        searcher = self.searcher()
        if searcher is None or understanding is None:
            return {}
        return searcher.met(pids, understanding)

    def document_frequencies(self, terms: list[str]) -> tuple[int, dict[str, int]] | None:
        """Return (FDOs in the search index, index term -> how many of them hold it) for index terms (the keyword
        index's tokens and stem terms, ``registry.search.text``); None without a search index.

        The chat weighs a question's words by these, as the keyword search does (IDF): a word most FDOs hold says
        little, and one no FDO holds cannot tell FDOs apart.
        """
        searcher = self.searcher()
        return None if searcher is None else searcher.document_frequencies(terms)

    def embed(self, texts: list[str]) -> np.ndarray | None:
        """Return unit-length embeddings of ``texts`` with the search index's embedder, or None.

        Texts seen before come from a small cache (facts of an FDO version do not change).
        """
        searcher = self.searcher()
        embedder = getattr(getattr(searcher, "index", None), "embedder", None)
        if embedder is None or not hasattr(embedder, "embed"):
            return None
        with self._lock:
            todo = list(dict.fromkeys(t for t in texts if t not in self._vectors))
            if todo:
                try:
                    fresh = np.asarray(embedder.embed(todo), dtype=np.float32)
                except (MlfdoError, OSError, RuntimeError, ValueError) as exc:
                    log.warning("embedding for the chat failed (%s): lexical ranking only", exc)
                    return None
                for text, vector in zip(todo, fresh, strict=True):
                    norm = float(np.linalg.norm(vector)) or 1.0
                    self._vectors[text] = vector / norm
            out = np.stack([self._vectors[t] for t in texts])
            for text in texts:
                self._vectors.move_to_end(text)
            while len(self._vectors) > EMBED_CACHE:
                self._vectors.popitem(last=False)
            return out

    def _fallback(self, text: str, limit: int) -> SearchOutcome:
        terms = [t for t in topical_terms(text) if len(t) >= 3]
        store = self.registry.store
        if terms:
            hits = [Hit(h.pid, h.name, "model", h.hits / len(terms), "keyword")
                    for h in store.keyword_models(terms, limit)]
        else:
            hits = []
        return SearchOutcome(hits=hits, engine="keyword-fallback")


def _from_response(response) -> SearchOutcome:
    hits = [Hit(r.pid, r.name, getattr(r, "kind", "model"), float(getattr(r, "score", 0.0)),
                getattr(r, "match", "hybrid")) for r in getattr(response, "results", ())]
    understanding = getattr(response, "understanding", None)
    applied: dict[str, list[str]] = {}
    boosted: dict[str, list[str]] = {}
    relaxed = []
    ordered: list[str] = []
    for rec in getattr(understanding, "recognised", ()) if understanding is not None else ():
        if getattr(rec, "mode", "filter") == "order":
            if getattr(rec, "applied", True):
                ordered.append(rec.label)
        elif getattr(rec, "applied", True):
            target = boosted if getattr(rec, "mode", "filter") == "boost" else applied
            target.setdefault(rec.facet, []).extend(rec.values)
        elif rec.values:  # read with values but not applied: no FDO met it, the search dropped it
            relaxed.append((rec.facet, tuple(rec.values), rec.span))
    suggested = [Suggestion(s.facet, s.value, s.label, getattr(s, "reason", ""))
                 for s in getattr(response, "suggested", ())]
    questions = []
    for fq in getattr(response, "questions", ()):
        options = [Suggestion(fq.facet, o.value, o.label) for o in getattr(fq, "options", ())[:4]]
        questions.append((fq.question, options))
    return SearchOutcome(hits=hits, applied=applied, boosted=boosted, suggested=suggested, questions=questions,
                         total=int(getattr(response, "total", len(hits))),
                         engine="search", relaxed=relaxed, ordered=ordered)
