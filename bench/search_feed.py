"""Search index across processes: how long a change one process commits takes to reach two web processes' search.

Usage (run with ``nice``):
  python bench/search_feed.py [--base 2000] [--changes 20] [--redis redis://127.0.0.1:6379/14]

Starts an ``oxigraph serve`` store, writes ``--base`` synthetic models (bench/ingest.py) into it
from this process, starts two ``mlfdo serve`` processes on one shared data directory (the second
takes its own local index folder), waits for both to have caught up, then commits ``--changes``
changes one at a time from this process (alternately a new model and a changed description of an
existing one). For each, it polls both web processes' ``/api/search`` (every 10 ms, one thread
each) and records the time from the change feed entry (Redis's own timestamp of the ``XADD``,
written right after the commit) to the first answer holding the change. Prints p50 / p95 / max
per process, the writer's commit time, the catch-up time at start and the load average.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import shutil
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

import redis
import requests
from pyoxigraph import Literal, NamedNode, Triple

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from ingest import BASE, synthetic_record  # noqa: E402

from registry.changefeed import feed_target  # noqa: E402
from registry.service import Registry  # noqa: E402
from registry.vocab import SCHEMA  # noqa: E402
from tests.servers import oxigraph_server, serve_process  # noqa: E402


def _with_description(record, text: str):
    triples = [t for t in record.triples if t.predicate != SCHEMA.description]
    triples.append(Triple(NamedNode(record.pid), SCHEMA.description, Literal(text)))
    return dataclasses.replace(record, triples=triples)


def _finds(url: str, query: str, identifier: str) -> bool:
    answer = requests.get(url + "/api/search", params={"q": query, "mode": "keyword"}, timeout=30)
    return any(hit["identifier"] == identifier for hit in answer.json()["results"])


def _first_seen(urls: list[str], query: str, identifier: str, timeout: float = 60.0) -> list[float]:
    """Return, per URL, the wall-clock time its search first held ``identifier`` (nan after ``timeout``)."""
    seen = [float("nan")] * len(urls)

    def poll(k: int) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if _finds(urls[k], query, identifier):
                seen[k] = time.time()
                return
            time.sleep(0.01)

    threads = [threading.Thread(target=poll, args=(k,)) for k in range(len(urls))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return seen


def _summary(delays: list[float]) -> str:
    ordered = sorted(delays)
    p95 = ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]
    return f"p50 {statistics.median(ordered) * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms, max {ordered[-1] * 1000:.0f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", type=int, default=2000, help="synthetic models in the store before the changes")
    parser.add_argument("--changes", type=int, default=20, help="changes committed one at a time")
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/14", help="the change feed's Redis")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="mlfdo-feed-"))
    feed = redis.Redis.from_url(args.redis)
    with oxigraph_server(tmp / "ox") as store_url:
        key = feed_target({"STORE_URL": store_url, "BROKER_URL": args.redis})[1]
        settings = {"STORE_URL": store_url, "BROKER_URL": args.redis, "BASE_URL": BASE, "SHACL": False}
        writer = Registry.open(environ={}, overrides={**settings, "DATA_DIR": str(tmp / "writer")})
        started = time.perf_counter()
        for start in range(0, args.base, 500):
            writer.store.ingest_many([synthetic_record(i) for i in range(start, min(args.base, start + 500))])
        print(f"{args.base} base models written in {time.perf_counter() - started:.1f} s")
        env = {k: v for k, v in os.environ.items() if not k.startswith("MLFDO_")}
        env.update({f"MLFDO_{k}": str(v) for k, v in settings.items()}, MLFDO_SHACL="0", PYTHONPATH=str(ROOT))
        data_dir = tmp / "web"
        with serve_process(data_dir, env) as one, serve_process(data_dir, env) as two:
            urls = [one.url, two.url]
            started = time.perf_counter()
            last = synthetic_record(args.base - 1)
            _first_seen(urls, last.platform_id, last.platform_id, timeout=1800)  # opens the index: it catches up
            for url in urls:  # replayed changes wait for a running catch-up to end
                while requests.get(url + "/healthz", timeout=30).json()["index"] != "current":
                    time.sleep(0.1)
            print(f"both web processes caught up with {args.base} models in {time.perf_counter() - started:.1f} s")
            delays: list[list[float]] = [[], []]
            commits = []
            for j in range(args.changes):
                if j % 2 == 0:  # a new model
                    record = synthetic_record(args.base + j)
                    query = record.platform_id
                else:  # a changed description of a model both processes index already
                    record = _with_description(synthetic_record(j), f"Now also estimates quokka{j} populations.")
                    query = f"quokka{j}"
                started = time.perf_counter()
                writer.store.ingest_many([record])
                commits.append(time.perf_counter() - started)
                entry_id = feed.xrevrange(key, count=1)[0][0]
                published = int(entry_id.split(b"-")[0]) / 1000
                seen = _first_seen(urls, query, record.platform_id)
                for k, at in enumerate(seen):
                    delays[k].append(at - published)
            for k in range(2):
                print(f"web process {k + 1}: change visible in /api/search after {_summary(delays[k])}")
            print(f"writer: commit + publish {_summary(commits)}")
        writer.close()
        feed.delete(key)
    shutil.rmtree(tmp, ignore_errors=True)
    print("load average:", " ".join(f"{x:.2f}" for x in os.getloadavg()))


if __name__ == "__main__":
    main()
