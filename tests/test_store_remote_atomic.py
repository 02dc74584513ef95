"""A write to a SPARQL server store is one request, so it lands whole or not at all, on Oxigraph and on Virtuoso.

Each store write step (a batch's load of new quads, then its update) is one SPARQL Update request,
which the server runs as one transaction; a crash between the two steps is finished by the repair
that runs when the store is opened (registry/store/writer.py).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from registry.errors import MlfdoError
from registry.store import Store, listing
from registry.store.consistency import check_store
from registry.store.remote import RemoteDB, RemoteStoreError
from tests.conftest import SPARQL_SERVERS, empty_server
from tests.factories import BASE

RECORDS = 100  # one batch of ~3,700 new quads: far more than the ~1,000 a Virtuoso request once held

WRITER = """
import sys

import requests

from registry.store import Store, listing
from tests.factories import model_record


class Announcing(requests.Session):
    # The store's HTTP session: after the first update request of an armed batch it tells the
    # test to kill the process there, and waits for the kill.
    armed = False

    def post(self, url, data=None, headers=None, **kwargs):
        response = super().post(url, data=data, headers=headers, **kwargs)
        if self.armed and (headers or {}).get("Content-Type", "").startswith("application/sparql-update"):
            print("kill now", flush=True)
            sys.stdin.readline()
        return response


store = Store.open_remote(sys.argv[1], "%s", batch_size=%d)
session = Announcing()
session.headers.update(store.db.session.headers)
store.db.session = session
print("ready", flush=True)
for round_ in range(3):
    session.armed = round_ == 2  # rounds 0 and 1 complete; round 2 changes every record
    store.ingest_many([model_record(f"org/m{i}", description=f"round {round_}") for i in range(%d)])
    print("round", round_, flush=True)
""" % (BASE, RECORDS, RECORDS)


def _kill_after_first_write_request(url: str) -> list[str]:
    """Run the writer against ``url``, SIGKILL it after round 2's first update request; return its output."""
    root = Path(__file__).resolve().parent.parent
    proc = subprocess.Popen([sys.executable, "-c", WRITER, url], cwd=root, stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, text=True, env={**os.environ, "PYTHONPATH": str(root)})
    lines = []
    try:
        while not lines or lines[-1] != "kill now":
            line = proc.stdout.readline()
            assert line, f"the writer ended before the kill point: {lines}"
            lines.append(line.strip())
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        proc.stdout.close()
        proc.stdin.close()
    return lines


@pytest.mark.slow
@pytest.mark.server
@pytest.mark.parametrize("engine", [p.values[0] for p in SPARQL_SERVERS])
def test_writer_killed_after_its_first_write_request_leaves_a_store_that_reopens_consistent(request, engine):
    url = empty_server(request, engine)
    lines = _kill_after_first_write_request(url)
    assert lines == ["ready", "round 0", "round 1", "kill now"]

    store = Store.open_remote(url, BASE)  # repairs a batch whose second step never ran
    report = check_store(store)
    versions_and_views = [p.line() for p in report.problems if p.check != "listing"]
    assert versions_and_views == [] and report.fdos == RECORDS
    # The counts of the lost second step wait for a rebuild: on a shared store only once the batch's
    # marker is STALE_BATCH old (it could be a live writer's); this test knows the writer is dead.
    assert listing.has_pending(store)
    listing.ensure(store)
    report = check_store(store)
    assert report.ok, [p.line() for p in report.problems[:5]]
    for pid in store.pids():
        descriptions = [t.object.value for t in store.current(pid) if t.predicate.value.endswith("description")]
        assert descriptions == ["round 2"], f"{pid}: {descriptions}"
        assert [v.number for v in store.versions(pid)] == [1, 2, 3]


def _quads(n: int, tag: str) -> str:
    return "\n".join(f'GRAPH <http://x.test/g{i % 50}> {{ <http://x.test/{tag}/s{i}> <http://x.test/p> "v{i}" }}'
                     for i in range(n))


def _count(db: RemoteDB, tag: str) -> int:
    rows = db.query(f'SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o FILTER(STRSTARTS(STR(?s), "http://x.test/{tag}/")) }} }}')
    return int(next(iter(rows))["n"].value)


@pytest.mark.server
@pytest.mark.parametrize("engine", [p.values[0] for p in SPARQL_SERVERS])
def test_an_update_of_thousands_of_quads_refused_in_its_last_operation_writes_nothing(request, engine):
    db = RemoteDB(empty_server(request, engine))
    with pytest.raises(MlfdoError):  # Oxigraph names the syntax error; Virtuoso hides it (dialects.py ``refusal``)
        db.update(f"INSERT DATA {{\n{_quads(2500, 'refused')}\n}} ;\nINSERT DATA {{ <http://x.test/s> <http://x.test/p> }}")
    assert _count(db, "refused") == 0
    db.update(f"INSERT DATA {{\n{_quads(2500, 'taken')}\n}}")
    assert _count(db, "taken") == 2500


@pytest.mark.slow
@pytest.mark.server
def test_virtuoso_killed_during_a_large_update_keeps_none_of_it(tmp_path):
    from tests.servers import virtuoso_process

    with virtuoso_process(tmp_path / "virtuoso") as server:
        db = RemoteDB(server.url, timeout=120)
        db.update(f"INSERT DATA {{\n{_quads(10, 'before')}\n}}")
        outcome = []

        def write() -> None:
            try:
                db.update(f"INSERT DATA {{\n{_quads(10, 'first')}\n}} ;\nINSERT DATA {{\n{_quads(150_000, 'second')}\n}}")
                outcome.append("answered")
            except RemoteStoreError:
                outcome.append("cut off")

        writer = threading.Thread(target=write)
        writer.start()
        threading.Event().wait(3.0)  # the request is in the server (150,000 quads take it well over 3 s)
        server.kill()
        writer.join(timeout=60)
        assert outcome == ["cut off"], "the kill came after the update had finished: it proves nothing"
        server.start()  # recovers the database from its transaction log
        again = RemoteDB(server.url)
        assert (_count(again, "before"), _count(again, "first"), _count(again, "second")) == (10, 0, 0)


@pytest.mark.slow
@pytest.mark.server
def test_a_batch_over_virtuosos_transaction_size_limit_is_refused_whole(tmp_path):
    from registry.store.dialects import DialectError
    from tests.factories import model_record
    from tests.servers import virtuoso_process

    with virtuoso_process(tmp_path / "virtuoso", parameters={"TransactionAfterImageLimit": "500000"}) as server:
        store = Store.open_remote(server.url, BASE, batch_size=2 * RECORDS)
        store.ingest_many([model_record(f"org/small{i}") for i in range(5)])
        with pytest.raises(DialectError, match="refused or aborted the update"):
            store.ingest_many([model_record(f"org/big{i}") for i in range(2 * RECORDS)])  # ~7,400 quads: over 500 kB
        again = Store.open_remote(server.url, BASE)
        assert len(again.pids()) == 5
        report = check_store(again)
        assert report.ok, [p.line() for p in report.problems[:5]]
