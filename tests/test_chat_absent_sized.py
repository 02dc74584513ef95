"""A name going on in lower case after its size or version ("Llama 2 13B chat") is asked for as a whole when the frame
after it ("in the registry", "here") says where it stops: the chat says it is not held rather than answering about a
record of another size."""

from __future__ import annotations


import pytest

from registry.chat.absent import _TAIL, asked_name
from registry.search.understand import read
from tests.factories import model_doing, model_pid, registry_holding, task_record
from tests.cpu import assert_cpu_within

MODELS = [
    model_doing("acme/Quill-2-7b-chat", "text-generation", downloads=900, description="Chats politely."),
    model_doing("acme/Quill-2-7b", "text-generation", downloads=300, description="Continues text."),
    model_doing("acme/tale-spinner", "text-generation", downloads=50, description="Spins short tales."),
]


@pytest.fixture(scope="module")
def registry():
    yield from registry_holding([task_record("text-generation")] + MODELS)


@pytest.mark.parametrize("question, name", [
    ("Is Llama 2 13B chat in the registry?", "Llama 2 13B chat"),
    ("Is Qwen 2.5 7B instruct available here?", "Qwen 2.5 7B instruct"),
    ("Is Mistral 7B instruct here?", "Mistral 7B instruct"),
    ("Is the Falcon 40B base model in the registry?", "Falcon 40B base"),
])
def test_asked_name_reads_a_name_going_on_in_lower_case_after_its_size(question, name):
    asked = asked_name(read(question))
    assert asked is not None and asked.name == name


@pytest.mark.parametrize("question", ["Is French poetry in the registry?", "Is anything about law here?"])
def test_lower_case_words_after_no_size_are_no_name(question):
    assert asked_name(read(question)) is None


def test_the_sized_name_is_read_in_linear_time():
    assert _TAIL.match("Is Acme 7B" + " chat" * 5_000 + " x1" * 5_000 + " here?") is None
    assert_cpu_within(lambda: _TAIL.match("Is Acme 7B" + " chat" * 5_000 + " x1" * 5_000 + " here?"), 0.5)


@pytest.mark.parametrize("question", ["Is Quill 2 13B chat in the registry?", "Is Quill 2 70B chat here?",
                                      "Is Quill 2 13B chat available here?"])
def test_a_size_the_registry_lacks_is_said_absent_with_the_family_as_closest(chat, question):
    answer = chat.ask(question)
    assert "is not in the registry" in answer.text.split("\n")[0]
    assert answer.answers == []
    assert model_pid("acme/Quill-2-7b-chat") in {c.pid for c in answer.closest}
