"""Compare 2-4 FDOs: ``/compare?ids=a,b`` (an HTML table, differences highlighted) and ``/api/compare`` (JSON)."""

from __future__ import annotations

from flask import Blueprint, Response, render_template, request

from registry.fdo.compare import MAX_IDS, MIN_IDS, Comparison, compare_pages, parse_ids
from registry.web.responses import fdo_service, finish, json_response, no_script

__all__ = ["bp", "OPENAPI", "comparison_of"]

bp = Blueprint("compare", __name__)


def comparison_of(service, ids: list[str]) -> Comparison:
    """Return the comparison of the FDOs ``ids`` (current views). Raises NotFound or Withdrawn."""
    return compare_pages([service.page(service.current(fdo_id)) for fdo_id in ids])


@bp.get("/api/compare")
def api_compare() -> Response:
    """Compare FDOs as JSON: one row per property, evaluations aligned, ``differs`` per row."""
    comparison = comparison_of(fdo_service(), parse_ids(request.args.getlist("ids")))
    return finish(json_response(comparison.to_dict()), vary=None)


@bp.get("/compare")
def compare_page() -> Response:
    """Compare FDOs side by side; without ids, say how to pick them."""
    values = request.args.getlist("ids")
    comparison = comparison_of(fdo_service(), parse_ids(values)) if values else None
    html = render_template("compare/compare.html", comparison=comparison, min_ids=MIN_IDS, max_ids=MAX_IDS)
    return finish(no_script(Response(html, mimetype="text/html")), vary=None)


_IDS = {"name": "ids", "in": "query", "required": True, "style": "form", "explode": False,
        "schema": {"type": "array", "items": {"type": "string"}, "minItems": MIN_IDS, "maxItems": MAX_IDS},
        "description": "FDO ids (or PIDs), comma-separated or repeated."}
OPENAPI = {
    "paths": {
        "/api/compare": {"get": {
            "summary": "Compare 2-4 FDOs side by side", "operationId": "compareFdos", "tags": ["FDO"],
            "parameters": [_IDS],
            "responses": {"200": {"description": "Rows of values per FDO, evaluations aligned", "content": {
                "application/json": {"schema": {"$ref": "#/components/schemas/Comparison"}}}},
                "400": {"$ref": "#/components/responses/Problem"}, "404": {"$ref": "#/components/responses/Problem"},
                "410": {"$ref": "#/components/responses/Problem"}}}},
        "/compare": {"get": {
            "summary": "Compare 2-4 FDOs (HTML page)", "operationId": "comparePage", "tags": ["FDO"],
            "parameters": [{**_IDS, "required": False}],
            "responses": {"200": {"description": "The comparison", "content": {"text/html": {}}},
                          "400": {"$ref": "#/components/responses/Problem"},
                          "404": {"$ref": "#/components/responses/Problem"},
                          "410": {"$ref": "#/components/responses/Problem"}}}},
    },
    "components": {"schemas": {"Comparison": {
        "type": "object", "required": ["fdos", "rows", "differences"], "properties": {
            "fdos": {"type": "array", "items": {"type": "object", "required": ["pid", "id", "name"], "properties": {
                "pid": {"type": "string", "format": "uri"}, "id": {"type": "string"}, "name": {"type": "string"},
                "kind": {"type": ["string", "null"]}}}},
            "rows": {"type": "array", "items": {"type": "object", "required": ["key", "label", "values", "differs"],
                                                "properties": {
                "key": {"type": "string"}, "label": {"type": "string"},
                "group": {"type": "string", "enum": ["facts", "evaluation"]}, "differs": {"type": "boolean"},
                "values": {"type": "array", "items": {"type": "array"}}}}},
            "differences": {"type": "integer"}}}}},
}
