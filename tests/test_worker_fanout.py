"""The fan-out Hub harvest: one task per listing page on real Celery workers, a real Redis and oxigraph server."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
import redis
from celery.contrib.testing.worker import start_worker
from click.testing import CliRunner

from harvesters.huggingface.harvest import STATE_KEY
from harvesters.huggingface.offline import ReplayServer, Snapshot
from harvesters.huggingface.snapshot import demo_snapshot_dir
from harvesters.run import parse_time
from registry import deadletters
from registry.cli import cli
from registry.service import Registry
from registry.store import Store
from registry.web import create_app
from tests.hub_faults import FaultyReplayServer
from tests.servers import celery_workers, close_celery, oxigraph_server, redis_db_url, wait_for

BROKER = redis_db_url(2)
BASE = "http://registry.test"
MODELS, PAGE = 24, 5  # five listing pages: 5 + 5 + 5 + 5 + 4 models
ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.server


@pytest.fixture(scope="module")
def small_snapshot() -> Snapshot:
    full = Snapshot.load(demo_snapshot_dir())
    keys = sorted(full.models)[:MODELS]
    return Snapshot([full.models[k] for k in keys], {k: full.cards[k] for k in keys if k in full.cards})


@pytest.fixture
def broker():
    with redis.Redis.from_url(BROKER) as client:
        client.flushdb()
    return BROKER


@pytest.fixture
def celery_app(broker):
    """A Celery client app on the test broker (tasks retried once); its connections are closed at the end."""
    from workers.celery_app import make_celery

    app = make_celery(broker)
    app.conf.update(worker_hijack_root_logger=False, task_annotations={"*": {"max_retries": 1}})
    yield app
    close_celery(app)


def _fdos(store) -> dict[str, tuple]:
    """Every FDO as (status, number of versions, content hash of its newest version)."""
    out = {}
    for pid in store.pids():
        versions = store.versions(pid)
        out[pid] = (store.status(pid), len(versions), versions[-1].content_hash if versions else None)
    return out


def test_fanout_on_two_worker_processes_stores_the_same_fdos_as_the_single_process_harvest(
        small_snapshot, broker, celery_app, tmp_path, monkeypatch):
    from workers.fanout import FanOut

    with oxigraph_server(tmp_path / "ox") as store_url, ReplayServer(small_snapshot) as hub:
        out = CliRunner().invoke(cli, ["--data-dir", str(tmp_path / "single"), "--base-url", BASE, "harvest",
                                       "huggingface", "--endpoint", hub.url], catch_exceptions=False)
        assert out.exit_code == 0, out.output
        env = {**os.environ, "PYTHONPATH": str(ROOT), "MLFDO_BROKER_URL": broker, "MLFDO_STORE_URL": store_url,
               "MLFDO_BASE_URL": BASE, "MLFDO_DATA_DIR": str(tmp_path / "workers")}
        with celery_workers(env, 2) as procs:
            app = celery_app
            sent = app.send_task("workers.tasks.harvest_huggingface_fanout",
                                 kwargs={"endpoint": hub.url, "page_size": PAGE}).get(timeout=120)
            run = FanOut(broker, sent["run"])
            wait_for(lambda: not run.pending(), 180, "every page task finishing")
            fanned = Store.open_remote(store_url, BASE)
            mark = wait_for(lambda: fanned.get_state(STATE_KEY), 30, "the high-water mark moving")
            got = _fdos(fanned)
            served = app.control.inspect(timeout=2).stats() or {}
            run.close()
        assert all(p.returncode is not None for p in procs)
    assert (sent["pages"], sent["complete"]) == (5, True)
    assert len(served) == 2
    assert sum(w["total"].get("workers.tasks.harvest_huggingface_page", 0) for w in served.values()) == 5
    single = Store.open(tmp_path / "single", BASE)
    try:
        expected = _fdos(single)
        assert mark == single.get_state(STATE_KEY)
    finally:
        single.close()
    assert sum(1 for status, _n, _h in expected.values() if status == "active") >= MODELS
    assert got == expected


def test_a_page_whose_cards_keep_failing_is_a_dead_letter_the_others_land_and_the_mark_stays(
        small_snapshot, broker, celery_app, tmp_path, monkeypatch):
    from workers import tasks

    newest_first = sorted(small_snapshot.models.values(), key=lambda m: m["lastModified"], reverse=True)
    broken = newest_first[PAGE + 1]["id"]  # on the second listing page
    app = celery_app
    with oxigraph_server(tmp_path / "ox") as store_url, FaultyReplayServer(small_snapshot) as hub:
        hub.fail(rf"^/{re.escape(broken)}/resolve/.*/README\.md", 403, times=1000)
        monkeypatch.setenv("MLFDO_STORE_URL", store_url)
        monkeypatch.setenv("MLFDO_BROKER_URL", broker)
        monkeypatch.setenv("MLFDO_BASE_URL", BASE)
        monkeypatch.setenv("MLFDO_DATA_DIR", str(tmp_path / "data"))
        with start_worker(app, perform_ping_check=False, pool="solo", loglevel="WARNING"):
            sent = app.tasks[tasks.harvest_huggingface_fanout.name].delay(endpoint=hub.url, page_size=PAGE)
            summary = sent.get(timeout=120)
            count, letters = wait_for(lambda: (found := deadletters.recent(broker)) and found[0] and found, 120,
                                    "a dead letter")
            store = Store.open_remote(store_url, BASE)
            others = [m["id"] for m in newest_first if m["id"] != broken]
            wait_for(lambda: all(store.source_etag(store.resolve(f"hf:{i}") or "-") for i in others), 120,
                   "the other pages landing")
            mark = store.get_state(STATE_KEY)
    assert summary["complete"] and summary["pages"] == 5
    assert count == 1 and letters[0]["task"] == tasks.harvest_huggingface_page.name
    assert letters[0]["args"][1:] == [2, [m["id"] for m in newest_first[PAGE:2 * PAGE]]]  # ids, not records
    assert letters[0]["error"].startswith("CardsNotRead")
    assert mark is None  # not past the failed page
    registry = Registry.open({"BROKER_URL": broker, "SHACL": False, "BASE_URL": BASE}, in_memory=True)
    stats = create_app({"REGISTRY": registry, "TESTING": True}).test_client().get("/api/stats").get_json()
    assert stats["dead_letters"] == 1
    assert stats["newest_dead_letters"][0]["task"] == "workers.tasks.harvest_huggingface_page"


def test_a_redelivered_page_task_writes_no_new_version(small_snapshot, broker, celery_app, tmp_path, monkeypatch):
    from workers import tasks
    from workers.fanout import FanOut

    items = sorted(small_snapshot.models.values(), key=lambda m: m["lastModified"], reverse=True)[:PAGE]
    app = celery_app
    run = FanOut(broker)
    run.add(1)
    with oxigraph_server(tmp_path / "ox") as store_url, ReplayServer(small_snapshot) as hub:
        monkeypatch.setenv("MLFDO_STORE_URL", store_url)
        monkeypatch.setenv("MLFDO_BROKER_URL", broker)
        monkeypatch.setenv("MLFDO_BASE_URL", BASE)
        monkeypatch.setenv("MLFDO_DATA_DIR", str(tmp_path / "data"))
        with start_worker(app, perform_ping_check=False, pool="solo", loglevel="WARNING"):
            task = app.tasks[tasks.harvest_huggingface_page.name]
            first = task.delay(run.run, 1, items, endpoint=hub.url).get(timeout=120)
            after_first = _fdos(Store.open_remote(store_url, BASE))
            again = task.delay(run.run, 1, items, endpoint=hub.url).get(timeout=120)
            after_again = _fdos(Store.open_remote(store_url, BASE))
    run.close()
    assert (first["new"], first["failed"]) == (PAGE, 0)
    assert (again["new"], again["changed"], again["unchanged"]) == (0, 0, PAGE)
    assert again["requests"].get("card", 0) == 0  # the known commit sha spares the README
    assert after_again == after_first
    assert all(n == 1 for _status, n, _hash in after_first.values())


def test_the_run_is_ready_once_listed_and_every_page_done_even_when_a_page_reports_twice(broker):
    from workers.fanout import FanOut

    run = FanOut(broker)
    mark = {"state_key": "hf:high_water", "newest": "2025-01-01T00:00:00Z", "stored": None, "cutoff": None}
    try:
        run.add(1)
        run.add(2)
        assert run.done(1) is None and run.done(1) is None  # redelivered: page 2 is still pending
        assert run.listed(mark) is None
        assert run.done(2) == mark
        assert run.done(2) == mark  # a late redelivery sees the same mark (setting it again changes nothing)
        other = FanOut(broker)
        other.add(1)
        assert other.listed(None) is None and other.done(1) is None  # an incomplete listing never moves the mark
        other.close()
    finally:
        run.close()


def test_a_walk_stopped_by_a_refused_listing_page_is_retried_and_the_mark_then_moves(
        small_snapshot, broker, celery_app, tmp_path, monkeypatch):
    from workers import tasks

    app = celery_app
    with oxigraph_server(tmp_path / "ox") as store_url, FaultyReplayServer(small_snapshot) as hub:
        hub.fail(r"^/api/models\?.*cursor=", 403, times=1)  # the second listing page, once
        monkeypatch.setenv("MLFDO_STORE_URL", store_url)
        monkeypatch.setenv("MLFDO_BROKER_URL", broker)
        monkeypatch.setenv("MLFDO_BASE_URL", BASE)
        monkeypatch.setenv("MLFDO_DATA_DIR", str(tmp_path / "data"))
        with start_worker(app, perform_ping_check=False, pool="solo", loglevel="WARNING"):
            summary = app.tasks[tasks.harvest_huggingface_fanout.name].delay(endpoint=hub.url,
                                                                             page_size=PAGE).get(timeout=120)
            store = Store.open_remote(store_url, BASE)
            mark = wait_for(lambda: store.get_state(STATE_KEY), 120, "the high-water mark moving")
            landed = [store.resolve(f"hf:{m['id']}") for m in small_snapshot.models.values()]
        assert hub.faults[0].times == 0  # the refusal was met
    newest = max(m["lastModified"] for m in small_snapshot.models.values())
    assert (summary["pages"], summary["complete"]) == (5, True)
    assert parse_time(mark) == parse_time(newest)
    assert all(landed) and deadletters.recent(broker)[0] == 0
