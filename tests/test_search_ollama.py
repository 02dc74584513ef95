"""The Ollama options: embeddings (MLFDO_EMBEDDER=ollama:...) and LLM query understanding (MLFDO_LLM=ollama:...).

Embeddings come from the loopback stub of tests/ollama_stub.py; the structured-output chat the
query reading uses is replayed by a smaller loopback server here, which answers what a test
scripts. Both are real HTTP through the real ollama client.
"""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from registry.search import open_searcher
from registry.search.embed import EmbedderUnavailable, OllamaEmbedder
from registry.search.llm import OllamaUnderstander
from tests.ollama_stub import EMBED_DIM, OllamaStub
from tests.data.search.records import make_registry


class ChatReplay:
    """POST /api/chat answers ``reply`` as the assistant's message (non-streaming), and records the request."""

    def __init__(self) -> None:
        self.reply = "{}"
        self.requests: list[dict] = []
        replay = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args) -> None:
                pass

            def do_POST(self) -> None:
                body = json.loads(self.rfile.read(int(self.headers.get("Content-Length") or 0)) or b"{}")
                replay.requests.append(body)
                data = json.dumps({"model": body.get("model"), "created_at": "2025-01-01T00:00:00Z", "done": True,
                                   "message": {"role": "assistant", "content": replay.reply}}).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def __enter__(self) -> "ChatReplay":
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)


@pytest.fixture(scope="module")
def stub():
    with OllamaStub(models=("stub-embed",)) as running:
        yield running


@pytest.fixture(scope="module")
def llm():
    with ChatReplay() as running:
        yield running


@pytest.fixture(scope="module")
def searcher(stub, llm):
    """A searcher whose embeddings and query understanding both come from Ollama stand-ins."""
    registry = make_registry(None)
    registry.settings.update({"EMBEDDER": "ollama:stub-embed"})
    embedder = OllamaEmbedder("stub-embed", host=stub.url)
    searcher = open_searcher(registry, embedder=embedder)
    searcher.llm = OllamaUnderstander("stub-llm", host=llm.url)
    yield searcher
    searcher.close()
    registry.close()


def test_ollama_embedder_indexes_and_searches(searcher):
    assert searcher.index.embedder.dim == EMBED_DIM
    assert searcher.index.persisted.collection == "mlfdo-ollama-stub-embed"
    hit = searcher.search("speech recognition whisper", understand=False).results[0]
    assert hit.name == "openai/whisper-small"


def test_unknown_ollama_model_is_reported(stub):
    with pytest.raises(EmbedderUnavailable, match="no-such-model"):
        OllamaEmbedder("no-such-model", host=stub.url)


def test_llm_fills_what_the_rules_missed_and_invented_values_are_dropped(llm, searcher):
    llm.reply = json.dumps({"keywords": "reading names in text", "task": ["token-classification"],
                             "licence": ["MIT", "WTFPL-9"], "language": [], "max_parameters": "200M",
                             "expansions": ["NER"], "questions": ["Which entity types do you need?"]})
    searcher._understood.clear()
    u = searcher.understand("a model that finds people and places in English news")
    assert u.source == "ollama:stub-llm"
    applied = {r.facet: set(r.values) for r in u.recognised if r.applied}
    assert applied["task"] == {"token-classification"}
    assert applied["licence"] == {"MIT"}  # WTFPL-9 is not a value of the index
    assert applied["params"] == {"<200M"}
    assert applied["language"] == {"en"}  # from the rules
    assert u.text == "reading names in text"
    assert [q.question for q in u.questions] == ["Which entity types do you need?"]
    response = searcher.search("a model that finds people and places in English news")
    assert response.results[0].name == "dslim/bert-base-NER"
    assert response.understanding.source == "ollama:stub-llm"
    request = llm.requests[-1]
    assert request["model"] == "stub-llm" and request["format"]["type"] == "object"
    assert "token-classification" in request["messages"][0]["content"]  # the index's values are offered


def test_llm_nonsense_falls_back_to_the_rules(llm, searcher):
    llm.reply = "I think you want BERT!"
    searcher._understood.clear()
    u = searcher.understand("MIT licensed NER model")
    assert u.source == "rules"
    assert {r.facet for r in u.recognised if r.applied} == {"licence", "task", "kind"}
