"""Scale figures: bulk versus transactional ingest, ingest with several workers, a large store, a day of changes.

Usage (run with ``nice``; each prints its figures and the load average):
  python bench/scale.py bulk --n 5000            # the same records, transactional vs bulk, on disk
                                                 # (--modes transactional,bulk,bulk-thread --rounds 2: alternate)
  python bench/scale.py workers --n 4000         # 1, 2, 4 worker processes against an oxigraph server, and embedded
  python bench/scale.py fanout --n 1350           # a Hub harvest of N replayed models: CLI vs fan-out on 1 and 2 workers
  python bench/scale.py build --n 1000000 --dir D [--until HH:MM]  # N synthetic FDOs with the bulk loader
                                                 # (--until: stop early, between chunks of 25k, to end by then)
  python bench/scale.py serve --dir D            # open time, disk bytes, p95 of pages, SPARQL, listing, stats
  python bench/scale.py compact --dir D          # compact a store (e.g. one built with build --no-compact), timed
  python bench/scale.py day --dir D --change 0.02  # re-list every record, a share of them changed

Records are bench/ingest.py's synthetic FAIR4ML models (46 triples). Pages are requested through
the Flask test client in this process (the app's own cost, no HTTP), one at a time.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from ingest import BASE, synthetic_record  # noqa: E402

from registry.store import Store, bulk  # noqa: E402


BENCH_BROKER = "redis://127.0.0.1:6379/13"  # the workers' counts lock (--redis-db chooses another database)


def _validator(shacl: bool):
    if not shacl:
        return None
    from registry.validate import Validator

    return Validator.default()


def _records(start: int, stop: int, changed: float = 0.0, seed: int = 1):
    rng = random.Random(seed)
    for i in range(start, stop):
        record = synthetic_record(i)
        if changed and rng.random() < changed:
            record.triples = [t if not t.predicate.value.endswith("description") else
                              type(t)(t.subject, t.predicate, type(t.object)(f"Edited on day {seed}: model {i}."))
                              for t in record.triples]
        yield record


def _size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def _load() -> str:
    return "load average " + " ".join(f"{x:.1f}" for x in os.getloadavg())


BULK_MODES = {  # name: (bulk session?, SHACL in a child process?, compact at the end?, chunks loaded in a thread?)
    "transactional": (False, False, False, False),
    "bulk": (True, True, True, True),            # what `mlfdo harvest` does into an empty store
    "bulk-nocompact": (True, True, False, True),
    "bulk-inline": (True, True, False, False),    # chunks loaded by the planning thread
    "bulk-thread": (True, False, False, False),   # the bulk path before: SHACL in a thread, inline loads, no compaction
}


def _cpu() -> float:
    """CPU seconds of this process and of its finished children (the SHACL process is joined when a session ends)."""
    import resource

    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def cmd_bulk(args) -> None:
    tmp = Path(tempfile.mkdtemp(prefix="mlfdo-scale-"))
    modes = args.modes.split(",")
    try:
        print(f"N={args.n}, SHACL {'on' if args.shacl else 'off'}, on disk, modes {modes} x {args.rounds}, "
              f"records made {'before the clock' if args.records_first else 'as they are ingested'}, "
              f"chunks of {args.chunk_lines or bulk.CHUNK_LINES} lines; "
              f"{_load()}", flush=True)
        timings: dict[str, list[tuple[float, float]]] = {m: [] for m in modes}
        for round_ in range(args.rounds):
            for mode in modes:
                session, apart, optimize, behind = BULK_MODES[mode]
                bulk.LOAD_BEHIND = behind
                bulk.CHUNK_LINES = args.chunk_lines or bulk.CHUNK_LINES
                path = tmp / f"{mode}-{round_}"
                store = Store.open(path, BASE, validator=_validator(args.shacl))
                phases: list[str] = []
                # --records-first: the synthetic records are made before the clock starts, so the figure is the
                # ingest's alone (making them costs ~0.2 ms of CPU per record, in the thread that plans the writes)
                records = list(_records(0, args.n)) if args.records_first else _records(0, args.n)
                start, cpu = time.perf_counter(), _cpu()

                def progress(message: str) -> None:
                    phases.append(f"{message} at {time.perf_counter() - start:.1f} s")
                if session:
                    with store.bulk(progress=progress, optimize=optimize, shacl_process=apart) as used:
                        assert used
                        store.ingest_many(records)
                else:
                    store.ingest_many(records)
                store.close()
                wall, used = time.perf_counter() - start, _cpu() - cpu
                timings[mode].append((wall, used))
                print(f"  {round_ + 1} {mode:15} {args.n / wall:5.0f} records/s by the clock ({wall:.1f} s), CPU "
                      f"{used:.1f} s (with the SHACL process), {_size(path) / 1e6:.0f} MB; {_load()}", flush=True)
                for phase in phases:
                    print(f"      {phase}")
                shutil.rmtree(path, ignore_errors=True)
        if "transactional" in modes:
            base = statistics.median(w for w, _ in timings["transactional"])
            base_cpu = statistics.median(c for _, c in timings["transactional"])
            for mode in modes:
                if mode != "transactional":
                    wall = statistics.median(w for w, _ in timings[mode])
                    used = statistics.median(c for _, c in timings[mode])
                    print(f"  {mode} / transactional (medians): {base / wall:.2f}x by the clock, "
                          f"{base_cpu / used:.2f}x by CPU time")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _broker(default: str, db: int | None) -> str:
    """Return the Redis URL of database ``db`` on the local Redis, or ``default``."""
    return default if db is None else f"redis://127.0.0.1:6379/{db}"


def _worker(url: str, start: int, stop: int, shacl: bool, broker: str) -> None:
    from workers.locks import counts_lock

    store = Store.open_remote(url, BASE, validator=_validator(shacl))
    store.counts_lock = counts_lock(broker)  # as workers/tasks.py does
    store.ingest_many(_records(start, stop))


def cmd_workers(args) -> None:
    from tests.servers import oxigraph_server

    tmp = Path(tempfile.mkdtemp(prefix="mlfdo-scale-"))
    ctx = multiprocessing.get_context("spawn")
    try:
        print(f"N={args.n}, SHACL {'on' if args.shacl else 'off'}; {_load()}")
        store = Store.open(tmp / "embedded", BASE, validator=_validator(args.shacl))
        start = time.perf_counter()
        store.ingest_many(_records(0, args.n))
        store.close()
        elapsed = time.perf_counter() - start
        print(f"  embedded, 1 process      {args.n / elapsed:7.0f} records/s ({elapsed:.1f} s); {_load()}")
        for workers in (1, 2, 4):
            with oxigraph_server(tmp / f"server-{workers}") as url:
                Store.open_remote(url, BASE)  # builds the empty catalogue once, before the workers race
                step = -(-args.n // workers)
                procs = [ctx.Process(target=_worker, args=(url, k * step, min(args.n, (k + 1) * step), args.shacl,
                                                           _broker(BENCH_BROKER, args.redis_db)))
                         for k in range(workers)]
                start = time.perf_counter()
                for p in procs:
                    p.start()
                for p in procs:
                    p.join()
                elapsed = time.perf_counter() - start
                assert all(p.exitcode == 0 for p in procs)
                check = Store.open_remote(url, BASE).stats()
                assert check["fdos"] == args.n, check
                print(f"  oxigraph server, {workers} worker(s) {args.n / elapsed:7.0f} records/s ({elapsed:.1f} s); "
                      f"{_load()}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


FANOUT_BROKER = "redis://127.0.0.1:6379/15"  # flushed before each run (--redis-db chooses another database)


def _cpu_seconds(pid: int) -> float:
    """Return the user + system CPU seconds a process has used so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _fanout_run(env: dict, hub_url: str, workers: int, broker: str) -> tuple[float, float]:
    """Time one fan-out harvest on ``workers`` Celery worker processes, from sending to the mark moving.

    Return (wall seconds, CPU seconds the workers used meanwhile).
    """
    import redis

    from harvesters.huggingface.harvest import STATE_KEY
    from tests.servers import celery_workers
    from workers.celery_app import make_celery
    from workers.fanout import FanOut

    redis.Redis.from_url(broker).flushdb()
    store = Store.open_remote(env["MLFDO_STORE_URL"], BASE)  # builds the empty catalogue before the workers
    with celery_workers(env, workers) as procs:
        app = make_celery(broker)
        cpu = sum(_cpu_seconds(p.pid) for p in procs)
        start = time.perf_counter()
        sent = app.send_task("workers.tasks.harvest_huggingface_fanout", kwargs={"endpoint": hub_url}).get(timeout=3600)
        run = FanOut(broker, sent["run"])
        while run.pending() or not store.get_state(STATE_KEY):
            if time.perf_counter() - start > 1800:
                raise RuntimeError(f"the fan-out run did not finish; pages pending: {sorted(run.pending())}")
            time.sleep(0.1)
        elapsed = time.perf_counter() - start
        cpu = sum(_cpu_seconds(p.pid) for p in procs) - cpu
        run.close()
        app.close()
    assert sent["complete"], sent
    return elapsed, cpu


