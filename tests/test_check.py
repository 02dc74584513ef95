"""`mlfdo check` finds what a crash or a bug could leave behind, and passes a sound store."""

from __future__ import annotations

from pyoxigraph import DefaultGraph, Literal, NamedNode, Quad

from registry.store.consistency import check_store
from registry.vocab import MLFDO, PROV, SCHEMA
from tests.conftest import IDS, build_registry


def _checks(store) -> set[tuple[str, str]]:
    return {(p.check, p.subject) for p in check_store(store).problems}


def test_sound_store_passes_with_every_fdo_and_version_counted():
    store = build_registry().store
    report = check_store(store)
    assert report.ok and report.fdos == 12 and report.versions == 13


def test_version_graph_without_provenance_is_reported():
    store = build_registry().store
    pid = store.pid(IDS.base_lm)
    store.db.remove(Quad(NamedNode(f"{pid}/v/2"), PROV.specializationOf, NamedNode(pid), store.prov_graph))
    assert ("provenance", f"{pid}/v/2") in _checks(store)


def test_current_view_that_differs_from_latest_version_is_reported():
    store = build_registry().store
    pid = store.pid(IDS.base_lm)
    store.db.add(Quad(NamedNode(pid), SCHEMA.name, Literal("left over"), DefaultGraph()))
    assert _checks(store) == {("current", pid)}


def test_half_written_version_is_reported():
    store = build_registry().store
    pid = store.pid(IDS.finetuned)
    store.db.add(Quad(NamedNode(pid), MLFDO.versionCount, Literal("2", datatype=NamedNode(
        "http://www.w3.org/2001/XMLSchema#integer")), store.registry_graph))
    assert ("versions", pid) in _checks(store)


def test_tampered_version_content_fails_its_recorded_hash():
    store = build_registry().store
    pid = store.pid(IDS.glue)
    store.db.add(Quad(NamedNode(pid), SCHEMA.name, Literal("tampered"), NamedNode(f"{pid}/v/1")))
    assert ("provenance", f"{pid}/v/1") in _checks(store)


def test_check_command_exits_1_and_names_the_problem(tmp_path, runner):
    from registry.cli import cli

    registry = build_registry(tmp_path)
    pid = registry.store.pid(IDS.base_lm)
    registry.store.db.add(Quad(NamedNode(pid + "#extra"), SCHEMA.name, Literal("x"), DefaultGraph()))
    registry.close()
    result = runner.invoke(cli, ["--data-dir", str(tmp_path), "--base-url", "http://registry.test", "check"])
    assert result.exit_code == 1 and f"current: {pid}" in result.output
