"""The store's read intents (labels, inbound links, catalogue, names, dumps) on both backends."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest
from pyoxigraph import DefaultGraph, NamedNode, Triple

from registry.store import Store
from registry.vocab import FAIR4ML
from tests.factories import BASE, dataset_pid, dataset_record, model_pid, model_record

T0 = datetime(2025, 1, 1, tzinfo=timezone.utc)


@pytest.fixture
def store(empty_store) -> Store:
    """A registry of a base model, three fine-tunes with different download counts, and a withdrawn model."""
    store = empty_store
    base = NamedNode(model_pid("acme/base"))
    records = [dataset_record("corpus"), model_record("acme/base", datasets=("corpus",), downloads=5)]
    for name, downloads in (("x/tune-a", 30), ("x/tune-b", 300), ("x/tune-c", 3)):
        records.append(model_record(name, downloads=downloads, datasets=("corpus",),
                                    extra=[Triple(NamedNode(model_pid(name)), FAIR4ML.fineTunedFrom, base)]))
    eval_node = NamedNode(model_pid("x/evaluator") + "#eval-1")
    records.append(model_record("x/evaluator", downloads=1, extra=[
        Triple(eval_node, FAIR4ML.evaluatedMLModel, NamedNode(model_pid("x/evaluator"))),
        Triple(eval_node, FAIR4ML.evaluationDataset, base)]))
    records.append(model_record("x/gone", extra=[Triple(NamedNode(model_pid("x/gone")), FAIR4ML.fineTunedFrom, base)]))
    store.ingest_many(records, now=T0)
    store.withdraw(model_pid("x/gone"), "asked by its owner", now=T0)
    return store


def test_labels_give_name_identifier_kind_and_status(store):
    labels = store.labels([model_pid("acme/base"), dataset_pid("corpus"), "https://example.org/elsewhere"])
    base = labels[model_pid("acme/base")]
    assert (base.name, base.identifier, base.kind, base.status) == ("base", "acme/base", "model", "active")
    assert labels[dataset_pid("corpus")].status == "stub"
    assert "https://example.org/elsewhere" not in labels


def test_labels_of_many_iris_span_several_queries(store):
    iris = [model_pid(f"nobody/m{i}") for i in range(900)] + [model_pid("x/tune-a")]
    assert set(store.labels(iris)) == {model_pid("x/tune-a")}


def test_inbound_counts_every_owner_once_and_leaves_out_withdrawn_models(store):
    links = store.inbound(model_pid("acme/base"))
    fine_tunes = links[FAIR4ML.fineTunedFrom.value]
    assert fine_tunes.total == 3
    assert set(fine_tunes.owners) == {model_pid(n) for n in ("x/tune-a", "x/tune-b", "x/tune-c")}
    # an evaluation node of x/evaluator points at the model: it counts as x/evaluator
    assert links[FAIR4ML.evaluationDataset.value].owners == (model_pid("x/evaluator"),)


def test_inbound_popular_ranks_by_downloads_and_limit_keeps_the_total(store):
    links = store.inbound(model_pid("acme/base"), [FAIR4ML.fineTunedFrom.value], limit=2, popular=True)
    assert list(links) == [FAIR4ML.fineTunedFrom.value]
    assert links[FAIR4ML.fineTunedFrom.value].owners == (model_pid("x/tune-b"), model_pid("x/tune-a"))
    assert links[FAIR4ML.fineTunedFrom.value].total == 3


def test_inbound_with_no_predicates_finds_nothing(store):
    assert store.inbound(model_pid("acme/base"), []) == {}


def test_catalogue_lists_current_fdos_of_the_kinds_asked(store):
    models = store.catalogue(["model"])
    assert model_pid("x/gone") not in models
    assert set(models) == {model_pid(n) for n in ("acme/base", "x/tune-a", "x/tune-b", "x/tune-c", "x/evaluator")}
    entry = models[model_pid("acme/base")]
    assert (entry.version, entry.kind, entry.status, entry.platform) == (1, "model", "active", "hf")
    datasets = store.catalogue(["dataset"])
    assert datasets[dataset_pid("corpus")].status == "stub"


def test_names_give_every_name_like_literal_and_downloads(store):
    found = store.names([model_pid("x/tune-b"), model_pid("nobody/none")])
    assert set(found) == {model_pid("x/tune-b")}
    assert found[model_pid("x/tune-b")].names == ("tune-b", "x/tune-b")
    assert found[model_pid("x/tune-b")].downloads == 300


def test_keyword_models_rank_by_words_found(store):
    store.ingest(model_record("y/solar-weather", description="Forecasts solar weather from images."), now=T0)
    hits = store.keyword_models(["solar", "weather", "images"], limit=5)
    assert hits[0].pid == model_pid("y/solar-weather") and hits[0].hits == 3
    assert store.keyword_models([], limit=5) == []


def test_dumps_split_current_view_and_history(store):
    current = list(store.current_quads())
    assert current and all(isinstance(q.graph_name, DefaultGraph) for q in current)
    history = list(store.history_quads())
    graphs = {q.graph_name.value for q in history}
    assert f"{model_pid('x/gone')}/v/1" in graphs  # withdrawn FDOs keep their versions
    assert store.registry_graph.value not in graphs and store.prov_graph.value in graphs
    assert store.answers()


def test_backend_facts(store, tmp_path):
    embedded = isinstance(store.db, type(Store.open(None, BASE).db))
    assert store.accepts_query_dataset() is embedded
    assert store.is_embedded_on_disk() is False
    on_disk = Store.open(tmp_path / "s", BASE)
    try:
        assert on_disk.is_embedded_on_disk() and on_disk.accepts_query_dataset()
    finally:
        on_disk.close()


def test_versions_come_with_their_harvest_activity(store):
    store.ingest(model_record("acme/base", description="Changed.", datasets=("corpus",), etag="sha-2"), now=T0)
    versions = store.versions(model_pid("acme/base"))
    assert [v.number for v in versions] == [1, 2]
    assert versions[1].source_etag == "sha-2" and versions[1].previous == versions[0].iri
    assert versions[0].harvester == "test"


def test_names_of_a_withdrawn_fdo_are_gone(store):
    assert store.names([model_pid("x/gone")]) == {}
