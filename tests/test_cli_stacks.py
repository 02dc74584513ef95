"""`kill -USR1` on a running `mlfdo` command prints every thread's stack on stderr, and the command goes on."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_sigusr1_prints_the_stacks_of_a_waiting_command_which_then_completes(tmp_path):
    env = {**os.environ, "PYTHONPATH": str(ROOT), "MLFDO_DATA_DIR": str(tmp_path / "data"), "MLFDO_QDRANT_URL": ""}
    # `mlfdo sparql -` waits for its query on stdin: a command caught mid-work
    proc = subprocess.Popen([sys.executable, "-m", "registry", "sparql", "-"], env=env, cwd=ROOT,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while "pipe_read" not in Path(f"/proc/{proc.pid}/wchan").read_text():  # it has opened the store, reads stdin
            assert proc.poll() is None and time.monotonic() < deadline, "the command never waited for its query"
            time.sleep(0.1)
        os.kill(proc.pid, signal.SIGUSR1)
        out, err = proc.communicate("ASK { ?s ?p ?o }", timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert proc.returncode == 0, err[-2000:]
    assert "Current thread" in err or "Thread 0x" in err, err[-2000:]
    assert "sys.stdin.read()" in err or "store_cmds.py" in err, err[-2000:]
    assert "false" in out.lower() or "true" in out.lower()
