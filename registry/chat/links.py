"""'Models trained on X', 'models that build on X', 'models citing the X paper': follow the graph from a named FDO.

The question reader (``registry.search.understand``, shared with search) reads the dataset, base model
or paper a question names after a relation. The answer lists the models linked to it (the search
filtered by that link: its ``dataset``, ``base_model`` or ``paper`` facet), those about the rest of the
question ("... for finance") when it has a topic, with a link to the search that shows them all.
When no model is linked, or none of the linked is about the topic, the answer says so and names
the closest records as such. "Fine-tunes of X for Y" with X a named model keeps its own path
(``lineage``).
"""

from __future__ import annotations

import re
from typing import Callable

from registry.chat.context import Candidate, Context, Link
from registry.chat.evidence import ASKERS, COPY_WORDS, JOB_WORDS, RELATION_WORDS, fact_words, hosting_words, in_format
from registry.chat.facts import gather
from registry.chat.search_adapter import SearchAdapter
from registry.search.concepts import TOPIC
from registry.search.patterns import LINK_FACETS, LINK_NOUNS, LINK_STOP, NUMBER_WORDS
from registry.search.understand import MONTH_NAMES, MONTHS, Question, defined_acronyms, stem, topical_terms, words

__all__ = ["Link", "read_link", "find_linked", "decide", "RELATION", "LINK_K"]

ASKS_FOR_MODELS = re.compile(r"\b(?:which|what|list|show|any)\b.*\b(?:models|fine[ -]?tunes|finetunes|quants|"
                             r"variants|versions|derivatives|adapters|merges|checkpoints)\b", re.I)
# "What is linked to X", "Is there a GGUF build of X", "Is anything here derived from X": a question for the records
# linked to the FDO it names, even without a word for models
ASKS_FOR_LINKED = re.compile(r"^\s*(?:what|which|is\s+(?:there|anything)|are\s+there|anything|any|do\s+you\s+have|"
                             r"does\s+(?:the\s+registry|anything)|has\s+anyone|list|show)\b", re.I)
APPOSITION = re.compile(r",\s*(?:the|a)\s+one\s+(?:on|about|that|which|with|from|by|in|for)\b[^,;?!]*", re.I)
# a noun phrase set off by a comma right after the words read as the named record ("trained on LIMA, the thousand
# hand-picked examples"): it describes the record; "the ones ..." (plural) speaks of the models asked for
APPOSED = re.compile(r"\)?\s*,\s*(?:(?:the|a|an)\s+(?!ones?\b)|(?:in|as|or)\s+its\s+)[^,;?!]*", re.I)
# the words before a name written in brackets ("from Anthropic's helpful-and-harmless preference data (HH-RLHF)"), back
# to the relation's preposition: what the name stands for
BRACKETED = re.compile(r"\b(?:on|from|with|using|of|to|cite|cites|citing)\s+([^,;()?!]{1,80})\(\s*$", re.I)
PAPER_NAME = re.compile(r"\bthe\s+([\w .\-]{1,40}?)\s+(?:paper|article|publication)\b", re.I)
LINK_ATTRIBUTES = frozenset({"base", "derivatives", "datasets", "paper"})  # what a relation phrase itself asks for
CAPITALISED = re.compile(r"\b[A-Z][\w-]*(?:\s+[A-Z][\w-]*)*")  # "the Titanic", "Common Voice"
KIND_FACETS = {"dataset": "dataset", "paper": "paper"}  # the kinds of FDO a model links to, and their facets
PLATFORMS = {"dataset": ("hf-dataset", "openml-dataset"), "base_model": ("hf", "openml"), "paper": ("arxiv",)}
LINK_K = 6  # linked models an answer lists (the linked search shows them all)
CLOSEST_K = 3
COPIES_K = 3  # linked copies in the format or precision asked for that an answer offers (the linked search shows all)
MIN_COVERAGE = 0.5  # share of the topic's words a linked model's facts must hold to be about it
RELATION = {"dataset": ("trained on", "was trained on"), "base_model": ("derived from", "derives from"),
            "paper": ("citing", "cites")}
# the nouns of a record's kind that may end the phrase naming it ("the OpenR1 maths set of 220 thousand problems", "the
# Deita 10k instruction selection"): the words of a link besides articles and descriptions, and a few of a data set's
RECORD_NOUNS = frozenset(LINK_NOUNS - {"the", "a", "an", "this", "that", "plain", "original", "base", "basic"}) | \
    frozenset("selection subset split mix mixture problems tasks sentences traces".split())
