"""Two checkouts of the code, one synthetic index each, the same searches alternated: speed and identical answers.

Usage: python bench/search_compare.py --base DIR [--size 100000] [--queries 150] [--embedder static] [--unique 100000]

DIR is another checkout of this repository (e.g. ``git worktree add /tmp/base main`` or
``git archive main | tar -x -C /tmp/base``). Each side runs in its own process started in its
checkout, builds the same synthetic index as ``bench/search_speed.py`` (same seeds) and answers
searches sent one at a time, alternating which side goes first, so both meet the same load.
Each side times its own ``Searcher.search`` call: wall clock and the CPU time of the searching
thread. "end to end" embeds every query (query cache and understanding cleared), "engine"
repeats it with the vector cached. Every response (without ``took_ms``) is compared between the
sides: results, scores, totals, facets, suggestions. Percentiles are printed for all searches and
for each third of them: no filter, a licence filter, task + language filters. Beyond ``--unique``
FDOs the documents are copies, as in ``bench/search_speed.py`` (1M distinct ones take too long to make).

``--scans`` more searches (no filter) follow, timed as their own group: the questions whose reading once read every
name or paper (``SCAN_QUERIES``: one word no name holds whole, found inside longer words of names or in none; a
bare arXiv id). Every third synthetic FDO cites one of ``size / 3`` papers (``arXiv:dddd.ddddd``) for them. End to
end also clears the per-index cache of words found inside names where a side still has one
(``Searcher._carried_cache``): a harvest changing the index every few seconds empties it as often.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent
# one word only inside longer words of names ("transformer", "multilingual", "recognition"), one in no name at all,
# a bare arXiv id held by a paper key and one held by none
SCAN_QUERIES = ["former", "lingual", "ognition", "zyxwvut", "2004.00003", "2399.99999"]


def paper_key(i: int) -> str:
    return f"arXiv:{2001 + i % 400:04d}.{i % 100000:05d}"


def serve(size: int, spec: str, unique: int) -> None:
    """Worker side: build the synthetic index of this checkout (the working directory), answer requests on stdin."""
    sys.path.insert(0, os.getcwd())
    import resource

    from bench.search_speed import QUERIES, TASKS, random_vectors, scaled_docs
    from registry.search.embed import make_embedder
    from registry.search.index import SearchIndex
    from registry.search.persist import QdrantIndex
    from registry.search.searcher import Searcher
    from registry.store import Store

    embedder = make_embedder(spec)
    anchors = embedder.embed([t.replace("-", " ") for t in TASKS] + QUERIES)
    docs = scaled_docs(size, unique)
    for i in range(0, size, 3):  # every third FDO cites a paper (``SCAN_QUERIES``)
        docs[i].facets["paper"] = [(paper_key(i), paper_key(i))]
    index = SearchIndex(Store.open(None, "http://127.0.0.1:8000"), embedder,
                        QdrantIndex.open("", None, "bench", embedder.dim))
    for start in range(0, size, 5000):
        index.engine.upsert(docs[start:start + 5000],
                            random_vectors(min(5000, size - start), embedder.dim, start, anchors))
    del docs
    searcher = Searcher(index)
    searcher.search("warm up")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"ready": True, "rss_mb": rss}), flush=True)
    for line in sys.stdin:
        req = json.loads(line)
        if req.get("rss"):
            status = Path("/proc/self/status").read_text()
            print(json.dumps({"rss_mb": int(status.split("VmRSS:")[1].split()[0]) / 1024}), flush=True)
            continue
        if req["cached"]:
            searcher.search(req["query"], req["filters"])
        else:
            embedder._cache.clear()
            searcher._understood.clear()
            getattr(searcher, "_carried_cache", {}).clear()
        t0, c0 = time.perf_counter(), time.thread_time()
        response = searcher.search(req["query"], req["filters"])
        wall, cpu = (time.perf_counter() - t0) * 1000, (time.thread_time() - c0) * 1000
        answer = response.to_dict()
        answer.pop("took_ms")
        print(json.dumps({"wall": wall, "cpu": cpu, "response": answer}), flush=True)


class Side:
    def __init__(self, name: str, checkout: Path, size: int, spec: str, unique: int) -> None:
        self.name = name
        self.proc = subprocess.Popen([sys.executable, str(Path(__file__).resolve()), "--serve", str(size),
                                      "--embedder", spec, "--unique", str(unique)], cwd=checkout, stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, text=True,
                                     env={**os.environ, "PYTHONPATH": str(checkout)})

    def ready(self) -> dict:
        return json.loads(self.proc.stdout.readline())

    def ask(self, query: str, filters, cached: bool) -> dict:
        self.proc.stdin.write(json.dumps({"query": query, "filters": filters, "cached": cached}) + "\n")
        self.proc.stdin.flush()
        return json.loads(self.proc.stdout.readline())

    def rss(self) -> float:
        self.proc.stdin.write(json.dumps({"rss": True}) + "\n")
        self.proc.stdin.flush()
        return json.loads(self.proc.stdout.readline())["rss_mb"]

    def close(self) -> None:
        self.proc.stdin.close()
        self.proc.wait(timeout=60)


def percentiles(values: list[float]) -> str:
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]
    return f"p50 {statistics.median(ordered):6.1f}  p95 {p95:6.1f}"


def load_average() -> str:
    return Path("/proc/loadavg").read_text().split()[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", type=Path, help="the other checkout (the 'before')")
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=150)
    parser.add_argument("--embedder", default="static")
    parser.add_argument("--unique", type=int, default=100_000, help="distinct generated FDOs; more are copies")
    parser.add_argument("--scans", type=int, default=30, help="searches of SCAN_QUERIES after the others")
    parser.add_argument("--serve", type=int, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve is not None:
        serve(args.serve, args.embedder, args.unique)
        return
    sys.path.insert(0, str(HERE))
    from bench.search_speed import LANGS, LICENCES, QUERIES, TASKS

    print(f"load average before: {load_average()} (2 cores); {args.size:,} synthetic FDOs per side")
    started = time.perf_counter()
    sides = [Side("before", args.base.resolve(), args.size, args.embedder, args.unique),
             Side("after", HERE, args.size, args.embedder, args.unique)]
    for side in sides:
        print(f"  {side.name}: ready, max RSS {side.ready()['rss_mb']:,.0f} MB")
    print(f"  both built in {time.perf_counter() - started:.0f}s")
    rng = random.Random(3)
    cases = []
    for i in range(args.queries):
        filters = None
        if i % 3 == 1:
            filters = {"licence": [rng.choice(LICENCES)]}
        elif i % 3 == 2:
            filters = {"task": [rng.choice(TASKS)], "language": [rng.choice(LANGS[:10])]}
        cases.append((QUERIES[i % len(QUERIES)], filters))
    cases += [(SCAN_QUERIES[i % len(SCAN_QUERIES)], None) for i in range(args.scans)]
    n = args.queries
    order = random.Random(5)
    same = differ = 0
    for cached, label in ((False, "end to end (query embedded)"), (True, "engine (query vector cached)")):
        times = {s.name: ([], []) for s in sides}
        for query, filters in cases:
            answers = {}
            for side in sorted(sides, key=lambda _: order.random()):
                got = side.ask(query, filters, cached)
                times[side.name][0].append(got["wall"])
                times[side.name][1].append(got["cpu"])
                answers[side.name] = got["response"]
            if answers["before"] == answers["after"]:
                same += 1
            else:
                differ += 1
                if differ <= 3:
                    print(f"  DIFFERENT answer for {query!r} {filters}")
        print(f"{label} (load average {load_average()}):")
        for group, picked in (("all", slice(0, n)), ("no filter", slice(0, n, 3)), ("licence", slice(1, n, 3)),
                              ("task+lang", slice(2, n, 3)), ("scans", slice(n, None))):
            for name, (wall, cpu) in times.items():
                if not wall[picked]:
                    continue
                print(f"  {group:9s} {name:7s} wall {percentiles(wall[picked])} ms   "
                      f"thread CPU {percentiles(cpu[picked])} ms")
    print(f"identical answers: {same} of {same + differ}")
    print(f"load average after: {load_average()}")
    for side in sides:
        print(f"  {side.name}: RSS after the searches {side.rss():,.0f} MB")
        side.close()


if __name__ == "__main__":
    main()
