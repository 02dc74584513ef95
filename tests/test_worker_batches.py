"""OpenML and arXiv id-batch tasks on a real worker and Redis: they harvest, retry, and leave dead letters."""

from __future__ import annotations

import pytest
import redis
from celery.contrib.testing.worker import start_worker

from harvesters.arxiv.offline import ArxivReplay
from harvesters.arxiv.offline import demo_snapshot_dir as arxiv_snapshot
from harvesters.openml.offline import OpenMLReplay
from harvesters.openml.offline import demo_snapshot_dir as openml_snapshot
from registry import deadletters
from registry.service import Registry
from tests.servers import close_celery, free_port, redis_db_url

BROKER = redis_db_url(2)
pytestmark = pytest.mark.server


@pytest.fixture
def celery_app(monkeypatch, tmp_path):
    from workers.celery_app import make_celery

    with redis.Redis.from_url(BROKER) as client:
        client.flushdb()
    monkeypatch.setenv("MLFDO_BROKER_URL", BROKER)
    monkeypatch.setenv("MLFDO_DATA_DIR", str(tmp_path / "data"))
    app = make_celery(BROKER)
    app.conf.update(worker_hijack_root_logger=False, task_annotations={"*": {"max_retries": 1}})
    yield app
    close_celery(app)


def test_openml_and_arxiv_id_batches_harvest_on_a_worker_and_rerun_writes_nothing(celery_app, monkeypatch):
    from workers import tasks

    with OpenMLReplay(openml_snapshot()) as openml, ArxivReplay(arxiv_snapshot()) as arxiv:
        monkeypatch.setenv("MLFDO_ARXIV_URL", arxiv.query_url)
        with start_worker(celery_app, perform_ping_check=False, pool="solo", loglevel="WARNING"):
            datasets = celery_app.tasks[tasks.harvest_openml_ids.name]
            first = datasets.delay("dataset", ["61"], server=openml.server_url).get(timeout=120)
            again = datasets.delay("dataset", ["61"], server=openml.server_url).get(timeout=120)
            papers = celery_app.tasks[tasks.harvest_arxiv_ids.name].delay(["1707.08567"]).get(timeout=120)
    assert (first["new"], again["new"], again["unchanged"]) == (1, 0, 1)
    assert papers["new"] == 1
    registry = Registry.open()
    try:
        assert registry.store.stats()["by_kind"]["paper"]["active"] == 1
    finally:
        registry.close()
    assert deadletters.recent(BROKER)[0] == 0


def test_an_arxiv_batch_of_more_than_one_call_is_refused_into_a_dead_letter(celery_app):
    from workers import tasks

    ids = [f"2401.{n:05d}" for n in range(101)]
    with start_worker(celery_app, perform_ping_check=False, pool="solo", loglevel="WARNING"):
        result = celery_app.tasks[tasks.harvest_arxiv_ids.name].delay(ids)
        with pytest.raises(ValueError, match="at most 100 ids"):
            result.get(timeout=60)
    count, [entry] = deadletters.recent(BROKER)
    assert (count, entry["task"], entry["retries"]) == (1, tasks.harvest_arxiv_ids.name, 0)


def test_an_openml_batch_whose_store_stays_away_is_retried_then_dead_lettered(celery_app, monkeypatch):
    from workers import tasks

    monkeypatch.setenv("MLFDO_STORE_URL", f"http://127.0.0.1:{free_port()}")  # nothing listens there
    with start_worker(celery_app, perform_ping_check=False, pool="solo", loglevel="WARNING"):
        result = celery_app.tasks[tasks.harvest_openml_ids.name].delay("run", ["100"])
        with pytest.raises(Exception, match="unreachable"):
            result.get(timeout=120)
    count, [entry] = deadletters.recent(BROKER)
    assert (count, entry["task"], entry["args"], entry["retries"]) == (1, tasks.harvest_openml_ids.name,
                                                                       ["run", ["100"]], 1)
    assert entry["error"].startswith("RemoteStoreError")


def test_beat_schedules_an_incremental_harvest_of_every_platform():
    from workers.celery_app import beat_schedule

    schedule = beat_schedule(60.0)
    tasks = {entry["task"]: entry["kwargs"] for entry in schedule.values()}
    assert tasks == {"workers.tasks.harvest_huggingface_fanout": {}, "workers.tasks.harvest_openml": {},
                     "workers.tasks.harvest_arxiv": {"missing": True}}
    assert all(entry["schedule"] == 60.0 for entry in schedule.values())
