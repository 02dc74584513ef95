"""Does the persisted search index match the store? (part of `mlfdo check`)"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from registry.search.document import indexed_versions

__all__ = ["IndexReport", "check_index", "local_index_path"]


@dataclass
class IndexReport:
    """Index versus store: FDOs the index lags behind on (fixed by `mlfdo index`), and ones it cannot hold."""

    where: str
    indexed: int = 0
    behind: list[str] = field(default_factory=list)  # missing, older version, or withdrawn/removed since
    ahead: list[str] = field(default_factory=list)  # a version newer than the store's: never valid
    note: str = ""

    @property
    def current(self) -> bool:
        return not self.behind and not self.ahead


def local_index_path(data_dir: Path | None) -> Path | None:
    """Return the embedded index directory under ``data_dir`` (None for an in-memory registry)."""
    return None if data_dir is None else Path(data_dir) / "search" / "qdrant"


def _client(registry):
    from qdrant_client import QdrantClient

    url = str(registry.settings.get("QDRANT_URL") or "")
    if url:
        return QdrantClient(url=url, timeout=30), url
    path = local_index_path(registry.data_dir)
    if path is None or not (path / "meta.json").exists():
        return None, str(path)
    return QdrantClient(path=str(path)), str(path)


def check_index(registry) -> IndexReport | None:
    """Compare every indexed (pid, version) with the store's current versions; None when there is no index.

    Reads payloads only (no embedding model is loaded).
    """
    try:
        client, where = _client(registry)
    except RuntimeError as exc:  # local mode: the folder is locked by a running server
        return IndexReport(where="embedded index", note=f"not checked: {exc}")
    if client is None:
        return None
    try:
        names = [c.name for c in client.get_collections().collections if c.name.startswith("mlfdo-")]
        have: dict[str, int] = {}
        for name in names:
            offset = None
            while True:
                records, offset = client.scroll(name, limit=1000, offset=offset, with_payload=["pid", "version"],
                                                with_vectors=False)
                for rec in records:
                    payload = rec.payload or {}
                    if "pid" in payload:
                        have[payload["pid"]] = max(have.get(payload["pid"], 0), int(payload.get("version") or 0))
                if offset is None:
                    break
    finally:
        client.close()
    wanted = {pid: item.version for pid, item in indexed_versions(registry.store).items()}
    report = IndexReport(where=where, indexed=len(have))
    report.behind = sorted([p for p, n in wanted.items() if have.get(p, 0) < n] + sorted(set(have) - set(wanted)))
    report.ahead = sorted(p for p, n in have.items() if p in wanted and n > wanted[p])
    return report