def cmd_fanout(args) -> None:
    import subprocess

    from harvesters.huggingface.offline import ReplayServer, Snapshot
    from harvesters.huggingface.snapshot import demo_snapshot_dir
    from tests.servers import oxigraph_server

    full = Snapshot.load(demo_snapshot_dir())
    keys = sorted(full.models)[:args.n]
    snapshot = Snapshot([full.models[k] for k in keys], {k: full.cards[k] for k in keys if k in full.cards})
    tmp = Path(tempfile.mkdtemp(prefix="mlfdo-fanout-"))
    broker = _broker(FANOUT_BROKER, args.redis_db)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "MLFDO_BROKER_URL": broker, "MLFDO_BASE_URL": BASE,
           "MLFDO_SHACL": "1" if args.shacl else "0"}
    try:
        print(f"{len(keys)} models of the demo snapshot, 100 a listing page, SHACL {'on' if args.shacl else 'off'}; "
              f"{_load()}")
        with ReplayServer(snapshot) as hub:
            times = {}
            with oxigraph_server(tmp / "cli") as url:
                start = time.perf_counter()
                subprocess.run([sys.executable, "-m", "registry", "harvest", "huggingface", "--endpoint", hub.url],
                               env={**env, "MLFDO_STORE_URL": url, "MLFDO_DATA_DIR": str(tmp / "cli-data")},
                               cwd=ROOT, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                times["cli"] = time.perf_counter() - start
                print(f"  mlfdo harvest huggingface, 1 process  {times['cli']:6.1f} s; {_load()}")
            for workers in (1, 2):
                with oxigraph_server(tmp / f"fanout-{workers}") as url:
                    times[workers], cpu = _fanout_run({**env, "MLFDO_STORE_URL": url,
                                                       "MLFDO_DATA_DIR": str(tmp / f"data-{workers}")}, hub.url,
                                                      workers, broker)
                print(f"  fan-out, {workers} worker process(es)    {times[workers]:6.1f} s (workers' CPU {cpu:.1f} s); "
                      f"{_load()}")
        print(f"  ratios: 2 workers / 1 worker {times[2] / times[1]:.2f}; 1 worker / CLI {times[1] / times['cli']:.2f}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _deadline(until: str | None) -> float:
    """Return the perf_counter time of an ``HH:MM`` UTC deadline today (infinity without one)."""
    if not until:
        return float("inf")
    now = datetime.now(timezone.utc)
    hour, minute = map(int, until.split(":"))
    return time.perf_counter() + (now.replace(hour=hour, minute=minute, second=0) - now).total_seconds()


def cmd_build(args) -> None:
    path = Path(args.dir)
    store = Store.open(path, BASE, validator=_validator(args.shacl))
    start = time.perf_counter()
    deadline = _deadline(args.until)
    done, step = 0, 25_000
    def progress(message: str) -> None:
        print(f"  {message} ({time.perf_counter() - start:.0f} s); {_load()}", flush=True)
    with store.bulk(progress=progress, optimize=args.compact) as used:
        assert used, "build needs an empty store"
        while done < args.n:
            began = time.perf_counter()
            store.ingest_many(_records(done, min(args.n, done + step)))
            done = min(args.n, done + step)
            print(f"  {done} records, {time.perf_counter() - start:.0f} s; {_load()}", flush=True)
            if done < args.n and time.perf_counter() + (time.perf_counter() - began) > deadline:
                print(f"  stopping at {done} records: the next {step} would end after {args.until} UTC", flush=True)
                break
        ended = time.perf_counter()
    print(f"  bulk session ended (last chunk, listing counts, journal{', compaction' if args.compact else ''}) in "
          f"{time.perf_counter() - ended:.0f} s", flush=True)
    store.close()
    elapsed = time.perf_counter() - start
    print(f"built {done} FDOs in {elapsed:.0f} s ({done / elapsed:.0f} records/s), {_size(path) / 1e9:.2f} GB; {_load()}")


def cmd_compact(args) -> None:
    path = Path(args.dir)
    before = _size(path)
    start = time.perf_counter()
    store = Store.open(path, BASE)
    opened = time.perf_counter()
    store.db.optimize()
    compacted = time.perf_counter()
    store.close()
    print(f"opened in {opened - start:.1f} s, compacted in {compacted - opened:.1f} s; "
          f"{before / 1e6:.0f} -> {_size(path) / 1e6:.0f} MB; {_load()}")


def _p95(samples: list[float]) -> str:
    samples = sorted(samples)
    return (f"p50 {statistics.median(samples) * 1e3:6.1f} ms, p95 {samples[max(0, int(len(samples) * 0.95) - 1)] * 1e3:6.1f} ms"
            f" (n={len(samples)})")


def cmd_serve(args) -> None:
    from registry.service import Registry
    from registry.web import create_app

    path = Path(args.dir)
    start = time.perf_counter()
    registry = Registry.open({"DATA_DIR": str(path), "BASE_URL": BASE, "SHACL": False})
    opened = time.perf_counter() - start
    stats = registry.store.stats()
    size = _size(path)
    print(f"{path}: {stats['fdos']} FDOs, {stats['versions']} versions, {size / 1e9:.2f} GB; {_load()}")
    print(f"  time to open: {opened:.2f} s")
    print(f"  disk bytes per FDO {size / stats['fdos']:.0f}, per version {size / stats['versions']:.0f}")
    app = create_app({"REGISTRY": registry, "TESTING": True})
    client = app.test_client()
    rng = random.Random(5)
    n = stats["by_kind"].get("model", {}).get("active", 0)
    pages = max(2, n // 50)  # MLFDO_PAGE_SIZE, 50 by default
    ids = [registry.store.pids(order="pid", offset=rng.randrange(n), limit=1)[0].rsplit("/", 1)[-1] for _ in range(50)]
    sparql = "SELECT ?n WHERE {{ <{base}/fdo/{id}> <https://schema.org/name> ?n }}"
    kinds = {
        "landing page (HTML)": lambda: f"/fdo/{rng.choice(ids)}",
        "SPARQL point query": lambda: "/sparql?query=" + sparql.format(base=BASE, id=rng.choice(ids)),
        "home page": lambda: "/",
        "/api/fdo page 1": lambda: "/api/fdo",
        "/api/fdo random page": lambda: f"/api/fdo?page={rng.randrange(1, pages)}",
        "home, random page": lambda: f"/?page={rng.randrange(1, pages)}",
        "/api/stats": lambda: "/api/stats",
    }
    _measure(client, kinds, args.requests)
    if args.compare:  # the same listing requests through the SPARQL sort-and-count path it replaced
        from registry.store import listing

        listing.is_ready = lambda store: False
        print("  without the maintained listing (SPARQL sorts and counts every request):")
        _measure(client, {k: v for k, v in kinds.items() if "landing" not in k and "SPARQL" not in k}, 5)
    registry.close()


def _measure(client, kinds: dict, requests: int) -> None:
    for label, make in kinds.items():
        samples = []
        for _ in range(requests):
            url = make()
            t = time.perf_counter()
            response = client.get(url, headers={"Accept": "text/html" if "SPARQL" not in label else
                                                "application/sparql-results+json"})
            samples.append(time.perf_counter() - t)
            assert response.status_code == 200, (url, response.status_code)
        print(f"  {label:24} {_p95(samples)}")


def cmd_day(args) -> None:
    path = Path(args.dir)
    store = Store.open(path, BASE, validator=_validator(args.shacl))
    before = store.stats()
    n = before["by_kind"]["model"]["active"]
    quads_before = len(store.db)  # counted by the store: a Python loop over 1M FDOs' quads took over 15 minutes
    store.close()
    size_before = _size(path)
    store = Store.open(path, BASE, validator=_validator(args.shacl))
    start = time.perf_counter()
    statuses: dict[str, int] = {}

    def seen(result) -> None:  # progress: a day at 1M runs for most of an hour
        statuses[result.status] = statuses.get(result.status, 0) + 1
        done = sum(statuses.values())
        if done % 50_000 == 0:
            print(f"  {done} records, {time.perf_counter() - start:.0f} s, {statuses}; {_load()}", flush=True)

    store.ingest_many(_records(0, n, changed=args.change, seed=args.seed), progress=seen)
    elapsed = time.perf_counter() - start
    after = store.stats()
    quads_after = len(store.db)
    store.close()
    print(f"day of changes over {n} FDOs ({args.change:.0%} changed): {elapsed:.0f} s ({n / elapsed:.0f} records/s); "
          f"{_load()}")
    print(f"  results {statuses}; versions {before['versions']} -> {after['versions']}")
    print(f"  quads {quads_before} -> {quads_after} (+{quads_after - quads_before}); "
          f"disk {size_before / 1e6:.0f} -> {_size(path) / 1e6:.0f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="cmd", required=True)
    for name in ("bulk", "workers", "fanout", "build", "serve", "day", "compact"):
        p = sub.add_parser(name)
        p.add_argument("--n", type=int, default=5000)
        p.add_argument("--dir")
        p.add_argument("--shacl", action=argparse.BooleanOptionalAction, default=True)
        p.add_argument("--requests", type=int, default=200)
        p.add_argument("--change", type=float, default=0.02)
        p.add_argument("--seed", type=int, default=1)
        p.add_argument("--compare", action="store_true", help="serve: also time the listing pages without the listing")
        p.add_argument("--modes", default="transactional,bulk",
                       help=f"bulk: which ingests to alternate, of {', '.join(BULK_MODES)}")
        p.add_argument("--compact", action=argparse.BooleanOptionalAction, default=True,
                       help="build: compact the store when the bulk session ends (as `mlfdo harvest` does)")
        p.add_argument("--chunk-lines", type=int, help="bulk: N-Quads lines per bulk-loader call (default "
                       "registry.store.bulk.CHUNK_LINES)")
        p.add_argument("--records-first", action="store_true",
                       help="bulk: make the synthetic records before the clock starts (time the ingest alone)")
        p.add_argument("--rounds", type=int, default=1, help="bulk: how many times to run every mode, alternating")
        p.add_argument("--until", help="build: add no chunk of records that would end after this UTC time (HH:MM)")
        p.add_argument("--redis-db", type=int, help="workers, fanout: the local Redis database for the counts lock "
                       "and the broker (default 13 and 15; fanout flushes it)")
    args = parser.parse_args()
    {"bulk": cmd_bulk, "workers": cmd_workers, "fanout": cmd_fanout, "build": cmd_build, "serve": cmd_serve,
     "day": cmd_day, "compact": cmd_compact}[args.cmd](args)


if __name__ == "__main__":
    main()
