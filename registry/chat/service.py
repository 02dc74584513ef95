"""The chat service: question -> retrieval -> prompt -> generation -> grounding -> answer, as events.

``ChatService.events`` yields ``("meta", {...})`` once, ``("token", {"text": ...})`` per piece and
``("done", answer)`` at the end; ``ask`` runs the same and returns the :class:`Answer`. The
``done`` answer is authoritative: when a language model's text fails the grounding checks it is
replaced by the extractive answer (``replaced`` is true and ``notes`` says why), so a streaming
client shows the final text once ``done`` arrives.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass, field

from registry.chat import extractive
from registry.chat.compare import Table, build_table
from registry.chat.conversation import ConversationStore
from registry.chat.choose import make_generator
from registry.chat.generate import ExtractiveGenerator, Generator, GeneratorUnavailable
from registry.chat.grounding import Citation, check_answer, citations, link_answer
from registry.chat.prompt import compose_prompt
from registry.chat.retrieval import BUDGETS, Context, Retriever
from registry.chat.suggest import FilterSuggestion, filters, follow_ups
from registry.errors import BadRequest
from registry.search.understand import read

__all__ = ["ChatService", "Answer", "MAX_QUESTION_CHARS", "MODE_NOTES"]

log = logging.getLogger(__name__)

MAX_QUESTION_CHARS = 1000
# a question asking which one model a name is ("Which model is that?", "what model was it"): singular, no list,
# though "which ... model" reads as a listing
ONE_ASKED = re.compile(r"\b(?:which|what)\s+(?:model|one|record)\s+(?:is|was)\b", re.I)
MODE_NOTES = {
    "extractive": "Answered from the registry's facts with templates (no language model).",
    "local": "Written by {model} running locally, from the registry facts listed as sources.",
    "ollama": "Written by {model} through Ollama, from the registry facts listed as sources.",
}


@dataclass
class Answer:
    """One answer: Markdown text with every FDO linked, how it was produced, and what to do next."""

    question: str
    conversation: str
    text: str
    mode: str
    model: str | None
    answerable: bool
    citations: list[Citation] = field(default_factory=list)
    sources: list[Citation] = field(default_factory=list)
    table: Table | None = None
    follow_ups: list[str] = field(default_factory=list)
    filters: list[FilterSuggestion] = field(default_factory=list)
    closest: list[Citation] = field(default_factory=list)  # named as the closest records found, not as answers
    answers: list[Citation] = field(default_factory=list)  # the cited FDOs the answer puts forward (below)
    notes: list[str] = field(default_factory=list)
    replaced: bool = False
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def mode_note(self) -> str:
        return MODE_NOTES[self.mode].format(model=self.model or "")

    def to_dict(self) -> dict:
        """Return the JSON shape of ``POST /api/chat``."""
        return {
            "question": self.question, "conversation": self.conversation, "answer": self.text,
            "mode": self.mode, "model": self.model, "mode_note": self.mode_note, "answerable": self.answerable,
            "citations": [c.to_dict() for c in self.citations], "sources": [c.to_dict() for c in self.sources],
            "table": self.table.to_dict() if self.table is not None else None,
            "follow_ups": list(self.follow_ups), "filters": [f.to_dict() for f in self.filters],
            "closest": [c.to_dict() for c in self.closest], "answers": [c.to_dict() for c in self.answers],
            "notes": list(self.notes), "replaced": self.replaced,
            "timings": {k: round(v, 1) for k, v in self.timings.items()},
        }


class ChatService:
    """Answers questions about the registry. Get the app's instance with ``registry.chat.get_chat(registry)``."""

    def __init__(self, registry, llm: str | None = None, generator: Generator | None = None,
                 retriever: Retriever | None = None, conversations: ConversationStore | None = None,
                 use_embeddings: bool = True, wait_for_model: bool = True, max_tokens: int | None = None) -> None:
        self.registry = registry
        self.store = registry.store
        self.retriever = retriever or Retriever(registry, use_embeddings=use_embeddings)
        self.generator = generator or make_generator(llm if llm is not None else registry.settings.get("LLM", ""),
                                                     ollama_url=registry.settings.get("OLLAMA_URL"),
                                                     cache_dir=registry.settings.get("CACHE_DIR"))
        self.extractive = ExtractiveGenerator()
        self.conversations = conversations or ConversationStore()
        self.wait_for_model = wait_for_model
        self.max_tokens = max_tokens  # None: the mode's default (prompt.MAX_TOKENS)

    @classmethod
    def from_registry(cls, registry) -> "ChatService":
        """Build the service the settings describe (``MLFDO_LLM``)."""
        return cls(registry)

    @property
    def names(self):
        return self.retriever.names

    # ------------------------------------------------------------ public
    def ask(self, question: str, conversation: str | None = None, about: str | None = None,
            wait: bool | None = None) -> Answer:
        """Return the answer to ``question``. Raises BadRequest for an empty or over-long question."""
        answer = None
        for kind, payload in self.events(question, conversation, about, wait):
            if kind == "done":
                answer = payload
        assert answer is not None
        return answer

    def events(self, question: str, conversation: str | None = None, about: str | None = None,
               wait: bool | None = None) -> Iterator[tuple[str, object]]:
        """Yield meta, token and done events for ``question`` (see the module doc).

        Raises BadRequest (before any event) for an empty or over-long question.
        """
        question = " ".join((question or "").split())
        if not question:
            raise BadRequest("the question is empty")
        if len(question) > MAX_QUESTION_CHARS:
            raise BadRequest(f"the question is longer than {MAX_QUESTION_CHARS} characters")
        about_pid = self.store.resolve(about) if about else None
        if about and about_pid is None:
            raise BadRequest(f"no FDO {about!r} to ask about")
        return self._events(question, conversation, about_pid, self.wait_for_model if wait is None else wait)

    def close(self) -> None:
        self.generator.close()

    # ------------------------------------------------------------ the pipeline
    def _pick(self, wait: bool, notes: list[str]) -> Generator:
        gen = self.generator
        if gen.mode == "local" and not gen.ready() and not wait:
            gen.start_loading()
            notes.append("The local language model is still loading; this answer uses the registry's facts only.")
            return self.extractive
        return gen

    def _events(self, question: str, conversation: str | None, about: str | None,
                wait: bool) -> Iterator[tuple[str, object]]:
        started = time.perf_counter()
        notes: list[str] = []
        conv = self.conversations.get(conversation)
        q = read(question, self.retriever.search.understand)  # the constraints search reads, too
        gen = self._pick(wait, notes)
        ctx = self.retriever.retrieve(q, BUDGETS[gen.mode], previous=conv.focus(), about=about)
        retrieved = time.perf_counter()
        table = self._table(ctx)
        draft = extractive.compose(ctx, self.store.base_url, table)
        if not ctx.answerable or not ctx.selected:
            gen = self.extractive  # a refusal is never left to a language model
        prompt = compose_prompt(ctx, draft, gen.mode, conv.history() if gen.mode == "ollama" else None, table)
        if self.max_tokens:
            prompt.max_tokens = self.max_tokens
        sources = [Citation(c.pid, c.facts.href, c.facts.name, c.facts.kind) for c in ctx.selected
                   if self.store.exists(c.pid)]
        yield "meta", {"conversation": conv.id, "mode": gen.mode, "model": gen.model,
                       "sources": [s.to_dict() for s in sources]}
        pieces: list[str] = []
        first_token = None
        try:
            for piece in gen.stream(prompt):
                if first_token is None:
                    first_token = time.perf_counter()
                pieces.append(piece)
                yield "token", {"text": piece}
        except GeneratorUnavailable as exc:
            notes.append(f"{exc.message}; this answer uses the registry's facts only.")
            gen = self.extractive
            for piece in gen.stream(prompt):
                if first_token is None:
                    first_token = time.perf_counter()
                pieces.append(piece)
                yield "token", {"text": piece}
        raw = "".join(pieces).strip()
        text, mode, model, replaced = raw, gen.mode, gen.model, False
        if gen.mode != "extractive":
            problems = check_answer(raw, prompt.facts, question, self.names,
                                    keep=draft if gen.mode == "local" else "")
            if problems:
                log.info("chat answer by %s replaced: %s", gen.describe(), "; ".join(problems))
                notes.append(f"The {gen.describe()} answer was replaced by the registry's facts because it "
                             f"{problems[0]}.")
                text, mode, model, replaced = draft, "extractive", None, True
            else:
                facts = ctx.facts
                text = link_answer(raw, [c.facts for c in ctx.selected], list(facts.values()), self.names,
                                   self.store.base_url)
        if table is not None and len(table.columns) >= 2:
            text = f"{text}\n\n{table.markdown()}"
        note = extractive.ambiguity_note(ctx, self.store.base_url)
        if note and ctx.answerable:
            text = f"{note}\n\n{text}"
        text, cited = citations(text, self.store, ctx.facts)
        closest = _closest(ctx)
        answer = Answer(question=question, conversation=conv.id, text=text, mode=mode, model=model,
                        answerable=ctx.answerable, citations=cited, sources=sources, table=table,
                        follow_ups=follow_ups(ctx), filters=filters(ctx, question), closest=closest,
                        answers=_put_forward(ctx, cited), notes=notes, replaced=replaced)
        done = time.perf_counter()
        answer.timings = {"retrieval_ms": (retrieved - started) * 1000,
                          "first_token_ms": ((first_token or done) - started) * 1000,
                          "total_ms": (done - started) * 1000}
        self.conversations.add(conv, question, raw if not replaced else draft, ctx.focus())
        yield "done", answer

    def _table(self, ctx: Context) -> Table | None:
        if not ctx.question.compare or not ctx.answerable:
            return None
        facts = ctx.facts
        columns = [facts[side[0]] for side in ctx.sides if side and side[0] in facts]
        if len(columns) < 2:
            return None
        return build_table(columns, self.store.base_url)


