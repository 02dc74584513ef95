"""/admin: the endpoints that change state (re-index, backup); each needs the admin bearer token."""

from __future__ import annotations

from pathlib import Path

from flask import Blueprint, Response, request

from registry.errors import BadRequest
from registry.web.responses import json_response, registry
from registry.web.security import require_admin

__all__ = ["bp", "OPENAPI"]

bp = Blueprint("admin", __name__, url_prefix="/admin")
bp.before_request(require_admin)


@bp.post("/reindex")
def reindex() -> Response:
    """Start bringing the search index up to date with the store, in the background."""
    from registry.search import get_searcher

    index = get_searcher(registry(), background=True).index
    index.sync_in_background()
    return json_response({"status": "started", "planned": (index.building or (0, 0))[1]}, status=202)


@bp.post("/backup")
def backup() -> Response:
    """Back up the store (a checkpoint taken by this process, which owns it) and the index into a new directory."""
    from registry.backup import backup as run_backup

    target = (request.get_json(silent=True) or {}).get("target")
    reg = registry()
    if not isinstance(target, str) or not Path(target).is_absolute():
        raise BadRequest('send {"target": "/absolute/path/of/a/new/directory"}')
    if reg.data_dir is None or not reg.store.is_embedded_on_disk():
        raise BadRequest("only the embedded on-disk store can be backed up here")
    summary = run_backup(reg.data_dir, Path(target), db=reg.store.db)
    return json_response({"target": str(summary.target), "quads": summary.quads, "raw_files": summary.raw_files,
                          "index_collections": summary.index_collections, "seconds": round(summary.seconds, 3)})


_AUTH = [{"adminToken": []}]
_REFUSED = {"401": {"$ref": "#/components/responses/Problem"}, "403": {"$ref": "#/components/responses/Problem"}}
OPENAPI = {
    "paths": {
        "/admin/reindex": {"post": {"summary": "Re-index search in the background (admin token)", "operationId": "adminReindex",
                                    "tags": ["Admin"], "security": _AUTH,
                                    "responses": {"202": {"description": "Started"}, **_REFUSED}}},
        "/admin/backup": {"post": {"summary": "Back up store and index into a new directory (admin token)",
                                   "operationId": "adminBackup", "tags": ["Admin"], "security": _AUTH,
                                   "requestBody": {"content": {"application/json": {"schema": {
                                       "type": "object", "required": ["target"],
                                       "properties": {"target": {"type": "string"}}}}}},
                                   "responses": {"200": {"description": "Backed up"},
                                                 "400": {"$ref": "#/components/responses/Problem"}, **_REFUSED}}},
    },
    "components": {"securitySchemes": {"adminToken": {"type": "http", "scheme": "bearer"}}},
}
