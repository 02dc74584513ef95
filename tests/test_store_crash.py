"""A process killed with SIGKILL mid-ingest leaves a store that opens, with no half-written version."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from registry.store import Store
from tests.factories import BASE, DiesBeforeSecondStep

WRITER = """
import sys
from registry.store import Store
from tests.factories import model_record

KILL_POINT = sys.argv[2]


class Announcing:
    # The store's database, telling the test where a commit is: it kills the process there.
    def __init__(self, db):
        self._db = db
        self.armed = False

    def load(self, *args, **kwargs):
        if self.armed and KILL_POINT == "during-load":
            print("kill now", flush=True)  # the load below is what the SIGKILL interrupts
        self._db.load(*args, **kwargs)
        if self.armed and KILL_POINT == "between-steps":
            print("kill now", flush=True)
            sys.stdin.readline()  # wait for the kill: the batch's delete step never runs

    def __getattr__(self, name):
        return getattr(self._db, name)


store = Store.open(sys.argv[1], "%s", batch_size=100)
store.db = Announcing(store.db)
print("ready", flush=True)
for round_ in range(1000):
    store.db.armed = round_ >= 2  # rounds 0 and 1 complete; later ones change every record
    store.ingest_many(model_record(f"org/m{i}", description=f"round {round_}") for i in range(300))
    print("round", round_, flush=True)
""" % BASE


@pytest.mark.slow
@pytest.mark.parametrize("kill_point", ["between-steps", "during-load"])
def test_sigkill_during_ingest_leaves_consistent_store(tmp_path: Path, kill_point: str):
    root = Path(__file__).resolve().parent.parent
    proc = subprocess.Popen([sys.executable, "-c", WRITER, str(tmp_path), kill_point], cwd=root,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONPATH": str(root)})
    assert proc.stdout.readline().strip() == "ready"
    lines = []
    while not lines or lines[-1] != "kill now":  # the writer says when it is inside a commit
        line = proc.stdout.readline()
        assert line, f"the writer ended before the kill point: {lines}"
        lines.append(line.strip())
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    proc.stdout.close()
    proc.stdin.close()
    assert lines[:2] == ["round 0", "round 1"] and "round 2" not in lines

    store = Store.open(tmp_path, BASE)
    pids = store.pids()
    assert pids, "the rounds completed before the kill must be there"
    version_graphs = {g.value for g in store.db.named_graphs() if "/v/" in g.value}
    described = {row["v"].value for row in store.query(
        f"SELECT ?v WHERE {{ GRAPH <{store.prov_graph.value}> {{ ?v <http://www.w3.org/ns/prov#specializationOf> ?p }} }}")}
    assert version_graphs == described, "every version graph has its provenance and vice versa"
    for pid in pids:
        versions = store.versions(pid)
        assert [v.number for v in versions] == list(range(1, len(versions) + 1))
        current = {str(t) for t in store.current(pid)}
        latest = {str(t) for t in store.version(pid, versions[-1].number)}
        assert latest <= current, f"{pid}: current view lacks its latest version's triples"
        descriptions = [t.object.value for t in store.current(pid) if t.predicate.value.endswith("description")]
        assert len(descriptions) == 1, f"{pid}: half-applied update left {descriptions}"


def test_reopen_finishes_a_batch_interrupted_between_its_two_steps(tmp_path: Path):
    from tests.factories import model_record

    store = Store.open(tmp_path, BASE)
    pid = store.ingest(model_record("org/a", description="old", downloads=1)).pid
    store.db = DiesBeforeSecondStep(store.db)
    with pytest.raises(SystemExit):
        store.ingest(model_record("org/a", description="new", downloads=2))
    store.db = store.db._db
    store.close()
    del store

    again = Store.open(tmp_path, BASE)
    descriptions = [t.object.value for t in again.current(pid) if t.predicate.value.endswith("description")]
    assert descriptions == ["new"]
    assert [v.number for v in again.versions(pid)] == [1, 2]
    counts = [q.object.value for q in again.db.quads_for_pattern(None, None, None, again.registry_graph)
              if q.predicate.value.endswith("versionCount")]
    assert counts == ["2"]
    # the next harvest restores the volatile counters the repair dropped
    assert again.ingest(model_record("org/a", description="new", downloads=3)).status == "counters"
