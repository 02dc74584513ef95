"""JSON API, dumps, health, OpenAPI, kernel record, RO-Crate, the app factory's configuration."""

from __future__ import annotations

import json

import pytest
from pyoxigraph import DefaultGraph, RdfFormat, parse

from registry.web import create_app
from registry.web.blueprints import register_blueprints


def test_api_stats(client):
    stats = client.get("/api/stats").get_json()
    assert stats["fdos"] == 12 and stats["versions"] == 13
    assert stats["by_kind"]["model"] == {"active": 4, "withdrawn": 1}


def test_api_fdo_pages(client):
    first = client.get("/api/fdo?per_page=5").get_json()
    assert first["page"] == 1 and len(first["items"]) == 5 and first["prev"] is None
    second = client.get(first["next"]).get_json()
    third = client.get(second["next"]).get_json()
    assert third["next"] is None
    pids = [i["pid"] for page in (first, second, third) for i in page["items"]]
    assert len(pids) == len(set(pids)) == 11  # every current FDO once; the withdrawn one is not listed
    models = client.get("/api/fdo?kind=model").get_json()["items"]
    assert {m["name"] for m in models} == {"base-lm", "base-lm-finetuned", "base-lm-gguf", "renamed-model"}
    assert 'rel="next"' in client.get("/api/fdo?per_page=5").headers["Link"]


@pytest.mark.parametrize("query", ["page=0", "page=x", "per_page=0", "per_page=501"])
def test_api_fdo_rejects_bad_paging(client, query):
    assert client.get(f"/api/fdo?{query}").status_code == 400


def test_healthz(client):
    health = client.get("/healthz").get_json()
    assert health["status"] == "ok" and health["store"] == "ok"
    assert health["index"] in ("not open", "current")  # the shared registry's searcher may be open already


def test_kernel_record(client, ids):
    pid = f"http://registry.test/fdo/{ids.base_lm}"
    record = client.get(f"/fdo/{ids.base_lm}/record").get_json()
    assert record["pid"] == pid
    assert record["O.FDO-Type"] == "https://w3id.org/fair4ml#MLModel"
    assert record["O.FDO-Profile"] == "https://w3id.org/fair4ml/0.1.0"
    assert {d["type"] for d in record["O.FDO-Data"]} == {"application/ld+json", "text/turtle",
                                                         "application/n-triples", "application/rdf+xml"}
    assert record["version"] == 2 and len(record["etag"]) == 64
    assert record["dateCreated"].startswith("2024-05-01") and record["dateModified"].startswith("2024-09-01")
    assert "wasDerivedFrom" in record
    ttl = client.get(f"/fdo/{ids.base_lm}/record", headers={"Accept": "text/turtle"})
    triples = {str(q.triple) for q in parse(ttl.data, RdfFormat.TURTLE)}
    assert f'<{pid}> <http://purl.org/dc/terms/type> <https://w3id.org/fair4ml#MLModel>' in triples
    assert client.get(f"/fdo/{ids.base_lm}/record.jsonld").mimetype == "application/ld+json"


def test_ro_crate_is_a_detached_crate(client, ids):
    pid = f"http://registry.test/fdo/{ids.base_lm}"
    r = client.get(f"/fdo/{ids.base_lm}/ro-crate")
    assert r.headers["Content-Type"] == 'application/ld+json; profile="https://w3id.org/ro/crate"'
    crate = json.loads(r.data)
    assert crate["@context"] == "https://w3id.org/ro/crate/1.2/context"
    entities = {e["@id"]: e for e in crate["@graph"]}
    descriptor = entities["ro-crate-metadata.json"]
    assert descriptor["conformsTo"] == {"@id": "https://w3id.org/ro/crate/1.2"}
    root = entities[descriptor["about"]["@id"]]
    assert root["@id"] == pid and "Dataset" in root["@type"]
    for key in ("name", "description", "datePublished", "license"):
        assert root[key]
    # flattened: every referenced @id is described in the graph
    for ref in root["hasPart"] + root["license"] + root["author"]:
        assert ref["@id"] in entities
    assert entities[f"{pid}.ttl"]["encodingFormat"] == "text/turtle"


def test_dump_streams_the_current_graph(client, populated_registry):
    r = client.get("/dump", headers={"Accept": "application/n-quads"})
    assert r.is_streamed and r.mimetype == "application/n-quads"
    quads = list(parse(r.data, RdfFormat.N_QUADS))
    assert all(isinstance(q.graph_name, DefaultGraph) for q in quads)
    assert len(quads) == populated_registry.store.stats()["current_triples"]
    ttl = client.get("/dump")
    assert ttl.mimetype == "text/turtle"
    assert len(list(parse(ttl.data, RdfFormat.TURTLE))) == len(quads)


def test_dump_history_has_versions_and_provenance(client):
    r = client.get("/dump?history=1")
    assert r.mimetype == "application/n-quads"
    graphs = {q.graph_name.value for q in parse(r.data, RdfFormat.N_QUADS)}
    assert "http://registry.test/graph/provenance" in graphs
    assert "http://registry.test/fdo/3krpxs3xvfvka/v/2" in graphs
    assert "http://registry.test/graph/registry" not in graphs
    assert client.get("/dump?history=1", headers={"Accept": "application/trig"}).mimetype == "application/trig"
    assert client.get("/dump?history=1", headers={"Accept": "text/turtle"}).status_code == 406


