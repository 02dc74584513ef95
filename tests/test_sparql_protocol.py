"""The W3C SPARQL 1.1 Protocol tests (w3c/rdf-tests sparql/sparql11/protocol/manifest.ttl) that apply to
a read-only query endpoint, plus this endpoint's own protocol behaviour.

Applicable: every ``query_*`` and ``bad_query_*`` case, written below with the manifest's request.
``update_*`` cases expect a successful update: a read-only endpoint answers them with 403 instead,
asserted in ``test_updates_are_refused``; the ``bad_update_*`` cases expect a 4xx and get one.
``query_multiple_dataset`` percent-encodes the ``&`` between its two ``named-graph-uri`` parameters,
leaving one malformed parameter; we send the two parameters its description intends.
"""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import quote
from xml.etree import ElementTree

import pytest
from pyoxigraph import NamedNode, Quad, RdfFormat, parse

from registry.service import Registry
from registry.settings import load_settings
from registry.store import Store
from registry.web import create_app

DATA = Path(__file__).parent / "data" / "web" / "sparql-protocol"
KASEI = "http://kasei.us/2009/09/sparql/data/"
D0, D1, D2, D3 = (f"{KASEI}data{i}.rdf" for i in range(4))


@pytest.fixture(scope="module")
def protocol_client():
    """An endpoint whose store holds the W3C test graphs data1-3 as named graphs."""
    store = Store.open(None, "http://registry.test")
    for i in (1, 2, 3):
        graph = NamedNode(f"{KASEI}data{i}.rdf")
        store.db.extend(Quad(q.subject, q.predicate, q.object, graph)
                        for q in parse(path=str(DATA / f"data{i}.nt"), format=RdfFormat.N_TRIPLES))
    registry = Registry(load_settings(environ={}, overrides={"BASE_URL": "http://registry.test"}), store)
    app = create_app({"REGISTRY": registry, "TESTING": True, "SPARQL_ISOLATION": "thread"})
    yield app.test_client()
    registry.close()


def q(value: str) -> str:
    return quote(value, safe="")


def boolean_of(response) -> bool:
    assert 200 <= response.status_code < 400, response.get_data(as_text=True)
    if response.mimetype in ("application/sparql-results+json", "application/json"):
        return json.loads(response.data)["boolean"]
    root = ElementTree.fromstring(response.data)
    return root.find("{http://www.w3.org/2005/sparql-results#}boolean").text == "true"


# ------------------------------------------------------------------ query_* (approved W3C cases)
def test_query_post_form(protocol_client):
    r = protocol_client.post(f"/sparql?default-graph-uri={q(D0)}",
                             data="query=ASK%20%7B%7D", content_type="application/x-www-form-urlencoded")
    assert boolean_of(r) is True


def test_query_dataset_default_graphs_get(protocol_client):
    query = f"ASK {{ <{D1}> a ?type . <{D2}> a ?type . }}"
    r = protocol_client.get(f"/sparql?query={q(query)}&default-graph-uri={q(D1)}&default-graph-uri={q(D2)}")
    assert boolean_of(r) is True


def test_query_dataset_default_graphs_post(protocol_client):
    query = f"ASK {{ <{D1}> a ?type . <{D2}> a ?type . }}"
    r = protocol_client.post(f"/sparql?default-graph-uri={q(D1)}&default-graph-uri={q(D2)}", data=query,
                             content_type="application/sparql-query")
    assert boolean_of(r) is True


def test_query_dataset_named_graphs_post(protocol_client):
    query = f"ASK {{ GRAPH ?g1 {{ <{D1}> a ?type }} GRAPH ?g2 {{ <{D2}> a ?type }} }}"
    r = protocol_client.post(f"/sparql?named-graph-uri={q(D1)}&named-graph-uri={q(D2)}", data=query,
                             content_type="application/sparql-query")
    assert boolean_of(r) is True


def test_query_dataset_named_graphs_get(protocol_client):
    query = f"ASK {{ GRAPH ?g1 {{ <{D1}> a ?type }} GRAPH ?g2 {{ <{D2}> a ?type }} }}"
    r = protocol_client.get(f"/sparql?query={q(query)}&named-graph-uri={q(D1)}&named-graph-uri={q(D2)}")
    assert boolean_of(r) is True


def test_query_dataset_full(protocol_client):
    query = (f"ASK {{\n  <{D3}> a ?type\n  GRAPH ?g1 {{ <{D1}> a ?type }}\n  GRAPH ?g2 {{ <{D2}> a ?type }}\n}}")
    r = protocol_client.post(f"/sparql?default-graph-uri={q(D3)}&named-graph-uri={q(D1)}&named-graph-uri={q(D2)}",
                             data=query, content_type="application/sparql-query")
    assert boolean_of(r) is True


def test_query_multiple_dataset(protocol_client):
    # the protocol's dataset (named graphs data1, data2) wins over the query's FROM <data3>
    query = (f"ASK FROM <{D3}> {{ GRAPH ?g1 {{ <{D1}> a ?type }} GRAPH ?g2 {{ <{D2}> a ?type }} }}")
    r = protocol_client.post(f"/sparql?named-graph-uri={q(D1)}&named-graph-uri={q(D2)}", data=query,
                             content_type="application/sparql-query")
    assert boolean_of(r) is True


