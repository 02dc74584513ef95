"""Template helpers for identity across platforms: the same-as cluster of an FDO, FDOs by platform.

Registered as Jinja globals so pages show them through small includes
(``fdo/_cluster.html``, ``pages/_platforms.html``) without their views knowing.
"""

from __future__ import annotations

from flask import Flask

from registry.pid import id_from_pid
from registry.store.platforms import ClusterMember, platform_counts, same_as_cluster
from registry.web.responses import registry

__all__ = ["init_app", "PLATFORM_NAMES", "cluster", "platforms"]

# mint platform -> the platform people know
PLATFORM_NAMES = {
    "hf": "Hugging Face", "hf-dataset": "Hugging Face", "hf-user": "Hugging Face", "hf-task": "Hugging Face",
    "openml": "OpenML", "openml-dataset": "OpenML", "openml-run": "OpenML", "openml-task": "OpenML",
    "openml-user": "OpenML", "openml-creator": "OpenML", "arxiv": "arXiv", "arxiv-author": "arXiv", "doi": "DOI",
}
_SHOWN_KINDS = ("model", "dataset", "paper", "evaluation", "task")


def cluster(pid: str) -> list[dict]:
    """Return the other FDOs describing the same entity as ``pid``, for display."""
    store = registry().store
    members: list[ClusterMember] = same_as_cluster(store, pid)
    return [{"id": id_from_pid(store.base_url, m.pid) or m.pid, "pid": m.pid, "name": m.name, "kind": m.kind,
             "platform": PLATFORM_NAMES.get(m.platform, m.platform), "rules": m.rules, "matched": m.values}
            for m in members]


def platforms() -> list[dict]:
    """Return [{name, counts: [(kind, n)], total}] for every platform with active FDOs, largest first."""
    merged: dict[str, dict[str, int]] = {}
    for platform, kinds in platform_counts(registry().store).items():
        name = PLATFORM_NAMES.get(platform)
        if name is None:
            continue
        target = merged.setdefault(name, {})
        for kind, n in kinds.items():
            if kind in _SHOWN_KINDS:
                target[kind] = target.get(kind, 0) + n
    rows = [{"name": name, "counts": sorted(kinds.items(), key=lambda kv: -kv[1]), "total": sum(kinds.values())}
            for name, kinds in merged.items() if kinds]
    return sorted(rows, key=lambda r: -r["total"])


def init_app(app: Flask) -> None:
    """Make ``same_as(pid)`` and ``platforms()`` available to every template."""
    app.jinja_env.globals.update(same_as=cluster, platforms=platforms)
