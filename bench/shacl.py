"""SHACL throughput: registry.validate.Validator on synthetic FAIR4ML model records.

Usage: python bench/shacl.py [--n 1000] [--batch 1 10 50 200 1000] [--repeat 3] [--pyshacl]
Prints records/s for one record per call (``validate``) and for ``validate_many`` at each
batch size (median of --repeat runs; by wall clock and, in brackets, by this process's CPU
time, which a busy shared machine disturbs less), checks that every mode finds the same
results, and with --pyshacl the same shapes through pyshacl (one record at a time).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

from pyoxigraph import Literal, NamedNode, Triple

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from registry.pid import mint_id, pid_iri  # noqa: E402
from registry.validate import SHAPES_DIR, Validator  # noqa: E402
from registry.vocab import CODEMETA, FAIR4ML, MLFDO, RDF, SCHEMA, SPDX, XSD  # noqa: E402

BASE = "http://127.0.0.1:8000"
LICENCES = ["Apache-2.0", "MIT", "CC-BY-4.0", "GPL-3.0-only", "BSD-3-Clause"]
TASKS = ["text-classification", "token-classification", "translation", "summarization", "image-classification"]
BROKEN_EVERY = 10  # every 10th record carries two violations (text licence, date as plain text)


def synthetic_record(i: int) -> list[Triple]:
    """Return a model record shaped like the Hub transform's output (~55 triples), deterministic in ``i``."""
    name = f"org{i % 997}/model-{i}"
    pid = pid_iri(BASE, mint_id("hf", name))
    s = NamedNode(pid)
    t = [
        Triple(s, RDF.type, FAIR4ML.MLModel),
        Triple(s, SCHEMA.name, Literal(name)),
        Triple(s, SCHEMA.identifier, Literal(name)),
        Triple(s, SCHEMA.alternateName, Literal(f"model-{i}")),
        Triple(s, SCHEMA.url, NamedNode(f"https://huggingface.co/{name}")),
        Triple(s, SCHEMA.description, Literal(f"Synthetic model number {i} for benchmarking validation.")),
        Triple(s, SCHEMA.dateModified, Literal("2025-02-01T10:00:00Z", datatype=XSD.dateTime)),
        Triple(s, SCHEMA.version, Literal(f"{i:040x}")),
        Triple(s, FAIR4ML.mlTask, NamedNode(pid_iri(BASE, mint_id("hf-task", TASKS[i % len(TASKS)])))),
        Triple(s, FAIR4ML.sharedBy, NamedNode(pid_iri(BASE, mint_id("hf-user", f"org{i % 997}")))),
        Triple(s, FAIR4ML.trainedOn, NamedNode(pid_iri(BASE, mint_id("hf-dataset", f"ds{i % 50}")))),
        Triple(s, FAIR4ML.intendedUse, Literal("Benchmarking only.")),
        Triple(s, FAIR4ML.usageInstructions, Literal("pip install transformers")),
        Triple(s, FAIR4ML.codeSampleSnippet, Literal("from transformers import pipeline\npipeline('x')")),
        Triple(s, FAIR4ML.modelCategory, Literal("bert")),
        Triple(s, CODEMETA.referencePublication, NamedNode(pid_iri(BASE, mint_id("arxiv", f"2401.{i % 9000:05d}")))),
        Triple(s, MLFDO.parameterCount, Literal(str(110_000_000 + i), datatype=XSD.integer)),
        Triple(s, MLFDO.library, Literal("transformers")),
        Triple(s, MLFDO.gated, Literal("false", datatype=XSD.boolean)),
        Triple(s, MLFDO.downloads, Literal(str(i * 7), datatype=XSD.integer)),
        Triple(s, MLFDO.likes, Literal(str(i % 100), datatype=XSD.integer)),
        Triple(s, SCHEMA.inLanguage, Literal("en")),
    ]
    if i % BROKEN_EVERY == 0:
        t += [Triple(s, SCHEMA.license, Literal("apache-2.0")),
              Triple(s, SCHEMA.dateCreated, Literal("2024-05-01"))]
    else:
        t += [Triple(s, SCHEMA.license, SPDX.term(LICENCES[i % len(LICENCES)])),
              Triple(s, SCHEMA.dateCreated, Literal("2024-05-01T10:00:00Z", datatype=XSD.dateTime))]
    for k in range(12):
        t.append(Triple(s, SCHEMA.keywords, Literal(f"kw{(i + k) % 300}")))
    for e in range(2):
        ev, res = NamedNode(f"{pid}#eval-{e}"), NamedNode(f"{pid}#eval-{e}-result")
        t += [Triple(s, FAIR4ML.hasEvaluation, ev), Triple(ev, RDF.type, FAIR4ML.MLModelEvaluation),
              Triple(ev, FAIR4ML.evaluatedMLModel, s), Triple(ev, SCHEMA.name, Literal(f"accuracy on ds{e}")),
              Triple(ev, FAIR4ML.evaluationMetrics, Literal("accuracy")),
              Triple(ev, FAIR4ML.evaluationResults, res), Triple(res, RDF.type, SCHEMA.PropertyValue),
              Triple(res, SCHEMA.name, Literal("accuracy")),
              Triple(res, SCHEMA.value, Literal(repr(0.5 + e / 10 + i % 10 / 100), datatype=XSD.double))]
    return t


