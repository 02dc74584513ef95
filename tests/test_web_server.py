"""The registry over real HTTP: `mlfdo serve` on loopback, read with urllib and the signposting package."""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request

import pytest
from signposting import find_signposting_http

pytestmark = [pytest.mark.server, pytest.mark.slow]

BASE_LM = "3krpxs3xvfvka"


def fetch(url: str, accept: str | None = None, method: str = "GET"):
    request = urllib.request.Request(url, method=method, headers={"Accept": accept} if accept else {})
    try:
        return urllib.request.urlopen(request, timeout=10)
    except urllib.error.HTTPError as exc:
        return exc


def test_served_over_loopback(live_server):
    with fetch(f"{live_server}/fdo/{BASE_LM}", "text/turtle") as r:
        assert r.status == 200 and r.headers["Content-Type"].startswith("text/turtle")
        assert "Accept" in r.headers["Vary"]
        assert b"base-lm" in r.read()
    with fetch(f"{live_server}/fdo/{BASE_LM}", "text/html,application/xhtml+xml,*/*;q=0.8") as r:
        assert r.headers["Content-Type"].startswith("text/html")
    with fetch(f"{live_server}/fdo/{BASE_LM}/versions.json") as r:
        assert [v["version"] for v in json.load(r)["versions"]] == [1, 2]
    head = fetch(f"{live_server}/fdo/{BASE_LM}", "application/ld+json", method="HEAD")
    assert head.status == 200 and head.read() == b""
    missing = fetch(f"{live_server}/fdo/aaaaaaaaaaaaa", "application/json")
    assert missing.status == 404 and json.load(missing)["status"] == 404


def test_signposting_over_http(live_server):
    s = find_signposting_http(f"{live_server}/fdo/{BASE_LM}")
    assert s.citeAs.target == f"http://registry.test/fdo/{BASE_LM}"
    assert {d.type for d in s.describedBy} >= {"application/ld+json", "text/turtle"}
    assert s.license.target == "https://spdx.org/licenses/Apache-2.0"


def test_sparql_over_http_in_a_worker_process(live_server):
    query = urllib.parse.quote("SELECT (COUNT(*) AS ?n) WHERE { ?m a <https://w3id.org/fair4ml#MLModel> }")
    with fetch(f"{live_server}/sparql?query={query}", "application/sparql-results+json") as r:
        assert int(json.load(r)["results"]["bindings"][0]["n"]["value"]) == 5
    with fetch(f"{live_server}/dump", "application/n-triples") as r:
        assert r.headers.get("Transfer-Encoding") == "chunked" or r.headers.get("Content-Length") is None
        assert b"<http://registry.test/fdo/" in r.read()
