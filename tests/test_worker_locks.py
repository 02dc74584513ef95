"""One incremental harvest per platform at a time, across workers, through a real Redis."""

from __future__ import annotations

import redis

from workers.locks import platform_lock
from tests.servers import redis_db_url

BROKER = redis_db_url(0)


def test_second_run_of_a_platform_finds_the_lock_held_until_the_first_ends():
    with redis.Redis.from_url(BROKER) as client:
        client.delete("mlfdo:harvest:huggingface", "mlfdo:harvest:openml")
    with platform_lock(BROKER, "huggingface") as first:
        with platform_lock(BROKER, "huggingface") as second, platform_lock(BROKER, "openml") as other:
            assert (first, second, other) == (True, False, True)
    with platform_lock(BROKER, "huggingface") as again:
        assert again


def test_lock_of_a_dead_worker_expires():
    import time

    with redis.Redis.from_url(BROKER) as client:
        client.delete("mlfdo:harvest:arxiv")
        client.lock("mlfdo:harvest:arxiv", timeout=1).acquire()  # never released
    with platform_lock(BROKER, "arxiv") as held:
        assert not held
    time.sleep(1.2)
    with platform_lock(BROKER, "arxiv") as held:
        assert held
