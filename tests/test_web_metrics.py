"""/metrics: Prometheus text with request counts and latencies by route and the store's counts."""

from __future__ import annotations

import redis
from prometheus_client.parser import text_string_to_metric_families

from registry.service import Registry
from registry.web import create_app
from registry.web.metrics import queue_depth
from tests.factories import BASE, model_record
from tests.servers import redis_db_url

TEST_DB = redis_db_url(1)


def _samples(client) -> dict[str, list]:
    response = client.get("/metrics")
    assert response.status_code == 200
    assert response.content_type.startswith("text/plain")
    out: dict[str, list] = {}
    for family in text_string_to_metric_families(response.get_data(as_text=True)):
        for sample in family.samples:
            out.setdefault(sample.name, []).append(sample)
    return out


def _value(samples, name: str, **labels) -> float:
    return sum(s.value for s in samples.get(name, []) if all(s.labels.get(k) == v for k, v in labels.items()))


def test_metrics_count_requests_by_route_and_status(client, ids):
    before = _samples(client)
    for _ in range(3):
        assert client.get(f"/fdo/{ids.base_lm}").status_code == 200
    assert client.get("/fdo/aaaaaaaaaaaaa").status_code == 404
    after = _samples(client)
    route = "/fdo/<ref>"
    ok = _value(after, "mlfdo_http_requests_total", route=route, status="200") - \
        _value(before, "mlfdo_http_requests_total", route=route, status="200")
    missing = _value(after, "mlfdo_http_requests_total", route=route, status="404") - \
        _value(before, "mlfdo_http_requests_total", route=route, status="404")
    assert (ok, missing) == (3, 1)
    timed = _value(after, "mlfdo_http_request_duration_seconds_count", route=route) - \
        _value(before, "mlfdo_http_request_duration_seconds_count", route=route)
    assert timed == 4


def test_metrics_report_the_store_counts_of_api_stats(client):
    stats = client.get("/api/stats").get_json()
    samples = _samples(client)
    fdos = {(s.labels["kind"], s.labels["status"]): s.value for s in samples["mlfdo_fdos"]}
    assert fdos == {(k, st): n for k, by in stats["by_kind"].items() for st, n in by.items()}
    assert _value(samples, "mlfdo_versions_total") == stats["versions"]


def test_metrics_report_failures_by_platform_and_the_celery_queue_depth():
    broker = redis.Redis.from_url(TEST_DB)
    broker.delete("celery")
    broker.rpush("celery", "a", "b", "c")
    try:
        registry = Registry.open({"BROKER_URL": TEST_DB, "SHACL": False, "BASE_URL": BASE}, in_memory=True)
        registry.store.ingest(model_record("org/a"))
        registry.store.record_failure("hf", "org/broken", "no JSON")
        registry.store.record_failure("hf", "org/broken2", "no JSON")
        samples = _samples(create_app({"REGISTRY": registry, "TESTING": True}).test_client())
        assert _value(samples, "mlfdo_harvest_failures_total", platform="hf") == 2
        assert _value(samples, "mlfdo_queue_depth", queue="celery") == 3
    finally:
        broker.delete("celery")
        broker.close()


def test_queue_depth_is_none_when_the_broker_does_not_answer():
    assert queue_depth("redis://127.0.0.1:1/0") is None
    assert queue_depth("amqp://127.0.0.1/") is None
