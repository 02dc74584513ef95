"""The blueprints the app registers, as import paths; a module that does not exist yet is skipped.

Other subsystems add theirs here (``"package.module:bp"``). A blueprint module may also define
``OPENAPI = {"paths": {...}, "components": {"schemas": {...}}}``: a fragment merged into /openapi.json.
"""

from __future__ import annotations

import importlib
import logging

from flask import Flask

__all__ = ["BLUEPRINTS", "register_blueprints"]

log = logging.getLogger(__name__)

BLUEPRINTS: list[str] = [
    "registry.web.pages:bp",
    "registry.web.fdo:bp",
    "registry.web.history:bp",
    "registry.web.api:bp",
    "registry.web.sparql:bp",
    "registry.search.web:bp",
    "registry.chat.web:bp",
    "registry.web.compare:bp",
    "registry.web.similar:bp",
]


def register_blueprints(app: Flask, names: list[str] | None = None) -> list[str]:
    """Import and register each blueprint; return the names registered. Collects OpenAPI fragments."""
    registered = []
    fragments = app.extensions.setdefault("mlfdo.openapi", [])
    for spec in BLUEPRINTS if names is None else names:
        module_name, _, attr = spec.partition(":")
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            # Only the blueprint module itself (or its not-yet-written package) may be missing.
            if exc.name is None or not module_name.startswith(exc.name):
                raise
            log.info("blueprint %s not available yet: skipped", module_name)
            continue
        app.register_blueprint(getattr(module, attr or "bp"))
        fragment = getattr(module, "OPENAPI", None)
        if fragment:
            fragments.append(fragment)
        registered.append(spec)
    return registered
