"""The Ollama options: embeddings (MLFDO_EMBEDDER=ollama:...) and LLM query understanding (MLFDO_LLM=ollama:...).

Ollama is played by the loopback stub of tests/ollama_stub.py (real HTTP, real ollama client).
"""

from __future__ import annotations

import json

import pytest

from registry.search import open_searcher
from registry.search.embed import EmbedderUnavailable, OllamaEmbedder
from registry.search.llm import OllamaUnderstander
from tests.ollama_stub import EMBED_DIM, OllamaStub
from tests.test_search_data import make_registry


@pytest.fixture(scope="module")
def stub():
    with OllamaStub(models=("stub-llm", "stub-embed")) as running:
        yield running


@pytest.fixture(scope="module")
def searcher(stub):
    """A searcher whose embeddings and query understanding both come from the stub."""
    registry = make_registry(None)
    registry.settings.update({"EMBEDDER": "ollama:stub-embed"})
    embedder = OllamaEmbedder("stub-embed", host=stub.url)
    searcher = open_searcher(registry, embedder=embedder)
    searcher.llm = OllamaUnderstander("stub-llm", host=stub.url)
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


def test_llm_fills_what_the_rules_missed_and_invented_values_are_dropped(stub, searcher):
    stub.reply = json.dumps({"keywords": "reading names in text", "task": ["token-classification"],
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


def test_llm_nonsense_falls_back_to_the_rules(stub, searcher):
    stub.reply = "I think you want BERT!"
    searcher._understood.clear()
    u = searcher.understand("MIT licensed NER model")
    assert u.source == "rules"
    assert {r.facet for r in u.recognised if r.applied} == {"licence", "task", "kind"}
