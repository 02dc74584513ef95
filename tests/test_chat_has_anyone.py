""""Has anyone trained a model on ...?" asks for models, as "Is there ...?" does: a subject area the question names by a
hyphenated word ("e-mail", "e-commerce") is what the models are to be about, not a term to describe."""

from __future__ import annotations

import pytest

from tests.factories import model_doing, model_pid, registry_holding, task_record


@pytest.fixture(scope="module")
def registry():
    yield from registry_holding([task_record("text-generation"),
                                 model_doing("shop/llama-2-ecommerce-writer", "text-generation", downloads=10,
                                             description="A chat model."),
                                 model_doing("shop/llama-2-enron-scrubbed", "text-generation", downloads=10,
                                             description="A chat model."),
                                 model_doing("org/poem-writer", "text-generation", downloads=50,
                                             description="Writes short poems.")])


@pytest.mark.parametrize("question, name", [
    ("Has anyone trained a model on e-commerce listings?", "shop/llama-2-ecommerce-writer"),
    ("Has anyone trained a model on corporate e-mail?", "shop/llama-2-enron-scrubbed"),
])
def test_a_question_whether_anyone_made_such_a_model_puts_the_models_forward(chat, question, name):
    answer = chat.ask(question)
    assert model_pid(name) in {c.pid for c in answer.answers}
    assert "is a term in the registry" not in answer.text
