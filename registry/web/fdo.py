"""FDO routes: the PID with content negotiation, suffix forms, linksets, kernel record, RO-Crate, aliases."""

from __future__ import annotations

import json

from flask import Blueprint, Response, redirect, request

from registry.errors import NotFound
from registry.fdo.kernel import kernel_record, kernel_triples
from registry.fdo.memento import parse_accept_datetime
from registry.fdo.representations import serialize, variant_for_media_type, variant_for_suffix
from registry.fdo.rocrate import ro_crate
from registry.fdo.signposting import RO_CRATE_PROFILE, Link, linkset, linkset_json, memento_links
from registry.negotiation import negotiate
from registry.web.renderers import ALIASES, OFFERS, RenderRequest, render
from registry.web.responses import fdo_service, finish, json_response, with_links

__all__ = ["bp", "OPENAPI"]

bp = Blueprint("fdo", __name__)

LINKSET_OFFERS = ["application/linkset", "application/linkset+json", "application/json"]
RECORD_OFFERS = ["application/json", "application/ld+json", "text/turtle", "application/n-triples"]
RECORD_SUFFIXES = {"json": "application/json", "jsonld": "application/ld+json", "ttl": "text/turtle",
                   "nt": "application/n-triples"}


def _split(ref: str) -> tuple[str, str | None]:
    fdo_id, dot, suffix = ref.partition(".")
    return fdo_id, (suffix if dot else None)


@bp.route("/fdo/<ref>")
def fdo(ref: str) -> Response:
    """Dereference a PID: negotiated representation, a suffix form, or a TimeGate redirect."""
    service = fdo_service()
    fdo_id, suffix = _split(ref)
    if suffix is None and "Accept-Datetime" in request.headers:
        return _timegate(fdo_id)
    located = service.current(fdo_id)
    if suffix is not None:
        variant = variant_for_suffix(suffix)
        if variant is None:
            raise NotFound(f"no representation with suffix .{suffix}; try .html, .jsonld, .ttl, .nt or .rdf")
        return finish(render(RenderRequest(service, located), variant.media_type), vary=None)
    media_type = negotiate(request.headers.get("Accept"), OFFERS)
    response = render(RenderRequest(service, located), media_type)
    variant = variant_for_media_type(ALIASES.get(media_type, media_type))
    response.headers["Content-Location"] = service.urls(fdo_id).variant(variant.suffix)
    return finish(response, vary="Accept, Accept-Datetime")


def _timegate(fdo_id: str) -> Response:
    """Redirect to the version current at Accept-Datetime (also for a withdrawn FDO: its versions stay)."""
    service = fdo_service()
    located = service.locate(fdo_id)
    when = parse_accept_datetime(request.headers["Accept-Datetime"])
    version = service.version_at(located, when)
    response = redirect(service.urls(fdo_id).version(version.number), code=302)
    response.vary.add("Accept-Datetime")
    return with_links(response, memento_links(service.urls(fdo_id)))


@bp.route("/fdo/<fdo_id>/linkset")
@bp.route("/fdo/<fdo_id>/linkset.json", defaults={"fixed": "application/linkset+json"})
def fdo_linkset(fdo_id: str, fixed: str | None = None) -> Response:
    """Return the Level 2 signposting linkset (application/linkset or application/linkset+json)."""
    service = fdo_service()
    located = service.locate(fdo_id)
    page = service.tombstone(located) if located.status == "withdrawn" else service.page(located)
    urls = service.urls(fdo_id)
    media_type = fixed or negotiate(request.headers.get("Accept"), LINKSET_OFFERS)
    if media_type == "application/linkset":
        response = Response(linkset(urls, page), mimetype="application/linkset")
    else:
        response = Response(linkset_json(urls, page), mimetype=media_type)
    return finish(response, vary=None if fixed else "Accept")


@bp.route("/fdo/<ref>/record")
@bp.route("/fdo/<ref>/record.<suffix>")
def fdo_record(ref: str, suffix: str | None = None) -> Response:
    """Return the FDO kernel record: type, profile, data, and kernel attributes."""
    service = fdo_service()
    located = service.current(ref)
    if suffix is not None and suffix not in RECORD_SUFFIXES:
        raise NotFound(f"no record representation .{suffix}; try .json, .jsonld, .ttl or .nt")
    media_type = RECORD_SUFFIXES[suffix] if suffix else negotiate(request.headers.get("Accept"), RECORD_OFFERS)
    page = service.page(located)
    urls = service.urls(located.fdo_id)
    if media_type == "application/json":
        response = json_response(kernel_record(urls, page))
    else:
        variant = variant_for_media_type(media_type)
        response = Response(serialize(kernel_triples(urls, page), variant), mimetype=media_type)
    with_links(response, [Link(urls.pid, "describes", "text/html"), Link(urls.pid, "cite-as")])
    return finish(response, vary=None if suffix else "Accept")


