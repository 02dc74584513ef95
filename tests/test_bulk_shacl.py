"""SHACL in a child process during a bulk load: the same quads and reports as the transactional ingest, and safe stops."""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

import pytest
from pyoxigraph import BlankNode, Literal, NamedNode, Triple

from registry.record import Record
from registry.shacl_process import ValidatorProcess
from registry.store import Store, bulk, listing
from registry.validate import Validator
from registry.vocab import FAIR4ML, MLFDO, RDF, SCHEMA
from tests.factories import BASE, dataset_record, model_record

T0 = datetime(2025, 1, 1, tzinfo=timezone.utc)
ROOT = Path(__file__).resolve().parent.parent


def _records(n: int = 120) -> list[Record]:
    """Models, every fifth with violations (a licence given as text, no name), one with "_:" in a literal, stubs."""
    records = []
    for i in range(n):
        if i % 5 == 0:
            record = model_record(f"org/bad{i}", licence=None, downloads=i,
                                  extra=[Triple(NamedNode(model_record(f"org/bad{i}").pid), SCHEMA.license,
                                                Literal("MIT"))])
            record.triples = [t for t in record.triples if t.predicate != SCHEMA.name]
        elif i == 7:
            record = model_record(f"org/m{i}", description="Its card names the node _:b0 in an example.")
        else:
            record = model_record(f"org/m{i}", downloads=i, datasets=(f"ds/{i % 3}",))
        records.append(record)
    return records + [dataset_record(f"ds/{i}") for i in range(3)]


def _quads(store: Store) -> set[str]:
    return {str(q) for q in store.db.quads_for_pattern(None, None, None, None)
            if q.graph_name != store.registry_graph or "#cat-" not in q.subject.value}


def _reports(store: Store) -> dict[str, list[dict]]:
    return {pid: store.validation_results(pid, 1) for pid in store.pids()}


def test_records_validated_in_the_child_process_are_stored_as_the_transactional_ingest_stores_them(tmp_path: Path):
    records = _records()
    transactional = Store.open(tmp_path / "t", BASE, validator=Validator.default(), batch_size=25)
    transactional.ingest_many(records, now=T0)
    bulk_store = Store.open(tmp_path / "b", BASE, validator=Validator.default(), batch_size=25)
    with bulk_store.bulk(now=T0) as bulk_loading:
        process = bulk_store._bulk.validator
        assert isinstance(process, ValidatorProcess) and process.pid != os.getpid()
        bulk_store.ingest_many(records, now=T0)
    assert bulk_loading and not process.failed
    assert _quads(bulk_store) == _quads(transactional)
    assert _reports(bulk_store) == _reports(transactional)
    bad = model_record("org/bad5").pid
    violations = [r for r in bulk_store.validation_results(bad, 1) if r["severity"] == "Violation"]
    assert {r["path"] for r in violations} >= {SCHEMA.license.value, SCHEMA.name.value}
    assert bulk_store.versions(bad)[0].conforms is False
    assert bulk_store.versions(model_record("org/m7").pid)[0].conforms is True
    with pytest.raises(ProcessLookupError):  # the session ended it and reaped it
        os.kill(process.pid, 0)


def test_a_killed_validator_process_is_replaced_by_validation_in_this_process(tmp_path: Path, caplog):
    records = _records()
    transactional = Store.open(tmp_path / "t", BASE, validator=Validator.default(), batch_size=25)
    transactional.ingest_many(records, now=T0)
    store = Store.open(tmp_path / "b", BASE, validator=Validator.default(), batch_size=25)
    with caplog.at_level(logging.WARNING, logger="registry.shacl_process"), store.bulk(now=T0):
        process = store._bulk.validator
        store.ingest_many(records[:40], now=T0)
        os.kill(process.pid, signal.SIGKILL)
        store.ingest_many(records[40:], now=T0)
    assert process.failed
    assert "validating in this process" in caplog.text
    assert _quads(store) == _quads(transactional)
    assert _reports(store) == _reports(transactional)


def test_the_validator_process_gives_what_the_validator_gives_and_raises_what_it_raises():
    validator = Validator.default()
    pid = NamedNode(model_record("org/blank").pid)
    evaluation = BlankNode("e1")  # a blank node: the lines are parsed back in the child
    with_blank = [*model_record("org/blank").triples, Triple(pid, FAIR4ML.hasEvaluation, evaluation),
                  Triple(evaluation, RDF.type, FAIR4ML.MLModelEvaluation)]
    graphs = [r.triples for r in _records(12)] + [with_blank]
    process = ValidatorProcess(validator)
    try:
        assert process.validate_many(graphs) == validator.validate_many(graphs)
        assert process.validate_lines([[str(t) for t in g] for g in graphs]) == validator.validate_many(graphs)
        with pytest.raises(ValueError):
            validator.validate_lines([["not an N-Triples line"]])
        with pytest.raises(ValueError):
            process.validate_lines([["not an N-Triples line"]])
        assert not process.failed, "an error in the validation is raised, the process goes on"
        assert process.validate_many(graphs[:2]) == validator.validate_many(graphs[:2])
    finally:
        process.close()


