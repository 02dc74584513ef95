"""Settings declared once, as data: name, default, help. They feed defaults, --help and docs."""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any, Callable, Mapping

__all__ = ["Setting", "SETTINGS", "load_settings", "setting_names"]


@dataclass(frozen=True)
class Setting:
    """One setting: read from ``MLFDO_<NAME>`` in the environment, or the app config."""

    name: str
    default: Any
    help: str
    cast: Callable[[str], Any] = str

    @property
    def env(self) -> str:
        return f"MLFDO_{self.name}"


def _bool(value: str) -> bool:
    return value.strip().lower() in {"1", "true", "yes", "on"}


SETTINGS: tuple[Setting, ...] = (
    Setting("BASE_URL", "http://127.0.0.1:8000", "Base URL of every PID ({base}/fdo/{id})."),
    Setting("DATA_DIR", "./mlfdo-data", "Directory holding the embedded store, raw records and the search index."),
    Setting("STORE_URL", "", "SPARQL 1.1 endpoint base of a remote store (empty: the embedded store in DATA_DIR)."),
    Setting("SHACL", True, "Validate every ingested version against shapes/ (reports are kept, never block).", _bool),
    Setting("INGEST_BATCH", 200, "Records written per store transaction during bulk ingest.", int),
    Setting("SPARQL_TIMEOUT", 10.0, "Seconds a /sparql query may run before it is stopped with an error.", float),
    Setting("SPARQL_LIMIT", 10000, "Most result rows /sparql returns; larger results are refused, never cut.", int),
    Setting("QDRANT_URL", "", "URL of a Qdrant server for the search index (empty: embedded index in DATA_DIR)."),
    Setting("EMBEDDER", "minilm", "Embedding model: 'minilm' (local all-MiniLM-L6-v2) or 'ollama:<model>'."),
    Setting("LLM", "", "Chat model: 'ollama:<model>', 'local' (SmolLM2 in-process), 'extractive' (templated answers from the retrieved facts) or empty for local when installed, else extractive."),
    Setting("BROKER_URL", "redis://127.0.0.1:6379/0", "Celery broker and result backend of the scaled-out workers."),
    Setting("HF_RATE", 5.0, "Most Hugging Face Hub requests per second a harvest sends.", float),
    Setting("SPARQL_QUEUE_WAIT", 2.0, "Seconds a /sparql query waits for a free query worker before the answer "
            "is 503 with Retry-After.", float),
    Setting("SHUTDOWN_GRACE", 10.0, "Seconds `mlfdo serve` lets requests in flight finish after SIGTERM or "
            "SIGINT before it cancels them, ends its query workers and closes the store.", float),
    Setting("ADMIN_TOKEN", "", "Bearer token every state-changing endpoint (/admin/...) requires; empty: those "
            "endpoints answer 403."),
)


def setting_names() -> list[str]:
    """Return the names of every setting."""
    return [s.name for s in SETTINGS]


def load_settings(environ: Mapping[str, str] | None = None, overrides: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """Return every setting: defaults, then ``MLFDO_*`` environment variables, then overrides.

    Raises ValueError naming the variable when a value cannot be read.
    """
    environ = os.environ if environ is None else environ
    values: dict[str, Any] = {}
    for setting in SETTINGS:
        value = setting.default
        raw = environ.get(setting.env)
        if raw is not None and raw != "":
            try:
                value = setting.cast(raw)
            except ValueError as exc:
                raise ValueError(f"{setting.env}={raw!r} is not valid: {exc}") from None
        values[setting.name] = value
    for key, value in (overrides or {}).items():
        values[key.removeprefix("MLFDO_")] = value
    return values
