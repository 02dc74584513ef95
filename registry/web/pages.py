"""Pages for people that are not about one FDO: the home page listing models."""

from __future__ import annotations

from flask import Blueprint, Response, render_template, request

from registry.web.api import fdo_list, page_args
from registry.web.responses import registry

__all__ = ["bp"]

bp = Blueprint("pages", __name__)


@bp.route("/")
def home() -> Response:
    """Show the registry: counts, and the models a page at a time."""
    page, size = page_args()
    kind = request.args.get("kind") or "model"
    listing = fdo_list(kind, page, size, include_stubs=kind != "model", path="/")
    return Response(render_template("pages/home.html", stats=registry().store.stats(), listing=listing,
                                    kind=kind), mimetype="text/html")
