"""`mlfdo serve` stops cleanly: SIGTERM/SIGINT end in-flight work and every query worker; SIGKILL leaves none behind."""

from __future__ import annotations

import os
import signal
import sys
import threading
import time

import psutil
import pytest
import requests

from tests.servers import ingest_test_records, serve_process

pytestmark = [pytest.mark.server, pytest.mark.slow]

# A query that counts a five-way cross product: one result row, minutes of CPU, no memory growth.
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?o ?p }"


@pytest.fixture(scope="module")
def served_dir(tmp_path_factory):
    data_dir = tmp_path_factory.mktemp("clean-stop")
    ingest_test_records(data_dir, _env())
    return data_dir


def _env(**extra: str) -> dict:
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    return {**os.environ, "PYTHONPATH": root, "MLFDO_SHACL": "0", "MLFDO_BASE_URL": "http://registry.test",
            "MLFDO_SPARQL_TIMEOUT": "600", "MLFDO_SHUTDOWN_GRACE": "1", **extra}


def _run_runaway(url: str, answers: list) -> threading.Thread:
    def ask() -> None:
        try:
            r = requests.post(url + "/sparql", data={"query": RUNAWAY},
                              headers={"Accept": "application/sparql-results+json"}, timeout=120)
            answers.append(r.status_code)
        except requests.RequestException as exc:
            answers.append(type(exc).__name__)

    thread = threading.Thread(target=ask, daemon=True)
    thread.start()
    return thread


def _busy_worker(server_pid: int, timeout: float = 120.0, min_cpu: float = 0.3) -> list[psutil.Process]:
    """Wait until one of the server's child processes burns CPU on the runaway query; return all children."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for child in psutil.Process(server_pid).children(recursive=True):
            try:
                if sum(child.cpu_times()[:2]) > min_cpu and "spawn_main" in " ".join(child.cmdline()):
                    return psutil.Process(server_pid).children(recursive=True)
            except psutil.NoSuchProcess:
                continue
        time.sleep(0.2)
    raise AssertionError("no query worker started running the runaway query")


def _still_running(procs: list[psutil.Process], within: float) -> list[psutil.Process]:
    deadline = time.monotonic() + within
    alive = procs
    while alive and time.monotonic() < deadline:
        alive = [p for p in alive if p.is_running() and p.status() != psutil.STATUS_ZOMBIE]
        time.sleep(0.1)
    return alive


@pytest.mark.parametrize("stop_signal", [signal.SIGTERM, signal.SIGINT])
def test_stop_signal_cancels_runaway_query_and_ends_every_worker(served_dir, stop_signal):
    with serve_process(served_dir, _env(), "--workers", "4") as server:
        answers: list = []
        client = _run_runaway(server.url, answers)
        children = _busy_worker(server.process.pid)
        server.process.send_signal(stop_signal)  # one signal must do: no second one is sent
        assert server.process.wait(timeout=90) == 0
        client.join(timeout=30)
        assert answers == [503], "the query in flight is cancelled with an answer, not a dropped connection"
        assert _still_running(children, within=10) == []
        server.drain.join(timeout=10)
        assert any("Stopped" in line for line in server.lines)
        assert not any("Traceback" in line for line in server.lines), "".join(server.lines)


def test_sigkill_of_server_makes_its_query_workers_exit(served_dir):
    with serve_process(served_dir, _env(), "--workers", "4") as server:
        answers: list = []
        _run_runaway(server.url, answers)
        children = _busy_worker(server.process.pid)
        server.process.send_signal(signal.SIGKILL)
        server.process.wait(timeout=30)
        assert _still_running(children, within=10) == [], "workers outlived a killed server"


def test_saturated_query_pool_answers_503_with_retry_after_and_recovers(served_dir):
    env = _env(MLFDO_SPARQL_WORKERS="1", MLFDO_SPARQL_QUEUE_WAIT="0.5", MLFDO_SPARQL_TIMEOUT="10")
    with serve_process(served_dir, env) as server:
        answers: list = []
        runaway = _run_runaway(server.url, answers)
        _busy_worker(server.process.pid, min_cpu=0.05)  # the worker runs at the lowest priority: any CPU will do
        busy = requests.get(server.url + "/sparql", params={"query": "ASK {}"},
                            headers={"Accept": "application/sparql-results+json"}, timeout=30)
        assert busy.status_code == 503 and int(busy.headers["Retry-After"]) >= 1
        assert busy.headers["Content-Type"] == "application/problem+json"
        runaway.join(timeout=60)
        assert answers == [503], "the runaway query is stopped at its timeout"
        after = requests.get(server.url + "/sparql", params={"query": "ASK {}"},
                             headers={"Accept": "application/sparql-results+json"}, timeout=60)
        assert after.status_code == 200 and after.json()["boolean"] is True, "the pool is not left stuck"


def test_query_workers_run_at_idle_cpu_priority(served_dir):
    with serve_process(served_dir, _env(), "--workers", "4") as server:
        answers: list = []
        _run_runaway(server.url, answers)
        workers = [p for p in _busy_worker(server.process.pid) if "spawn_main" in " ".join(p.cmdline())]
        assert workers
        # a worker sets its priority once its interpreter has started; on a loaded machine the other workers may still
        # be importing when the first one runs the query (CI once saw SCHED_OTHER on one started 0.1 s before)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and any(os.sched_getscheduler(w.pid) != os.SCHED_IDLE for w in workers):
            time.sleep(0.2)
        for worker in workers:  # a heavy query gets a core only when pages do not want it
            assert os.sched_getscheduler(worker.pid) == os.SCHED_IDLE
            assert worker.nice() == 19
        assert os.sched_getscheduler(server.process.pid) == os.SCHED_OTHER
