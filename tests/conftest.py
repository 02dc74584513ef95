"""Shared fixtures: the app, its test client and CLI runner, and a populated registry.

The populated registry is built once per session from the records in tests/data/web/ through
the real ``Store.ingest`` (in memory); tests must not change it (make a store of their own).
"""

from __future__ import annotations

import os
from types import SimpleNamespace

import pytest

from tests.data.web.registry import BASE, IDS, WEB_DATA, build_registry
from tests.servers import redis_db_url

FEED_BROKER = redis_db_url(1)  # the change-feed tests' Redis database


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """Under CI=true a skipped test is a failure: CI must have everything the tests need."""
    outcome = yield
    report = outcome.get_result()
    if report.skipped and not hasattr(report, "wasxfail") and os.environ.get("CI") == "true":
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        report.outcome = "failed"
        report.longrepr = f"skipped under CI=true, which counts as a failure: {reason}"


@pytest.fixture(scope="session")
def oxigraph_url(tmp_path_factory):
    """One `oxigraph serve` process shared by the session (tests reach it through ``empty_store``)."""
    from tests.servers import oxigraph_server

    with oxigraph_server(tmp_path_factory.mktemp("oxigraph")) as url:
        yield url


@pytest.fixture(scope="session")
def virtuoso_url(tmp_path_factory):
    """One private Virtuoso (Debian's virtuoso-opensource) shared by the session."""
    from tests.servers import virtuoso_server

    with virtuoso_server(tmp_path_factory.mktemp("virtuoso")) as url:
        yield url


SPARQL_SERVERS = [pytest.param("sparql-server", marks=pytest.mark.server),
                  pytest.param("virtuoso", marks=pytest.mark.server)]


@pytest.fixture(params=["embedded", *SPARQL_SERVERS])
def empty_store(request):
    """An empty store on each backend: embedded pyoxigraph, and each shared SPARQL server
    (`oxigraph serve`, Virtuoso) emptied and checked."""
    from registry.store import Store

    if request.param == "embedded":
        return Store.open(None, BASE)
    return Store.open_remote(empty_server(request, request.param), BASE)


def empty_server(request, engine: str) -> str:
    """Return the URL of the session's ``engine`` server ('sparql-server' is oxigraph, or 'virtuoso'), emptied."""
    from registry.store.dialects import VIRTUOSO_SYSTEM_GRAPHS
    from tests.servers import empty_sparql_server

    if engine == "virtuoso":
        url = request.getfixturevalue("virtuoso_url")
        empty_sparql_server(url, keep=VIRTUOSO_SYSTEM_GRAPHS)
    else:
        url = request.getfixturevalue("oxigraph_url")
        empty_sparql_server(url)
    return url


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


@pytest.fixture
def feed_redis():
    """A client of Redis db 14, the change-feed tests' database."""
    import redis

    client = redis.Redis.from_url(FEED_BROKER)
    try:
        client.ping()
    except redis.RedisError:
        pytest.fail("Redis does not answer on 127.0.0.1:6379 (the change feed needs it)")
    yield client
    client.close()


@pytest.fixture(scope="module")
def registry():
    """The chat fixture's registry (tests/data/chat), one per module; a module with its own ``registry`` fixture overrides it."""
    from tests.data.chat.fixture import chat_registry

    registry = chat_registry()
    yield registry
    registry.close()


@pytest.fixture(scope="module")
def chat(registry):
    """The extractive chat over the module's ``registry`` fixture."""
    from registry.chat import ChatService

    service = ChatService(registry, llm="extractive")
    yield service
    service.close()
