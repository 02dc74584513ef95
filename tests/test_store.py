"""The store's versioning rules (DESIGN.md "The quad store"), on a real pyoxigraph store."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from pyoxigraph import BlankNode, DefaultGraph, Literal, NamedNode, Triple

from registry.errors import NotFound, RecordError
from registry.record import Record
from registry.store import Store
from registry.vocab import FAIR4ML, MLFDO, PROV, SCHEMA
from tests.factories import BASE, dataset_pid, dataset_record, model_pid, model_record

T0 = datetime(2025, 1, 1, tzinfo=timezone.utc)


@pytest.fixture
def store(empty_store) -> Store:
    """The same behaviour on both backends: embedded pyoxigraph and a real SPARQL server."""
    return empty_store


def default_values(store: Store, subject: str, prop: NamedNode) -> set[str]:
    return {q.object.value for q in store.db.quads_for_pattern(NamedNode(subject), prop, None, DefaultGraph())}


def test_ingest_same_record_twice_gives_one_version_and_notes_the_check(store):
    first = store.ingest(model_record("org/a"), now=T0)
    second = store.ingest(model_record("org/a"), now=T0 + timedelta(hours=1))
    assert (first.status, first.version) == ("new", 1)
    assert (second.status, second.version) == ("unchanged", 1)
    [v1] = store.versions(first.pid)
    assert v1.check_count == 1
    assert v1.last_checked == T0 + timedelta(hours=1)


def test_changed_record_gives_version_2_revision_of_version_1(store):
    pid = store.ingest(model_record("org/a", description="old"), now=T0).pid
    result = store.ingest(model_record("org/a", description="new"), now=T0 + timedelta(days=1))
    assert (result.status, result.version) == ("changed", 2)
    v1, v2 = store.versions(pid)
    assert v2.previous == v1.iri
    prov = list(store.db.quads_for_pattern(NamedNode(v2.iri), PROV.wasRevisionOf, None, store.prov_graph))
    assert [q.object.value for q in prov] == [v1.iri]
    d = store.diff(pid, 1, 2)
    assert d.by_property == {str(SCHEMA) + "description": {"added": 1, "removed": 1}}
    assert [t.object.value for t in d.added] == ["new"]


def test_counter_change_updates_current_view_without_new_version(store):
    pid = store.ingest(model_record("org/a", downloads=10), now=T0).pid
    result = store.ingest(model_record("org/a", downloads=99, likes=5), now=T0 + timedelta(hours=2))
    assert result.status == "counters"
    assert len(store.versions(pid)) == 1
    assert default_values(store, pid, MLFDO.downloads) == {"99"}
    assert default_values(store, pid, MLFDO.likes) == {"5"}
    # counters are outside the version graph and the hash
    assert all(t.predicate != MLFDO.downloads for t in store.version(pid, 1))


def test_removed_value_leaves_current_view_but_stays_in_old_version(store):
    pid = store.ingest(model_record("org/a", keywords=("bert", "nlp")), now=T0).pid
    store.ingest(model_record("org/a", keywords=("bert",)), now=T0 + timedelta(days=1))
    rows = list(store.query(f"SELECT ?k WHERE {{ <{pid}> <{SCHEMA}keywords> ?k }}"))
    assert [r["k"].value for r in rows] == ["bert"]
    old = {t.object.value for t in store.version(pid, 1) if t.predicate == SCHEMA.keywords}
    assert old == {"bert", "nlp"}


def test_two_fdos_referencing_one_dataset_keep_each_others_triples(store):
    store.ingest_many([model_record("org/a", datasets=("squad",)), dataset_record("squad"),
                       model_record("org/b", datasets=("squad",)), dataset_record("squad")], now=T0)
    # org/a drops the dataset; org/b and the dataset FDO must be untouched
    store.ingest(model_record("org/a"), now=T0 + timedelta(days=1))
    ds = dataset_pid("squad")
    assert default_values(store, model_pid("org/b"), FAIR4ML.trainedOn) == {ds}
    assert default_values(store, model_pid("org/a"), FAIR4ML.trainedOn) == set()
    assert default_values(store, ds, SCHEMA.name) == {"squad"}


def test_stub_is_written_once_and_replaced_by_a_full_record(store):
    results = store.ingest_many([dataset_record("squad"), dataset_record("squad")], now=T0)
    assert [r.status for r in results] == ["new", "stub-skipped"]
    assert store.status(dataset_pid("squad")) == "stub"
    full = store.ingest(dataset_record("squad", stub=False).__class__(
        dataset_pid("squad"),
        dataset_record("squad").triples + [Triple(NamedNode(dataset_pid("squad")), SCHEMA.description, Literal("QA"))],
        kind="dataset"), now=T0 + timedelta(days=1))
    assert (full.status, full.version) == ("changed", 2)
    assert store.status(dataset_pid("squad")) == "active"


def test_blank_nodes_are_skolemised_by_content_so_equal_versions_compare_equal(store):
    pid = model_pid("org/a")
    def with_eval(value: str) -> Record:
        ev = BlankNode()
        extra = [Triple(NamedNode(pid), FAIR4ML.hasEvaluation, ev), Triple(ev, SCHEMA.name, Literal("accuracy")),
                 Triple(ev, SCHEMA.value, Literal(value))]
        return model_record("org/a", extra=extra)
    store.ingest(with_eval("0.9"), now=T0)
    assert store.ingest(with_eval("0.9"), now=T0).status == "unchanged"
    store.ingest(with_eval("0.95"), now=T0 + timedelta(days=1))
    nodes = {t.subject.value for t in store.version(pid, 2) if t.subject.value != pid}
    assert len(nodes) == 1 and next(iter(nodes)).startswith(pid + "#b-")
    d = store.diff(pid, 1, 2)
    assert {t.object.value for t in d.removed if t.predicate == SCHEMA.value} == {"0.9"}


def test_record_with_foreign_subject_is_refused_and_nothing_is_written(store):
    rec = model_record("org/a")
    rec.triples.append(Triple(NamedNode("https://elsewhere.example/x"), SCHEMA.name, Literal("x")))
    with pytest.raises(RecordError, match="not owned"):
        store.ingest(rec)
    assert store.stats()["fdos"] == 0


def test_batch_with_one_bad_record_stores_the_others(store):
    bad = Record("", [], kind="model")
    results = store.ingest_many([model_record("org/a"), bad, model_record("org/b")], now=T0)
    assert [r.status for r in results] == ["new", "failed", "new"]
    assert "no identifier" in results[1].error


def test_version_at_returns_the_version_current_at_that_time(store):
    pid = store.ingest(model_record("org/a", description="one"), now=T0).pid
    store.ingest(model_record("org/a", description="two"), now=T0 + timedelta(days=10))
    assert store.version_at(pid, T0 - timedelta(seconds=1)) is None
    assert store.version_at(pid, T0 + timedelta(days=5)).number == 1
    assert store.version_at(pid, T0 + timedelta(days=10)).number == 2


def test_provenance_records_harvest_activity_hash_and_fair4ml_version(store):
    pid = store.ingest(model_record("org/a", etag="abc123"), now=T0).pid
    [v] = store.versions(pid)
    assert v.harvester == "test" and v.source_etag == "abc123"
    assert v.source_url == "https://huggingface.co/api/models/org/a"
    assert len(v.content_hash) == 64
    assert bool(store.query(f"ASK {{ GRAPH <{store.prov_graph.value}> {{ <{v.iri}> "
                            "<http://purl.org/dc/terms/conformsTo> <https://w3id.org/fair4ml/0.1.0> } }"))


def test_withdraw_removes_current_view_and_keeps_versions(store):
    pid = store.ingest(model_record("org/a"), now=T0).pid
    store.withdraw(pid, "removed at the source")
    assert store.status(pid) == "withdrawn"
    assert default_values(store, pid, SCHEMA.name) == set()
    assert store.version(pid, 1)
    assert store.withdrawal(pid)["reason"] == "removed at the source"
    assert pid not in store.pids()


def test_resolve_by_id_pid_alias_and_platform_id(store):
    pid = store.ingest(model_record("Org/Model"), now=T0).pid
    fdo_id = pid.rsplit("/", 1)[-1]
    store.add_alias("hf:old-org/old-name", pid)
    assert store.resolve(fdo_id) == pid
    assert store.resolve(pid) == pid
    assert store.resolve("hf:old-org/old-name") == pid
    assert store.resolve("hf:org/model") == pid  # the Hub ignores case
    assert store.resolve("hf:org/unknown") is None
    with pytest.raises(NotFound):
        store.current(model_pid("org/unknown"))


def test_harvest_state_is_replaced_not_accumulated(store):
    store.set_state("hf:high_water", "2025-01-01")
    store.set_state("hf:high_water", "2025-02-01")
    assert store.get_state("hf:high_water") == "2025-02-01"
    assert store.get_state("other") is None


def test_on_disk_store_reopens_with_same_content(tmp_path):
    s = Store.open(tmp_path, BASE)
    pid = s.ingest(model_record("org/a"), now=T0).pid
    s.close()
    del s
    again = Store.open(tmp_path, BASE)
    assert again.versions(pid)[0].number == 1
    assert {t.predicate.value for t in again.current(pid)} >= {str(SCHEMA) + "name"}


def test_raw_record_is_kept_per_version(tmp_path):
    s = Store.open(tmp_path, BASE)
    rec = model_record("org/a")
    rec.raw = '{"id": "org/a"}'
    pid = s.ingest(rec).pid
    assert s.raw(pid, 1) == '{"id": "org/a"}'


def test_validation_summary_and_report_are_kept_with_the_version():
    from registry.validate import Validator

    store = Store.open(None, BASE, validator=Validator.default())
    rec = model_record("org/a", licence=None)
    rec.triples.append(Triple(NamedNode(rec.pid), SCHEMA.dateModified, Literal("yesterday")))
    pid = store.ingest(rec).pid
    [v] = store.versions(pid)
    assert v.conforms is False and v.violations >= 1 and v.warnings >= 1
    results = store.validation_results(pid, 1)
    assert results[0]["severity"] == "Violation"
    assert any(r["path"] == str(SCHEMA) + "dateModified" for r in results if r["severity"] == "Violation")
    assert any(r["path"] == str(SCHEMA) + "license" for r in results if r["severity"] == "Warning")
    assert len(results) == v.violations + v.warnings
