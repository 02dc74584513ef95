"""Grounding: cited PIDs resolve, unanswerable questions are refused, unknown models are never described."""

from __future__ import annotations

import re

import pytest

from registry.chat.facts import gather
from registry.chat.grounding import check_answer, citations, link_answer
from registry.pid import mint_id


QUESTIONS = [
    "What licence does openai-community/gpt2 have?",
    "Which models were trained on bookcorpus?",
    "Compare bert-base-uncased and whisper-tiny",
    "Which models are quantized from meta-llama/Llama-2-7b-hf?",
    "Recommend a model for sentiment analysis",
    "Tell me about GPT-5",
    "What is the capital of France?",
    "Which paper describes bert-base-uncased?",
]



@pytest.mark.parametrize("question", QUESTIONS)
def test_grounding_every_cited_pid_resolves(chat, registry, question):
    answer = chat.ask(question)
    linked = re.findall(r"\]\((/fdo/[a-z2-7]+)\)", answer.text)
    for path in linked:
        assert registry.store.exists(registry.base_url + path), path
    cited = {c.href for c in answer.citations}
    assert cited == set(linked)
    for c in answer.citations + answer.sources + answer.closest:
        assert registry.store.exists(c.pid) and c.href == "/fdo/" + c.pid.rsplit("/", 1)[-1]


def test_grounding_every_model_named_is_linked(chat, registry):
    answer = chat.ask("Which models were trained on bookcorpus?")
    plain = re.sub(r"\[[^\]]*\]\([^)]*\)", "", answer.text)
    for name in ("google-bert/bert-base-uncased", "distilbert/distilbert-base-uncased"):
        assert name not in plain and name in answer.text


def test_grounding_unanswerable_question_is_refused_with_closest(chat):
    answer = chat.ask("What is the capital of France?")
    assert not answer.answerable
    assert answer.text.startswith("The registry does not hold an answer to this question")
    assert answer.citations == [c for c in answer.citations if c in answer.closest] or not answer.citations


def test_grounding_refusal_offers_closest_fdos(chat):
    answer = chat.ask("Tell me about GPT-5")
    assert not answer.answerable
    assert "no model called “GPT-5”" in answer.text
    assert answer.closest and answer.closest[0].name == "openai-community/gpt2"
    assert "Closest FDOs in the registry" in answer.text


@pytest.mark.parametrize("question", [
    "What is the licence of acme/superbert-9000?",
    "Describe acme/superbert-9000 and its training data",
    "Who trained megamodel-42b?",
])
def test_grounding_unknown_model_is_not_described(chat, question):
    answer = chat.ask(question)
    assert not answer.answerable and answer.mode == "extractive"
    assert "The registry has no model called" in answer.text
    body = answer.text.split("Closest FDOs", 1)[0]
    assert "released under" not in body and "trained on" not in body and "/fdo/" not in body


def test_grounding_known_and_unknown_names_together(chat):
    answer = chat.ask("Compare openai-community/gpt2 and acme/superbert-9000")
    assert answer.answerable and answer.table is None
    assert "no model called “acme/superbert-9000”" in answer.text
    assert f"/fdo/{mint_id('hf', 'openai-community/gpt2')}" in answer.text


FACTS = "[1] facebook/bart-large-cnn\ntask: Summarization; licence: MIT; parameters: 406.3M\n" \
        "evaluation: ROUGE-1 42.95 on cnn_dailymail (3.0.0, train)"


@pytest.mark.parametrize("text", [
    "facebook/bart-large-cnn [1] is a Summarization model under MIT with 406.3M parameters.",
    "It reports ROUGE-1 42.95 on cnn_dailymail.",
])
def test_grounding_check_accepts_answers_from_the_facts(chat, text):
    assert check_answer(text, FACTS, "Tell me about bart-large-cnn", chat.names) == []


@pytest.mark.parametrize("text, problem", [
    ("facebook/bart-large-cnn is fine-tuned from acme/bart-xxl.", "acme/bart-xxl"),
    ("facebook/bart-large-cnn has 175B parameters and scores 88.1 on cnn_dailymail.", "88.1"),
    ("facebook/bart-large-cnn is released under Apache 2.0.", "apache"),
    ("The evaluation results are ROUGE-1 42.95 on CNN_DALYMEL.", "CNN_DALYMEL"),
    ("Sentiment analysis models use neural networks to identify emotional cues such as tone.", "support"),
])
def test_grounding_check_catches_invented_claims(chat, text, problem):
    problems = check_answer(text, FACTS, "Tell me about bart-large-cnn", chat.names)
    assert problems and problem.lower() in " ".join(problems).lower()


def test_grounding_links_markers_and_names(registry, chat):
    pid = registry.store.resolve("hf:facebook/bart-large-cnn")
    facts = gather(registry.store, [pid])[pid]
    text = link_answer("bart-large-cnn [1] summarises news; see also [7].", [facts], [], chat.names,
                       registry.base_url)
    assert text == f"[bart-large-cnn]({facts.href}) [\\[1\\]]({facts.href}) summarises news; see also ."


def test_grounding_unlinks_pids_that_do_not_exist(registry):
    real = "/fdo/" + mint_id("hf", "openai-community/gpt2")
    text, cited = citations(f"[real]({real}) and [fake](/fdo/aaaaaaaaaaaaa)", registry.store, {})
    assert text.endswith(" and fake") and [c.name for c in cited] == ["real"]
