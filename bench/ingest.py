"""Ingest throughput: `Store.ingest_many` (with SHACL) versus a raw pyoxigraph bulk load of the same quads.

Usage: python bench/ingest.py [--n 10000] [--n 100000] [--no-shacl] [--profile]
Prints records/s for both and their ratio; with --profile, the top functions by cumulative time.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import shutil
import sys
import tempfile
import time
from pathlib import Path

from pyoxigraph import Literal, NamedNode, Quad, Store as OxStore, Triple

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from registry.pid import mint_id, pid_iri  # noqa: E402
from registry.record import Record, SourceInfo  # noqa: E402
from registry.store import Store  # noqa: E402
from registry.vocab import FAIR4ML, MLFDO, RDF, SCHEMA, SPDX, XSD  # noqa: E402

BASE = "http://127.0.0.1:8000"
LICENCES = ["Apache-2.0", "MIT", "CC-BY-4.0", "GPL-3.0-only", "BSD-3-Clause"]
TASKS = ["text-classification", "token-classification", "translation", "summarization", "image-classification"]


def synthetic_record(i: int) -> Record:
    """Return a FAIR4ML model record of ~50 triples, deterministic in ``i``."""
    name = f"org{i % 997}/model-{i}"
    pid = pid_iri(BASE, mint_id("hf", name))
    s = NamedNode(pid)
    t = [
        Triple(s, RDF.type, FAIR4ML.MLModel),
        Triple(s, SCHEMA.name, Literal(f"model-{i}")),
        Triple(s, SCHEMA.identifier, Literal(name)),
        Triple(s, SCHEMA.url, NamedNode(f"https://huggingface.co/{name}")),
        Triple(s, SCHEMA.description, Literal(f"Synthetic model number {i} for benchmarking the ingest path.")),
        Triple(s, SCHEMA.dateCreated, Literal("2024-05-01T10:00:00+00:00", datatype=XSD.dateTime)),
        Triple(s, SCHEMA.dateModified, Literal("2025-02-01T10:00:00+00:00", datatype=XSD.dateTime)),
        Triple(s, SCHEMA.license, SPDX.term(LICENCES[i % len(LICENCES)])),
        Triple(s, FAIR4ML.mlTask, NamedNode(pid_iri(BASE, mint_id("hf-task", TASKS[i % len(TASKS)])))),
        Triple(s, FAIR4ML.sharedBy, NamedNode(pid_iri(BASE, mint_id("hf-user", f"org{i % 997}")))),
        Triple(s, FAIR4ML.trainedOn, NamedNode(pid_iri(BASE, mint_id("hf-dataset", f"ds{i % 50}")))),
        Triple(s, FAIR4ML.intendedUse, Literal("Benchmarking only.")),
        Triple(s, MLFDO.downloads, Literal(str(i * 7), datatype=XSD.integer)),
        Triple(s, MLFDO.likes, Literal(str(i % 100), datatype=XSD.integer)),
    ]
    for k in range(20):
        t.append(Triple(s, SCHEMA.keywords, Literal(f"kw{(i + k) % 300}")))
    for e in range(3):
        ev = NamedNode(f"{pid}#eval-{e}")
        t += [Triple(s, FAIR4ML.hasEvaluation, ev), Triple(ev, RDF.type, FAIR4ML.MLModelEvaluation),
              Triple(ev, SCHEMA.name, Literal(f"metric{e}")),
              Triple(ev, SCHEMA.value, Literal(str(0.5 + e / 10 + i % 10 / 100), datatype=XSD.double))]
    return Record(pid, t, kind="model", platform="hf", platform_id=name,
                  source=SourceInfo("bench", "1", f"https://huggingface.co/api/models/{name}", f"sha{i}"))


def raw_load(records: list[Record], path: Path | None) -> float:
    """Bulk-load the records' quads (default graph + a version graph) into a fresh store (None: in memory)."""
    db = OxStore(str(path)) if path is not None else OxStore()
    start = time.perf_counter()
    db.bulk_extend(
        q for r in records for t in r.triples
        for q in (Quad(t.subject, t.predicate, t.object), Quad(t.subject, t.predicate, t.object, NamedNode(r.pid + "/v/1"))))
    db.flush()
    return time.perf_counter() - start


def ingest(records: list[Record], path: Path | None, shacl: bool, profile: bool) -> tuple[float, str]:
    validator = None
    if shacl:
        from registry.validate import Validator

        validator = Validator.default()
    store = Store.open(path, BASE, validator=validator)
    prof = cProfile.Profile() if profile else None
    start = time.perf_counter()
    if prof:
        prof.enable()
    store.ingest_many(records)
    store.close()
    if prof:
        prof.disable()
    elapsed = time.perf_counter() - start
    report = ""
    if prof:
        out = io.StringIO()
        pstats.Stats(prof, stream=out).sort_stats("tottime").print_stats(12)
        report = out.getvalue()
    return elapsed, report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, action="append", help="record counts (default 10000)")
    parser.add_argument("--no-shacl", action="store_true")
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--memory", action="store_true", help="in-memory stores instead of on-disk ones")
    args = parser.parse_args()
    for n in args.n or [10000]:
        records = [synthetic_record(i) for i in range(n)]
        quads = sum(len(r.triples) for r in records)
        tmp = Path(tempfile.mkdtemp(prefix="mlfdo-bench-"))
        try:
            raw_s = raw_load(records, None if args.memory else tmp / "raw")
            ing_s, report = ingest(records, None if args.memory else tmp / "ingest", not args.no_shacl, args.profile)
            size = sum(f.stat().st_size for f in tmp.joinpath("ingest").rglob("*") if f.is_file()) if not args.memory else 0
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
        print(f"N={n} ({quads / n:.0f} triples/record, {'in memory' if args.memory else 'on disk'})")
        print(f"  raw bulk load:          {n / raw_s:8.0f} records/s ({raw_s:.1f} s)")
        print(f"  ingest (shacl={'on' if not args.no_shacl else 'off'}):      {n / ing_s:8.0f} records/s ({ing_s:.1f} s), store {size / 1e6:.0f} MB")
        print(f"  ratio ingest/raw:       {raw_s / ing_s:8.1%}")
        if report:
            print(report)


if __name__ == "__main__":
    main()
