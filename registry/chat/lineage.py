"""'Fine-tunes of X for Y': read Y, find X's derived models that show Y, and the closest records when none does.

A derived model is said to match Y only when a search for Y matched it by Y's words (the search's
stemming and expansions), its facts hold one of Y's words, or it has a concept read from the
question (a task, a language), and it states every other explicit constraint of the question. When none does, the closest records are X's derived models the
search found nearest Y in meaning (the lineage is what the question is sure of), else models about Y.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Callable

from registry.chat.context import Candidate, Context
from registry.chat.evidence import (ASKERS, asks_licence, by_words, cover, fact_words, hosting_words, index_terms,
                                    read_constraints)
from registry.chat.facts import FdoFacts
from registry.chat.links import _dated, spelt_out
from registry.chat.search_adapter import SearchAdapter, SearchOutcome
from registry.search.understand import Question, stem, words
from registry.vocab import SCHEMA

__all__ = ["read_topic", "find_derived", "search_topic", "keep_on_topic", "choose", "DERIVED_K"]

DERIVED_K = 3  # derived models listed for "fine-tunes of X for Y" (the linked search shows them all)
CLOSEST_K = 3
# words of "fine-tunes of X for Y" that say lineage, not topic
LINEAGE_WORDS = frozenset(stem(w) for w in "fine tune tunes tuned finetune finetuned finetunes derived derivative "
                          "derivatives variant variants version versions quantized quantised adapter adapters "
                          "merge merges child children descendant descendants".split())
# nouns of a model record: "fine-tunes of X's base checkpoint" says what X is; every derived model is one
# (a maker's "release" of X is X: "Mistral's Small 24B Instruct release of January 2025")
RECORD_WORDS = frozenset(stem(w) for w in "model models checkpoint checkpoints weights release releases".split())


def read_topic(q: Question, ctx: Context, store, names) -> None:
    """Set ``ctx.lineage_topic`` for "fine-tunes of X for Y": derivatives asked, one model named, words left once X
    is removed."""
    if "derivatives" not in q.attributes or len(ctx.named) != 1 or q.compare:
        return
    base = ctx.named[0]
    if store.kind(base) != "model":
        return
    known = store.platform_id(base)
    identifier = known[1] if known else next(
        (t.object.value for t in store.current(base) if t.predicate == SCHEMA.identifier), None)
    if not identifier:
        return
    named_words = _named_words(q, base, names) | _describing_words(q, identifier) | _read_as(q, identifier)
    named_words |= spelt_out(q.text)
    topic_stems = [t for t in q.terms if t not in named_words and t not in LINEAGE_WORDS and t not in ASKERS]
    said = [re.sub(r"['’]s$", "", w) for w in words(q.text)]
    topic = " ".join(dict.fromkeys(w for w in said if stem(w) in topic_stems))
    if not topic:
        return
    ctx.lineage_topic = (base, identifier, topic)


def _describing_words(q: Question, identifier: str) -> set[str]:
    """Return the stems of the words saying what X is, not what its derived models are about: a noun of a model record
    ("Widget 24B base checkpoint", ``RECORD_WORDS``) and a month and year X's identifier spells as its date code ("of
    January 2025": ...-2501, ``links._dated``)."""
    return RECORD_WORDS | _dated(q.text, (identifier,))


def _read_as(q: Question, identifier: str) -> set[str]:
    """Return the stems of the words the question's reader read as X, the base model ("fine-tuned from Gemma 3 27B
    instruct": google/gemma-3-27b-it, whose identifier writes "instruct" as "it"): they name X, no topic."""
    if q.understanding is None:
        return set()
    return {stem(w) for r in q.understanding.recognised if r.applied and r.facet == "base_model"
            and identifier.lower() in {str(v).lower() for v in r.values or ()} for w in words(r.span)}


def _named_words(q: Question, base: str, names) -> set[str]:
    """Return the stems of the words naming X: its names, the names the question writes, and an owner's possessive
    before them ("DeepSeek's Janus-Pro-7B" says whose X, not what for)."""
    named = {stem(w) for name in names.names_of(base) for w in words(name)}
    named |= {stem(w) for m in q.mentions for w in words(m)}
    named |= {stem(m.group(1).lower()) for mention in q.mentions
              for m in re.finditer(rf"\b(\w+)['’]s\s+{re.escape(mention)}", q.text, re.I)}
    return named


