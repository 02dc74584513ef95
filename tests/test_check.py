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


def _set_count(store, node_suffix: str, value: int) -> None:
    """Overwrite one maintained count of the listing (as a lost count update would leave it)."""
    g = store.registry_graph
    node = NamedNode(f"{g.value}#{node_suffix}")
    for quad in list(store.db.quads_for_pattern(node, MLFDO.catCount, None, g)):
        store.db.remove(quad)
    store.db.add(Quad(node, MLFDO.catCount, Literal(str(value), datatype=NamedNode(
        "http://www.w3.org/2001/XMLSchema#integer")), g))


def test_listing_count_that_lost_an_update_is_reported_with_both_figures():
    store = build_registry().store
    listed = check_store(store)
    assert not [p for p in listed.problems if p.check == "listing"]
    _set_count(store, "cat-stat-versions", 99)
    problems = [p.detail for p in check_store(store).problems if p.check == "listing"]
    assert problems == ["versions: listed 99, stored 13"]


def test_listing_that_counts_an_fdo_twice_is_reported_by_kind():
    store = build_registry().store
    kind, g = "model", store.registry_graph
    active = sum(1 for _ in store.db.quads_for_pattern(None, MLFDO.kind, Literal("model"), g))
    node = next(q.subject for q in store.db.quads_for_pattern(None, MLFDO.catKey, Literal(f"{kind} active"), g)
                if q.subject.value.startswith(f"{g.value}#cat-pid-"))
    _set_count(store, node.value.split("#", 1)[1], active + 1)
    details = [p.detail for p in check_store(store).problems if p.check == "listing"]
    assert len(details) == 1 and details[0].startswith(f"{kind} FDOs by status: listed {{'active': {active + 1}")
