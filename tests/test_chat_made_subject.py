"""A subject the question asks a model to make ("pictures of narwhals") that no record holds, beside a job records do:
the job's models are named as the closest, labelled with the subject, not put forward (docs/chat.md)."""

from __future__ import annotations

import pytest

from tests.factories import model_doing, model_pid, registry_holding, task_record

MODELS = [
    model_doing("acme/owl-painter", "text-to-image", downloads=40,
                description="Draws pictures of owls and illustrations of owls in watercolour."),
    model_doing("acme/any-picture", "text-to-image", downloads=9000,
                description="Makes pictures and illustrations of anything from a prompt."),
    model_doing("acme/poster-art", "text-to-image", downloads=3000,
                description="Art and illustrations for posters."),
] + [model_doing(f"acme/writer-{i}", "text-generation", downloads=i, description=f"Writes about the {w}.")
     for i, w in enumerate(("river", "harbour", "orchard"))]


@pytest.fixture(scope="module")
def registry():
    yield from registry_holding([task_record(t) for t in ("text-generation", "text-to-image")] + MODELS)


@pytest.mark.parametrize("question, subject", [
    ("I'd love illustrations of narwhals for a school poster. Which model could make them?", "narwhals"),
    ("Can a model draw illustrations of wombats for my nephew?", "wombats"),
    ("We need illustrations of the quokka for a leaflet. Is there a model for it?", "quokka"),
])
def test_a_subject_no_record_holds_names_the_jobs_models_as_closest(chat, question, subject):
    answer = chat.ask(question)
    assert not answer.answers, [c.name for c in answer.answers]
    assert {model_pid("acme/any-picture"), model_pid("acme/poster-art")} & {c.pid for c in answer.closest}
    assert subject in answer.text
