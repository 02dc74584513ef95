"""The extractive mode: answers built from the graph with templates, over the real store and search."""

from __future__ import annotations

import pytest

from registry.chat.search_adapter import SearchAdapter
from registry.errors import BadRequest
from registry.pid import mint_id



def href(hf_id: str) -> str:
    return f"/fdo/{mint_id('hf', hf_id)}"


def test_chat_extractive_licence_question_links_the_model(chat):
    answer = chat.ask("What licence does openai-community/gpt2 have?")
    assert answer.mode == "extractive" and answer.model is None and answer.answerable
    assert answer.text == f"[openai-community/gpt2]({href('openai-community/gpt2')}) is released under MIT."
    assert [c.name for c in answer.citations] == ["openai-community/gpt2"]
    assert "no language model" in answer.mode_note


def test_chat_extractive_short_name_resolves(chat):
    answer = chat.ask("How many parameters does whisper-tiny have?")
    assert "37.8M parameters (37,760,640)" in answer.text
    assert href("openai/whisper-tiny") in answer.text


def test_chat_extractive_missing_attribute_is_said(chat):
    answer = chat.ask("What licence does jdoe/llama2-7b-alpaca-lora have?")
    assert "records no licence" in answer.text


def test_chat_extractive_lists_models_through_a_dataset(chat):
    answer = chat.ask("Which models were trained on bookcorpus?")
    assert href("google-bert/bert-base-uncased") in answer.text
    assert href("distilbert/distilbert-base-uncased") in answer.text
    assert href("openai-community/gpt2") not in answer.text


def test_chat_extractive_lineage_both_directions(chat):
    up = chat.ask("What is distilbert-base-uncased-finetuned-sst-2-english fine-tuned from?")
    assert f"is fine-tuned from [distilbert/distilbert-base-uncased]({href('distilbert/distilbert-base-uncased')})" \
        in up.text
    down = chat.ask("Which models are fine-tuned from distilbert/distilbert-base-uncased?")
    assert "1 model is fine-tuned from" in down.text
    assert href("distilbert/distilbert-base-uncased-finetuned-sst-2-english") in down.text


def test_chat_extractive_evaluation_results(chat):
    answer = chat.ask("What evaluation results does facebook/bart-large-cnn report?")
    assert "ROUGE-1 42.95" in answer.text


def test_chat_extractive_comparison_table_from_the_graph(chat):
    answer = chat.ask("Compare bert-base-uncased and distilbert-base-uncased")
    table = answer.table.to_dict()
    assert [c["name"] for c in table["columns"]] == ["google-bert/bert-base-uncased",
                                                     "distilbert/distilbert-base-uncased"]
    rows = {r["key"]: [[c["text"] for c in cell] for cell in r["cells"]] for r in table["rows"]}
    assert rows["licence"] == [["Apache-2.0"], ["Apache-2.0"]]
    assert rows["size"] == [["110.1M"], ["67M"]]
    assert rows["base"] == [[], ["google-bert/bert-base-uncased (fine-tuned from)"]]
    assert "Both share: task Fill-Mask; licence Apache-2.0" in answer.text
    assert "is fine-tuned from" in answer.text
    assert "| Parameters | 110.1M | 67M |" in answer.text


def test_chat_extractive_follow_ups_and_filters(chat):
    answer = chat.ask("Tell me about distilbert/distilbert-base-uncased")
    assert 1 <= len(answer.follow_ups) <= 3
    assert "Which models are fine-tuned from distilbert/distilbert-base-uncased?" in answer.follow_ups
    hrefs = [f.href for f in answer.filters]
    assert "/search?task=fill-mask" in hrefs and "/search?licence=Apache-2.0" in hrefs
    assert all(h.startswith("/search?") for h in hrefs) and len(hrefs) <= 4


def test_chat_extractive_follow_up_answers(chat):
    """A suggested follow-up is itself answerable."""
    first = chat.ask("Tell me about distilbert/distilbert-base-uncased")
    nxt = chat.ask(first.follow_ups[0])
    assert nxt.answerable and nxt.citations


def test_chat_extractive_conversation_refers_back(chat):
    first = chat.ask("How many parameters does whisper-tiny have?")
    second = chat.ask("What about its licence?", conversation=first.conversation)
    assert second.conversation == first.conversation
    assert second.text == f"[openai/whisper-tiny]({href('openai/whisper-tiny')}) is released under Apache-2.0."
    fresh = chat.ask("What about its licence?")
    assert fresh.conversation != first.conversation and href("openai/whisper-tiny") not in fresh.text


def test_chat_extractive_ask_about_a_page(chat, registry):
    pid = registry.store.resolve("hf:facebook/bart-large-cnn")
    answer = chat.ask("What was it trained on?", about=pid)
    assert answer.text.startswith(f"[facebook/bart-large-cnn]({href('facebook/bart-large-cnn')}) was trained on")


def test_chat_extractive_stream_events(chat):
    events = list(chat.events("What licence does openai-community/gpt2 have?"))
    kinds = [k for k, _ in events]
    assert kinds[0] == "meta" and kinds[-1] == "done" and set(kinds[1:-1]) == {"token"}
    assert events[0][1]["mode"] == "extractive"
    streamed = "".join(p["text"] for k, p in events if k == "token")
    assert streamed.strip() == events[-1][1].text


@pytest.mark.parametrize("question", ["", "   ", "x" * 1001])
def test_chat_rejects_empty_and_long_questions(chat, question):
    with pytest.raises(BadRequest):
        chat.ask(question)


def test_chat_keyword_fallback_without_search(registry):
    adapter = SearchAdapter(registry)
    adapter._tried, adapter._searcher = True, None  # as when registry.search is not installed
    outcome = adapter.search("summarization news")
    assert outcome.engine == "keyword-fallback"
    assert outcome.hits[0].name == "facebook/bart-large-cnn"
