"""The registry service object: settings, the one store, and the subsystems built on it."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from registry.settings import Settings, load_settings
from registry.store import Store
from registry.validate import Validator

__all__ = ["Registry"]


class Registry:
    """Everything one process needs: opened once by the CLI or the web app, closed at exit.

    Subsystems (search index, chat) attach lazily through :meth:`extension`, so a command that
    does not search never loads an embedding model.
    """

    def __init__(self, settings: Settings | dict[str, Any], store: Store) -> None:
        self.settings = settings
        self.store = store
        self._extensions: dict[str, Any] = {}

    @classmethod
    def open(cls, overrides: dict[str, Any] | None = None, in_memory: bool = False,
             read_only: bool = False, environ: Mapping[str, str] | None = None) -> "Registry":
        """Open the registry its settings describe (defaults, config file, environment, ``overrides``).

        ``environ`` replaces the process environment (tests pass ``{}``).
        Raises ValueError for an unreadable setting, StoreBusy, and ConfigError when the store was
        written under another base URL.
        """
        settings = load_settings(environ, overrides)
        validator = Validator.default() if settings["SHACL"] else None
        if settings["STORE_URL"] and not in_memory:
            store = Store.open_remote(settings["STORE_URL"], settings["BASE_URL"], validator=validator,
                                      batch_size=int(settings["INGEST_BATCH"]), data_dir=settings["DATA_DIR"],
                                      dialect=settings["SPARQL_DIALECT"])
        else:
            data_dir = None if in_memory else Path(settings["DATA_DIR"])
            store = Store.open(data_dir, settings["BASE_URL"], validator=validator,
                               batch_size=int(settings["INGEST_BATCH"]), read_only=read_only)
        registry = cls(settings, store)
        if settings["STORE_URL"] and not in_memory:
            from registry.changefeed import attach_publisher

            # other processes on the same store learn of this one's changes (registry/changefeed.py)
            registry.extension("change-feed", lambda r: attach_publisher(r.store, r.settings))
        return registry

    @property
    def base_url(self) -> str:
        return self.store.base_url

    @property
    def data_dir(self) -> Path | None:
        return self.store.data_dir

    def extension(self, name: str, factory):
        """Return the subsystem called ``name``, creating it with ``factory(self)`` on first use."""
        if name not in self._extensions:
            self._extensions[name] = factory(self)
        return self._extensions[name]

    def loaded(self, name: str):
        """Return the subsystem called ``name`` if it was created already, else None (never creates it)."""
        return self._extensions.get(name)

    def close(self) -> None:
        """Close subsystems and flush the store."""
        for ext in self._extensions.values():
            close = getattr(ext, "close", None)
            if close:
                close()
        self.store.close()
