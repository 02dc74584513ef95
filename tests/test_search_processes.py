"""Two web processes and a writer process on one SPARQL server: a change the writer commits reaches both
processes' search within a bounded time, through the change feed (registry/changefeed.py)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

from registry.changefeed import feed_target
from tests.servers import close_celery, oxigraph_server, redis_db_url, serve_process, stop_process

pytestmark = [pytest.mark.server, pytest.mark.slow]

BROKER = redis_db_url(1)
BASE = "http://registry.test"
DATA = Path(__file__).parent / "data" / "processes"
BOUND = 15.0  # seconds; without the feed a web process would only see the change at its next full catch-up (15 min)
NEW, CHANGED = "kelpforest-counter", "lighthouse-summariser"  # names of the models second.ttl adds and changes


def _env(store_url: str, data_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MLFDO_")}
    env.update(MLFDO_STORE_URL=store_url, MLFDO_BASE_URL=BASE, MLFDO_BROKER_URL=BROKER,
               MLFDO_DATA_DIR=str(data_dir), MLFDO_SHACL="0")
    return env


def _ingest(env: dict, name: str) -> None:
    """Write records from a process of its own (the worker's part): ``mlfdo ingest``."""
    subprocess.run([sys.executable, "-m", "registry", "ingest", str(DATA / name)], env=env, check=True,
                   capture_output=True, timeout=120)


def _found(url: str, query: str, field: str = "name") -> list[str]:
    answer = requests.get(url + "/api/search", params={"q": query, "mode": "keyword"}, timeout=30)
    answer.raise_for_status()
    return [hit[field] for hit in answer.json()["results"]]


def _wait_found(urls: list[str], query: str, name: str, timeout: float, field: str = "name") -> list[float]:
    """Return, per URL, the seconds until the FDO called ``name`` was among the results of ``query``.

    Fails the test after ``timeout``.
    """
    started = time.monotonic()
    seen: dict[str, float] = {}
    while len(seen) < len(urls) and time.monotonic() - started < timeout:
        for url in urls:
            if url not in seen and name in _found(url, query, field):
                seen[url] = time.monotonic() - started
        time.sleep(0.02)
    missing = [url for url in urls if url not in seen]
    if missing:
        pytest.fail(f"{missing} did not find {name} for {query!r} within {timeout}s")
    return [seen[url] for url in urls]


def _wait_current(urls: list[str], timeout: float = 120.0) -> None:
    """Wait until each process's index has finished catching up with the store (a replayed change waits for it)."""
    deadline = time.monotonic() + timeout
    for url in urls:
        while requests.get(url + "/healthz", timeout=10).json()["index"] != "current":
            assert time.monotonic() < deadline, f"{url} did not finish catching up within {timeout}s"
            time.sleep(0.05)


def test_a_change_written_by_another_process_reaches_both_web_processes_search(tmp_path, feed_redis):
    data_dir = tmp_path / "data"  # one data directory for all: the second web process takes its own index folder
    with oxigraph_server(tmp_path / "ox") as store_url:
        env = _env(store_url, data_dir)
        key = feed_target({"STORE_URL": store_url, "BROKER_URL": BROKER})[1]
        feed_redis.delete(key)
        try:
            _ingest(env, "first.ttl")
            with serve_process(data_dir, env) as one, serve_process(data_dir, env) as two:
                urls = [one.url, two.url]
                # the first search opens each process's index, which catches up with the store
                _wait_found(urls, "rock pools", "tidepool-tagger", timeout=120)
                _wait_current(urls)
                for url in urls:
                    assert CHANGED in _found(url, "logbook")
                    assert _found(url, "otters") == []
                writer = subprocess.Popen([sys.executable, "-m", "registry", "ingest", str(DATA / "second.ttl")],
                                          env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                try:
                    new = _wait_found(urls, "otters", NEW, BOUND)  # polled while the writer runs
                    found_at = time.time()
                    assert writer.wait(timeout=120) == 0
                finally:
                    if writer.poll() is None:
                        writer.kill()
                        writer.wait()
                changed = _wait_found(urls, "foghorn", CHANGED, BOUND)
                published = [int(entry_id.split(b"-")[0]) / 1000 for entry_id, _ in feed_redis.xrange(key)]
                assert len(published) == 2  # one entry per committed batch: first.ttl's and second.ttl's
                for url in urls:
                    assert CHANGED not in _found(url, "logbook")  # the old description left the index
                    health = requests.get(url + "/healthz", timeout=10).json()
                    assert (health["status"], health["index"]) == ("ok", "current")
                    metrics = requests.get(url + "/metrics", timeout=10).text
                    assert "mlfdo_search_feed_behind 0.0" in metrics and "mlfdo_search_feed_connected 1.0" in metrics
                last = max(new)  # the later of the two processes
                print(f"\nchange feed: both web processes found the new model {found_at - published[1]:.3f}s after "
                      f"the writer published it (they differed by {abs(new[0] - new[1]):.3f}s); the changed "
                      f"description was found {max(changed):.3f}s after that (last process at {last:.2f}s of polling)")
                folders = sorted(p.name for p in (data_dir / "search").iterdir())
                assert folders == ["qdrant", "qdrant-2"]
        finally:
            feed_redis.delete(key)


def _hub():
    from harvesters.huggingface.offline import Snapshot
    from harvesters.huggingface.snapshot import demo_snapshot_dir

    demo = Snapshot.load(demo_snapshot_dir())
    keys = sorted(demo.models)[:3]
    return Snapshot([demo.models[k] for k in keys], {k: demo.cards[k] for k in keys if k in demo.cards})


def test_models_a_celery_worker_harvests_reach_both_web_processes_search(tmp_path, feed_redis):
    from harvesters.huggingface.offline import ReplayServer
    from workers.celery_app import make_celery

    feed_redis.flushdb()  # db 14 is this file's: the Celery queue and results too
    data_dir = tmp_path / "data"
    with oxigraph_server(tmp_path / "ox") as store_url, ReplayServer(_hub()) as hub:
        env = _env(store_url, data_dir)
        _ingest(env, "first.ttl")
        worker = subprocess.Popen([sys.executable, "-m", "celery", "-A", "workers.celery_app", "worker", "--pool=solo",
                                   "--loglevel=WARNING", "--hostname", "processes-test@%h"],
                                  env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            with serve_process(data_dir, env) as one, serve_process(data_dir, env) as two:
                urls = [one.url, two.url]
                _wait_found(urls, "rock pools", "tidepool-tagger", timeout=120)
                _wait_current(urls)
                ids = [model["id"] for model in hub.snapshot.models.values()]
                for url in urls:
                    assert _found(url, ids[0], "identifier") == []
                app = make_celery(BROKER)
                summary = app.send_task("workers.tasks.harvest_huggingface_ids", args=[ids],
                                        kwargs={"endpoint": hub.url}).get(timeout=180)
                assert (summary["new"], summary["failed"]) == (3, 0)
                for model_id in ids:  # the worker has committed and published: each process catches up on its own
                    delays = _wait_found(urls, model_id, model_id, BOUND, field="identifier")
                    assert max(delays) < BOUND
                close_celery(app)
        finally:
            stop_process(worker, timeout=30)
            feed_redis.flushdb()
    assert worker.returncode is not None
