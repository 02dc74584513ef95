"""Settings declared once, as data (name, default, help), and the one loader that reads them.

Every setting is read in this order: its default, the instance config file, the ``MLFDO_<NAME>``
environment variable (or a platform's own variable listed in ``aliases``), then explicit
overrides. :func:`load_settings` is the only place that reads the process environment.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = ["Setting", "SETTINGS", "Settings", "DEFAULT_CONFIG_FILE", "load_settings", "read_config_file",
           "setting_names"]

DEFAULT_CONFIG_FILE = Path("instance") / "mlfdo.cfg"  # relative to the working directory


@dataclass(frozen=True)
class Setting:
    """One setting: read from ``MLFDO_<NAME>`` (or an alias variable), the config file or overrides."""

    name: str
    default: Any
    help: str
    cast: Callable[[str], Any] = str
    aliases: tuple[str, ...] = ()  # other environment variables read when MLFDO_<NAME> is unset

    @property
    def env(self) -> str:
        return f"MLFDO_{self.name}"


def _bool(value: str) -> bool:
    return value.strip().lower() in {"1", "true", "yes", "on"}


SETTINGS: tuple[Setting, ...] = (
    Setting("BASE_URL", "http://127.0.0.1:8000", "Base URL of every PID ({base}/fdo/{id})."),
    Setting("DATA_DIR", "./mlfdo-data", "Directory holding the embedded store, raw records and the search index."),
    Setting("STORE_URL", "", "SPARQL 1.1 endpoint base of a remote store (empty: the embedded store in DATA_DIR)."),
    Setting("SPARQL_DIALECT", "auto", "How the remote store talks to its server: 'standard' (a default graph of "
            "its own: Oxigraph), 'virtuoso', or 'auto' (Virtuoso when the server's Server header says so)."),
    Setting("SHACL", True, "Validate every ingested version against the shapes (reports are kept, never block).",
            _bool),
    Setting("BULK_LOAD", True, "A harvest or ingest into an empty embedded store uses the bulk loader "
            "(journaled; incremental runs stay transactional).", _bool),
    Setting("INGEST_BATCH", 200, "Records written per store transaction during bulk ingest.", int),
    Setting("SPARQL_TIMEOUT", 10.0, "Seconds a /sparql query may run before it is stopped with an error.", float),
    Setting("SPARQL_LIMIT", 10000, "Most result rows /sparql returns; larger results are refused, never cut.", int),
    Setting("SPARQL_WORKERS", 2, "Queries /sparql runs at the same time; others wait for a free worker "
            "within the timeout.", int),
    Setting("SPARQL_ISOLATION", "auto", "How /sparql runs queries: 'process' (worker processes on a read-only "
            "store handle, killed at the timeout), 'thread' (threads; a timed-out query is abandoned, not "
            "stopped), or 'auto' (process for an on-disk store, thread for an in-memory one)."),
    Setting("PAGE_SIZE", 50, "FDOs per page in /api/fdo and on the home page (a client may ask for up to 500).",
            int),
    Setting("QDRANT_URL", "", "URL of a Qdrant server for the search index (empty: embedded index in DATA_DIR)."),
    Setting("EMBEDDER", "static", "Embedding model: 'static' (a static model distilled here from the local "
            "all-MiniLM-L6-v2, the default), 'static:<directory>' (a static model distilled elsewhere, e.g. by "
            "bench/static_variants.py), 'minilm' (all-MiniLM-L6-v2 itself) or 'ollama:<model>'."),
    Setting("HARVEST_INTERVAL", 3600.0, "Seconds between the incremental harvests beat schedules for every platform.",
            float),
    Setting("LOG_FORMAT", "text", "Log lines as 'text' or 'json' (one JSON object per line, for log collectors)."),
    Setting("LLM", "", "Chat model: 'ollama:<model>', 'local' (SmolLM2 in-process), 'auto' (local when installed, "
            "else extractive), or 'extractive' / empty (templated answers from the retrieved facts)."),
    Setting("OLLAMA_URL", "http://127.0.0.1:11434", "URL of the Ollama server (chat answers, and ollama: embedders and query understanding).",
            aliases=("OLLAMA_HOST",)),
    Setting("CACHE_DIR", "", "Where the local chat model's converted copy is kept (empty: ~/.cache/mlfdo)."),
    Setting("BROKER_URL", "redis://127.0.0.1:6379/0", "Celery broker and result backend of the scaled-out workers; "
            "with MLFDO_STORE_URL, also the search index's change feed."),
    Setting("MCP_ALLOWED_HOSTS", "", "Extra Host header values (comma-separated, host or host:port, * for any port) "
            "that /mcp accepts besides loopback and the base URL's host; a guard against DNS rebinding."),
    Setting("HF_ENDPOINT", "https://huggingface.co", "Hugging Face Hub URL harvests talk to (e.g. a mirror).",
            aliases=("HF_ENDPOINT",)),
    Setting("HF_TOKEN", "", "Hugging Face token sent when set (gated models, higher rate limits).",
            aliases=("HF_TOKEN",)),
    Setting("HF_RATE", 5.0, "Most requests per second a harvest sends to a remote Hub (none on loopback).", float),
    Setting("SPARQL_QUEUE_WAIT", 2.0, "Seconds a /sparql query waits for a free query worker before the answer "
            "is 503 with Retry-After.", float),
    Setting("SHUTDOWN_GRACE", 10.0, "Seconds `mlfdo serve` lets requests in flight finish after SIGTERM or "
            "SIGINT before it cancels them, ends its query workers and closes the store.", float),
    Setting("ADMIN_TOKEN", "", "Bearer token every state-changing endpoint (/admin/...) requires; empty: those "
            "endpoints answer 403."),
    Setting("CONFIG_FILE", "", "Instance config file (Python assignments such as BASE_URL = '...') read "
            "after the defaults and before the environment; default: instance/mlfdo.cfg in the working "
            "directory when it exists."),
    Setting("OPENML_SERVER", "https://www.openml.org/api/v1/xml", "OpenML XML API the OpenML harvester talks to."),
    Setting("OPENML_RATE", 2.0, "Most OpenML requests per second a harvest sends (none to a loopback server).", float),
    Setting("OPENML_TIMEOUT", 60.0, "Seconds an OpenML request may take before it counts as failed.", float),
    Setting("ARXIV_URL", "https://export.arxiv.org/api/query", "arXiv query API the arXiv harvester talks to."),
    Setting("ARXIV_DELAY", 3.0, "Seconds between two arXiv API calls (arXiv asks for at least 3).", float),
    Setting("ARXIV_TIMEOUT", 30.0, "Seconds an arXiv API call may take before it counts as failed.", float),
)

_BY_NAME = {s.name: s for s in SETTINGS}


class Settings(dict):
    """Every setting by name; ``extra`` holds other upper-case keys given (Flask keys such as TESTING)."""

    def __init__(self, values: Mapping[str, Any], extra: Mapping[str, Any] | None = None) -> None:
        super().__init__(values)
        self.extra: dict[str, Any] = dict(extra or {})

    def with_overrides(self, overrides: Mapping[str, Any]) -> "Settings":
        """Return a copy with ``overrides`` applied on top (the last layer of :func:`load_settings`)."""
        values, extra = dict(self), dict(self.extra)
        _merge({k.removeprefix("MLFDO_"): v for k, v in overrides.items()}, values, extra)
        return Settings(values, extra)


def setting_names() -> list[str]:
    """Return the names of every setting."""
    return [s.name for s in SETTINGS]


def read_config_file(path: str | os.PathLike) -> dict[str, Any]:
    """Return the upper-case assignments of an instance config file (``MLFDO_`` prefix optional).

    Raises ValueError when the file does not exist.
    """
    path = Path(path)
    if not path.is_file():
        raise ValueError(f"MLFDO_CONFIG_FILE={str(path)!r}: no such file")
    namespace: dict[str, Any] = {}
    exec(compile(path.read_text(encoding="utf-8"), str(path), "exec"), namespace)  # noqa: S102 - operator's file
    return {k.removeprefix("MLFDO_"): v for k, v in namespace.items() if k.isupper()}


def _from_environ(setting: Setting, environ: Mapping[str, str]) -> str | None:
    for name in (setting.env, *setting.aliases):
        raw = environ.get(name)
        if raw is not None and raw != "":
            return raw
    return None


def load_settings(environ: Mapping[str, str] | None = None, overrides: Mapping[str, Any] | None = None) -> Settings:
    """Return every setting: defaults, then the config file, then the environment, then ``overrides``.

    The config file is ``CONFIG_FILE`` (from the overrides or the environment), else
    ``instance/mlfdo.cfg`` in the working directory when it exists. Keys of the file or the
    overrides that are not settings are kept in ``Settings.extra``.
    Raises ValueError naming the variable when a value cannot be read, or a named file is missing.
    """
    environ = os.environ if environ is None else environ
    overrides = {k.removeprefix("MLFDO_"): v for k, v in (overrides or {}).items()}
    values: dict[str, Any] = {s.name: s.default for s in SETTINGS}
    extra: dict[str, Any] = {}
    named = overrides.get("CONFIG_FILE") or environ.get("MLFDO_CONFIG_FILE")
    if named:
        file_values = read_config_file(named)
    else:
        file_values = read_config_file(DEFAULT_CONFIG_FILE) if DEFAULT_CONFIG_FILE.is_file() else {}
    _merge(file_values, values, extra)
    for setting in SETTINGS:
        raw = _from_environ(setting, environ)
        if raw is not None:
            try:
                values[setting.name] = setting.cast(raw)
            except ValueError as exc:
                raise ValueError(f"{setting.env}={raw!r} is not valid: {exc}") from None
    _merge(overrides, values, extra)
    return Settings(values, extra)


def _merge(layer: Mapping[str, Any], values: dict[str, Any], extra: dict[str, Any]) -> None:
    for key, value in layer.items():
        (values if key in _BY_NAME else extra)[key] = value
