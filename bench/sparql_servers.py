"""The remote store on the Oxigraph server and on Virtuoso, in one run: ingest, point reads, a listing page.

    python bench/sparql_servers.py [--records 300]

Starts a private `oxigraph serve` and a private Virtuoso (as the tests do, tests/servers.py),
ingests the same synthetic records into each through `Store.ingest_many` (SHACL off), then times
`Store.current` of single FDOs and a page of the maintained listing. Prints figures and the
Virtuoso/Oxigraph ratios; results are recorded in docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from registry.store import Store  # noqa: E402
from tests.factories import BASE, model_record  # noqa: E402
from tests.servers import oxigraph_server, virtuoso_server  # noqa: E402

T0 = datetime(2025, 1, 1, tzinfo=timezone.utc)


def measure(url: str, n: int) -> dict[str, float]:
    """Ingest ``n`` records into the server at ``url``; return records/s and read latencies (ms)."""
    store = Store.open_remote(url, BASE)
    records = [model_record(f"bench/m{i}", downloads=i, description=f"Model number {i}.") for i in range(n)]
    started = time.perf_counter()
    store.ingest_many(records, now=T0)
    ingest = n / (time.perf_counter() - started)
    pids = [r.pid for r in records[:: max(1, n // 100)]]
    reads = []
    for pid in pids:
        t = time.perf_counter()
        store.current(pid)
        reads.append((time.perf_counter() - t) * 1000)
    pages = []
    for _ in range(20):
        t = time.perf_counter()
        store.pids(order="popular", limit=50)
        pages.append((time.perf_counter() - t) * 1000)
    return {"ingest records/s": ingest, "current() p50 ms": statistics.median(reads),
            "listing page p50 ms": statistics.median(pages)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=300)
    args = parser.parse_args()
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        with oxigraph_server(Path(tmp) / "oxigraph") as url:
            results["oxigraph"] = measure(url, args.records)
        with virtuoso_server(Path(tmp) / "virtuoso") as url:
            results["virtuoso"] = measure(url, args.records)
    for name in results["oxigraph"]:
        ox, vt = results["oxigraph"][name], results["virtuoso"][name]
        print(f"{name:22} oxigraph {ox:9.1f}   virtuoso {vt:9.1f}   virtuoso/oxigraph {vt / ox:5.2f}")


if __name__ == "__main__":
    main()
