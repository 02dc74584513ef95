"""'Fine-tunes of X': the words that say what X is, not what its derived models are about, are no topic the derived
models must show: a noun of the kind of record the reader read ("checkpoint") and a month and year X's identifier
spells as its date code ("of January 2025": -2501). Before, "Which fine-tunes of Acme's Widget 24B base checkpoint of
January 2025 are there?" was refused as no derived model matching "checkpoint january 2025"."""

from __future__ import annotations

import pytest

from tests.factories import model_doing, model_pid, registry_holding, task_record

BASE = "acme/Widget-24B-Base-2501"
DERIVED = ["tinker/Widget-24B-Poet", "tinker/Widget-24B-Coder", "smith/Widget-24B-Chat"]


@pytest.fixture(scope="module")
def registry():
    yield from registry_holding(
        [task_record("text-generation"),
         model_doing(BASE, "text-generation", downloads=900, description="A base language model.")]
        + [model_doing(name, "text-generation", downloads=50 - i, base_model=BASE, description="A derived model.")
           for i, name in enumerate(DERIVED)])


@pytest.mark.parametrize("question", [
    "Which fine-tunes of Acme's Widget 24B base checkpoint are there?",
    "What are the fine-tunes of Acme's Widget 24B base checkpoint of January 2025?",
    "Which fine-tunes of the Widget-24B-Base-2501 checkpoint are there?",
])
def test_the_words_saying_what_the_base_is_are_no_topic(chat, question):
    answer = chat.ask(question)
    assert "No model derived from" not in answer.text
    assert {model_pid(name) for name in DERIVED} <= {c.pid for c in answer.answers}


def test_a_month_and_year_the_identifier_does_not_spell_stays_a_topic(chat):
    answer = chat.ask("What are the fine-tunes of Acme's Widget 24B base checkpoint of March 2024?")
    assert "march 2024" in answer.text
    assert not answer.answers
