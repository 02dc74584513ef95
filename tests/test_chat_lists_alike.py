"""A question naming nothing that several records answer alike lists them (not only the most downloaded), and only
those answering it as the first does: the same kind of evidence, the same job, every constraint the first meets."""

from __future__ import annotations

import pytest

from tests.factories import model_doing, model_pid, registry_holding, task_record

MODELS = [
    # three picture makers for paper folding, told apart by downloads only
    model_doing(f"acme/fold-{i}", "text-to-image", downloads=10 * i + 1,
                description=f"Paper origami figures, {w} style.")
    for i, w in enumerate(("crane", "frog", "lotus"))
] + [
    # a much-used voice holding "Tidewater", and a 3D maker holding it, doing another job
    model_doing("acme/tidewater-voice", "text-to-speech", downloads=9000, description="Tidewater voice for shop radio."),
    model_doing("acme/tidewater-shapes", "image-to-3d", downloads=0, description="Tidewater shapes from a photo."),
]


@pytest.fixture(scope="module")
def registry():
    yield from registry_holding([task_record(t) for t in ("text-to-image", "text-to-speech", "image-to-3d")] + MODELS)


def _offered(answer) -> set[str]:
    return {c.pid for c in answer.answers}


FOLDERS = {model_pid(f"acme/fold-{i}") for i in range(3)}


@pytest.mark.parametrize("question", [
    "Anything for origami?",
    "Is there something that makes origami pictures?",
    "What do you have for origami?",
    "Can a model draw origami figures?",
])
def test_a_question_naming_nothing_lists_the_records_answering_it_alike(chat, question):
    offered = _offered(chat.ask(question))
    assert len(offered) >= 2
    assert offered <= FOLDERS


@pytest.mark.parametrize("question", [
    "Anything for Tidewater?",
    "What do you have that has to do with Tidewater?",
    "Is there something about Tidewater?",
])
def test_a_record_doing_another_job_is_not_listed_beside_the_first(chat, question):
    offered = _offered(chat.ask(question))
    both = {model_pid("acme/tidewater-voice"), model_pid("acme/tidewater-shapes")}
    assert len(offered & both) <= 1


def _cand(pid, tasks, own=("kokoro",), met=(0, 1), coverage=1.0, score=0.8, kind="model"):
    from types import SimpleNamespace

    from registry.chat.context import Candidate

    facts = SimpleNamespace(kind=kind, tasks=[SimpleNamespace(key=t) for t in tasks])
    return Candidate(pid, 0.0, {"search"}, facts, coverage=coverage, score=score, met=frozenset(met),
                     covered=frozenset(own) | {"x"}, own=frozenset(own))


@pytest.mark.parametrize("other, alike", [
    (_cand("b", ["text-to-speech"]), True),  # the same job, the same words, the same constraints
    (_cand("b", ["image-to-3d"]), False),  # another job holding the name ("Kokoro" beside the speech model)
    (_cand("b", ["text-to-speech"], own=()), False),  # the words only through a constraint it meets
    (_cand("b", ["text-to-speech"], met=(0,)), False),  # a constraint the first meets left unmet
    (_cand("b", ["text-to-speech"], coverage=0.6), False),  # less of the question's words
    (_cand("b", ["text-to-speech"], score=0.5), False),  # far down the search's order
    (_cand("b", ["text-to-speech"], kind="dataset"), False),
])
def test_what_answers_alike(other, alike):
    from registry.chat.evidence import answers_alike

    first = _cand("a", ["text-to-speech"], score=0.85)
    assert answers_alike(first, other, 0.85) is alike


def test_shown_through_a_constraint_only_the_tasks_stated_tell_records_apart():
    from registry.chat.evidence import answers_alike

    first = _cand("a", [], own=(), score=0.85)  # a quotation writer stating no task
    assert answers_alike(first, _cand("b", [], own=()), 0.85)
    assert not answers_alike(first, _cand("c", ["translation"], own=()), 0.85)
