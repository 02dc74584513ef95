"""Several processes, one index: each web process's engine follows what the others change.

With the remote store, writers (Celery workers, ``mlfdo harvest``) and several web processes
share one SPARQL server. Each web process keeps its own engine (and, without a Qdrant server,
its own local-mode collection: local mode locks its folder to one process, so a second process
on the same data directory takes ``search/qdrant-2``, and so on). The change feed
(registry/changefeed.py) tells every web process which FDOs another process changed; its
engine re-reads and re-embeds them (or takes them from a shared Qdrant server when another
process indexed them already). See docs/search.md, "Several processes".
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from registry.changefeed import follower
from registry.search.persist import IndexUnavailable, QdrantIndex

if TYPE_CHECKING:
    from registry.search.index import SearchIndex
    from registry.service import Registry

__all__ = ["open_persisted", "follow_changes", "start_following", "follow_notes", "LOCAL_REPLICAS"]

log = logging.getLogger(__name__)

LOCAL_REPLICAS = 16  # local-mode folders tried on one data directory (qdrant, qdrant-2, ...)


def open_persisted(url: str, data_dir: Path | None, slug: str, dim: int, shared: bool) -> QdrantIndex:
    """Open the collection; on a shared store, a process finding the local folder in use takes the next free one.

    Raises IndexUnavailable when none is free (or the Qdrant server cannot be used).
    """
    try:
        return QdrantIndex.open(url, data_dir, slug, dim)
    except IndexUnavailable:
        if url or not shared or data_dir is None:
            raise  # the embedded store belongs to one process: a second one is a mistake worth reporting
    for n in range(2, LOCAL_REPLICAS + 1):
        try:
            return QdrantIndex.open(url, data_dir, slug, dim, folder=f"qdrant-{n}")
        except IndexUnavailable:
            continue
    raise IndexUnavailable(f"all {LOCAL_REPLICAS} local search index folders in {data_dir}/search are in use")


def follow_changes(registry: "Registry", index: "SearchIndex") -> None:
    """Mark where the change feed ends now (before the index catches up with the store), and follow it from there.

    Call :func:`start_following` once the searcher is built. Nothing happens without a feed.
    """
    import redis

    feed = follower(registry.store, registry.settings, lock=index._sync_lock,
                    on_gap=lambda: setattr(index, "stale", True))
    if feed is None:
        return
    try:
        feed.mark()
    except redis.RedisError as exc:
        log.warning("change feed unreachable (%s): searching goes on, catching up every minute meanwhile", exc)
    index.follower = feed


def start_following(index: "SearchIndex") -> None:
    """Start the follower :func:`follow_changes` prepared."""
    if index.follower is not None:
        index.follower.start()


def follow_notes(index: "SearchIndex") -> list[str]:
    """Return the notes a search carries while its index lags behind other processes' changes."""
    feed = index.follower
    if feed is None:
        return []
    if feed.behind:
        return [f"The search index is taking in {feed.behind:,} recent changes made elsewhere: they may be missing."]
    if not feed.connected:
        return ["Changes made by other processes reach this search index with a delay (their change feed is "
                "unreachable)."]
    return []
