"""The one question reader: chat and search read the same constraints, names and topic from a question."""

from __future__ import annotations

import pytest

from registry.chat import ChatService
from registry.pid import mint_id, pid_iri
from registry.search import get_searcher
from registry.search.understand import read, unframe
from tests.data.chat.fixture import BASE


@pytest.fixture(scope="module")
def searcher(registry):
    return get_searcher(registry)


def pid(model_id: str) -> str:
    return pid_iri(BASE, mint_id("hf", model_id))


def test_reader_gives_chat_the_constraints_search_applies(searcher):
    text = "Which models under the MIT licence generate text?"
    q = read(text, searcher.understand)
    response = searcher.search(text)
    assert q.filters["licence"] == ["MIT"]  # explicit: a licence filters
    assert q.boosts["task"] == ["text-generation"]  # loose words: a task only boosts
    assert {f: v for f, v in q.filters.items()} == {f: v for f, v in response.understanding.filters().items()}
    assert q.boosts == response.understanding.boosts()


def test_only_makes_a_loosely_named_task_an_explicit_filter_for_chat_too(searcher):
    assert "task" in read("only text generation models", searcher.understand).filters
    assert "task" not in read("text generation models", searcher.understand).filters


def test_only_reaches_past_a_dotted_version_in_a_licence_name(searcher):
    assert "task" in read("only apache-2.0 text generation models", searcher.understand).filters
    assert "task" not in read("only apache-2.0. text generation models", searcher.understand).filters


def test_reader_without_a_searcher_reads_the_question_but_no_constraints():
    q = read("Which models under the MIT licence generate text?")
    assert q.understanding is None and q.filters == {} and q.wants == "list"


@pytest.mark.parametrize("question, topic", [
    ("Which model can turn speech into text?", "turn speech into text"),
    ("I need something that reads text aloud. What do you have?", "reads text aloud"),
    ("Do you have a medical chatbot?", "medical chatbot"),
    ("Is there a model that answers questions about tables?", "answers questions about tables"),
    ("Only MIT models for summarisation", "Only MIT models for summarisation"),  # a constraint word is not frame
    ("What do you have?", "What do you have?"),  # nothing but frame: the question as asked
    ("question answering on scanned documents", "question answering on scanned documents"),  # a task's name
    ("Which model can answer questions about a table?", "answer questions about a table"),
    # a generic verb inside the frame with a topic after it is a job; at the start it asks about a model
    ("I want one model that can both describe pictures and draw new ones.", "describe pictures and draw new ones"),
    ("Describe bert-base-uncased.", "bert-base-uncased"),
    ("Can you describe the model gpt2?", "gpt2"),
])
def test_unframe_keeps_the_topic_and_drops_the_question_frame(question, topic):
    assert unframe(question) == topic


def test_judge_tells_which_fdos_fail_an_explicit_constraint(searcher):
    qu = searcher.understand("Which models under the MIT licence generate text?")
    judged = searcher.judge([pid("openai-community/gpt2"), pid("meta-llama/Llama-2-7b-hf"),
                             pid("openai/whisper-tiny")], qu)
    assert judged[pid("openai-community/gpt2")] == (True, judged[pid("openai-community/gpt2")][1])
    assert judged[pid("openai-community/gpt2")][1] > 0  # text generation: the boosted task
    assert judged[pid("meta-llama/Llama-2-7b-hf")][0] is False  # Llama 2 licence
    assert judged[pid("openai/whisper-tiny")] == (False, 0)  # Apache-2.0, speech recognition


def test_chat_cites_no_fdo_that_fails_the_questions_explicit_licence(registry):
    chat = ChatService(registry, llm="extractive")
    answer = chat.ask("Which models under the MIT licence generate text?")
    cited = {c.pid for c in answer.citations}
    assert pid("openai-community/gpt2") in cited
    assert not cited & {pid("meta-llama/Llama-2-7b-hf"), pid("TheBloke/Llama-2-7B-GGUF")}


def test_search_name_index_resolves_a_short_name_for_chat(searcher):
    found = searcher.named("whisper-tiny")
    assert [(p, ident) for p, ident, _ in found] == [(pid("openai/whisper-tiny"), "openai/whisper-tiny")]
    assert searcher.named("no-such-model") == []