# the words inside such a phrase that are no noun of a record: "set of problems", a count ("220 thousand problems")
DESCRIBING = 3  # words read as another constraint that may stand before a record's noun ("reasoning | data")
RECORD_FILLERS = frozenset("of hundred thousand million billion k m".split()) | frozenset(NUMBER_WORDS) | \
    frozenset("among amongst its their".split())  # "lists arXiv X among its papers": where the models list X
# the asker's own doing with the record, right before it in a sentence of their own ("I'm reading arXiv X", "We
# cite the FineWeb paper"): up to two words after a first person, none of them a topic of the models asked for
ASKER_DOING = re.compile(r"(?:^|[.!?;:]\s*)(?:i|we)(?:['’](?:m|ve|re)|\s+(?:am|are|have|had|was|were))?\s+"
                         r"((?:[\w'’-]+\s+){0,2})$", re.I)


def read_link(q: Question, ctx: Context, store, resolve: Callable[[str], list[str]],
              accounts: Callable[[str], tuple[str, ...]] = lambda owner: ()) -> None:
    """Set ``ctx.link`` when ``q`` asks for the models linked to a dataset, base model or paper it names.

    ``accounts`` gives the Hub accounts an organisation publishes under (``SearchAdapter.accounts``): an owner's
    possessive in the question picks, of several records read for the name, those of that owner."""
    if q.understanding is None or q.compare:
        return
    asks = q.listing or "derivatives" in q.attributes or bool(ASKS_FOR_MODELS.search(q.text))
    read = next((r for r in q.understanding.recognised if r.applied and r.values and r.facet in LINK_FACETS), None)
    if read is None:
        # a dataset or paper named as the registry spells it, in a question for models ("predicts who survived
        # the Titanic"): the models trained on it, cite it, or were evaluated on it
        if asks or q.filters.get("kind") == ["model"]:
            _named_record(q, ctx, store, resolve)
        return
    if not asks and not (ASKS_FOR_LINKED.search(q.text) and set(q.attributes) <= LINK_ATTRIBUTES):
        return
    values = _owned_values(q.text, read.values, accounts)
    entities: list[str] = []
    for value in values[:4]:
        found = [pid for pid in (store.resolve(f"{p}:{value}") for p in PLATFORMS[read.facet]) if pid] or \
            resolve(value)
        if found and found[0] not in entities:
            entities.append(found[0])
    if read.facet == "base_model":
        _same_named(ctx, store, entities, read.span)
    if any(pid not in entities for pid in ctx.named):
        return  # the question is about another FDO it names ("which datasets was bert trained on")
    facts = gather(store, entities, derivatives=False)
    # the words the named record's own facts hold may go on naming it ("FineWeb crawl": FineWeb holds "crawl")
    held = set().union(*(fact_words(facts[p]) for p in entities if p in facts))
    topic = _topic(q, read.span, values, held)
    if read.facet == "base_model" and ctx.named and "derivatives" in q.attributes and not topic and \
            q.wants != "list" and not _other_filters(q):
        # "what are X's fine-tunes?", X named: the answer about X says it, relation by relation; with another
        # explicit constraint ("Which question-answering models were fine-tuned from X?") only the linked models
        # meeting it answer, not X's most downloaded derivatives
        return
    ctx.link = Link(read.facet, tuple(values), read.span, topic, [facts[p] for p in entities if p in facts],
                    note=f"“{read.span}” is read as {', '.join(read.values[:3])}: {read.note}." if read.note else "")


def _same_named(ctx: Context, store, entities: list[str], span: str) -> None:
    """Read a name several records carry as the base model the reader read in the relation phrase ("Which
    DeepSeek-R1 fine-tunes ...": deepseek-ai/DeepSeek-R1, not unsloth's copy called so, the most downloaded holder):
    a named record that is not that base but carries its name, written inside the phrase, is no other FDO the question
    is about; its ambiguity goes too (the answer names the base models it lists the derivatives of)."""
    def last(pid: str) -> str:
        known = store.platform_id(pid)
        return (known[1] if known else "").rsplit("/", 1)[-1].lower()

    bases = {last(pid) for pid in entities} - {""}
    said = span.lower()
    copies = {pid for pid in ctx.named if pid not in entities and last(pid) in bases and last(pid) in said}
    if copies:
        ctx.named = [pid for pid in ctx.named if pid not in copies]
        ctx.ambiguous = [a for a in ctx.ambiguous if not copies & set(a.pids)]


