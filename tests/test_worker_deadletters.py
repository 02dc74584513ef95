"""A task that keeps failing is retried, then leaves a dead letter shown by `mlfdo stats` and /api/stats."""

from __future__ import annotations

import pytest
import redis
from celery.contrib.testing.worker import start_worker
from click.testing import CliRunner

from registry import deadletters
from registry.cli import cli
from registry.service import Registry
from registry.web import create_app
from tests.factories import BASE
from tests.servers import close_celery, free_port, redis_db_url

BROKER = redis_db_url(0)
pytestmark = pytest.mark.server


@pytest.fixture
def celery_app():
    from workers.celery_app import make_celery

    with redis.Redis.from_url(BROKER) as client:
        client.flushdb()
    app = make_celery(BROKER)
    app.conf.update(worker_hijack_root_logger=False, task_annotations={"*": {"max_retries": 1}})
    yield app
    close_celery(app)


def test_task_failing_after_its_retries_leaves_a_dead_letter(celery_app, monkeypatch, tmp_path):
    from workers import tasks

    monkeypatch.setenv("MLFDO_STORE_URL", f"http://127.0.0.1:{free_port()}")  # nothing listens there
    monkeypatch.setenv("MLFDO_BROKER_URL", BROKER)
    monkeypatch.setenv("MLFDO_DATA_DIR", str(tmp_path / "data"))
    with start_worker(celery_app, perform_ping_check=False, pool="solo", loglevel="WARNING"):
        result = celery_app.tasks[tasks.harvest_huggingface_ids.name].delay(["org/model"])
        with pytest.raises(Exception, match="unreachable"):
            result.get(timeout=120)
    count, [entry] = deadletters.recent(BROKER)
    assert count == 1
    assert (entry["task"], entry["args"], entry["retries"]) == (tasks.harvest_huggingface_ids.name, [["org/model"]], 1)
    assert entry["error"].startswith("RemoteStoreError")

    registry = Registry.open({"BROKER_URL": BROKER, "SHACL": False, "BASE_URL": BASE}, in_memory=True)
    stats = create_app({"REGISTRY": registry, "TESTING": True}).test_client().get("/api/stats").get_json()
    assert stats["dead_letters"] == 1 and stats["newest_dead_letters"][0]["task"] == entry["task"]
    monkeypatch.delenv("MLFDO_STORE_URL")
    out = CliRunner().invoke(cli, ["--data-dir", str(tmp_path / "embedded"), "stats"], catch_exceptions=False)
    assert "dead letters (tasks that failed after their retries): 1" in out.output
    assert "harvest_huggingface_ids" in out.output
