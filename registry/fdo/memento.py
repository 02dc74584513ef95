"""Memento (RFC 7089): HTTP dates, TimeGate choice and TimeMaps for FDO versions."""

from __future__ import annotations

from datetime import datetime, timezone
from email.utils import format_datetime, parsedate_to_datetime

from registry.errors import BadRequest
from registry.fdo.signposting import Link
from registry.fdo.urls import FdoUrls
from registry.store.results import VersionInfo

__all__ = ["http_date", "parse_accept_datetime", "timemap", "version_links"]


def http_date(value: datetime) -> str:
    """Return ``value`` as an RFC 7231 HTTP-date (``Tue, 01 Oct 2024 10:00:00 GMT``)."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=timezone.utc)
    return format_datetime(value.astimezone(timezone.utc), usegmt=True)


def parse_accept_datetime(value: str) -> datetime:
    """Parse an ``Accept-Datetime`` header (an RFC 1123 date). Raises BadRequest when malformed."""
    try:
        parsed = parsedate_to_datetime(value.strip())
    except (TypeError, ValueError, IndexError):
        parsed = None
    if parsed is None or not value.strip().endswith("GMT"):
        raise BadRequest(f"Accept-Datetime {value!r} is not an RFC 1123 date such as "
                         "'Tue, 01 Oct 2024 10:00:00 GMT'", header="Accept-Datetime")
    return parsed.astimezone(timezone.utc)


def version_links(urls: FdoUrls, versions: list[VersionInfo], n: int) -> list[Link]:
    """Return the Memento and version-navigation links of version ``n``."""
    links = [Link(urls.pid, "original timegate"), Link(urls.timemap, "timemap", "application/link-format")]
    by_number = {v.number: v for v in versions}
    first, last = versions[0], versions[-1]
    rels: dict[int, list[str]] = {}
    rels.setdefault(first.number, []).append("first")
    rels.setdefault(last.number, []).append("last")
    if n - 1 in by_number:
        rels.setdefault(n - 1, []).append("prev")
    if n + 1 in by_number:
        rels.setdefault(n + 1, []).append("next")
    for number in sorted(rels):
        rel = " ".join(rels[number]) + " memento"
        links.append(Link(urls.version(number), rel, datetime=http_date(by_number[number].generated_at)))
    if n - 1 in by_number:
        links.append(Link(urls.version(n - 1), "predecessor-version"))
    if n + 1 in by_number:
        links.append(Link(urls.version(n + 1), "successor-version"))
    links.append(Link(urls.pid, "latest-version"))
    links.append(Link(urls.versions, "version-history"))
    return links


def timemap(urls: FdoUrls, versions: list[VersionInfo]) -> str:
    """Return the TimeMap of an FDO in ``application/link-format``."""
    self_link = Link(urls.timemap, "self", "application/link-format").header_value()
    if versions:
        self_link += f'; from="{http_date(versions[0].generated_at)}"; until="{http_date(versions[-1].generated_at)}"'
    lines = [Link(urls.pid, "original timegate").header_value(), self_link]
    for i, v in enumerate(versions):
        rel = "memento"
        if i == 0:
            rel = "first " + rel
        if i == len(versions) - 1:
            rel = "last " + rel
        lines.append(Link(urls.version(v.number), rel, datetime=http_date(v.generated_at)).header_value())
    return ",\n".join(lines) + "\n"