def _time(fn, repeat: int) -> tuple[float, float, object]:
    """Return the median wall and CPU seconds of ``repeat`` runs of ``fn``, and its last result."""
    walls, cpus, out = [], [], None
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        out = fn()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return statistics.median(walls), statistics.median(cpus), out


def _pyshacl(records: list[list[Triple]]) -> float:
    import pyshacl
    from rdflib import Graph

    shapes = Graph()
    for path in sorted(SHAPES_DIR.glob("*.ttl")):
        shapes.parse(path, format="turtle")
    start = time.perf_counter()
    for triples in records:
        g = Graph().parse(data="".join(f"{t} .\n" for t in triples), format="nt")
        pyshacl.validate(g, shacl_graph=shapes)
    return len(records) / (time.perf_counter() - start)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--batch", type=int, nargs="+", default=[1, 10, 50, 200, 1000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--pyshacl", action="store_true", help="also time pyshacl on the same shapes")
    args = parser.parse_args()

    records = [synthetic_record(i) for i in range(args.n)]
    triples = sum(len(r) for r in records)
    start = time.perf_counter()
    validator = Validator.default()
    print(f"shapes parsed in {time.perf_counter() - start:.3f} s")
    print(f"{args.n} records, {triples / args.n:.1f} triples each; every {BROKEN_EVERY}th has 2 violations")

    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores; records/s by wall clock (by CPU time)")
    wall, cpu, reference = _time(lambda: [validator.validate(r) for r in records], args.repeat)
    print(f"validate (one record per call)   {args.n / wall:8.0f} ({args.n / cpu:.0f}) records/s")
    expected_violations = 2 * len(range(0, args.n, BROKEN_EVERY))
    found = sum(s.violations for s in reference)
    assert found == expected_violations, f"found {found} violations, expected {expected_violations}"
    for size in args.batch:
        validator.batch_size = size
        wall, cpu, summaries = _time(lambda: validator.validate_many(records), args.repeat)
        same = summaries == reference
        print(f"validate_many, batch {size:<4}        {args.n / wall:8.0f} ({args.n / cpu:.0f}) records/s"
              f"{'' if same else '   RESULTS DIFFER from one-per-call'}")
    print(f"violations {found}, warnings {sum(s.warnings for s in reference)} "
          f"(identical in every mode)")
    if args.pyshacl:
        print(f"pyshacl, one record per call     {_pyshacl(records[: min(args.n, 200)]):8.0f} records/s (wall) "
              f"(first {min(args.n, 200)} records)")


if __name__ == "__main__":
    main()
