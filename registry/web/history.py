"""History over HTTP: version lists and TimeMaps, immutable versions (Mementos), diffs."""

from __future__ import annotations

from flask import Blueprint, Response, render_template, request

from pyoxigraph import NamedNode

from registry.errors import BadRequest, NotFound
from registry.fdo.memento import timemap
from registry.fdo.representations import variant_for_media_type, variant_for_suffix
from registry.fdo.timeline import AXIS_WIDTH, timeline_of
from registry.vocab import compact_iri
from registry.store.results import Diff, VersionInfo
from registry.negotiation import negotiate
from registry.web.renderers import ALIASES, OFFERS, RenderRequest, render
from registry.web.responses import fdo_service, finish, json_response, no_script

__all__ = ["bp", "OPENAPI", "version_json", "diff_json"]

bp = Blueprint("history", __name__)

VERSIONS_OFFERS = ["text/html", "application/json", "application/link-format"]
DIFF_OFFERS = ["text/html", "application/json"]


def version_json(v: VersionInfo, url: str) -> dict:
    """Return one version as JSON."""
    return {
        "version": v.number, "iri": v.iri, "url": url, "generated_at": v.generated_at.isoformat(),
        "content_hash": v.content_hash, "previous": v.previous, "harvester": v.harvester,
        "harvester_version": v.harvester_version, "source_url": v.source_url, "source_etag": v.source_etag,
        "conforms": v.conforms, "violations": v.violations, "warnings": v.warnings,
        "last_checked": v.last_checked.isoformat() if v.last_checked else None, "check_count": v.check_count,
        "problems": list(v.problems),
    }


def diff_json(d: Diff) -> dict:
    """Return a diff as JSON (triples as N-Triples terms)."""
    def triple(t):
        return {"subject": str(t.subject), "predicate": str(t.predicate), "object": str(t.object)}
    return {"pid": d.pid, "from": d.from_version, "to": d.to_version, "unchanged": d.unchanged,
            "by_property": d.by_property, "added": [triple(t) for t in d.added],
            "removed": [triple(t) for t in d.removed]}


@bp.route("/fdo/<fdo_id>/versions")
@bp.route("/fdo/<fdo_id>/versions.<suffix>")
def versions(fdo_id: str, suffix: str | None = None) -> Response:
    """List the versions of an FDO: HTML, JSON, or a Memento TimeMap (application/link-format)."""
    service = fdo_service()
    located = service.locate(fdo_id)
    fixed = {"json": "application/json", "link": "application/link-format", "html": "text/html"}
    if suffix is not None and suffix not in fixed:
        raise NotFound(f"no version list .{suffix}; try .json, .link or .html")
    media_type = fixed[suffix] if suffix else negotiate(request.headers.get("Accept"), VERSIONS_OFFERS)
    items = service.versions(located)
    urls = service.urls(fdo_id)
    if media_type == "application/link-format":
        response = Response(timemap(urls, items), mimetype="application/link-format")
    elif media_type == "application/json":
        response = json_response({"pid": located.pid, "status": located.status,
                                  "versions": [version_json(v, urls.version(v.number)) for v in items]})
    else:
        page = service.tombstone(located) if located.status == "withdrawn" else service.page(located)
        timeline = timeline_of(service, located, page.versions)
        html = render_template("history/versions.html", page=page, timeline=timeline, axis_width=AXIS_WIDTH,
                               urls=service.urls(fdo_id, relative=True))
        response = no_script(Response(html, mimetype="text/html"))
    return finish(response, vary=None if suffix else "Accept")


@bp.route("/fdo/<fdo_id>/v/<ref>")
def version(fdo_id: str, ref: str) -> Response:
    """Return version n of an FDO (a Memento), negotiated like the FDO, or in one format with a suffix."""
    service = fdo_service()
    located = service.locate(fdo_id)
    number, _, suffix = ref.partition(".")
    if not number.isdigit() or int(number) < 1:
        raise NotFound(f"no version {number!r}: versions are numbered 1, 2, ...")
    n = int(number)
    if n not in {v.number for v in service.versions(located)}:
        raise NotFound(f"{located.pid} has no version {n}", version=n)
    req = RenderRequest(service, located, n)
    if suffix:
        variant = variant_for_suffix(suffix)
        if variant is None:
            raise NotFound(f"no representation with suffix .{suffix}")
        return finish(render(req, variant.media_type), vary=None)
    media_type = negotiate(request.headers.get("Accept"), OFFERS)
    response = render(req, media_type)
    variant = variant_for_media_type(ALIASES.get(media_type, media_type))
    response.headers["Content-Location"] = service.urls(fdo_id).version(n, variant.suffix)
    return finish(response)


def _int_arg(name: str) -> int | None:
    value = request.args.get(name)
    if value is None or value == "":
        return None
    if not value.isdigit():
        raise BadRequest(f"parameter {name!r} must be a version number, not {value!r}", parameter=name)
    return int(value)


