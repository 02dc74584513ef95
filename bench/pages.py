"""Server time per page type at scale, including a base model with 10,000 derivatives.

Usage: python bench/pages.py [--n 100000] [--derivatives 10000] [--requests 200] [--keep DIR] [--record]

Builds (or reuses with --keep) an on-disk store of N synthetic models (bench/serve.py's records),
of which ``--derivatives`` derive from one base model (fine-tuned, quantized, adapter, merge, and
schema:isBasedOn as the Hub harvester writes it), one model with 30 versions, then runs
`mlfdo serve` in its own process and requests each page type over loopback, one request at a
time. Prints p50/p95/mean per page type; --record appends the table to docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import statistics
import sys
import tempfile
import time
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from pyoxigraph import Literal, NamedNode, Triple  # noqa: E402

from serve import BASE, SOURCE, _pid, entity_records, model_record, pct, request, start_server  # noqa: E402
from registry.record import Record  # noqa: E402
from registry.store import Store  # noqa: E402
from registry.vocab import FAIR4ML, MLFDO, SCHEMA, SPDX  # noqa: E402

BIG = "bigorg/base-giant"
KINDS = [(FAIR4ML.fineTunedFrom, 0.6), (MLFDO.quantizedFrom, 0.2), (MLFDO.adapterOf, 0.15), (MLFDO.mergedFrom, 0.05)]
HISTORY_MODEL = 5  # model-5 gets VERSIONS versions
VERSIONS = 30


def big_base() -> Record:
    s = NamedNode(_pid("hf", BIG))
    rec = model_record(0)
    triples = [Triple(s, t.predicate, t.object) for t in rec.triples if t.subject.value == rec.pid]
    triples = [t for t in triples if t.predicate not in (SCHEMA.name, SCHEMA.identifier)]
    triples += [Triple(s, SCHEMA.name, Literal("base-giant")), Triple(s, SCHEMA.identifier, Literal(BIG))]
    return Record(s.value, triples, kind="model", platform="hf", platform_id=BIG, source=SOURCE)


def derivative(i: int, k: int) -> Record:
    """Model i, deriving from the big base with kind number k (and isBasedOn, as the harvester writes)."""
    rec = model_record(i)
    base = NamedNode(_pid("hf", BIG))
    s = NamedNode(rec.pid)
    triples = [t for t in rec.triples if t.predicate != FAIR4ML.fineTunedFrom]
    triples += [Triple(s, KINDS[k][0], base), Triple(s, SCHEMA.isBasedOn, base)]
    return Record(rec.pid, triples, kind="model", platform="hf", platform_id=rec.platform_id, source=SOURCE)


def kind_of(i: int, derivatives: int, n: int) -> int | None:
    """Which lineage kind model i has towards the big base (None: not a derivative); spread over the ids."""
    step = n // derivatives
    if i % step or i // step >= derivatives:
        return None
    j, acc = (i // step) / derivatives, 0.0
    for k, (_, share) in enumerate(KINDS):
        acc += share
        if j < acc:
            return k
    return len(KINDS) - 1


def build(data_dir: Path, n: int, derivatives: int) -> list[str]:
    store = Store.open(data_dir, BASE)
    store.ingest_many(entity_records() + [big_base()])
    ids = []
    for start in range(0, n, 5000):
        chunk = []
        for i in range(start, min(n, start + 5000)):
            k = kind_of(i, derivatives, n)
            chunk.append(model_record(i) if k is None else derivative(i, k))
        ids += [r.pid.rsplit("/", 1)[-1] for r in chunk]
        store.ingest_many(chunk)
        print(f"  {start + len(chunk):,} models", file=sys.stderr, flush=True)
    rec = model_record(HISTORY_MODEL)
    licences = ["Apache-2.0", "MIT"]
    when = datetime(2025, 1, 1, tzinfo=timezone.utc)
    for v in range(1, VERSIONS):  # a model with a long history: licence flips and evaluations come and go
        s = NamedNode(rec.pid)
        triples = [t for t in rec.triples if t.predicate != SCHEMA.license]
        triples.append(Triple(s, SCHEMA.license, SPDX.term(licences[v % 2])))
        triples += [Triple(NamedNode(f"{rec.pid}#eval-extra-{j}"), FAIR4ML.evaluatedOn, NamedNode(_pid("hf-dataset", "ds1")))
                    for j in range(v % 4)]
        store.ingest(Record(rec.pid, triples, kind="model", platform="hf", platform_id=rec.platform_id,
                            source=SOURCE), now=when + timedelta(days=v))
    store.close()
    return ids


def cpu_seconds(pid: int) -> float:
    """Return the CPU time (user + system) the process has used so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--derivatives", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--keep", type=Path, default=None, help="build the store here and reuse it")
    parser.add_argument("--record", action="store_true")
    args = parser.parse_args()
    data_dir = args.keep or Path(tempfile.mkdtemp(prefix="mlfdo-pages-"))
    if (data_dir / "oxigraph").exists():
        ids = [model_record(i).pid.rsplit("/", 1)[-1] for i in range(args.n)]
    else:
        started = time.perf_counter()
        ids = build(data_dir, args.n, args.derivatives)
        print(f"built in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    big = _pid("hf", BIG).rsplit("/", 1)[-1]
    hist = ids[HISTORY_MODEL]
    derived = [ids[i] for i in range(args.n) if kind_of(i, args.derivatives, args.n) is not None]
    rng = random.Random(11)
    kinds = {
        "model page (random model)": lambda: (f"/fdo/{rng.choice(ids)}", "text/html"),
        "model page (a derivative of the big base)": lambda: (f"/fdo/{rng.choice(derived)}", "text/html"),
        f"model page (base with {args.derivatives:,} derivatives)": lambda: (f"/fdo/{big}", "text/html"),
        f"history timeline ({VERSIONS} versions)": lambda: (f"/fdo/{hist}/versions", "text/html"),
        "diff page": lambda: (f"/fdo/{hist}/diff?from=1&to={VERSIONS}", "text/html"),
        "compare page (3 models, one the big base)": lambda: (
            f"/compare?ids={big},{rng.choice(ids)},{rng.choice(ids)}", "text/html"),
        "/api/compare (3 random models)": lambda: (
            f"/api/compare?ids={rng.choice(ids)},{rng.choice(ids)},{rng.choice(ids)}", "application/json"),
        "citation (BibTeX)": lambda: (f"/fdo/{rng.choice(ids)}.bib", "*/*"),
    }
    process, host, port = start_server(data_dir)
    rows = []
    try:
        for label, make in kinds.items():
            for _ in range(10):
                request(host, port, *make())
            times = []
            cpu = 0.0
            for _ in range(args.requests):
                # a random model page in between, untimed: no request is served from the one before
                request(host, port, f"/fdo/{rng.choice(ids)}", "text/html")
                before = cpu_seconds(process.pid)
                times.append(request(host, port, *make()))
                cpu += cpu_seconds(process.pid) - before
            # CPU the server spent per request: what the page costs, apart from waiting for a core
            row = (label, pct(times, 0.5), pct(times, 0.95), statistics.mean(times) * 1000, cpu / args.requests * 1000)
            rows.append(row)
            print(f"{label:<48} p50 {row[1]:7.2f} ms  p95 {row[2]:7.2f} ms  mean {row[3]:7.2f} ms  "
                  f"server CPU {row[4]:6.2f} ms", flush=True)
    finally:
        process.terminate()
        process.wait(timeout=30)
    if args.record:
        load = os.getloadavg()
        lines = ["", f"### Page types at {args.n:,} models (`bench/pages.py`, {date.today().isoformat()})", "",
                 f"{os.cpu_count()} cores, Python {platform.python_version()}, load average {load[0]:.1f} "
                 f"{load[1]:.1f} {load[2]:.1f} at the end of the run; {args.requests} requests per row, one at a "
                 "time over loopback, after 10 warm-up requests, each timed request after an untimed request for a "
                 "random model page.", "",
                 "| page | p50 ms | p95 ms | mean ms | server CPU ms per request |", "| --- | --- | --- | --- | --- |"]
        lines += [f"| {label} | {p50:.1f} | {p95:.1f} | {mean:.1f} | {cpu:.1f} |" for label, p50, p95, mean, cpu in rows]
        with open(ROOT / "docs" / "benchmarks.md", "a", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
