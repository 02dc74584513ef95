"""Demo start: seconds from `mlfdo demo` starting on a fresh data directory to a complete search index served.

Starts ``python -m registry demo --port P --data-dir <fresh tmp dir>`` as a child process, stamps
every line it prints, and polls the server: the clock stops when ``/api/search`` answers with no
"index being built" note and ``/healthz`` says the index is current. Prints the timeline (harvest
of each bundled snapshot, vocabularies, indexing, server up, first complete search), then stops
the child with SIGINT. Run it with the tree to measure on PYTHONPATH, e.g.
``PYTHONPATH=$PWD nice -n 10 .venv/bin/python bench/demo_start.py``.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

TIMEOUT = 600.0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get_json(url: str) -> tuple[int, dict]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read() or b"{}")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return 0, {}


def load_average() -> str:
    try:
        return Path("/proc/loadavg").read_text().split()[0]
    except OSError:
        return "?"


def run(query: str) -> float:
    """Start one demo, return seconds to a complete index served; print the timeline."""
    port = free_port()
    data_dir = tempfile.mkdtemp(prefix="mlfdo-demo-start-")
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    started = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-m", "registry", "demo", "--port", str(port), "--data-dir", data_dir],
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
    lines: list[tuple[float, str]] = []

    def read() -> None:
        assert child.stdout is not None
        for line in child.stdout:
            lines.append((time.perf_counter() - started, line.rstrip()))

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    base = f"http://127.0.0.1:{port}"
    done = None
    try:
        while time.perf_counter() - started < TIMEOUT and child.poll() is None:
            status, _ = get_json(f"{base}/healthz")
            if status == 0:
                time.sleep(0.2)
                continue
            code, body = get_json(f"{base}/api/search?q={urllib.request.quote(query)}")
            health = get_json(f"{base}/healthz")[1]
            building = any("being built" in str(n) or "indexed so far" in str(n) for n in body.get("notes", []))
            if code == 200 and not building and health.get("index") == "current":
                done = time.perf_counter() - started
                lines.append((done, f"[bench] complete index served: {body.get('total')} hits for {query!r}"))
                break
            time.sleep(0.2)
    finally:
        child.send_signal(signal.SIGINT)
        try:
            child.wait(timeout=30)
        except subprocess.TimeoutExpired:
            child.kill()
        reader.join(timeout=5)
        shutil.rmtree(data_dir, ignore_errors=True)
    for at, line in lines:  # the timeline without the stats and the record printed between
        if line[:1].isalpha() and not line.startswith(("@prefix", "One record")) or "fetched" in line \
                or line.startswith("[bench]"):
            print(f"{at:7.1f} s  {line[:150]}")
    if done is None:
        raise SystemExit(f"no complete index within {TIMEOUT:.0f} s (child exit {child.returncode})")
    return done


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--query", default="sentence embeddings for German")
    args = parser.parse_args()
    results = []
    for i in range(args.runs):
        print(f"run {i + 1}: load average {load_average()} (2 cores)")
        results.append(run(args.query))
        print(f"run {i + 1}: {results[-1]:.1f} s from `mlfdo demo` start to a complete index served; "
              f"load average {load_average()}\n")
    print("seconds to a complete index: " + ", ".join(f"{r:.1f}" for r in results))


if __name__ == "__main__":
    main()
