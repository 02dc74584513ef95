"""Harvest, ingest and index killed with SIGKILL at random points, over and over: the store stays consistent.

After every kill the data directory opens, holds no half-written version and passes the checks of
`mlfdo check`; at the end, running each command again completes the work. Set MLFDO_CRASH_KILLS
for a longer run (bench/crash_loop.sh).
"""

from __future__ import annotations

import os
import random
import signal
import time

import pytest

from harvesters.huggingface.offline import ReplayServer
from tests.crashing import cli_env, consistency, finish, small_snapshot, start_cli, write_ingest_file

pytestmark = [pytest.mark.slow]

KILLS = int(os.environ.get("MLFDO_CRASH_KILLS", "20"))
MODELS, INGESTED = 60, 120


def _kill_at_random(proc, delay: float) -> float | None:
    """SIGKILL ``proc`` after ``delay`` seconds; return None, or how long it ran when it finished first."""
    started = time.monotonic()
    while time.monotonic() < started + delay:
        if proc.poll() is not None:
            proc.communicate()
            return time.monotonic() - started
        time.sleep(0.02)
    proc.send_signal(signal.SIGKILL)
    finish(proc, 30)
    return None


def test_sigkill_loop_over_harvest_ingest_and_index_keeps_the_store_consistent(tmp_path):
    rng = random.Random(int(os.environ.get("MLFDO_CRASH_SEED", "12")))
    data_dir = tmp_path / "data"
    with ReplayServer(small_snapshot(MODELS)) as hub:
        env = cli_env(data_dir, HF_ENDPOINT=hub.url)
        plan = {  # command, and a first guess of how long it runs (seconds)
            "harvest": (("harvest", "huggingface", "--since", "2000-01-01"), 4.0),
            "ingest": (("ingest", str(tmp_path / "records.ttl")), 3.0),
            "index": (("index",), 6.0),  # the default static embedder (MiniLM's load took most of a run)
        }
        # The kill lands at a random fraction of the command's run time, learnt from the runs that
        # finished before their kill: a fixed window misses on a faster or slower machine.
        lasts = {name: guess for name, (_, guess) in plan.items()}
        kills: dict[str, int] = {name: 0 for name in plan}
        rounds = 0
        while sum(kills.values()) < KILLS and rounds < KILLS * 3:
            rounds += 1
            name = rng.choice(["harvest", "harvest", "ingest", "ingest", "index"])
            if name == "ingest":
                write_ingest_file(tmp_path / "records.ttl", INGESTED, rounds)
            args = plan[name][0]
            ran = _kill_at_random(start_cli(env, *args), rng.uniform(0.2, 0.95) * lasts[name])
            if ran is None:
                kills[name] += 1
            else:
                lasts[name] = ran
            store, index, _ = consistency(data_dir)
            assert store.ok, f"after killing {name} (round {rounds}): {[p.line() for p in store.problems]}"
            assert index is None or index.ahead == [], f"index holds versions the store lacks after {name}"
        assert sum(kills.values()) >= KILLS and all(kills.values()), kills

        for name in ("harvest", "ingest", "index"):  # a re-run completes the work
            proc = start_cli(env, *plan[name][0])
            out, err = finish(proc, 600)
            assert proc.returncode == 0, f"{name} re-run failed: {err[-2000:]}"
    store, index, stats = consistency(data_dir)
    assert store.ok and index is not None and index.current, (store.problems, index)
    models = stats["by_kind"]["model"]
    assert models.get("active", 0) >= MODELS + INGESTED, stats


@pytest.mark.parametrize("command", [("harvest", "huggingface", "--since", "2000-01-01"), ("index",)])
def test_ctrl_c_stops_harvest_and_index_with_a_clear_message_and_nothing_half_written(tmp_path, command):
    data_dir = tmp_path / "data"
    with ReplayServer(small_snapshot(300 if command[0] == "harvest" else MODELS)) as hub:
        # MiniLM (torch) for the index: embedding 60 models takes long enough to be interrupted mid-work
        env = cli_env(data_dir, HF_ENDPOINT=hub.url, MLFDO_INGEST_BATCH="5", MLFDO_EMBEDDER="minilm")
        if command[0] == "index":  # something to index first
            finish(start_cli(env, "harvest", "huggingface", "--since", "2000-01-01"), 300)
        proc = start_cli(env, *command)
        marker = "indexing" if command[0] == "index" else "harvested 50 models"
        seen = ""
        try:
            while marker not in seen:  # progress has started: the command is mid-work
                char = proc.stderr.read(1)
                assert char, f"{command[0]} ended before it showed progress: {seen[-500:]}"
                seen += char
            time.sleep(0.5)
            proc.send_signal(signal.SIGINT)
        finally:
            _, err = finish(proc, 120)
    assert proc.returncode == 130, err[-1000:]
    assert "Interrupted" in err and "nothing half-written" in err and "Traceback" not in err
    store, index, _ = consistency(data_dir)
    assert store.ok, [p.line() for p in store.problems]
    assert index is None or index.ahead == []
