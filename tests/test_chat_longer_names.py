"""A longer name spelled out in words around the name a question writes ("the 7B Mini distillation of Gizmo-R1" is
Gizmo-R1-Distill-Mini-7B), and a question whether anyone worked on a named model (its derived models answer)."""

from __future__ import annotations

import pytest

from registry.service import Registry
from tests.factories import BASE, model_doing, model_pid, task_record
from tests.test_chat_links import UNTITLED, cites, paper_record, untitled_paper

MODELS = [
    model_doing("acme/Gizmo-R1", "text-generation", downloads=900, description="Reasons step by step."),
    model_doing("acme/gizmo-chat", "text-generation", base_model="acme/Gizmo-R1", downloads=50,
                description="Chats about anything."),
    model_doing("acme/Gizmo-R1-Distill-Mini-7B", "text-generation", base_model="acme/Gizmo-R1", downloads=80,
                description="A smaller student."),
    model_doing("acme/Gizmo-R1-Distill-Mega-70B", "text-generation", base_model="acme/Gizmo-R1", downloads=90,
                description="A larger student."),
    model_doing("kit/mini-tuned", "text-generation", base_model="acme/Gizmo-R1-Distill-Mini-7B", downloads=3,
                description="Tuned for support tickets."),
    model_doing("kit/Gizmo-R1-Distill-Mini-7B-GGUF", "text-generation", base_model="acme/Gizmo-R1-Distill-Mini-7B",
                keywords=("gguf",), downloads=2, description="Weights for local inference."),
    # a chat model with four copies in fewer bits and a fine-tune
    model_doing("acme/widget-adapted-7b-chat", "text-generation", downloads=60, description="Chats in two languages."),
    model_doing("acme/widget-legal", "text-generation", base_model="acme/widget-adapted-7b-chat", downloads=9,
                description="Answers legal questions."),
    *[model_doing(f"bits/widget-adapted-7b-chat-{suffix}", "text-generation", base_model="acme/widget-adapted-7b-chat",
                  downloads=1, description="Smaller weights.") for suffix in ("4bit", "8bit", "GGUF", "AWQ")],
    # models exported to ONNX (tagged so), and one whose words say "export" and "ships"
    model_doing("kit/onnx-sorter", "text-classification", keywords=("onnx",), downloads=30, description="Sorts mail."),
    model_doing("kit/onnx-tagger", "token-classification", keywords=("onnx",), downloads=20, description="Tags names."),
    model_doing("kit/export-helper", "text-generation", downloads=5, description="Ships export paperwork for traders."),
    # models showing the words of a paper's name: two cite one paper, a third another
    model_doing("kit/widgetformer-small", "sentence-similarity", downloads=3, description="Widget-Former sentence vectors.",
                extra=cites("kit/widgetformer-small", UNTITLED)),
    model_doing("kit/widgetformer-large", "sentence-similarity", downloads=2, description="Widget-Former sentence vectors.",
                extra=cites("kit/widgetformer-large", UNTITLED)),
    model_doing("kit/widgetformer-popular", "sentence-similarity", downloads=900,
                description="Widget-Former sentence vectors.", extra=cites("kit/widgetformer-popular")),
    # models trained with a tool the Hub records as a tag; no record is called so
    model_doing("kit/forged-one", "text-generation", keywords=("anvil-forge",), downloads=4, description="Chats."),
    model_doing("kit/forged-two", "text-generation", keywords=("anvil-forge",), downloads=3, description="Sums up."),
]


@pytest.fixture(scope="module")
def registry():
    registry = Registry.open({"BASE_URL": BASE, "LLM": "extractive"}, in_memory=True, environ={})
    registry.store.ingest_many([task_record(t) for t in ("text-generation", "text-classification",
                                                         "token-classification", "sentence-similarity")] +
                               [paper_record(), untitled_paper()] + MODELS)
    yield registry
    registry.close()


