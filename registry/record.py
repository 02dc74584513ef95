"""The unit of ingest: one FDO's graph plus where it came from."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from pyoxigraph import Triple

__all__ = ["Record", "SourceInfo", "KINDS"]

KINDS = ("model", "dataset", "paper", "organisation", "person", "term", "other")


@dataclass(frozen=True)
class SourceInfo:
    """Where a record came from: the harvest activity recorded in the provenance graph."""

    harvester: str
    harvester_version: str = "0"
    url: str | None = None
    etag: str | None = None  # ETag or commit sha of the source record
    started: datetime | None = None
    ended: datetime | None = None


@dataclass
class Record:
    """One FDO's triples, all with the PID or a ``{pid}#...`` node as subject.

    ``stub`` records describe an entity only referenced so far: they are written only
    when the PID holds nothing yet, and a later full record replaces them.
    ``raw`` is the platform's own record (kept beside the store); ``problems`` are
    harvest problems kept with the version's provenance.
    """

    pid: str
    triples: list[Triple]
    kind: str = "model"
    platform: str | None = None
    platform_id: str | None = None
    source: SourceInfo | None = None
    stub: bool = False
    raw: str | None = None
    problems: list[str] = field(default_factory=list)
