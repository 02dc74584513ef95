"""The chat puts forward the models carrying the Hub tags a question names (session 18): a conversion space or tool
named by its tag is asked for more closely than the library beside it."""

from __future__ import annotations

import pytest
from pyoxigraph import Literal, NamedNode, Triple

from registry.chat import ChatService
from registry.vocab import MLFDO
from tests.factories import model_doing, model_pid, registry_holding, task_record


def library(name: str, value: str) -> list[Triple]:
    return [Triple(NamedNode(model_pid(name)), MLFDO.library, Literal(value))]


# ONNX models by library, more downloaded, and three exports tagged by the space that made them (library transformers)
MODELS = [model_doing(f"acme/onnx-native-{i}", "text-classification", keywords=("onnx",), downloads=500 + i,
                      description="Sorts tickets.", extra=library(f"acme/onnx-native-{i}", "onnx")) for i in range(4)]
MODELS += [model_doing(f"acme/exported-{w}", "text-classification", keywords=("onnx", "onnx-export-space"), downloads=i,
                       description="Weights.", extra=library(f"acme/exported-{w}", "transformers"))
           for i, w in enumerate(("lark", "wren", "finch"))]
MODELS += [model_doing(f"acme/filler-{i}", "text-generation", downloads=i, description="Rhymes.") for i in range(6)]
EXPORTED = {model_pid(f"acme/exported-{w}") for w in ("lark", "wren", "finch")}


@pytest.fixture(scope="module")
def chat():
    for registry in registry_holding([task_record("text-classification"), task_record("text-generation")] + MODELS):
        yield ChatService(registry, llm="extractive")


@pytest.mark.parametrize("question", [
    "Which models did the onnx-export-space produce in ONNX?",
    "ONNX builds made by the onnx-export-space, please",
    "list the models exported to ONNX through onnx-export-space",
])
def test_the_models_carrying_the_tag_named_are_put_forward_over_the_library_beside_it(chat, question):
    answer = chat.ask(question)
    offered = {c.pid for c in answer.answers}
    assert offered and offered <= EXPORTED


def test_the_library_alone_still_puts_forward_its_models(chat):
    answer = chat.ask("Which models use the ONNX library?")
    assert {c.pid for c in answer.answers} & {model_pid(f"acme/onnx-native-{i}") for i in range(4)}
