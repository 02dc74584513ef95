"""The web app: ``create_app(config=None)`` builds the Flask app around one Registry."""

from __future__ import annotations

import atexit
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from flask import Flask

__all__ = ["create_app"]


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    """Create the app: defaults, then an instance config file, then ``MLFDO_*`` variables, then ``config``.

    ``config`` may hold setting names (``BASE_URL``...), Flask keys (``TESTING``...), ``REGISTRY``
    (an open Registry to serve instead of opening one; its settings are used, ``config`` on top)
    and ``IN_MEMORY`` (an empty in-memory store).
    """
    from registry.paths import PACKAGE_DIR, STATIC_DIR, TEMPLATES_DIR
    from registry.service import Registry
    from registry.settings import Settings
    from registry.web import cors, errors, security, templating
    from registry.web.blueprints import register_blueprints

    config = dict(config or {})
    given = config.pop("REGISTRY", None)
    in_memory = bool(config.pop("IN_MEMORY", False))
    app = Flask("registry.web", root_path=str(PACKAGE_DIR), template_folder=str(TEMPLATES_DIR),
                static_folder=str(STATIC_DIR), instance_path=str(Path.cwd() / "instance"))
    if given is not None:
        registry = given
        given_settings = registry.settings
        settings = Settings(given_settings, getattr(given_settings, "extra", None)).with_overrides(
            {**config, "BASE_URL": registry.base_url})
    else:
        registry = Registry.open(config, in_memory=in_memory)
        atexit.register(registry.close)
        settings = registry.settings
    app.config.update(settings.extra)
    app.config.update({f"MLFDO_{k}": v for k, v in settings.items()})
    app.extensions["mlfdo"] = registry
    app.json.sort_keys = False
    errors.init_app(app)
    cors.init_app(app)
    templating.init_app(app)
    security.init_app(app)
    register_blueprints(app)
    from registry.mcp import mount

    mount(app, registry)  # /mcp: the MCP server over streamable HTTP (see registry/mcp/http.py)
    return app
