"""Search over HTTP: ``GET /api/search`` (JSON) and ``GET /search`` (an HTML page that needs no JavaScript)."""

from __future__ import annotations

from urllib.parse import urlencode

from flask import Blueprint, current_app, render_template, request

from registry.errors import BadRequest
from registry.search import get_searcher
from registry.search.facets import FACET_NAMES, facet_name, format_count
from registry.search.searcher import MAX_PER_PAGE, MODES, TOPIC
from registry.search.snippets import highlight

__all__ = ["bp", "OPENAPI"]

bp = Blueprint("search", __name__)
MAX_QUERY_CHARS = 2000  # a question, not a document

_RESERVED = {"q", "page", "per_page", "mode", "understand", "drop"}


def _int(name: str, default: int) -> int:
    value = request.args.get(name, "")
    if not value:
        return default
    try:
        return int(value)
    except ValueError:
        raise BadRequest(f"{name} must be an integer") from None


def _params() -> dict:
    """Read q, filters (one query parameter per facet, repeatable), page, per_page, mode, understand."""
    filters: dict[str, list[str]] = {}
    for name in request.args:
        if name in _RESERVED:
            continue
        facet = facet_name(name)
        if facet is None:
            raise BadRequest(f"unknown parameter {name!r}; facets are: {', '.join(FACET_NAMES)}")
        filters.setdefault(facet, []).extend(v for v in request.args.getlist(name) if v.strip())
    drop = [v for v in request.args.getlist("drop") if v.strip()]
    unknown = [v for v in drop if facet_name(v) is None and v not in (TOPIC, "order")]
    if unknown:
        raise BadRequest(f"drop takes facet names, {TOPIC} or order; unknown: {', '.join(unknown)}; facets are: {', '.join(FACET_NAMES)}")
    if len(request.args.get("q", "")) > MAX_QUERY_CHARS:
        raise BadRequest(f"q is longer than {MAX_QUERY_CHARS} characters: describe the need in fewer words")
    return {"query": request.args.get("q", ""), "filters": filters, "page": _int("page", 1),
            "per_page": _int("per_page", 10), "mode": request.args.get("mode", "hybrid"),
            "understand": request.args.get("understand", "1") not in ("0", "false", "no", "off"),
            "drop": frozenset(facet_name(v) or v for v in drop)}


@bp.get("/api/search")
def api_search():
    """Search as JSON: results, facets with counts, recognised and suggested filters, questions."""
    params = _params()
    response = get_searcher(current_app.extensions["mlfdo"], background=True).search(**params)
    return response.to_dict()


@bp.get("/search")
def search_page():
    """Search as a page: a form, result cards, facets and suggestions as plain links."""
    params = _params()
    response = None
    if params["query"] or params["filters"]:
        response = get_searcher(current_app.extensions["mlfdo"], background=True).search(**params)
    return render_template("search/search.html", response=response, params=params, link=_link, fmt_count=format_count,
                           highlight=highlight)


def _link(params: dict, add: tuple[str, str] | None = None, remove: tuple[str, str | None] | None = None,
          page: int | None = None, understand: bool | None = None, drop: str | None = None) -> str:
    """Return a /search URL for the current parameters with one filter added or removed."""
    filters = {k: list(v) for k, v in params["filters"].items()}
    if add:
        values = filters.setdefault(add[0], [])
        if add[1] not in values:
            values.append(add[1])
    if remove:
        facet, value = remove
        filters[facet] = [] if value is None else [v for v in filters.get(facet, []) if v != value]
    pairs: list[tuple[str, str]] = [("q", params["query"])] if params["query"] else []
    pairs += [(k, v) for k, vals in filters.items() for v in vals]
    keep_understand = params["understand"] if understand is None else understand
    if not keep_understand:
        pairs.append(("understand", "0"))
    pairs += [("drop", f) for f in sorted(set(params.get("drop", ())) | ({drop} if drop else set()))]
    if page and page > 1:
        pairs.append(("page", str(page)))
    if params["per_page"] != 10:
        pairs.append(("per_page", str(params["per_page"])))
    return "/search?" + urlencode(pairs)


_STRINGS = {"type": "array", "items": {"type": "string"}}
_FACET_PARAMS = [{"name": name, "in": "query", "required": False, "schema": _STRINGS, "style": "form", "explode": True,
                  "description": f"Filter on the {name} facet (repeat for OR within the facet)"
                  + ("; ranges such as <500M, 100M-1B, >=10B" if name == "params" else "")
                  + ("; YYYY, YYYY-MM-DD, ranges such as 2023-2024 or >=2024-06" if name == "date" else "")}
                 for name in FACET_NAMES]
