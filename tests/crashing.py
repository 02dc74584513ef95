"""Helpers for the kill tests: a small Hub snapshot, an ingest file, CLI processes and the consistency check."""

from __future__ import annotations

import itertools
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from harvesters.huggingface.snapshot import demo_snapshot_dir
from harvesters.huggingface.offline import Snapshot
from registry.search.consistency import IndexReport, check_index
from registry.service import Registry
from registry.store.consistency import StoreReport, check_store

ROOT = Path(__file__).resolve().parent.parent
BASE = "http://registry.test"


def small_snapshot(models: int) -> Snapshot:
    """Return the first ``models`` models of the bundled snapshot, with their cards."""
    full = Snapshot.load(demo_snapshot_dir())
    chosen = list(itertools.islice(full.models.values(), models))
    return Snapshot(chosen, {m["id"]: full.card(m["id"]) for m in chosen if full.card(m["id"])})


def write_ingest_file(path: Path, records: int, round_: int) -> Path:
    """Write ``records`` models in Turtle whose descriptions name ``round_`` (so each round changes them)."""
    lines = ["@prefix schema: <https://schema.org/> .", "@prefix fair4ml: <https://w3id.org/fair4ml#> ."]
    for i in range(records):
        lines.append(f'<https://example.org/models/m{i}> a fair4ml:MLModel ; schema:name "m{i}" ; '
                     f'schema:identifier "example/m{i}" ; schema:description "Model {i}, written in round {round_}." .')
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def cli_env(data_dir: Path, **extra: str) -> dict:
    return {**os.environ, "PYTHONPATH": str(ROOT), "MLFDO_DATA_DIR": str(data_dir), "MLFDO_BASE_URL": BASE,
            "MLFDO_QDRANT_URL": "", "MLFDO_EMBEDDER": "static", **extra}


def start_cli(env: dict, *args: str) -> subprocess.Popen:
    """Start `mlfdo ARGS...` with its output collected, in a process group of its own (its children too)."""
    return subprocess.Popen([sys.executable, "-m", "registry", *args], env=env, cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True,
                            preexec_fn=_default_sigint)


def _default_sigint() -> None:
    """Give the command Ctrl-C's default action: a test suite started in the background of a shell without job control
    inherits SIGINT ignored, and the command would then run through the Ctrl-C the tests send it."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def finish(proc: subprocess.Popen, timeout: float) -> tuple[str, str]:
    """Return the output of ``proc`` once it has exited; fail with every thread's stack if it runs past ``timeout``.

    A command that does not exit is asked for its stacks (SIGUSR1, see registry/cli), then its
    process group is killed, so that no process or pipe outlives the test.
    """
    try:
        return proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.kill(proc.pid, signal.SIGUSR1)
        time.sleep(2)
        os.killpg(proc.pid, signal.SIGKILL)
        out, err = proc.communicate()
        raise AssertionError(f"the command did not exit within {timeout:g} s; its stderr, with its threads' "
                             f"stacks:\n{err[-6000:]}") from None


def consistency(data_dir: Path) -> tuple[StoreReport, IndexReport | None, dict]:
    """Open the data directory as every command does and run the checks of `mlfdo check`; return stats too."""
    registry = Registry.open({"DATA_DIR": str(data_dir), "BASE_URL": BASE, "SHACL": False, "QDRANT_URL": ""})
    try:
        return check_store(registry.store), check_index(registry), registry.store.stats()
    finally:
        registry.close()
