"""Dead letters: background tasks that kept failing after their retries, kept in the broker's Redis.

A worker that gives up on a task records it here (task, arguments, error, retries, time); the
store may be the very thing that failed, so the record goes to Redis, not to the store.
``mlfdo stats`` and ``/api/stats`` show how many there are and the newest ones.
"""

from __future__ import annotations

import json
from datetime import datetime, timezone

__all__ = ["record", "recent", "with_dead_letters", "KEY", "KEEP"]

KEY = "mlfdo:dead-letters"
KEEP = 1000  # newest entries kept
TIMEOUT = 0.5


def _client(broker_url: str):
    if not broker_url.startswith("redis://"):
        return None
    import redis

    return redis.Redis.from_url(broker_url, socket_timeout=TIMEOUT, socket_connect_timeout=TIMEOUT)


def record(broker_url: str, task: str, args: list, kwargs: dict, error: str, retries: int) -> None:
    """Keep a task that failed for good. Raises redis errors when the broker does not answer."""
    client = _client(broker_url)
    if client is None:
        return
    entry = {"task": task, "args": args, "kwargs": kwargs, "error": error[:500], "retries": retries,
             "at": datetime.now(timezone.utc).isoformat()}
    with client:
        client.lpush(KEY, json.dumps(entry, default=str))
        client.ltrim(KEY, 0, KEEP - 1)


def recent(broker_url: str, limit: int = 5) -> tuple[int, list[dict]] | None:
    """Return (how many, the newest ``limit``), or None when the broker is not a Redis that answers."""
    import redis

    client = _client(broker_url)
    if client is None:
        return None
    try:
        with client:
            return int(client.llen(KEY)), [json.loads(e) for e in client.lrange(KEY, 0, limit - 1)]
    except redis.RedisError:
        return None


def with_dead_letters(stats: dict, broker_url: str) -> dict:
    """Return ``stats`` with ``dead_letters`` (count and newest) when the broker answers."""
    found = recent(broker_url)
    if found is None:
        return stats
    return {**stats, "dead_letters": found[0], "newest_dead_letters": found[1]}
