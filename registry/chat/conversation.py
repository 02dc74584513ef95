"""Conversation state per client, bounded in turns, characters, number of conversations and age.

A conversation is addressed by an opaque random id the server hands out with the first answer;
the client sends it back. The server keeps, per conversation, the last ``MAX_TURNS`` turns
(question, a short form of the answer, the FDOs it was about), at most ``MAX_CHARS`` characters
in all; the least recently used conversations beyond ``MAX_CONVERSATIONS`` and those idle for
``TTL_SECONDS`` are dropped. An unknown or expired id starts a fresh conversation.
"""

from __future__ import annotations

import re
import secrets
import threading
import time
from collections import OrderedDict, deque
from dataclasses import dataclass, field

__all__ = ["Turn", "Conversation", "ConversationStore", "MAX_TURNS", "MAX_CHARS", "MAX_CONVERSATIONS",
           "TTL_SECONDS"]

MAX_TURNS = 6
MAX_CHARS = 4000
MAX_CONVERSATIONS = 1000
TTL_SECONDS = 3600.0
ANSWER_CHARS = 400  # the part of an answer kept for the next turn's prompt
_ID = re.compile(r"^[A-Za-z0-9_-]{8,64}$")


@dataclass(frozen=True)
class Turn:
    question: str
    answer: str
    focus: tuple[str, ...]

    def size(self) -> int:
        return len(self.question) + len(self.answer)


@dataclass
class Conversation:
    id: str
    turns: deque = field(default_factory=lambda: deque(maxlen=MAX_TURNS))
    touched: float = field(default_factory=time.monotonic)

    def focus(self) -> list[str]:
        """Return the FDOs the last answer was about."""
        return list(self.turns[-1].focus) if self.turns else []

    def history(self) -> list[tuple[str, str]]:
        return [(t.question, t.answer) for t in self.turns]


class ConversationStore:
    """In-memory conversations for one process (the web app's, or one CLI session's)."""

    def __init__(self, max_conversations: int = MAX_CONVERSATIONS, max_turns: int = MAX_TURNS,
                 max_chars: int = MAX_CHARS, ttl: float = TTL_SECONDS, clock=time.monotonic) -> None:
        self.max_conversations = max_conversations
        self.max_turns = max_turns
        self.max_chars = max_chars
        self.ttl = ttl
        self.clock = clock
        self._items: OrderedDict[str, Conversation] = OrderedDict()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._items)

    def get(self, conversation_id: str | None) -> Conversation:
        """Return the conversation ``conversation_id``, or a new one when it is unknown, expired or malformed."""
        now = self.clock()
        with self._lock:
            self._expire(now)
            conv = self._items.get(conversation_id or "") if conversation_id and _ID.match(conversation_id) else None
            if conv is None:
                conv = Conversation(secrets.token_urlsafe(12), deque(maxlen=self.max_turns), now)
                self._items[conv.id] = conv
                while len(self._items) > self.max_conversations:
                    self._items.popitem(last=False)
            conv.touched = now
            self._items.move_to_end(conv.id)
            return conv

    def add(self, conv: Conversation, question: str, answer: str, focus: list[str]) -> None:
        """Record a turn, trimming the oldest turns past the size bound."""
        answer = answer if len(answer) <= ANSWER_CHARS else answer[:ANSWER_CHARS].rsplit(" ", 1)[0] + "…"
        with self._lock:
            conv.turns.append(Turn(question[:ANSWER_CHARS], answer, tuple(focus)))
            while len(conv.turns) > 1 and sum(t.size() for t in conv.turns) > self.max_chars:
                conv.turns.popleft()
            conv.touched = self.clock()

    def _expire(self, now: float) -> None:
        while self._items:
            oldest = next(iter(self._items.values()))
            if now - oldest.touched <= self.ttl:
                break
            self._items.popitem(last=False)
