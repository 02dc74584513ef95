"""Chat precision: an answer offers the FDOs that really have what the question asks for, and says which links are context."""

from __future__ import annotations

from registry.pid import mint_id, pid_iri
from registry.search import get_searcher
from tests.chatting import after_first_search
from tests.data.chat.fixture import BASE

ENGLISH_TEXT_GENERATORS = "Which text generation models are for English?"



def pid(model_id: str) -> str:
    return pid_iri(BASE, mint_id("hf", model_id))


def test_met_holds_only_the_constraints_an_fdo_states_where_judge_is_lenient(registry):
    searcher = get_searcher(registry)
    qu = searcher.understand(ENGLISH_TEXT_GENERATORS)
    language = next(i for i, r in enumerate(qu.recognised) if r.facet == "language")
    task = next(i for i, r in enumerate(qu.recognised) if r.facet == "task")
    gpt2, gguf = pid("openai-community/gpt2"), pid("TheBloke/Llama-2-7B-GGUF")  # the GGUF states no language
    met = searcher.met([gpt2, gguf], qu)
    assert {language, task} <= met[gpt2]
    assert task in met[gguf] and language not in met[gguf]
    assert searcher.judge([gguf], qu)[gguf][0] is True  # a filter read from text lets it through the search


def test_topical_answer_offers_only_models_that_state_the_asked_language(chat):
    answer = chat.ask(ENGLISH_TEXT_GENERATORS)
    offered = {c.pid for c in answer.answers}
    assert pid("openai-community/gpt2") in offered
    assert not offered & {pid("TheBloke/Llama-2-7B-GGUF"), pid("jdoe/llama2-7b-alpaca-lora")}
    assert {c.pid for c in answer.citations} == offered


def test_fine_tunes_answer_links_the_base_as_context_not_as_an_answer(chat):
    answer = chat.ask("Which fine-tunes of distilbert/distilbert-base-uncased are for sentiment?")
    base, tuned = pid("distilbert/distilbert-base-uncased"), pid("distilbert/distilbert-base-uncased-finetuned-sst-2-english")
    assert base in {c.pid for c in answer.citations}
    assert [c.pid for c in answer.answers] == [tuned]
    assert answer.to_dict()["answers"][0]["pid"] == tuned


def test_refusal_names_its_closest_records_as_such_and_offers_no_answer(chat):
    answer = chat.ask("Tell me about GPT-5")
    assert not answer.answerable and answer.closest
    assert answer.answers == [] and answer.to_dict()["answers"] == []
    assert {c.pid for c in answer.closest} <= {c.pid for c in answer.citations}
    assert "Closest FDOs in the registry (not answers to the question)" in answer.text


def test_concept_search_finds_models_with_the_meant_task_when_the_first_hits_have_none(chat):
    retriever = chat.retriever
    # first hits without speech recognition
    q, ctx = after_first_search(retriever, "Which models can transcribe an interview?", "Llama 2 instructions", 2)
    assert pid("openai/whisper-tiny") not in {h.pid for h in ctx.search.hits}
    found = [h.pid for h in retriever._concept_hits(q, ctx)]
    assert found and found[0] == pid("openai/whisper-tiny")


def test_concept_search_adds_nothing_when_a_first_hit_has_the_concept(chat):
    retriever = chat.retriever
    q, ctx = after_first_search(retriever, "Which models can transcribe an interview?", "whisper tiny speech", 3)
    assert pid("openai/whisper-tiny") in {h.pid for h in ctx.search.hits}
    assert retriever._concept_hits(q, ctx) == []
