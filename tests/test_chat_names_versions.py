"""Chat: a name several records carry asked about as one model ("Which model is that?"), and a version of a family
no record holds (docs/chat.md)."""

from __future__ import annotations

import pytest

from registry.chat import ChatService
from tests.factories import model_doing, model_pid, registry_holding

RECORDS = [
    # a base known only by reference, a copy of it under the same name and one whose name differs in case
    model_doing("lab/Tern-9B-Chat-2406-unbound", None, stub=True),
    model_doing("mirror/Tern-9B-Chat-2406-unbound", "text-generation", base_model="lab/Tern-9B-Chat-2406-unbound",
                downloads=40, description="The same weights, in another format."),
    model_doing("solo/Tern-9B-Chat-2406-Unbound", "text-generation", downloads=7, description="Answers anything."),
    model_doing("acme/sage-2", "text-generation", downloads=900, description="Continues text."),
]


@pytest.fixture(scope="module")
def chat():
    from tests.factories import task_record
    for registry in registry_holding([task_record("text-generation")] + RECORDS):
        yield ChatService(registry, llm="extractive")


@pytest.mark.parametrize("question", [
    "Someone mentioned Tern-9B-Chat-2406-unbound to me. Which model is that?",
    "Which model is Tern-9B-Chat-2406-unbound?",
    "What model was Tern-9B-Chat-2406-unbound again?",
])
def test_a_name_several_records_carry_asked_as_one_model_offers_every_holder(chat, question):
    answer = chat.ask(question)
    offered = {c.pid for c in answer.answers}
    assert {model_pid("mirror/Tern-9B-Chat-2406-unbound"), model_pid("solo/Tern-9B-Chat-2406-Unbound")} <= offered


def test_a_list_of_models_built_on_a_name_still_offers_what_is_built_on_it(chat):
    answer = chat.ask("Which models are built on lab/Tern-9B-Chat-2406-unbound?")
    assert model_pid("solo/Tern-9B-Chat-2406-Unbound") not in {c.pid for c in answer.answers}


@pytest.fixture(scope="module")
def tuned_chat():
    from tests.factories import task_record
    records = [model_doing("lab/Gizmo-7B", "text-generation", downloads=9_000, description="Writes.")]
    records += [model_doing(f"someone/gizmo-7b-sft-run{i}", "text-generation", base_model="lab/Gizmo-7B",
                            downloads=100 + i, description="A Gizmo fine-tune that writes answers.") for i in range(6)]
    records += [model_doing(f"tuner/gizmo-7b-srs_basic-v{i}", "text-generation", base_model="lab/Gizmo-7B",
                            downloads=1, description="Writes.") for i in range(3)]
    for registry in registry_holding([task_record("text-generation")] + records):
        yield ChatService(registry, llm="extractive")


@pytest.mark.parametrize("question", [
    "Which Gizmo-7B fine-tunes used sparse reward shaping (SRS)?",
    "Has anyone fine-tuned Gizmo-7B with sparse reward shaping (SRS)?",
])
def test_derivatives_carrying_a_defined_acronym_are_put_forward(tuned_chat, question):
    answer = tuned_chat.ask(question)
    offered = {c.pid for c in answer.answers}
    assert offered and offered <= {model_pid(f"tuner/gizmo-7b-srs_basic-v{i}") for i in range(3)}, answer.text


@pytest.fixture(scope="module")
def joined_chat():
    from tests.factories import task_record
    records = [
        model_doing("maker/quill2", "text-generation", downloads=900_000, description="Writes text."),
        model_doing("someone/alpaca-quill4-chat", "text-generation", downloads=3, description="Chats."),
        model_doing("someone/tiny-quill4-tuned", "text-generation", downloads=2, description="Chats."),
        model_doing("someone/quill4o-distilled", "text-generation", downloads=500, description="Chats."),
    ]
    records += [model_doing(f"other/writer-{i}", "text-generation", downloads=10_000 + i,
                            description="Writes replies and outputs.") for i in range(8)]
    for registry in registry_holding([task_record("text-generation")] + records):
        yield ChatService(registry, llm="extractive")


@pytest.mark.parametrize("question", ["Which models learned from replies written by Quill-4?",
                                      "Are there models trained on Quill-4 outputs?"])
def test_a_version_names_hold_joined_is_no_name_the_registry_lacks(joined_chat, question):
    answer = joined_chat.ask(question)
    offered = {c.pid for c in answer.answers}
    assert model_pid("someone/alpaca-quill4-chat") in offered, answer.text
    assert model_pid("someone/quill4o-distilled") not in offered


def _organisation(name: str):
    """Return the record of the account ``name`` (the owner a question's possessive names)."""
    from pyoxigraph import Literal, NamedNode, Triple

    from registry.pid import mint_id, pid_iri
    from registry.record import Record, SourceInfo
    from registry.vocab import RDF, SCHEMA
    from tests.factories import BASE
    node = NamedNode(pid_iri(BASE, mint_id("hf-user", name)))
    return node, Record(node.value, [Triple(node, RDF.type, SCHEMA.Organization), Triple(node, SCHEMA.name, Literal(name)),
                                     Triple(node, SCHEMA.identifier, Literal(name))],
                        kind="organisation", platform="hf-user", platform_id=name, stub=True,
                        source=SourceInfo("test", "1", f"https://huggingface.co/{name}", "sha-1"))


@pytest.fixture(scope="module")
def versions_chat():
    from pyoxigraph import NamedNode, Triple

    from registry.vocab import FAIR4ML
    from tests.factories import task_record
    acme, organisation = _organisation("acme")
    records = [
        organisation,
        model_doing("acme/quill-2", "text-generation", downloads=5_000, description="Writes short texts.",
                    extra=[Triple(NamedNode(model_pid("acme/quill-2")), FAIR4ML.sharedBy, acme)]),
        model_doing("copies/quill-2", "text-generation", downloads=9_000, description="Writes short texts."),
        model_doing("other/quill-2-instruct", "text-generation", downloads=8_000, description="Writes short texts."),
        model_doing("someone/quill-1_5-tuned-maths", "text-generation", base_model="acme/quill-2", downloads=2,
                    description="Solves sums."),
    ]
    for registry in registry_holding([task_record("text-generation")] + records):
        yield ChatService(registry, llm="extractive")


@pytest.mark.parametrize("question", ["Is Acme's quill-1.5 available?", "Do you have acme's quill-1.5?"])
def test_a_version_not_held_names_the_owners_release_then_the_name_carrying_it_as_closest(versions_chat, question):
    answer = versions_chat.ask(question)
    assert not answer.answers
    assert [c.pid for c in answer.closest][:2] == [model_pid("acme/quill-2"),
                                                    model_pid("someone/quill-1_5-tuned-maths")], answer.text


def test_a_version_names_hold_joined_asked_for_as_a_whole_is_still_not_held(joined_chat):
    answer = joined_chat.ask("Is Quill-4 in the registry?")
    assert not answer.answers
    assert "no model called" in answer.text
