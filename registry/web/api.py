"""JSON API, dumps, health and the OpenAPI description."""

from __future__ import annotations

from collections.abc import Iterator

from flask import Blueprint, Response, current_app, render_template, request, stream_with_context

from registry.errors import BadRequest
from registry.rdfio import format_by_name, serialize_quads
from registry.negotiation import negotiate
from registry.web.openapi import openapi_document
from registry.deadletters import with_dead_letters
from registry.web.responses import fdo_service, finish, json_response, registry

__all__ = ["bp", "OPENAPI", "DUMP_BATCH", "MAX_PAGE_SIZE", "fdo_list", "page_args"]

bp = Blueprint("api", __name__)
DUMP_BATCH = 20_000  # quads serialised per streamed chunk
MAX_PAGE_SIZE = 500
DUMP_OFFERS = {False: ["text/turtle", "application/n-triples", "application/n-quads"],
               True: ["application/n-quads", "application/trig"]}
_FORMAT_OF = {"text/turtle": "ttl", "application/n-triples": "nt", "application/n-quads": "nq",
              "application/trig": "trig"}


def page_args() -> tuple[int, int]:
    try:
        page = int(request.args.get("page", "1"))
        size = int(request.args.get("per_page", current_app.config["MLFDO_PAGE_SIZE"]))
    except ValueError:
        raise BadRequest("page and per_page must be whole numbers") from None
    if page < 1 or not 1 <= size <= MAX_PAGE_SIZE:
        raise BadRequest(f"page starts at 1 and per_page is between 1 and {MAX_PAGE_SIZE}")
    return page, size


def fdo_list(kind: str | None, page: int, size: int, include_stubs: bool = True, path: str = "/api/fdo",
             order: str = "pid") -> dict:
    """Return one page of current FDOs (id, PID, name, kind) with links to the neighbouring pages."""
    refs = fdo_service().listing_page(kind, (page - 1) * size, size + 1, include_stubs, order)
    more, refs = len(refs) > size, refs[:size]
    items = [{"pid": ref.iri, "id": ref.iri.rsplit("/", 1)[-1], "name": ref.label, "kind": ref.kind,
              "status": ref.status} for ref in refs]
    query = f"&per_page={size}" + (f"&kind={kind}" if kind else "")
    return {"page": page, "per_page": size, "kind": kind, "items": items,
            "next": f"{path}?page={page + 1}{query}" if more else None,
            "prev": f"{path}?page={page - 1}{query}" if page > 1 else None}


@bp.route("/api/fdo")
def api_fdo() -> Response:
    """List current FDOs, a page at a time (``?page=&per_page=&kind=``)."""
    page, size = page_args()
    data = fdo_list(request.args.get("kind") or None, page, size)
    response = json_response(data)
    links = [f'<{data[rel]}>; rel="{rel}"' for rel in ("next", "prev") if data[rel]]
    if links:
        response.headers["Link"] = ", ".join(links)
    return finish(response, vary=None)


@bp.route("/api/stats")
def api_stats() -> Response:
    """Return counts of FDOs by kind and status, versions, triples, harvest failures and dead letters."""
    stats = with_dead_letters(registry().store.stats(), str(registry().settings.get("BROKER_URL") or ""))
    return finish(json_response(stats), vary=None)


@bp.route("/healthz")
def healthz() -> Response:
    """Tell whether the registry is ready: the store answers and the search index is not rebuilding."""
    from registry.health import readiness

    state = readiness(registry())
    return json_response(state, status=200 if state["status"] == "ok" else 503)


@bp.route("/openapi.json")
def openapi() -> Response:
    """Return the OpenAPI 3.1 description of every JSON endpoint."""
    return json_response(openapi_document(current_app))


@bp.route("/api")
def api_index() -> Response:
    """Describe the HTTP API for people (from the OpenAPI document)."""
    return Response(render_template("api/index.html", doc=openapi_document(current_app)), mimetype="text/html")


def _stream(quads, fmt) -> Iterator[bytes]:
    batch = []
    for quad in quads:
        batch.append(quad)
        if len(batch) >= DUMP_BATCH:
            yield serialize_quads(batch, fmt)
            batch = []
    if batch:
        yield serialize_quads(batch, fmt)


