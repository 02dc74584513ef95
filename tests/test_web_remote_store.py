"""The web app on the remote store backend (a real `oxigraph` server, and Virtuoso): same pages, same answers."""

from __future__ import annotations

import json

import pytest

from registry.service import Registry
from registry.settings import load_settings
from registry.store import Store
from registry.web import create_app
from registry.store.dialects import VIRTUOSO_SYSTEM_GRAPHS
from tests.servers import empty_sparql_server, oxigraph_binary, oxigraph_server

pytestmark = [pytest.mark.server, pytest.mark.slow]


def _client(url: str):
    from tests.data.web.registry import BASE, IDS, V1_AT, V2_AT, WITHDRAWN_AT, ingest_file

    store = Store.open_remote(url, BASE)
    ingest_file(store, "registry-v1.ttl", V1_AT)
    ingest_file(store, "registry-v2.ttl", V2_AT)
    store.withdraw(store.pid(IDS.old), "removed", now=WITHDRAWN_AT)
    registry = Registry(load_settings(environ={}, overrides={"BASE_URL": BASE, "STORE_URL": url}), store)
    app = create_app({"REGISTRY": registry, "TESTING": True})
    yield app.test_client()
    registry.close()


@pytest.fixture(scope="module", params=["oxigraph", "virtuoso"])
def remote_client(request, tmp_path_factory):
    if request.param == "virtuoso":
        url = request.getfixturevalue("virtuoso_url")
        empty_sparql_server(url, keep=VIRTUOSO_SYSTEM_GRAPHS)
        yield from _client(url)
        return
    if oxigraph_binary() is None:
        pytest.skip("the oxigraph server is not installed")
    with oxigraph_server(tmp_path_factory.mktemp("oxigraph")) as url:
        yield from _client(url)


def test_landing_page_on_the_remote_store(remote_client, ids):
    html = remote_client.get(f"/fdo/{ids.base_lm}", headers={"Accept": "text/html"}).get_data(as_text=True)
    for seen in ("base-lm", "ACME Research", "fine-tuned as", "perplexity", "v2", "v1"):
        assert seen in html, seen
    versions = remote_client.get(f"/fdo/{ids.base_lm}/versions.json").get_json()["versions"]
    assert [v["version"] for v in versions] == [1, 2]
    assert remote_client.get(f"/fdo/{ids.old}").status_code == 410


def test_sparql_on_the_remote_store(remote_client, ids):
    r = remote_client.get("/sparql?query=" + "SELECT%20(COUNT(*)%20AS%20%3Fn)%20WHERE%20%7B%20%3Fm%20a%20"
                          "%3Chttps%3A%2F%2Fw3id.org%2Ffair4ml%23MLModel%3E%20%7D")
    assert r.status_code == 200
    assert json.loads(r.data)["results"]["bindings"][0]["n"]["value"] == "4"
    dataset = remote_client.get("/sparql?query=ASK%7B%7D&default-graph-uri=http%3A%2F%2Fx.test%2Fg")
    assert dataset.status_code == 400  # the protocol dataset is refused there, not silently ignored


def test_construct_on_the_remote_store_gives_triples(remote_client):
    query = ("CONSTRUCT { ?m a <https://w3id.org/fair4ml#MLModel> } "
             "WHERE { ?m a <https://w3id.org/fair4ml#MLModel> }")
    r = remote_client.get("/sparql", query_string={"query": query}, headers={"Accept": "application/n-triples"})
    assert r.status_code == 200
    lines = r.get_data(as_text=True).strip().splitlines()
    assert len(lines) == 4 and all(line.endswith("<https://w3id.org/fair4ml#MLModel> .") for line in lines)
