"""Similar models: nearest FDOs in the search index with the reason, as JSON and on the landing page."""

from __future__ import annotations

import pytest

from registry.search import get_searcher
from registry.web import create_app
from tests.data.interfaces.fixture import BASE, FAMILY, family_registry

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def client():
    registry = family_registry()
    get_searcher(registry)  # index the family (MiniLM embeddings), as a running site has
    yield create_app({"REGISTRY": registry, "TESTING": True, "SPARQL_ISOLATION": "thread"}).test_client()
    registry.close()


def test_similar_models_come_with_reasons(client):
    data = client.get(f"/api/fdo/{FAMILY.chat}/similar").json
    assert data["pid"] == f"{BASE}/fdo/{FAMILY.chat}"
    by_name = {s["name"]: s["reasons"] for s in data["similar"]}
    assert "mid-lm-chat" not in by_name and "tinytales" not in by_name  # never itself, only models
    assert data["similar"][0]["name"] == "mid-lm"  # same task and data, and its base model
    assert "base model of this one" in by_name["mid-lm"]
    assert "same task: Text Generation" in by_name["mid-lm"]
    assert "same training data: tinytales" in by_name["mid-lm"]
    scores = [s["score"] for s in data["similar"]]
    assert scores == sorted(scores, reverse=True)


def test_siblings_share_their_base_model(client):
    data = client.get(f"/api/fdo/{FAMILY.q4}/similar?limit=20").json
    reasons = {s["name"]: s["reasons"] for s in data["similar"]}
    assert "same base model: mid-lm" in reasons["mid-lm-chat"]
    assert "derived from this model" not in reasons["mid-lm-chat"]


def test_similar_limit_is_checked(client):
    assert client.get(f"/api/fdo/{FAMILY.chat}/similar?limit=0").status_code == 400
    assert client.get("/api/fdo/aaaaaaaaaaaaa/similar").status_code == 404
    assert len(client.get(f"/api/fdo/{FAMILY.chat}/similar?limit=2").json["similar"]) == 2


def test_landing_page_lists_similar_models_and_links_compare(client):
    html = client.get(f"/fdo/{FAMILY.chat}", headers={"Accept": "text/html"}).get_data(as_text=True)
    start = html.index('id="similar"')
    box = html[start:html.index("</section>", start)]
    assert f'<a href="/fdo/{FAMILY.mid}">mid-lm</a>' in box and "base model of this one" in box
    assert f"/compare?ids={FAMILY.chat},{FAMILY.mid}," in box
