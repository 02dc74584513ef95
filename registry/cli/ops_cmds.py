"""Operator commands: `mlfdo check`, `mlfdo backup DIR`, `mlfdo restore DIR`."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from registry.cli import cli
from registry.cli.common import open_registry

__all__ = ["check", "backup_cmd", "restore_cmd"]


def _settings(ctx: click.Context) -> dict:
    from registry.settings import load_settings

    return load_settings(overrides=ctx.find_root().obj["overrides"])


def _data_dir(ctx: click.Context) -> Path:
    return Path(_settings(ctx)["DATA_DIR"])


@cli.command()
@click.option("--strict-index", is_flag=True, help="Also fail when the search index lags behind the store.")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@click.pass_context
def check(ctx: click.Context, strict_index: bool, as_json: bool) -> None:
    """Check the store's consistency (versions, provenance, current view) and the search index; exit 1 on a problem."""
    from registry.search.consistency import check_index
    from registry.store.consistency import check_store

    with open_registry(ctx) as registry:
        report = check_store(registry.store)
        index = check_index(registry)
    problems = [p.line() for p in report.problems]
    if index is not None:
        problems += [f"index: {pid}: indexed version is newer than the store's" for pid in index.ahead]
        if strict_index:
            problems += [f"index: {pid}: not indexed at its current version" for pid in index.behind]
    if as_json:
        click.echo(json.dumps({"ok": not problems, "fdos": report.fdos, "versions": report.versions,
                               "problems": problems, "index": None if index is None else {
                                   "where": index.where, "indexed": index.indexed, "behind": len(index.behind),
                                   "ahead": len(index.ahead), "note": index.note}}, indent=2))
    else:
        for line in problems:
            click.echo(line)
        click.echo(f"checked {report.fdos} FDO(s) and {report.versions} version(s): {len(problems)} problem(s)")
        if index is None:
            click.echo("search index: none")
        elif index.note:
            click.echo(f"search index: {index.note}")
        else:
            lag = f", {len(index.behind)} behind the store (run `mlfdo index`)" if index.behind else ", current"
            click.echo(f"search index: {index.indexed} FDO(s){lag}")
    if problems:
        sys.exit(1)


@cli.command("backup")
@click.argument("target", type=click.Path(file_okay=False, path_type=Path))
@click.pass_context
def backup_cmd(ctx: click.Context, target: Path) -> None:
    """Copy the store, raw records and search index into TARGET (a new directory); safe while the server runs."""
    from registry.backup import backup

    settings = _settings(ctx)
    summary = backup(Path(settings["DATA_DIR"]), target, base_url=settings["BASE_URL"])
    click.echo(f"backed up {summary.quads} quads, {summary.raw_files} raw record(s) and "
               f"{summary.index_collections} index collection(s) to {summary.target} in {summary.seconds:.1f} s")


@cli.command("restore")
@click.argument("source", type=click.Path(file_okay=False, exists=True, path_type=Path))
@click.option("--force", is_flag=True, help="Replace a store the data directory already holds.")
@click.pass_context
def restore_cmd(ctx: click.Context, source: Path, force: bool) -> None:
    """Bring back a backup made by `mlfdo backup` into the data directory (the server must be stopped)."""
    from registry.backup import restore

    summary = restore(source, _data_dir(ctx), force=force)
    click.echo(f"restored {summary.quads} quads, {summary.raw_files} raw record(s) and "
               f"{summary.index_collections} index collection(s) into {summary.target} in {summary.seconds:.1f} s; "
               "run `mlfdo check`")
