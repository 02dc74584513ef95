"""Web settings and the app's configuration layers: defaults, instance file, environment, overrides."""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from flask import Flask

from registry.settings import SETTINGS, Setting

__all__ = ["WEB_SETTINGS", "all_settings", "load_config"]

# Settings of the web layer, declared like registry.settings.SETTINGS (and documented in docs/deployment.md).
WEB_SETTINGS: tuple[Setting, ...] = (
    Setting("SPARQL_WORKERS", 2, "Queries /sparql runs at the same time; others wait for a free worker "
            "within the timeout.", int),
    Setting("SPARQL_ISOLATION", "auto", "How /sparql runs queries: 'process' (worker processes on a read-only "
            "store handle, killed at the timeout), 'thread' (threads; a timed-out query is abandoned, not "
            "stopped), or 'auto' (process for an on-disk store, thread for an in-memory one)."),
    Setting("PAGE_SIZE", 50, "FDOs per page in /api/fdo and on the home page (a client may ask for up to 500).",
            int),
    Setting("CONFIG_FILE", "", "Instance config file (Python assignments such as BASE_URL = '...') read "
            "after the defaults and before the environment; default: instance/mlfdo.cfg when it exists."),
)


def all_settings() -> tuple[Setting, ...]:
    """Return the registry's settings followed by the web settings."""
    return SETTINGS + WEB_SETTINGS


def _from_file(app: Flask, path: str | None) -> dict[str, Any]:
    candidate = Path(path) if path else Path(app.instance_path) / "mlfdo.cfg"
    if not candidate.is_file():
        if path:
            raise ValueError(f"MLFDO_CONFIG_FILE={path!r}: no such file")
        return {}
    namespace: dict[str, Any] = {}
    exec(compile(candidate.read_text(encoding="utf-8"), str(candidate), "exec"), namespace)  # noqa: S102
    return {k.removeprefix("MLFDO_"): v for k, v in namespace.items() if k.isupper()}


def load_config(app: Flask, overrides: Mapping[str, Any] | None, environ: Mapping[str, str] | None = None) -> dict:
    """Fill ``app.config`` and return the registry settings, layered: defaults < file < environment < overrides.

    Raises ValueError naming the variable when an environment value cannot be read.
    """
    environ = os.environ if environ is None else environ
    overrides = {k.removeprefix("MLFDO_"): v for k, v in (overrides or {}).items()}
    values: dict[str, Any] = {s.name: s.default for s in all_settings()}
    config_file = overrides.get("CONFIG_FILE") or environ.get("MLFDO_CONFIG_FILE") or None
    file_values = _from_file(app, config_file)
    for key, value in file_values.items():
        if key in values:
            values[key] = value
        else:
            app.config[key] = value
    for setting in all_settings():
        raw = environ.get(setting.env)
        if raw is not None and raw != "":
            try:
                values[setting.name] = setting.cast(raw)
            except ValueError as exc:
                raise ValueError(f"{setting.env}={raw!r} is not valid: {exc}") from None
    for key, value in overrides.items():
        if key in values:
            values[key] = value
        else:
            app.config[key] = value
    if values["SHACL"] and importlib.util.find_spec("registry.validate") is None:
        values["SHACL"] = False  # the validator is optional for serving; ingest through the CLI validates
    app.config.update({f"MLFDO_{k}": v for k, v in values.items()})
    return values
