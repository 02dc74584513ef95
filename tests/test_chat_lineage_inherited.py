"""Chat: in "fine-tunes of X for Y", a tag a derived model shares with X is X's, not evidence it was tuned for Y."""

from __future__ import annotations

import pytest

from registry.chat import ChatService
from registry.chat.generate import ExtractiveGenerator
from tests.factories import model_doing, model_pid, task_record, vocabulary_registry


@pytest.fixture(scope="module")
def chat():
    registry = vocabulary_registry()
    registry.store.ingest_many([task_record("text-generation"),
        model_doing("acme/basis", "text-generation", keywords=("code", "nlp"), downloads=90_000,
                    description="A small general model."),
        # a conversion: its card copies the base's tags
        model_doing("acme/basis-mlx", "text-generation", base_model="acme/basis", keywords=("code", "nlp", "mlx"),
                    downloads=120),
        model_doing("acme/basis-coder", "text-generation", base_model="acme/basis", keywords=("code", "nlp"),
                    downloads=7, description="Tuned to write Python code from instructions.")])
    service = ChatService(registry, generator=ExtractiveGenerator())
    yield service
    service.close()
    registry.close()


def test_a_derived_model_holding_the_topic_only_in_tags_copied_from_its_base_is_not_offered(chat):
    answer = chat.ask("Which fine-tunes of acme/basis are for writing code?")
    offered = {c.pid for c in answer.answers}
    assert model_pid("acme/basis-coder") in offered
    assert model_pid("acme/basis-mlx") not in offered