INTERRUPTED = """
import os, signal, sys
from datetime import datetime, timezone
from registry.store import Store
from registry.validate import Validator
from tests.test_bulk_shacl import _records

store = Store.open(sys.argv[1], "%s", validator=Validator.default(), batch_size=20)
now = datetime(2025, 1, 1, tzinfo=timezone.utc)
done = []

def ctrl_c(result):  # after the third batch is written, Ctrl-C as a terminal sends it: to the process group
    done.append(result)
    if len(done) == 60:
        print(store._bulk.validator.pid, flush=True)
        os.killpg(os.getpgid(0), signal.SIGINT)

try:
    with store.bulk(now=now):
        store.ingest_many(_records(), now=now, progress=ctrl_c)
except KeyboardInterrupt:
    store.close()
    sys.exit(130)
""" % BASE


def test_ctrl_c_during_a_bulk_load_with_the_validator_process_keeps_whole_batches_only(tmp_path: Path):
    proc = subprocess.run([sys.executable, "-c", INTERRUPTED, str(tmp_path)], cwd=ROOT, timeout=120,
                          capture_output=True, text=True, start_new_session=True,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert proc.returncode == 130, proc.stderr
    child = int(proc.stdout.split()[0])
    time.sleep(0.2)
    with pytest.raises(ProcessLookupError):  # no validator process left behind
        os.kill(child, 0)
    assert "Traceback" not in proc.stderr, "the child ignores the Ctrl-C"
    store = Store.open(tmp_path, BASE)
    kept = len(store.pids())
    assert 60 <= kept < len(_records()), "the batches written before the Ctrl-C are kept, the rest is not"
    assert listing.differences(store) == [] and not listing.has_pending(store)
    assert not list(store.db.quads_for_pattern(None, MLFDO.bulkLoadBegun, None, store.registry_graph))
    # what is there is exactly what the transactional ingest of the same first records writes
    expected = Store.open(tmp_path / "expected", BASE, validator=Validator.default(), batch_size=20)
    firsts = [r for r in _records() if r.pid in set(store.pids())]
    expected.ingest_many(firsts, now=T0)
    assert len(firsts) == kept
    assert _quads(store) == _quads(expected)


def test_a_completed_bulk_session_compacts_the_store_and_says_so(tmp_path: Path, monkeypatch):
    monkeypatch.setattr(bulk, "CHUNK_LINES", 1000)  # a run of several chunks: one that says how its end goes
    store = Store.open(tmp_path / "done", BASE)
    said: list[str] = []
    with store.bulk(now=T0, progress=said.append):
        store.ingest_many([model_record(f"org/m{i}") for i in range(30)], now=T0)
    assert any("compacted" in s for s in said)
    stopped = Store.open(tmp_path / "stopped", BASE)
    said.clear()
    with pytest.raises(KeyboardInterrupt), stopped.bulk(now=T0, progress=said.append):
        stopped.ingest_many([model_record(f"org/m{i}") for i in range(30)], now=T0)
        raise KeyboardInterrupt
    assert said and not any("compact" in s for s in said), "an interrupted run ends quickly, uncompacted"
    assert len(stopped.pids()) == 30


ORPHANED = """
import os, sys, time
from registry.shacl_process import ValidatorProcess
from registry.validate import Validator
process = ValidatorProcess(Validator.default())
holder = os.fork()  # a process that keeps every descriptor, the pipe to the validator included
if holder == 0:
    quiet = os.open(os.devnull, os.O_RDWR)  # not the test's output pipes: the test reads them to their end
    for fd in (0, 1, 2):
        os.dup2(quiet, fd)
    time.sleep(60)
    os._exit(0)
print(process.pid, holder, flush=True)
os._exit(0)  # the parent goes without closing the validator
"""


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as f:
            return f.read().split(") ")[1][0] != "Z"
    except FileNotFoundError:
        return False


def test_the_validator_process_exits_when_its_parent_has_gone_though_its_pipe_is_still_held_open():
    out = subprocess.run([sys.executable, "-c", ORPHANED], cwd=ROOT, timeout=120, capture_output=True, text=True,
                         env={**os.environ, "PYTHONPATH": str(ROOT)})
    child, holder = (int(pid) for pid in out.stdout.split())
    try:
        assert _alive(holder)
        deadline = time.monotonic() + 10
        while _alive(child) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not _alive(child), "the validator process outlived its parent"
        assert _alive(holder), "the test needs the pipe held open until the validator has gone"
    finally:
        for pid in (child, holder):
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)


def test_a_validator_process_found_dead_is_reaped_and_its_pipes_closed_at_once():
    process = ValidatorProcess(Validator.default())
    os.kill(process.pid, signal.SIGKILL)
    summaries = process.validate_many([model_record("org/after-kill").triples])  # validated here instead
    assert process.failed and summaries[0].conforms
    assert process._process.returncode == -signal.SIGKILL
    assert process._send.closed and process._receive.closed  # not left for the garbage collector
    process.close()  # and closing again is harmless


def test_the_validator_process_imports_this_registry_package_not_one_in_the_working_directory(tmp_path, monkeypatch):
    other = tmp_path / "registry"  # another checkout's package, where a command happens to be run from
    other.mkdir()
    (other / "__init__.py").write_text("")
    (other / "shacl_process.py").write_text("import sys\nsys.exit(3)\n")
    monkeypatch.chdir(tmp_path)
    process = ValidatorProcess(Validator.default())
    try:
        summaries = process.validate_many([model_record("org/from-elsewhere").triples])
        assert not process.failed, "the child ran the other package"
        assert summaries[0].conforms
    finally:
        process.close()
