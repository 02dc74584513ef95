"""Search commands: `mlfdo index [--rebuild | --build-embedder]` and `mlfdo search QUERY [--json]`."""

from __future__ import annotations

import json
import sys

import click

from registry.cli import cli
from registry.cli.common import open_registry
from registry.errors import InputError


@cli.command("index")
@click.option("--rebuild", is_flag=True, help="Drop the index and embed every current FDO again.")
@click.option("--build-embedder", is_flag=True,
              help="Only distil the static embedder from the local all-MiniLM-L6-v2 (offline, once per install).")
@click.pass_context
def index_cmd(ctx: click.Context, rebuild: bool, build_embedder: bool) -> None:
    """Bring the search index up to date with the store (or rebuild it from scratch)."""
    if build_embedder:
        from registry.search.static import build_static_model

        click.echo(f"static embedder: {build_static_model()}")
        return
    with open_registry(ctx) as registry:
        build_index(registry, rebuild=rebuild)


def build_index(registry, rebuild: bool = False, keep: bool = False) -> None:
    """Bring the search index of ``registry`` up to date with a progress bar, and print a summary.

    With ``keep`` the searcher stays open as the registry's own (``mlfdo demo`` serves it next),
    instead of being closed and loaded again from disk by the first search.
    """
    from registry.search import open_searcher

    if keep:
        searcher = registry.extension("search", lambda r: open_searcher(r, sync=False))
    else:
        searcher = open_searcher(registry, sync=False)
    try:
        if rebuild:
            searcher.index.reset()
        todo, _, _ = searcher.index.plan()
        with click.progressbar(length=len(todo), label="indexing", file=sys.stderr, show_pos=True) as bar:
            report = searcher.index.sync(progress=bar.update)
        click.echo(f"indexed {report.indexed}, removed {report.removed}, already current {report.unchanged} "
                   f"in {report.seconds:.1f} s ({report.per_second:.1f} FDOs/s); "
                   f"{len(searcher.engine)} FDOs in the index")
    finally:
        if not keep:
            searcher.close()


def _filters(values: tuple[str, ...]) -> dict[str, list[str]]:
    filters: dict[str, list[str]] = {}
    for item in values:
        facet, sep, value = item.partition("=")
        if not sep or not facet.strip() or not value.strip():
            raise InputError(f"--filter {item!r}: use FACET=VALUE, e.g. --filter licence=Apache-2.0")
        filters.setdefault(facet.strip(), []).append(value.strip())
    return filters


@cli.command("search")
@click.argument("query")
@click.option("--filter", "-f", "filters", multiple=True, metavar="FACET=VALUE",
              help="Filter on a facet (repeatable): task, licence, library, language, author, base_model, "
                   "dataset, platform, kind, params (e.g. <500M), date (e.g. >=2024).")
@click.option("--page", default=1, show_default=True, type=click.IntRange(min=1))
@click.option("--per-page", default=10, show_default=True, type=click.IntRange(1, 100))
@click.option("--mode", default="hybrid", show_default=True, type=click.Choice(["hybrid", "keyword", "dense"]))
@click.option("--json", "as_json", is_flag=True, help="Print the API's JSON response.")
@click.pass_context
def search_cmd(ctx: click.Context, query: str, filters: tuple[str, ...], page: int, per_page: int, mode: str,
               as_json: bool) -> None:
    """Search the registry in natural language, e.g. "small German sentence embedding model"."""
    from registry.search import get_searcher

    with open_registry(ctx) as registry:
        response = get_searcher(registry).search(query, _filters(filters), page=page, per_page=per_page, mode=mode)
        if as_json:
            click.echo(json.dumps(response.to_dict(), indent=2, ensure_ascii=False))
            return
        for rec in response.recognised:
            state = "applied" if rec.applied else f"not applied: {rec.note}"
            click.echo(f"understood: {rec.label} ({state})")
        for i, hit in enumerate(response.results, start=(page - 1) * per_page + 1):
            facts = " · ".join(filter(None, [hit.kind, ", ".join(hit.tasks), ", ".join(hit.licences)]))
            click.echo(f"{i:>3}. {hit.name}  [{facts}]")
            click.echo(f"     {hit.pid}")
            if hit.snippet:
                click.echo(f"     {hit.snippet}")
        click.echo(f"{response.total} result(s), page {response.page} of {response.pages}, {response.took_ms:.0f} ms")
        for s in response.suggested:
            click.echo(f"suggested filter: --filter {s.facet}={s.value!r}  ({s.reason})")
        for q in response.questions:
            click.echo(f"? {q.question}")
