"""A name that is the name part of a record held by reference only (a stub base) names that record, not a family."""

from __future__ import annotations

import pytest

from harvesters.huggingface.refs import Stubs
from tests.factories import BASE, model_doing, model_pid, registry_holding, task_record


def stub_base(model_id: str):
    """Return the stub the Hugging Face harvester records for a base model it only sees named (called by its id)."""
    stubs = Stubs(BASE, None)
    stubs.model(model_id)
    return list(stubs.records.values())


MODELS = stub_base("acme/Quill-Zero") + stub_base("acme/Lark-2") + stub_base("zed/Lark-2") + [
    model_doing("bob/quill-tidy", "text-generation", base_model="acme/Quill-Zero", downloads=12,
                description="Tidies notes into lists."),
    # a longer name holding the written one, more downloaded, derived from nothing here
    model_doing("carl/Quill-Zero-Lite-3B", "text-generation", downloads=4000,
                description="Smaller rewrite of the base model."),
    # two accounts hold a stub of one name, each the base of one model here
    model_doing("bob/lark-notes", "text-generation", base_model="acme/Lark-2", downloads=7,
                description="Turns meeting notes into action items."),
    model_doing("dan/lark-tidy", "text-generation", base_model="zed/Lark-2", downloads=5,
                description="Rewrites untidy paragraphs."),
]


@pytest.fixture(scope="module")
def registry():
    yield from registry_holding([task_record("text-generation")] + MODELS)


def test_a_stub_called_so_is_what_the_name_means(chat):
    answer = chat.ask("Has anybody fine-tuned Quill-Zero?")
    assert answer.answerable
    assert {c.pid for c in answer.answers} == {model_pid("bob/quill-tidy")}


def test_the_name_of_a_stub_is_no_family_of_longer_names(chat):
    answer = chat.ask("Has anybody fine-tuned Quill-Zero?")
    assert model_pid("carl/Quill-Zero-Lite-3B") not in {c.pid for c in answer.answers}


def test_a_name_two_stubs_carry_is_said_to_be_ambiguous(chat):
    answer = chat.ask("Has anybody fine-tuned Lark-2?")
    # the answer says which of the two it read the name as and offers the other; before, it chose one by its PID
    # and said nothing of the other
    assert "acme/Lark-2" in answer.text and "zed/Lark-2" in answer.text
    assert {"Has anybody fine-tuned acme/Lark-2?", "Has anybody fine-tuned zed/Lark-2?"} & set(answer.follow_ups)
