"""End to end: OpenML replay (recorded answers) -> the real openml client -> transform -> the real store."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from harvesters.openml import OpenMLClient, harvest
from harvesters.openml.offline import OpenMLReplay, OpenMLSnapshot, demo_snapshot_dir
from harvesters.openml.transform import openml_pid
from harvesters.run import exit_code
from registry.store import Store
from registry.vocab import FAIR4ML, MLFDO, SCHEMA

BASE = "http://registry.test"


@pytest.fixture
def store() -> Store:
    return Store.open(None, BASE)


@pytest.fixture
def snapshot() -> OpenMLSnapshot:
    return OpenMLSnapshot.load(demo_snapshot_dir())


@pytest.fixture
def server(snapshot):
    with OpenMLReplay(snapshot) as replay:
        yield replay


@pytest.fixture
def client(server):
    with OpenMLClient(server.server_url, retries=1) as om:
        yield om


def run(store, client, **kwargs):
    return harvest(store, base_url=BASE, client=client, **kwargs)


def values(store, kind: str, object_id: str, prop, subject: str | None = None) -> set[str]:
    pid = openml_pid(BASE, kind, object_id)
    subject = subject or pid
    return {t.object.value for t in store.current(pid) if t.subject.value == subject and t.predicate == prop}


def node_values(store, kind: str, object_id: str, link, prop) -> dict[str, set[str]]:
    """Return {name of linked node: values of ``prop``} for the owned nodes behind ``link``."""
    pid = openml_pid(BASE, kind, object_id)
    triples = store.current(pid)
    nodes = {t.object.value for t in triples if t.subject.value == pid and t.predicate == link}
    out = {}
    for node in nodes:
        name = next(t.object.value for t in triples if t.subject.value == node and t.predicate == SCHEMA.name)
        out[name] = {t.object.value for t in triples if t.subject.value == node and t.predicate == prop}
    return out


def test_a_run_becomes_an_evaluation_with_its_metrics_settings_and_links(store, client, server):
    summary = run(store, client, runs=["100"])
    assert values(store, "run", "100", SCHEMA.url) == {"https://www.openml.org/r/100"}
    metrics = node_values(store, "run", "100", FAIR4ML.evaluationResults, SCHEMA.value)
    assert metrics["predictive_accuracy"] == {"0.922242"} and metrics["kappa"] == {"0.913601"}
    assert "os_information" not in metrics  # no aggregate value: per-fold arrays are left out
    settings = node_values(store, "run", "100", MLFDO.parameterSetting, SCHEMA.value)
    assert settings["Q"] == {"weka.classifiers.bayes.net.search.local.K2"} and settings["D"] == {"true"}
    assert values(store, "run", "100", FAIR4ML.evaluatedMLModel) == {openml_pid(BASE, "flow", "67")}
    assert values(store, "run", "100", FAIR4ML.evaluationDataset) == {openml_pid(BASE, "dataset", "28")}
    assert values(store, "run", "100", MLFDO.evaluationTaskOf) == {openml_pid(BASE, "task", "28")}
    # the flow, task and dataset are not in the recording: OpenML's 412 answers become stubs that say so
    assert summary.new == 1 and summary.failed == 0
    assert server.counts == {"run": 1, "flow": 1, "task": 1, "data": 1}
    for kind, oid, text in (("flow", "67", "flow does not exist"), ("task", "28", "Task does not exist")):
        pid = openml_pid(BASE, kind, oid)
        assert store.status(pid) == "stub"
        (problem,) = values(store, kind, oid, MLFDO.sourceProblem)
        assert text in problem and f"OpenML has no {kind} {oid}" in problem
    assert any("OpenML has no dataset 28" in p for p in summary.problems)


def test_a_stub_of_an_object_openml_does_not_have_keeps_the_name_the_run_gave_it(store, client):
    # run 100 names its flow (weka.BayesNet_K2(1)) and data set (optdigits); OpenML has neither: their stubs say
    # so and keep those names, so that the run's links and the stubs are found by them; the task it gives no name
    run(store, client, runs=["100"])
    assert values(store, "dataset", "28", SCHEMA.name) == {"optdigits"}
    assert values(store, "flow", "67", SCHEMA.name) == {"weka.BayesNet_K2(1)"}
    assert values(store, "task", "28", SCHEMA.name) == {"OpenML task 28"}
    assert all(values(store, kind, oid, MLFDO.sourceProblem) for kind, oid in (("dataset", "28"), ("flow", "67")))


def test_a_flow_maps_hyperparameters_components_uploader_and_dates(store, client):
    run(store, client, flows=["4253"])
    assert values(store, "flow", "4253", SCHEMA.url) == {"https://www.openml.org/f/4253"}
    assert values(store, "flow", "4253", MLFDO.externalVersion) == {"sklearn_0.18.dev0"}
    assert values(store, "flow", "4253", SCHEMA.version) == {"1"}
    assert values(store, "flow", "4253", SCHEMA.dateCreated) == {"2016-05-10T08:34:57Z"}
    defaults = node_values(store, "flow", "4253", MLFDO.hyperparameter, MLFDO.defaultValue)
    assert defaults["n_iter"] == {"2"} and defaults["error_score"] == {"raise"}
    parts = values(store, "flow", "4253", SCHEMA.hasPart)
    assert openml_pid(BASE, "flow", "4254") in parts and len(parts) >= 2
    assert store.status(openml_pid(BASE, "flow", "4254")) == "active"
    assert values(store, "flow", "4254", SCHEMA.name) == {"openml.sklearn.model_selection.StratifiedKFold"}
    (uploader,) = values(store, "flow", "4253", FAIR4ML.sharedBy)
    assert store.kind(uploader) == "person"


def test_a_task_links_its_dataset_target_procedure_and_task_term(store, client):
    run(store, client, tasks=["1"])
    assert values(store, "task", "1", SCHEMA.url) == {"https://www.openml.org/t/1"}
    assert values(store, "task", "1", MLFDO.taskDataset) == {openml_pid(BASE, "dataset", "1")}
    assert values(store, "task", "1", MLFDO.targetFeature) == {"class"}
    (procedure,) = values(store, "task", "1", MLFDO.estimationProcedure)
    assert procedure.startswith("crossvalidation") and "number folds 10" in procedure
    (term,) = values(store, "task", "1", FAIR4ML.mlTask)
    assert "tabular-classification" in {t.object.value for t in store.current(term)}
    assert store.status(openml_pid(BASE, "dataset", "1")) == "active"  # the task brought its dataset


def test_a_dataset_maps_name_version_creator_licence_target_and_urls(store, client):
    run(store, client, datasets=["61"])
    assert values(store, "dataset", "61", SCHEMA.name) == {"iris"}
    assert values(store, "dataset", "61", SCHEMA.url) == {"https://www.openml.org/d/61"}
    assert values(store, "dataset", "61", MLFDO.defaultTargetAttribute) == {"class"}
    assert values(store, "dataset", "61", MLFDO.originalUrl) == {"https://archive.ics.uci.edu/ml/datasets/Iris"}
    assert values(store, "dataset", "61", SCHEMA.dateCreated) == {"2014-04-06T23:23:39Z"}
    (creator,) = values(store, "dataset", "61", SCHEMA.creator)
    assert {t.object.value for t in store.current(creator) if t.predicate == SCHEMA.name} == {"R.A. Fisher"}
    (licence,) = values(store, "dataset", "61", SCHEMA.license)
    assert {t.object.value for t in store.current(licence) if t.predicate == SCHEMA.name} == {"Public"}


def test_an_unchanged_rerun_writes_no_version_and_a_change_makes_exactly_one(store, client, snapshot):
    first = run(store, client, runs=["100"], flows=["4253"], datasets=["61"])
    pids = [openml_pid(BASE, k, i) for k, i in (("run", "100"), ("flow", "4253"), ("flow", "4254"),
                                                 ("dataset", "61"), ("flow", "67"))]
    again = run(store, client, runs=["100"], flows=["4253"], datasets=["61"])
    assert (again.new, again.changed, again.unchanged) == (0, 0, first.new)
    assert all(len(store.versions(pid)) == 1 for pid in pids)
    xml = snapshot.objects["data"][61].replace("<oml:version>1</oml:version>", "<oml:version>2</oml:version>")
    snapshot.put("data", 61, xml)
    changed = run(store, client, runs=["100"], flows=["4253"], datasets=["61"])
    assert changed.changed == 1 and changed.new == 0
    assert [len(store.versions(pid)) for pid in pids] == [1, 1, 1, 2, 1]
    assert values(store, "dataset", "61", SCHEMA.version) == {"2"}


def test_listing_sets_high_water_marks_and_a_rerun_lists_without_fetching(store, client, server):
    first = run(store, client)
    assert first.complete and first.failed == 0
    assert store.get_state("openml:high_water:dataset") == "40945"
    assert store.get_state("openml:high_water:run") == "100"
    server.reset_counts()
    again = run(store, client)
    assert again.fetched == 0
    assert set(server.counts) == {"data-list", "task-list", "flow-list", "run-list"}


def test_malformed_xml_and_server_errors_are_kept_as_failures_and_the_run_goes_on(store, client, server):
    server.fail(r"/data/61$", 200, "<oml:data_set_description xmlns:oml='http://openml.org/openml'><oml:id>61")
    server.fail(r"/data/2$", 503, "<html>Service Unavailable</html>")
    summary = run(store, client, datasets=["61", "2", "40945"])
    assert summary.failed == 2 and summary.new == 1 and summary.error is None and exit_code(summary) == 0
    failures = {f.platform_id: f.error for f in store.failures()}
    assert "not well-formed XML" in failures["dataset 61"]
    assert "fetching dataset 2 failed" in failures["dataset 2"]
    assert store.status(openml_pid(BASE, "dataset", "40945")) == "active"
    assert not store.exists(openml_pid(BASE, "dataset", "61"))  # nothing half-written


def test_a_failing_listing_stops_the_run_keeps_what_came_before_and_exits_1(store, client, server):
    server.fail(r"/task/list", 500, "<html>Internal Server Error</html>")
    summary = run(store, client)
    assert summary.error and "listing tasks failed" in summary.error and exit_code(summary) == 1
    assert store.status(openml_pid(BASE, "dataset", "61")) == "active"  # datasets were listed first
    assert store.get_state("openml:high_water:task") is None


def test_ids_that_are_not_openml_ids_are_reported_without_a_call(store, client, server):
    summary = run(store, client, flows=["not-a-number"])
    assert summary.failed == 1 and server.total_requests == 0
    assert "is not an OpenML flow id" in summary.problems[0]


def test_the_client_uses_a_throwaway_cache_and_the_given_server(server):
    om = OpenMLClient(server.server_url)
    cache = Path(om.cache_dir)
    assert cache.exists() and not str(cache).startswith(os.path.expanduser("~"))
    assert om.server == server.server_url and om.throttle.interval == 0  # no politeness owed to loopback
    om.close()
    assert not cache.exists()
    remote = OpenMLClient("https://www.openml.org/api/v1/xml")
    assert remote.throttle.interval > 0
    remote.close()


def test_limit_and_since_filter_a_listing_and_leave_the_marks_alone(store, client, server):
    limited = run(store, client, kinds=["dataset"], limit=2)
    assert limited.fetched == 2 and store.get_state("openml:high_water:dataset") is None
    server.reset_counts()
    recent = run(store, client, kinds=["dataset"], since="2015-06-01")  # uploaded 2015-11-08 and 2017-10-16
    assert recent.fetched == 2 and server.counts == {"data-list": 1, "data": 2}
    assert store.status(openml_pid(BASE, "dataset", "40945")) == "active"
    assert store.status(openml_pid(BASE, "dataset", "4136")) == "active"
    assert store.get_state("openml:high_water:dataset") is None


def test_a_server_that_does_not_answer_in_time_is_a_failure_not_a_hang(store, server):
    server.fail(r"/data/61$", 200, "", delay=1.0)
    with OpenMLClient(server.server_url, retries=1, timeout=0.2) as slow:
        summary = run(store, slow, datasets=["61", "2"])
    assert summary.failed == 1 and summary.new == 1
    (failure,) = store.failures()
    assert failure.platform_id == "dataset 61" and "Timeout" in failure.error


@pytest.mark.parametrize(("external", "library"), [
    ("sklearn_0.18.dev0", "sklearn"), ("Weka_3.9.0", "Weka"), ("openml==0.10.2,sklearn==0.21.3", "sklearn"),
    ("", None),
])
def test_the_library_is_read_from_the_external_version(external, library):
    from harvesters.openml.transform import _library

    assert _library(external) == library


def test_missing_and_ill_typed_fields_are_problem_lines_on_a_stored_record(store, client, snapshot):
    snapshot.put("flow", 9100, '<oml:flow xmlns:oml="http://openml.org/openml"><oml:id>9100</oml:id>'
                               "<oml:upload_date>yesterday</oml:upload_date>"
                               "<oml:parameter><oml:data_type>int</oml:data_type></oml:parameter></oml:flow>")
    snapshot.put("run", 9101, '<oml:run xmlns:oml="http://openml.org/openml"><oml:run_id>9101</oml:run_id>'
                              "<oml:flow_id>not-an-id</oml:flow_id></oml:run>")
    summary = run(store, client, flows=["9100"], runs=["9101"])
    assert summary.new == 2 and summary.failed == 0
    problems = "\n".join(summary.problems)
    assert "upload_date 'yesterday' is not a date-time" in problems
    assert "a flow parameter has no name; ignored" in problems
    assert "flow reference 'not-an-id' is not an OpenML id" in problems and "the run names no flow" in problems
    assert values(store, "flow", "9100", SCHEMA.name) == {"OpenML flow 9100"}
    (version,) = store.versions(openml_pid(BASE, "run", "9101"))
    assert "the run reports no aggregate evaluation" in version.problems
