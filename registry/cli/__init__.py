"""The `mlfdo` command line. Domain errors become one line and a documented exit code.

Exit codes: 0 success; 1 validation found a violation (or an unexpected error);
2 bad input or usage; 3 not found / withdrawn; 4 query timeout or result limit;
5 store in use by another process.
"""

from __future__ import annotations

import contextlib
import faulthandler
import importlib
import signal
import sys
import threading

import click

from registry.errors import MlfdoError

__all__ = ["main", "cli", "COMMAND_MODULES", "EXIT_CODES"]

EXIT_CODES = {
    0: "success",
    1: "validation found a violation, or an unexpected error",
    2: "bad input or usage (unreadable file, bad syntax, unknown format)",
    3: "not found, or withdrawn",
    4: "query timed out or exceeded the result limit",
    5: "the store is in use by another process",
}

# Each module adds its commands to `cli` when imported.
COMMAND_MODULES = [
    "registry.cli.store_cmds",
    "registry.cli.harvest_cmds",
    "registry.cli.serve_cmds",
    "registry.cli.stack_cmds",
    "registry.cli.search_cmds",
    "registry.cli.chat_cmds",
    "registry.cli.mcp_cmds",
    "registry.cli.ops_cmds",
]


class MlfdoGroup(click.Group):
    """A group that turns domain errors into one clear line and their exit code."""

    def invoke(self, ctx: click.Context):
        if threading.current_thread() is threading.main_thread():
            signal.signal(signal.SIGTERM, _interrupt)  # stop like Ctrl-C (`serve` installs its own handler)
            # `kill -USR1 <pid>` prints every thread's stack on stderr: what a command that seems stuck is doing
            with contextlib.suppress(AttributeError, ValueError, OSError):  # no real stderr: nothing to print on
                faulthandler.register(signal.SIGUSR1, file=sys.__stderr__, all_threads=True, chain=False)
        try:
            return super().invoke(ctx)
        except MlfdoError as exc:
            click.echo(f"Error: {exc.message}", err=True)
            sys.exit(exc.exit_code)
        except KeyboardInterrupt:
            click.echo("\nInterrupted: everything written before the last completed batch is kept, nothing "
                       "half-written; run the command again to finish.", err=True)
            sys.exit(130)


def _interrupt(_signum, _frame) -> None:
    raise KeyboardInterrupt


@click.group(cls=MlfdoGroup)
@click.option("--data-dir", envvar="MLFDO_DATA_DIR", default=None, type=click.Path(file_okay=False),
              help="Data directory (default ./mlfdo-data; env MLFDO_DATA_DIR).")
@click.option("--base-url", envvar="MLFDO_BASE_URL", default=None,
              help="Base URL of PIDs (default http://127.0.0.1:8000; env MLFDO_BASE_URL).")
@click.version_option(package_name="mlfdo")
@click.pass_context
def cli(ctx: click.Context, data_dir: str | None, base_url: str | None) -> None:
    """mlfdo: a registry of machine-learning models published as FAIR Digital Objects."""
    overrides = {}
    if data_dir:
        overrides["DATA_DIR"] = data_dir
    if base_url:
        overrides["BASE_URL"] = base_url
    ctx.obj = {"overrides": overrides}


def _load_commands() -> None:
    for name in COMMAND_MODULES:
        importlib.import_module(name)


_load_commands()


def main() -> None:
    """Run the CLI."""
    from registry.logs import configure_logging
    from registry.settings import load_settings

    try:
        log_format = load_settings()["LOG_FORMAT"]
    except ValueError as exc:  # an unreadable setting or a missing config file: one line, usage exit code
        click.echo(f"Error: {exc}", err=True)
        sys.exit(2)
    configure_logging(log_format)
    cli(prog_name="mlfdo")
