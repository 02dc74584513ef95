"""Well-known systems the registry does not hold (closed services: `vocabularies/systems.ttl`): a question naming one
reaches the models of the tasks it does, and the chat says what it is and that it is not held; a record carrying the
name wins over the entry."""

from __future__ import annotations

import pytest

from pyoxigraph import Literal, NamedNode, Triple

from harvesters.vocabularies import concept_records
from registry.pid import mint_id, pid_iri
from registry.record import Record, SourceInfo
from registry.search import get_searcher
from registry.vocab import FAIR4ML, RDF, SCHEMA
from tests.factories import BASE, dataset_record, model_doing, model_pid, registry_holding, task_record


def organisation(name: str) -> tuple[NamedNode, Record]:
    node = NamedNode(pid_iri(BASE, mint_id("hf-user", name)))
    triples = [Triple(node, RDF.type, SCHEMA.Organization), Triple(node, SCHEMA.name, Literal(name)),
               Triple(node, SCHEMA.identifier, Literal(name))]
    return node, Record(node.value, triples, kind="organisation", platform="hf-user", platform_id=name, stub=True,
                        source=SourceInfo("test", "1", f"https://huggingface.co/{name}", "sha-1"))


ACME, ACME_RECORD = organisation("acme")
ZETA, ZETA_RECORD = organisation("zeta")

TASKS = ("text-generation", "image-segmentation", "text-to-image", "text-to-speech", "automatic-speech-recognition")
MODELS = [
    model_doing("acme/outliner", "image-segmentation", downloads=700, description="Outlines every object in a photo."),
    model_doing("acme/tale-spinner", "text-generation", downloads=900, description="Continues prompts into tales."),
    model_doing("acme/painter", "text-to-image", downloads=40, description="Renders a picture from a prompt.",
                extra=[Triple(NamedNode(model_pid("acme/painter")), FAIR4ML.sharedBy, ACME)]),
    model_doing("zeta/storyteller", "text-generation", downloads=25, description="Writes stories.",
                extra=[Triple(NamedNode(model_pid("zeta/storyteller")), FAIR4ML.sharedBy, ZETA)]),
    model_doing("acme/sketcher", "text-to-image", downloads=30, description="Draws sketches from prompts."),
    model_doing("acme/copilot-lite", "text-generation", downloads=20, description="Suggests the next line."),
    model_doing("acme/reader", "text-to-speech", downloads=15, description="Reads text aloud."),
    model_doing("acme/hearer", "automatic-speech-recognition", downloads=900, description="Writes down speech."),
]


@pytest.fixture(scope="module")
def registry():
    yield from registry_holding([task_record(t) for t in TASKS] + [dataset_record("acme/claude-replies", stub=False),
                                                                    ACME_RECORD, ZETA_RECORD] + MODELS)


@pytest.fixture(scope="module")
def searcher(registry):
    return get_searcher(registry)


def test_every_system_not_held_has_a_maker_a_kind_and_a_task():
    systems = [r for r in concept_records(BASE) if r.platform == "system"]
    assert len(systems) >= 40
    for record in systems:
        props = {t.predicate.value for t in record.triples}
        assert {"https://schema.org/provider", "https://schema.org/category",
                "https://w3id.org/mlfdo/ns#servesTask"} <= props, record.platform_id


def test_a_question_naming_a_system_not_held_prefers_the_models_of_its_task(searcher):
    hits = searcher.search("Is Midjourney in the registry?").results
    assert {h.pid for h in hits[:2]} == {model_pid("acme/painter"), model_pid("acme/sketcher")}


def test_a_system_whose_name_a_record_carries_is_not_read_as_not_held(searcher):
    assert searcher.not_held("Claude") == []  # the dataset acme/claude-replies carries the name
    assert searcher.not_held("Copilot") == []  # acme/copilot-lite does
    assert [m.concept.label for m in searcher.not_held("Midjourney")] == ["Midjourney"]


def test_an_owner_holding_models_of_the_systems_task_keeps_its_own_models_closest_and_the_tasks_others_next(searcher):
    def task_boosts(question):
        return [r.values for r in searcher.understand(question).recognised if r.facet == "task" and r.mode == "boost"]
    assert task_boosts("Is Zeta's Midjourney in the registry?") == [("text-to-image",)]  # zeta has none
    # acme shares a text-to-image model: it comes first, the other text-to-image model next, before acme's popular
    # models of other tasks
    assert task_boosts("Is Acme's Midjourney in the registry?") == [("text-to-image",)]
    top = [h.pid for h in searcher.search("Is Acme's Midjourney in the registry?").results[:2]]
    assert top == [model_pid("acme/painter"), model_pid("acme/sketcher")]


def test_a_system_narrows_a_modality_the_question_also_speaks_of_to_its_tasks(searcher):
    question = "Do you have ElevenLabs' voice model?"  # "voice": every audio task; ElevenLabs: text to speech
    boosts = [r.values for r in searcher.understand(question).recognised if r.facet == "task" and r.mode == "boost"]
    assert boosts == [("text-to-speech",)]
    assert searcher.search(question).results[0].pid == model_pid("acme/reader")


def test_the_chat_says_what_a_system_not_held_is_and_names_models_of_its_task_as_closest(chat):
    answer = chat.ask("Is Midjourney in the registry?")
    assert answer.text.startswith("“Midjourney” is not in the registry: it is an image generator made by "
                                  "Midjourney, Inc.")
    assert "models for text to image" in answer.text
    assert not answer.answerable and answer.answers == []
    assert {c.pid for c in answer.closest} == {model_pid("acme/painter"), model_pid("acme/sketcher")}


def test_a_system_named_in_a_possessive_after_the_frame_is_said_not_held(chat):
    answer = chat.ask("Do you have Jasper's writing model?")
    assert answer.text.startswith("“Jasper” is not in the registry: it is a writing assistant")
    assert answer.answers == [] and model_pid("acme/tale-spinner") in {c.pid for c in answer.closest}


def test_a_system_asked_for_as_like_something_is_not_said_absent(chat):
    answer = chat.ask("Do you have a model like Midjourney?")
    assert "not in the registry" not in answer.text


def test_a_system_whose_name_a_record_carries_is_answered_as_the_record(chat):
    answer = chat.ask("Tell me about Copilot.")
    assert "closed service" not in answer.text
    assert model_pid("acme/copilot-lite") in {c.pid for c in answer.answers}
