"""Helpers shared by CLI commands: open the registry once per command, progress bars."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

import click

from registry.errors import NotFound
from registry.service import Registry

__all__ = ["open_registry", "resolve_or_fail", "first_load"]


@contextlib.contextmanager
def open_registry(ctx: click.Context, read_only: bool = False, **overrides) -> Iterator[Registry]:
    """Open the registry from the CLI's settings and close it afterwards."""
    settings = dict(ctx.find_root().obj["overrides"])
    settings.update(overrides)
    registry = Registry.open(settings, read_only=read_only)
    try:
        yield registry
    finally:
        registry.close()


def first_load(registry: Registry) -> contextlib.AbstractContextManager[bool]:
    """Bulk-load when the store is empty and ``MLFDO_BULK_LOAD`` is on (incremental runs stay transactional).

    The session's last steps (the last chunk, then compacting the store) are told on stderr.
    """
    if not registry.settings.get("BULK_LOAD", True):
        return contextlib.nullcontext(False)
    return registry.store.bulk(progress=lambda message: click.echo(message, err=True))


def resolve_or_fail(registry: Registry, ref: str) -> str:
    """Return the PID for an id, PID, alias or platform:id. Raises NotFound."""
    pid = registry.store.resolve(ref)
    if pid is None:
        raise NotFound(f"no FDO matches {ref!r} (give an id, a PID, or platform:id such as hf:org/name)")
    return pid
