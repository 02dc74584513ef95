"""One resource, many representations: the table of FDO renderers keyed by media type."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from flask import Response, render_template

from registry.fdo import FdoService, Located
from registry.fdo.citation import bibtex, citation_of, csl_json
from registry.fdo.memento import http_date, version_links
from registry.fdo.representations import VARIANTS, Variant, variant_for_media_type
from registry.fdo.schemaorg import schema_org
from registry.fdo.signposting import Link, landing_links, memento_links, metadata_links
from registry.web.landing import landing_extras
from registry.web.responses import no_script, with_links

__all__ = ["RenderRequest", "RENDERERS", "OFFERS", "render"]


@dataclass(frozen=True)
class RenderRequest:
    """What to render: an FDO, optionally one version of it, with the service that reads it."""

    service: FdoService
    located: Located
    version: int | None = None

    def links_for(self, landing: list[Link]) -> list[Link]:
        urls = self.service.urls(self.located.fdo_id)
        if self.version is None:
            return landing + memento_links(urls)
        return landing + version_links(urls, self.service.versions(self.located), self.version)


def _html(req: RenderRequest, variant: Variant) -> Response:
    service, located = req.service, req.located
    page = service.page(located, req.version)
    urls, rel = service.urls(located.fdo_id), service.urls(located.fdo_id, relative=True)
    extras = landing_extras(service, located, page)
    html = render_template("fdo/landing.html", page=page, urls=rel, pid_urls=urls, variants=VARIANTS,
                           schema_org=schema_org(urls, page), **extras)
    response = no_script(Response(html, mimetype=variant.media_type))
    links = landing_links(urls, page) if req.version is None else [Link(urls.pid, "cite-as")]
    return with_links(response, req.links_for(links))


def _rdf(req: RenderRequest, variant: Variant) -> Response:
    body = req.service.representation(req.located, variant, req.version)
    response = Response(body, mimetype=variant.media_type)
    if variant.media_type in ("text/turtle", "application/n-triples", "application/ld+json"):
        response.charset = "utf-8"
    return with_links(response, req.links_for(metadata_links(req.service.urls(req.located.fdo_id))))


def _citation(req: RenderRequest, variant: Variant) -> Response:
    citation = citation_of(req.service.page(req.located, req.version))
    write = bibtex if variant.suffix == "bib" else csl_json
    response = Response(write(citation), mimetype=variant.media_type)
    response.charset = "utf-8"
    return with_links(response, req.links_for([Link(req.service.urls(req.located.fdo_id).pid, "cite-as")]))


RENDERERS: dict[str, Callable[[RenderRequest, Variant], Response]] = {
    v.media_type: (_html if v.media_type == "text/html" else _rdf if v.rdf else _citation) for v in VARIANTS
}
# Media types clients ask for that we answer with one of our variants (never application/xml).
ALIASES = {"application/xhtml+xml": "text/html", "application/json": "application/ld+json"}
OFFERS: list[str] = [v.media_type for v in VARIANTS] + list(ALIASES)


def render(req: RenderRequest, media_type: str) -> Response:
    """Render the FDO as ``media_type`` (one of OFFERS), with its signposting and Memento headers."""
    variant = variant_for_media_type(ALIASES.get(media_type, media_type))
    assert variant is not None, media_type
    response = RENDERERS[variant.media_type](req, variant)
    if req.version is not None:
        info = next(v for v in req.service.versions(req.located) if v.number == req.version)
        response.headers["Memento-Datetime"] = http_date(info.generated_at)
    return response