def read_unshown(q: Question, ctx: Context, store, names) -> None:
    """Answer as "X's derived models that show Y" a question naming one model X for what X does not show and models
    derived from X do ("Do you have phi-2 squeezed into 4 or 8 bits?": phi-2 holds neither "squeezed" nor "bits",
    its 4- and 8-bit copies hold "bits").

    Only for a question that asks no attribute of X (its licence, its size: those are about X) and compares
    nothing; Y is the question's words that count (``Context.topic``) beside X's names and an owner's possessive; the
    derived models are the candidates found that record X as their base, hold one of Y's words and state the
    question's filters. When X shows one of Y's words, or no derived model does, the answer stays about X.
    """
    if len(ctx.named) != 1 or q.compare or q.attributes or store.kind(ctx.named[0]) != "model":
        return
    base = ctx.named[0]
    by_pid = {c.pid: c for c in ctx.candidates}
    own = by_pid.get(base)
    known = store.platform_id(base)
    if own is None or own.facts is None or not known:
        return
    named_words = _named_words(q, base, names)
    rest = {k for k in ctx.topic.keys if ctx.topic.weights.get(k, 0.0) > 0 and k not in named_words}
    # X's own facts, not the names of the models derived from it (its 4-bit copy's name says "bit", X does not)
    alone = replace(own.facts, derived=[], inbound=[])
    licence = asks_licence(q)
    shown, _ = cover(ctx.topic, index_terms(alone, licence), fact_words(alone, licence))
    if not rest or rest & shown:
        return
    filters = {i for i, r in enumerate(read_constraints(q)) if r.applied and r.mode == "filter" and r.facet != "kind"}
    derived = [c for c in ctx.candidates if c.pid != base and c.facts is not None and c.facts.status != "stub"
               and base in {r.iri for _, r in c.facts.bases} and rest & c.covered and filters <= c.met]
    if not derived:
        return
    derived.sort(key=lambda c: (-len(rest & c.covered), c.search_rank if c.search_rank is not None else 99))
    said = [re.sub(r"['’]s$", "", w) for w in words(q.text)]
    topic = " ".join(dict.fromkeys(w for w in said if stem(w) in rest))
    ctx.lineage_topic = (base, known[1], topic)
    ctx.derived_hits = [c.pid for c in derived][:DERIVED_K]
    ctx.on_topic = {c.pid for c in derived}


def find_derived(q: Question, ctx: Context, search: SearchAdapter, add: Callable, limit: int) -> None:
    """Search X's derived models for Y: Y's words alone, then, when the question means a concept and too few
    matched by words, the whole topic with its concepts ("chat model": text generation); add them as candidates."""
    base, identifier, topic = ctx.lineage_topic
    # the question's other explicit constraints ("speak Romanian": language) hold for the derived models too
    other = {f: v for f, v in q.filters.items() if f not in ("base_model", "kind")}
    within = {**other, "base_model": ctx.bases or [identifier]}
    hits = search.search(topic, limit=limit, filters=within).hits
    ctx.on_topic = by_words(hits)
    if q.boosts and q.search_text and q.search_text != topic and len(ctx.on_topic) < DERIVED_K:
        hits += search.search(q.search_text, limit=limit, filters=within).hits
    ctx.derived_hits = list(dict.fromkeys(h.pid for h in hits if h.kind == "model" and h.pid != base))[:limit]
    for rank, pid in enumerate(ctx.derived_hits):
        add(pid, 0.95 - 0.02 * rank, "derived-topic").search_rank = rank


def search_topic(q: Question, ctx: Context, search: SearchAdapter) -> SearchOutcome:
    """Return the search for Y whatever it derives from (the closest records), noting what it matched by words."""
    other = {f: v for f, v in q.filters.items() if f != "base_model"}
    outcome = search.search(ctx.lineage_topic[2], limit=CLOSEST_K, filters=other or None)
    ctx.on_topic |= by_words(outcome.hits)
    return outcome


def keep_on_topic(q: Question, ctx: Context, facts: dict[str, FdoFacts], search: SearchAdapter) -> None:
    """Keep as ``derived_hits`` the derived models that show Y; the others found are ``near_topic``."""
    topic = {stem(w) for w in words(ctx.lineage_topic[2])}
    concepts = {i for i, r in enumerate(read_constraints(q)) if r.applied and r.facet not in ("base_model", "kind")}
    models = [pid for pid, fdo in facts.items() if fdo.kind == "model" and pid != ctx.lineage_topic[0]]
    met = search.met(models, q.understanding)
    # the search's word match is no evidence when only a hosting tag holds Y's word ("code" of custom_code), nor
    # when only a tag the base has too does: a conversion copies its base's tags ("code" of phi-2 on its MLX copy),
    # which say what the base is for, not what the derived model was tuned for
    base = facts.get(ctx.lineage_topic[0])
    inherited = frozenset(base.keywords) if base is not None else frozenset()
    own = {pid: fact_words(facts[pid], skip_tags=inherited) for pid in models}
    ctx.on_topic -= {pid for pid in models if topic & (hosting_words(facts[pid]) | fact_words(facts[pid]))
                     and not topic & own[pid]}
    ctx.on_topic |= {pid for pid in models if topic & own[pid] or met.get(pid, frozenset()) & concepts}
    # an explicit constraint besides X ("speak Romanian") must be stated: the search lets through a model stating none
    stated = {i for i, r in enumerate(read_constraints(q)) if r.applied and r.mode == "filter"
              and r.facet not in ("base_model", "kind")}
    shows = [pid for pid in ctx.derived_hits if pid in ctx.on_topic and stated <= met.get(pid, frozenset())
             and facts.get(pid) is not None and facts[pid].status != "stub"]
    ctx.near_topic = [pid for pid in ctx.derived_hits if pid not in shows][:CLOSEST_K]
    ctx.derived_hits = shows[:DERIVED_K]


def choose(ctx: Context) -> list[Candidate]:
    """Return what the answer lists: the derived models that show Y, or, failing them, the closest records."""
    about_y = sorted((c for c in ctx.candidates if "search" in c.reasons and c.pid in ctx.on_topic),
                     key=lambda c: c.search_rank if c.search_rank is not None else 99)
    near = [c for pid in ctx.near_topic for c in ctx.candidates if c.pid == pid]
    return [c for c in ctx.candidates if c.pid in ctx.derived_hits] or (near or about_y)[:CLOSEST_K]