@bp.route("/dump")
def dump() -> Response:
    """Stream the current graph (Turtle, N-Triples, N-Quads), or with ``?history=1`` every version (N-Quads, TriG)."""
    history = request.args.get("history", "0").lower() in ("1", "true", "yes")
    media_type = negotiate(request.headers.get("Accept"), DUMP_OFFERS[history])
    store = registry().store
    quads = store.history_quads() if history else store.current_quads()
    fmt = format_by_name(_FORMAT_OF[media_type])
    name = f"mlfdo-{'history' if history else 'current'}.{fmt.suffix}"
    response = Response(stream_with_context(_stream(quads, fmt)), mimetype=media_type)
    response.headers["Content-Disposition"] = f'inline; filename="{name}"'
    response.vary.add("Accept")
    return response


_PAGE = [{"name": "page", "in": "query", "schema": {"type": "integer", "minimum": 1, "default": 1}},
         {"name": "per_page", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE}},
         {"name": "kind", "in": "query", "schema": {"type": "string", "enum": [
             "model", "dataset", "paper", "organisation", "person", "term", "other"]}}]
OPENAPI = {
    "paths": {
        "/api/fdo": {"get": {"summary": "List FDOs, a page at a time", "operationId": "listFdos", "tags": ["API"],
                             "parameters": _PAGE,
                             "responses": {"200": {"description": "One page", "content": {"application/json": {
                                 "schema": {"$ref": "#/components/schemas/FdoPage"}}}},
                                 "400": {"$ref": "#/components/responses/Problem"}}}},
        "/api/stats": {"get": {"summary": "Registry statistics", "operationId": "getStats", "tags": ["API"],
                               "responses": {"200": {"description": "Counts", "content": {"application/json": {
                                   "schema": {"$ref": "#/components/schemas/Stats"}}}}}}},
        "/healthz": {"get": {"summary": "Health check", "operationId": "health", "tags": ["API"],
                             "responses": {"200": {"description": "Healthy", "content": {"application/json": {
                                 "schema": {"$ref": "#/components/schemas/Health"}}}},
                                 "503": {"description": "Not ready: store failing or search index rebuilding", "content": {"application/json": {
                                     "schema": {"$ref": "#/components/schemas/Health"}}}}}}},
        "/openapi.json": {"get": {"summary": "This document", "operationId": "openapi", "tags": ["API"],
                                  "responses": {"200": {"description": "OpenAPI 3.1", "content": {
                                      "application/json": {"schema": {"type": "object"}}}}}}},
        "/dump": {"get": {"summary": "Stream the current graph (or every version with history=1)",
                          "operationId": "dump", "tags": ["API"],
                          "parameters": [{"name": "history", "in": "query", "schema": {"type": "boolean"}}],
                          "responses": {"200": {"description": "RDF dump", "content": {
                              "text/turtle": {}, "application/n-triples": {}, "application/n-quads": {},
                              "application/trig": {}}},
                              "406": {"$ref": "#/components/responses/Problem"}}}},
    },
    "components": {"schemas": {
        "FdoPage": {"type": "object", "required": ["page", "per_page", "items"], "properties": {
            "page": {"type": "integer"}, "per_page": {"type": "integer"}, "kind": {"type": ["string", "null"]},
            "next": {"type": ["string", "null"]}, "prev": {"type": ["string", "null"]},
            "items": {"type": "array", "items": {"type": "object", "required": ["pid", "id", "name"], "properties": {
                "pid": {"type": "string"}, "id": {"type": "string"}, "name": {"type": "string"},
                "kind": {"type": ["string", "null"]}, "status": {"type": ["string", "null"]}}}}}},
        "Stats": {"type": "object", "required": ["fdos", "by_kind", "versions"], "properties": {
            "fdos": {"type": "integer"}, "by_kind": {"type": "object"}, "versions": {"type": "integer"},
            "current_triples": {"type": "integer"}, "failures": {"type": "integer"}}},
        "Health": {"type": "object", "required": ["status"], "properties": {
            "status": {"type": "string", "enum": ["ok", "starting", "unavailable"]}, "store": {"type": "string"},
            "index": {"type": "string"}}},
    }},
}
