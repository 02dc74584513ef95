"""`mlfdo stack up|down`: the docker-compose topology as processes on this machine."""

from __future__ import annotations

from pathlib import Path

import click

from registry.cli import cli

_DIR = click.option("--dir", "state", default="./mlfdo-stack", show_default=True,
                    type=click.Path(file_okay=False, path_type=Path),
                    help="Directory for the stack's store, data, logs and process ids.")


@cli.group()
def stack() -> None:
    """Run the scaled-out services (store server, Redis, 2 workers, beat, web) as local processes."""


@stack.command("up")
@_DIR
@click.option("--port", default=8000, show_default=True, type=int,
              help="Port of the web server (of the first one, with --web N).")
@click.option("--web", "webs", default=1, show_default=True, type=click.IntRange(min=1),
              help="Web processes to start, on consecutive ports from --port, all following the change feed.")
@click.option("--broker", envvar="MLFDO_BROKER_URL", default="redis://127.0.0.1:6379/0", show_default=True,
              help="Redis URL; a Redis is started on its port when none answers.")
def stack_up(state: Path, port: int, webs: int, broker: str) -> None:
    """Start the stack and wait until every web server answers."""
    from registry.stack import up

    record = up(state, web_port=port, broker_url=broker, webs=webs)
    click.echo(f"web {' '.join(record['webs'])}  store {record['store']}  broker {record['broker']}")
    click.echo(f"processes: {', '.join(f'{k} {v}' for k, v in record['pids'].items())}")


@stack.command("down")
@_DIR
def stack_down(state: Path) -> None:
    """Stop every process of the stack and wait until none is left."""
    from registry.stack import down

    left = down(state)
    if left:
        raise click.ClickException(f"still running after SIGKILL: {left}")
    click.echo("stack stopped")
