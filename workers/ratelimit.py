"""One politeness budget per platform, shared by every worker through Redis.

Each request takes the next free slot of the platform's schedule: a Redis script reads the
shared "next free time", books ``max(now, next)`` and moves "next" one interval on, with the
Redis server's clock, so N workers on any number of machines together send at most ``rate``
requests per second. It has the ``wait()`` of the harvesters' in-process throttle.
"""

from __future__ import annotations

import time

import redis

__all__ = ["SharedThrottle"]

# KEYS[1]: the platform's next free time (microseconds); ARGV[1]: the interval in microseconds.
_BOOK = """
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local nxt = tonumber(redis.call('GET', KEYS[1]) or '0')
local slot = math.max(now, nxt)
redis.call('SET', KEYS[1], string.format('%.0f', slot + tonumber(ARGV[1])), 'PX', 60000 + math.floor((slot - now) / 1000))
return {string.format('%.0f', slot), string.format('%.0f', now)}
"""


class SharedThrottle:
    """At most ``rate`` requests per second for ``platform``, across every process using the same Redis."""

    def __init__(self, broker_url: str, platform: str, rate: float) -> None:
        self.interval_us = int(1_000_000 / rate) if rate and rate > 0 else 0
        self.key = f"mlfdo:rate:{platform}"
        self.client = redis.Redis.from_url(broker_url)
        self.book = self.client.register_script(_BOOK)

    def reserve(self) -> tuple[int, int]:
        """Book the next slot; return (slot, now) in microseconds of the Redis clock."""
        slot, now = self.book(keys=[self.key], args=[self.interval_us])
        return int(slot), int(now)

    def close(self) -> None:
        """Close the connection to Redis."""
        self.client.close()

    def wait(self) -> None:
        """Sleep until this process's next request may go."""
        if not self.interval_us:
            return
        slot, now = self.reserve()
        if slot > now:
            time.sleep((slot - now) / 1_000_000)
