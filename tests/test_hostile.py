"""The hostile corpus (tests/data/hostile) through the Hugging Face harvest path, the store and every page.

Each hostile record is harvested with a problem recorded and bounded memory, nothing else is lost,
and whatever it carries renders escaped on landing and history pages, in search results and in chat
answers, under the page Content-Security-Policy.
"""

from __future__ import annotations

import re
import time
import tracemalloc

import pytest

from harvesters.huggingface.harvest import harvest
from harvesters.huggingface.offline import Snapshot
from harvesters.huggingface.transform import model_pid
from registry.service import Registry
from registry.settings import load_settings
from registry.store import Store
from tests.data.hf.helpers import BASE, client, replay
from tests.data.hostile.corpus import cases, well_behaved

pytestmark = [pytest.mark.slow]

MEMORY_BOUND = 600 * 2**20  # bytes the whole hostile harvest may allocate at its peak (the corpus is ~25 MB)
# What must never reach a page unescaped: a tag that runs script, or a link that runs it.
UNSAFE = [re.compile(p, re.I) for p in (r"<script(?![^>]*(application/ld\+json|nonce=))", r"<img[^>]*onerror",
                                        r"href\s*=\s*[\"']?\s*(javascript|data|vbscript):", r"\son\w+\s*=\s*[\"']?alert")]


@pytest.fixture(scope="module")
def harvested():
    corpus = [*cases(), well_behaved()]
    snapshot = Snapshot([c.model for c in corpus], {c.model["id"]: c.card for c in corpus if c.card is not None})
    store = Store.open(None, BASE)
    tracemalloc.start()
    started = time.perf_counter()
    with replay(snapshot) as server:
        summary = harvest(store, base_url=BASE, client=client(server), since="2000-01-01")
    seconds = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    settings = load_settings(environ={}, overrides={"BASE_URL": BASE, "SHACL": False, "LLM": "extractive",
                                                    "DATA_DIR": ""})
    yield Registry(settings, store), summary, peak, seconds


def test_every_hostile_record_is_harvested_with_a_problem_recorded(harvested):
    registry, summary, peak, _ = harvested
    assert summary.error is None and summary.complete
    assert peak < MEMORY_BOUND, f"peak {peak / 2**20:.0f} MiB"
    failed = {f.platform_id for f in registry.store.failures()}
    for case in cases():
        pid = model_pid(BASE, case.model["id"])
        if case.model["id"] in failed:
            continue  # kept as a failure with its raw record: that is a recorded problem too
        assert registry.store.exists(pid), f"{case.name}: neither stored nor recorded as a failure"
        problems = registry.store.versions(pid)[-1].problems
        assert problems, f"{case.name} ({case.tries}): stored without a recorded problem"


def test_the_well_behaved_model_beside_them_is_complete(harvested):
    registry, _, _, _ = harvested
    pid = model_pid(BASE, well_behaved().model["id"])
    values = {t.predicate.value.rsplit("/", 1)[-1]: t.object.value for t in registry.store.current(pid)
              if t.subject.value == pid}
    assert values["license"] == "https://spdx.org/licenses/Apache-2.0"
    assert values["name"] == "plain/normal-model" and "masked language modelling" in values["description"]
    assert registry.store.versions(pid)[-1].problems == ()


def _assert_escaped(where: str, html: str) -> None:
    for pattern in UNSAFE:
        found = pattern.search(html)
        assert found is None, f"{where}: unescaped {found.group(0)!r}"


@pytest.fixture(scope="module")
def hostile_client(harvested):
    from registry.web import create_app

    from registry.search import get_searcher

    get_searcher(harvested[0])  # index everything first: the first search then never races the background sync
    app = create_app({"REGISTRY": harvested[0], "TESTING": True, "SPARQL_ISOLATION": "thread"})
    return app.test_client()


def test_every_page_of_every_hostile_fdo_renders_escaped_under_the_policy(harvested, hostile_client):
    registry = harvested[0]
    pids = registry.store.pids()
    assert len(pids) > len(cases())
    for pid in pids:
        fdo_id = pid.rsplit("/", 1)[-1]
        for path in (f"/fdo/{fdo_id}", f"/fdo/{fdo_id}/versions", f"/fdo/{fdo_id}/v/1"):
            response = hostile_client.get(path, headers={"Accept": "text/html"})
            assert response.status_code in (200, 404, 410), (path, response.status_code)
            if response.mimetype == "text/html":
                assert "script-src 'none'" in response.headers["Content-Security-Policy"] or "nonce-" in \
                    response.headers["Content-Security-Policy"]
                _assert_escaped(path, response.get_data(as_text=True))
    home = hostile_client.get("/?per_page=500", headers={"Accept": "text/html"})
    _assert_escaped("/", home.get_data(as_text=True))


@pytest.mark.parametrize("query", ["script alert", "hostile", "javascript", "<script>", "img onerror"])
def test_search_results_and_chat_answers_render_escaped(hostile_client, query):
    page = hostile_client.get("/search", query_string={"q": query}, headers={"Accept": "text/html"})
    assert page.status_code == 200
    _assert_escaped(f"/search?q={query}", page.get_data(as_text=True))
    chat_page = hostile_client.get("/chat", query_string={"q": f"which model mentions {query}?"})
    assert chat_page.status_code == 200
    _assert_escaped(f"/chat?q={query}", chat_page.get_data(as_text=True))
    answer = hostile_client.post("/api/chat", json={"question": f"tell me about {query}"}).get_json()
    _assert_escaped(f"/api/chat html for {query}", answer["html"])
