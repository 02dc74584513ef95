"""Benchmark the OpenML and arXiv harvesters through their real clients against loopback replays.

    python bench/platforms.py [--openml-datasets N] [--openml-runs N] [--papers N]

Prints, for each platform: objects harvested, API calls made (counted by the replay server),
calls per object, and objects per second (in-memory store, SHACL off: the harvest path, not
validation). The snapshots are the bundled ones, widened with copies of recorded objects
under new ids so the listing spans several pages.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import time

from harvesters.arxiv.client import ArxivClient
from harvesters.arxiv.harvest import harvest as harvest_arxiv
from harvesters.arxiv.offline import ArxivReplay, ArxivSnapshot
from harvesters.arxiv.offline import demo_snapshot_dir as arxiv_snapshot
from harvesters.openml.client import OpenMLClient
from harvesters.openml.harvest import harvest as harvest_openml
from harvesters.openml.offline import OpenMLReplay, OpenMLSnapshot
from harvesters.openml.offline import demo_snapshot_dir as openml_snapshot
from registry.store import Store

BASE = "http://bench.test"


def widened_openml(datasets: int, runs: int) -> OpenMLSnapshot:
    snapshot = OpenMLSnapshot.load(openml_snapshot())
    dataset, run = snapshot.objects["data"][61], snapshot.objects["run"][100]
    for n in range(datasets):
        oid = 100000 + n
        snapshot.put("data", oid, dataset.replace("<oml:id>61</oml:id>", f"<oml:id>{oid}</oml:id>"))
    for n in range(runs):
        oid = 200000 + n
        snapshot.put("run", oid, run.replace("<oml:run_id>100</oml:run_id>", f"<oml:run_id>{oid}</oml:run_id>"))
    return snapshot


def widened_arxiv(papers: int) -> ArxivSnapshot:
    snapshot = ArxivSnapshot.load(arxiv_snapshot())
    template = snapshot.get("1707.08567")
    n = 0
    while len(snapshot) < papers:
        new_id = f"2901.{n:05d}"
        snapshot.put(re.sub(r"1707\.08567", new_id, template))
        n += 1
    return snapshot


def bench_openml(datasets: int, runs: int) -> dict:
    store = Store.open(None, BASE)
    with OpenMLReplay(widened_openml(datasets, runs)) as server, OpenMLClient(server.server_url) as client:
        started = time.perf_counter()
        summary = harvest_openml(store, base_url=BASE, client=client)
        seconds = time.perf_counter() - started
        calls = server.total_requests
        listing = sum(v for k, v in server.counts.items() if k.endswith("-list"))
    objects = summary.fetched + sum(1 for p in summary.problems if "OpenML has no" in p)
    return {"objects": objects, "records written": summary.new, "calls": calls, "list calls": listing,
            "calls/object": calls / objects, "seconds": seconds, "objects/s": objects / seconds}


def bench_arxiv(papers: int) -> dict:
    store = Store.open(None, BASE)
    with ArxivReplay(widened_arxiv(papers)) as server:
        ids = sorted(server.snapshot.entries)
        started = time.perf_counter()
        summary = harvest_arxiv(store, base_url=BASE, client=ArxivClient(server.query_url), ids=ids)
        seconds = time.perf_counter() - started
        calls = server.total_requests
    return {"papers": summary.new, "calls": calls, "calls/paper": calls / len(ids), "seconds": seconds,
            "papers/s": summary.new / seconds}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--openml-datasets", type=int, default=400)
    parser.add_argument("--openml-runs", type=int, default=100)
    parser.add_argument("--papers", type=int, default=1000)
    args = parser.parse_args()
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; "
          f"load {os.getloadavg()[0]:.2f}")
    for name, result in (("openml", bench_openml(args.openml_datasets, args.openml_runs)),
                         ("arxiv", bench_arxiv(args.papers))):
        print(name + ": " + ", ".join(f"{k} {v:.3f}" if isinstance(v, float) else f"{k} {v}"
                                      for k, v in result.items()))


if __name__ == "__main__":
    main()
