"""One incremental harvest per platform at a time, across every worker, through a Redis lock.

Beat may fire again while a long harvest still runs, and two workers harvesting the same
listing would plan the same new FDOs twice. The second run finds the lock held and returns at
once; the lock expires on its own if its worker dies, so a crash never blocks harvests for good.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager

import redis

__all__ = ["platform_lock", "counts_lock", "LOCK_SECONDS"]

LOCK_SECONDS = 6 * 3600  # longer than any incremental harvest; released at the end of each run


@contextmanager
def platform_lock(broker_url: str, platform: str, seconds: int = LOCK_SECONDS) -> Iterator[bool]:
    """Hold the harvest lock of ``platform`` while the block runs; yield False when another run holds it."""
    client = redis.Redis.from_url(broker_url)
    lock = client.lock(f"mlfdo:harvest:{platform}", timeout=seconds, blocking=False)
    held = lock.acquire()
    try:
        yield bool(held)
    finally:
        if held:
            try:
                lock.release()
            except redis.exceptions.LockError:  # expired meanwhile: nothing to release
                pass
        client.close()


def counts_lock(broker_url: str, seconds: int = 300) -> Callable[[], AbstractContextManager]:
    """Return a factory of the lock under which workers plan and commit a batch (see Store.counts_lock).

    It expires after ``seconds`` (a batch of 200 records takes a few seconds; a dead worker frees it then).
    """

    @contextmanager
    def hold() -> Iterator[None]:
        with redis.Redis.from_url(broker_url) as client:  # closed after each use: no socket outlives the lock
            with client.lock("mlfdo:store-counts", timeout=seconds, blocking_timeout=seconds):
                yield

    return hold
