"""`mlfdo harvest <platform>`: harvest a platform into the store with progress and a summary."""

from __future__ import annotations

import sys

import click

from registry.cli import cli
from registry.cli.common import open_registry


@cli.group()
def harvest() -> None:
    """Harvest model metadata from a platform into the registry."""


@harvest.command("huggingface")
@click.option("--limit", type=click.IntRange(min=1), default=None, help="Harvest at most N models.")
@click.option("--since", default=None, help="Only models modified at or after DATE (default: the last run's high-water mark).")
@click.option("--author", default=None, help="Only models of this user or organisation.")
@click.option("--ids", default=None, help="Comma-separated model ids to fetch one by one (renames are followed).")
@click.option("--no-cards", is_flag=True, help="Do not download model cards (README.md).")
@click.option("--endpoint", default=None, help="Hub URL (default: the HF_ENDPOINT setting, https://huggingface.co).")
@click.pass_context
def huggingface(ctx: click.Context, limit: int | None, since: str | None, author: str | None, ids: str | None,
                no_cards: bool, endpoint: str | None) -> None:
    """Harvest models from the Hugging Face Hub, newest-modified first, incrementally."""
    from harvesters.huggingface.extract import HubClient
    from harvesters.huggingface.harvest import harvest as run_harvest

    id_list = [i for i in (ids or "").split(",") if i.strip()] or None
    with open_registry(ctx) as registry:
        client = HubClient.from_settings(registry.settings, endpoint)
        total = len(id_list) if id_list else limit
        if total:
            with click.progressbar(length=total, label="harvesting", file=sys.stderr,
                                   item_show_func=lambda x: x or "", show_pos=True) as bar:
                def progress(done: int, _total: int | None, model_id: str) -> None:
                    bar.current_item = model_id
                    bar.update(1)

                summary = run_harvest(registry.store, base_url=registry.base_url, client=client, limit=limit,
                                      since=since, author=author, ids=id_list, cards=not no_cards, progress=progress)
        else:  # open-ended listing: a counter line instead of a bar
            def progress(done: int, _total: int | None, model_id: str) -> None:
                if done % 50 == 0:
                    click.echo(f"harvested {done} models (at {model_id})", err=True)

            summary = run_harvest(registry.store, base_url=registry.base_url, client=client, limit=limit,
                                  since=since, author=author, ids=id_list, cards=not no_cards, progress=progress)
        click.echo(summary.line())
        for problem in summary.problems[:20]:
            click.echo(f"  problem: {problem}", err=True)
        if len(summary.problems) > 20:
            click.echo(f"  ... and {len(summary.problems) - 20} more problems (see `mlfdo stats`)", err=True)
        if summary.error:
            sys.exit(1)
