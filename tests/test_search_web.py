"""Search over HTTP: the JSON API, the no-JavaScript page (also in headless Chromium), the OpenAPI fragment."""

from __future__ import annotations

import re
import shutil
import subprocess
import threading
from html.parser import HTMLParser
from urllib.parse import parse_qs, urlsplit

import pytest
from werkzeug.serving import make_server

from tests.data.search.records import make_registry, make_searcher

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="module")
def registry():
    registry = make_registry(None)
    make_searcher(registry)  # open the index once, before the first request
    yield registry
    registry.close()


@pytest.fixture(scope="module")
def app(registry):
    from registry.web import create_app

    return create_app({"REGISTRY": registry, "TESTING": True})


@pytest.fixture
def client(app):
    return app.test_client()


class Links(HTMLParser):
    """The links of a page (href, text) and its script elements."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.links: list[tuple[str, str]] = []
        self.scripts = 0
        self._href: str | None = None
        self._text: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self._href, self._text = dict(attrs).get("href"), []
        if tag == "script":
            self.scripts += 1

    def handle_data(self, data):
        if self._href is not None:
            self._text.append(data)

    def handle_endtag(self, tag):
        if tag == "a" and self._href is not None:
            self.links.append((self._href, " ".join("".join(self._text).split())))
            self._href = None


def test_api_search_returns_results_facets_and_understanding(client):
    response = client.get("/api/search?q=German+sentiment+classification")
    assert response.status_code == 200 and response.mimetype == "application/json"
    body = response.get_json()
    assert set(body) >= {"query", "page", "per_page", "total", "results", "facets", "filters", "recognised",
                         "suggested", "questions", "expansions", "took_ms"}
    assert body["results"][0]["name"] == "oliverguhr/german-sentiment-bert"
    assert set(body["results"][0]) >= {"pid", "name", "score", "snippet", "kind"}
    assert {"facet": "language", "values": ["de"]}.items() <= next(
        r for r in body["recognised"] if r["facet"] == "language").items()
    assert any(f["name"] == "licence" for f in body["facets"])


def test_api_search_filters_are_query_parameters(client):
    body = client.get("/api/search?licence=MIT&language=de&language=fr&per_page=50").get_json()
    assert body["filters"] == {"licence": ["MIT"], "language": ["de", "fr"]}
    assert body["total"] == len(body["results"]) > 0
    for hit in body["results"]:
        assert hit["licences"] == ["MIT"]


@pytest.mark.parametrize("query", ["colour=red", "per_page=1000", "page=x", "params=lots", "mode=magic"])
def test_api_search_rejects_bad_parameters_with_a_problem(client, query):
    response = client.get(f"/api/search?q=bert&{query}")
    assert response.status_code == 400
    assert response.mimetype == "application/problem+json"
    assert response.get_json()["status"] == 400


def test_search_page_lists_results_facets_and_suggestions_as_links(client):
    response = client.get("/search?q=small+text+classification+model+for+commercial+use")
    assert response.status_code == 200 and response.mimetype == "text/html"
    page = Links(response.get_data(as_text=True))
    assert page.scripts == 0
    hrefs = [h for h, _ in page.links]
    assert any(h.startswith("/fdo/") for h in hrefs)
    assert any("licence=MIT" in h for h, text in page.links if text.startswith("+"))  # a suggested filter
    assert any("understand=0" in h for h in hrefs)


def test_following_a_facet_link_filters_the_page(client):
    page = Links(client.get("/search?q=sentence+embeddings&understand=0").get_data(as_text=True))
    href = next(h for h, text in page.links if h.startswith("/search?") and "library=sentence-transformers" in h
                and "✕" not in text)
    assert parse_qs(urlsplit(href).query)["library"] == ["sentence-transformers"]
    body = client.get(href).get_data(as_text=True)
    assert "✕ library: sentence-transformers" in body
    names = re.findall(r'<h2><a href="/fdo/\w+">([^<]+)</a></h2>', body)
    assert names and "google-bert/bert-base-uncased" not in names


def test_search_page_without_a_query_shows_the_form(client):
    body = client.get("/search").get_data(as_text=True)
    assert 'name="q"' in body and "result" not in body.split("<main", 1)[1].lower().split("</form>", 1)[1]


def test_openapi_describes_the_search_endpoint(client):
    doc = client.get("/openapi.json").get_json()
    operation = doc["paths"]["/api/search"]["get"]
    assert {p["name"] for p in operation["parameters"]} >= {"q", "page", "per_page", "task", "licence", "params"}
    assert "SearchResponse" in doc["components"]["schemas"]


@pytest.mark.browser
@pytest.mark.server
@pytest.mark.slow
def test_search_page_in_headless_chromium(app, tmp_path):
    if CHROMIUM is None:
        pytest.skip("chromium is not installed (scripts/ensure-chromium.sh installs it)")
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_port}/search?q=speech+recognition+under+500M+parameters"
        done = subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                               "--disable-component-update", "--disable-sync", "--no-first-run",
                               f"--user-data-dir={tmp_path / 'profile'}", "--dump-dom", url],
                              capture_output=True, text=True, timeout=90)
    finally:
        server.shutdown()
        thread.join(timeout=10)
    assert done.returncode == 0, done.stderr[-2000:]
    dom = done.stdout
    text = " ".join(re.sub(r"<[^>]+>", " ", dom.split("<main", 1)[1]).split())
    assert "Read from your query:" in text and "under 500M parameters" in text
    assert "openai/whisper-small" in text and "facebook/wav2vec2-base-960h" in text
    assert "Parameters" in text and "Licence" in text  # facets
    assert re.search(r"\d+ results?", text)


def test_search_page_shows_each_read_constraint_with_a_remove_link(client):
    page = client.get("/search?q=German+object+detection")
    assert page.status_code == 200
    parser = Links(page.get_data(as_text=True))
    removes = [href for href, text in parser.links if text == "✕" and "drop=" in href]
    assert any("drop=task" in href for href in removes) and any("drop=language" in href for href in removes)
    dropped = client.get("/api/search?q=German+object+detection&drop=language").get_json()
    assert "language" not in {r["facet"] for r in dropped["recognised"]}


def test_search_snippet_is_escaped_plain_text_with_marks(client):
    body = client.get("/search?q=sentiment").get_data(as_text=True)
    assert "<mark>" in body
    assert "**" not in body and "<script>alert" not in body


def test_bad_search_input_gets_a_400_with_a_reason_never_a_500(client):
    long = client.get("/api/search?q=" + "a" * 10_000)
    assert long.status_code == 400 and "characters" in long.get_json()["detail"]
    unknown = client.get("/api/search?q=bert&drop=colour")
    assert unknown.status_code == 400 and "colour" in unknown.get_json()["detail"]
    for query in ("", "機械翻訳のモデル", "модель для перевода"):
        assert client.get("/api/search", query_string={"q": query}).status_code == 200
