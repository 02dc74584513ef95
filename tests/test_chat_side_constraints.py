"""A model stating only a side constraint of a question (its language) shows nothing of what the question asks for."""

from __future__ import annotations

import pytest

from tests.factories import model_doing, model_pid, registry_holding, task_record

MODELS = [
    # states English, holds no other word of the questions below
    model_doing("acme/mood-sorter", "text-classification", languages=("en",), downloads=900,
                description="Sorts customer e-mails by mood."),
    # states English and holds "spreadsheet"
    model_doing("acme/cell-helper", "text-generation", languages=("en",), downloads=40,
                description="Fills in spreadsheet cells from short notes."),
    # hold the question's other words, state no language
    model_doing("acme/index-watch", "text-classification", downloads=30,
                description="Flags slow SQL database indexes."),
    model_doing("acme/log-reader", "text-classification", downloads=20,
                description="Groups query logs by source."),
] + [model_doing(f"acme/filler-{i}", "text-generation", downloads=i, description=f"Writes {w} rhymes.")
     for i, w in enumerate(("river", "mountain", "harbour", "orchard"))]


@pytest.fixture(scope="module")
def registry():
    yield from registry_holding([task_record("text-classification"), task_record("text-generation")] + MODELS)


def test_a_model_stating_only_the_language_is_named_as_closest_not_offered(chat):
    answer = chat.ask("I'd like to ask in English and receive the SQL database query that answers me. Anything?")
    assert not answer.answerable
    assert model_pid("acme/mood-sorter") not in {c.pid for c in answer.answers}
    assert model_pid("acme/mood-sorter") in {c.pid for c in answer.closest}


def test_a_model_stating_the_language_and_holding_another_word_is_offered(chat):
    answer = chat.ask("I'd like to ask in English and receive the spreadsheet query that answers me. Anything?")
    assert answer.answerable
    assert {c.pid for c in answer.answers} == {model_pid("acme/cell-helper")}
