"""A model whose record holds no parameter count takes the size its id states, for size constraints."""

from __future__ import annotations

import pytest

from registry.search import get_searcher
from registry.search.document import size_in_name
from registry.service import Registry
from tests.factories import model_pid, model_record


@pytest.mark.parametrize("model_id, size", [
    ("hexgrad/Kokoro-82M", 82e6), ("google/gemma-7b-it", 7e9), ("Qwen/Qwen2.5-0.5B-Instruct", 0.5e9),
    ("EleutherAI/gpt-neox-20b", 20e9),
    ("mistralai/Mixtral-8x7B-v0.1", None), ("stabilityai/stablelm-2-1_6b", None), ("org/model-4bit", None),
    ("google-bert/bert-base-uncased", None), ("b3m/plain", None),
])
def test_a_size_is_read_from_a_part_of_the_id_only(model_id, size):
    assert size_in_name(model_id) == size


def test_a_model_without_a_parameter_count_is_found_by_the_size_its_id_states():
    registry = Registry.open({"BASE_URL": "http://registry.test"}, in_memory=True, environ={})
    try:
        registry.store.ingest_many([model_record(name, base="http://registry.test", description="Reads text aloud.")
                                    for name in ("acme/voice-82M", "acme/voice-7b", "acme/voice-plain")])
        response = get_searcher(registry).search("Which models have fewer than 100 million parameters?")
        assert [h.pid for h in response.results] == [model_pid("acme/voice-82M", "http://registry.test")]
    finally:
        registry.close()
