"""Search quality on the demo snapshot: nDCG@10 and recall@10, hybrid vs keyword-only vs dense-only.

Usage: python bench/search_quality.py [--data-dir DIR] [--embedder NAME] [--relevance FILE] [--show-misses] [--json OUT]

Harvests the bundled Hub snapshot (harvesters/data/hf_snapshot, ~1,350 models) through the
replay server and the real client into a store (in DIR, reused when it already holds it),
indexes it with the real embedder, then runs every query of bench/relevance/queries.json in
each mode. Judgments grade models 2 (should come first) or 1 (relevant); gains are 2^grade - 1.
recall@10 is the share of the judged models found in the top 10, with the denominator capped at
10 for queries with more than ten relevant models. A judged record that is not a Hub model (an
OpenML flow, run, task or dataset: an entry's ``other``, platform id -> {pid, grade}) is scored
with the Hub models in a second figure, "+other"; the first figure judges Hub models only, as
before. On a data directory without the OpenML snapshot (the script's own harvest) the "+other"
records cannot be found: use ``mlfdo demo --no-serve --data-dir DIR`` and ``--data-dir DIR``.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from registry.pid import mint_id, pid_iri  # noqa: E402
from registry.service import Registry  # noqa: E402
from registry.settings import load_settings  # noqa: E402
from registry.store import Store  # noqa: E402

BASE = "http://127.0.0.1:8000"
RELEVANCE = Path(__file__).resolve().parent / "relevance" / "queries.json"
RUNS = (("hybrid", True), ("keyword", True), ("dense", True), ("hybrid", False), ("keyword", False),
        ("dense", False))
K = 10


def load_demo(store: Store) -> None:
    """Harvest the bundled snapshot into ``store`` through the replay server (the demo's code path)."""
    from harvesters.huggingface.extract import HubClient
    from harvesters.huggingface.harvest import harvest
    from harvesters.huggingface.snapshot import demo_snapshot_dir
    from harvesters.huggingface.offline import ReplayServer, Snapshot

    with ReplayServer(Snapshot.load(demo_snapshot_dir())) as server:
        harvest(store, base_url=BASE, client=HubClient(server.url), cards=True)


def judged(entry: dict, other: bool = False) -> dict[str, int]:
    """Return PID -> grade for a relevance entry (ids are Hub model ids); with ``other``, also its judged
    records that are not Hub models (OpenML objects, by PID)."""
    grades = {pid_iri(BASE, mint_id("hf", model_id)): grade for model_id, grade in entry["relevant"].items()}
    if other:
        grades.update({o["pid"]: o["grade"] for o in entry.get("other", {}).values()})
    return grades


def ndcg(ranked: list[str], grades: dict[str, int], k: int = K) -> float:
    dcg = sum((2 ** grades.get(pid, 0) - 1) / math.log2(i + 2) for i, pid in enumerate(ranked[:k]))
    ideal = sorted(grades.values(), reverse=True)[:k]
    idcg = sum((2 ** g - 1) / math.log2(i + 2) for i, g in enumerate(ideal))
    return dcg / idcg if idcg else 0.0


def recall(ranked: list[str], grades: dict[str, int], k: int = K) -> float:
    found = len(set(ranked[:k]) & set(grades))
    return found / min(len(grades), k) if grades else 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", default=None, help="store + index directory (default: a fresh temp dir)")
    parser.add_argument("--show-misses", action="store_true", help="print queries whose hybrid nDCG@10 < 0.5")
    parser.add_argument("--json", default=None, help="write the per-query figures to this file")
    parser.add_argument("--embedder", default=None, help="MLFDO_EMBEDDER value (default: the setting's default)")
    parser.add_argument("--relevance", default=str(RELEVANCE),
                        help="judgments file (default bench/relevance/queries.json; the frozen second set is "
                             "bench/relevance/unseen.json)")
    args = parser.parse_args()

    from registry.search import open_searcher

    directory = Path(args.data_dir or tempfile.mkdtemp(prefix="mlfdo-search-quality-"))
    settings = load_settings(environ={}, overrides={"BASE_URL": BASE, "SHACL": False, "DATA_DIR": str(directory),
                                                        **({"EMBEDDER": args.embedder} if args.embedder else {})})
    store = Store.open(directory, BASE)
    registry = Registry(settings, store)
    started = time.perf_counter()
    if not store.pids(kind="model"):
        load_demo(store)
        print(f"harvested the demo snapshot in {time.perf_counter() - started:.1f}s")
    from harvesters.vocabularies import harvest as harvest_vocabularies

    harvest_vocabularies(store, BASE)  # the concepts (idempotent: unchanged files add no version)
    started = time.perf_counter()
    searcher = open_searcher(registry)
    print(f"index: {len(searcher.engine)} FDOs ready in {time.perf_counter() - started:.1f}s "
          f"({store.stats()['fdos']} FDOs in the store)")

    entries = json.loads(Path(args.relevance).read_text(encoding="utf-8"))["queries"]
    table: dict[str, dict[str, list[float]]] = {}
    rows = []
    for entry in entries:
        grades, with_other = judged(entry), judged(entry, other=True)
        row = {"query": entry["query"]}
        for mode, understand in RUNS:
            name = f"{mode}{'' if understand else ' (no NLU)'}"
            response = searcher.search(entry["query"], page=1, per_page=K, mode=mode, understand=understand)
            ranked = [hit.pid for hit in response.results]
            n, r = ndcg(ranked, grades), recall(ranked, grades)
            no, ro = ndcg(ranked, with_other), recall(ranked, with_other)
            table.setdefault(name, {"ndcg": [], "recall": [], "ndcg+": [], "recall+": []})
            for key, value in (("ndcg", n), ("recall", r), ("ndcg+", no), ("recall+", ro)):
                table[name][key].append(value)
            row[name] = {"ndcg@10": round(n, 3), "recall@10": round(r, 3), "ndcg@10+other": round(no, 3),
                         "top": [h.name for h in response.results[:3]]}
        rows.append(row)

    others = sum(len(e.get("other", {})) for e in entries)
    print(f"\n{len(entries)} queries, {sum(len(e['relevant']) for e in entries)} judged models, {others} judged "
          f"other records (OpenML objects)")
    print(f"{'run':24s} {'nDCG@10':>8s} {'recall@10':>10s} {'nDCG+other':>11s} {'recall+other':>13s}")
    n = len(entries)
    for name, f in table.items():
        print(f"{name:24s} {sum(f['ndcg']) / n:8.3f} {sum(f['recall']) / n:10.3f} {sum(f['ndcg+']) / n:11.3f} "
              f"{sum(f['recall+']) / n:13.3f}")
    if args.show_misses:
        for row in rows:
            if row["hybrid"]["ndcg@10"] < 0.5:
                print(f"\nmiss: {row['query']!r}: hybrid {row['hybrid']}, keyword {row['keyword']['top']}, "
                      f"dense {row['dense']['top']}")
    if args.json:
        Path(args.json).write_text(json.dumps(rows, indent=1), encoding="utf-8")
    searcher.close()  # the index's Qdrant client, closed before the interpreter shuts down
    registry.close()


if __name__ == "__main__":
    main()
