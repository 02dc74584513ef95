"""Shared fixtures: the app, its test client and CLI runner, and a populated registry.

The populated registry is built once per session from the records in tests/data/web/ through
the real ``Store.ingest`` (in memory); tests must not change it (make a store of their own).
"""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path
from types import SimpleNamespace

import pytest

from registry.rdfio import parse_file
from registry.records_from_rdf import records_from_quads
from registry.service import Registry
from registry.settings import load_settings
from registry.store import Store

BASE = "http://registry.test"
WEB_DATA = Path(__file__).parent / "data" / "web"
V1_AT = datetime(2024, 5, 1, 12, 0, tzinfo=timezone.utc)
V2_AT = datetime(2024, 9, 1, 12, 0, tzinfo=timezone.utc)
WITHDRAWN_AT = datetime(2024, 10, 1, 12, 0, tzinfo=timezone.utc)

IDS = SimpleNamespace(
    base_lm="3krpxs3xvfvka", finetuned="crqvhy2k6iw6w", quantized="axzdkmgjk2ob5", old="2s6j56ur43a4y",
    renamed="b47b5bq36imme", task_generation="saojr5mljcsst", task_classification="psgnmhqfboydg",
    acme="hegwpmli3nkvn", someone="fvakhabtlxiph", wikitext="5fg5zgwfydz5k", glue="k7e5orjjqrwx3",
    paper="yqokf7t2a64uf",
)


def ingest_file(store: Store, name: str, now: datetime) -> None:
    """Ingest the records of one file of tests/data/web through Store.ingest, one by one."""
    quads = parse_file(WEB_DATA / name, base_iri=BASE + "/")
    for record in records_from_quads(quads, BASE, name):
        store.ingest(record, now=now)


def build_registry(data_dir: Path | None = None) -> Registry:
    """Return a registry holding the test records (two versions of acme/base-lm, one withdrawn FDO, an alias)."""
    settings = load_settings(environ={}, overrides={"BASE_URL": BASE, "SHACL": False,
                                                    "DATA_DIR": str(data_dir or "")})
    store = Store.open(data_dir, BASE)
    ingest_file(store, "registry-v1.ttl", V1_AT)
    ingest_file(store, "registry-v2.ttl", V2_AT)
    store.withdraw(store.pid(IDS.old), "removed from the Hub by its owner", now=WITHDRAWN_AT)
    store.add_alias("hf:acme/legacy-name", store.pid(IDS.renamed))
    return Registry(settings, store)


@pytest.fixture(scope="session")
def ids() -> SimpleNamespace:
    """Ids of the FDOs in the test records."""
    return IDS


@pytest.fixture(scope="session")
def populated_registry():
    """A registry built once per session from tests/data/web (in memory; read it, never change it)."""
    registry = build_registry()
    yield registry
    registry.close()


@pytest.fixture
def app(populated_registry):
    """The web app serving the populated registry."""
    from registry.web import create_app

    return create_app({"REGISTRY": populated_registry, "TESTING": True, "SPARQL_ISOLATION": "thread"})


@pytest.fixture
def client(app):
    """A Flask test client of the app."""
    return app.test_client()


@pytest.fixture
def runner():
    """A Click runner for the `mlfdo` CLI."""
    from click.testing import CliRunner

    return CliRunner()


@pytest.fixture(scope="session")
def live_server(tmp_path_factory):
    """`mlfdo serve --port 0` in a process of its own, on an on-disk store of the test records.

    Yields the server's root URL; PIDs stay under http://registry.test.
    """
    import os
    import subprocess
    import sys

    from tests.servers import mlfdo_serve

    data_dir = tmp_path_factory.mktemp("served")
    env = dict(os.environ, MLFDO_DATA_DIR=str(data_dir), MLFDO_BASE_URL=BASE)
    cli = [sys.executable, "-m", "registry"]
    for name in ("registry-v1.ttl", "registry-v2.ttl"):
        subprocess.run([*cli, "ingest", str(WEB_DATA / name)], env=env, check=True, capture_output=True)
    with mlfdo_serve(env) as url:
        yield url
