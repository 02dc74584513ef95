"""Compose the grounded prompt: rules, numbered facts from the graph, a little history, the question."""

from __future__ import annotations

import re

from registry.chat.compare import Table
from registry.chat.generate import Prompt
from registry.chat.retrieval import Context

__all__ = ["compose_prompt", "plain", "SYSTEM", "SYSTEM_COMPARE", "SYSTEM_REPHRASE", "MAX_TOKENS"]

SYSTEM = (
    "You answer questions about machine-learning models using only the FACTS from the mlfdo registry. "
    "Name models exactly as written in the facts and add the fact number in brackets, like [1]. "
    "If the facts do not contain the answer, say that the registry does not record it. "
    "Never mention a model, number or licence that is not in the facts. Answer in at most three sentences."
)
# The local 135M model knows little and drifts on long contexts: it only rephrases the extractive answer.
SYSTEM_REPHRASE = (
    "You are a helpful assistant. Reply to the question in one or two sentences using only the given answer. "
    "Copy model names, numbers and licences exactly."
)
SYSTEM_COMPARE = (
    "You summarise a comparison table of machine-learning models from the mlfdo registry. "
    "Use only the table. Say what the models share and where they differ, naming models exactly as "
    "written. Never add facts that are not in the table. Answer in at most three sentences."
)
# New tokens per answer: the local model writes ~14 tokens/s on 2 cores.
MAX_TOKENS = {"local": 80, "ollama": 400, "extractive": 0}
_LINK = re.compile(r"\[((?:\\.|[^\]\\])*)\]\([^)]*\)")
HISTORY_CHARS = 600  # earlier turns add context for "its", "that one"; kept short


def compose_prompt(ctx: Context, draft: str, mode: str, history: list[tuple[str, str]] | None = None,
                   table: Table | None = None) -> Prompt:
    """Return the prompt for ``mode`` (the extractive draft rides along for the extractive mode and fallbacks).

    Ollama models answer from the numbered facts (or the comparison table); the local model rephrases
    the extractive answer, which is the most compact form of the facts that matter.
    """
    if mode == "local":
        facts = plain(draft.split("\n\n|", 1)[0])
        messages = [{"role": "system", "content": SYSTEM_REPHRASE},
                    {"role": "user", "content": f"QUESTION: {ctx.question.text}\nANSWER: {facts}"}]
        first = _LINK.search(draft)  # the reply starts with the answer's subject, so it stays on it
        return Prompt(messages=messages, draft=draft, max_tokens=MAX_TOKENS["local"],
                      facts=facts + "\n" + "\n".join(ctx.rendered), opening=plain(first.group(0)) if first else "")
    if table is not None and len(table.columns) >= 2:
        facts = table.text()
        system = SYSTEM_COMPARE
        user = f"TABLE:\n{facts}\n\nQUESTION: {ctx.question.text}"
    else:
        facts = "\n".join(ctx.rendered)
        system = SYSTEM
        user = f"FACTS:\n{facts}\n\nQUESTION: {ctx.question.text}"
    messages = [{"role": "system", "content": system}]
    used = 0
    for question, answer in reversed(history or []):
        turn = len(question) + len(answer)
        if used + turn > HISTORY_CHARS:
            break
        messages[1:1] = [{"role": "user", "content": question}, {"role": "assistant", "content": answer}]
        used += turn
    messages.append({"role": "user", "content": user})
    return Prompt(messages=messages, draft=draft, max_tokens=MAX_TOKENS.get(mode, 200), facts=facts)


def plain(markdown: str) -> str:
    """Return Markdown as plain text: links reduced to their text, escapes and emphasis removed."""
    text = _LINK.sub(lambda m: m.group(1), markdown)
    text = re.sub(r"\\([\[\]*_|\\])", r"\1", text)
    text = text.replace("**", "")
    return re.sub(r"\n- ", "\n", text).strip()
