"""A name records carry only inside longer words of their names is ambiguous, not absent: the answer lists its
senses (the models named with each word; the data named with one and the models trained on it)."""

from __future__ import annotations

import pytest

from registry.chat.names import NameIndex
from registry.search import get_searcher
from tests.factories import dataset_pid, dataset_record, model_doing, model_pid, registry_holding, task_record

MODELS = [
    model_doing("acme/DeepWidget-7b", "text-generation", downloads=90, description="A reasoning build."),
    model_doing("beta/DeepWidget-7b-gguf", "text-generation", downloads=10, description="A quantised copy."),
    model_doing("gamma/llama-openwidget", "text-generation", downloads=50, datasets=("acme/OpenWidget-data",),
                description="Fine-tuned on instructions."),
    model_doing("delta/tuned", "text-generation", downloads=5, datasets=("acme/OpenWidget-data",),
                description="Tuned on instructions."),
]


@pytest.fixture(scope="module")
def registry():
    yield from registry_holding([task_record("text-generation"), dataset_record("acme/OpenWidget-data", stub=False)]
                                + MODELS)


def test_carrying_groups_the_names_by_the_word_holding_the_fragment(registry):
    carried = NameIndex(registry.store).carrying("widget")
    assert set(carried) == {"deepwidget", "openwidget"}
    assert model_pid("acme/DeepWidget-7b") in carried["deepwidget"]
    assert dataset_pid("acme/OpenWidget-data") in carried["openwidget"]


def test_a_name_no_record_carries_at_all_is_still_absent(chat):
    answer = chat.ask("What is Gadget?")
    assert answer.text.startswith("“Gadget” is not in the registry")


def test_the_senses_name_the_models_first_then_the_data_and_the_models_trained_on_it(chat):
    answer = chat.ask("What is Widget?")
    assert answer.text.startswith("No record in the registry is called “Widget”, but it is part of longer names")
    lines = answer.text.splitlines()
    assert lines[1].startswith("- DeepWidget: the models") and lines[2].startswith("- OpenWidget:")
    assert "the dataset [acme/OpenWidget-data]" in lines[2] and "the model trained on it [tuned]" in lines[2]
    put = {c.pid for c in answer.answers}
    assert {model_pid("acme/DeepWidget-7b"), model_pid("gamma/llama-openwidget"), model_pid("delta/tuned")} <= put
    assert dataset_pid("acme/OpenWidget-data") not in put  # data is named, the models are what the answer offers


def test_search_puts_the_models_carrying_a_name_inside_longer_words_first(registry):
    hits = [h.pid for h in get_searcher(registry).search("What is Widget?").results]
    # the models named with a word of their own first, then those named after the data, before the data itself
    assert hits[:3] == [model_pid("acme/DeepWidget-7b"), model_pid("beta/DeepWidget-7b-gguf"),
                        model_pid("gamma/llama-openwidget")]


def test_the_models_carrying_a_word_follow_the_index_as_records_come_and_go(registry):
    searcher = get_searcher(registry)
    mega = model_pid("zeta/MegaWidget")
    assert mega not in [h.pid for h in searcher.search("Widget").results]
    registry.store.ingest_many([model_doing("zeta/MegaWidget", "text-generation", downloads=1, description="New.")])
    assert mega in [h.pid for h in searcher.search("Widget").results]  # listed as it was added
    registry.store.withdraw(mega, "a test")
    assert mega not in [h.pid for h in searcher.search("Widget").results]
