"""The chat puts forward the models carrying a Hub tag the question means in plain words ("allow remote code to load":
custom_code), though their cards say nothing of remote code: the tag holds the words it was read from."""

from __future__ import annotations

import pytest
from pyoxigraph import Literal, NamedNode, Triple

from registry.vocab import MLFDO, SCHEMA
from tests.factories import model_doing, model_pid, registry_holding, task_record


def _model(name: str, tags: tuple[str, ...], description: str, downloads: int):
    pid = NamedNode(model_pid(name))
    extra = [Triple(pid, MLFDO.library, Literal("transformers"))]
    extra += [Triple(pid, SCHEMA.keywords, Literal(t)) for t in tags]
    return model_doing(name, "text-generation", downloads=downloads, description=description, extra=extra)


MODELS = [
    _model("lab/own-arch-a", ("custom_code", "endpoints_compatible"), "A chat model with a new attention layout.", 5),
    _model("lab/own-arch-b", ("custom_code",), "A reasoning model for maths homework.", 4),
    _model("lab/plain-chat", ("text-generation-inference",), "Answers questions about gardening.", 900),
    _model("lab/plain-story", (), "Writes short stories.", 800),
]


@pytest.fixture(scope="module")
def registry():
    yield from registry_holding([task_record("text-generation")] + MODELS)


@pytest.mark.parametrize("question", [
    "Which models ship their own modelling code, so that I'd have to allow remote code to load them?",
    "Which models need trust_remote_code?",
])
def test_the_models_carrying_the_tag_meant_are_put_forward(chat, question):
    answer = chat.ask(question)
    forward = {c.pid for c in answer.answers}
    assert forward and forward <= {model_pid("lab/own-arch-a"), model_pid("lab/own-arch-b")}, question
