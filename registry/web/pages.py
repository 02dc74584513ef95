"""Pages for people that are not about one FDO: the home page listing models."""

from __future__ import annotations

from flask import Blueprint, Response, render_template, request

from registry.web.api import fdo_list, page_args
from registry.web.responses import registry

__all__ = ["bp"]

bp = Blueprint("pages", __name__)


@bp.route("/")
def home() -> Response:
    """Show the registry: counts, and the models a page at a time, most downloaded first."""
    page, size = page_args()
    kind = request.args.get("kind") or "model"
    listing = fdo_list(kind, page, size, include_stubs=kind != "model", path="/", order="popular")
    return Response(render_template("pages/home.html", stats=registry().store.stats(), listing=listing,
                                    kind=kind), mimetype="text/html")


_ONTOLOGY_TYPES = {".jsonld": "application/ld+json", ".ttl": "text/turtle"}


@bp.route("/ontology/<name>")
def ontology(name: str) -> Response:
    """Serve the vocabulary files of ontology/ (the JSON-LD context, the Turtle vocabularies)."""
    from registry.errors import NotFound
    from registry.paths import ONTOLOGY_DIR

    path = ONTOLOGY_DIR / name
    media_type = _ONTOLOGY_TYPES.get(path.suffix)
    if media_type is None or "/" in name or not path.is_file():
        raise NotFound(f"no ontology file {name!r}")
    return Response(path.read_bytes(), mimetype=media_type)
