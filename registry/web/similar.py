"""``GET /api/fdo/{id}/similar``: the nearest FDOs in the search index, each with the reason."""

from __future__ import annotations

from flask import Blueprint, Response, request

from registry.errors import BadRequest
from registry.fdo.similar import SIMILAR_LIMIT, similar_to
from registry.search import get_searcher
from registry.web.responses import fdo_service, finish, json_response, registry

__all__ = ["bp", "OPENAPI", "MAX_SIMILAR"]

bp = Blueprint("similar", __name__)
MAX_SIMILAR = 50


@bp.get("/api/fdo/<fdo_id>/similar")
def api_similar(fdo_id: str) -> Response:
    """List the FDOs most similar to one (same kind), with why: same task, base model, data, or a similar card."""
    located = fdo_service().current(fdo_id)
    limit = request.args.get("limit", str(SIMILAR_LIMIT))
    if not limit.isdigit() or not 1 <= int(limit) <= MAX_SIMILAR:
        raise BadRequest(f"limit must be between 1 and {MAX_SIMILAR}", parameter="limit")
    searcher = get_searcher(registry(), background=True)
    found = similar_to(searcher, located.pid, int(limit))
    return finish(json_response({"pid": located.pid, "similar": [s.to_dict() for s in found]}), vary=None)


OPENAPI = {
    "paths": {"/api/fdo/{id}/similar": {"get": {
        "summary": "FDOs similar to one, with the reason", "operationId": "similarFdos", "tags": ["FDO"],
        "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "string"}},
                       {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1,
                                                                 "maximum": MAX_SIMILAR, "default": SIMILAR_LIMIT}}],
        "responses": {"200": {"description": "Most similar first", "content": {"application/json": {"schema": {
            "type": "object", "required": ["pid", "similar"], "properties": {
                "pid": {"type": "string"},
                "similar": {"type": "array", "items": {"type": "object", "required": ["pid", "name", "reasons"],
                                                       "properties": {
                    "pid": {"type": "string"}, "name": {"type": "string"}, "identifier": {"type": "string"},
                    "score": {"type": "number"}, "reasons": {"type": "array", "items": {"type": "string"}}}}}}}}}},
            "400": {"$ref": "#/components/responses/Problem"}, "404": {"$ref": "#/components/responses/Problem"}}}}},
}