def _put_forward(ctx: Context, cited: list[Citation]) -> list[Citation]:
    """Return the cited FDOs the answer offers as its answer: what it lists or is about.

    The other links are context: the X of "fine-tunes of X for Y" or of "what has been built on X" (whose answer
    is the derived models it names), a base model, a training dataset
    or a paper named in a fact about an FDO the answer offers. The closest records of a refusal, or
    of "fine-tunes of X for Y" when none shows Y, are labelled so and not offered (``_closest``).
    """
    if not ctx.answerable or (ctx.lineage_topic is not None and not ctx.derived_hits):
        return []
    if ctx.link is not None and ctx.link.topic and not ctx.link.on_topic:
        return []  # the linked models named are the closest, not answers
    if "derivatives" in ctx.question.attributes and ctx.named and ctx.link is None and ctx.lineage_topic is None:
        # "What has been built on X?": X is what the answer speaks of, the models derived from it it names are
        # the answer
        facts = ctx.facts
        derived = {r.iri for pid in ctx.named if pid in facts for _, _, sample in facts[pid].derived for r in sample}
        return [c for c in cited if c.pid in derived]
    records = _records_of_models(ctx)
    if records:
        # "Which models used the small s1K set ...?": the data set the name means is what the answer speaks of; the
        # models linked to it are the answer, not the data set, nor a model whose name merely carries the name
        facts = ctx.facts
        linked = {r.iri for pid in records if pid in facts for _, _, sample in facts[pid].inbound for r in sample}
        models = [c for c in cited if c.pid in linked]
        if models:  # none linked or cited: the data set the answer describes is what it offers
            return models
    offered = {c.pid for c in ctx.selected}
    focus = extractive.about_focus(ctx) if extractive.speaks_about(ctx) and ctx.named else []
    if focus and all(f.kind == "model" for f in focus):
        # "What is X?": X is the answer, and, when the question asks about the name (for no list), every other record
        # called X (it may mean that one); X's base model or training data named in a fact, and the search's other
        # hits, are context. An organisation's or a data set's answer offers the models it names.
        about = {f.pid for f in focus}
        q = ctx.question
        # not "Which models ...?"; "Which model is that?" asks about the name
        on_name = q.wants != "list" and (bool(ONE_ASKED.search(q.text)) or not q.listing and "kind" not in q.filters)
        offered = about | {pid for a in ctx.ambiguous if a.pids[0] in about and on_name for pid in a.pids}
    if ctx.carried is not None:  # "What is LLaMat?": the records carrying the name, not the data named in their facts
        offered &= set(ctx.carried.pids)
    return [c for c in cited if c.pid in offered]