def test_query_get(protocol_client):
    assert boolean_of(protocol_client.get(f"/sparql?query=ASK%20%7B%7D&default-graph-uri={q(D0)}")) is True


def test_query_content_type_select(protocol_client):
    r = protocol_client.post(f"/sparql?default-graph-uri={q(D0)}", data="SELECT (1 AS ?value) {}",
                             content_type="application/sparql-query")
    assert r.status_code == 200
    assert r.mimetype in ("application/sparql-results+xml", "application/sparql-results+json", "text/csv",
                          "text/tab-separated-values")


def test_query_content_type_ask(protocol_client):
    r = protocol_client.post(f"/sparql?default-graph-uri={q(D0)}", data="ASK {}",
                             content_type="application/sparql-query")
    assert r.mimetype in ("application/sparql-results+xml", "application/sparql-results+json")


@pytest.mark.parametrize("query", ["DESCRIBE <http://example.org/>", "CONSTRUCT { <s> <p> 1 } WHERE {}"])
def test_query_content_type_describe_and_construct(protocol_client, query):
    r = protocol_client.post(f"/sparql?default-graph-uri={q(D0)}", data=query, content_type="application/sparql-query")
    assert r.status_code == 200
    assert r.mimetype in ("application/rdf+xml", "text/turtle", "application/n-triples", "application/ld+json")
    list(parse(r.data, RdfFormat.from_media_type(r.mimetype)))


def test_query_post_direct(protocol_client):
    assert boolean_of(protocol_client.post("/sparql", data="ASK {}", content_type="application/sparql-query")) is True


# ------------------------------------------------------------------ bad_query_* (approved W3C cases)
def test_bad_query_method(protocol_client):
    r = protocol_client.put(f"/sparql?query=ASK%20%7B%7D&default-graph-uri={q(D0)}",
                            content_type="application/x-www-form-urlencoded")
    assert 400 <= r.status_code < 500


def test_bad_multiple_queries(protocol_client):
    assert 400 <= protocol_client.get("/sparql?query=ASK%20%7B%7D&query=SELECT%20%2A%20%7B%7D").status_code < 500


def test_bad_query_wrong_media_type(protocol_client):
    assert 400 <= protocol_client.post("/sparql", data="ASK {}", content_type="text/plain").status_code < 500


def test_bad_query_missing_form_type(protocol_client):
    r = protocol_client.post("/sparql", data=b"query=ASK%20%7B%7D", headers={"Content-Type": ""})
    assert 400 <= r.status_code < 500


def test_bad_query_missing_direct_type(protocol_client):
    r = protocol_client.post("/sparql", data=b"ASK {}", headers={"Content-Type": ""})
    assert 400 <= r.status_code < 500


def test_bad_query_non_utf8(protocol_client):
    r = protocol_client.post("/sparql", data="ASK {}".encode("utf-16"),
                             content_type="application/sparql-query; charset=UTF-16")
    assert 400 <= r.status_code < 500


def test_bad_query_syntax(protocol_client):
    r = protocol_client.get("/sparql?query=ASK%20%7B")
    assert r.status_code == 400
    assert "error at 1:" in r.get_json()["detail"]  # the parser's own message, with line and column


# ------------------------------------------------------------------ update_* / bad_update_*
@pytest.mark.parametrize(("path", "data", "content_type"), [
    ("/sparql", "update=CLEAR+ALL", "application/x-www-form-urlencoded"),  # update_post_form
    ("/sparql", "CLEAR ALL", "application/sparql-update"),  # update_post_direct
    (f"/sparql?using-graph-uri={q(D1)}", "CLEAR ALL ; INSERT DATA { <a:b> <c:d> <e:f> }",
     "application/sparql-update"),  # update_dataset_default_graph
])
def test_updates_are_refused(protocol_client, path, data, content_type):
    r = protocol_client.post(path, data=data, content_type=content_type)
    assert r.status_code == 403
    assert "read-only" in r.get_json()["detail"]
    assert boolean_of(protocol_client.get(f"/sparql?query={q(f'ASK {{ GRAPH <{D1}> {{ ?s ?p ?o }} }}')}"))


@pytest.mark.parametrize(("method", "path", "data", "content_type"), [
    ("GET", "/sparql?update=CLEAR%20ALL", None, None),  # bad_update_get
    ("POST", "/sparql", "update=CLEAR%20NAMED&update=CLEAR%20DEFAULT", "application/x-www-form-urlencoded"),
    ("POST", "/sparql", "CLEAR NAMED", "text/plain"),  # bad_update_wrong_media_type
    ("POST", "/sparql", "update=CLEAR%20NAMED", ""),  # bad_update_missing_form_type
    ("POST", "/sparql", "CLEAR NAMED".encode("utf-16"), "application/sparql-update; charset=UTF-16"),
    ("POST", "/sparql", "update=CLEAR%20XYZ", "application/x-www-form-urlencoded"),  # bad_update_syntax
    ("POST", "/sparql?using-named-graph-uri=http%3A%2F%2Fexample%2Fpeople",
     "WITH <http://example/addresses> DELETE { ?p <g:n> 'Bill' } WHERE { ?p <g:n> 'Bill' }",
     "application/sparql-update"),  # bad_update_dataset_conflict
])
def test_bad_updates_are_4xx(protocol_client, method, path, data, content_type):
    headers = {"Content-Type": content_type} if content_type is not None else {}
    r = protocol_client.open(path, method=method, data=data, headers=headers)
    assert 400 <= r.status_code < 500


