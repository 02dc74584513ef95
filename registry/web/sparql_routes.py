"""/sparql: the SPARQL 1.1 Protocol query operation (read-only), its service description and form."""

from __future__ import annotations

import dataclasses

from flask import Blueprint, Response, current_app, render_template, request

from registry.errors import MlfdoError
from registry.fdo.representations import serialize, variant_for_media_type
from registry.sparql_protocol import make_runner, parse_request
from registry.sparql_protocol.description import EXAMPLES, service_description
from registry.sparql_protocol.runner import QueryRunner
from registry.negotiation import negotiate, prefers_html
from registry.web.responses import registry

__all__ = ["bp", "OPENAPI", "query_runner"]


def _wants_form(req) -> bool:
    return (req.format or "").lower() == "html" or (not req.format and prefers_html(req.accept))

bp = Blueprint("sparql", __name__)
DESCRIPTION_OFFERS = ["text/turtle", "application/ld+json", "application/n-triples", "application/rdf+xml"]


def query_runner() -> QueryRunner:
    """Return the app's query runner (created on first use, closed with the registry)."""
    settings = current_app.config
    return registry().extension("sparql", lambda reg: make_runner(
        reg.store, settings["MLFDO_SPARQL_ISOLATION"], int(settings["MLFDO_SPARQL_WORKERS"]),
        float(settings["MLFDO_SPARQL_QUEUE_WAIT"])))


def _form(query: str = "", outcome=None, status: int = 200, error: MlfdoError | None = None) -> Response:
    html = render_template("sparql/form.html", query=query, outcome=outcome, examples=EXAMPLES, error=error,
                           timeout=current_app.config["MLFDO_SPARQL_TIMEOUT"],
                           limit=current_app.config["MLFDO_SPARQL_LIMIT"])
    return Response(html, status=status, mimetype="text/html")


def _description(accept: str | None) -> Response:
    media_type = negotiate(accept, DESCRIPTION_OFFERS)
    cfg = current_app.config
    triples = service_description(f"{cfg['MLFDO_BASE_URL']}/sparql", cfg["MLFDO_BASE_URL"],
                                  cfg["MLFDO_SPARQL_TIMEOUT"], cfg["MLFDO_SPARQL_LIMIT"])
    response = Response(serialize(triples, variant_for_media_type(media_type)), mimetype=media_type)
    response.vary.add("Accept")
    return response


@bp.route("/sparql", methods=["GET", "POST", "PUT", "DELETE", "PATCH"])
def sparql() -> Response:
    """Answer a SPARQL query; without one, the service description (or, for a browser, the query form)."""
    body = b"" if request.mimetype == "application/x-www-form-urlencoded" else request.get_data(cache=True)
    req = parse_request(request.method, request.args, request.form, request.headers.get("Content-Type"), body)
    accept = request.headers.get("Accept")
    if req is None:
        return _form() if prefers_html(accept) else _description(accept)
    req = dataclasses.replace(req, accept=accept, limit=int(current_app.config["MLFDO_SPARQL_LIMIT"]),
                              timeout=float(current_app.config["MLFDO_SPARQL_TIMEOUT"]),
                              base_iri=current_app.config["MLFDO_BASE_URL"] + "/")
    try:
        outcome = query_runner().run(req)
    except MlfdoError as exc:
        if exc.status >= 500 or not _wants_form(req):
            raise
        return _form(req.query, status=exc.status, error=exc)  # show the message next to the query
    if outcome.media_type == "text/html":
        return _form(req.query, outcome)
    response = Response(outcome.body, mimetype=outcome.media_type)
    if outcome.media_type.startswith("text/") or "json" in outcome.media_type:
        response.charset = "utf-8"
    response.headers["X-Result-Count"] = str(outcome.count)
    response.vary.add("Accept")
    return response


_QUERY = {"name": "query", "in": "query", "required": False, "schema": {"type": "string"},
          "description": "A SPARQL 1.1 query. Without it: the service description (or the HTML form)."}
_GRAPHS = [{"name": "default-graph-uri", "in": "query", "schema": {"type": "array", "items": {"type": "string"}},
            "style": "form", "explode": True},
           {"name": "named-graph-uri", "in": "query", "schema": {"type": "array", "items": {"type": "string"}},
            "style": "form", "explode": True},
           {"name": "format", "in": "query", "schema": {"type": "string", "enum": [
               "json", "xml", "csv", "tsv", "html", "ttl", "nt", "jsonld", "rdf"]},
            "description": "Result format; overrides Accept."}]
_RESULTS = {"200": {"description": "Query results", "content": {
    "application/sparql-results+json": {"schema": {"type": "object"}},
    "application/sparql-results+xml": {}, "text/csv": {}, "text/tab-separated-values": {},
    "text/turtle": {}, "application/n-triples": {}, "application/ld+json": {}, "application/rdf+xml": {}}},
    "400": {"$ref": "#/components/responses/Problem"}, "403": {"$ref": "#/components/responses/Problem"},
    "406": {"$ref": "#/components/responses/Problem"}, "413": {"$ref": "#/components/responses/Problem"},
    "415": {"$ref": "#/components/responses/Problem"}, "503": {"$ref": "#/components/responses/Problem"}}
OPENAPI = {"paths": {"/sparql": {
    "get": {"summary": "SPARQL 1.1 query (read-only)", "operationId": "sparqlGet", "tags": ["SPARQL"],
            "parameters": [_QUERY, *_GRAPHS], "responses": _RESULTS},
    "post": {"summary": "SPARQL 1.1 query by POST (form-encoded or application/sparql-query)",
             "operationId": "sparqlPost", "tags": ["SPARQL"], "parameters": _GRAPHS,
             "requestBody": {"content": {
                 "application/x-www-form-urlencoded": {"schema": {"type": "object", "required": ["query"],
                                                                  "properties": {"query": {"type": "string"}}}},
                 "application/sparql-query": {"schema": {"type": "string"}}}},
             "responses": _RESULTS}}}}
