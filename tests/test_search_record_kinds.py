"""Every kind of record is indexed with the words that say what it is: OpenML tasks and runs, flows, data sets, papers.

The registry holds the search tests' Hub models plus the bundled OpenML and arXiv snapshots, harvested through their
loopback replays and the real clients (as ``mlfdo demo`` does).
"""

from __future__ import annotations

import pytest

from harvesters.arxiv.client import ArxivClient
from harvesters.arxiv.harvest import harvest as harvest_arxiv
from harvesters.arxiv.offline import ArxivReplay
from harvesters.arxiv.offline import demo_snapshot_dir as arxiv_snapshot
from harvesters.openml import OpenMLClient
from harvesters.openml import harvest as harvest_openml
from harvesters.openml.offline import OpenMLReplay, demo_snapshot_dir
from harvesters.openml.transform import openml_pid
from pyoxigraph import NamedNode, Triple

from harvesters.arxiv.transform import paper_pid
from registry.fdo.model import read_fdos
from registry.search.about import describe, linked_data
from registry.search.document import indexed_versions
from registry.search.facets import kind_label
from registry.vocab import CODEMETA
from tests.data.search.records import BASE, make_registry, make_searcher
from tests.factories import model_pid, model_record


@pytest.fixture(scope="module")
def registry():
    registry = make_registry(None)
    with OpenMLReplay(demo_snapshot_dir()) as server, OpenMLClient(server.server_url, retries=1) as client:
        harvest_openml(registry.store, base_url=BASE, client=client)
    with ArxivReplay(arxiv_snapshot()) as server:
        harvest_arxiv(registry.store, base_url=BASE, client=ArxivClient(server.query_url),
                      ids=sorted(server.snapshot.entries))
    registry.store.ingest_many([model_record(CITING, description="A checkpoint.", extra=[
        Triple(NamedNode(model_pid(CITING)), CODEMETA.referencePublication, NamedNode(PAPER))])])
    yield registry
    registry.close()


@pytest.fixture(scope="module")
def searcher(registry):
    return make_searcher(registry)


CITING, PAPER = "acme/citing-checkpoint", paper_pid(BASE, "2501.07954")
TASK_1, TASK_1882, TASK_3 = (openml_pid(BASE, "task", i) for i in ("1", "1882", "3"))
RUN_100 = openml_pid(BASE, "run", "100")


def names(response) -> list[str]:
    return [h.name for h in response.results]


def test_every_current_task_and_evaluation_is_indexed(registry, searcher):
    kinds = {item.kind for item in indexed_versions(registry.store).values()}
    assert {"task", "evaluation"} <= kinds
    for pid in (TASK_1, TASK_1882, TASK_3, RUN_100):
        assert pid in searcher.engine.slot_of


def test_a_task_says_its_type_data_set_target_and_procedure(registry):
    fdos = read_fdos(registry.store, [TASK_1])
    data = read_fdos(registry.store, linked_data(fdos.values()))
    about = describe(fdos[TASK_1], data)
    assert about.description.startswith("Supervised Classification task on the data set anneal: predict class.")
    assert "crossvalidation" in about.description and "predictive accuracy" in about.description
    assert about.datasets == ["anneal"] and "annealing" in about.data_text  # the data set's own description


def test_a_stub_task_says_nothing_it_does_not_know(registry):
    stub = openml_pid(BASE, "task", "28")  # run 100's task, which OpenML does not have
    assert describe(read_fdos(registry.store, [stub])[stub], {}).description == ""


def test_a_run_says_its_flow_task_data_set_and_results(registry):
    about = describe(read_fdos(registry.store, [RUN_100])[RUN_100], {})
    assert about.description.startswith("Evaluation run of weka.BayesNet_K2(1) on OpenML task 28 (Supervised "
                                        "Classification), with the data set optdigits.")
    assert "predictive accuracy 0.9222" in about.description


@pytest.mark.parametrize("question, first", [
    ("a classification task on the anneal data", {TASK_1, TASK_1882}),
    ("Which OpenML tasks are on the steel annealing data?", {TASK_1, TASK_1882}),
    ("OpenML task with 10-fold cross-validation on dataset 3", {TASK_3}),
    ("evaluation runs on the optdigits data", {RUN_100}),
    ("OpenML runs of a Weka Bayes net", {RUN_100}),
])
def test_a_task_or_run_is_found_by_a_question_naming_it_in_plain_words(searcher, question, first):
    hits = searcher.search(question).results
    assert {h.pid for h in hits[:len(first)]} == first, names(searcher.search(question))


def test_results_and_the_kind_facet_say_what_a_record_is(searcher):
    response = searcher.search("Which OpenML tasks are on the steel annealing data?")
    assert response.filters["kind"] == ["task"]
    hit = response.results[0]
    assert (hit.kind, hit.kind_label) == ("task", "OpenML task")
    assert hit.snippet.startswith("Supervised Classification task on the data set anneal")
    run = searcher.search("OpenML runs of a Weka Bayes net").results[0]
    assert (run.kind, run.kind_label) == ("evaluation", "OpenML run (evaluation)")
    kinds = {v.value: v.label for f in searcher.search("classification").facets if f.name == "kind" for v in f.values}
    assert kinds["task"] == "Task" and kinds["evaluation"] == "Evaluation"


@pytest.mark.parametrize("kind, platform, label", [
    ("model", "hf", "Hugging Face model"), ("model", "openml", "OpenML flow"), ("dataset", "openml-dataset",
                                                                                 "OpenML dataset"),
    ("paper", "arxiv", "arXiv paper"), ("paper", "", "Paper"),
])
def test_a_kind_label_names_the_platform_and_what_it_calls_the_record(kind, platform, label):
    assert kind_label(kind, platform) == label


def test_a_paper_is_found_by_its_title_words_and_its_arxiv_id(searcher):
    # with or without "arXiv:", the id names the paper itself first, though a model citing it is read as linked
    assert names(searcher.search("neuroevolution for testing games"))[0] == \
        "Many-Objective Neuroevolution for Testing Games"
    for question in ("arXiv:2501.07954", "2501.07954"):
        hit = searcher.search(question).results[0]
        assert (hit.name, hit.kind_label) == ("Many-Objective Neuroevolution for Testing Games", "arXiv paper")


def test_the_search_page_shows_what_each_result_is(registry, searcher):
    from registry.web import create_app

    app = create_app({"TESTING": True, "REGISTRY": registry})
    page = app.test_client().get("/search?q=OpenML+runs+of+a+Weka+Bayes+net").get_data(as_text=True)
    assert "OpenML run (evaluation)" in page


def test_a_papers_page_links_the_models_citing_it(registry):
    from registry.pid import id_from_pid
    from registry.web import create_app

    app = create_app({"TESTING": True, "REGISTRY": registry})
    page = app.test_client().get(f"/fdo/{id_from_pid(BASE, PAPER)}", headers={"Accept": "text/html"})
    html = page.get_data(as_text=True)
    section = html.split('id="referenced-by"', 1)[1]
    assert "Many-Objective Neuroevolution for Testing Games" in html
    assert f"/fdo/{id_from_pid(BASE, model_pid(CITING))}" in section
