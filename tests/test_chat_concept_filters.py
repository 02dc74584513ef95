"""The chat's second search for a concept the first hits lack filters by it only when it is a facet the search filters
by: a kind of task or subject area (the ``topic`` boost) is no filter, and asking for one failed the search."""

from __future__ import annotations

import logging

import pytest

from tests.factories import model_doing, model_pid, registry_holding, task_record

MODELS = [
    # states the language asked for, shows no sign of the subject
    model_doing("lab/nihongo-chat", "text-generation", languages=("ja",), downloads=50,
                description="Chats politely about the weather."),
    # shows the subject in its name, states another language
    model_doing("lab/ReferenceLibrarianAI", "text-generation", languages=("en",), downloads=3),
] + [model_doing(f"lab/filler-{i}", "text-generation", downloads=i, description=f"Writes {w} haiku.")
     for i, w in enumerate(("river", "mountain", "harbour", "orchard"))]

QUESTION = "Is there a helper for librarians that speaks Japanese?"


@pytest.fixture(scope="module")
def registry():
    yield from registry_holding([task_record("text-generation")] + MODELS)


def test_the_question_reads_a_subject_and_a_language(chat):
    read = chat.retriever.search.understand(QUESTION).recognised
    assert any(r.facet == "topic" and r.applied and "librarianship" in r.values for r in read)
    assert any(r.facet == "language" and r.applied and r.values == ("ja",) for r in read)


def test_a_subject_the_first_hits_lack_is_no_filter_of_a_second_search(chat, caplog):
    with caplog.at_level(logging.WARNING, logger="registry.chat"):
        answer = chat.ask(QUESTION)
    # before, the second search asked for the filter "topic", which the search refused ("unknown filter 'topic'"),
    # and the chat fell back to its keyword scan
    assert not [r for r in caplog.records if "search failed" in r.getMessage()]
    assert model_pid("lab/nihongo-chat") in {c.pid for c in answer.answers + answer.closest}
