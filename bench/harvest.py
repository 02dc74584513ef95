"""Harvest throughput: the bundled Hub snapshot, through the replay server and the real client, into a store.

Usage: python bench/harvest.py [--no-cards] [--data-dir DIR|tmp] [--top 15]

Runs a full harvest (every model of harvesters/data/hf_snapshot, ~1,350) into an in-memory
store (or DIR), then an incremental re-run, and prints records/s end to end, Hub API calls per
record (counted by the replay server, retries included) and the top functions by cumulative
time from cProfile, grouped by stage (HTTP, card parsing, transform, store).
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from harvesters.huggingface.extract import HubClient  # noqa: E402
from harvesters.huggingface.harvest import harvest  # noqa: E402
from harvesters.huggingface.snapshot import demo_snapshot_dir  # noqa: E402
from harvesters.huggingface.offline import ReplayServer, Snapshot  # noqa: E402
from registry.store import Store  # noqa: E402

BASE = "http://127.0.0.1:8000"
def stage_times(stats: pstats.Stats) -> dict[str, float]:
    """Return cumulative seconds of the outermost call into each stage."""
    entry_points = {
        "HTTP (client + loopback server)": ("extract.py", "get_json|get_text"),
        "transform (records), of which:": ("transform.py", "transform"),
        "  card parsing (markdown-it, YAML)": ("cards.py", "parse_card"),
        "store (ingest, SPARQL)": ("store.py", "ingest_many"),
    }
    out = {name: 0.0 for name in entry_points}
    for (file, _line, func), (_cc, _nc, _tt, ct, _callers) in stats.stats.items():  # type: ignore[attr-defined]
        for stage, (suffix, name) in entry_points.items():
            if file.endswith(suffix) and func in name.split("|"):
                out[stage] += ct
    return out


def run(snapshot: Snapshot, store: Store, cards: bool, profile: cProfile.Profile | None):
    with ReplayServer(snapshot) as server:
        client = HubClient(server.url)
        started, cpu = time.perf_counter(), time.process_time()
        if profile:
            profile.enable()
        summary = harvest(store, base_url=BASE, client=client, cards=cards)
        if profile:
            profile.disable()
        seconds = time.perf_counter() - started
        cpu = time.process_time() - cpu  # client, replay server thread and store together
        calls = dict(server.counts)
    return summary, seconds, cpu, calls


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-cards", action="store_true", help="do not fetch READMEs")
    parser.add_argument("--data-dir", default=None, help="on-disk store directory ('tmp' for a fresh temp dir)")
    parser.add_argument("--top", type=int, default=15, help="profile lines to print")
    args = parser.parse_args()
    cards = not args.no_cards

    snapshot = Snapshot.load(demo_snapshot_dir())
    directory = tempfile.mkdtemp(prefix="mlfdo-bench-") if args.data_dir == "tmp" else args.data_dir
    store = Store.open(directory, BASE)
    print(f"snapshot: {len(snapshot)} models, {len(snapshot.cards)} cards; store: {directory or 'in memory'}")

    summary, seconds, cpu, calls = run(snapshot, store, cards, None)
    n, total_calls = summary.fetched, sum(calls.values())
    print(f"\nfull harvest: {n} models in {seconds:.2f}s = {n / seconds:.0f} models/s end to end "
          f"({n / cpu:.0f} models per CPU-second, replay server included)")
    print(f"  {summary.line()}")
    print(f"  stubs written: {summary.stubs_new}; FDOs now: {store.stats()['fdos']}")
    print(f"  API calls: {total_calls} {calls} = {total_calls / n:.3f} per model")

    summary2, seconds2, _cpu2, calls2 = run(snapshot, store, cards, None)
    print(f"\nincremental re-run (stored high-water mark): {summary2.fetched} model(s) in {seconds2:.3f}s, "
          f"API calls {sum(calls2.values())} {calls2}; new versions: {summary2.new + summary2.changed}")
    with ReplayServer(snapshot) as server:
        started = time.perf_counter()
        summary3 = harvest(store, base_url=BASE, client=HubClient(server.url), since="2000-01-01", cards=cards)
        seconds3 = time.perf_counter() - started
        calls3 = dict(server.counts)
    print(f"full re-run (--since 2000-01-01, nothing changed): {summary3.fetched} models in {seconds3:.2f}s = "
          f"{summary3.fetched / seconds3:.0f} models/s; API calls {sum(calls3.values())} {calls3} = "
          f"{sum(calls3.values()) / summary3.fetched:.3f} per model; new versions: {summary3.new + summary3.changed}")
    store.close()

    profile = cProfile.Profile()
    run(snapshot, Store.open(None, BASE), cards, profile)
    stats = pstats.Stats(profile)
    print("\nwhere the time goes (full harvest into a fresh in-memory store, under cProfile):")
    stages = stage_times(stats)
    total = stats.total_tt  # type: ignore[attr-defined]
    for stage, secs in stages.items():
        print(f"  {stage:36s} {secs:6.2f}s  {100 * secs / total:4.0f}%")
    out = io.StringIO()
    pstats.Stats(profile, stream=out).sort_stats("cumulative").print_stats(args.top)
    print("\n" + "\n".join(line for line in out.getvalue().splitlines() if line.strip()))


if __name__ == "__main__":
    main()
