"""Retrieval: gather candidate FDOs for a question, rank them against it, keep a subset within a budget.

Candidates come from four places, each with a prior:
  1.0  FDOs the question names (exact name, identifier or alias) or the page it is asked on;
  0.8  FDOs the previous turn was about, when the question refers back ("its licence");
  0.3-0.7  search results (exact matches 1.0), by rank;
  0.35 lineage neighbours (base models) of the FDOs above.
The graph then expands every candidate into facts (task, licence, datasets, papers, evaluation
results, lineage in both directions). A topical question's rank = 0.85 prior + 0.10 coverage + 0.05
similarity (the search's order decides), where coverage is the share of the question's topical
words found in the candidate's facts or in a constraint read from them that it has, each word weighed
by its rarity in the search index (``evidence.read_topic``), and similarity
the cosine of question and facts under the search index's embedder (a question that names an FDO,
or no embedder: 0.55 prior + 0.45 coverage). Selection keeps named FDOs first, then the best ranked
ones with some coverage (for a topical question: those that really have the constraints read from
it, when some do), rendering each in full while it fits the character budget and in the short form
after that, up to ``max_items``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from registry.chat import lineage, links
from registry.chat.absent import AskedName, NotHeld, asked_name, framed, without_frame
from registry.chat.context import Ambiguous, Candidate, Carried, Context
from registry.chat.evidence import (NAMED_MODELS, RELATION_WORDS, asked, asks_licence, cover, fact_words, fitting,
                                    has_evidence, in_format,
                                    index_terms, read_constraints, read_topic, shows_enough, does_job, by_use,
                                    states_asked, writes, gives_text,
                                    task_forms, unstated, answers_alike, made_subject_not_held)
from registry.chat.facts import FdoFacts, fdo_href, gather
from registry.chat.names import NameIndex
from registry.chat.senses import senses_of
from registry.search.facets import FACET_NAMES
from registry.search.patterns import ACRONYMS
from registry.search.stubs import is_release, release_of
from registry.search.versions import AskedVersion, asked_version, release_version
from registry.search.understand import Question, stem, topical_terms, words
from registry.chat.search_adapter import SearchAdapter, SearchOutcome

__all__ = ["Ambiguous", "Candidate", "Context", "Retriever", "Budget", "BUDGETS"]

SEARCH_K = 10
CLOSEST_K = 3
COMMON_TASK = 0.05  # share of the models doing a task above which sharing it says nothing of what a model is for
FAMILY_K = 4  # models shown for a name that is only part of model names ("llama-2")
CARRIED_K = 100  # records holding a name asked about as a part of their names, looked at for those of the kind asked
VIA_K = 6  # models reached through a dataset, paper or task a list question matches
EMBED_CHARS = 300  # of a candidate's short facts, embedded for similarity
MIN_COVERAGE = 0.5  # share of topical words a candidate must hold for a topical question to count as answerable
# a topical question's rank: (prior, coverage, similarity). The prior is the search's rank, which already
# read the question (concepts, boosts, keyword and semantic match); word coverage only breaks near-ties
TOPICAL_WEIGHTS = (0.85, 0.10, 0.05)
BOOST_BONUS = 0.15  # added to the rank of a candidate with a facet value the question prefers ("vision": image tasks)
LONGER_PARTS = 2  # parts besides a mention a longer name must have, all written around it, to be what is named
KIND_PARTS = frozenset({"data", "dataset", "model", "hf"})  # parts of a name saying its kind, which a question may leave out
HOLDERS_K = 10  # FDOs whose names hold a name as a part, looked at for one of the kind asked for
RELEASE_SCAN = 200  # names carrying a family's word read for its own releases ("What is Gemma?")
AMBIGUOUS_K = 5  # FDOs named in the answer for a name several carry
TOPICAL_CITES = 3  # FDOs an answer to a topical question cites (the search link shows the rest)
# a question asking whether the registry has models of some kind ("Is there a ... that", "Do you have any ...")
ASKS_FOR = re.compile(r"^\s*(?:is there|are there|do you have|have you got|does the registry have|has anyone)\b", re.I)
REFERENCED = frozenset({"named", "page", "previous", "family"})
REFERENCED_FIRST = frozenset({"named", "page", "previous"})  # what the question names itself, or its page, or the last answer
# words describing a licence's terms: a model under a licence read from the question holds them (``_rank``)
LICENCE_WORDS = frozenset(stem(w) for w in """open source opensource free libre permissive permissively copyleft
restrictive restrictions unrestricted commercial commercially""".split())
WRITTEN_OUT = frozenset(p for phrases in ACRONYMS.values() for p in phrases)  # "mixture of experts" (moe)


@dataclass(frozen=True)
class Budget:
    """How much context a generator gets: characters of rendered facts and most FDOs."""

    chars: int
    max_items: int


# Local SmolLM2 reads slowly on CPU (prefill ~1 ms per token): a short context keeps the first
# token under a few seconds. An Ollama model gets more. The extractive mode reads the facts
# directly, so its budget only bounds the answer's length.
BUDGETS = {"local": Budget(1200, 3), "ollama": Budget(6000, 8), "extractive": Budget(4000, 6)}


class Retriever:
    """Find and rank the FDOs that can answer a question."""

    def __init__(self, registry, search: SearchAdapter | None = None, names: NameIndex | None = None,
                 use_embeddings: bool = True) -> None:
        self.registry = registry
        self.store = registry.store
        self.search = search or SearchAdapter(registry)
        self.names = names or NameIndex(registry.store)
        self.use_embeddings = use_embeddings

    # ------------------------------------------------------------ public
    def retrieve(self, q: Question, budget: Budget, previous: list[str] | None = None,
                 about: str | None = None) -> Context:
        """Return the ranked candidates and the selected subset for ``q``."""
        ctx = Context(question=q)
        cands: dict[str, Candidate] = {}

        def add(pid: str, prior: float, reason: str) -> Candidate:
            cand = cands.get(pid)
            if cand is None:
                cand = cands[pid] = Candidate(pid, prior)
            cand.prior = max(cand.prior, prior)
            cand.reasons.add(reason)
            return cand

        if about and self.store.exists(about):
            add(about, 1.0, "page")
            ctx.named.append(about)
        self._resolve_mentions(q, ctx)
        self._constraints_not_subjects(q, ctx)
        self._read_absent(q, ctx)
        for amb in ctx.ambiguous:
            amb.identifiers = [ident or self._identifier(pid) for pid, ident in zip(amb.pids, amb.identifiers)]
        _derived_from_named(q, ctx)
        if "derivatives" in q.attributes and not ctx.named and not q.compare:
            self._resolve_base(q, ctx)
        if q.compare:
            self._resolve_sides(q, ctx)
        for pid in ctx.named:
            add(pid, 1.0, "named")
        for family in ctx.families:
            for m in self.names.containing(family, FAMILY_K):
                add(m.pid, 0.9, "family")
        if ctx.carried is not None:  # a name several records carry as a part, none as its name ("What is LLaMat?")
            for pid in ctx.carried.pids[:FAMILY_K]:
                add(pid, 0.9, "family")
        for sense in ctx.senses:  # the models carrying the name, then those trained on the data named with it
            for f in sense.models + sense.trained:
                add(f.pid, 0.9, "family")
        if previous and not ctx.named and (q.anaphora or not q.terms):
            for pid in previous:
                if self.store.exists(pid):
                    add(pid, 0.8, "previous")
        lineage.read_topic(q, ctx, self.store, self.names)
        if ctx.lineage_topic is not None:
            lineage.find_derived(q, ctx, self.search, add, SEARCH_K)
        else:
            links.read_link(q, ctx, self.store, self._resolve_one, self.search.accounts)
            if ctx.link is not None:
                links.find_linked(q, ctx, self.search, add)
        # the question without its frame ("Which model can ..."), keeping "models" as the kind it asks for
        kind = q.filters.get("kind")
        if ctx.lineage_topic is not None:
            ctx.search = lineage.search_topic(q, ctx, self.search)
        else:
            ctx.search = self.search.search(q.search_text or q.text, limit=SEARCH_K,
                                            filters={"kind": kind} if kind else None)
        if q.search_text and q.search_text != q.text and ctx.lineage_topic is None and \
                (not ctx.search.hits or _lost(q, ctx.search)):
            # the whole question finds what the topic alone did not, and keeps the constraints the topic alone
            # loses ("more than 100 billion parameters": the topic "100 billion parameters" reads no size)
            whole = self.search.search(q.text, limit=SEARCH_K)
            if whole.hits or not ctx.search.hits:
                ctx.search = whole
        _follow_relaxation(q, ctx)
        hits = ctx.search.hits + self._concept_hits(q, ctx)
        hits += self._stated_hits(q, ctx, {h.pid for h in hits})
        for rank, hit in enumerate(hits):
            prior = 1.0 if hit.match == "exact" else 0.7 - 0.4 * rank / max(1, len(hits))
            cand = add(hit.pid, prior, "search")
            cand.search_rank = rank if cand.search_rank is None else cand.search_rank
        facts = gather(self.store, list(cands))
        for pid, fdo in facts.items():
            cands[pid].facts = fdo
        if ctx.lineage_topic is not None:
            lineage.keep_on_topic(q, ctx, facts, self.search)
        # lineage: the bases of what the question is about, so "what is it fine-tuned from" has them
        for pid in list(ctx.named) + [c.pid for c in cands.values() if "previous" in c.reasons]:
            fdo = facts.get(pid)
            for _, ref in (fdo.bases if fdo else []):
                if ref.local and ref.iri not in cands:
                    add(ref.iri, 0.35, "lineage")
        # a matching or named dataset, paper or task leads to the models linked to it
        for pid, fdo in facts.items():
            reasons = cands[pid].reasons
            if fdo.kind == "model" or not ("named" in reasons or (q.wants == "list" and "search" in reasons)):
                continue
            for _, _, sample in fdo.inbound[:1]:
                for ref in sample[:VIA_K]:
                    if ref.iri not in cands:
                        add(ref.iri, 0.6, "via")
        missing = [pid for pid, c in cands.items() if c.facts is None]
        if missing:
            for pid, fdo in gather(self.store, missing).items():
                cands[pid].facts = fdo
        ctx.candidates = [c for c in cands.values() if c.facts is not None]
        _tags_not_names(q, ctx)
        _format_copies(q, ctx, self.store)
        self._rank(q, ctx)
        _shared_paper(q, ctx)
        if ctx.lineage_topic is None and ctx.link is None and ctx.absent is None:
            lineage.read_unshown(q, ctx, self.store, self.names)
        self._decide(q, ctx)
        self._select(ctx, budget)
        if ctx.absent is not None:
            self._absent_closest(ctx)
        return ctx

    def _concept_hits(self, q: Question, ctx: Context) -> list:
        """Return the search's hits among the FDOs that have the concept the question means, when none of its
        first hits has it ("transcribe an interview": speech recognition; the words alone found chat models).

        The concept (a boost read from the question: tasks first) becomes the filter of a second search
        for the same words; nothing is added when a first hit has it or the question names an FDO.
        """
        boosts = {i: r for i, r in enumerate(read_constraints(q)) if r.applied and r.mode == "boost" and r.values}
        if not boosts or ctx.named or ctx.lineage_topic is not None:
            return []
        met = self.search.met([h.pid for h in ctx.search.hits], q.understanding)
        if any(met.get(h.pid, frozenset()) & set(boosts) for h in ctx.search.hits):
            return []
        # a facet the search filters by: a kind of task or subject area (the ``topic`` boost) is none, and asked for
        # as a filter the search failed, leaving the chat its keyword scan
        filterable = [r for r in boosts.values() if r.facet in FACET_NAMES]
        if not filterable:
            return []
        concept = min(filterable, key=lambda r: r.facet != "task")
        filters = {concept.facet: list(concept.values), **({"kind": q.filters["kind"]} if "kind" in q.filters else {})}
        seen = {h.pid for h in ctx.search.hits}
        found = self.search.search(q.search_text or q.text, limit=TOPICAL_CITES, filters=filters)
        if not found.hits:  # none of its models has the question's words: the concept's most downloaded
            found = self.search.search("", limit=TOPICAL_CITES, filters=filters)
        return [h for h in found.hits if h.pid not in seen]

    def _stated_hits(self, q: Question, ctx: Context, seen: set[str]) -> list:
        """Return the search's hits among the FDOs that state the question's filters and have the task it means, when
        none of its first hits does ("Gemma fine-tunes that speak Romanian": the first hits state no language;
        "chat models that speak Indonesian": those stating it are not chat models, the chat models state none).

        A filter read from text is lenient in search (an FDO stating no language passes "Romanian");
        passed explicitly, as here, it is strict. The task the question means (``evidence.asked``: "chat
        models", text generation) is passed as a filter too; when nothing has both, the filters alone. Nothing is
        added when the question names an FDO.
        """
        read = read_constraints(q)
        wanted = {i for i, r in enumerate(read) if r.applied and r.mode == "filter" and r.facet != "kind" and r.values}
        if not wanted or ctx.named or ctx.lineage_topic is not None:
            return []
        job = asked(q, self.search.concept_reading(q.understanding)).job
        tasks = {i for i, r in enumerate(read) if r.applied and r.mode == "boost" and r.facet == "task"
                 and set(r.values) & job}
        met = self.search.met([h.pid for h in ctx.search.hits], q.understanding)
        if any(wanted | tasks <= met.get(h.pid, frozenset()) for h in ctx.search.hits):
            return []
        filters: dict[str, list[str]] = {}
        for i in sorted(wanted):
            filters.setdefault(read[i].facet, []).extend(read[i].values)
        if "kind" in q.filters:
            filters["kind"] = q.filters["kind"]
        found = None
        if tasks and "task" not in filters:
            found = self.search.search(q.search_text or q.text, limit=TOPICAL_CITES,
                                       filters={**filters, "task": sorted(job)})
        if not (found and found.hits):
            if any(wanted <= met.get(h.pid, frozenset()) for h in ctx.search.hits):
                return []
            found = self.search.search(q.search_text or q.text, limit=TOPICAL_CITES, filters=filters)
        return [h for h in found.hits if h.pid not in seen]

    def _resolve_base(self, q: Question, ctx: Context) -> None:
        """Find X in "fine-tunes of X" with the search's name index when X is written loosely ("Llama 2")."""
        searcher = self.search.searcher()
        if searcher is None:
            return
        read = next((r for r in searcher.understand(q.text).recognised if r.facet == "base_model" and r.values), None)
        if read is None:
            return
        pids = [pid for pid in (self.store.resolve(f"hf:{v}") for v in read.values[:4]) if pid]
        if not pids:
            return
        ctx.named.append(pids[0])
        ctx.bases = list(read.values)
        others = [v for v in read.values[1:4]]
        ctx.chosen = f"Reading “{read.span}” as {read.values[0]}" + (
            f" (the most downloaded of {len(read.values)} base models with that name; the list below covers "
            f"all of them, others: {', '.join(others)})" if others else "") + "."

    # ------------------------------------------------------------ mentions
    def _resolve_one(self, name: str, ctx: Context | None = None) -> list[str]:
        """Return the FDOs called ``name``, most downloaded first: the search's name index, else the chat's.

        When several FDOs carry the name, ``ctx.ambiguous`` records it, so the answer says which one
        it chose and offers the others.
        """
        found = [(pid, ident) for pid, ident, _ in self.search.named(name)]
        if not found:
            found = [(m.pid, "") for m in self.names.lookup(name)]
        if not found:
            found = self._stubs_called(name)
        owned = self._owned(name, found, ctx) if ctx is not None else []
        if owned:
            return owned
        if len(found) > 1:
            found = self._own_holders(name, found)
        found, original = self._originals_first(name, found)
        if len(found) > 1 and ctx is not None and not any(a.name == name for a in ctx.ambiguous):
            ctx.ambiguous.append(Ambiguous(name, [pid for pid, _ in found[:AMBIGUOUS_K]],
                                           [ident for _, ident in found[:AMBIGUOUS_K]], original))
        if found:
            return [pid for pid, _ in found]
        for platform in ("hf", "hf-dataset"):
            pid = self.store.resolve(f"{platform}:{name}")
            if pid:
                return [pid]
        return []

    def _own_holders(self, name: str, found: list[tuple[str, str]]) -> list[tuple[str, str]]:
        """Return the holders of ``name`` that carry it as their own: a fine-tune whose identifier does not say the
        name and whose base model is another holder carries its base's name (a training tool writes the base's name
        into the card: ``Eshita-ds/phi-2-DPO`` has model_name "phi-2" and base ``microsoft/phi-2``), so it is no
        other record the name may mean; a copy under that very name (``mlx-community/phi-2``) is."""
        pids = {pid for pid, _ in found}
        said = _name_key(name)
        facts = gather(self.store, [pid for pid, ident in found if ident and _name_key(ident) != said],
                       derivatives=False)
        borrowed = {pid for pid, f in facts.items()
                    if any(r.local and r.iri in pids and r.iri != pid for _, r in f.bases)}
        return [(pid, ident) for pid, ident in found if pid not in borrowed] or found

    def _originals_first(self, name: str, found: list[tuple[str, str]]) -> tuple[list[tuple[str, str]], bool]:
        """Return the holders of ``name``, the original first: a holder the others (copies under that name, fine-tunes
        carrying it) are built on, or a stub of that name (a base held by reference only) one of them is built on
        ("DeepSeek-R1": deepseek-ai/DeepSeek-R1, which unsloth/DeepSeek-R1 copies), before the most downloaded
        copy; and whether one was put first so."""
        if not found:
            return found, False
        stubs = [(pid, ident) for pid, ident in self._stubs_called(name) if pid not in {p for p, _ in found}]
        facts = gather(self.store, [pid for pid, _ in found], derivatives=False)
        based = {r.iri for f in facts.values() for _, r in f.bases if r.local}
        originals = [h for h in found if h[0] in based] + [h for h in stubs if h[0] in based]
        if not originals:
            return found, False
        return originals + [h for h in found if h not in originals], True

    def _stubs_called(self, name: str) -> list[tuple[str, str]]:
        """Return (pid, identifier) of the records whose identifier's name part is ``name``, most downloaded first.

        A record held by reference only (a stub: a base model its derived models name), which the search does not
        index, is held in the name index by its identifier alone: the name written is that identifier's name part
        ("DeepSeek-R1-Zero": deepseek-ai/DeepSeek-R1-Zero), not a fragment of longer names. Several accounts may hold
        a stub of that name (unsloth/phi-4 beside microsoft/phi-4): all are returned, so that the answer says which
        one it chose and offers the others, as for any name several FDOs carry.
        """
        said = name.strip().lower()
        stubs = {pid: downloads for key, entry in self.names.holders(said)
                 if "/" in key and key.rsplit("/", 1)[-1] == said for pid, downloads in entry.items()}
        return [(pid, "") for pid in sorted(stubs, key=lambda pid: (-stubs[pid], pid))]

    def _owned(self, name: str, found: list[tuple[str, str]], ctx: Context) -> list[str]:
        """Return the FDOs called ``name`` that the owner the question gives it has ("DeepSeek's Janus-Pro-7B":
        deepseek-ai/Janus-Pro-7B, not another account's copy of that name, however more downloaded), or [].

        The owner is the possessive written just before the name; it is the owner part of an FDO's identifier when
        one begins with the other, separators aside ("DeepSeek" of ``deepseek-ai``), or an account the organisations
        vocabulary says it publishes under ("Meta": meta-llama and facebook). A base model held only as a reference
        (a stub, which the search does not index) counts too: the chat's name index holds it.
        """
        said = re.search(rf"\b([A-Za-z][\w.-]*)'s\s+{re.escape(name)}(?![\w-])", ctx.question.text.replace("’", "'"),
                         re.I) if name.strip() else None
        if said is None:
            return []
        owner = _flat(said.group(1))
        accounts = {_flat(a) for a in self.search.accounts(said.group(1))}
        # a stub is held by its identifier alone ("deepseek-ai/Janus-Pro-7B"): the names holding the name as a part
        pids = list(dict.fromkeys([pid for pid, _ in found] + [m.pid for m in self.names.lookup(name)] +
                                  [m.pid for m in self.names.containing(name, HOLDERS_K)]))
        mine = []
        for pid in pids:
            known = self._identifier(pid)
            if "/" not in known or _flat(known.rsplit("/", 1)[-1]) != _flat(name):
                continue
            who = _flat(known.split("/", 1)[0])
            if who in accounts or (len(owner) >= 3 and len(who) >= 3 and (who.startswith(owner)
                                                                         or owner.startswith(who))):
                mine.append(pid)
        return mine

    def _read_absent(self, q: Question, ctx: Context) -> None:
        """Note a name the question asks for as a whole that the registry does not hold (``absent.asked_name``).

        Not held: no FDO is called so (the search's name index, else the chat's), with spaces, hyphens or neither,
        and no FDO of the kind asked for (a model unless the question says data or paper) has it as a whole part of
        its name ("Phi" of phi-2); an owner's possessive ("Meta's Segment Anything") is decided by the reader's note.
        A well-known system the registry does not hold (the vocabulary of systems: "Midjourney") is noted with what
        it is, also when the question's frame is followed by its possessive ("Do you have ElevenLabs' voice
        model?"). The search then looks for the name's words and the rest of the question without the words asking
        whether the registry holds it ("in the registry", "here").
        """
        if ctx.named or q.compare:
            return
        asked = asked_name(q)
        system = self._system(q, asked)
        if ctx.unknown:
            # a name-shaped mention matching nothing ("GPT-4") is said to be unknown, unless it is a known system: the
            # name asked for, or, when the question's frame says nothing asked ("Can I find Qwen2-VL in the
            # registry?"), the one mention, naming the system
            if system is None or len(ctx.unknown) != 1:
                return
            if asked is None and self._names_system(ctx.unknown[0], system):
                asked = AskedName(ctx.unknown[0])
            if asked is None or ctx.unknown[0].lower() != asked.name.lower():
                return
            ctx.unknown = []
        elif asked is not None and any(asked.name.lower() == m.lower() for m in q.mentions):
            if asked.name in ctx.families and not asked.owner:  # "Tell me about Llama-2": part of several names
                self._read_carried(asked, ctx)
            return  # a name-shaped mention is looked up as one (``_resolve_mentions``)
        if asked is None and system is not None:
            asked = AskedName(system.label)
        if asked is None:
            return
        stub = self._stub_only(asked.name, asked.kind) if not asked.owner else None
        if stub is not None:  # only another record names it ("new_version": ...): a name, not a record held
            asked = replace(asked, stub=self._identifier(stub), stub_href=fdo_href(stub, self.store.base_url))
        elif not asked.owner and self._holds(asked.name, asked.kind):
            self._read_carried(asked, ctx)
            return
        if system is None and not asked.owner and stub is None:
            ctx.senses = senses_of(asked.name, self.names, self.store)
            if ctx.senses:  # carried inside longer words of names: ambiguous, not absent
                ctx.sense_name = asked.name
                return
        ctx.absent = replace(asked, system=system)
        q.search_text = without_frame(q.search_text or q.text, asked.unknown_owner)

    def _read_carried(self, asked: AskedName, ctx: Context) -> None:
        """Note a name the question asks about as a whole that no record is called but that several records of the
        kind asked for carry as a whole part of their names ("What is LLaMat?": ``llamat-2``, ``llamat-2-chat``,
        ``llamat-2-cif``; "Tell me about VCtrl."): the answer is about the most downloaded of them and says that the
        name is part of the names of several, which it describes and which others there are (``Context.carried``)."""
        forms = list(dict.fromkeys((asked.name, re.sub(r"\s+", "-", asked.name), re.sub(r"\s+", "", asked.name))))
        if any(self.search.named(f) or self.names.lookup(f) for f in forms):
            return  # a record is called so: the name is resolved as one
        found: dict[str, int] = {}
        for f in forms:
            for _, entry in self.names.holders(f):
                for pid, downloads in entry.items():
                    found[pid] = max(downloads, found.get(pid, 0))
        # a family's own releases first ("What is Gemma?": google/gemma-7b-it before a conversion of it), then the
        # most downloaded
        # most downloaded (of the RELEASE_SCAN most downloaded: a common word's names are many)
        ranked = sorted(found, key=lambda pid: (-found[pid], pid))
        release = [pid for pid in ranked[:RELEASE_SCAN]
                   if " " not in asked.name and _family_release(self._identifier(pid), asked.name)]
        ranked = (release + [pid for pid in ranked if pid not in release])[:CARRIED_K]
        pids = [pid for pid in ranked if self.store.kind(pid) == asked.kind]
        if len(pids) >= 2:
            ctx.carried = Carried(asked.name, pids, len(pids))

    def _system(self, q: Question, asked: AskedName | None) -> NotHeld | None:
        """Return the known system not held that the question asks for: the name asked for begins with its name, or
        the question's frame is followed by it (``absent.framed``); None when a record carries its name."""
        searcher = self.search.searcher()
        if searcher is None:
            return None
        asked_words = _name_words(asked.name) if asked is not None else None
        owner = (asked.owner or asked.unknown_owner) if asked is not None else ""
        for m in searcher.not_held(asked.name if asked is not None else q.text):
            if owner and not searcher.concepts.made_by(m.concept, owner):
                continue  # "Acme's Segment Anything": not Meta's, so not the system the vocabulary knows
            phrase = _name_words(m.phrase)
            if (asked_words[:len(phrase)] == phrase) if asked_words is not None else framed(q.text, m.phrase):
                tasks = [t for t in (searcher.concepts.concept(pid) for pid in m.concept.serves)
                         if t is not None and t.facet == "task"]  # a kind of task it does (code) is no task key
                return NotHeld(m.concept.label, m.concept.category, m.concept.provider,
                               tuple(t.key for t in tasks), tuple(t.label for t in tasks), m.concept.open)
        return None

    def _publishers(self, q: Question) -> dict[str, set[str]]:
        """Return the names written for the models asked for that are organisations' ("Which Meta models ...?"), as
        stems, with the Hub accounts each publishes under (meta: meta-llama, facebook)."""
        searcher = self.search.searcher()
        if searcher is None:
            return {}
        out: dict[str, set[str]] = {}
        for m in NAMED_MODELS.finditer(q.text.strip()):
            word = re.sub(r"'s$", "", m.group(1))
            accounts = searcher.concepts.accounts(word)
            if accounts:
                out.setdefault(stem(word.lower()), set()).update(a.lower() for a in accounts)
        return out

    def _names_system(self, mention: str, system: NotHeld) -> bool:
        """Say whether ``mention`` names the system not held ``system`` (by its name or another of its names)."""
        searcher = self.search.searcher()
        return searcher is not None and any(m.concept.label == system.label and _name_words(m.phrase) ==
                                            _name_words(mention) for m in searcher.not_held(mention))

    def _absent_closest(self, ctx: Context) -> None:
        """Name what was found for a question about a name the registry does not hold as the closest records: the
        answer says the name is not held, and offers nothing as if it were the thing.

        A record of another kind found (a dataset named after it, "s1K-claude-3-7-sonnet") is followed by the
        models linked to it (trained on it), the closest models there are.
        """
        shown = ctx.selected + ctx.partial if ctx.answerable and ctx.selected else ctx.closest
        shown = [c for c in shown if c.facts is not None][:CLOSEST_K]
        linked = [r.iri for c in shown if c.facts.kind != "model" for _, _, sample in c.facts.inbound[:1]
                  for r in sample if r.local]
        seen = {c.pid for c in shown}
        linked = [pid for pid in dict.fromkeys(linked) if pid not in seen][:max(0, CLOSEST_K - len(shown))]
        found = gather(self.store, linked) if linked else {}
        shown += [Candidate(pid, 0.0, {"closest"}, found[pid]) for pid in linked if pid in found]
        versioned = asked_version(ctx.question.text)
        if ctx.absent.system is not None or versioned is not None or ctx.absent.stub:
            # a family the vocabulary knows, a version of a family, or a name only a stub carries: its kin in the
            # search's order (it ranks them by the family's tasks and words, a version's nearest releases first, a
            # stub's derivatives first), not in the order the chat weighed them for the question's other words
            ranked = sorted((c for c in ctx.candidates if c.search_rank is not None and c.facts is not None),
                            key=lambda c: c.search_rank)
            seen = {c.pid for c in ranked}
            shown = ranked + [c for c in shown if c.pid not in seen]
            if ctx.absent.system is not None:
                shown = self._doing(ctx.absent.system, shown, ctx.question, versioned)
            shown = [c for c in shown if c.facts.status != "stub"][:CLOSEST_K]
        ctx.closest = shown
        ctx.answerable = False
        ctx.reason = "the question names something the registry does not hold"
        ctx.selected, ctx.rendered, ctx.partial, ctx.more = [], [], [], 0

    def _doing(self, system: NotHeld, shown: list[Candidate], q: Question,
               versioned: AskedVersion | None = None) -> list[Candidate]:
        """Return the closest records for a system not held: the models found that do one of its tasks or, for a
        version asked ("Phi-3"), whose names are the family's releases or carry that version (``phi3-chat-adapter``,
        no task said: the search's nearest versions, ``registry.search.versions``), then the models of those tasks the
        search finds for the question (the most downloaded when none has its words)."""
        tasks = set(system.tasks)
        doing = [c for c in shown if c.facts.kind == "model" and ({r.key for r in c.facts.tasks} & tasks
                                                                   or _near_version(c, versioned))]
        if len(doing) < CLOSEST_K and tasks:
            filters = {"task": sorted(tasks), "kind": ["model"]}
            found = self.search.search(q.search_text or q.text, limit=CLOSEST_K, filters=filters)
            if not found.hits:
                found = self.search.search("", limit=CLOSEST_K, filters=filters)
            seen = {c.pid for c in doing}
            more = [h.pid for h in found.hits if h.pid not in seen][:CLOSEST_K - len(doing)]
            facts = gather(self.store, more) if more else {}
            doing += [Candidate(pid, 0.0, {"closest"}, facts[pid]) for pid in more if pid in facts]
        return doing or shown

    def _common_tasks(self, tasks: set[str]) -> set[str]:
        """Return those of ``tasks`` that more than COMMON_TASK of the registry's models do."""
        models = self.search.search("", limit=1, filters={"kind": ["model"]}).total
        return {t for t in tasks if models and self.search.search("", limit=1, filters={"kind": ["model"], "task": [t]})
                .total > COMMON_TASK * models}

    def _holds(self, name: str, kind: str) -> bool:
        """Say whether an FDO is called ``name`` (a concept: by its key), or one of ``kind`` has it as a whole part
        of its name."""
        forms = list(dict.fromkeys((name, re.sub(r"\s+", "-", name), re.sub(r"\s+", "", name))))
        exact = {pid for f in forms for pid in [p for p, _, _ in self.search.named(f)] + [m.pid for m in
                                                                                          self.names.lookup(f)]}
        if any(self.store.kind(pid) != "term" or _key_named(self.store.platform_id(pid), name) for pid in exact):
            return True  # a concept answers to its own key, not to another name it carries (a task's example model)
        return any(self.store.kind(m.pid) == kind for f in forms for m in self.names.containing(f, HOLDERS_K))

    def _stub_only(self, name: str, kind: str) -> str | None:
        """Return the stub whose name part is ``name`` (with spaces, hyphens or neither) when every record called so,
        or of ``kind`` having it as a whole part of its name, is a stub (a name another record gives, base_model or
        new_version, never harvested), the most downloaded first; else None. A stub holds nothing, as in the search
        (``Searcher.owns(..., records_only=True)``)."""
        forms = list(dict.fromkeys((name, re.sub(r"\s+", "-", name), re.sub(r"\s+", "", name))))
        found = list(dict.fromkeys([p for f in forms for p, _, _ in self.search.named(f)] +
                                   [m.pid for f in forms for m in self.names.lookup(f)] +
                                   [m.pid for f in forms for m in self.names.containing(f, HOLDERS_K)
                                    if self.store.kind(m.pid) == kind]))
        if any(self.store.status(pid) != "stub" for pid in found):
            return None
        said = {f.lower() for f in forms}
        return next((pid for pid in found if self._identifier(pid).rsplit("/", 1)[-1].lower() in said), None)

    def _identifier(self, pid: str) -> str:
        known = self.store.platform_id(pid)
        return known[1] if known else pid

    def _resolve_mentions(self, q: Question, ctx: Context) -> None:
        # what an acronym stands for, hyphenated ("mixture-of-experts"), is a topic, not a name
        q.mentions = [m for m in q.mentions if " ".join(words(m)) not in WRITTEN_OUT]
        for mention in list(q.mentions):
            longer = self._longer_name(q, mention)
            pids = [longer] if longer else self._resolve_one(mention, ctx)
            if pids:
                if pids[0] not in ctx.named:
                    ctx.named.append(pids[0])
            elif "/" not in mention and self.names.contains(mention):
                ctx.families.append(mention)
            elif asked_name(q) is None and self.search.joined_name_holders(mention):
                # "GPT-4" that names and tags write joined (alpaca-gpt4, the tag gpt4): carried, as a family is, in a
                # question not asking for it as a whole ("Is GPT-4 in the registry?" asks for OpenAI's model itself)
                ctx.families.append(mention)
            elif _modifier(q.text, mention) or _owned(q.text, mention):
                continue
            elif re.search(rf"(?<![\w-]){re.escape(mention)}\s+(?:paper|article|preprint|publication)s?\b", q.text, re.I):
                # "the Sentence-BERT paper": the name of a paper, which the registry holds by its arXiv id; the
                # question lists the models citing a paper so described, it names no model the registry lacks
                q.mentions = [m for m in q.mentions if m != mention]
            elif _constraint_compound(q, mention):
                # a constraint in a compound ("Korean-speaking models"), no name: the question lists what has it
                q.mentions = [m for m in q.mentions if m != mention]
            elif _in_phrase(q.text, mention):
                continue  # a plain compound word inside a phrase ("trained on corporate e-mail"): the topic
            elif _told(q.text, mention):
                continue  # the asker's setting, told before the question ("I'm on an Apple-silicon Mac."): the topic
            else:
                ctx.unknown.append(mention)

    def _longer_name(self, q: Question, mention: str) -> str | None:
        """Return the FDO whose longer name the question spells out in words around ``mention``, or None.

        "the 32B Qwen distillation of DeepSeek-R1" is ``DeepSeek-R1-Distill-Qwen-32B``, "the pruned 411B coder
        version of DeepSeek-R1" ``DeepSeek-R1-Pruned-Coder-411B``, "the 110k Chinese reasoning traces distilled from
        DeepSeek-R1" the data set ``Chinese-DeepSeek-R1-Distill-data-110k``: a name holding the mention as a whole
        part whose every other part (a record's kind word, "data", may be left unsaid) the mention's sentence writes
        before it, as a word or the start of one ("distill" of "distillation"), at least ``LONGER_PARTS`` of them no
        word of a relation ("Llama-2-7b-chat fine-tunes" asks for the fine-tunes, not ``Llama-2-7b-chat-fine_tune``).
        The name with most parts so written is chosen, the most downloaded of those."""
        if q.compare or "/" in mention or len(mention) < 3:
            return None
        frag = mention.strip().lower()
        sentence = next((s for s in re.split(r"(?<=[.?!])\s+", q.text) if mention in s), q.text)
        before = sentence[:sentence.find(mention)] if mention in sentence else ""
        said = set(re.findall(r"[a-z0-9]+", before.lower())) - set(re.findall(r"[a-z0-9]+", frag))

        def written(part: str) -> bool:
            return part in said or len(part) >= 4 and any(w.startswith(part) for w in said)

        best: tuple[int, int, str] | None = None
        for key, entry in self.names.holders(frag):
            tail = key.rsplit("/", 1)[-1]
            if frag not in tail:
                continue
            parts = [p for p in re.findall(r"[a-z0-9]+", tail.replace(frag, " ", 1)) if p not in KIND_PARTS]
            if len([p for p in parts if stem(p) not in RELATION_WORDS]) < LONGER_PARTS or \
                    not all(written(p) for p in parts):
                continue
            for pid, downloads in entry.items():
                if best is None or (len(parts), downloads) > best[:2]:
                    best = (len(parts), downloads, pid)
        return best[2] if best else None

    def _constraints_not_subjects(self, q: Question, ctx: Context) -> None:
        """Drop from ``ctx.named`` the concepts (a library, task, licence) the question uses as a constraint on the
        models it asks for ("Is there a scikit-learn pipeline that ...": the search applies the library)."""
        if q.understanding is None or not q.listing and not ASKS_FOR.search(q.text):
            return
        # a format read as a Hub tag ("GGUF", "Core ML": no FDO has it as library) constrains the models too
        spans = [r.span.lower() for r in q.understanding.recognised
                 if r.applied and r.values or r.facet == "library" and q.understanding.tags]
        kept = []
        for pid in ctx.named:
            names = self.names.names_of(pid)
            if self.store.kind(pid) == "term" and any(n in span or span in n for n in names for span in spans):
                continue
            kept.append(pid)
        ctx.named = kept

    def _resolve_sides(self, q: Question, ctx: Context) -> None:
        for side in q.compare or ():
            pids = self._resolve_one(side, ctx)
            if not pids:
                inside = [pid for pid in ctx.named if any(side.lower() in n or n in side.lower()
                                                          for n in self.names.names_of(pid))]
                pids = inside[:1]
            if not pids:
                outcome = self.search.search(side, limit=3)
                top = next((h for h in outcome.hits if h.kind == "model"), None)
                if top is not None and (top.match == "exact" or _name_covers(side, top.name)):
                    pids = [top.pid]
            ctx.sides.append(pids[:1])
            for pid in pids[:1]:
                if pid not in ctx.named:
                    ctx.named.append(pid)
            if not pids and side not in ctx.unknown:
                ctx.unknown.append(side)

    # ------------------------------------------------------------ ranking
    def _rank(self, q: Question, ctx: Context) -> None:
        self._constrain(q, ctx)
        # a word read as a constraint ("German": language de, "vision": image tasks) is covered by an FDO
        # that has the constraint, whether or not its facts spell the word
        spans = {i: {stem(w) for w in words(r.span)} for i, r in enumerate(read_constraints(q)) if r.applied}
        # the words that describe a licence's terms ("open-source", "free") are held by a model under a licence the
        # question reads from them, as the words of the span are ("permissive open-source licence": the licence is
        # read from "permissive licence", and "open source" says the same of it)
        for i, r in enumerate(read_constraints(q)):
            if r.applied and r.facet == "licence" and r.values:
                spans[i] = spans.get(i, set()) | (set(q.terms) & LICENCE_WORDS)
        # the question's words weighed by how rare they are in the index; a Hub tag or acronym read in their
        # place ("Core ML": coreml, "reinforcement learning from human feedback": rlhf) holds them too
        topic = ctx.topic = read_topic(q, self.search.document_frequencies)
        # the formats the reader read as Hub tags are alternatives, as a library filter's values are ("LoRA or
        # PEFT"): an FDO tagged with one holds the words of each
        tags = q.understanding.tags if q.understanding is not None else ()
        tagged = {stem(w) for r in read_constraints(q) if r.facet == "library" and not r.applied and tags
                  for w in words(r.span)}
        terms = q.terms
        # a licence's name is evidence only for a question about licences ("artistic" is not Artistic-2.0)
        licence = asks_licence(q)
        for cand in ctx.candidates:
            if terms:
                held = index_terms(cand.facts, licence)
                also = fact_words(cand.facts, licence) | {t for i in cand.met for t in spans.get(i, ())}
                also |= task_forms(cand.facts, terms)  # "classes": a form of a word of "Text classification"
                # (a tag about loading or serving, custom_code, is no index term of the facts: read from the tags)
                if tagged and any(tag in held or tag in {k.lower() for k in cand.facts.keywords} for tag in tags):
                    also |= tagged
                cand.covered, cand.coverage = cover(topic, held, also)
                cand.own = cover(topic, held, also - {t for i in cand.met for t in spans.get(i, ())})[0]
        sims = None
        # similarity only helps topical questions; named FDOs are ranked first anyway (and embedding
        # candidates costs ~40 ms each on 2 cores, so it is skipped when it cannot change the answer)
        named = any(c.reasons & {"named", "page", "previous", "family"} for c in ctx.candidates)
        if self.use_embeddings and ctx.candidates and terms and not named:
            vectors = self.search.embed([q.text] + [c.facts.render(short=True)[:EMBED_CHARS] for c in ctx.candidates])
            if vectors is not None:
                sims = vectors[1:] @ vectors[0]
        for i, cand in enumerate(ctx.candidates):
            if sims is not None:
                cand.similarity = float(sims[i])
                w_prior, w_cov, w_sim = TOPICAL_WEIGHTS
                cand.score = w_prior * cand.prior + w_cov * cand.coverage + w_sim * max(0.0, cand.similarity)
            else:
                cand.score = 0.55 * cand.prior + 0.45 * cand.coverage
            cand.score += BOOST_BONUS * min(1, cand.boosted)
        ctx.candidates.sort(key=lambda c: (-c.score, -(c.facts.downloads or 0), c.pid))
        _originals_before_copies(ctx)

    def _constrain(self, q: Question, ctx: Context) -> None:
        """Drop candidates that fail an explicit constraint of the question; note the boosts each matches.

        What the question names or refers to stays: it is what the question is about.
        """
        pids = [c.pid for c in ctx.candidates]
        understanding = q.understanding
        if ctx.lineage_topic is not None and understanding is not None:
            # the derived models come from a search filtered by X; the closest records need not derive from it
            understanding = understanding.without(frozenset({"base_model"}))
        judged = self.search.judge(pids, understanding)
        met = self.search.met(pids, q.understanding)
        kept = []
        for cand in ctx.candidates:
            passes, boosted = judged.get(cand.pid, (True, 0))
            cand.boosted = boosted
            cand.met = met.get(cand.pid, frozenset())
            if passes or cand.reasons & REFERENCED:
                kept.append(cand)
        ctx.candidates = kept

    # ------------------------------------------------------------ answerable?
    def _decide(self, q: Question, ctx: Context) -> None:
        if ctx.link is not None:
            links.decide(ctx)
            return
        by_search = [c for c in ctx.candidates if "search" in c.reasons]
        # closest: models with some of the question's words or constraints first, in the search's order;
        # one with neither is no closer than any other record, so only the first such is named
        by_search.sort(key=lambda c: (c.facts.kind != "model", not has_evidence(q, c, ctx.topic),
                                      c.search_rank if c.search_rank is not None else 99))
        evident = [c for c in by_search if has_evidence(q, c, ctx.topic)]
        ctx.closest = (evident or _same_job_run(by_search, self._common_tasks) or ctx.candidates[:1])[:CLOSEST_K]
        if ctx.lineage_topic is not None:
            ctx.answerable = True
            return
        referenced = [c for c in ctx.candidates if c.reasons & {"named", "page", "previous", "family"}]
        if q.compare:
            found = sum(1 for side in ctx.sides if side)
            ctx.answerable = found >= 1
            ctx.reason = "" if found == 2 else ("one side of the comparison is not in the registry" if found
                                                else "neither side of the comparison is in the registry")
            return
        if ctx.unknown and not ctx.named:
            ctx.answerable = False
            ctx.reason = "the question names something the registry does not hold"
            if ctx.unknown:
                # (with an owner's possessive written before it: "Microsoft's phi-1.5" ranks Microsoft's releases
                # first, then the names carrying the version, before other accounts' copies)
                closest = self.search.search(" ".join(_owned_as_written(q.text, m) for m in ctx.unknown),
                                             limit=CLOSEST_K)
                extra = gather(self.store, [h.pid for h in closest.hits if h.pid not in ctx.facts])
                known = ctx.facts
                found = [Candidate(h.pid, 0.0, {"closest"}, known.get(h.pid) or extra.get(h.pid))
                         for h in closest.hits]
                found = [c for c in found if c.facts is not None]
                found.sort(key=lambda c: c.facts.kind != "model")
                ctx.closest = found[:CLOSEST_K] or ctx.closest
            return
        if referenced:
            ctx.answerable = True
            return
        if not q.terms:
            # a Hub tag the question names in place of its words (a training method: "a merge of other models",
            # merge; a format) is a constraint the registry knows when a record found carries it
            tags = q.understanding.tags if q.understanding is not None else ()
            tagged = bool(tags) and any(c.facts is not None and in_format(c.facts, tags) for c in by_search)
            # (an order of size is what "the tiniest models" asks: the search's hits in that order answer it)
            filtered = bool(ctx.search.applied or ctx.search.boosted or ctx.search.ordered or tagged) and \
                bool(ctx.search.hits)
            ctx.answerable = filtered or ("downloads" in q.attributes and bool(ctx.candidates))
            ctx.reason = "" if ctx.answerable else "the question names no model, task or topic the registry knows"
            return
        best = max((c.coverage for c in ctx.candidates), default=0.0)
        # a Hub tag the reader matched in place of words ("converted with the GGUF-my-repo space": gguf-my-repo) is a
        # constraint the registry knows when a record found carries it, as a filter applied is
        tags = q.understanding.tags if q.understanding is not None else ()
        tagged = bool(tags) and any(c.facts is not None and in_format(c.facts, tags) for c in by_search)
        filtered = bool(ctx.search.applied or ctx.search.boosted or tagged) and any(c.covered for c in ctx.candidates)
        ctx.answerable = best >= MIN_COVERAGE or filtered
        if not ctx.answerable:
            ctx.reason = "no FDO in the registry matches the question's topic"

    # ------------------------------------------------------------ selection
    def _select(self, ctx: Context, budget: Budget) -> None:
        if not ctx.answerable:
            return
        if ctx.link is not None:  # links.decide chose them
            ctx.selected = ctx.selected[:budget.max_items]
            ctx.rendered = [c.facts.render(i + 1, short=True) for i, c in enumerate(ctx.selected)]
            return
        if ctx.lineage_topic is not None:
            ctx.selected = lineage.choose(ctx)[:budget.max_items]
            ctx.rendered = [c.facts.render(i + 1, short=True) for i, c in enumerate(ctx.selected)]
            return
        first = [c for c in ctx.candidates if c.reasons & {"named", "page", "previous", "family"}]
        order = {pid: i for i, pid in enumerate(ctx.named)}
        first.sort(key=lambda c: order.get(c.pid, len(order)))
        # a name's senses: the answer offers the models carrying it (and trained on the data named with it) only
        rest = [c for c in ctx.candidates if c not in first and _relevant(c, ctx)] if not ctx.senses else []
        if not first:
            rest = fitting(ctx.question, rest)
            reading = self.search.concept_reading(ctx.question.understanding)
            wanted = asked(ctx.question, reading, topic=ctx.topic, phrases=self.search.task_phrases)
            # what states every constraint and task the question asks for, and shows its words as fully as the
            # best found does
            stated = [c for c in rest if states_asked(c, wanted)]
            if writes(ctx.question, reading):
                # "What could write the short blurb for each post?": a model making pictures (a text-to-image model
                # holding "Instagram") gives back no text, whatever words it shares with the question
                stated = [c for c in stated if gives_text(c, self.search.give_back)]
            if does_job(ctx.question):
                # a paper describes a job, it does not do one ("helps me get my web pages ranked higher")
                stated = [c for c in stated if c.facts.kind != "paper"]
            if (wanted.job or wanted.field) and any(c.facts.kind == "model" for c in stated):
                # a question for what does a job ("looks at a picture and answers in words") is answered by models:
                # a data set of that task is for training one, not the thing that does it
                stated = [c for c in stated if c.facts.kind == "model"]
            sure = shows_enough(ctx.question, stated, ctx.topic, wanted, self._publishers(ctx.question))
            made = made_subject_not_held(ctx.question, ctx.topic)
            if made and sure:
                # a subject to be made that no record holds ("illustrations of crows"): the models doing the job are
                # the closest there are (a general generator may make it), not answers showing it
                _unsure(ctx, sure + [c for c in rest if c not in sure], made)
                return
            if not sure:
                # nothing found states what the question asks for: the best found are named as the closest
                # records, not offered as answers
                _unsure(ctx, rest, made or unstated(ctx.question, rest[:CLOSEST_K], wanted, ctx.topic))
                return
            sure = _releases_first(ctx.question, by_use(sure, ctx.question))
            ctx.more = max(0, len(sure) - TOPICAL_CITES)
            rest = sure[:TOPICAL_CITES]
            # those stating it but showing less of its words fill the list's other places, named as the closest
            ctx.partial = [c for c in stated if c not in sure][:TOPICAL_CITES - len(rest)]
            q = ctx.question
            if q.wants != "list" and not q.listing and rest and ctx.absent is None:
                # a question naming nothing and asking for no list in words ("Anything to do with 3D?", "Which text
                # generators speak Japanese?") is answered by those answering it as the first does: the answer lists
                # them when several do (extractive.lists); the others are no answer beside the first (a name the
                # registry does not hold: what was found is named as the closest, all of it, ``_absent_closest``)
                top = max(c.score for c in rest)
                rest = rest[:1] + [c for c in rest[1:] if answers_alike(rest[0], c, top)]
                ctx.more = len(sure) - len(rest)  # the search that found them shows them all
        used = 0
        for cand in first + rest:
            if len(ctx.selected) >= budget.max_items:
                break
            n = len(ctx.selected) + 1
            text = cand.facts.render(n)
            if used + len(text) > budget.chars:
                text = cand.facts.render(n, short=True)
                if used + len(text) > budget.chars and ctx.selected:
                    break
            ctx.selected.append(cand)
            ctx.rendered.append(text)
            used += len(text) + 1


def _same_job_run(found: list[Candidate], common: Callable[[set[str]], set[str]]) -> list[Candidate]:
    """Return the search's first model and the models right after it doing one of its tasks (not one of ``common``'s,
    which many models of the registry do): when none found shows the question's words, the search's ranking (by
    meaning) is all there is, and the first hits agreeing on a job ("predict the demand": forecasters) are as close
    as the first; else the first alone. Text generation, which a third of the models do, says no agreement."""
    if not found:
        return []
    first = found[0]
    tasks = {t.key for t in first.facts.tasks} if first.facts.kind == "model" else set()
    tasks -= common(tasks) if tasks else set()
    run = [first]
    for cand in found[1:]:
        if not tasks or cand.facts.kind != "model" or not tasks & {t.key for t in cand.facts.tasks}:
            break
        run.append(cand)
    return run


# a relation saying that something derives from what follows it, with up to two words between its verb and its
# preposition ("built something on top of", "based anything on"), and an owner's possessive before the name
DERIVED_FROM = re.compile(r"\b(?:buil[dt]s?|building|based|derived?|derives|descend(?:s|ed)?|start(?:s|ed)?|"
                          r"fine[- ]?tuned|extend(?:s|ed)?)\b(?:\s+[\w-]+){0,2}?\s+(?:on\s+top\s+of|on|upon|from)"
                          r"\s+(?:the\s+)?(?:[\w-]+'s\s+)?$", re.I)

# who asks, then a relation verb whose object is the named model ("Has anyone fine-tuned the 32B Qwen distillation of
# DeepSeek-R1?"): the object's own words may stand between (up to five), the model named after them
WORKED_ON = re.compile(r"\b(?:has|have|did)\s+(?:anyone|anybody|someone|somebody|people)\s+(?:ever\s+)?"
                       r"(?:fine[- ]?tuned|tuned|trained|retrained|quanti[sz]ed|merged|distilled|adapted|extended|"
                       r"modified)\s+(?:[\w-]+(?:'s)?\s+){0,5}$", re.I)


def _derived_from_named(q: Question, ctx: Context) -> None:
    """Ask for the models derived from the one model a question names right after a relation saying so, which the
    reader did not read as one ("Has anyone built something on top of xAI's Grok-1?"), or that someone worked on it
    ("Has anyone fine-tuned X?", ``WORKED_ON``): the named model is what the answer speaks of, the models derived from
    it are the answer (``service._put_forward``)."""
    if len(ctx.named) != 1 or q.compare or "derivatives" in q.attributes or len(q.mentions) != 1:
        return
    mention = q.mentions[0]
    at = q.text.find(mention)
    if at > 0 and (DERIVED_FROM.search(q.text[:at]) or WORKED_ON.search(q.text[:at].replace("’", "'"))):
        q.attributes.append("derivatives")


def _tags_not_names(q: Question, ctx: Context) -> None:
    """A name-shaped word no record is called but that records found carry as a tag ("LLaMA-Factory": the Hub tag
    ``llama-factory`` of the models trained with that tool) is no unknown name: the question asks for the records
    carrying it (separators and case aside), and the answer lists them instead of saying the name is not held."""
    if not ctx.unknown or q.compare:
        return
    tags = {_flat(k) for c in ctx.candidates for k in c.facts.keywords}
    tagged = [m for m in ctx.unknown if len(_flat(m)) >= 3 and _flat(m) in tags]
    if tagged:
        ctx.unknown = [m for m in ctx.unknown if m not in tagged]
        q.mentions = [m for m in q.mentions if m not in tagged]


def _shared_paper(q: Question, ctx: Context) -> None:
    """For a list of the models linked to a paper the reader did not resolve ("Which models are linked to the
    Sentence-BERT paper?"), keep the models citing the paper that most of the models showing every word describing
    it cite (arXiv:1908.10084, cited by the sentence-BERT models), when at least two and half of them cite one: a
    model showing the words but citing other papers is not linked to the paper so described."""
    if "paper" not in q.attributes or q.wants != "list" or ctx.link is not None or ctx.lineage_topic is not None:
        return
    citing = [c for c in ctx.candidates if c.facts.kind == "model" and c.facts.papers and c.covered]
    if not citing:
        return
    best = max(c.coverage for c in citing)
    showing = [c for c in citing if c.coverage >= best - 1e-9]
    counts: dict[str, int] = {}
    for c in showing:
        for ref in {r.iri for r in c.facts.papers}:
            counts[ref] = counts.get(ref, 0) + 1
    paper, n = max(counts.items(), key=lambda kv: (kv[1], kv[0]))
    if n < 2 or 2 * n < len(showing):
        return
    ctx.candidates = [c for c in ctx.candidates if c.facts.kind != "model" or not c.facts.papers
                      or any(r.iri == paper for r in c.facts.papers)]


FORMAT_K = 3  # copies of a named model in the format asked for that an answer offers


def _format_copies(q: Question, ctx: Context, store=None) -> None:
    """Make the copies of a named model in the format the question asks for what the answer is about ("Can I get
    DeepSeek-R1 as a GGUF file?"): the model named is not in that format, so it is no answer; the models found in it
    that derive from it (or from a model of the same name, as a copy of the original is recorded) are.

    Nothing changes when the named model is in the format itself, or when no such copy was found (the answer about
    the named model then says what it is, and the search link shows the rest). When the search found no copy (it read
    the format but another base: "the pruned 411B coder version of DeepSeek-R1"), the named model's own derived models
    (the few its facts name) in the format are the copies."""
    tags = q.understanding.tags if q.understanding is not None else ()
    if not tags or not ctx.named or q.compare or ctx.link is not None or ctx.lineage_topic is not None:
        return
    by_pid = {c.pid: c for c in ctx.candidates}
    named = [by_pid[p] for p in ctx.named if p in by_pid and by_pid[p].facts.kind == "model"]
    if not named or len(named) != len(ctx.named) or any(in_format(c.facts, tags) for c in named):
        return
    pids = {c.pid for c in named}
    parts = {c.facts.name.rsplit("/", 1)[-1].lower() for c in named}
    copies = [c for c in ctx.candidates if c.pid not in pids and c.facts.kind == "model" and c.facts.status != "stub"
              and in_format(c.facts, tags) and any(ref.iri in pids or ref.label.rsplit("/", 1)[-1].lower() in parts
                                                    for _, ref in c.facts.bases)]
    if not copies and store is not None:
        refs = [r.iri for c in named for _, _, rs in c.facts.derived for r in rs if r.local and r.iri not in by_pid]
        for pid, fdo in gather(store, list(dict.fromkeys(refs))).items():
            if fdo.kind == "model" and fdo.status != "stub" and in_format(fdo, tags):
                cand = Candidate(pid, 1.0, {"lineage"}, fdo)
                ctx.candidates.append(cand)
                copies.append(cand)
    if not copies:
        return
    copies.sort(key=lambda c: (c.search_rank if c.search_rank is not None else 99, -(c.facts.downloads or 0)))
    for c in named:
        c.reasons.discard("named")
        c.reasons.add("context")
    for c in copies[:FORMAT_K]:
        c.reasons.add("named")
        c.prior = 1.0
    ctx.named = [c.pid for c in copies[:FORMAT_K]]
    ctx.format_of = (named[0].facts.name, tags[0])
    ctx.ambiguous = []  # the answer is about the copies, not about which model the name meant


# "What is gemma?", "Tell me about Gemma.": a question about one word as a whole
_ABOUT_WORD = re.compile(r"^\s*(?:what is|what's|what are|tell me about)\s+(?:the\s+)?([A-Za-z][\w.\-]*)\s*[?.!]?\s*$",
                         re.I)


def _releases_first(q: Question, found: list[Candidate]) -> list[Candidate]:
    """Put a family's own releases first when the question asks about its name alone ("What is gemma?"): a model whose
    own name is the family's word and then only sizes, versions and the tuning every maker ships (google/gemma-7b-it,
    not OpenVINO/gemma-7b-fp16-ov, a conversion of one); the others keep their order."""
    said = _ABOUT_WORD.match(q.text)
    if said is None:
        return found
    family = said.group(1).rstrip(".-")
    first = [c for c in found if c.facts is not None and c.facts.kind == "model" and _family_release(c.facts.name,
                                                                                                        family)]
    return first + [c for c in found if c not in first]


def _family_release(identifier: str, family: str) -> bool:
    """Say whether a model's own name is a release of the family of one word ``family``: the family's word, then only
    sizes, versions and tuning words (``registry.search.stubs.is_release``)."""
    held = release_of(identifier)
    return held is not None and held.family == (family.lower(),) and is_release(identifier, 1)


def _originals_before_copies(ctx: Context) -> None:
    """Put a found model before the copies of it found with it: a candidate built on another candidate of the same
    name ("joepramatha09/Llama-2-7b-chat-hf", fine-tuned from meta-llama/Llama-2-7b-chat-hf) ranks just after the
    original it copies, however close their scores ("Is Llama 2 13B chat in the registry?" put the copy first). What
    the question names or refers to keeps its place: a copy asked for by its identifier is what the answer is about."""
    cands = ctx.candidates
    by_pid = {c.pid: c for c in cands}
    for _ in range(len(cands)):
        moved = False
        place = {c.pid: i for i, c in enumerate(cands)}
        for i, copy in enumerate(cands):
            if copy.reasons & REFERENCED_FIRST or copy.facts is None:
                continue
            key = _name_key(copy.facts.name)
            originals = [by_pid[r.iri] for _, r in copy.facts.bases
                         if r.local and r.iri in by_pid and r.iri != copy.pid and place[r.iri] > i
                         and by_pid[r.iri].facts is not None and _name_key(by_pid[r.iri].facts.name) == key]
            if originals:
                cands.remove(originals[0])
                cands.insert(i, originals[0])
                moved = True
                break
        if not moved:
            return


def _unsure(ctx: Context, found: list[Candidate], what: str) -> None:
    """Turn a topical answer none of whose candidates states what the question asks for into a refusal."""
    ctx.answerable = False
    ctx.reason = "no record the search found states what the question asks for" + (f": “{what}”" if what else "")
    shown = [c for c in found if c.facts is not None and c.facts.status != "stub"] or ctx.closest
    ctx.closest = shown[:CLOSEST_K]


def _flat(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "", text.lower())


def _key_named(known: tuple[str, str] | None, name: str) -> bool:
    """Say whether a concept's key ("transformers", "text-generation") is ``name``, separators aside."""
    def flat(text: str) -> str:
        return re.sub(r"[\s_\-./]+", "", text.lower())
    return known is not None and flat(known[1].rsplit("/", 1)[-1]) == flat(name)


def _modifier(text: str, mention: str) -> bool:
    """Say whether a hyphenated mention no FDO name holds is plain words describing the noun after it ("a
    protein-structure predictor"): lower-case letters only, followed by a topical word. Its words are the topic,
    not a name the registry lacks; a name written so alone ("Tell me about bert-large-mega") stays a name."""
    if not re.fullmatch(r"[a-z]+(?:-[a-z]+)+", mention):
        return False
    after = re.search(rf"(?<![\w-]){re.escape(mention)}\s+([a-z]+)\b", text)
    return after is not None and bool(topical_terms(after.group(1)))


def _owned(text: str, mention: str) -> bool:
    """Say whether a hyphenated mention no FDO name holds is a thing of the asker's, written in lower case after a
    possessive ("narrate my e-book", "our t-shirt designs"): a common noun, the topic, not a name the registry lacks."""
    if not re.fullmatch(r"[a-z]+(?:-[a-z]+)+", mention):
        return False
    return re.search(rf"\b(?:my|our|your|their|his|her)\s+{re.escape(mention)}(?![\w-])", text, re.I) is not None


# the words after which a name stands as one: the object of the question's frame ("Tell me about bert-large-mega", "Is
# bert-large-mega here?", "the licence of bert-large-mega"), a side of a comparison, a thing it is likened to
NAME_BEFORE = frozenset("""about is are was were of compare and or vs versus between have has had called named find get
download than like to from the a an this that""".split())


def _in_phrase(text: str, mention: str) -> bool:
    """Say whether a hyphenated mention no FDO name holds is a plain compound word inside a phrase ("trained on corporate
    e-mail", "put the best-fitting ones at the top"): lower-case letters only, after a word that is no frame of a name
    (``NAME_BEFORE``: "about", "is", "of", "compare"...). Its words are the topic, not a name the registry lacks; a name
    written after such a word, or opening the question, stays a name ("Tell me about bert-large-mega")."""
    if not re.fullmatch(r"[a-z]+(?:-[a-z]+)+", mention):
        return False
    # the word right before each place the mention stands, read backwards from it: a pattern searched for the word
    # and the mention together would rescan a long word from each of its letters (quadratic in the question's length)
    for m in re.finditer(rf"(?<=\s){re.escape(mention)}(?![\w-])", text):
        before = re.search(r"[A-Za-z']+\Z", text[max(0, m.start() - 100):m.start()].rstrip())
        if before is not None:
            return before.group(0).lower() not in NAME_BEFORE
    return False


# words by which a question refers back to what a sentence before it told ("I'm looking for Mixtral 8x7B. Is it here?")
REFERS_BACK = re.compile(r"\b(?:it|its|this|that|these|those|them|they|one|ones|such)\b", re.I)


def _told(text: str, mention: str) -> bool:
    """Say whether a mention no FDO name holds stands in a sentence that tells, not asks, the asker's setting ("I'm on
    an Apple-silicon Mac. Which models come converted for MLX?"), with a question after it that asks on its own (no
    word referring back to it): the question is about what it asks, and the mention is part of the topic, not a name
    the registry lacks. A sentence asking, or a question referring back ("I'm looking for Mixtral 8x7B. Is it
    here?"), keeps it a name."""
    sentences = [x for x in re.split(r"(?<=[.!?])\s+", text.strip()) if x]
    told = next((x for x in sentences if re.search(rf"(?<![\w-]){re.escape(mention)}(?![\w-])", x)), None)
    if told is None or told.rstrip().endswith("?"):
        return False
    asking = [x for x in sentences[sentences.index(told) + 1:] if x.rstrip().endswith("?")]
    return bool(asking) and not any(REFERS_BACK.search(x) for x in asking)


def _constraint_compound(q: Question, mention: str) -> bool:
    """Say whether a hyphenated mention no FDO name holds is a constraint the reader read, joined to a plain word
    ("Korean-speaking": language ko; "Apache-licensed"): letters only, one part a word of the constraint's span. It
    describes the models asked for; it names no model the registry lacks."""
    if q.understanding is None or not re.fullmatch(r"[A-Za-z]+(?:-[A-Za-z]+)+", mention):
        return False
    parts = {p.lower() for p in mention.split("-")}
    return any(parts & set(words(r.span)) for r in q.understanding.recognised
               if r.applied and r.values and r.facet != "kind")


def _follow_relaxation(q: Question, ctx: Context) -> None:
    """Leave out the filters the search left out because no FDO met them ("a speech synthesiser under 100 million
    parameters": no text-to-speech model states a size under it), so the chat judges its candidates as the search
    showed them; ``ctx.relaxed`` keeps their words, which the answer says were not met."""
    understanding = q.understanding
    if not ctx.search.relaxed or understanding is None:
        return
    dropped = {(facet, tuple(values)) for facet, values, _ in ctx.search.relaxed}
    recognised = []
    for r in understanding.recognised:
        if r.applied and r.mode == "filter" and (r.facet, tuple(r.values)) in dropped:
            ctx.relaxed.append(r.span)
            r = replace(r, applied=False, note="not applied: no result had it")
        recognised.append(r)
    if ctx.relaxed:
        q.understanding = replace(understanding, recognised=tuple(recognised))


def _name_words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def _lost(q: Question, outcome: SearchOutcome) -> bool:
    """Say whether a search missed a constraint read from the whole question (a filter or a preference on a facet
    other than the kind, which the chat passes itself)."""
    # (a facet may be read as both: an approximate size is a band filter and its nearest counts a boost; merged as
    # dicts the boost hid the filter, and "What do you have with about 14 billion parameters?" lost its band when
    # the words "with about" were taken off as a frame)
    read: dict[str, set[str]] = {}
    found: dict[str, set[str]] = {}
    for into, parts in ((read, (q.filters, q.boosts)), (found, (outcome.applied, outcome.boosted))):
        for part in parts:
            for facet, values in part.items():
                into.setdefault(facet, set()).update(values)
    return any(facet != "kind" and not values <= found.get(facet, set()) for facet, values in read.items())


def _relevant(cand: Candidate, ctx: Context) -> bool:
    q = ctx.question
    if "context" in cand.reasons:  # a named model the answer speaks of but does not offer (``_format_copies``)
        return False
    if "lineage" in cand.reasons:
        return "base" in q.attributes or q.wants == "about"
    if "via" in cand.reasons:
        return True
    if not q.terms:
        return "search" in cand.reasons
    return cand.coverage > 0  # a word that counts (a candidate holding only words no FDO is told apart by shows nothing)




def _name_covers(side: str, name: str) -> bool:
    side_words = set(words(side))
    name_words = set(words(name))
    return bool(side_words) and side_words <= name_words


def _owned_as_written(text: str, mention: str) -> str:
    """Return ``mention`` with the owner's possessive the question writes right before it ("Microsoft's phi-1.5"),
    else as it is."""
    m = re.search(rf"(?<![\w.\-])([\w.\-]+['’]s)\s+{re.escape(mention)}(?![\w\-])", text)
    return f"{m.group(1)} {mention}" if m else mention


def _near_version(c: Candidate, versioned: AskedVersion | None) -> bool:
    """Say whether a model's identifier is a release of the family of the version asked, or carries that version (the
    records the search ranks as a version's nearest, ``Searcher._nearest_versions``)."""
    if versioned is None:
        return False
    named = release_version(c.facts.name, versioned.family)
    return named is not None and (named.own or named.version == versioned.version)


def _name_key(name: str) -> str:
    """Return the name part of an identifier, lower case, its separators left out ("microsoft/Phi-2": "phi2")."""
    return re.sub(r"[\W_]+", "", name.rsplit("/", 1)[-1].lower())
