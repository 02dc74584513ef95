"""/sparql limits: timeouts that answer with an error, a result cap that refuses (never cuts), and
runaway queries that do not block other requests, in thread and in process isolation."""

from __future__ import annotations

import threading
import time
from urllib.parse import quote

import pytest

from registry.web import create_app

RUNAWAY_STREAM = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
RUNAWAY_AGGREGATE = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }"
QUICK = "SELECT ?name WHERE { ?m a <https://w3id.org/fair4ml#MLModel> ; <https://schema.org/name> ?name }"


def q(text: str) -> str:
    return quote(text, safe="")


@pytest.fixture
def thread_client(populated_registry):
    from registry.service import Registry

    # a registry object of its own, so this runner's settings do not leak into other tests
    registry = Registry(dict(populated_registry.settings), populated_registry.store)
    app = create_app({"REGISTRY": registry, "TESTING": True, "SPARQL_ISOLATION": "thread",
                      "SPARQL_TIMEOUT": 0.5, "SPARQL_LIMIT": 10 ** 9})
    yield app.test_client()
    registry.extension("sparql", lambda r: None).close()


@pytest.fixture(scope="module")
def disk_registry(tmp_path_factory):
    from tests.data.web.registry import build_registry

    registry = build_registry(tmp_path_factory.mktemp("store"))
    yield registry
    registry.close()


@pytest.fixture
def process_app(disk_registry):
    app = create_app({"REGISTRY": disk_registry, "TESTING": True, "SPARQL_ISOLATION": "process",
                      "SPARQL_TIMEOUT": 1.0, "SPARQL_WORKERS": 2})
    return app


def test_result_cap_refuses_instead_of_cutting(populated_registry):
    from registry.service import Registry

    registry = Registry(dict(populated_registry.settings), populated_registry.store)
    client = create_app({"REGISTRY": registry, "TESTING": True, "SPARQL_ISOLATION": "thread",
                         "SPARQL_LIMIT": 10}).test_client()
    r = client.get(f"/sparql?query={q('SELECT * WHERE { ?s ?p ?o }')}")
    assert r.status_code == 413
    assert "more than 10 rows" in r.get_json()["detail"]
    ok = client.get(f"/sparql?query={q('SELECT * WHERE { ?s ?p ?o } LIMIT 10')}")
    assert ok.status_code == 200 and ok.headers["X-Result-Count"] == "10"
    registry.extension("sparql", lambda r: None).close()


def test_thread_runner_times_out_a_streaming_runaway(thread_client):
    r = thread_client.get(f"/sparql?query={q(RUNAWAY_STREAM)}")
    assert r.status_code == 503
    assert "longer than 0.5 s" in r.get_json()["detail"]  # stopped by the timeout, not by running out
    assert thread_client.get(f"/sparql?query={q(QUICK)}").status_code == 200


def _wait_until(condition, what: str) -> None:
    """Poll ``condition`` until it holds (a deadline only guards against a hang, it is not the check)."""
    deadline = time.monotonic() + 120
    while not condition():
        assert time.monotonic() < deadline, f"gave up waiting until {what}"
        time.sleep(0.01)


@pytest.mark.slow
def test_process_runner_kills_a_runaway_and_keeps_answering(process_app):
    client = process_app.test_client()
    assert client.get(f"/sparql?query={q(QUICK)}").status_code == 200  # workers up
    runner = process_app.extensions["mlfdo"].extension("sparql", None)
    assert runner.mode == "process" and runner.idle.qsize() == 2
    results: dict[str, object] = {}
    thread = threading.Thread(target=lambda: results.update(
        runaway=client.get(f"/sparql?query={q(RUNAWAY_AGGREGATE)}")))
    thread.start()
    _wait_until(lambda: runner.idle.qsize() == 1, "the runaway holds a worker")
    quick = process_app.test_client().get(f"/sparql?query={q(QUICK)}")  # served by the other worker
    thread.join(timeout=120)
    assert quick.status_code == 200
    assert results["runaway"].status_code == 503
    assert "longer than 1 s" in results["runaway"].get_json()["detail"]  # killed at the timeout
    _wait_until(lambda: runner.idle.qsize() == 2, "the killed worker is replaced")
    r = client.get(f"/sparql?query={q(QUICK)}")
    assert r.status_code == 200
    names = {b["name"]["value"] for b in r.get_json()["results"]["bindings"]}
    assert "base-lm" in names


@pytest.mark.slow
def test_process_workers_see_new_records(process_app, disk_registry):
    from pyoxigraph import Literal, NamedNode, Triple

    from registry.record import Record
    from registry.vocab import FAIR4ML, RDF, SCHEMA

    client = process_app.test_client()
    query = q("ASK { ?m <https://schema.org/name> \"fresh-model\" }")
    assert client.get(f"/sparql?query={query}").get_json()["boolean"] is False
    pid = disk_registry.store.pid("freshfreshfre")
    disk_registry.store.ingest(Record(pid, [Triple(NamedNode(pid), RDF.type, FAIR4ML.MLModel),
                                            Triple(NamedNode(pid), SCHEMA.name, Literal("fresh-model"))]))
    assert client.get(f"/sparql?query={query}").get_json()["boolean"] is True
