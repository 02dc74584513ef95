"""Words that tell records apart: a word no record holds in the index's forms tells none apart, so a record holding
only such words is no closer to the question than another; a lower-case compound word inside a phrase, or a name in a
sentence telling the asker's setting before a question that asks on its own, is the topic, not a name the registry
lacks; a question for what does a job is answered by models, not by a data set of that task."""

from __future__ import annotations

import pytest

from dataclasses import replace

from pyoxigraph import Literal, NamedNode, Triple

from registry.chat.context import Candidate, Topic
from registry.vocab import FAIR4ML, SCHEMA
from registry.chat.evidence import has_evidence
from registry.search.understand import read
from tests.factories import dataset_pid, dataset_record, model_doing, model_pid, task_pid, task_record, \
    registry_holding

MODELS = [
    model_doing("lab/kanji-painter", "text-to-image", downloads=3, description="Trained on Japanese script."),
    *[model_doing(f"lab/dreamer-{i}", "text-to-image", downloads=50 + i,
                  description="Dreams up pictures for games.") for i in range(8)],
    model_doing("lab/mail-scrubbed", "text-generation", downloads=4, description="Trained on mail with names removed."),
    model_doing("lab/picture-reader", "visual-question-answering", downloads=2,
                description="Replies about images."),
    model_doing("lab/pocket-mlx", "text-generation", downloads=9, description="A chat model converted for MLX.",
                keywords=["mlx"]),
    *[model_doing(f"lab/chat-{i}", "text-generation", downloads=20 + i, description="A chat model trained on posts.")
      for i in range(6)],
]


@pytest.fixture(scope="module")
def registry():
    data = dataset_record("lab/picture-answers", stub=False)
    data = replace(data, triples=[*data.triples, Triple(NamedNode(data.pid), FAIR4ML.mlTask,
                                                        NamedNode(task_pid("visual-question-answering"))),
                                  Triple(NamedNode(data.pid), SCHEMA.description,
                                         Literal("A model looks at a picture and answers in words: examples."))])
    yield from registry_holding([task_record("text-to-image"), task_record("text-generation"),
                                 task_record("visual-question-answering"), data] + MODELS)


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


def test_a_name_in_a_sentence_telling_the_askers_setting_is_no_unknown_name(chat):
    answer = chat.ask("I'm on a Zorblax-silicon laptop. Which models come converted for MLX?")
    assert "no model called" not in answer.text
    assert model_pid("lab/pocket-mlx") in [c.pid for c in answer.answers]


def test_a_name_the_question_refers_back_to_stays_a_name(chat):
    answer = chat.ask("I'm looking for Zorblax-9. Is it here?")
    assert answer.text.startswith("The registry has no model called “Zorblax-9”")


def test_a_question_for_what_does_a_job_is_answered_by_models_not_data(chat, registry):
    answer = chat.ask("What do you have that looks at a picture and answers in words?")
    put = [c.pid for c in answer.answers]
    assert put and all(registry.store.kind(pid) == "model" for pid in put)
    assert dataset_pid("lab/picture-answers") not in put