@bp.route("/fdo/<fdo_id>/diff")
@bp.route("/fdo/<fdo_id>/diff.<suffix>")
def diff(fdo_id: str, suffix: str | None = None) -> Response:
    """Compare two versions (``?from=a&to=b``; default the last two): HTML or JSON."""
    service = fdo_service()
    located = service.locate(fdo_id)
    if suffix not in (None, "json", "html"):
        raise NotFound(f"no diff representation .{suffix}; try .json or .html")
    d = service.diff(located, _int_arg("from"), _int_arg("to"))
    media_type = {"json": "application/json", "html": "text/html"}.get(suffix or "") or \
        negotiate(request.headers.get("Accept"), DIFF_OFFERS)
    if media_type == "application/json":
        return finish(json_response(diff_json(d)), vary=None if suffix else "Accept")
    triples = list(d.added) + list(d.removed)
    labels = service.labels(sorted({t.object.value for t in triples if isinstance(t.object, NamedNode)}))
    page = service.tombstone(located) if located.status == "withdrawn" else service.page(located)
    html = render_template("history/diff.html", page=page, diff=d, labels=labels, compact=compact_iri,
                           urls=service.urls(fdo_id, relative=True))
    return finish(no_script(Response(html, mimetype="text/html")), vary=None if suffix else "Accept")


_FDO_ID = {"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}
OPENAPI = {
    "paths": {
        "/fdo/{id}/versions": {"get": {
            "summary": "Versions of an FDO (HTML, JSON, or Memento TimeMap)", "operationId": "listVersions",
            "tags": ["History"], "parameters": [_FDO_ID],
            "responses": {"200": {"description": "Versions, oldest first", "content": {
                "application/json": {"schema": {"$ref": "#/components/schemas/VersionList"}},
                "application/link-format": {"schema": {"type": "string"}}, "text/html": {}}},
                "404": {"$ref": "#/components/responses/Problem"}}}},
        "/fdo/{id}/versions.json": {"get": {
            "summary": "Versions of an FDO as JSON", "operationId": "listVersionsJson", "tags": ["History"],
            "parameters": [_FDO_ID],
            "responses": {"200": {"description": "Versions", "content": {
                "application/json": {"schema": {"$ref": "#/components/schemas/VersionList"}}}},
                "404": {"$ref": "#/components/responses/Problem"}}}},
        "/fdo/{id}/v/{n}": {"get": {
            "summary": "Version n of an FDO (a Memento; negotiated like the FDO)", "operationId": "getVersion",
            "tags": ["History"],
            "parameters": [_FDO_ID, {"name": "n", "in": "path", "required": True, "schema": {"type": "integer"}}],
            "responses": {"200": {"description": "The version", "headers": {
                "Memento-Datetime": {"schema": {"type": "string"}}}, "content": {
                "application/ld+json": {"schema": {"type": "object"}}, "text/turtle": {}, "text/html": {}}},
                "404": {"$ref": "#/components/responses/Problem"}}}},
        "/fdo/{id}/diff": {"get": {
            "summary": "What changed between two versions", "operationId": "diffVersions", "tags": ["History"],
            "parameters": [_FDO_ID,
                           {"name": "from", "in": "query", "schema": {"type": "integer"}},
                           {"name": "to", "in": "query", "schema": {"type": "integer"}}],
            "responses": {"200": {"description": "Added and removed triples", "content": {
                "application/json": {"schema": {"$ref": "#/components/schemas/Diff"}}, "text/html": {}}},
                "400": {"$ref": "#/components/responses/Problem"}, "404": {"$ref": "#/components/responses/Problem"}}}},
    },
    "components": {"schemas": {
        "VersionList": {"type": "object", "required": ["pid", "versions"], "properties": {
            "pid": {"type": "string"}, "status": {"type": "string"},
            "versions": {"type": "array", "items": {"$ref": "#/components/schemas/Version"}}}},
        "Version": {"type": "object", "required": ["version", "iri", "generated_at", "content_hash"], "properties": {
            "version": {"type": "integer"}, "iri": {"type": "string"}, "url": {"type": "string"},
            "generated_at": {"type": "string", "format": "date-time"}, "content_hash": {"type": "string"},
            "source_url": {"type": ["string", "null"]}, "conforms": {"type": ["boolean", "null"]}}},
        "Diff": {"type": "object", "required": ["pid", "from", "to", "added", "removed"], "properties": {
            "pid": {"type": "string"}, "from": {"type": "integer"}, "to": {"type": "integer"},
            "unchanged": {"type": "boolean"}, "by_property": {"type": "object"},
            "added": {"type": "array", "items": {"type": "object"}},
            "removed": {"type": "array", "items": {"type": "object"}}}},
    }},
}
