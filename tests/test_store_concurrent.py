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


@pytest.mark.parametrize("engine", [p.values[0] for p in SPARQL_SERVERS])
def test_concurrent_writers_under_the_counts_lock_keep_counts_and_listing_exact(request, engine):
    with redis.Redis.from_url(BROKER) as client:
        client.delete("mlfdo:store-counts")
    url = empty_server(request, engine)
    Store.open_remote(url, BASE)
    errors: list[BaseException] = []

    def write(part: int) -> None:
        try:
            store = Store.open_remote(url, BASE, batch_size=20)
            store.counts_lock = counts_lock(BROKER)
            store.ingest_many(model_record(f"org/w{part}-{i}", downloads=i) for i in range(150))
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(k,)) for k in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
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
    with redis.Redis.from_url(BROKER) as client:
        client.delete("mlfdo:store-counts")
    url = empty_server(request, engine)
    Store.open_remote(url, BASE)
    errors: list[BaseException] = []
    statuses: list[str] = []
    start = threading.Barrier(3)

    def write() -> None:
        try:
            store = Store.open_remote(url, BASE, batch_size=10)
            store.counts_lock = counts_lock(BROKER)
            start.wait()
            results = store.ingest_many(model_record(f"org/same-{i}", downloads=i) for i in range(60))
            statuses.extend(r.status for r in results)
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=write) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(set(statuses)) == ["new", "unchanged"] and statuses.count("new") == 60
    store = Store.open_remote(url, BASE)
    stats = store.stats()
    assert (stats["fdos"], stats["versions"]) == (60, 60)
    assert len(store.pids(order="popular")) == 60
