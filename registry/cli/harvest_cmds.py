"""`mlfdo harvest <platform>`: harvest a platform into the store with progress and a summary.

Every platform runs through ``harvesters.run``: the same progress lines, summary, problem
lines and exit codes (0: finished, problems with single records are reported; 1: the
platform stopped the run early, what came before is kept).
"""

from __future__ import annotations

import sys
from collections.abc import Callable

import click

from registry.cli import cli
from registry.cli.common import first_load, open_registry

MAX_PROBLEM_LINES = 20


def _ids(value: str | None) -> list[str] | None:
    return [i.strip() for i in (value or "").split(",") if i.strip()] or None


def _with_progress(run: Callable[..., object], total: int | None, noun: str):
    """Call ``run(progress=...)`` showing a bar when the total is known, else a counter line."""
    if total:
        with click.progressbar(length=total, label="harvesting", file=sys.stderr,
                               item_show_func=lambda x: x or "", show_pos=True) as bar:
            def progress(done: int, _total: int | None, key: str) -> None:
                bar.current_item = key
                bar.update(1)

            return run(progress=progress)

    def counter(done: int, _total: int | None, key: str) -> None:
        if done % 50 == 0:
            click.echo(f"harvested {done} {noun} (at {key})", err=True)

    return run(progress=counter)


def _report(summary) -> None:
    """Print the summary and the problem lines; exit with the run's exit code."""
    from harvesters.run import exit_code

    click.echo(summary.line())
    for problem in summary.problems[:MAX_PROBLEM_LINES]:
        click.echo(f"  problem: {problem}", err=True)
    if len(summary.problems) > MAX_PROBLEM_LINES:
        click.echo(f"  ... and {len(summary.problems) - MAX_PROBLEM_LINES} more problems (see `mlfdo stats`)",
                   err=True)
    code = exit_code(summary)
    if code:
        sys.exit(code)


@cli.group()
def harvest() -> None:
    """Harvest model metadata from a platform into the registry."""


@harvest.command("huggingface")
@click.option("--limit", type=click.IntRange(min=1), default=None, help="Harvest at most N models.")
@click.option("--since", default=None, help="Only models modified at or after DATE (default: the last run's high-water mark).")
@click.option("--author", default=None, help="Only models of this user or organisation.")
@click.option("--ids", default=None, help="Comma-separated model (or, with --datasets, dataset) ids to fetch one by one.")
@click.option("--no-cards", is_flag=True, help="Do not download model cards (README.md).")
@click.option("--datasets", is_flag=True, help="Harvest datasets instead of models: --ids, else every dataset the registry references.")
@click.option("--endpoint", default=None, help="Hub URL (default: the HF_ENDPOINT setting, https://huggingface.co).")
@click.pass_context
def huggingface(ctx: click.Context, limit: int | None, since: str | None, author: str | None, ids: str | None,
                no_cards: bool, datasets: bool, endpoint: str | None) -> None:
    """Harvest models (or, with --datasets, datasets) from the Hugging Face Hub, incrementally."""
    from harvesters.huggingface.extract import HubClient

    id_list = _ids(ids)
    with open_registry(ctx) as registry, first_load(registry):
        client = HubClient.from_settings(registry.settings, endpoint)
        if datasets:
            from harvesters.huggingface.datasets import harvest_datasets

            summary = _with_progress(lambda progress: harvest_datasets(
                registry.store, base_url=registry.base_url, client=client, ids=id_list, limit=limit,
                progress=progress), len(id_list) if id_list else limit, "datasets")
        else:
            from harvesters.huggingface.harvest import harvest as run_harvest

            summary = _with_progress(lambda progress: run_harvest(
                registry.store, base_url=registry.base_url, client=client, limit=limit, since=since,
                author=author, ids=id_list, cards=not no_cards, progress=progress),
                len(id_list) if id_list else limit, "models")
        _report(summary)


@harvest.command("openml")
@click.option("--server", default=None,
              help="OpenML XML API URL (default: the OPENML_SERVER setting, https://www.openml.org/api/v1/xml).")
@click.option("--runs", default=None, help="Comma-separated run ids (their flow, task and dataset come along).")
@click.option("--flows", default=None, help="Comma-separated flow ids.")
@click.option("--datasets", default=None, help="Comma-separated dataset ids.")
@click.option("--tasks", default=None, help="Comma-separated task ids (their dataset comes along).")
@click.option("--limit", type=click.IntRange(min=1), default=None, help="Listing mode: at most N new objects per kind.")
@click.option("--since", default=None, help="Listing mode: only objects uploaded at or after DATE.")
@click.pass_context
def openml(ctx: click.Context, server: str | None, runs: str | None, flows: str | None, datasets: str | None,
           tasks: str | None, limit: int | None, since: str | None) -> None:
    """Harvest OpenML flows, runs, tasks and datasets (by id, or by listing new ones)."""
    from harvesters.openml.client import OpenMLClient
    from harvesters.openml.harvest import harvest as run_harvest

    wanted = {"runs": _ids(runs), "flows": _ids(flows), "datasets": _ids(datasets), "tasks": _ids(tasks)}
    total = sum(len(v) for v in wanted.values() if v) or None
    with open_registry(ctx) as registry, OpenMLClient.from_settings(registry.settings, server) as client:
        summary = _with_progress(lambda progress: run_harvest(
            registry.store, base_url=registry.base_url, client=client, limit=limit, since=since, progress=progress,
            **wanted), total, "objects")
        _report(summary)


@harvest.command("arxiv")
@click.option("--ids", default=None, help="Comma-separated arXiv ids to fetch.")
@click.option("--missing", is_flag=True, help="Fill every paper stub that has no arXiv metadata yet.")
@click.pass_context
def arxiv(ctx: click.Context, ids: str | None, missing: bool) -> None:
    """Harvest arXiv papers (title, authors, dates, categories...) in batches of up to 100 ids."""
    from harvesters.arxiv.client import ArxivClient
    from harvesters.arxiv.harvest import harvest as run_harvest

    id_list = _ids(ids)
    if not id_list and not missing:
        raise click.UsageError("give --ids ID,... or --missing")
    with open_registry(ctx) as registry:
        summary = _with_progress(lambda progress: run_harvest(
            registry.store, base_url=registry.base_url, client=ArxivClient.from_settings(registry.settings),
            ids=id_list, missing=missing, progress=progress),
            len(id_list) if id_list else None, "papers")
        _report(summary)


@harvest.command("vocabularies")
@click.pass_context
def vocabularies(ctx: click.Context) -> None:
    """Harvest the concept vocabularies (tasks, libraries, licences, languages) shipped with the package."""
    from harvesters.vocabularies import harvest as run_harvest

    with open_registry(ctx) as registry:
        counts = run_harvest(registry.store, registry.base_url)
    click.echo("concepts: " + ", ".join(f"{status} {n}" for status, n in sorted(counts.items())))
