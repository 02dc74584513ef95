"""The Ollama mode against a loopback server speaking Ollama's /api/chat and /api/embed protocol."""

from __future__ import annotations

import pytest

from registry.chat import ChatService, get_chat
from registry.chat.generate import OllamaGenerator
from registry.pid import mint_id
from tests.data.chat.fixture import chat_registry
from tests.ollama_stub import OllamaStub


@pytest.fixture(scope="module")
def stub():
    with OllamaStub() as server:
        yield server


@pytest.fixture(scope="module")
def registry(stub):
    registry = chat_registry({"LLM": "ollama:stub-llm", "EMBEDDER": "ollama:stub-embed", "OLLAMA_URL": stub.url})
    yield registry
    registry.close()


@pytest.fixture
def fresh(stub):
    """Forget the stub's requests and scripted reply before a test."""
    stub.requests.clear()
    stub.reply = None
    yield stub
    stub.reply = None


def chat_requests(stub) -> list[dict]:
    """Return the chat's own /api/chat requests (the search's query reading asks for JSON ``format``)."""
    return [body for path, body in stub.requests if path == "/api/chat" and not body.get("format")]


def test_ollama_answer_streams_and_cites(registry, fresh):
    chat = get_chat(registry)
    assert chat.generator.mode == "ollama" and chat.generator.model == "stub-llm"
    events = list(chat.events("What licence does openai-community/gpt2 have?"))
    tokens = [p["text"] for k, p in events if k == "token"]
    answer = events[-1][1]
    assert events[0][1]["mode"] == "ollama" and len(tokens) > 3
    assert answer.mode == "ollama" and answer.model == "stub-llm" and not answer.replaced
    gpt2 = f"/fdo/{mint_id('hf', 'openai-community/gpt2')}"
    assert answer.text.startswith(f"[openai-community/gpt2]({gpt2}) [\\[1\\]]({gpt2}) has task: Text Generation; "
                                  "licence: MIT")
    assert [c.href for c in answer.citations] == [gpt2]
    assert "through Ollama" in answer.mode_note
    request = chat_requests(fresh)[-1]
    assert request["model"] == "stub-llm" and request["stream"] is True
    assert request["options"]["num_predict"] > 0
    assert "FACTS:\n[1] openai-community/gpt2" in request["messages"][-1]["content"]


def test_ollama_embeddings_rank_candidates(registry, fresh):
    get_chat(registry).ask("Which models can summarise news articles?")
    embeds = [body for path, body in fresh.requests if path == "/api/embed"]
    assert embeds and all(body["model"] == "stub-embed" for body in embeds)
    assert any(isinstance(body["input"], list) and len(body["input"]) > 1 for body in embeds)


def test_ollama_comparison_is_summarised_from_the_table(registry, fresh):
    answer = get_chat(registry).ask("Compare bert-base-uncased and distilbert-base-uncased")
    prompt = chat_requests(fresh)[-1]["messages"][-1]["content"]
    assert prompt.startswith("TABLE:\nmodels: google-bert/bert-base-uncased | distilbert/distilbert-base-uncased")
    assert "parameters: 110.1M | 67M" in prompt
    assert answer.table is not None and "| Parameters | 110.1M | 67M |" in answer.text


def test_ollama_invented_model_is_replaced(registry, fresh):
    fresh.reply = "openai-community/gpt2 is MIT licensed, and so is its successor acme/gpt-9."
    answer = get_chat(registry).ask("What licence does openai-community/gpt2 have?")
    assert answer.replaced and answer.mode == "extractive" and answer.model is None
    assert "acme/gpt-9" not in answer.text
    assert "acme/gpt-9" in answer.notes[0]
    assert answer.text.endswith("is released under MIT.")


def test_ollama_refusals_never_reach_the_model(registry, fresh):
    answer = get_chat(registry).ask("Tell me about acme/superbert-9000")
    assert not answer.answerable and answer.mode == "extractive"
    assert chat_requests(fresh) == []


def test_ollama_history_is_bounded_and_sent(registry, fresh):
    chat = get_chat(registry)
    first = chat.ask("How many parameters does whisper-tiny have?")
    chat.ask("What about its licence?", conversation=first.conversation)
    messages = chat_requests(fresh)[-1]["messages"]
    assert [m["role"] for m in messages] == ["system", "user", "assistant", "user"]
    assert messages[1]["content"] == "How many parameters does whisper-tiny have?"
    assert "openai/whisper-tiny" in messages[-1]["content"]


def test_ollama_missing_model_falls_back(registry, stub):
    chat = ChatService(registry, generator=OllamaGenerator("no-such-model", host=stub.url))
    answer = chat.ask("What licence does openai-community/gpt2 have?")
    chat.close()
    assert answer.mode == "extractive" and "no-such-model" in answer.notes[0]
    assert answer.text.endswith("is released under MIT.")


def test_ollama_unreachable_server_falls_back(registry):
    chat = ChatService(registry, generator=OllamaGenerator("stub-llm", host="http://127.0.0.1:9", timeout=2))
    answer = chat.ask("What licence does openai-community/gpt2 have?")
    chat.close()
    assert answer.mode == "extractive" and "could not answer" in answer.notes[0]
