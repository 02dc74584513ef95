"""A deadlock victim on Virtuoso is rolled back whole and sent again, so its write lands once; other errors fail at once.

Virtuoso's endpoint reruns a victim six times itself (with pauses of 0.2-1 s times the rerun's
number) before it answers; the first test meets that with a real deadlock. A request that is still
a victim after those reruns is answered ``500`` with SQLSTATE 40001; producing that takes seven
deadlocks in a row and about a minute, so the other tests put a loopback proxy in front of the real
server that gives the answer Virtuoso gives then (captured from Virtuoso 7.2.5, below).
"""

from __future__ import annotations

import logging
import threading
import time
from datetime import datetime, timezone

import pytest

from registry.store import Store
from registry.store.consistency import check_store
from registry.store.dialects import DialectError
from registry.store.remote import RemoteDB, RemoteStoreError
from tests.conftest import empty_server
from tests.factories import BASE, model_pid, model_record
from tests.servers import sparql_proxy

pytestmark = pytest.mark.server

T0 = datetime(2025, 1, 1, tzinfo=timezone.utc)
G = "<http://x.test/g>"
COUNT = "<http://x.test/count>"
# Virtuoso 7.2.5's answer to a SPARQL update without data operations that stayed a deadlock victim
# through its endpoint's six reruns (provoked by hand with an isql session taking the same rows
# in the opposite order seven times); it echoes the request after its own pragma.
DEADLOCK_ANSWER = (500, "SPARQL Request Failed",
                   "Virtuoso 40001 Error SR172: Transaction deadlocked\n\nSPARQL query:\n"
                   "define sql:big-data-const 0 {query}")


def _counter(db: RemoteDB, name: str) -> int:
    rows = list(db.query(f"SELECT ?n WHERE {{ GRAPH {G} {{ <http://x.test/{name}> {COUNT} ?n }} }}"))
    assert len(rows) == 1, f"{name} has {len(rows)} values"
    return int(rows[0]["n"].value)


def _subjects(db: RemoteDB) -> list[str]:
    """Return the subjects written by ``_triple``, sorted."""
    rows = db.query(f"SELECT ?s WHERE {{ GRAPH {G} {{ ?s <http://x.test/p> ?o }} }} ORDER BY ?s")
    return [row["s"].value for row in rows]


def _increment(name: str) -> str:
    """Return an update operation adding 1 to a counter: run twice, it counts 2."""
    node = f"<http://x.test/{name}>"
    return (f"DELETE {{ GRAPH {G} {{ {node} {COUNT} ?n }} }} INSERT {{ GRAPH {G} {{ {node} {COUNT} ?m }} }} "
            f"WHERE {{ GRAPH {G} {{ {node} {COUNT} ?n }} BIND(?n + 1 AS ?m) }}")


def _triple(name: str) -> str:
    return f"GRAPH {G} {{ <http://x.test/{name}> <http://x.test/p> \"{name}\" }}"


def _crossed_write(counter: str, first: str, second: str, pause: int) -> str:
    """Return a write that counts, takes row ``first``, waits ``pause`` s on the server, then takes row ``second``."""
    return (f"{_increment(counter)} ;\nINSERT DATA {{ {_triple(first)} }} ;\n"
            f"INSERT {{ {_triple(second)} }} WHERE {{ FILTER(bif:delay({pause}) = 0) }}")


def test_two_writes_taking_the_same_rows_in_opposite_orders_deadlock_and_each_lands_once(request, caplog):
    url = empty_server(request, "virtuoso")
    RemoteDB(url).update(f"INSERT DATA {{ GRAPH {G} {{ <http://x.test/x> {COUNT} 0 . <http://x.test/y> {COUNT} 0 }} }}")
    caplog.set_level(logging.INFO, logger="registry.store.remote")
    errors: list[BaseException] = []

    def write(text: str) -> None:
        try:
            RemoteDB(url).update(text)
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    # x takes row a, pauses 2 s on the server, then takes b; y, started 0.8 s later, takes b, pauses
    # 3 s, then takes a: their lock waits form a cycle, and Virtuoso rolls one back and reruns it.
    writers = [threading.Thread(target=write, args=(_crossed_write("x", "a", "b", 2),)),
               threading.Thread(target=write, args=(_crossed_write("y", "b", "a", 3),))]
    writers[0].start()
    time.sleep(0.8)
    writers[1].start()
    for writer in writers:
        writer.join(timeout=60)
    assert errors == []
    reruns = [r.getMessage() for r in caplog.records if "after a deadlock" in r.getMessage()]
    assert reruns, "no deadlock happened: the test proves nothing"
    assert "Transaction deadlocked" in reruns[0]
    db = RemoteDB(url)
    assert (_counter(db, "x"), _counter(db, "y")) == (1, 1)  # the victim's first run left nothing
    assert _subjects(db) == ["http://x.test/a", "http://x.test/b"]


