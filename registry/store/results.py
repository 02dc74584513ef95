"""Small result objects returned by the store."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from pyoxigraph import Triple

__all__ = ["IngestResult", "VersionInfo", "Diff", "Failure", "Label", "Inbound", "CatalogueEntry", "Names", "KeywordHit"]


@dataclass(frozen=True)
class IngestResult:
    """What one ingest did. ``status``: new, changed, unchanged, counters, stub-skipped, failed."""

    pid: str
    status: str
    version: int | None = None
    error: str | None = None


@dataclass(frozen=True)
class VersionInfo:
    """One immutable version of an FDO and its provenance."""

    pid: str
    number: int
    iri: str
    generated_at: datetime
    content_hash: str
    harvester: str | None = None
    harvester_version: str | None = None
    source_url: str | None = None
    source_etag: str | None = None
    conforms: bool | None = None
    violations: int | None = None
    warnings: int | None = None
    last_checked: datetime | None = None
    check_count: int = 0
    problems: tuple[str, ...] = ()
    previous: str | None = None


@dataclass(frozen=True)
class Diff:
    """Triples added and removed between two versions, with a per-property summary."""

    pid: str
    from_version: int
    to_version: int
    added: tuple[Triple, ...]
    removed: tuple[Triple, ...]
    by_property: dict[str, dict[str, int]] = field(default_factory=dict)

    @property
    def unchanged(self) -> bool:
        return not self.added and not self.removed


@dataclass(frozen=True)
class Failure:
    """A source record that could not be transformed at all, kept for operators."""

    iri: str
    platform: str
    platform_id: str
    error: str
    at: datetime


@dataclass(frozen=True)
class Label:
    """What a link to an entity shows: its name and identifier, and for an FDO its kind and status."""

    name: str | None = None
    identifier: str | None = None
    kind: str | None = None
    status: str | None = None


@dataclass(frozen=True)
class Inbound:
    """FDOs whose triples point at one FDO with one predicate: how many, and the first ``owners``."""

    predicate: str
    total: int
    owners: tuple[str, ...]


@dataclass(frozen=True)
class CatalogueEntry:
    """One current FDO as the bookkeeping graph lists it."""

    pid: str
    version: int
    kind: str
    status: str
    platform: str = ""


@dataclass(frozen=True)
class Names:
    """The name-like literals of an FDO (name, identifier, alternate names) and its downloads."""

    pid: str
    names: tuple[str, ...]
    downloads: int = 0


@dataclass(frozen=True)
class KeywordHit:
    """A model whose name, keywords or description contain some of the words looked for."""

    pid: str
    name: str
    hits: int
    downloads: int = 0
