"""Response helpers shared by the views: Link headers, conditional GET, tombstones."""

from __future__ import annotations

import json

from flask import Response, current_app, render_template, request

from registry.fdo import FdoService, Withdrawn
from registry.fdo.signposting import Link, landing_links, link_header, memento_links
from registry.web.problems import PROBLEM_JSON, problem
from registry.negotiation import prefers_html

__all__ = ["fdo_service", "registry", "with_links", "finish", "tombstone_response", "json_response", "no_script",
           "PAGE_CSP"]

# FDO pages run no script at all (their JSON-LD block is data, which CSP does not block): even if
# card text ever slipped through the Markdown renderer as HTML, a browser would not run it.
PAGE_CSP = ("default-src 'self'; script-src 'none'; object-src 'none'; base-uri 'none'; "
            "form-action 'self'; frame-ancestors 'none'; img-src 'self' data:; style-src 'self'")


def registry():
    """Return the app's Registry service object."""
    return current_app.extensions["mlfdo"]


def fdo_service() -> FdoService:
    """Return the FDO service of the app's registry."""
    return registry().extension("fdo", FdoService)


def with_links(response: Response, links: list[Link]) -> Response:
    """Add links to the response's Link header."""
    if links:
        existing = response.headers.get("Link")
        value = link_header(links)
        response.headers["Link"] = f"{existing}, {value}" if existing else value
    return response


def finish(response: Response, vary: str | None = "Accept", conditional: bool = True) -> Response:
    """Set Vary and an ETag over the body, and answer If-None-Match with 304."""
    if vary:
        response.vary.update(v.strip() for v in vary.split(","))
    if conditional and response.status_code == 200 and not response.is_streamed:
        response.add_etag()
        response.make_conditional(request)
    return response


def no_script(response: Response) -> Response:
    """Mark an HTML page as running no script (Content-Security-Policy)."""
    response.headers["Content-Security-Policy"] = PAGE_CSP
    return response


def json_response(data: object, status: int = 200, mimetype: str = "application/json") -> Response:
    """Return ``data`` as indented JSON."""
    return Response(json.dumps(data, indent=1, ensure_ascii=False, default=str), status=status, mimetype=mimetype)


def tombstone_response(exc: Withdrawn) -> Response:
    """Return the 410 tombstone of a withdrawn FDO, with its signposting kept."""
    service = fdo_service()
    page = exc.page
    urls = service.urls(exc.located.fdo_id)
    withdrawal = page.withdrawal or {}
    body = problem(410, "Gone", exc.message, pid=exc.located.pid, reason=withdrawal.get("reason"),
                   withdrawn_at=withdrawal["at"].isoformat() if withdrawal.get("at") else None,
                   versions=urls.versions)
    if request.method != "HEAD" and prefers_html(request.headers.get("Accept")):
        html = render_template("fdo/tombstone.html", page=page, urls=service.urls(exc.located.fdo_id, relative=True),
                               problem=body)
        response = no_script(Response(html, status=410, mimetype="text/html"))
    else:
        response = Response(json.dumps(body, indent=1), status=410, mimetype=PROBLEM_JSON)
    links = [link for link in landing_links(urls, page) if link.rel != "describedby"]
    links += memento_links(urls)
    response.vary.add("Accept")
    return with_links(response, links)