@bp.route("/fdo/<fdo_id>/ro-crate")
def fdo_ro_crate(fdo_id: str) -> Response:
    """Return a detached RO-Crate 1.2 metadata document of the FDO."""
    service = fdo_service()
    located = service.current(fdo_id)
    urls = service.urls(fdo_id)
    doc = ro_crate(urls, service.page(located))
    response = Response(json.dumps(doc, indent=1, ensure_ascii=False),
                        mimetype="application/ld+json")
    response.headers["Content-Type"] = f'application/ld+json; profile="{RO_CRATE_PROFILE}"'
    response.headers["Content-Disposition"] = f'inline; filename="{fdo_id}-ro-crate-metadata.json"'
    with_links(response, [Link(urls.pid, "describes", "text/html"), Link(urls.pid, "cite-as")])
    return finish(response, vary=None)


@bp.route("/hf/datasets/<path:repo_id>", defaults={"platform": "hf-dataset"})
@bp.route("/hf/<path:repo_id>", defaults={"platform": "hf"})
def hf_alias(repo_id: str, platform: str) -> Response:
    """Redirect a Hugging Face id (``/hf/{org}/{name}``) to the PID of its FDO."""
    fdo_id = fdo_service().resolve_alias(f"{platform}:{repo_id}")
    if fdo_id is None:
        raise NotFound(f"no FDO for {platform}:{repo_id}", alias=f"{platform}:{repo_id}")
    return redirect(fdo_service().urls(fdo_id).pid, code=302)


_FDO_ID = {"name": "id", "in": "path", "required": True, "schema": {"type": "string"},
           "description": "FDO id (the last segment of the PID)."}
OPENAPI = {
    "paths": {
        "/fdo/{id}/record": {"get": {
            "summary": "FDO kernel record", "operationId": "getFdoRecord", "tags": ["FDO"],
            "parameters": [_FDO_ID],
            "responses": {"200": {"description": "Kernel record", "content": {
                "application/json": {"schema": {"$ref": "#/components/schemas/KernelRecord"}},
                "text/turtle": {}, "application/ld+json": {}}},
                "404": {"$ref": "#/components/responses/Problem"}, "410": {"$ref": "#/components/responses/Problem"}}}},
        "/fdo/{id}/linkset": {"get": {
            "summary": "FAIR Signposting Level 2 linkset", "operationId": "getFdoLinkset", "tags": ["FDO"],
            "parameters": [_FDO_ID],
            "responses": {"200": {"description": "Linkset (RFC 9264)", "content": {
                "application/linkset+json": {"schema": {"type": "object", "required": ["linkset"]}},
                "application/linkset": {"schema": {"type": "string"}}}},
                "404": {"$ref": "#/components/responses/Problem"}}}},
        "/fdo/{id}/ro-crate": {"get": {
            "summary": "Detached RO-Crate 1.2 metadata document", "operationId": "getFdoRoCrate", "tags": ["FDO"],
            "parameters": [_FDO_ID],
            "responses": {"200": {"description": "RO-Crate metadata", "content": {
                "application/ld+json": {"schema": {"type": "object", "required": ["@context", "@graph"]}}}},
                "404": {"$ref": "#/components/responses/Problem"}, "410": {"$ref": "#/components/responses/Problem"}}}},
        "/fdo/{id}": {"get": {
            "summary": "Dereference a PID (content negotiation)", "operationId": "getFdo", "tags": ["FDO"],
            "parameters": [_FDO_ID, {"name": "Accept-Datetime", "in": "header", "required": False,
                                     "schema": {"type": "string"}, "description": "Memento TimeGate: RFC 1123 date"}],
            "responses": {"200": {"description": "The FDO", "content": {
                "application/ld+json": {"schema": {"type": "object"}}, "text/html": {}, "text/turtle": {},
                "application/n-triples": {}, "application/rdf+xml": {}}},
                "302": {"description": "TimeGate redirect to the version current at Accept-Datetime"},
                "404": {"$ref": "#/components/responses/Problem"}, "406": {"$ref": "#/components/responses/Problem"},
                "410": {"$ref": "#/components/responses/Problem"}}}},
    },
    "components": {"schemas": {"KernelRecord": {"type": "object",
                                                "required": ["pid", "O.FDO-Type", "O.FDO-Profile", "O.FDO-Data"],
                                                "properties": {
                                                    "pid": {"type": "string", "format": "uri"},
                                                    "O.FDO-Type": {"type": ["string", "null"]},
                                                    "O.FDO-Profile": {"type": "string"},
                                                    "O.FDO-Data": {"type": "array", "items": {"type": "object"}},
                                                    "dateCreated": {"type": ["string", "null"]},
                                                    "dateModified": {"type": ["string", "null"]},
                                                    "version": {"type": ["integer", "null"]},
                                                    "etag": {"type": ["string", "null"]},
                                                    "wasDerivedFrom": {"type": ["string", "null"]}}}}},
}
