"""FAIR Signposting: Level 1 Link headers and Level 2 linksets (RFC 9264) for FDOs."""

from __future__ import annotations

import json
from dataclasses import dataclass

from registry.fdo.representations import RDF_VARIANTS
from registry.fdo.urls import FdoUrls
from registry.fdo.view import FdoPage
from registry.vocab import SCHEMA

__all__ = ["Link", "landing_links", "metadata_links", "memento_links", "linkset", "linkset_json",
           "link_header", "RO_CRATE_PROFILE", "ABOUT_PAGE"]

RO_CRATE_PROFILE = "https://w3id.org/ro/crate"
ABOUT_PAGE = SCHEMA.AboutPage.value
RECORD_TYPE = "application/json"


@dataclass(frozen=True)
class Link:
    """One typed link: ``<href>; rel=...; type=...; profile=...; anchor=...``."""

    href: str
    rel: str
    type: str | None = None
    profile: str | None = None
    anchor: str | None = None
    datetime: str | None = None
    title: str | None = None

    def header_value(self) -> str:
        """Return the link as an RFC 8288 Link header value."""
        parts = [f"<{self.href}>", f'rel="{self.rel}"']
        for key in ("type", "profile", "anchor", "datetime", "title"):
            value = getattr(self, key)
            if value:
                parts.append(f'{key}="{_quote(value)}"')
        return "; ".join(parts)


def _quote(value: str) -> str:
    return value.replace("\\", "\\\\").replace('"', '\\"')


def link_header(links: list[Link]) -> str:
    """Return one Link header value holding every link."""
    return ", ".join(link.header_value() for link in links)


def _describedby(urls: FdoUrls) -> list[Link]:
    links = [Link(urls.variant(v.suffix), "describedby", v.media_type) for v in RDF_VARIANTS]
    links.append(Link(urls.ro_crate, "describedby", "application/ld+json", profile=RO_CRATE_PROFILE))
    links.append(Link(urls.record, "describedby", RECORD_TYPE))
    return links


def landing_links(urls: FdoUrls, page: FdoPage) -> list[Link]:
    """Return the Level 1 signposting of a landing page (also kept on a 410 tombstone)."""
    links = [Link(urls.pid, "cite-as")]
    links.extend(_describedby(urls))
    links.extend(Link(t.iri, "type") for t in page.types)
    links.append(Link(ABOUT_PAGE, "type"))
    links.extend(Link(lic.iri, "license") for lic in page.licences if lic.href)
    links.extend(Link(a.iri, "author") for a in page.authors)
    if page.platform_url:
        links.append(Link(page.platform_url, "item", "text/html"))
    links.append(Link(urls.linkset, "linkset", "application/linkset"))
    links.append(Link(urls.linkset_json, "linkset", "application/linkset+json"))
    return links


def metadata_links(urls: FdoUrls) -> list[Link]:
    """Return the signposting of a metadata representation: what it describes, and the linksets."""
    return [
        Link(urls.pid, "describes", "text/html"),
        Link(urls.pid, "cite-as"),
        Link(urls.linkset, "linkset", "application/linkset"),
        Link(urls.linkset_json, "linkset", "application/linkset+json"),
    ]


def memento_links(urls: FdoUrls) -> list[Link]:
    """Return the Memento links of an original resource: itself as TimeGate, and its TimeMap."""
    return [Link(urls.pid, "original timegate"), Link(urls.timemap, "timemap", "application/link-format")]


def _contexts(urls: FdoUrls, page: FdoPage) -> list[tuple[str, list[Link]]]:
    landing = [link for link in landing_links(urls, page) if link.rel != "linkset"]
    contexts = [(urls.pid, landing)]
    for link in _describedby(urls):
        contexts.append((link.href, [Link(urls.pid, "describes", "text/html")]))
    return contexts


def linkset(urls: FdoUrls, page: FdoPage) -> str:
    """Return the Level 2 linkset in ``application/linkset`` form (one link per line)."""
    lines = []
    for anchor, links in _contexts(urls, page):
        for link in links:
            lines.append(Link(link.href, link.rel, link.type, link.profile, anchor).header_value())
    return ",\n".join(lines) + "\n"


def linkset_json(urls: FdoUrls, page: FdoPage) -> str:
    """Return the Level 2 linkset in ``application/linkset+json`` form."""
    out = []
    for anchor, links in _contexts(urls, page):
        context: dict[str, object] = {"anchor": anchor}
        for link in links:
            target = {"href": link.href}
            if link.type:
                target["type"] = link.type
            if link.profile:
                target["profile"] = link.profile
            context.setdefault(link.rel, []).append(target)  # type: ignore[union-attr]
        out.append(context)
    return json.dumps({"linkset": out}, indent=1)
