"""`mlfdo mcp`: the Model Context Protocol server over stdio (for assistants that launch it)."""

from __future__ import annotations

import click

from registry.cli import cli
from registry.cli.common import open_registry

__all__ = ["mcp"]


@cli.command()
@click.option("--data-dir", "data_dir", default=None, type=click.Path(file_okay=False),
              help="Data directory (same as the global --data-dir).")
@click.pass_context
def mcp(ctx: click.Context, data_dir: str | None) -> None:
    """Serve the MCP tools (search, get_fdo, lineage, compare, sparql, ask) over stdin/stdout."""
    from registry.mcp import build_server

    with open_registry(ctx, **({"DATA_DIR": data_dir} if data_dir else {})) as registry:
        build_server(registry).run("stdio")
