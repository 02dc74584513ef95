"""Several writers on one SPARQL server (Oxigraph, Virtuoso) keep the maintained counts exact under the workers' shared lock."""

from __future__ import annotations

import threading

import pytest
import redis

from registry.store import Store
from tests.factories import BASE, model_record
from tests.conftest import SPARQL_SERVERS, empty_server
from tests.servers import redis_db_url
from workers.locks import counts_lock

BROKER = redis_db_url(0)
pytestmark = pytest.mark.server


def _shared_server(request, engine: str) -> str:
    """Return the URL of an empty SPARQL server with the store's catalogue built and no lock left held."""
    with redis.Redis.from_url(BROKER) as client:
        client.delete("mlfdo:store-counts")
    url = empty_server(request, engine)
    Store.open_remote(url, BASE)  # builds the empty catalogue once, before the writers race
    return url


def _writers_at_once(url: str, batch_size: int, records_of) -> list[str]:
    """Run three writers (threads, each its own store under the shared lock) at once; return their statuses.

    ``records_of(k)`` gives writer k's records. Fails the test with the first writer's error.
    """
    errors: list[BaseException] = []
    statuses: list[str] = []
    start = threading.Barrier(3)

    def write(k: int) -> None:
        try:
            store = Store.open_remote(url, BASE, batch_size=batch_size)
            store.counts_lock = counts_lock(BROKER)
            start.wait()
            statuses.extend(r.status for r in store.ingest_many(records_of(k)))
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(k,)) for k in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    return statuses


@pytest.mark.parametrize("engine", [p.values[0] for p in SPARQL_SERVERS])
def test_concurrent_writers_under_the_counts_lock_keep_counts_and_listing_exact(request, engine):
    url = _shared_server(request, engine)
    _writers_at_once(url, 20, lambda k: (model_record(f"org/w{k}-{i}", downloads=i) for i in range(150)))
    store = Store.open_remote(url, BASE)
    stats = store.stats()
    assert (stats["fdos"], stats["versions"]) == (450, 450)
    rows = store.query("SELECT (COUNT(*) AS ?c) WHERE { ?s ?p ?o }")
    assert stats["current_triples"] == int(next(iter(rows))["c"].value)
    expected = sorted(model_record(f"org/w{k}-{i}").pid for k in range(3) for i in range(150))
    assert store.pids(order="pid") == expected
    assert len(store.pids(order="popular")) == 450


@pytest.mark.parametrize("engine", [p.values[0] for p in SPARQL_SERVERS])
def test_writers_of_the_same_new_records_at_once_write_each_once(request, engine):
    """Two deliveries of one harvest page running at once (a redelivered task, a second beat tick)."""
    url = _shared_server(request, engine)
    statuses = _writers_at_once(url, 10, lambda k: (model_record(f"org/same-{i}", downloads=i) for i in range(60)))
    assert sorted(set(statuses)) == ["new", "unchanged"] and statuses.count("new") == 60
    store = Store.open_remote(url, BASE)
    stats = store.stats()
    assert (stats["fdos"], stats["versions"]) == (60, 60)
    assert len(store.pids(order="popular")) == 60
