"""Words that tell records apart: a word no record holds in the index's forms tells none apart, so a record holding
only such words is no closer to the question than another; a lower-case compound word inside a phrase is the topic,
not a name the registry lacks."""

from __future__ import annotations

import pytest

from registry.chat.context import Candidate, Topic
from registry.chat.evidence import has_evidence
from registry.search.understand import read
from tests.factories import model_doing, model_pid, task_record, vocabulary_registry

MODELS = [
    model_doing("lab/kanji-painter", "text-to-image", downloads=3, description="Trained on Japanese script."),
    *[model_doing(f"lab/dreamer-{i}", "text-to-image", downloads=50 + i,
                  description="Dreams up pictures for games.") for i in range(8)],
    model_doing("lab/mail-scrubbed", "text-generation", downloads=4, description="Trained on mail with names removed."),
    *[model_doing(f"lab/chat-{i}", "text-generation", downloads=20 + i, description="A chat model trained on posts.")
      for i in range(6)],
]


@pytest.fixture(scope="module")
def registry():
    registry = vocabulary_registry()
    registry.store.ingest_many([task_record("text-to-image"), task_record("text-generation")] + MODELS)
    yield registry
    registry.close()


def test_a_lower_case_compound_inside_a_phrase_is_no_unknown_name(chat):
    answer = chat.ask("Has anyone trained a model on corporate e-mail with the names scrubbed out?")
    assert "no model called" not in answer.text
    assert model_pid("lab/mail-scrubbed") in [c.pid for c in answer.answers]


def test_a_lower_case_compound_asked_about_stays_a_name(chat):
    answer = chat.ask("Tell me about bert-large-mega")
    assert answer.text.startswith("The registry has no model called “bert-large-mega”")


def test_a_word_no_record_holds_is_no_evidence_for_the_closest_records():
    q = read("I get hundreds of CVs for every opening.")
    topic = Topic(("open", "cvs"), {}, {"open": 0.0, "cvs": 0.0})
    assert not has_evidence(q, Candidate("x", 0.5, covered=frozenset({"open"})), topic)
    weighed = Topic(("open", "cvs"), {}, {"open": 1.5, "cvs": 0.0})
    assert has_evidence(q, Candidate("x", 0.5, covered=frozenset({"open"})), weighed)
