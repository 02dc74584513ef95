"""Fan-out bookkeeping in Redis: which pages of one listing run are still pending.

A run lists pages and dispatches one task per page. The high-water mark may move only when
the listing is complete and every page task has succeeded, whichever of them finishes last.
Pending pages are a Redis set (not a counter), so a page task delivered twice removes its page
once; a page that fails for good stays pending, and the run never reports ready.
"""

from __future__ import annotations

import json
import uuid

import redis

__all__ = ["FanOut", "KEY_PREFIX", "TTL"]

KEY_PREFIX = "mlfdo:fanout:"
TTL = 7 * 24 * 3600  # seconds a run's bookkeeping is kept (a run that never finishes is forgotten then)

# Remove a page (if given) and answer the mark when the listing is done and no page is pending.
_SETTLE = """
if ARGV[1] ~= '' then redis.call('SREM', KEYS[1], ARGV[1]) end
if redis.call('HGET', KEYS[2], 'listed') == '1' and redis.call('SCARD', KEYS[1]) == 0 then
  return redis.call('HGET', KEYS[2], 'mark')
end
return false
"""


class FanOut:
    """One fan-out run: ``add`` pages while listing, ``listed`` at its end, ``done`` per finished page."""

    def __init__(self, broker_url: str, run: str | None = None) -> None:
        self.client = redis.Redis.from_url(broker_url)
        self.run = run or uuid.uuid4().hex
        self._pending = f"{KEY_PREFIX}{self.run}:pending"
        self._meta = f"{KEY_PREFIX}{self.run}"
        self._settle = self.client.register_script(_SETTLE)

    def add(self, page: int) -> None:
        """Count ``page`` as pending (before its task is sent)."""
        with self.client.pipeline() as pipe:
            pipe.sadd(self._pending, page).expire(self._pending, TTL).execute()

    def listed(self, mark: dict | None) -> dict | None:
        """Record that the listing ended (``mark``: what the high-water mark may become, None: it may not move).

        Return the mark when every page has already finished, else None.
        """
        with self.client.pipeline() as pipe:
            pipe.hset(self._meta, mapping={"listed": "1", "mark": json.dumps(mark)}).expire(self._meta, TTL).execute()
        return self._answer(self._settle(keys=[self._pending, self._meta], args=[""]))

    def done(self, page: int) -> dict | None:
        """Record that ``page`` is stored; return the mark when it was the last one pending and listing ended."""
        return self._answer(self._settle(keys=[self._pending, self._meta], args=[str(page)]))

    def pending(self) -> set[int]:
        """Return the pages not yet stored."""
        return {int(p) for p in self.client.smembers(self._pending)}

    @staticmethod
    def _answer(value) -> dict | None:
        return json.loads(value) if value else None

    def close(self) -> None:
        self.client.close()