def offered(answer) -> set[str]:
    return {c.pid for c in answer.answers}


def test_a_longer_name_spelled_out_around_a_name_is_what_the_question_names(chat):
    answer = chat.ask("What licence does the 7B Mini distillation of Gizmo-R1 have?")
    assert offered(answer) == {model_pid("acme/Gizmo-R1-Distill-Mini-7B")}


def test_a_longer_name_needs_every_part_written(chat):
    # "Mini" alone does not spell Gizmo-R1-Distill-Mini-7B: the question is about Gizmo-R1
    answer = chat.ask("What licence does the Mini build of Gizmo-R1 have?")
    assert offered(answer) == {model_pid("acme/Gizmo-R1")}


def test_has_anyone_fine_tuned_a_named_model_asks_for_its_derived_models(chat):
    answer = chat.ask("Has anyone fine-tuned the 7B Mini distillation of Gizmo-R1?")
    assert offered(answer) == {model_pid("kit/mini-tuned"), model_pid("kit/Gizmo-R1-Distill-Mini-7B-GGUF")}
    answer = chat.ask("Has anyone fine-tuned Gizmo-R1?")
    assert model_pid("acme/Gizmo-R1") not in offered(answer)
    assert model_pid("acme/gizmo-chat") in offered(answer)


def test_a_longer_names_copies_in_the_format_asked_for_are_the_answer(chat):
    # the search reads "version of Gizmo-R1" as the base and misses the copy of the distillation: its derived
    # models in the format are the answer
    answer = chat.ask("Is the 7B Mini distillation version of Gizmo-R1 available as a GGUF file?")
    assert offered(answer) == {model_pid("kit/Gizmo-R1-Distill-Mini-7B-GGUF")}


def test_copies_in_fewer_bits_of_a_named_model_are_offered_up_to_three(chat):
    answer = chat.ask("Are there lower-precision builds of the Widget adapted 7B chat model?")
    copies = {model_pid(f"bits/widget-adapted-7b-chat-{s}") for s in ("4bit", "8bit", "GGUF", "AWQ")}
    assert len(offered(answer)) == 3 and offered(answer) <= copies


def test_the_words_naming_a_copy_in_a_format_are_no_topic_a_model_must_hold(chat):
    # "ship an ONNX export": the models tagged onnx answer; "ship" and "export" say the copy, not its topic
    answer = chat.ask("Which models ship an ONNX export?")
    assert offered(answer) == {model_pid("kit/onnx-sorter"), model_pid("kit/onnx-tagger")}


def test_the_models_linked_to_a_paper_described_by_name_cite_the_paper_most_of_them_share(chat):
    # three models show "Widget-Former" (a name no record has: the name of a paper); two cite one paper, the most
    # downloaded another: the paper so described is the one most cite
    answer = chat.ask("Which models are linked to the Widget-Former paper?")
    assert offered(answer) == {model_pid("kit/widgetformer-small"), model_pid("kit/widgetformer-large")}


def test_a_name_no_record_is_called_but_records_carry_as_a_tag_lists_them(chat):
    answer = chat.ask("Which models came out of Anvil-Forge?")
    assert offered(answer) == {model_pid("kit/forged-one"), model_pid("kit/forged-two")}
    assert "no model called" not in answer.text


def test_the_relation_words_after_a_name_spell_no_longer_name(registry):
    # "Gizmo-R1 fine-tunes" asks for Gizmo-R1's fine-tunes, not a model named Gizmo-R1-fine-tune
    from registry.chat import ChatService
    registry.store.ingest_many([model_doing("acme/Gizmo-R1-fine_tune", "text-generation", downloads=1,
                                            description="Writes poems.")])
    chat = ChatService(registry, llm="extractive")
    answer = chat.ask("Which Gizmo-R1 fine-tunes chat about anything?")
    assert model_pid("acme/gizmo-chat") in offered(answer)
    assert model_pid("acme/Gizmo-R1-fine_tune") not in offered(answer)
