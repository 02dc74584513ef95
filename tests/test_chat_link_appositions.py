"""Words describing the record a question names, in an apposition after its name or before its name in brackets, say
what the record is, not what the models linked to it must be about (registry.chat.links._apposed)."""

from __future__ import annotations

import pytest

from tests.factories import dataset_record, model_doing, model_pid, registry_holding, task_record

MODELS = [
    model_doing("acme/ink-writer", "text-generation", datasets=("acme/quillset",), downloads=12,
                description="Writes replies in an old-fashioned style."),
    model_doing("acme/ink-poet", "text-generation", datasets=("acme/quillset",), downloads=8,
                description="Writes short poems."),
    # holds the describing words but is trained on nothing
    model_doing("acme/archive-reader", "text-generation", downloads=900,
                description="Reads handwritten Victorian archive notes and transcribes them."),
]


@pytest.fixture(scope="module")
def registry():
    yield from registry_holding([task_record("text-generation"), dataset_record("acme/quillset", stub=False)]
                                + MODELS)


def _offered(answer) -> set[str]:
    return {c.pid for c in answer.answers}


LINKED = {model_pid("acme/ink-writer"), model_pid("acme/ink-poet")}


@pytest.mark.parametrize("question", [
    "Is anything trained on quillset, the nine thousand handwritten notes from Victorian archives?",
    "Which models were fine-tuned on quillset, a collection of handwritten Victorian notes?",
    "Which models learned from the Victorian archive of handwritten notes (Quillset), in its first release or a copy?",
])
def test_words_describing_the_named_record_are_no_topic(chat, question):
    offered = _offered(chat.ask(question))
    assert LINKED <= offered
    assert model_pid("acme/archive-reader") not in offered


def test_a_topic_after_the_name_still_narrows_the_linked_models(chat):
    offered = _offered(chat.ask("Which models trained on quillset write poems?"))
    assert model_pid("acme/ink-poet") in offered
    assert model_pid("acme/ink-writer") not in offered


@pytest.mark.parametrize("text,span,values,expected", [
    ("trained on LIMA, the small curated set?", "trained on LIMA", ("GAIR/lima",), ["the", "small", "curated", "set"]),
    ("trained on Alpaca, the ones for law?", "trained on Alpaca", ("tatsu/alpaca",), []),
    ("from the web text pile (ThePile)?", "from the web", ("EleutherAI/ThePile",), ["the", "web", "text", "pile"]),
])
def test_apposed_reads_the_describing_words(text, span, values, expected):
    from registry.chat.links import _apposed

    assert _apposed(text, span, values) == expected
