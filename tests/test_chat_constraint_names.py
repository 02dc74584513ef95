"""The chat reads a library named in a question for models as a constraint, not as the FDO the question is about."""

from __future__ import annotations

import pytest
from pyoxigraph import Literal, NamedNode, Triple

from harvesters.vocabularies import harvest
from registry.chat.evidence import fact_words
from registry.chat.facts import gather
from registry.service import Registry
from registry.vocab import MLFDO, SCHEMA
from tests.factories import BASE, model_doing, model_pid, task_record

FLOW = "org/sklearn.ensemble.AdaBoostClassifier(sklearn.tree.DecisionTreeClassifier)"


def library(name: str, value: str) -> list[Triple]:
    return [Triple(NamedNode(model_pid(name)), MLFDO.library, Literal(value))]


MODELS = [
    model_doing(FLOW, None, downloads=0, description="A pipeline run on OpenML.", extra=library(FLOW, "sklearn")),
    model_doing("org/table-guesser", "tabular-classification", downloads=500,
                description="Predicts a column of a table."),
    model_doing("org/word-guesser", "fill-mask", downloads=900, description="Guesses a hidden word."),
    model_doing("org/bloom-GGUF", None, downloads=40, description="Quantised files of a large multilingual writer.",
                extra=[Triple(NamedNode(model_pid("org/bloom-GGUF")), SCHEMA.keywords, Literal("gguf"))]),
    # a model built with fairseq, and one that only talks about it
    model_doing("org/fs-translator", "fill-mask", downloads=5, description="Translates sentences.",
                extra=library("org/fs-translator", "fairseq")),
    model_doing("org/toolkit-talk", "fill-mask", downloads=800, languages=("de",),
                description="A chat model that loves the fairseq toolkit and talks about the fairseq toolkit."),
    model_doing("org/de-chatter", "fill-mask", downloads=4, languages=("de",), description="Chats about cooking."),
    # two segmenters built with transformers: one lists PyTorch weights among its tags, the other does not
    model_doing("org/torch-segmenter", "image-segmentation", downloads=3, description="Outlines the regions of a photo.",
                extra=library("org/torch-segmenter", "transformers")
                + [Triple(NamedNode(model_pid("org/torch-segmenter")), SCHEMA.keywords, Literal("pytorch"))]),
    model_doing("org/torch-classifier", "image-classification", downloads=9, description="Names what a photo shows.",
                extra=library("org/torch-classifier", "pytorch")),  # a model whose library is PyTorch itself
    model_doing("org/flax-segmenter", "image-segmentation", downloads=30, description="Outlines the regions of a photo.",
                extra=library("org/flax-segmenter", "transformers")
                + [Triple(NamedNode(model_pid("org/flax-segmenter")), SCHEMA.keywords, Literal("jax"))]),
]


@pytest.fixture(scope="module")
def registry():
    registry = Registry.open({"BASE_URL": BASE, "LLM": "extractive"}, in_memory=True, environ={})
    harvest(registry.store, registry.base_url)  # the concepts: scikit-learn is a library term
    registry.store.ingest_many([task_record(t) for t in ("tabular-classification", "fill-mask", "image-segmentation",
                                                                  "image-classification")]
                               + MODELS)
    yield registry
    registry.close()


def test_a_library_named_in_a_question_for_models_is_a_constraint_and_its_models_are_offered(chat):
    answer = chat.ask("Is there a scikit-learn pipeline that boosts decision trees?")
    assert model_pid(FLOW) in {c.pid for c in answer.answers}
    assert all(c.kind != "term" for c in answer.answers)  # not the library's own term


def test_fact_words_hold_the_words_inside_code_names(chat):
    facts = gather(chat.store, [model_pid(FLOW)])[model_pid(FLOW)]
    assert {"ada", "boost", "decision", "tree", "ensemble"} <= fact_words(facts)


def test_a_format_read_as_a_hub_tag_is_a_constraint_not_the_subject(chat):
    # no model has GGUF as its library: the reader matches the tag, and the chat offers the build, not the format's term
    answer = chat.ask("Is there a GGUF build of BLOOM that I can run with llama.cpp?")
    assert model_pid("org/bloom-GGUF") in {c.pid for c in answer.answers}
    assert all(c.kind != "term" for c in answer.answers)


def test_a_library_the_question_names_is_stated_by_every_model_offered(chat):
    # the words "fairseq toolkit" are in both; only one is built with fairseq
    answer = chat.ask("Which models come from the fairseq toolkit?")
    assert {c.pid for c in answer.answers} == {model_pid("org/fs-translator")}
    # the German one talks about fairseq but is not built with it, the fairseq one states no language: neither is
    # offered, and the answer says what none states
    answer = chat.ask("Which German models come from the fairseq toolkit?")
    assert answer.answers == [] and not answer.answerable
    assert "fairseq" in answer.text.split("\n")[0]


def test_a_constraint_joined_to_a_word_is_no_name_the_registry_lacks(chat):
    # "German-speaking" is the language read from it: the answer lists German models, it does not refuse a name
    answer = chat.ask("Which German-speaking models chat about cooking?")
    assert answer.answerable and model_pid("org/de-chatter") in {c.pid for c in answer.answers}
    assert "German-speaking" not in answer.text


def test_a_framework_named_as_a_library_is_stated_by_a_model_whose_tags_list_it(chat):
    # "a PyTorch model": its library is transformers, its tags list the PyTorch weights; the JAX one is not offered
    answer = chat.ask("Is there a PyTorch model for image segmentation?")
    assert {c.pid for c in answer.answers} == {model_pid("org/torch-segmenter")}
