"""Result snippets: plain text (no Markdown) from the best matching field, with the matched words marked.

A description is Markdown (model cards); it is reduced to its words with markdown-it's parser,
split into sentences, and the sentence sharing the most query words wins. The tags and task
names compete too, so a model found through a tag shows the tag. ``highlight`` escapes the
text and wraps the matched words in ``<mark>`` for the HTML page.
"""

from __future__ import annotations

import functools
import re

from markdown_it import MarkdownIt
from markupsafe import Markup, escape

from registry.search.text import tokens

__all__ = ["plain_text", "best_snippet", "highlight", "matched_words"]

_SENTENCE = re.compile(r"(?<=[.!?])\s+")
_WORD = re.compile(r"[\w][\w.'-]*\w|\w", re.UNICODE)
_MD = MarkdownIt("commonmark").enable("table")


@functools.lru_cache(maxsize=2048)
def plain_text(markdown: str) -> str:
    """Return the words of a Markdown text: no markup, code spans kept as words, blocks joined by spaces."""
    if not markdown:
        return ""
    parts: list[str] = []
    for token in _MD.parse(markdown):
        if token.type == "inline":
            for child in token.children or ():
                if child.type in ("text", "code_inline"):
                    parts.append(child.content)
                elif child.type in ("softbreak", "hardbreak"):
                    parts.append(" ")
            parts.append(". " if parts and not parts[-1].rstrip().endswith((".", ":", "!", "?")) else " ")
        elif token.type in ("code_block", "fence"):
            parts.append(" ")
    text = re.sub(r"\s+", " ", "".join(parts)).strip()
    return re.sub(r"\s*\.\s*\.", ".", text).strip(" .") + ("." if text else "")


@functools.lru_cache(maxsize=8192)
def _token_set(text: str) -> frozenset[str]:
    """Return the index tokens of a sentence or word (cached: the same records come back for many queries)."""
    return frozenset(tokens(text))


def matched_words(text: str, query: str) -> tuple[str, ...]:
    """Return the words of ``text`` whose index token is one of the query's (as written in the text)."""
    wanted = _token_set(query)
    if not wanted:
        return ()
    return tuple(dict.fromkeys(w for w in _WORD.findall(text) if _token_set(w) & wanted))


def best_snippet(query: str, description: str, others: tuple[str, ...] = (), length: int = 240) -> str:
    """Return the sentence of the description or the other field texts sharing most words with the query."""
    wanted = _token_set(query)
    candidates = [s.strip() for s in _SENTENCE.split(plain_text(description[:1500]))[:12] if s.strip()]
    first = candidates[0] if candidates else ""
    candidates += [o for o in others if o]
    best, best_score = first or (others[0] if others else ""), 0.0
    if wanted:
        for i, sentence in enumerate(candidates):
            score = len(wanted & _token_set(sentence)) - i * 0.01
            if score > best_score:
                best, best_score = sentence, score
    return best if len(best) <= length else best[:length].rsplit(" ", 1)[0] + "…"


def highlight(text: str, words) -> Markup:
    """Return ``text`` HTML-escaped with each of ``words`` wrapped in ``<mark>``."""
    if not text:
        return Markup("")
    words = [w for w in words if w]
    if not words:
        return escape(text)
    pattern = re.compile("|".join(rf"(?<!\w){re.escape(w)}(?!\w)" for w in sorted(set(words), key=len, reverse=True)))
    out, last = [], 0
    for m in pattern.finditer(text):
        out.append(str(escape(text[last:m.start()])))
        out.append(f"<mark>{escape(m.group(0))}</mark>")
        last = m.end()
    out.append(str(escape(text[last:])))
    return Markup("".join(out))
