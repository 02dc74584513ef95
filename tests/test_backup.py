"""`mlfdo backup` while a harvest writes and while the server runs; `mlfdo restore`; `mlfdo check` afterwards."""

from __future__ import annotations

import re
import subprocess
import sys
import threading
import time

import pytest
import requests

from harvesters.huggingface.offline import ReplayServer
from tests.hub_faults import FaultyReplayServer
from registry.backup import backup
from tests.crashing import BASE, ROOT, cli_env, consistency, small_snapshot, start_cli
from tests.servers import serve_process

pytestmark = [pytest.mark.slow, pytest.mark.server]


def _mlfdo(env: dict, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "registry", *args], env=env, cwd=ROOT, capture_output=True,
                          text=True, timeout=300)


def _pages(url: str, ids: list[str]) -> dict[str, bytes]:
    out = {}
    for fdo_id in ids:
        for accept in ("text/html", "text/turtle"):
            r = requests.get(f"{url}/fdo/{fdo_id}", headers={"Accept": accept}, timeout=30)
            # the CSP nonce is new in every response; everything else must be identical
            out[f"{fdo_id} {accept}"] = (r.status_code, re.sub(rb'nonce="[^"]*"', b'nonce=""', r.content))
    return out


def test_backup_during_harvest_restores_to_a_consistent_store(tmp_path):
    source, backup_dir, restored = tmp_path / "source", tmp_path / "backup", tmp_path / "restored"
    snapshot = small_snapshot(250)
    newest_first = sorted(snapshot.models.values(), key=lambda m: m.get("lastModified") or "", reverse=True)
    late_model = newest_first[180]["id"]  # harvested in the second batch (newest-modified first, 100 per batch)
    release, reached = threading.Event(), threading.Event()
    with FaultyReplayServer(snapshot) as hub:
        # The late model's card request waits until the backup is taken: the harvest has then committed its
        # first batch (batches are fetched one after another) and cannot finish before the card is answered
        # (or the client's 30 s timeout passes). The server, not a second store handle, says when that is.
        hub.fail(re.escape(late_model) + "/resolve/", 503, hold=release, reached=reached)
        env = cli_env(source, HF_ENDPOINT=hub.url, MLFDO_SHACL="1")
        harvest = start_cli(env, "harvest", "huggingface", "--since", "2000-01-01")
        try:
            while not reached.wait(0.2):
                assert harvest.poll() is None, harvest.communicate()
            summary = backup(source, backup_dir, base_url=BASE)  # what `mlfdo backup` runs, without a second start-up
            still_running = harvest.poll() is None
        finally:
            release.set()
            out, err = harvest.communicate(timeout=300)
    assert harvest.returncode == 0, err[-2000:]
    assert summary.quads > 0
    assert still_running, "the backup must be taken while the harvest writes"
    done = _mlfdo(cli_env(restored), "restore", str(backup_dir))
    assert done.returncode == 0, done.stderr
    check = _mlfdo(cli_env(restored), "check")
    assert check.returncode == 0 and "0 problem(s)" in check.stdout, check.stdout + check.stderr
    _, _, at_backup = consistency(restored)
    _, _, after = consistency(source)
    # A read-only handle sees what the writer had flushed when it opened: possibly nothing yet, never half.
    assert 0 <= at_backup["versions"] <= after["versions"]


def test_backup_while_serving_restores_identical_pages(tmp_path):
    source, backup_dir, restored = tmp_path / "source", tmp_path / "backup", tmp_path / "restored"
    with ReplayServer(small_snapshot(30)) as hub:
        env = cli_env(source, HF_ENDPOINT=hub.url, MLFDO_SHACL="0")
        assert _mlfdo(env, "harvest", "huggingface", "--since", "2000-01-01").returncode == 0
    ids = [line.rsplit("/", 1)[-1] for line in _mlfdo(env, "sparql", "SELECT ?s WHERE { ?s a ?t }",
                                                      "--format", "csv").stdout.split()[1:]
           if "/fdo/" in line and "#" not in line]
    assert ids
    with serve_process(source, {**env, "MLFDO_ADMIN_TOKEN": "t0ken"}) as server:
        before = _pages(server.url, ids)
        taken = _mlfdo(env, "backup", str(backup_dir))
        assert taken.returncode == 0, taken.stderr
        by_server = requests.post(server.url + "/admin/backup", json={"target": str(tmp_path / "by-server")},
                                  headers={"Authorization": "Bearer t0ken"}, timeout=120)
        assert by_server.status_code == 200 and by_server.json()["quads"] > 0, by_server.text
    refused = _mlfdo(cli_env(source), "restore", str(backup_dir))
    assert refused.returncode == 2 and "--force" in refused.stderr
    assert _mlfdo(cli_env(restored), "restore", str(backup_dir)).returncode == 0
    assert _mlfdo(cli_env(restored), "check").returncode == 0
    with serve_process(restored, cli_env(restored, MLFDO_SHACL="0")) as server:
        after = _pages(server.url, ids)
    assert after == before
    from_server = tmp_path / "restored-from-server"
    assert _mlfdo(cli_env(from_server), "restore", str(tmp_path / "by-server")).returncode == 0
    assert _mlfdo(cli_env(from_server), "check").returncode == 0
    with serve_process(from_server, cli_env(from_server, MLFDO_SHACL="0")) as server:
        assert _pages(server.url, ids) == before