# ------------------------------------------------------------------ this endpoint's own behaviour
def test_service_description_without_query(protocol_client):
    r = protocol_client.get("/sparql", headers={"Accept": "text/turtle"})
    assert r.mimetype == "text/turtle"
    triples = {str(q.triple) for q in parse(r.data, RdfFormat.TURTLE)}
    sd = "http://www.w3.org/ns/sparql-service-description#"
    assert f"<http://registry.test/sparql> <{sd}supportedLanguage> <{sd}SPARQL11Query>" in triples
    assert protocol_client.get("/sparql").mimetype == "text/turtle"  # curl's */*


def test_query_form_for_browsers(protocol_client):
    html = protocol_client.get("/sparql", headers={"Accept": "text/html,*/*;q=0.8"}).get_data(as_text=True)
    assert "<form" in html and "Models and their licences" in html
    table = protocol_client.get(f"/sparql?query={q('SELECT ?s WHERE { GRAPH ?g { ?s a ?t } } ORDER BY ?s')}",
                                headers={"Accept": "text/html,*/*;q=0.8"}).get_data(as_text=True)
    assert "3 rows" in table and "data1.rdf" in table


@pytest.mark.parametrize(("accept", "fmt", "mimetype"), [
    ("application/sparql-results+json", None, "application/sparql-results+json"),
    ("application/sparql-results+xml", None, "application/sparql-results+xml"),
    ("text/csv", None, "text/csv"),
    ("text/tab-separated-values", None, "text/tab-separated-values"),
    ("application/json", None, "application/sparql-results+json"),
    ("*/*", "csv", "text/csv"),
])
def test_select_result_formats(protocol_client, accept, fmt, mimetype):
    query = "SELECT ?s ?title WHERE { GRAPH ?g { ?s <http://purl.org/dc/terms/title> ?title } } ORDER BY ?s"
    url = f"/sparql?query={q(query)}" + (f"&format={fmt}" if fmt else "")
    r = protocol_client.get(url, headers={"Accept": accept})
    assert r.status_code == 200 and r.mimetype == mimetype
    text = r.get_data(as_text=True)
    if mimetype.endswith("json"):
        rows = json.loads(text)["results"]["bindings"]
        assert rows[0]["s"] == {"type": "uri", "value": D1} and rows[0]["title"]["value"] == "data 1"
    elif mimetype.endswith("xml"):
        ns = "{http://www.w3.org/2005/sparql-results#}"
        assert len(ElementTree.fromstring(r.data).findall(f"{ns}results/{ns}result")) == 3
    elif mimetype == "text/csv":
        assert text.splitlines() == ["s,title", f"{D1},data 1", f"{D2},data 2", f"{D3},data 3"]
    else:
        assert text.splitlines()[:2] == ["?s\t?title", f'<{D1}>\t"data 1"']


def test_construct_formats(protocol_client):
    query = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{D1}> {{ ?s ?p ?o }} }}"
    for accept in ("text/turtle", "application/n-triples", "application/ld+json", "application/rdf+xml"):
        r = protocol_client.get(f"/sparql?query={q(query)}", headers={"Accept": accept})
        assert r.mimetype == accept
        assert len(list(parse(r.data, RdfFormat.from_media_type(accept)))) == 2
    assert protocol_client.get(f"/sparql?query={q(query)}", headers={"Accept": "text/csv"}).status_code == 406


def test_service_is_refused(protocol_client):
    r = protocol_client.get(f"/sparql?query={q('SELECT * WHERE { SERVICE <http://127.0.0.1:1/x> { ?s ?p ?o } }')}")
    assert r.status_code == 400 and "SERVICE" in r.get_json()["detail"]
    harmless = 'SELECT ?service WHERE { BIND("SERVICE" AS ?service) }'
    ok = protocol_client.get(f"/sparql?query={q(harmless)}")
    assert ok.status_code == 200


def test_bad_graph_iri(protocol_client):
    assert protocol_client.get("/sparql?query=ASK%7B%7D&default-graph-uri=not%20an%20iri").status_code == 400


def test_query_form_shows_syntax_errors_next_to_the_query(protocol_client):
    r = protocol_client.get("/sparql?format=html&query=SELEC%20*", headers={"Accept": "text/html"})
    assert r.status_code == 400 and r.mimetype == "text/html"
    html = r.get_data(as_text=True)
    assert "Invalid query" in html and "SELEC *</textarea>" in html
