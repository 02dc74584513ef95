"""What retrieval finds for one question: its candidates, the names it read, and what the answer is about.

Kept apart from ``retrieval`` so that the modules retrieval uses (``evidence``, ``lineage``) can
name these types without importing it back.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlencode

from registry.chat.absent import AskedName
from registry.chat.senses import Sense
from registry.chat.facts import FdoFacts
from registry.chat.search_adapter import SearchOutcome
from registry.search.understand import Question

__all__ = ["Ambiguous", "Candidate", "Carried", "Context", "Link", "Topic"]


@dataclass
class Candidate:
    pid: str
    prior: float
    reasons: set[str] = field(default_factory=set)
    facts: FdoFacts | None = None
    coverage: float = 0.0
    similarity: float = 0.0
    score: float = 0.0
    search_rank: int | None = None
    boosted: int = 0  # weight of the question's boosted facets (task, library...) this candidate has
    met: frozenset[int] = frozenset()  # positions in the question's read constraints that it really has
    covered: frozenset[str] = frozenset()  # the question's topical words (stems) its facts or met constraints hold
    own: frozenset[str] = frozenset()  # those its own facts hold (not only a constraint it meets)


@dataclass(frozen=True)
class Topic:
    """The question's topical words as the search index holds them, each with its weight.

    ``keys`` are the question's topical words (``Question.terms``, Snowball stems, the keys the rest of the chat
    uses); ``forms`` per key the ways an FDO's words hold it, in the index's own tokens (``registry.search.text``):
    each a set of index terms that must all be held (the word as indexed, its stem term; the Hub tag or acronym
    the reader matched in its place, "Core ML": ``coreml``, "reinforcement learning from human feedback":
    ``rlhf``; for an acronym the question writes, the words it stands for); ``weights`` per key the IDF of the
    word in the index as the keyword search computes it: a word most FDOs hold counts little, a word no FDO holds
    (in any of its forms) nothing, since no FDO can show it ("decide" in "helps decide how to manage crops"), and
    the plain verbs of a job (``evidence.JOB_WORDS``: "help", "run") nothing when another word counts, nor the
    words of a relation (``evidence.RELATION_WORDS``: "point to") in a question asking for models linked to a
    paper or data. Without a search index every word weighs 1.

    ``alternatives`` are runs of keys the question joins by "or" ("in the style of The Simpsons or The Flintstones",
    "speech, music or effects"): an FDO holding one of them holds the run, which counts once, at the weight of its
    heaviest word.
    """

    keys: tuple[str, ...] = ()
    forms: dict[str, tuple[frozenset[str], ...]] = field(default_factory=dict)
    weights: dict[str, float] = field(default_factory=dict)
    alternatives: tuple[frozenset[str], ...] = ()

    @property
    def total(self) -> float:
        return self.weight_of(self.keys)

    def weight_of(self, keys) -> float:
        """Return the weight of ``keys`` (a run of alternatives counted once, at its heaviest word's weight)."""
        keys = set(keys)
        grouped = {k for run in self.alternatives for k in run}
        total = sum(self.weights.get(k, 0.0) for k in keys if k not in grouped)
        for run in self.alternatives:
            if run & keys:
                total += max(self.weights.get(k, 0.0) for k in run)
        return total

    def with_alternatives(self, keys) -> frozenset[str]:
        """Return ``keys`` with the other words of each run of alternatives one of them belongs to."""
        keys = frozenset(keys)
        return keys.union(*(run for run in self.alternatives if run & keys))


@dataclass
class Ambiguous:
    """A name the question uses that several FDOs carry: ``pids[0]`` was chosen (the original the others are built
    on, else the most downloaded)."""

    name: str
    pids: list[str]
    identifiers: list[str]  # as the search index holds them ("" when the chat's own name index found them)
    original: bool = False  # pids[0] is the record the others of that name are built on


@dataclass
class Carried:
    """A name the question asks about that no record is called but several carry as a whole part of their names
    ("What is LLaMat?": ``m3rg-iitd/llamat-2``, ``llamat-2-chat``, ``llamat-2-cif``): ``pids`` the records carrying
    it (of the kind asked for, most downloaded first; at most ``CARRIED_K`` looked at), ``total`` how many do."""

    name: str
    pids: list[str]
    total: int


@dataclass
class Link:
    """What a question names as linked to the models it asks for, and what it leaves as their topic."""

    facet: str
    values: tuple[str, ...]
    span: str
    topic: str
    entities: list[FdoFacts] = field(default_factory=list)  # the named FDOs (a dataset, base model, paper)
    linked: int = 0  # how many models are linked to them
    on_topic: bool = False  # the listed models are about the topic (else: the closest of the linked)
    constraints: dict[str, list[str]] = field(default_factory=dict)  # the question's other explicit filters
    evaluated: int = 0  # of ``linked``, the models evaluations ran on it with (OpenML runs), not linked by the facet
    note: str = ""  # how the named FDO was read when not by its name ("the paper the models tagged 'orpo' cite")
    meets: set[str] = field(default_factory=set)  # linked models showing a subject area the topic names ("medicine")

    def search_href(self, with_topic: bool = True) -> str:
        """Return the search page showing every linked model that meets the question's other filters (about the
        topic when ``with_topic``)."""
        params = [("q", self.topic if with_topic else "")] + [(self.facet, v) for v in self.values]
        params += [(f, v) for f, values in self.constraints.items() for v in values]
        return f"/search?{urlencode(params)}"


@dataclass
class Context:
    """Everything retrieval found for one question."""

    question: Question
    named: list[str] = field(default_factory=list)  # PIDs the question names, in order
    unknown: list[str] = field(default_factory=list)  # names that match nothing in the registry
    families: list[str] = field(default_factory=list)  # names that only match part of some names
    sides: list[list[str]] = field(default_factory=list)  # compare: PIDs found for each side
    candidates: list[Candidate] = field(default_factory=list)
    selected: list[Candidate] = field(default_factory=list)
    rendered: list[str] = field(default_factory=list)
    search: SearchOutcome = field(default_factory=SearchOutcome)
    answerable: bool = True
    reason: str = ""
    closest: list[Candidate] = field(default_factory=list)
    more: int = 0  # candidates of a topical answer that also state what it asks for, beyond those it offers
    # "fine-tunes of X for Y": the base model, its identifier and Y's words; the models derived from X
    # that a search for Y found (empty: none is about Y, ``closest`` then holds the nearest records)
    lineage_topic: tuple[str, str, str] | None = None
    derived_hits: list[str] = field(default_factory=list)
    on_topic: set[str] = field(default_factory=set)  # models found that show Y (its words or concepts)
    near_topic: list[str] = field(default_factory=list)  # derived models the search found only near Y in meaning
    chosen: str = ""  # which entity a loosely written name was read as, said in the answer
    bases: list[str] = field(default_factory=list)  # every base model identifier that name may mean
    ambiguous: list[Ambiguous] = field(default_factory=list)  # names several FDOs carry
    # "X as a GGUF file": X's name and the format asked for, when the answer is about the copies of X in it
    format_of: tuple[str, str] | None = None
    link: Link | None = None  # "models trained on X": the dataset, base model or paper named (chat.links)
    relaxed: list[str] = field(default_factory=list)  # the question's filters no FDO meets, left out as search does
    topic: Topic = field(default_factory=Topic)  # the question's words with their weights (``evidence.read_topic``)
    # of a topical answer, found models that state what it asks for but show less of its words than those offered
    # (``evidence.shows_enough``): named as the closest records, not as answers
    partial: list[Candidate] = field(default_factory=list)
    # a name the question asks for as a whole that the registry does not hold ("Do you have Meta's Segment Anything
    # model?"): the answer says so, and what was found is named as the closest records, never as the thing
    absent: AskedName | None = None
    # a name records carry only inside longer words of their names ("Hermes": DeepHermes, OpenHermes): its senses
    senses: list[Sense] = field(default_factory=list)
    sense_name: str = ""  # the name as the question writes it
    # a name asked about that several records carry as a whole part of their names, none as its name ("What is
    # LLaMat?"): the answer says so and which of them it describes
    carried: Carried | None = None

    @property
    def facts(self) -> dict[str, FdoFacts]:
        return {c.pid: c.facts for c in self.candidates if c.facts is not None}

    def focus(self) -> list[str]:
        """Return the PIDs the answer is about (what a follow-up question may refer to)."""
        if self.named:
            return self.named[:4]
        return [c.pid for c in self.selected[:3]]
