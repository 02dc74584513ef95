"""The change feed: how a change written by one process reaches every other process on the same store.

With the remote store (``MLFDO_STORE_URL``) several processes write and read one SPARQL server:
Celery workers and ``mlfdo harvest`` write, web processes keep an in-memory search index (and
other caches fed by ``Store.on_change``) that must follow. ``Store.on_change`` only sees the
process's own writes, so:

- every process publishes its committed changes (pid, status, version of each new, changed or
  withdrawn FDO, one entry per batch) to a Redis stream (``XADD``), after the store commits;
- a process that searches follows the stream with a blocking ``XREAD`` in a thread and replays
  each entry to its own ``Store.on_change`` listeners (search index, concepts, chat names),
  skipping the entries its own store published (those reached its listeners at commit).

Redis orders the entries (its ids increase), so a follower that starts reading at the stream's
last id before catching up with the store misses nothing written after that. A change is lost
to the feed only when its writer dies between the commit and the ``XADD``, or when Redis is
away: the follower then marks the index stale (its next search runs a full catch-up) when it
loses or regains Redis, or when a writer's next entry says it dropped changes; a full catch-up
also runs every 15 minutes (``FOLLOWING_SYNC_INTERVAL`` in registry/search/index.py). The stream
keeps the newest ``MAXLEN`` entries; a follower that fell further behind catches up in full.
See docs/search.md.

The feed is the broker's Redis (``MLFDO_BROKER_URL``) and exists only with a remote store: an
embedded store belongs to one process, which sees all its changes itself.
"""

from __future__ import annotations

import hashlib
import json
import logging
import threading
import time
import uuid
from collections.abc import Callable
from contextlib import nullcontext

from registry.store import IngestResult, Store

__all__ = ["feed_target", "FeedPublisher", "FeedFollower", "attach_publisher", "follower", "replay", "MAXLEN"]

log = logging.getLogger(__name__)

MAXLEN = 100_000  # entries kept (approximately: Redis trims whole nodes)
BLOCK_MS = 1000  # a follower's XREAD waits this long for an entry before looking again
READ_COUNT = 100  # entries read at once
RETRY_SECONDS = 2.0  # a follower's wait after Redis failed to answer
PUBLISH_RETRY_SECONDS = 30.0  # a publisher's: its changes are dropped meanwhile (followers catch up in full)
EXPIRE_SECONDS = 7 * 86400  # a feed nobody wrote to for a week goes (its readers then catch up in full once)
TIMEOUT = 5.0
CONNECT_TIMEOUT = 1.0
_replaying = threading.local()  # set while a follower hands another process's change to the listeners


def feed_target(settings) -> tuple[str, str] | None:
    """Return (Redis URL, stream key) of the change feed, or None when there is none.

    There is one when the store is remote and the broker is Redis. The key is named after the
    store URL, so every process given the same ``MLFDO_STORE_URL`` shares one feed.
    """
    store_url = str(settings.get("STORE_URL") or "")
    broker = str(settings.get("BROKER_URL") or "")
    if not store_url or not broker.startswith(("redis://", "rediss://", "unix://")):
        return None
    digest = hashlib.sha1(store_url.rstrip("/").encode()).hexdigest()[:16]
    return broker, f"mlfdo:changes:{digest}"


def _client(url: str, block: bool = False):
    import redis

    # a blocking XREAD must be allowed to wait longer than the socket timeout
    return redis.Redis.from_url(url, socket_connect_timeout=CONNECT_TIMEOUT,
                                socket_timeout=TIMEOUT + (BLOCK_MS / 1000 if block else 0))


def _encode(results: list[IngestResult]) -> str:
    return json.dumps([[r.pid, r.status, r.version] for r in results])


def _decode(data: bytes | str) -> list[IngestResult]:
    return [IngestResult(pid, status, version) for pid, status, version in json.loads(data)]


class FeedPublisher:
    """A ``Store.on_change`` listener that appends each committed change to the feed. Never raises.

    After Redis failed to answer it does not try again for ``PUBLISH_RETRY_SECONDS`` (an ingest
    never waits on an absent Redis batch after batch).
    """

    def __init__(self, url: str, key: str) -> None:
        self.url, self.key = url, key
        self.origin = uuid.uuid4().hex  # its own entries are not replayed to its store
        self.failed = 0  # changes that could not be published (the readers' safety catch-up finds them)
        self._redis = None
        self._lock = threading.Lock()
        self._retry_at = 0.0
        self._dropped = 0  # changes not published since the last entry that was

    def __call__(self, results: list[IngestResult]) -> None:
        import redis

        if getattr(_replaying, "active", False):  # another process's change, replayed here: already in the feed
            return
        with self._lock:
            if time.monotonic() < self._retry_at:
                self.failed += len(results)
                self._dropped += len(results)
                return
            try:
                if self._redis is None:
                    self._redis = _client(self.url)
                entry = {"origin": self.origin, "changes": _encode(results)}
                if self._dropped:  # followers cannot know what was lost: they catch up in full
                    entry["dropped"] = str(self._dropped)
                with self._redis.pipeline(transaction=False) as pipe:
                    pipe.xadd(self.key, entry, maxlen=MAXLEN, approximate=True)
                    pipe.expire(self.key, EXPIRE_SECONDS)
                    pipe.execute()
                self._dropped = 0
            except redis.RedisError as exc:
                self.failed += len(results)
                self._dropped += len(results)
                self._redis = None
                self._retry_at = time.monotonic() + PUBLISH_RETRY_SECONDS
                log.warning("change feed %s: %d changes not published (%s); other processes catch up later",
                            self.key, len(results), exc)

    def close(self) -> None:
        with self._lock:
            if self._redis is not None:
                self._redis.close()
                self._redis = None