def _owned_values(text: str, values, accounts: Callable[[str], tuple[str, ...]]) -> tuple[str, ...]:
    """Return those of the identifiers read for a name that an owner's possessive in the question says are meant
    ("Mistral's Small 24B base checkpoint": mistralai/Mistral-Small-24B-Base-2501, not unsloth's copy of that name):
    the owner part begins with the owner's word or the other way round, separators aside, or is an account the
    organisations vocabulary gives the owner. All of them when no possessive picks some but not all."""
    def flat(word: str) -> str:
        return re.sub(r"[\s_\-./]+", "", word.lower())

    for owner in re.findall(r"\b([A-Za-z][\w.-]*)['’]s\b", text):
        said, known = flat(owner), {flat(a) for a in accounts(owner)}
        mine = tuple(v for v in values if "/" in v and ((who := flat(v.split("/", 1)[0])) in known or (
            len(said) >= 3 and len(who) >= 3 and (who.startswith(said) or said.startswith(who)))))
        if mine and len(mine) < len(values):
            return mine
    return tuple(values)


def _other_filters(q: Question) -> dict[str, list[str]]:
    """Return the question's explicit constraints besides the link and the kind (a task, a language, a licence)."""
    return {f: v for f, v in q.filters.items() if f not in LINK_FACETS and f != "kind"}


def _named_record(q: Question, ctx: Context, store, resolve: Callable[[str], list[str]]) -> None:
    for m in CAPITALISED.finditer(q.text):
        if m.start() == 0:
            continue  # the sentence's first word
        pids = [pid for pid in resolve(m.group(0)) if store.kind(pid) in KIND_FACETS]
        if not pids:
            continue
        facts = gather(store, pids[:1], derivatives=False)
        if pids[0] not in facts or facts[pids[0]].status == "stub":
            continue
        fdo = facts[pids[0]]
        key = store.platform_id(pids[0])
        value = fdo.identifier if getattr(fdo, "identifier", "") else (key[1] if key else m.group(0))
        ctx.named = [pid for pid in ctx.named if pid != pids[0]]
        # no topic: the other words say what is done with the record ("predicts who survived"), which models
        # trained or evaluated on it do
        ctx.link = Link(KIND_FACETS[fdo.kind], (value,), m.group(0), "", [fdo])
        return


def _topic(q: Question, span: str, values, held: set[str] = frozenset()) -> str:
    """Return the question's words that are neither the named FDO, the relation nor another constraint.

    ``held`` are the words (and stems) of the named FDO's own facts: such a word written right after the words read as
    it goes on naming it (``_record_phrase``)."""
    named = {stem(w) for w in words(span)} | {stem(w) for v in values for w in words(v)}
    named |= {w for v in values for w in re.findall(r"[a-z0-9]+", v.lower())}  # "arXiv:2307.09288": 2307, 09288
    if q.understanding and any(r.facet == "paper" for r in q.understanding.recognised if r.applied):
        # "the Llama 2 paper, arXiv 2307.09288": the words before "paper" name the paper the id says, no topic
        named |= {stem(w) for m in PAPER_NAME.finditer(q.text) for w in words(m.group(1))}
    read = [r for r in q.understanding.recognised if r.applied and r.facet not in LINK_FACETS]
    others = {stem(w) for r in read if not _subject(r) for w in words(r.span)}
    # a subject area may go on naming the record ("the 110k Chinese | reasoning traces"), as another constraint may
    described = others | {stem(w) for r in read if _subject(r) for w in words(r.span)}
    named |= {stem(w) for w in _record_phrase(q.text, span, described, held)}
    named |= _dated(q.text, values)
    named |= spelt_out(q.text)
    named |= {stem(w) for w in _asker_doing(q.text, span)}
    # ", the one on preference optimisation": an apposition describes the named FDO, it is no topic; so does one right
    # after the words read as it ("LIMA, the thousand hand-picked instruction examples")
    named |= {stem(w) for w in _apposed(q.text, span, values)}
    text = APPOSITION.sub("", q.search_text or q.text)
    kept = [t for t in topical_terms(text) if t not in named and t not in RELATION_WORDS and t not in others
            and t not in ASKERS]  # "Has anyone built on X?": who asks is no topic
    return " ".join(dict.fromkeys(w for w in words(text) if stem(w) in kept))


def spelt_out(text: str) -> set[str]:
    """Return the stems of the words an acronym the question defines stands for ("contrastive preference optimisation
    (CPO)", ``understand.defined_acronyms``): the acronym is the topic, the form model names write
    (``gemma-7b-cpo-...``), its words are not."""
    return {stem(w) for acronym, start, end in defined_acronyms(text)
            for w in words(text[start:end]) if w.lower() != acronym}


