"""Content negotiation of /fdo/{id}: real browser and curl Accept headers, q-values, suffix forms, HEAD."""

from __future__ import annotations

import json

import pytest
from pyoxigraph import RdfFormat, parse

from registry.negotiation import choose, parse_accept

CHROME = ("text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,*/*;q=0.8,"
          "application/signed-exchange;v=b3;q=0.7")
FIREFOX = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
SAFARI = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
OLD_IE = "image/gif, image/jpeg, image/pjpeg, application/x-ms-application, */*"
CURL = "*/*"


@pytest.mark.parametrize(("accept", "expected"), [
    (CHROME, "text/html"),
    (FIREFOX, "text/html"),
    (SAFARI, "text/html"),
    (OLD_IE, "text/html"),
    (CURL, "text/html"),
    (None, "text/html"),
    ("application/ld+json", "application/ld+json"),
    ('application/ld+json; profile="http://www.w3.org/ns/json-ld#compacted"', "application/ld+json"),
    ("application/json", "application/ld+json"),
    ("text/turtle", "text/turtle"),
    ("text/turtle;charset=utf-8", "text/turtle"),
    ("application/n-triples", "application/n-triples"),
    ("application/rdf+xml", "application/rdf+xml"),
    ("text/turtle;q=0.5, application/ld+json;q=0.9", "application/ld+json"),
    ("application/rdf+xml;q=0.3, text/turtle;q=0.4, */*;q=0.1", "text/turtle"),
    ("text/html;q=0, */*", "application/ld+json"),
    ("*/*, text/turtle", "text/turtle"),
    ("text/*", "text/html"),
    ("text/*;q=0.9, text/html;q=0.1", "text/turtle"),
    ("application/*", "application/ld+json"),
    ("APPLICATION/N-TRIPLES", "application/n-triples"),
])
def test_fdo_negotiation_matrix(client, ids, accept, expected):
    headers = {"Accept": accept} if accept is not None else {}
    r = client.get(f"/fdo/{ids.base_lm}", headers=headers)
    assert r.status_code == 200
    assert r.mimetype == expected
    assert "Accept" in r.headers["Vary"]
    suffix = {"text/html": "html", "application/ld+json": "jsonld", "text/turtle": "ttl",
              "application/n-triples": "nt", "application/rdf+xml": "rdf"}[expected]
    assert r.headers["Content-Location"] == f"http://registry.test/fdo/{ids.base_lm}.{suffix}"


@pytest.mark.parametrize("accept", ["application/xml", "text/xml", "image/png", "application/pdf;q=1, text/plain"])
def test_fdo_unacceptable_is_406_listing_offers(client, ids, accept):
    r = client.get(f"/fdo/{ids.base_lm}", headers={"Accept": accept})
    assert r.status_code == 406
    body = r.get_json()
    assert body["status"] == 406
    assert {"text/html", "application/ld+json", "text/turtle", "application/n-triples",
            "application/rdf+xml"} <= set(body["offers"])


def test_fdo_application_xml_never_gets_rdf_xml(client, ids):
    r = client.get(f"/fdo/{ids.base_lm}", headers={"Accept": "application/xml, application/rdf+xml;q=0.1"})
    assert r.mimetype == "application/rdf+xml"  # only because RDF/XML is named explicitly
    r = client.get(f"/fdo/{ids.base_lm}", headers={"Accept": "application/xml, */*;q=0.1"})
    assert r.mimetype == "text/html"


@pytest.mark.parametrize(("suffix", "mimetype", "fmt"), [
    ("ttl", "text/turtle", RdfFormat.TURTLE),
    ("nt", "application/n-triples", RdfFormat.N_TRIPLES),
    ("rdf", "application/rdf+xml", RdfFormat.RDF_XML),
    ("jsonld", "application/ld+json", RdfFormat.JSON_LD),
    ("json", "application/ld+json", RdfFormat.JSON_LD),
])
def test_fdo_suffix_forms_serve_the_current_triples(client, populated_registry, ids, suffix, mimetype, fmt):
    r = client.get(f"/fdo/{ids.base_lm}.{suffix}", headers={"Accept": "text/html"})
    assert r.status_code == 200 and r.mimetype == mimetype
    served = {str(q.triple) for q in parse(r.data, fmt)}
    stored = {str(t) for t in populated_registry.store.current(populated_registry.store.pid(ids.base_lm))}
    assert served == stored


def test_fdo_html_suffix_and_unknown_suffix(client, ids):
    assert client.get(f"/fdo/{ids.base_lm}.html", headers={"Accept": "text/turtle"}).mimetype == "text/html"
    assert client.get(f"/fdo/{ids.base_lm}.xml").status_code == 404
    assert client.get(f"/fdo/{ids.base_lm}.exe").status_code == 404


def test_fdo_head_has_headers_without_body(client, ids):
    get = client.get(f"/fdo/{ids.base_lm}", headers={"Accept": "text/turtle"})
    head = client.head(f"/fdo/{ids.base_lm}", headers={"Accept": "text/turtle"})
    assert head.status_code == 200 and head.data == b""
    for name in ("Content-Type", "Link", "Vary", "Content-Location", "ETag"):
        assert head.headers[name] == get.headers[name]


def test_fdo_conditional_get(client, ids):
    first = client.get(f"/fdo/{ids.base_lm}", headers={"Accept": "text/turtle"})
    again = client.get(f"/fdo/{ids.base_lm}", headers={"Accept": "text/turtle", "If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304


def test_jsonld_is_compacted_json(client, ids):
    doc = json.loads(client.get(f"/fdo/{ids.base_lm}.jsonld").data)
    assert "@context" in doc


def test_hf_alias_redirects_to_the_pid(client, ids):
    r = client.get("/hf/acme/base-lm")
    assert r.status_code == 302
    assert r.headers["Location"] == f"http://registry.test/fdo/{ids.base_lm}"
    renamed = client.get("/hf/acme/legacy-name")
    assert renamed.status_code == 302 and renamed.headers["Location"].endswith(ids.renamed)
    assert client.get("/hf/datasets/wikitext").headers["Location"].endswith(ids.wikitext)
    assert client.get("/hf/nobody/nothing").status_code == 404


def test_unknown_and_malformed_ids_are_404(client):
    assert client.get("/fdo/aaaaaaaaaaaaa").status_code == 404
    assert client.get("/fdo/not-an-id").status_code == 404


def test_parse_accept_reads_q_values_and_skips_junk():
    ranges = parse_accept("text/html;q=0.5, bogus, application/json;q=x, */*;q=0.1")
    assert [(r.type, r.subtype, r.q) for r in ranges] == [
        ("text", "html", 0.5), ("application", "json", 0.0), ("*", "*", 0.1)]


def test_choose_prefers_explicit_over_wildcard_at_equal_q():
    assert choose("*/*, text/turtle", ["text/html", "text/turtle"]) == "text/turtle"
    assert choose("*/*", ["text/html", "text/turtle"]) == "text/html"
    assert choose("text/html;q=0", ["text/html"]) is None
