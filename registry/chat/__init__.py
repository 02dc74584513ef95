"""Chat with the registry: answers grounded in FDOs that cite their PIDs (see docs/chat.md)."""

from __future__ import annotations

from registry.chat.service import Answer, ChatService

__all__ = ["get_chat", "ChatService", "Answer"]


def get_chat(registry) -> ChatService:
    """Return the registry's chat service, created on first use (the language model loads lazily)."""
    return registry.extension("chat", ChatService.from_registry)