class FeedFollower:
    """Follow the feed in a thread; hand every entry another process published to ``apply``.

    ``on_gap`` is called when changes may have been missed (Redis lost or back, the stream
    trimmed past this follower's position, a writer that says it dropped changes, an apply
    failed): the caller then catches up in full.
    ``behind`` is the number of FDO changes read from the feed and not applied yet.
    """

    def __init__(self, url: str, key: str, apply: Callable[[list[IngestResult]], None],
                 on_gap: Callable[[], None], origin: str = "") -> None:
        self.url, self.key, self.origin = url, key, origin
        self.apply, self.on_gap = apply, on_gap
        self.position: str | None = None
        self.behind = 0
        self.applied = 0  # FDO changes applied so far
        self.connected = False
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def mark(self) -> None:
        """Take the stream's current end as the position to follow from (call before catching up with the store).

        Raises a redis error when Redis does not answer.
        """
        client = _client(self.url)
        try:
            last = client.xrevrange(self.key, count=1)
        finally:
            client.close()
        self.position = last[0][0].decode() if last else "0-0"
        self.connected = True

    def start(self) -> None:
        """Start following from the marked position (from the stream's end, with a full catch-up, if none)."""
        self._thread = threading.Thread(target=self._run, name="mlfdo-change-feed", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        import redis

        client = None
        while not self._stop.is_set():
            try:
                if client is None:
                    client = _client(self.url, block=True)
                    if self.position is None or not self.connected:
                        self._reconnected(client)
                answer = client.xread({self.key: self.position}, count=READ_COUNT, block=BLOCK_MS)
                for _key, entries in answer or []:
                    self._check_gap(client)
                    self._take(entries)
            except redis.RedisError as exc:
                if self.connected:  # once per outage: changes published meanwhile may be lost
                    log.warning("change feed %s lost (%s); the search index catches up in full", self.key, exc)
                    self.connected = False
                    self.on_gap()
                if client is not None:
                    client.close()
                client = None
                self._stop.wait(RETRY_SECONDS)
            except Exception:  # noqa: BLE001 - e.g. an entry it cannot read: never stop following
                log.exception("change feed %s: following failed; the index catches up in full", self.key)
                self.behind = 0
                self.on_gap()
                self._stop.wait(RETRY_SECONDS)
        if client is not None:
            client.close()

    def _reconnected(self, client) -> None:
        if self.position is None:  # never marked: follow from the end
            last = client.xrevrange(self.key, count=1)
            self.position = last[0][0].decode() if last else "0-0"
        self.connected = True
        self.on_gap()  # writers could not publish while Redis was away: catch up with the store in full

    def _take(self, entries) -> None:
        batches = [(entry_id, _decode(fields[b"changes"]) if fields.get(b"origin", b"").decode() != self.origin else [])
                   for entry_id, fields in entries]
        if any(b"dropped" in fields for _, fields in entries):  # a writer could not publish everything
            self.on_gap()
        self.behind = sum(len(results) for _, results in batches)
        for entry_id, results in batches:
            if results:
                try:
                    self.apply(results)
                except Exception:  # noqa: BLE001 - a failed apply must not stop the follower, nor repeat forever
                    log.exception("change feed %s: applying a change failed; the index catches up in full", self.key)
                    self.on_gap()
                self.applied += len(results)
                self.behind -= len(results)
            self.position = entry_id.decode()

    def _check_gap(self, client) -> None:
        """Call ``on_gap`` when the stream no longer holds the entry after this follower's position."""
        first = client.xrange(self.key, count=1)
        if first and self.position not in (None, "0-0") and _id(first[0][0].decode()) > _id(self.position):
            self.on_gap()

    def close(self, timeout: float = 5.0) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)


def _id(entry: str) -> tuple[int, int]:
    ms, _, seq = entry.partition("-")
    return int(ms), int(seq or 0)


def replay(store: Store, results: list[IngestResult]) -> None:
    """Tell the store's listeners about changes another process committed (publishers stay silent)."""
    _replaying.active = True
    try:
        for listener in list(store.listeners):
            listener(results)
    finally:
        _replaying.active = False


def attach_publisher(store: Store, settings) -> FeedPublisher | None:
    """Publish the store's committed changes to the feed, when there is one; return the publisher."""
    target = feed_target(settings)
    if target is None:
        return None
    publisher = FeedPublisher(*target)
    store.on_change(publisher)
    return publisher


def follower(store: Store, settings, lock: threading.Lock | None = None,
             on_gap: Callable[[], None] = lambda: None) -> FeedFollower | None:
    """Return a follower (not started) that replays other processes' changes to ``store``'s listeners.

    ``lock`` is held while a change is applied (the search index's sync lock: a full catch-up and
    a replayed change never interleave). None when there is no feed.
    """
    target = feed_target(settings)
    if target is None:
        return None
    # what this store published itself reached its listeners when it was committed
    origin = next((l.origin for l in store.listeners if isinstance(l, FeedPublisher)), "")

    def apply(results: list[IngestResult]) -> None:
        with lock or nullcontext():
            replay(store, results)

    return FeedFollower(*target, apply=apply, on_gap=on_gap, origin=origin)
