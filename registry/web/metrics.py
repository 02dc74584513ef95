"""``/metrics``: the app's figures in the Prometheus text format (prometheus_client).

Requests and latencies by route, /sparql queries in flight and timed out (counted per process),
and, read at scrape time from the store's maintained counts (constant time at any size): FDOs
by kind and status, versions written (its rate is the ingest rate), harvest failures by
platform, search index lag and the Celery queue depth.
"""

from __future__ import annotations

import time

from flask import Blueprint, Flask, Response, current_app, g, request
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Gauge, Histogram, generate_latest
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily

__all__ = ["bp", "OPENAPI", "queue_depth"]

bp = Blueprint("metrics", __name__)
_KEY = "mlfdo.metrics"
QUEUES = ("celery",)  # the Celery queues whose depth is reported


class _Metrics:
    """One app's collectors (a registry per app, so several apps in one process do not collide)."""

    def __init__(self, app: Flask) -> None:
        self.registry = CollectorRegistry()
        self.requests = Counter("mlfdo_http_requests", "HTTP requests by route, method and status",
                                ["route", "method", "status"], registry=self.registry)
        self.latency = Histogram("mlfdo_http_request_duration_seconds", "Request latency by route", ["route"],
                                 registry=self.registry,
                                 buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10))
        self.sparql_in_flight = Gauge("mlfdo_sparql_queries_in_flight", "/sparql queries running or waiting",
                                      registry=self.registry)
        self.sparql_timeouts = Counter("mlfdo_sparql_timeouts", "/sparql queries stopped by the timeout or refused "
                                       "because every query worker stayed busy", registry=self.registry)
        self.registry.register(_StoreCollector(app))


class _StoreCollector:
    """Gauges read from the registry when scraped."""

    def __init__(self, app: Flask) -> None:
        self.app = app

    def collect(self):
        registry = self.app.extensions["mlfdo"]
        stats = registry.store.stats()
        fdos = GaugeMetricFamily("mlfdo_fdos", "FDOs by kind and status", labels=["kind", "status"])
        for kind, statuses in sorted(stats["by_kind"].items()):
            for status, n in sorted(statuses.items()):
                fdos.add_metric([kind, status], n)
        yield fdos
        yield CounterMetricFamily("mlfdo_versions", "Versions written (rate: the ingest rate)", value=stats["versions"])
        failures = CounterMetricFamily("mlfdo_harvest_failures", "Source records that could not be stored, by platform",
                                       labels=["platform"])
        by_platform: dict[str, int] = {}
        for failure in registry.store.failures():
            by_platform[failure.platform] = by_platform.get(failure.platform, 0) + 1
        for platform, n in sorted(by_platform.items()):
            failures.add_metric([platform], n)
        yield failures
        index = getattr(registry._extensions.get("search"), "index", None)
        if index is not None:  # only once search is in use: scraping never loads the embedding model
            from registry.search.document import INDEXED_KINDS  # loaded with the index already

            current = sum(stats["by_kind"].get(k, {}).get(s, 0) for k in INDEXED_KINDS for s in ("active", "stub"))
            yield GaugeMetricFamily("mlfdo_search_index_lag", "Current FDOs of the indexed kinds not in the index yet",
                                    value=max(0, current - len(index.engine)))
            if index.follower is not None:  # remote store: other processes' changes come through the change feed
                yield GaugeMetricFamily("mlfdo_search_feed_behind", "FDO changes read from the change feed and not "
                                        "applied to the index yet", value=index.follower.behind)
                yield GaugeMetricFamily("mlfdo_search_feed_connected", "1 while the change feed's Redis answers",
                                        value=int(index.follower.connected))
        depth = queue_depth(str(registry.settings.get("BROKER_URL") or ""))
        if depth is not None:
            queue = GaugeMetricFamily("mlfdo_queue_depth", "Tasks waiting in the Celery queue", labels=["queue"])
            for name, n in depth.items():
                queue.add_metric([name], n)
            yield queue


def queue_depth(broker_url: str, timeout: float = 0.2) -> dict[str, int] | None:
    """Return tasks waiting per Celery queue on a Redis broker, or None when it does not answer."""
    if not broker_url.startswith("redis://"):
        return None
    import redis

    try:
        with redis.Redis.from_url(broker_url, socket_timeout=timeout, socket_connect_timeout=timeout) as client:
            return {name: int(client.llen(name)) for name in QUEUES}
    except redis.RedisError:
        return None


def _metrics() -> _Metrics:
    return current_app.extensions[_KEY]


@bp.record_once
def _setup(state) -> None:
    state.app.extensions[_KEY] = _Metrics(state.app)


@bp.before_app_request
def _start() -> None:
    g.mlfdo_started = time.perf_counter()
    if request.path == "/sparql":
        _metrics().sparql_in_flight.inc()
        g.mlfdo_sparql = True


@bp.after_app_request
def _observe(response: Response) -> Response:
    metrics = _metrics()
    route = request.url_rule.rule if request.url_rule is not None else "(no route)"
    metrics.requests.labels(route, request.method, str(response.status_code)).inc()
    if "mlfdo_started" in g:
        metrics.latency.labels(route).observe(time.perf_counter() - g.mlfdo_started)
    if route == "/sparql" and response.status_code == 503:
        metrics.sparql_timeouts.inc()
    return response


@bp.teardown_app_request
def _done(_exc) -> None:
    if g.pop("mlfdo_sparql", False):
        _metrics().sparql_in_flight.dec()


@bp.route("/metrics")
def metrics() -> Response:
    """Return the metrics in the Prometheus text exposition format."""
    return Response(generate_latest(_metrics().registry), content_type=CONTENT_TYPE_LATEST)


OPENAPI = {"paths": {"/metrics": {"get": {
    "summary": "Metrics in the Prometheus text format", "tags": ["operations"],
    "responses": {"200": {"description": "Prometheus text exposition format",
                          "content": {"text/plain": {}}}}}}}}
