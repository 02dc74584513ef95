"""The blueprints the app registers, as import paths; each is imported directly (a broken one stops the app).

Other subsystems add theirs here (``"package.module:bp"``). A blueprint module may also define
``OPENAPI = {"paths": {...}, "components": {"schemas": {...}}}``: a fragment merged into /openapi.json.
"""

from __future__ import annotations

import importlib

from flask import Flask

__all__ = ["BLUEPRINTS", "register_blueprints"]

BLUEPRINTS: list[str] = [
    "registry.web.pages:bp",
    "registry.web.fdo:bp",
    "registry.web.history:bp",
    "registry.web.api:bp",
    "registry.web.sparql_routes:bp",
    "registry.search.web:bp",
    "registry.chat.web:bp",
    "registry.web.metrics:bp",
    "registry.web.compare:bp",
    "registry.web.similar:bp",
    "registry.web.admin:bp",
]


def register_blueprints(app: Flask, names: list[str] | None = None) -> list[str]:
    """Import and register each blueprint; return the names registered. Collects OpenAPI fragments."""
    registered = []
    fragments = app.extensions.setdefault("mlfdo.openapi", [])
    for spec in BLUEPRINTS if names is None else names:
        module_name, _, attr = spec.partition(":")
        module = importlib.import_module(module_name)
        app.register_blueprint(getattr(module, attr or "bp"))
        fragment = getattr(module, "OPENAPI", None)
        if fragment:
            fragments.append(fragment)
        registered.append(spec)
    return registered
