"""Jinja setup: safe Markdown for card text, dates, labels, and what every page needs."""

from __future__ import annotations

from datetime import datetime

from flask import Flask, current_app
from markdown_it import MarkdownIt
from markupsafe import Markup
from pyoxigraph import NamedNode

from registry.vocab import compact_iri

__all__ = ["init_app", "render_markdown"]

# Card text comes from model authors: raw HTML is escaped (html=False), images are not loaded
# (they could track readers), and markdown-it refuses javascript:/vbscript:/data: links.
_md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).enable("table")
_md.disable("image")


def render_markdown(text: str) -> Markup:
    """Render card Markdown to HTML that cannot run script."""
    return Markup(_md.render(text or ""))


def _date(value: datetime | str | None, fmt: str = "%Y-%m-%d") -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return value
    return value.strftime(fmt)


def _number(value: int | None) -> str:
    return "" if value is None else f"{value:,}"


def _fdo_id(pid: str) -> str:
    """Return the id of a PID (its last path segment)."""
    return pid.rstrip("/").rsplit("/", 1)[-1]


def init_app(app: Flask) -> None:
    """Register filters and the common template context."""
    app.jinja_env.filters["markdown"] = render_markdown
    app.jinja_env.filters["date"] = _date
    app.jinja_env.filters["datetime"] = lambda v: _date(v, "%Y-%m-%d %H:%M UTC")
    app.jinja_env.filters["number"] = _number
    app.jinja_env.filters["compact"] = compact_iri
    app.jinja_env.filters["fdo_id"] = _fdo_id
    app.jinja_env.filters["fdo_path"] = lambda pid: f"/fdo/{_fdo_id(pid)}"
    app.jinja_env.tests["iri"] = lambda t: isinstance(t, NamedNode)
    app.jinja_env.add_extension("jinja2.ext.loopcontrols")
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
    from registry.web import identity

    identity.init_app(app)

    @app.context_processor
    def _site() -> dict:
        return {"site_name": "mlfdo", "base_url": current_app.config["MLFDO_BASE_URL"],
                "nav": [("Models", "/"), ("Search", "/search"), ("SPARQL", "/sparql"), ("API", "/api"),
                        ("Dumps", "/api#dumps")]}
