"""Celery tasks through a real Redis broker and a real worker, writing to a real SPARQL server."""

from __future__ import annotations

import pytest
import redis
from celery.contrib.testing.worker import start_worker

from harvesters.huggingface.snapshot import demo_snapshot_dir
from harvesters.huggingface.offline import ReplayServer
from registry.store import Store
from tests.servers import close_celery, oxigraph_server, redis_db_url

BROKER = redis_db_url(2)
BASE = "http://registry.test"


def redis_available() -> bool:
    try:
        with redis.Redis.from_url(BROKER, socket_connect_timeout=1) as client:
            return bool(client.ping())
    except redis.RedisError:
        return False


pytestmark = [pytest.mark.server, pytest.mark.skipif(not redis_available(), reason="no Redis on 127.0.0.1:6379")]


@pytest.fixture
def celery_app(monkeypatch, tmp_path):
    from workers.celery_app import make_celery

    app = make_celery(BROKER)
    app.conf.update(worker_hijack_root_logger=False)
    with redis.Redis.from_url(BROKER) as client:
        client.flushdb()
    yield app
    close_celery(app)


def test_harvest_task_runs_in_a_worker_and_is_idempotent(celery_app, monkeypatch, tmp_path):
    from workers import tasks

    with oxigraph_server(tmp_path / "ox") as store_url, ReplayServer(demo_snapshot_dir()) as hub:
        ids = sorted(hub.snapshot.models)[:3]
        ids = [hub.snapshot.models[i]["id"] for i in ids]
        monkeypatch.setenv("MLFDO_STORE_URL", store_url)
        monkeypatch.setenv("MLFDO_BASE_URL", BASE)
        monkeypatch.setenv("MLFDO_DATA_DIR", str(tmp_path / "data"))
        with start_worker(celery_app, perform_ping_check=False, pool="solo", loglevel="WARNING"):
            task = celery_app.tasks[tasks.harvest_huggingface_ids.name]
            first = task.delay(ids, endpoint=hub.url).get(timeout=120)
            again = task.delay(ids, endpoint=hub.url).get(timeout=120)
        assert (first["fetched"], first["new"], first["failed"]) == (3, 3, 0)
        assert (again["new"], again["changed"], again["unchanged"]) == (0, 0, 3)
        store = Store.open_remote(store_url, BASE)
        for model_id in ids:
            pid = store.resolve(f"hf:{model_id}")
            assert pid is not None and len(store.versions(pid)) == 1
