"""The web app: ``create_app(config=None)`` builds the Flask app around one Registry."""

from __future__ import annotations

import atexit
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from flask import Flask

__all__ = ["create_app", "PROJECT_ROOT"]

PROJECT_ROOT = Path(__file__).resolve().parents[2]


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    """Create the app: defaults, then an instance config file, then ``MLFDO_*`` variables, then ``config``.

    ``config`` may hold setting names (``BASE_URL``...), Flask keys (``TESTING``...), ``REGISTRY``
    (an open Registry to serve instead of opening one) and ``IN_MEMORY`` (an empty in-memory store).
    """
    from registry.service import Registry
    from registry.web import cors, errors, templating
    from registry.web.blueprints import register_blueprints
    from registry.web.config import load_config

    config = dict(config or {})
    given = config.pop("REGISTRY", None)
    in_memory = bool(config.pop("IN_MEMORY", False))
    app = Flask("registry.web", root_path=str(PROJECT_ROOT), template_folder="templates", static_folder="static",
                instance_path=str(PROJECT_ROOT / "instance"))
    settings = load_config(app, config)
    if given is not None:
        registry = given
        app.config["MLFDO_BASE_URL"] = registry.base_url
    else:
        registry = Registry.open({k: v for k, v in settings.items()}, in_memory=in_memory)
        atexit.register(registry.close)
    app.extensions["mlfdo"] = registry
    app.json.sort_keys = False
    errors.init_app(app)
    cors.init_app(app)
    templating.init_app(app)
    register_blueprints(app)
    from registry.mcp import mount

    mount(app, registry)  # /mcp: the MCP server over streamable HTTP (see registry/mcp/http.py)
    return app
