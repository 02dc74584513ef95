"""`mlfdo serve` and `mlfdo demo`: run the web app on the embedded store."""

from __future__ import annotations

import json

import click

from registry.cli import cli
from registry.cli.common import open_registry
from registry.web.server import DEFAULT_THREADS

__all__ = ["serve", "demo", "run_server", "DEFAULT_HOST", "DEFAULT_PORT"]

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000


def run_server(registry, host: str, port: int, workers: int = DEFAULT_THREADS) -> None:
    """Serve the registry over HTTP (waitress, ``workers`` threads) until SIGTERM or SIGINT, then stop cleanly."""
    from registry.web import create_app
    from registry.web.server import serve_app

    app = create_app({"REGISTRY": registry})

    def announce(port_: int) -> None:
        click.echo(f"Serving the registry at http://{host}:{port_}/ (PIDs under {registry.base_url}) with "
                   f"{workers} worker threads; Ctrl-C or SIGTERM stops.", err=True)

    serve_app(app, host, port, threads=workers, grace=float(app.config["MLFDO_SHUTDOWN_GRACE"]), on_listen=announce)
    click.echo("Stopped: requests finished, query workers ended, store closed.", err=True)


_WORKERS = click.option("--workers", default=DEFAULT_THREADS, show_default=True, type=click.IntRange(1, 256),
                        help="Requests served at the same time (threads of one process, which owns the store).")
_DATA_DIR = click.option("--data-dir", "data_dir", default=None, type=click.Path(file_okay=False),
                         help="Data directory (same as the global --data-dir).")


def _overrides(data_dir: str | None) -> dict:
    return {"DATA_DIR": data_dir} if data_dir else {}


@cli.command()
@click.option("--host", default=DEFAULT_HOST, show_default=True, help="Interface to listen on.")
@click.option("--port", default=DEFAULT_PORT, show_default=True, type=int, help="TCP port (0 picks a free one).")
@_WORKERS
@_DATA_DIR
@click.pass_context
def serve(ctx: click.Context, host: str, port: int, workers: int, data_dir: str | None) -> None:
    """Serve landing pages, content negotiation, signposting, history, SPARQL and the JSON API."""
    with open_registry(ctx, **_overrides(data_dir)) as registry:
        run_server(registry, host, port, workers)


@cli.command()
@click.option("--host", default=DEFAULT_HOST, show_default=True, help="Interface to listen on.")
@click.option("--port", default=DEFAULT_PORT, show_default=True, type=int, help="TCP port.")
@click.option("--no-serve", is_flag=True, help="Load the demo data and print it, but do not serve.")
@_WORKERS
@_DATA_DIR
@click.pass_context
def demo(ctx: click.Context, host: str, port: int, no_serve: bool, workers: int, data_dir: str | None) -> None:
    """Harvest the bundled Hugging Face, OpenML and arXiv snapshots (offline), print stats and one record, then serve it."""
    from harvesters.demo import load_demo
    from registry.cli.search_cmds import build_index
    from registry.rdfio import format_by_name, serialize_triples

    with open_registry(ctx, **_overrides(data_dir)) as registry:
        load_demo(registry)
        from harvesters.vocabularies import harvest as harvest_vocabularies

        harvest_vocabularies(registry.store, registry.base_url)  # the concepts search reads questions through
        # Index now, so the first search a visitor makes is complete rather than a partial catch-up.
        click.echo("Indexing for search (embeddings on the CPU) ...")
        build_index(registry, keep=True)  # the server searches this index as built: nothing to reload
        stats = registry.store.stats()
        click.echo(json.dumps(stats, indent=2))
        models = registry.store.pids(kind="model", limit=1, include_stubs=False)
        if models:
            click.echo(f"\nOne record: {models[0]}\n")
            click.echo(serialize_triples(registry.store.current(models[0]), format_by_name("ttl")).decode("utf-8"))
        if not no_serve:
            run_server(registry, host, port, workers)
