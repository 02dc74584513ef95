"""A name asked about that no record is called but several carry as a whole part of their names ("What is LLaMat?":
llamat-2, llamat-2-chat, llamat-2-cif) is answered about those records: the answer says the name is part of their
names, which of them it describes (the most downloaded) and which others carry it, and offers them."""

from __future__ import annotations

import pytest

from tests.factories import dataset_pid, dataset_record, model_doing, model_pid, registry_holding, task_record

MODELS = [
    model_doing("lab/Gizmo-7B-Base", "text-generation", downloads=40, description="A base model for chemistry.",
                datasets=("lab/Gizmo-pretrain-data",)),
    model_doing("lab/Gizmo-7B-Chat", "text-generation", downloads=90, description="A chat model for chemistry."),
    model_doing("lab/Gizmo-7B-Instruct", "text-generation", downloads=20, description="An instruction model."),
    model_doing("lab/Gizmo-7B-Lite", "text-generation", downloads=10, description="A small copy."),
    model_doing("other/Sprocket-7B", "text-generation", downloads=500, description="A model about gizmos."),
    model_doing("solo/Whirl-7B", "text-generation", downloads=3, description="A lone model."),
]


@pytest.fixture(scope="module")
def registry():
    yield from registry_holding([task_record("text-generation"), dataset_record("lab/Gizmo-pretrain-data", stub=False)]
                                + MODELS)


def test_the_answer_says_the_name_is_part_of_several_names_and_which_it_describes(chat):
    answer = chat.ask("What is Gizmo?")
    first = answer.text.split("\n\n")[0]
    assert first.startswith("No record in the registry is called “Gizmo”, but it is part of the names of 4 models: "
                            "this answer describes [Gizmo-7B-Chat]")
    # the three most downloaded are described, the others named after them
    assert first.index("Gizmo-7B-Chat") < first.index("Gizmo-7B-Base") < first.index("Gizmo-7B-Instruct")
    assert "Also carrying it: [Gizmo-7B-Lite]" in first
    put = {c.pid for c in answer.answers}
    assert {model_pid("lab/Gizmo-7B-Chat"), model_pid("lab/Gizmo-7B-Base"), model_pid("lab/Gizmo-7B-Instruct")} <= put
    assert model_pid("other/Sprocket-7B") not in put  # its description speaks of gizmos; its name does not carry it
    assert dataset_pid("lab/Gizmo-pretrain-data") not in put  # named as what one was trained on, not an answer


def test_a_name_one_record_carries_is_answered_about_it_without_the_note(chat):
    answer = chat.ask("What is Whirl?")
    assert "part of the names" not in answer.text
    assert [c.pid for c in answer.answers][:1] == [model_pid("solo/Whirl-7B")]


def test_a_name_a_record_is_called_is_no_part_of_several_names(chat):
    answer = chat.ask("Tell me about Gizmo-7B-Chat")
    assert "part of the names" not in answer.text


def test_a_name_the_asker_looks_for_then_asks_about_is_said_not_held(chat):
    answer = chat.ask("I'm looking for Widgetron 8x7B. Is it here?")
    assert answer.text.startswith("“Widgetron 8x7B” is not in the registry")
    assert answer.answers == []


def test_a_name_the_asker_looks_for_that_a_record_has_is_answered_about_it(chat):
    answer = chat.ask("I'm looking for Gizmo-7B-Chat. Is it here?")
    assert [c.pid for c in answer.answers][:1] == [model_pid("lab/Gizmo-7B-Chat")]
