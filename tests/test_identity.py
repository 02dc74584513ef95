"""One identity across platforms: each rule of docs/identity.md, the evidence kept as data, and the pages."""

from __future__ import annotations

import copy

import pytest
from pyoxigraph import Literal, NamedNode, Triple

from harvesters.arxiv import ArxivClient
from harvesters.arxiv import harvest as harvest_arxiv
from harvesters.arxiv.offline import ArxivReplay, ArxivSnapshot
from harvesters.arxiv.offline import demo_snapshot_dir as arxiv_snapshot_dir
from harvesters.arxiv.transform import paper_pid
from harvesters.huggingface.datasets import dataset_pid, harvest_datasets
from harvesters.huggingface.datasets_offline import DatasetReplay
from harvesters.huggingface.extract import HubClient
from harvesters.identity import link
from harvesters.openml import OpenMLClient
from harvesters.openml import harvest as harvest_openml
from harvesters.openml.offline import OpenMLReplay, OpenMLSnapshot
from harvesters.openml.offline import demo_snapshot_dir as openml_snapshot_dir
from harvesters.openml.transform import openml_pid
from registry.pid import mint_id, pid_iri
from registry.record import Record
from registry.settings import load_settings
from registry.service import Registry
from registry.store import Store
from registry.store.platforms import same_as_cluster
from registry.vocab import MLFDO, RDF, SCHEMA

BASE = "http://registry.test"
HF_DATASET = {"id": "test-org/flowers", "author": "test-org", "tags": ["license:mit"], "cardData": {"license": "mit"}}
DOI = "10.5555/test.0001"
AEW10 = "1707.08567"


@pytest.fixture
def store() -> Store:
    return Store.open(None, BASE)


def openml_dataset(snapshot: OpenMLSnapshot, object_id: int, **fields: str) -> None:
    """Put a variant of recorded dataset 61 under ``object_id`` with ``fields`` replaced or added."""
    xml = snapshot.objects["data"][61].replace("<oml:id>61</oml:id>", f"<oml:id>{object_id}</oml:id>")
    for tag, value in fields.items():
        if f"<oml:{tag}>" in xml:
            start = xml.index(f"<oml:{tag}>")
            end = xml.index(f"</oml:{tag}>", start) + len(f"</oml:{tag}>")
            xml = xml[:start] + f"<oml:{tag}>{value}</oml:{tag}>" + xml[end:]
        else:
            xml = xml.replace("</oml:data_set_description>", f"<oml:{tag}>{value}</oml:{tag}></oml:data_set_description>")
    snapshot.put("data", object_id, xml)


def harvest_hf_dataset(store) -> None:
    with DatasetReplay({HF_DATASET["id"]: copy.deepcopy(HF_DATASET)}) as server:
        harvest_datasets(store, base_url=BASE, client=HubClient(server.url, max_retries=0), ids=[HF_DATASET["id"]])


def harvest_openml_datasets(store, snapshot, ids) -> None:
    with OpenMLReplay(snapshot) as server, OpenMLClient(server.server_url, retries=1) as client:
        harvest_openml(store, base_url=BASE, client=client, datasets=[str(i) for i in ids])


def evidence(store, pid: str) -> list[dict[str, str]]:
    triples = store.current(pid)
    nodes = {t.object.value for t in triples if t.predicate == MLFDO.identityEvidence}
    return [{t.predicate.value.rsplit("#", 1)[-1]: t.object.value for t in triples if t.subject.value == node}
            for node in nodes]


def test_source_url_links_an_openml_dataset_to_the_hub_dataset_it_names(store):
    harvest_hf_dataset(store)
    snapshot = OpenMLSnapshot.load(openml_snapshot_dir())
    url = f"https://huggingface.co/datasets/{HF_DATASET['id']}"
    openml_dataset(snapshot, 9001, original_data_url=url)
    harvest_openml_datasets(store, snapshot, [9001])
    om, hf = openml_pid(BASE, "dataset", "9001"), dataset_pid(BASE, HF_DATASET["id"])
    assert NamedNode(hf) in {t.object for t in store.current(om) if t.predicate == SCHEMA.sameAs}
    (ev,) = evidence(store, om)
    assert ev["rule"] == "source-url" and ev["matchedValue"] == url and ev["linksTo"] == hf
    assert ev["matchedProperty"] == MLFDO.originalUrl.value
    (member,) = same_as_cluster(store, hf)  # the cluster reads both directions
    assert (member.pid, member.platform, member.rules, member.values) == (om, "openml-dataset", ["source-url"], [url])


def test_same_doi_links_an_arxiv_paper_to_the_paper_an_openml_dataset_cites(store):
    snapshot = OpenMLSnapshot.load(openml_snapshot_dir())
    openml_dataset(snapshot, 9002, paper_url=f"https://doi.org/{DOI}")
    harvest_openml_datasets(store, snapshot, [9002])
    doi_paper = pid_iri(BASE, mint_id("doi", DOI))
    assert store.status(doi_paper) == "stub"
    papers = ArxivSnapshot.load(arxiv_snapshot_dir())
    papers.put(papers.get(AEW10).replace(
        "</title>", f"</title><arxiv:doi xmlns:arxiv='http://arxiv.org/schemas/atom'>{DOI}</arxiv:doi>", 1))
    with ArxivReplay(papers) as server:
        harvest_arxiv(store, base_url=BASE, client=ArxivClient(server.query_url, retries=0), ids=[AEW10])
    (ev,) = evidence(store, paper_pid(BASE, AEW10))
    assert (ev["rule"], ev["matchedValue"], ev["linksTo"]) == ("same-doi", DOI, doi_paper)
    assert [m.pid for m in same_as_cluster(store, doi_paper)] == [paper_pid(BASE, AEW10)]


