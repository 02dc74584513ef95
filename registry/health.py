"""Readiness of a running registry: the store answers, and the search index (when open) is current."""

from __future__ import annotations

__all__ = ["readiness"]


def _index_state(registry) -> str:
    searcher = registry.loaded("search")
    if searcher is None:
        return "not open"  # opened by the first search, which catches up in the background
    index = searcher.index
    if index.building is not None:
        done, planned = index.building
        return f"building ({done} of {planned})"
    feed = index.follower  # other processes' changes, when they write to a shared store
    if feed is not None and feed.behind:
        return f"catching up ({feed.behind} changes from other processes)"
    if feed is not None and not feed.connected:
        return "stale (change feed unreachable)"
    return "stale" if index.stale else "current"


def readiness(registry) -> dict:
    """Return ``{"status": "ok"|"starting"|"unavailable", "store": ..., "index": ...}``."""
    try:
        store_ok = bool(registry.store.answers())
    except Exception:  # noqa: BLE001 - any store failure means not ready
        store_ok = False
    index = _index_state(registry)
    status = "unavailable" if not store_ok else ("starting" if index.startswith("building") else "ok")
    return {"status": status, "store": "ok" if store_ok else "failing", "index": index}