BRACKET_CHARS = 90  # characters before a bracketed name its description is looked for in


def _apposed(text: str, span: str, values=()) -> list[str]:
    """Return the words describing the named record around the words read as it (``span``): a noun phrase set off by
    a comma right after it, or a phrase of the record ("in its original form"; ``APPOSED``): "Is anything trained on
    LIMA, the thousand hand-picked instruction examples?" describes LIMA; and the words a bracketed name stands for,
    back to the relation's preposition (``BRACKETED``: "from the Pile of web text (ThePile)"). Besides ``span``, the
    name part of each of the record's ``values`` written in the question is such an anchor."""
    low = text.lower()
    out: list[str] = []
    # the words read as the record, or the record's own name part written in the question ("HH-RLHF" of
    # Anthropic/hh-rlhf, read from "Anthropic")
    for said in dict.fromkeys([span] + [v.rsplit("/", 1)[-1] for v in values]):
        at = low.find(said.lower()) if said else -1
        if at < 0:
            continue
        m = APPOSED.match(text, at + len(said))
        out += words(m.group(0)) if m else []
        before = BRACKETED.search(text, max(0, at - BRACKET_CHARS), at)
        out += words(before.group(1)) if before else []
    return list(dict.fromkeys(out))


def _asker_doing(text: str, span: str) -> list[str]:
    """Return the words saying what the asker does with the named record, right before the words read as it in a
    sentence of their own ("I'm reading | arXiv 2008.00401", ``ASKER_DOING``): what the asker does, not what the
    models asked for are about."""
    at = text.lower().find(span.lower()) if span else -1
    m = ASKER_DOING.search(text[:at]) if at > 0 else None
    return words(m.group(1)) if m else []


def _subject(read) -> bool:
    """Say whether a constraint read from the question is a subject area it only prefers ("about medicine", "deal
    with law"): no filter the linked search applies, so its words stay the topic the linked models must show."""
    return read.facet == TOPIC and read.mode != "filter"


# a month written out and a year (the search reader's month names: the first twelve are the full ones)
MONTH_YEAR = re.compile(r"\b(" + "|".join(MONTH_NAMES[:12]) + r")\s+(?:of\s+)?((?:19|20)?\d{2})\b", re.I)


def _dated(text: str, values) -> set[str]:
    """Return the words (stems) of a month and year the question writes that the named record's identifier spells as
    its date code, year then month ("Mistral's Small 24B base checkpoint of January 2025": Mistral-Small-24B-Base-2501):
    they say which record is named, no topic of the models linked to it."""
    out = set()
    for m in MONTH_YEAR.finditer(text):
        code = f"{m.group(2)[-2:]}{MONTHS[m.group(1).lower()[:3]]:02d}"
        if any(re.search(rf"(?<![0-9]){code}(?![0-9])", v) for v in values):
            out |= {stem(m.group(1).lower()), m.group(2)}
    return out


def _record_phrase(text: str, span: str, described: set[str] = frozenset(),
                   held: set[str] = frozenset()) -> list[str]:
    """Return the words that go on naming the record right after the words read as it (``span``), when they are nouns
    of a record's kind, counts and "of" ("learned from the OpenR1 maths | set of 220 thousand problems", "fine-tuned on
    the Deita 10k | instruction selection"): they say what the record is, not what the models are about. The phrase
    stops at the first other word ("trained on the Alpaca chats | help solve contract problems": a job, the topic) and
    where a name stops (``LINK_STOP``: "for finance", "that ..."); one holding no noun of a record is no part of it.
    A word the reader read as another constraint (``described``, stems: the topic "reasoning") goes on naming the record
    when a noun of a record follows it ("NovaSky's Sky-T1 | reasoning data of 17 thousand examples"). A word the named
    record's own facts hold (``held``, words and stems) is a noun of it too ("Hugging Face's FineWeb | crawl": FineWeb's
    description says it is a web crawl), as the record's own word for what it is."""
    at = text.lower().find(span.lower()) if span else -1
    if at < 0:
        return []
    rest = text[at + len(span):]
    stop = LINK_STOP.search(rest)
    said: list[str] = []
    own = False  # a word the record's facts hold was read
    pending: list[str] = []  # words of another constraint, part of the phrase only when a record's noun follows
    for w in words(rest[:stop.start()] if stop else rest):
        if w in RECORD_NOUNS or w in RECORD_FILLERS or any(ch.isdigit() for ch in w):
            said += pending + [w]
            pending = []
        elif w in held or stem(w) in held:
            said += pending + [w]
            pending = []
            own = True
        elif stem(w) in described and len(pending) < DESCRIBING:
            pending.append(w)
        else:
            break
    return said if own or any(w in RECORD_NOUNS for w in said) else []