def test_a_store_write_answered_as_a_deadlock_victim_is_sent_again_and_lands_once(request):
    with sparql_proxy(empty_server(request, "virtuoso")) as proxy:
        store = Store.open_remote(proxy.url, BASE)
        assert store.db.dialect.name == "virtuoso"  # told by the Server header the proxy passes on
        proxy.answer_updates(1, *DEADLOCK_ANSWER)
        result = store.ingest(model_record("org/a"), now=T0)
        assert result.status == "new"
        assert len(proxy.answered) == 1
        victim = proxy.answered[0]
        assert proxy.updates[proxy.updates.index(victim) + 1] == victim  # sent again as it was, and forwarded
        assert proxy.forwarded.count(victim) == 1
        store.db.session.close()
    again = Store.open_remote(proxy.upstream + "/sparql", BASE)
    assert [v.number for v in again.versions(model_pid("org/a"))] == [1]
    stats = again.stats()
    assert (stats["fdos"], stats["versions"]) == (1, 1)  # the maintained counts were added once
    report = check_store(again)
    assert report.ok, [p.line() for p in report.problems[:5]]


def test_a_request_still_a_deadlock_victim_after_three_resends_fails_naming_the_deadlock(request):
    with sparql_proxy(empty_server(request, "virtuoso")) as proxy:
        db = RemoteDB(proxy.url)
        proxy.answer_updates(10, *DEADLOCK_ANSWER)
        with pytest.raises(RemoteStoreError, match="deadlock victim 4 times .* nothing of it was written"):
            db.update(f"INSERT DATA {{ {_triple('a')} }}")
        assert len(proxy.answered) == 4 and proxy.forwarded == []
        db.session.close()
    assert _subjects(RemoteDB(proxy.upstream + "/sparql")) == []


@pytest.mark.parametrize(("first", "error", "message"), [
    ("counter", RemoteStoreError, "answered 500: Virtuoso 22023 Error"),  # the server's own report
    ("data", DialectError, "without naming the cause"),  # an update carrying data: SP031 (dialects.py)
])
def test_an_update_failing_with_another_sql_error_is_sent_once(request, first, error, message):
    url = empty_server(request, "virtuoso")
    RemoteDB(url).update(f"INSERT DATA {{ GRAPH {G} {{ <http://x.test/x> {COUNT} 0 }} }}")
    with sparql_proxy(url) as proxy:
        db = RemoteDB(proxy.url)
        ran = _increment("x") if first == "counter" else f"{_increment('x')} ;\nINSERT DATA {{ {_triple('a')} }}"
        with pytest.raises(error, match=message):
            db.update(f"{ran} ;\nINSERT {{ {_triple('b')} }} WHERE {{ FILTER(bif:signal('22023', 'not a deadlock') = 0) }}")
        assert len(proxy.updates) == 1
        db.session.close()
    # Virtuoso kept what ran before the error: sending the request again would have counted twice.
    assert _counter(RemoteDB(url), "x") == 1


def test_a_deadlock_answer_from_a_standard_server_is_not_resent(request):
    with sparql_proxy(empty_server(request, "sparql-server")) as proxy:
        db = RemoteDB(proxy.url)
        assert db.dialect.name == "standard"
        proxy.answer_updates(1, *DEADLOCK_ANSWER)
        with pytest.raises(RemoteStoreError, match="answered 500"):
            db.update(f"INSERT DATA {{ {_triple('a')} }}")
        assert len(proxy.updates) == 1
        db.session.close()
