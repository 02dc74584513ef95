"""Serving latency: landing page (HTML, JSON-LD) and a SPARQL point query over real loopback HTTP.

Usage: python bench/serve.py [--n 10000] [--n 100000] [--requests 300] [--record]

For each N: synthetic FAIR4ML records (models with tasks, organisations, datasets, lineage and an
evaluation; the referenced entities as records of their own) go through ``Store.ingest_many`` into
an on-disk store in a temporary directory; then ``mlfdo serve`` runs in a process of its own and
this script requests random FDOs over loopback, one connection per request, one at a time.
Prints p50/p95/mean per request kind; with --record, appends the table to docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import http.client
import os
import platform
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import date
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pyoxigraph import Literal, NamedNode, Triple  # noqa: E402

from registry.pid import mint_id, pid_iri  # noqa: E402
from registry.record import Record, SourceInfo  # noqa: E402
from registry.store import Store  # noqa: E402
from registry.vocab import FAIR4ML, MLFDO, RDF, SCHEMA, SPDX, XSD  # noqa: E402

BASE = "http://127.0.0.1:8000"
LICENCES = ["Apache-2.0", "MIT", "CC-BY-4.0", "GPL-3.0-only", "BSD-3-Clause"]
TASKS = ["text-classification", "token-classification", "translation", "summarization", "image-classification",
         "text-generation", "fill-mask", "question-answering"]
ORGS, DATASETS = 500, 200
SOURCE = SourceInfo("bench", "1")


def _pid(platform: str, ident: str) -> str:
    return pid_iri(BASE, mint_id(platform, ident))


def entity_records() -> list[Record]:
    """Return the tasks, organisations and datasets the models refer to."""
    out = []
    for kind, source, rdf_type, names in (
            ("term", "hf-task", SCHEMA.DefinedTerm, TASKS),
            ("organisation", "hf-user", SCHEMA.Organization, [f"org{i}" for i in range(ORGS)]),
            ("dataset", "hf-dataset", SCHEMA.Dataset, [f"ds{i}" for i in range(DATASETS)])):
        for name in names:
            s = NamedNode(_pid(source, name))
            out.append(Record(s.value, [Triple(s, RDF.type, rdf_type), Triple(s, SCHEMA.name, Literal(name)),
                                        Triple(s, SCHEMA.identifier, Literal(name))],
                              kind=kind, platform=source, platform_id=name, source=SOURCE))
    return out


def model_record(i: int) -> Record:
    """Return one synthetic model record (~30 triples), deterministic in ``i``."""
    name = f"org{i % ORGS}/model-{i}"
    s = NamedNode(_pid("hf", name))
    t = [
        Triple(s, RDF.type, FAIR4ML.MLModel),
        Triple(s, SCHEMA.name, Literal(f"model-{i}")),
        Triple(s, SCHEMA.identifier, Literal(name)),
        Triple(s, SCHEMA.url, NamedNode(f"https://huggingface.co/{name}")),
        Triple(s, SCHEMA.description, Literal(f"Synthetic model number {i} for the serving benchmark.")),
        Triple(s, SCHEMA.dateCreated, Literal("2024-05-01T10:00:00+00:00", datatype=XSD.dateTime)),
        Triple(s, SCHEMA.license, SPDX.term(LICENCES[i % len(LICENCES)])),
        Triple(s, FAIR4ML.mlTask, NamedNode(_pid("hf-task", TASKS[i % len(TASKS)]))),
        Triple(s, FAIR4ML.sharedBy, NamedNode(_pid("hf-user", f"org{i % ORGS}"))),
        Triple(s, FAIR4ML.trainedOn, NamedNode(_pid("hf-dataset", f"ds{i % DATASETS}"))),
        Triple(s, FAIR4ML.intendedUse, Literal("## Intended use\n\nBenchmarking **only**.")),
        Triple(s, FAIR4ML.usageInstructions, Literal("Load it and call it.")),
        Triple(s, MLFDO.downloads, Literal(str(i * 7 % 10000), datatype=XSD.integer)),
        Triple(s, MLFDO.likes, Literal(str(i % 300), datatype=XSD.integer)),
    ]
    t += [Triple(s, SCHEMA.keywords, Literal(k)) for k in ("pytorch", "transformers", f"tag{i % 40}")]
    if i >= 10 and i % 3 == 0:  # a third of the models derive from an earlier one
        t.append(Triple(s, FAIR4ML.fineTunedFrom, NamedNode(_pid("hf", f"org{(i // 10) % ORGS}/model-{i // 10}"))))
    ev = NamedNode(f"{s.value}#eval-1")
    t += [Triple(ev, RDF.type, FAIR4ML.MLModelEvaluation),
          Triple(ev, FAIR4ML.evaluatedOn, NamedNode(_pid("hf-dataset", f"ds{(i + 1) % DATASETS}"))),
          Triple(ev, MLFDO.metric, Literal("accuracy")),
          Triple(ev, SCHEMA.value, Literal(f"0.{i % 97:02d}", datatype=XSD.decimal))]
    return Record(s.value, t, kind="model", platform="hf", platform_id=name, source=SOURCE)


def build(data_dir: Path, n: int) -> tuple[float, list[str]]:
    """Ingest the entities and n models; return (records/s, model ids)."""
    store = Store.open(data_dir, BASE)
    started = time.perf_counter()
    store.ingest_many(entity_records())
    ids = []
    for start in range(0, n, 5000):
        chunk = [model_record(i) for i in range(start, min(n, start + 5000))]
        ids += [r.pid.rsplit("/", 1)[-1] for r in chunk]
        store.ingest_many(chunk)
    rate = (n + len(TASKS) + ORGS + DATASETS) / (time.perf_counter() - started)
    store.close()
    return rate, ids


def start_server(data_dir: Path, isolation: str = "auto") -> tuple[subprocess.Popen, str, int]:
    env = dict(os.environ, MLFDO_SHACL="0", MLFDO_DATA_DIR=str(data_dir), MLFDO_BASE_URL=BASE,
               MLFDO_SPARQL_ISOLATION=isolation)
    process = subprocess.Popen([sys.executable, "-m", "registry", "serve", "--port", "0"], env=env,
                               stderr=subprocess.PIPE, text=True, cwd=ROOT)
    while True:
        line = process.stderr.readline()
        if not line:
            raise RuntimeError("mlfdo serve stopped before it reported its address")
        found = re.search(r"http://(127\.0\.0\.1):(\d+)/", line)
        if found:
            # keep reading the request log, or the server blocks once the pipe is full
            threading.Thread(target=lambda: [None for _ in process.stderr], daemon=True).start()
            time.sleep(5)  # let RocksDB settle after opening the freshly loaded store
            return process, found.group(1), int(found.group(2))


def request(host: str, port: int, path: str, accept: str) -> float:
    """Return the seconds one GET takes (connect, send, read the whole body)."""
    started = time.perf_counter()
    conn = http.client.HTTPConnection(host, port, timeout=60)
    conn.request("GET", path, headers={"Accept": accept})
    response = conn.getresponse()
    response.read()
    conn.close()
    if response.status != 200:
        raise RuntimeError(f"{path}: HTTP {response.status}")
    return time.perf_counter() - started


def measure(host: str, port: int, ids: list[str], count: int, seed: int = 7) -> dict[str, list[float]]:
    rng = random.Random(seed)
    kinds = {
        "landing page (HTML)": lambda i: (f"/fdo/{i}", "text/html"),
        "landing page (JSON-LD)": lambda i: (f"/fdo/{i}", "application/ld+json"),
        "SPARQL point query": lambda i: (
            "/sparql?query=" + quote(f"SELECT ?p ?o WHERE {{ <{BASE}/fdo/{i}> ?p ?o }}"),
            "application/sparql-results+json"),
    }
    times: dict[str, list[float]] = {}
    for label, make in kinds.items():
        for fdo_id in rng.sample(ids, 20):  # warm-up (and start the SPARQL worker processes)
            request(host, port, *make(fdo_id))
        times[label] = [request(host, port, *make(rng.choice(ids))) for _ in range(count)]
    return times


def pct(values: list[float], q: float) -> float:
    return sorted(values)[min(len(values) - 1, int(round(q * (len(values) - 1))))] * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, action="append", help="number of models (repeatable)")
    parser.add_argument("--requests", type=int, default=300, help="requests per kind")
    parser.add_argument("--record", action="store_true", help="append the results to docs/benchmarks.md")
    parser.add_argument("--isolation", default="auto", choices=["auto", "process", "thread"],
                        help="MLFDO_SPARQL_ISOLATION of the server")
    parser.add_argument("--keep", type=Path, default=None,
                        help="build the store in this directory and keep it (reused when it exists)")
    args = parser.parse_args()
    sizes = args.n or [10_000, 100_000]
    rows = []
    for n in sizes:
        tmp = (args.keep / str(n)) if args.keep else Path(tempfile.mkdtemp(prefix=f"mlfdo-serve-{n}-"))
        try:
            if (tmp / "oxigraph").exists():
                rate, ids = float("nan"), [model_record(i).pid.rsplit("/", 1)[-1] for i in range(n)]
            else:
                print(f"N={n}: ingesting...", file=sys.stderr, flush=True)
                rate, ids = build(tmp, n)
            size_mb = sum(f.stat().st_size for f in (tmp / "oxigraph").rglob("*") if f.is_file()) / 1e6
            print(f"N={n}: ingested at {rate:.0f} records/s ({size_mb:.0f} MB); serving...", file=sys.stderr)
            process, host, port = start_server(tmp, args.isolation)
            try:
                times = measure(host, port, ids, args.requests)
            finally:
                process.terminate()
                process.wait(timeout=30)
            for label, values in times.items():
                row = (n, label, pct(values, 0.5), pct(values, 0.95), statistics.mean(values) * 1000)
                rows.append(row)
                print(f"N={n:>7}  {args.isolation:<7} {label:<24} p50 {row[2]:7.2f} ms  "
                      f"p95 {row[3]:7.2f} ms  mean {row[4]:7.2f} ms")
        finally:
            if not args.keep:
                shutil.rmtree(tmp, ignore_errors=True)
    if args.record:
        record(rows, args.requests)


def record(rows: list[tuple], count: int) -> None:
    lines = ["", "## Serving", "",
             f"`bench/serve.py` ({date.today().isoformat()}; {os.cpu_count()} cores, "
             f"Python {platform.python_version()}): "
             f"synthetic models ingested through `Store.ingest_many` into an on-disk store, served by "
             f"`mlfdo serve` (threaded werkzeug, SPARQL in worker processes) and requested over loopback by a "
             f"client in another process, one request at a time, a new connection each, {count} requests per row "
             "on random FDOs after 20 warm-up requests.", "",
             "| FDOs (models) | request | p50 ms | p95 ms | mean ms |", "| --- | --- | --- | --- | --- |"]
    lines += [f"| {n:,} | {label} | {p50:.2f} | {p95:.2f} | {mean:.2f} |" for n, label, p50, p95, mean in rows]
    with open(ROOT / "docs" / "benchmarks.md", "a", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