def find_linked(q: Question, ctx: Context, search: SearchAdapter, add: Callable) -> None:
    """Search the models linked to the named FDO (those nearest the topic first) and add them as candidates."""
    link = ctx.link
    other = _other_filters(q)
    link.constraints = other
    within = {**other, link.facet: list(link.values), "kind": ["model"]}
    every = search.search("", limit=LINK_K, filters=within)
    link.linked = every.total
    hits = every.hits
    for fdo in link.entities:  # evaluations (an OpenML run) link the models run on a dataset or task
        if fdo.kind in ("dataset", "task"):
            total, models = search.registry.store.evaluated_models(fdo.pid, LINK_K)
            link.evaluated += total
            link.linked += total
            for rank, pid in enumerate(models):
                add(pid, 0.9 - 0.02 * rank, "linked").search_rank = LINK_K + rank
    if link.topic and link.linked:
        hits = search.search(link.topic, limit=LINK_K * 2, filters=within).hits or hits
        # a model showing the subject area the topic names by its markers (a tag, a dataset: "medical" for
        # "medicine") is about it though its facts hold none of the topic's own words
        recognised = q.understanding.recognised if q.understanding is not None else []
        subjects = {i for i, r in enumerate(recognised) if r.applied and _subject(r)}
        if subjects:
            met = search.met([h.pid for h in hits], q.understanding)
            link.meets = {pid for pid, held in met.items() if held & subjects}
    for rank, hit in enumerate(hits):
        add(hit.pid, 0.95 - 0.02 * rank, "linked").search_rank = rank


def decide(ctx: Context) -> None:
    """Say whether the linked models answer the question; when none is linked, name the search's closest records."""
    link = ctx.link
    linked = [c for c in ctx.candidates if "linked" in c.reasons]
    linked.sort(key=lambda c: c.search_rank if c.search_rank is not None else 99)
    if link.linked:
        ctx.answerable = True
        tags = ctx.question.understanding.tags if ctx.question.understanding is not None else ()
        copies = [c for c in linked if c.facts is not None and in_format(c.facts, tags)] if tags else []
        topic = {stem(w) for w in words(link.topic)}
        if copies:
            # "lower-precision builds of X", "a GGUF file of X": the linked models in that format or precision; the
            # words saying so are no topic they must hold
            linked = copies
            # the format's words, and those of a runtime the reader read as its tag ("for llama.cpp": gguf)
            formats = {stem(w) for t in tags for w in words(t)}
            formats |= {stem(w) for r in ctx.question.understanding.recognised
                        if r.facet == "library" and not r.values for w in words(r.span)}
            topic -= COPY_WORDS | formats | JOB_WORDS  # "that I can run with llama.cpp": the format's use
        if topic:  # about the topic: half its words or more are in the model's facts, a hosting tag aside
            topic = (topic - JOB_WORDS) or topic  # "write code": code says the topic, write only the job
            about = [c for c in linked if c.facts is not None and (c.pid in link.meets or len(
                topic & (fact_words(c.facts) - hosting_words(c.facts))) >= MIN_COVERAGE * len(topic))]
            link.on_topic = bool(about)
            linked = about or linked
        else:
            link.on_topic = bool(linked)
        # copies in a format are offered as a named model's copies are (``retrieval._format_copies``): up to three
        ctx.selected = linked[:COPIES_K if copies else LINK_K] if link.on_topic else linked[:CLOSEST_K]
        ctx.more = max(0, link.linked - len(ctx.selected))
        return
    names = " or ".join(f.name for f in link.entities) or ", ".join(link.values[:3])
    ctx.answerable = False
    if link.facet == "dataset":
        ctx.reason = f"no model in the registry states that it was trained on {names}, and no evaluation ran on it"
    elif link.facet == "base_model":
        ctx.reason = f"no model in the registry states that it derives from {names}"
    else:
        ctx.reason = f"no model in the registry cites {names}"
    searched = [c for c in ctx.candidates if "search" in c.reasons and c.facts is not None and c.facts.kind == "model"]
    searched.sort(key=lambda c: c.search_rank if c.search_rank is not None else 99)
    # the named record itself is the closest: what the registry holds of what the question speaks of
    named = [Candidate(f.pid, 0.0, {"closest"}, f) for f in link.entities if f.kind != "model"]
    ctx.closest = (named + searched)[:CLOSEST_K] or ctx.closest
