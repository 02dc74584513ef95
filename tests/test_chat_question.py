"""Reading questions, and the bounded conversation store (no registry needed)."""

from __future__ import annotations

import pytest

from registry.chat.conversation import ConversationStore
from registry.search.understand import read, topical_terms


@pytest.mark.parametrize("text, a, b", [
    ("Compare bert-base-uncased and distilbert-base-uncased", "bert-base-uncased", "distilbert-base-uncased"),
    ("What is the difference between gpt2 and Llama-2-7b-hf?", "gpt2", "Llama-2-7b-hf"),
    ("whisper-tiny vs openai-community/gpt2", "whisper-tiny", "openai-community/gpt2"),
    ("How does bart-large-cnn compare to gpt2?", "bart-large-cnn", "gpt2"),
])
def test_question_comparison_sides(text, a, b):
    assert read(text).compare == (a, b)


@pytest.mark.parametrize("text, attribute", [
    ("What licence does openai-community/gpt2 have?", "licence"),
    ("Is Llama-2 available under Apache-2.0?", "licence"),
    ("What was bert-base-uncased trained on?", "datasets"),
    ("How many parameters does whisper-tiny have?", "size"),
    ("What is distilbert-base-uncased fine-tuned from?", "base"),
    ("Which models are fine-tuned from distilbert/distilbert-base-uncased?", "derivatives"),
    ("What evaluation results does facebook/bart-large-cnn report?", "evaluation"),
    ("Which paper describes bert-base-uncased?", "paper"),
])
def test_question_attributes(text, attribute):
    assert attribute in read(text).attributes


def test_question_children_are_not_the_base():
    q = read("Which models are fine-tuned from distilbert/distilbert-base-uncased?")
    assert "base" not in q.attributes


@pytest.mark.parametrize("text, mentions", [
    ("What licence does openai-community/gpt2 have?", ["openai-community/gpt2"]),
    ("Tell me about GPT-5", ["GPT-5"]),
    ("Which 7B models are good for summarization?", []),
    ("Is Llama-2 available under Apache-2.0?", ["Llama-2"]),
    ('What is "acme model"?', ["acme model"]),
])
def test_question_mentions_names_not_sizes_or_licences(text, mentions):
    assert read(text).mentions == mentions


def test_question_topical_terms_drop_generic_and_attribute_words():
    assert topical_terms("Which models would you recommend for summarisation under an MIT licence?") == \
        ["summar", "mit"]


def test_question_terms_meet_across_spelling_and_word_form():
    # British and American spellings, verb and noun, singular and plural read as one term
    assert topical_terms("summarise summarization summarizing") == ["summar"]
    assert topical_terms("translations translating translate") == ["translat"]


def test_question_anaphora():
    assert read("What about its licence?").anaphora
    assert not read("What licence does gpt2 have?").anaphora


def test_conversation_store_bounds_turns_and_chars():
    store = ConversationStore(max_turns=3, max_chars=200)
    conv = store.get(None)
    for i in range(5):
        store.add(conv, f"question {i}", "x" * 40, [f"pid{i}"])
    assert [t.question for t in conv.turns] == ["question 2", "question 3", "question 4"]
    store.add(conv, "long", "y" * 190, ["pid-long"])
    assert sum(t.size() for t in conv.turns) <= 200 or len(conv.turns) == 1
    assert conv.focus() == ["pid-long"]


def test_conversation_store_bounds_conversations_and_age():
    now = [0.0]
    store = ConversationStore(max_conversations=2, ttl=10, clock=lambda: now[0])
    a, b = store.get(None), store.get(None)
    c = store.get(None)
    assert len(store) == 2 and store.get(a.id).id != a.id  # the oldest was dropped
    now[0] = 100.0
    assert store.get(c.id).id != c.id  # expired
    assert store.get("../../etc").id != "../../etc"  # malformed ids start afresh
    assert b.id != c.id
