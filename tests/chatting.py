"""Helpers for tests of the chat's retrieval steps."""

from __future__ import annotations

from registry.chat.context import Context
from registry.search.understand import Question, read


def after_first_search(retriever, question: str, query: str, limit: int) -> tuple[Question, Context]:
    """Read ``question`` as the retriever does and return it with a context whose first search ran ``query``."""
    q = read(question, retriever.search.understand)
    ctx = Context(question=q)
    ctx.search = retriever.search.search(query, limit=limit)
    return q, ctx