def _records_of_models(ctx: Context) -> list[str]:
    """Return the data sets and papers a question for models names (or names a part of: a family), those called
    exactly as a name it writes first ("s1K": simplescaling/s1K, not simplescaling/s1K-1.1); [] when it asks for no
    models or names none."""
    q = ctx.question
    if q.filters.get("kind") != ["model"] or q.compare or ctx.link is not None or ctx.lineage_topic is not None:
        return []
    found = [c for c in ctx.selected if c.reasons & {"named", "family"} and c.facts is not None
             and c.facts.kind in ("dataset", "paper")]
    written = {m.lower() for m in q.mentions}
    exact = [c.pid for c in found if c.facts.name.rsplit("/", 1)[-1].lower() in written]
    return exact or [c.pid for c in found]


def _closest(ctx: Context) -> list[Citation]:
    """Return the records an answer names as the closest it found, not as answers."""
    if ctx.answerable and ctx.lineage_topic is not None and not ctx.derived_hits:
        shown = ctx.selected
    elif ctx.answerable and ctx.link is not None and ctx.link.topic and not ctx.link.on_topic:
        shown = ctx.selected
    elif not ctx.answerable:
        shown = ctx.closest
    elif ctx.partial and ctx.question.wants == "list":  # a list's models showing only part of the question
        shown = ctx.partial
    else:
        return []
    return [Citation(c.pid, c.facts.href, c.facts.name, c.facts.kind) for c in shown if c.facts is not None]