def test_same_arxiv_id_links_a_paper_record_stating_an_arxiv_page(store):
    arxiv_pid = paper_pid(BASE, AEW10)
    store.ingest(Record(arxiv_pid, [Triple(NamedNode(arxiv_pid), RDF.type, SCHEMA.ScholarlyArticle),
                                    Triple(NamedNode(arxiv_pid), SCHEMA.name, Literal("A paper"))],
                        kind="paper", platform="arxiv", platform_id=AEW10))
    other = pid_iri(BASE, mint_id("doi", DOI))
    record = Record(other, [Triple(NamedNode(other), SCHEMA.sameAs, NamedNode(f"https://arxiv.org/abs/{AEW10}v2"))],
                    kind="paper", platform="doi", platform_id=DOI)
    (match,) = link(record, BASE, store.kind)
    assert (match.rule, match.value, match.target) == ("same-arxiv-id", AEW10, arxiv_pid)


def test_never_on_a_name_alone_nor_across_kinds(store):
    harvest_hf_dataset(store)
    snapshot = OpenMLSnapshot.load(openml_snapshot_dir())
    openml_dataset(snapshot, 9003, name="flowers")  # the Hub dataset's name, nothing else in common
    harvest_openml_datasets(store, snapshot, [9003])
    assert evidence(store, openml_pid(BASE, "dataset", "9003")) == []
    assert same_as_cluster(store, dataset_pid(BASE, HF_DATASET["id"])) == []
    flow = openml_pid(BASE, "flow", "1")
    record = Record(flow, [Triple(NamedNode(flow), SCHEMA.sameAs,
                                  NamedNode(f"https://huggingface.co/datasets/{HF_DATASET['id']}"))],
                    kind="model", platform="openml", platform_id="1")
    assert link(record, BASE, store.kind, []) == []  # a model is never the same as a dataset


def test_a_source_page_not_yet_harvested_gets_a_stub_that_the_link_points_at(store):
    snapshot = OpenMLSnapshot.load(openml_snapshot_dir())
    openml_dataset(snapshot, 9004, original_data_url="https://huggingface.co/datasets/test-org/later")
    harvest_openml_datasets(store, snapshot, [9004])
    later = dataset_pid(BASE, "test-org/later")
    assert store.status(later) == "stub" and store.kind(later) == "dataset"
    (ev,) = evidence(store, openml_pid(BASE, "dataset", "9004"))
    assert (ev["rule"], ev["linksTo"]) == ("source-url", later)
    # a paper rule never invents its target: an arXiv paper whose DOI no FDO carries links to nothing
    arxiv_pid = paper_pid(BASE, AEW10)
    record = Record(arxiv_pid, [Triple(NamedNode(arxiv_pid), MLFDO.doi, Literal(DOI))], kind="paper",
                    platform="arxiv", platform_id=AEW10)
    stubs: list[Record] = []
    assert link(record, BASE, store.kind, stubs) == [] and stubs == []


@pytest.fixture
def linked_app():
    """A web app over a registry where an OpenML dataset names a Hub dataset as its source."""
    from registry.web import create_app

    store = Store.open(None, BASE)
    harvest_hf_dataset(store)
    snapshot = OpenMLSnapshot.load(openml_snapshot_dir())
    openml_dataset(snapshot, 9001, original_data_url=f"https://huggingface.co/datasets/{HF_DATASET['id']}")
    harvest_openml_datasets(store, snapshot, [9001, 61])
    registry = Registry(load_settings(environ={}, overrides={"BASE_URL": BASE, "SHACL": False}), store)
    yield create_app({"REGISTRY": registry, "TESTING": True})
    registry.close()


def test_the_landing_page_shows_the_cluster_with_its_evidence(linked_app):
    hf_id = mint_id("hf-dataset", HF_DATASET["id"])
    html = linked_app.test_client().get(f"/fdo/{hf_id}", headers={"Accept": "text/html"}).get_data(as_text=True)
    assert 'id="same-as"' in html and "on OpenML" in html and "source-url" in html
    om_id = mint_id("openml-dataset", "9001")
    assert f'href="/fdo/{om_id}" rel="sameAs"' in html


def test_the_home_page_lists_platforms_with_counts(linked_app):
    html = linked_app.test_client().get("/").get_data(as_text=True)
    assert "Platforms in the registry" in html
    assert "<strong>OpenML</strong>: 2 datasets" in html and "<strong>Hugging Face</strong>: 1 dataset" in html


def test_search_results_and_chat_sources_name_the_cluster(linked_app):
    from types import SimpleNamespace

    from flask import render_template_string

    hf = dataset_pid(BASE, HF_DATASET["id"])
    with linked_app.test_request_context("/search"):
        line = render_template_string('{% set cluster_pid = p %}{% include "search/_cluster.html" %}', p=hf)
        answer = SimpleNamespace(sources=[SimpleNamespace(pid=hf, name="flowers")])
        chat = render_template_string('{% include "chat/_clusters.html" %}', answer=answer)
    om_id = mint_id("openml-dataset", "9001")
    assert "Also on:" in line and f'href="/fdo/{om_id}"' in line and "OpenML" in line
    assert "flowers is also on" in chat and f'href="/fdo/{om_id}"' in chat
