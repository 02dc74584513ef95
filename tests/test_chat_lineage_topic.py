"""Chat: "fine-tunes of X for Y" combines X's lineage with a topical search, and says so when none is about Y."""

from __future__ import annotations

import pytest

from registry.chat import ChatService
from registry.pid import mint_id
from tests.data.chat.fixture import chat_registry


@pytest.fixture(scope="module")
def chat():
    registry = chat_registry()
    yield ChatService(registry, llm="extractive")
    registry.close()


def href(model_id: str) -> str:
    return f"/fdo/{mint_id('hf', model_id)}"


def test_fine_tunes_of_a_model_for_a_topic_lists_the_matching_derived_models(chat):
    answer = chat.ask("Which fine-tunes of distilbert/distilbert-base-uncased are for sentiment?")
    assert href("distilbert/distilbert-base-uncased-finetuned-sst-2-english") in answer.text
    assert "base_model=distilbert%2Fdistilbert-base-uncased" in answer.text  # the search showing them all
    assert href("google-bert/bert-base-uncased") not in answer.text  # not the base's own base


def test_fine_tunes_for_a_topic_none_is_about_says_so_and_labels_the_closest(chat):
    answer = chat.ask("Which fine-tunes of distilbert/distilbert-base-uncased are for astronomy?")
    assert answer.text.startswith("No model derived from")
    assert href("distilbert/distilbert-base-uncased-finetuned-sst-2-english") not in answer.text.split("closest")[0]


def test_a_loosely_written_base_model_is_resolved_with_the_search_names_and_the_choice_is_said(chat):
    answer = chat.ask("Which fine-tunes of Llama 2 are for astronomy?")
    assert answer.text.startswith("Reading “") and "meta-llama/Llama-2-7b-hf" in answer.text.splitlines()[0]
    assert "No model derived from" in answer.text
