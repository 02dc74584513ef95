"""The change feed (registry/changefeed.py) on a real Redis and a real `oxigraph` server, in one process:
two registries opened on the same store stand for a writer process and a web process."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from registry.changefeed import FeedFollower, FeedPublisher, feed_target
from registry.health import readiness
from registry.rdfio import parse_file
from registry.records_from_rdf import records_from_quads
from registry.search import get_searcher
from registry.service import Registry
from tests.servers import free_port, oxigraph_server, redis_db_url

pytestmark = [pytest.mark.server, pytest.mark.slow]

BROKER = redis_db_url(1)
BASE = "http://registry.test"
DATA = Path(__file__).parent / "data" / "processes"


def _open(store_url: str, data_dir: Path, broker: str = BROKER) -> Registry:
    return Registry.open(environ={}, overrides={"STORE_URL": store_url, "BASE_URL": BASE, "BROKER_URL": broker,
                                                "DATA_DIR": str(data_dir), "SHACL": False})


def _ingest(registry: Registry, name: str) -> list[str]:
    records = records_from_quads(parse_file(DATA / name, base_iri=BASE + "/"), BASE, name)
    return [r.status for r in registry.store.ingest_many(records)]


def _names(registry: Registry, query: str) -> list[str]:
    return [hit.name for hit in get_searcher(registry).search(query, mode="keyword").results]


def _eventually(check, timeout: float = 10.0) -> float:
    started = time.monotonic()
    while not check():
        if time.monotonic() - started > timeout:
            pytest.fail(f"not true within {timeout}s")
        time.sleep(0.02)
    return time.monotonic() - started


def test_changes_and_withdrawals_through_one_store_handle_reach_the_others_search_and_are_published_once(
        tmp_path, feed_redis):
    with oxigraph_server(tmp_path / "ox") as store_url:
        key = feed_target({"STORE_URL": store_url, "BROKER_URL": BROKER})[1]
        feed_redis.delete(key)
        writer, web = _open(store_url, tmp_path / "writer"), _open(store_url, tmp_path / "web")
        try:
            assert _ingest(writer, "first.ttl") == ["new"] * 5
            assert _names(web, "rock pools") == ["tidepool-tagger"]  # opened after: caught up from the store
            assert _ingest(writer, "second.ttl") == ["new", "changed"]
            _eventually(lambda: _names(web, "otters") == ["kelpforest-counter"])
            _eventually(lambda: _names(web, "foghorn") == ["lighthouse-summariser"])
            assert _names(web, "logbook") == []
            gone = get_searcher(web).search("dune-mapper").results[0].pid
            writer.store.withdraw(gone, "removed by its authors")
            _eventually(lambda: "dune-mapper" not in _names(web, "sand dunes"))
            # the web side replayed three entries and published none of them again
            entries = feed_redis.xrange(key)
            assert len(entries) == 3
            assert {fields[b"origin"] for _, fields in entries} == {writer.loaded("change-feed").origin.encode()}
            assert get_searcher(web).index.follower.applied == 3  # second.ttl's two, the withdrawal (first.ttl: before)
            assert readiness(web)["index"] == "current"
        finally:
            web.close()
            writer.close()
            feed_redis.delete(key)


def test_without_redis_ingest_and_search_go_on_and_say_the_feed_is_unreachable(tmp_path):
    nobody = f"redis://127.0.0.1:{free_port()}/0"  # nothing listens there
    with oxigraph_server(tmp_path / "ox") as store_url:
        writer, web = _open(store_url, tmp_path / "writer", nobody), _open(store_url, tmp_path / "web", nobody)
        try:
            started = time.monotonic()
            assert _ingest(writer, "first.ttl") == ["new"] * 5
            assert _ingest(writer, "second.ttl") == ["new", "changed"]
            assert time.monotonic() - started < 30
            assert writer.loaded("change-feed").failed == 7
            searcher = get_searcher(web)
            response = searcher.search("otters", mode="keyword")
            assert [hit.name for hit in response.results] == ["kelpforest-counter"]  # the catch-up at opening
            assert any("unreachable" in note for note in response.notes)
            assert readiness(web) == {"status": "ok", "store": "ok", "index": "stale (change feed unreachable)"}
        finally:
            web.close()
            writer.close()


def test_a_follower_whose_position_was_trimmed_away_asks_for_a_full_catch_up(feed_redis):
    key = "mlfdo:changes:test-trim"
    feed_redis.delete(key)
    publisher = FeedPublisher(BROKER, key)
    gaps, applied = [], []
    follower = FeedFollower(BROKER, key, apply=applied.extend, on_gap=lambda: gaps.append(1))
    try:
        from registry.store import IngestResult

        publisher([IngestResult(f"{BASE}/fdo/a", "new", 1)])
        follower.mark()
        position = follower.position
        for n in range(3):
            publisher([IngestResult(f"{BASE}/fdo/b{n}", "new", 1)])
        feed_redis.xtrim(key, maxlen=1, approximate=False)  # the entries after the position are gone
        follower.position = position
        follower.start()
        _eventually(lambda: gaps and applied)
        # what is left is applied; the rest comes from the full catch-up
        assert [r.pid for r in applied] == [f"{BASE}/fdo/b2"]
        assert gaps == [1]
    finally:
        follower.close()
        publisher.close()
        feed_redis.delete(key)


def test_a_change_that_fails_to_apply_asks_for_a_catch_up_once_and_later_changes_still_arrive(feed_redis):
    from registry.store import IngestResult

    key = "mlfdo:changes:test-failing-apply"
    feed_redis.delete(key)
    publisher = FeedPublisher(BROKER, key)
    gaps, applied = [], []

    def apply(results):
        if results[0].pid.endswith("/bad"):
            raise ValueError("cannot apply this one")
        applied.extend(results)

    follower = FeedFollower(BROKER, key, apply=apply, on_gap=lambda: gaps.append(1))
    try:
        follower.mark()
        follower.start()
        publisher([IngestResult(f"{BASE}/fdo/bad", "new", 1)])
        publisher([IngestResult(f"{BASE}/fdo/good", "changed", 2)])
        _eventually(lambda: applied)
        assert [(r.pid, r.status, r.version) for r in applied] == [(f"{BASE}/fdo/good", "changed", 2)]
        assert gaps == [1] and follower.behind == 0
    finally:
        follower.close()
        publisher.close()
        feed_redis.delete(key)


def test_a_writer_that_could_not_publish_says_so_and_followers_catch_up_in_full(feed_redis):
    from registry.store import IngestResult

    key = "mlfdo:changes:test-dropped"
    feed_redis.delete(key)
    publisher = FeedPublisher(f"redis://127.0.0.1:{free_port()}/0", key)  # Redis away for this writer
    gaps, applied = [], []
    follower = FeedFollower(BROKER, key, apply=applied.extend, on_gap=lambda: gaps.append(1))
    try:
        follower.mark()
        follower.start()
        publisher([IngestResult(f"{BASE}/fdo/lost", "new", 1)])
        assert publisher.failed == 1 and feed_redis.xlen(key) == 0
        publisher.url, publisher._retry_at = BROKER, 0.0  # Redis is back for it (after its retry pause)
        publisher([IngestResult(f"{BASE}/fdo/kept", "new", 1)])
        _eventually(lambda: applied)
        assert [r.pid for r in applied] == [f"{BASE}/fdo/kept"]
        assert gaps == [1]  # the lost change comes from a full catch-up
        publisher([IngestResult(f"{BASE}/fdo/next", "changed", 2)])
        _eventually(lambda: len(applied) == 2)
        assert gaps == [1]  # said once
    finally:
        follower.close()
        publisher.close()
        feed_redis.delete(key)
