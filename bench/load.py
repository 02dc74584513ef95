"""Load on loopback: landing pages, search, /api/fdo listing and heavy SPARQL from concurrent clients.

Usage: nice -n 10 python bench/load.py [--models 100] [--requests 150] [--record]

Harvests a slice of the bundled snapshot through the offline replay server, builds the search
index, then runs `mlfdo serve` (waitress) in a process of its own and measures, in one run:
1. landing-page latency unloaded (one client, ``--requests`` requests);
2. the same while 4 clients keep heavy SPARQL queries running, and other clients list /api/fdo and
   search: p95 under load / p95 unloaded is the ratio to hold (target <= 2);
3. a saturated query pool (8 heavy queries on 4 workers): how many 503s, whether each carries
   Retry-After, and that a small query answers 200 afterwards (the pool is never left stuck);
4. slow and disconnecting clients: dumps and chat streams dropped after their first bytes, more of
   them than there are server threads, then a landing page must still answer.
Every phase is bounded in requests and seconds. With --record, appends the results to docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import platform
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import date
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from harvesters.huggingface.offline import ReplayServer, Snapshot  # noqa: E402
from harvesters.huggingface.snapshot import demo_snapshot_dir  # noqa: E402

HEAVY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
THREADS, QUERY_WORKERS = 8, 4


def _mlfdo(env: dict, *args: str) -> None:
    subprocess.run([sys.executable, "-m", "registry", *args], env=env, cwd=ROOT, check=True, capture_output=True)


def _prepare(data_dir: Path, models: int) -> dict:
    full = Snapshot.load(demo_snapshot_dir())
    chosen = list(itertools.islice(full.models.values(), models))
    snapshot = Snapshot(chosen, {m["id"]: full.card(m["id"]) for m in chosen if full.card(m["id"])})
    env = {**os.environ, "PYTHONPATH": str(ROOT), "MLFDO_DATA_DIR": str(data_dir), "MLFDO_SHACL": "0",
           "MLFDO_LLM": "extractive", "MLFDO_SPARQL_WORKERS": str(QUERY_WORKERS), "MLFDO_SPARQL_TIMEOUT": "6",
           "MLFDO_SPARQL_QUEUE_WAIT": "1", "MLFDO_QDRANT_URL": ""}
    with ReplayServer(snapshot) as hub:
        _mlfdo({**env, "HF_ENDPOINT": hub.url}, "harvest", "huggingface", "--since", "2000-01-01")
    _mlfdo(env, "index")
    return env


def _serve(env: dict) -> tuple[subprocess.Popen, str]:
    proc = subprocess.Popen([sys.executable, "-m", "registry", "serve", "--port", "0", "--workers", str(THREADS)],
                            env=env, cwd=ROOT, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    for line in proc.stderr:
        found = re.search(r"http://127\.0\.0\.1:\d+", line)
        if found:
            threading.Thread(target=lambda: [None for _ in proc.stderr], daemon=True).start()
            return proc, found.group(0)
    raise RuntimeError("mlfdo serve did not start")


def _p(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100)[int(q) - 1] if len(values) > 2 else max(values)


def _landing(url: str, ids: list[str], n: int) -> list[float]:
    times = []
    for fdo_id in itertools.islice(itertools.cycle(ids), n):
        started = time.perf_counter()
        r = requests.get(f"{url}/fdo/{fdo_id}", headers={"Accept": "text/html"}, timeout=30)
        times.append((time.perf_counter() - started) * 1000)
        assert r.status_code == 200, r.status_code
    return times


def _heavy(url: str, stop: threading.Event, statuses: list) -> None:
    while not stop.is_set():
        r = requests.post(f"{url}/sparql", data={"query": HEAVY}, headers={"Accept": "application/sparql-results+json"},
                          timeout=60)
        statuses.append(r.status_code)


def _background(url: str, stop: threading.Event, counts: dict) -> None:
    for i in itertools.count():
        if stop.is_set():
            return
        path = "/api/fdo?per_page=50&page=1" if i % 2 else f"/api/search?q=model+{i % 7}"
        r = requests.get(url + path, timeout=60)
        counts[r.status_code] = counts.get(r.status_code, 0) + 1


def _drop_after_first_bytes(url: str, path: str, method: str = "GET", body: bytes = b"") -> None:
    host, port = url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=30) as sock:
        head = (f"{method} {path} HTTP/1.1\r\nHost: {host}\r\nAccept: */*\r\nContent-Type: application/json\r\n"
                f"Content-Length: {len(body)}\r\n\r\n").encode()
        sock.sendall(head + body)
        sock.recv(512)  # read a little, then hang up mid-stream


def run(models: int, n: int) -> dict:
    tmp = Path(tempfile.mkdtemp(prefix="mlfdo-load-"))
    try:
        env = _prepare(tmp / "data", models)
        proc, url = _serve(env)
        try:
            requests.get(url + "/api/search?q=warm", timeout=300)  # the searcher loads once
            ids = [item["id"] for item in requests.get(url + "/api/fdo?per_page=200", timeout=60).json()["items"]]
            _landing(url, ids, 20)  # warm-up
            unloaded = _landing(url, ids, n)
            stop, statuses, counts = threading.Event(), [], {}
            workers = [threading.Thread(target=_heavy, args=(url, stop, statuses)) for _ in range(QUERY_WORKERS)]
            for t in workers:
                t.start()
            time.sleep(1.0)
            loaded = _landing(url, ids, n)  # the target: 4 heavy queries running
            extra = [threading.Thread(target=_background, args=(url, stop, counts)) for _ in range(2)]
            for t in extra:
                t.start()
            mixed = _landing(url, ids, n)  # and listing + search clients on top
            stop.set()
            for t in workers + extra:
                t.join(timeout=90)
            # saturate: 8 heavy queries at once on 4 workers
            results = []
            burst = [threading.Thread(target=lambda: results.append(requests.post(
                f"{url}/sparql", data={"query": HEAVY}, headers={"Accept": "application/sparql-results+json"},
                timeout=60))) for _ in range(2 * QUERY_WORKERS)]
            for t in burst:
                t.start()
            for t in burst:
                t.join(timeout=90)
            busy = [r for r in results if r.status_code == 503 and "Retry-After" in r.headers]
            after = requests.get(f"{url}/sparql", params={"query": "ASK {}"},
                                 headers={"Accept": "application/sparql-results+json"}, timeout=60).status_code
            # slow / disconnecting clients: more dropped streams than server threads
            started = time.perf_counter()
            for i in range(2 * THREADS):
                if i % 2:
                    _drop_after_first_bytes(url, "/dump")
                else:
                    _drop_after_first_bytes(url, "/api/chat", "POST", json.dumps(
                        {"question": "which models do text classification?", "stream": True}).encode())
            still = _landing(url, ids, 10)
            drop_seconds = time.perf_counter() - started
        finally:
            proc.terminate()
            proc.wait(timeout=60)
        return {"models": models, "fdos": len(ids), "n": n,
                "unloaded_p50": _p(unloaded, 50), "unloaded_p95": _p(unloaded, 95),
                "loaded_p50": _p(loaded, 50), "loaded_p95": _p(loaded, 95),
                "ratio_p95": _p(loaded, 95) / _p(unloaded, 95),
                "mixed_p50": _p(mixed, 50), "mixed_p95": _p(mixed, 95), "mixed_ratio": _p(mixed, 95) / _p(unloaded, 95),
                "heavy_statuses": {s: statuses.count(s) for s in set(statuses)}, "background": counts,
                "burst": {r.status_code: sum(1 for x in results if x.status_code == r.status_code) for r in results},
                "burst_503_with_retry_after": len(busy), "after_burst": after,
                "dropped_streams": 2 * THREADS, "landing_after_drops_p95": _p(still, 95),
                "drops_seconds": drop_seconds, "stop_exit": proc.returncode}
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _table(r: dict) -> str:
    load = os.getloadavg()
    return (f"\n### Load on loopback (`bench/load.py`), {date.today()}\n\n"
            f"{platform.machine()}, {os.cpu_count()} cores, load average {load[0]:.1f} at the end; "
            f"{r['models']} harvested models ({r['fdos']} FDOs listed), `mlfdo serve --workers {THREADS}`, "
            f"{QUERY_WORKERS} SPARQL workers.\n\n"
            "| measure | value |\n| --- | --- |\n"
            f"| landing p50 / p95 unloaded ({r['n']} requests) | {r['unloaded_p50']:.1f} / {r['unloaded_p95']:.1f} ms |\n"
            f"| landing p50 / p95 while 4 heavy SPARQL queries run | {r['loaded_p50']:.1f} / {r['loaded_p95']:.1f} ms |\n"
            f"| p95 ratio, 4 heavy queries / unloaded (target <= 2) | {r['ratio_p95']:.2f} |\n"
            f"| landing p50 / p95 with 2 more clients listing and searching | {r['mixed_p50']:.1f} / {r['mixed_p95']:.1f} ms "
            f"(ratio {r['mixed_ratio']:.2f}) |\n"
            f"| heavy query answers during the run | {r['heavy_statuses']} |\n"
            f"| listing and search answers during the run | {r['background']} |\n"
            f"| burst of 8 heavy queries on 4 workers | {r['burst']}; 503s with Retry-After: {r['burst_503_with_retry_after']} |\n"
            f"| small query right after the burst | {r['after_burst']} |\n"
            f"| {r['dropped_streams']} dumps and chat streams dropped mid-stream, then landing p95 | "
            f"{r['landing_after_drops_p95']:.1f} ms |\n"
            f"| server exit code after SIGTERM | {r['stop_exit']} |\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--models", type=int, default=100)
    parser.add_argument("--requests", type=int, default=150)
    parser.add_argument("--record", action="store_true")
    args = parser.parse_args()
    result = run(args.models, args.requests)
    table = _table(result)
    print(json.dumps(result, indent=1, default=str))
    print(table)
    if args.record:
        with open(ROOT / "docs" / "benchmarks.md", "a", encoding="utf-8") as fh:
            fh.write(table)


if __name__ == "__main__":
    main()
