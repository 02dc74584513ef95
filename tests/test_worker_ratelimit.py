"""Workers share one politeness budget per platform through a real Redis."""

from __future__ import annotations

import redis

from workers.ratelimit import SharedThrottle
from tests.servers import redis_db_url

BROKER = redis_db_url(0)


def test_two_workers_book_slots_one_interval_apart():
    with redis.Redis.from_url(BROKER) as client:
        client.delete("mlfdo:rate:huggingface", "mlfdo:rate:openml")
    first, second = SharedThrottle(BROKER, "huggingface", 50), SharedThrottle(BROKER, "huggingface", 50)
    slots = sorted(t.reserve()[0] for _ in range(10) for t in (first, second))
    gaps = {b - a for a, b in zip(slots, slots[1:])}
    assert gaps == {20_000}, "20 requests at 50/s: one every 20 ms, whichever worker sends it"
    other = SharedThrottle(BROKER, "openml", 50)
    slot, now = other.reserve()
    assert slot == now, "another platform has a budget of its own"
    for throttle in (first, second, other):
        throttle.close()


def test_no_rate_means_no_waiting():
    throttle = SharedThrottle(BROKER, "local-replay", 0)
    assert throttle.interval_us == 0
    throttle.wait()
    throttle.close()