OPENAPI = {
    "paths": {"/api/search": {"get": {
        "summary": "Search FDOs (hybrid keyword + semantic) with facets and query understanding",
        "operationId": "search",
        "parameters": [
            {"name": "q", "in": "query", "required": False, "schema": {"type": "string"},
             "description": "Natural-language query; constraints in it (licence, task, language, size...) are "
                            "recognised and applied as filters"},
            {"name": "page", "in": "query", "required": False, "schema": {"type": "integer", "minimum": 1}},
            {"name": "per_page", "in": "query", "required": False,
             "schema": {"type": "integer", "minimum": 1, "maximum": MAX_PER_PAGE}},
            {"name": "mode", "in": "query", "required": False, "schema": {"type": "string", "enum": list(MODES)}},
            {"name": "understand", "in": "query", "required": False, "schema": {"type": "boolean"},
             "description": "0 to apply no constraint read from the query text"},
            {"name": "drop", "in": "query", "required": False, "schema": _STRINGS, "style": "form", "explode": True,
             "description": "A facet whose constraints read from the query are ignored (the user removed them), or topic "
                            "(the kinds of task and subject areas read from its meaning), or order (the order of size read from it)"},
            *_FACET_PARAMS,
        ],
        "responses": {
            "200": {"description": "One page of results",
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/SearchResponse"}}}},
            "400": {"$ref": "#/components/responses/Problem"},
            "503": {"$ref": "#/components/responses/Problem"},
        },
    }}},
    "components": {"schemas": {
        "SearchHit": {"type": "object", "required": ["pid", "name", "kind", "score", "snippet"], "properties": {
            "pid": {"type": "string", "format": "uri"}, "name": {"type": "string"}, "kind": {"type": "string"},
            "kind_label": {"type": "string"},
            "score": {"type": "number"}, "snippet": {"type": "string"}, "identifier": {"type": "string"},
            "matched": _STRINGS,
            "url": {"type": "string"}, "match": {"type": "string", "enum": ["exact", "hybrid", "keyword", "semantic",
                                                                             "browse"]},
            "tasks": _STRINGS, "licences": _STRINGS, "params": {"type": ["number", "null"]},
            "downloads": {"type": "integer"}}},
        "FacetValue": {"type": "object", "properties": {
            "value": {"type": "string"}, "label": {"type": "string"}, "count": {"type": "integer"},
            "selected": {"type": "boolean"}}},
        "SearchFilterNote": {"type": "object", "properties": {
            "facet": {"type": "string"}, "values": _STRINGS, "value": {"type": "string"}, "label": {"type": "string"},
            "span": {"type": "string"}, "applied": {"type": "boolean"}, "note": {"type": "string"},
            "mode": {"type": "string", "enum": ["filter", "boost"]},
            "reason": {"type": "string"}, "count": {"type": ["integer", "null"]}}},
        "SearchResponse": {"type": "object", "required": ["query", "total", "results", "facets"], "properties": {
            "query": {"type": "string"}, "page": {"type": "integer"}, "per_page": {"type": "integer"},
            "total": {"type": "integer"}, "pages": {"type": "integer"}, "mode": {"type": "string"},
            "took_ms": {"type": "number"},
            "results": {"type": "array", "items": {"$ref": "#/components/schemas/SearchHit"}},
            "facets": {"type": "array", "items": {"type": "object", "properties": {
                "name": {"type": "string"}, "label": {"type": "string"},
                "values": {"type": "array", "items": {"$ref": "#/components/schemas/FacetValue"}}}}},
            "filters": {"type": "object", "additionalProperties": _STRINGS},
            "recognised": {"type": "array", "items": {"$ref": "#/components/schemas/SearchFilterNote"}},
            "suggested": {"type": "array", "items": {"$ref": "#/components/schemas/SearchFilterNote"}},
            "questions": {"type": "array", "items": {"type": "object", "properties": {
                "question": {"type": "string"}, "facet": {"type": "string"},
                "options": {"type": "array", "items": {"$ref": "#/components/schemas/FacetValue"}}}}},
            "expansions": _STRINGS, "understood_by": {"type": "string"}, "notes": _STRINGS}},
    }},
}
