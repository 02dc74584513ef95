"""Similar models at scale: ``similar_to`` over an in-memory search engine of N FDOs.

Usage: python bench/similar.py [--n 100000] [--queries 200]

The engine (registry/search/engine.py) is filled with N synthetic model documents (clustered
random 384-d vectors standing in for MiniLM embeddings, a task, a training dataset, and for a
tenth of them one of 10,000 derivatives of a single base model) and ``similar_to`` is timed for
random FDOs and for that base model. This is the part of a landing page that the serving
benchmark (bench/pages.py, whose server has no search index loaded) does not include.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from registry.fdo.similar import similar_to  # noqa: E402
from registry.search.document import IndexDoc  # noqa: E402
from registry.search.engine import MemoryEngine  # noqa: E402


class _Searcher:
    def __init__(self, engine: MemoryEngine) -> None:
        self.engine = engine


def build(n: int, dim: int = 384, seed: int = 3) -> MemoryEngine:
    rng = np.random.default_rng(seed)
    centres = rng.normal(size=(200, dim)).astype(np.float32)
    engine = MemoryEngine(dim, capacity=n + 1)
    for start in range(0, n, 10_000):
        docs, vecs = [], []
        for i in range(start, min(n, start + 10_000)):
            facets = {"kind": [("model", "Model")], "task": [(f"task{i % 8}", f"Task {i % 8}")],
                      "dataset": [(f"ds{i % 200}", f"ds{i % 200}")]}
            if i % 10 == 0:
                facets["base_model"] = [("big/base", "base")]
            docs.append(IndexDoc(pid=f"p{i}", version=1, kind="model", name=f"model-{i}", identifier=f"org/m{i}",
                                 facets=facets))
            v = centres[i % 200] + 0.5 * rng.normal(size=dim).astype(np.float32)
            vecs.append(v / np.linalg.norm(v))
        engine.upsert(docs, np.asarray(vecs, dtype=np.float32))
    return engine


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=200)
    args = parser.parse_args()
    started = time.perf_counter()
    searcher = _Searcher(build(args.n))
    print(f"engine of {args.n:,} FDOs built in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    rng = random.Random(5)
    for label, pick in (("random FDO", lambda: f"p{rng.randrange(args.n)}"), ("a derivative", lambda: "p10")):
        times = []
        for _ in range(args.queries):
            pid = pick()
            t = time.perf_counter()
            similar_to(searcher, pid)
            times.append((time.perf_counter() - t) * 1000)
        times.sort()
        print(f"similar_to ({label}): p50 {times[len(times) // 2]:.2f} ms  p95 {times[int(len(times) * 0.95)]:.2f} ms  "
              f"mean {statistics.mean(times):.2f} ms")


if __name__ == "__main__":
    main()