def test_openapi_describes_every_json_endpoint(client):
    doc = client.get("/openapi.json").get_json()
    assert doc["openapi"].startswith("3.1")
    json_endpoints = {"/api/fdo", "/api/stats", "/healthz", "/openapi.json", "/fdo/{id}/record",
                      "/fdo/{id}/linkset", "/fdo/{id}/ro-crate", "/fdo/{id}/versions", "/fdo/{id}/versions.json",
                      "/fdo/{id}/diff", "/fdo/{id}", "/sparql", "/dump"}
    assert json_endpoints <= set(doc["paths"])
    operation_ids = []
    for path, operations in doc["paths"].items():
        for op in operations.values():
            assert op.get("summary") and op.get("responses"), path
            if "operationId" in op:
                operation_ids.append(op["operationId"])
    assert len(operation_ids) == len(set(operation_ids))
    refs = json.dumps(doc).count('"$ref"')
    assert refs and all(name in doc["components"]["schemas"] for name in ("Problem", "FdoPage", "Stats", "Diff"))


def test_api_page_for_people(client):
    html = client.get("/api").get_data(as_text=True)
    assert "/openapi.json" in html and "/api/fdo" in html


def test_a_blueprint_that_cannot_be_imported_stops_the_app(populated_registry, tmp_path, monkeypatch):
    app = create_app({"REGISTRY": populated_registry, "TESTING": True})
    with pytest.raises(ModuleNotFoundError, match="registry.nonexistent"):
        register_blueprints(app, ["registry.nonexistent.web:bp"])
    broken = tmp_path / "broken_bp_for_test.py"
    broken.write_text("import definitely_missing_dependency_xyz\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    with pytest.raises(ModuleNotFoundError, match="definitely_missing_dependency_xyz"):
        register_blueprints(app, ["broken_bp_for_test:bp"])


def test_openapi_fragments_are_merged(populated_registry, tmp_path, monkeypatch):
    module = tmp_path / "extra_bp_for_test.py"
    module.write_text(
        "from flask import Blueprint\nbp = Blueprint('extra', __name__)\n"
        "@bp.route('/api/extra')\ndef extra():\n    return {'ok': True}\n"
        "OPENAPI = {'paths': {'/api/extra': {'get': {'summary': 'x', 'operationId': 'extra', "
        "'responses': {'200': {'description': 'ok'}}}}}}\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    from registry.web import blueprints

    monkeypatch.setattr(blueprints, "BLUEPRINTS", blueprints.BLUEPRINTS + ["extra_bp_for_test:bp"])
    app = create_app({"REGISTRY": populated_registry, "TESTING": True})
    client = app.test_client()
    assert client.get("/api/extra").get_json() == {"ok": True}
    assert "/api/extra" in client.get("/openapi.json").get_json()["paths"]


def test_config_layers(tmp_path, monkeypatch):
    cfg = tmp_path / "mlfdo.cfg"
    cfg.write_text("PAGE_SIZE = 7\nSPARQL_TIMEOUT = 3.0\nBASE_URL = 'http://from-file.test'\n")
    monkeypatch.setenv("MLFDO_CONFIG_FILE", str(cfg))
    monkeypatch.setenv("MLFDO_SPARQL_TIMEOUT", "4.5")
    app = create_app({"IN_MEMORY": True, "TESTING": True, "SPARQL_LIMIT": 99})
    assert app.config["MLFDO_PAGE_SIZE"] == 7  # file
    assert app.config["MLFDO_SPARQL_TIMEOUT"] == 4.5  # environment beats the file
    assert app.config["MLFDO_SPARQL_LIMIT"] == 99  # test overrides beat everything
    assert app.config["MLFDO_BASE_URL"] == "http://from-file.test"
    assert app.extensions["mlfdo"].base_url == "http://from-file.test"
    assert len(app.test_client().get("/api/fdo").get_json()["items"]) == 0
    monkeypatch.setenv("MLFDO_PAGE_SIZE", "many")
    with pytest.raises(ValueError, match="MLFDO_PAGE_SIZE"):
        create_app({"IN_MEMORY": True})


def test_cross_origin_reads_see_the_signposting(client, ids):
    r = client.get(f"/fdo/{ids.base_lm}", headers={"Accept": "text/turtle", "Origin": "https://elsewhere.example"})
    assert r.headers["Access-Control-Allow-Origin"] == "*"
    assert "Link" in r.headers["Access-Control-Expose-Headers"]
    assert "Access-Control-Allow-Credentials" not in r.headers


def test_cors_preflight_allows_reads_but_never_credentials(client, ids):
    r = client.options(f"/fdo/{ids.base_lm}", headers={
        "Origin": "https://elsewhere.example", "Access-Control-Request-Method": "GET",
        "Access-Control-Request-Headers": "Accept-Datetime"})
    assert r.status_code == 200
    assert r.headers["Access-Control-Allow-Origin"] == "*"
    assert "GET" in r.headers["Access-Control-Allow-Methods"]
    assert "accept-datetime" in r.headers["Access-Control-Allow-Headers"].lower()
    assert "Access-Control-Allow-Credentials" not in r.headers


def test_ontology_files_are_served(client):
    from registry.paths import ONTOLOGY_DIR

    context = ONTOLOGY_DIR / "context.jsonld"
    r = client.get("/ontology/context.jsonld")
    if not context.is_file():
        assert r.status_code == 404
        return
    assert r.status_code == 200 and r.mimetype == "application/ld+json"
    assert "@context" in json.loads(r.data)
    assert client.get("/ontology/..%2Fpyproject.toml").status_code == 404
    assert client.get("/ontology/missing.ttl").status_code == 404
