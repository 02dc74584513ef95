"""Subjects and purposes said in other words than the records use, which a model often shows only in its identifier
(immigration, thangka, truth, calibration, question generation, fake news), and many languages asked for without the
word "multilingual" (docs/search.md, "Concepts" and "Query understanding")."""

from __future__ import annotations

import pytest
from pyoxigraph import Literal, NamedNode, Triple

from registry.search.document import MANY_LANGUAGES
from registry.search.text import word_parts
from registry.vocab import SCHEMA
from tests.factories import concepts_searcher, model_doing, model_pid, topic, weights, word_concepts

# language codes enough for a model listing dozens of them
CODES = ("ak", "ar", "as", "bm", "bn", "ca", "en", "es", "eu", "fr", "gu", "hi", "id", "ig", "kn", "ml", "mr", "ne",
         "pa", "pt", "sw", "ta", "te", "ur", "vi", "yo", "zh", "zu")


def tagged(name: str, task: str | None, *tags: str, **kwargs):
    pid = NamedNode(model_pid(name))
    return model_doing(name, task, extra=[Triple(pid, SCHEMA.keywords, Literal(t)) for t in tags], **kwargs)


MODELS = [
    tagged("lab/llama-chat-Immigration-helper", "text-generation", downloads=5, description="A chat model."),
    tagged("lab/contract-law-llm", "text-generation", "legal", downloads=900, description="A chat model."),
    tagged("lab/thangka-dreambooth", "text-to-image", downloads=5, description="Pictures from prompts."),
    tagged("lab/sd-painting-style", "text-to-image", "painting", downloads=900, description="Pictures from prompts."),
    tagged("lab/llama2_inst_truthbench1_model", "text-generation", downloads=5, description="A chat model."),
    tagged("lab/llama2-chat-plain", "text-generation", downloads=900, description="A chat model."),
    tagged("lab/polyglot-lm", "text-generation", downloads=5, description="A chat model.", languages=CODES[:25]),
    tagged("lab/english-lm", "text-generation", downloads=900, description="A chat model.", languages=("en",)),
]


@pytest.fixture(scope="module")
def searcher():
    yield from concepts_searcher(MODELS)


@pytest.fixture(scope="module")
def concepts():
    return word_concepts()


def keys(concepts, question):
    return {m.concept.key for m in concepts.match(question)}


@pytest.mark.parametrize("question, key", [
    ("I'm moving abroad and need a residence permit", "immigration"),
    ("questions about visas and citizenship", "immigration"),
    ("pictures in the style of Tibetan thangka", "asian-painting"),
    ("a model for Buddhist scroll paintings", "asian-painting"),
    ("Which models fight fake news and misinformation?", "misinformation"),
    ("help me write a correction to a made-up story my neighbour shared", "misinformation"),
    ("Which models were tuned to be honest?", "truthfulness"),
    ("a chat model with fewer hallucinations", "truthfulness"),
    ("Can a model say how sure it is that its answer is right?", "confidence-calibration"),
    ("draw up quiz questions for my students", "question-generation"),
    ("I teach a class of ten-year-olds", "education"),
    ("Which models know about phone networks?", "telecommunications"),
])
def test_a_subject_or_purpose_is_read_from_the_words_people_ask_with(concepts, question, key):
    assert key in keys(concepts, question)


def test_a_field_adjective_before_another_fields_noun_names_the_adjectives_field(concepts):
    # "religious teaching" is religion; "teaching" alone would be education
    got = keys(concepts, "Which models deal with faith and religious teaching?")
    assert "religion" in got and "education" not in got
    assert "education" in keys(concepts, "a model to help with my teaching")


def test_a_correction_to_a_made_up_story_is_no_creative_writing(concepts):
    got = keys(concepts, "Could a model help me write a correction to a made-up story?")
    assert "misinformation" in got and "creative-writing" not in got
    assert "creative-writing" in keys(concepts, "write a story for me about dragons")


def test_a_narrower_art_tradition_stands_before_art_and_religion(concepts):
    got = keys(concepts, "Can a model paint Tibetan Buddhist scroll paintings?")
    assert "asian-painting" in got and "art" not in got


def test_a_kind_of_task_only_near_in_meaning_stands_back_for_a_task_named_by_words(searcher):
    got = keys(searcher.concepts, "video generation")  # (the searcher's concepts read by meaning too)
    assert "text-to-video" in got
    assert not got & {"question-generation", "dynamic-3d-generation"}


def test_a_benchmark_ending_glued_to_a_word_yields_the_word():
    assert "truth" in word_parts("llama2_inst_truthbench1_model")
    assert "truthful" in word_parts("truthfulqa")
    assert "code" in word_parts("codealpaca2")  # a family glued inside a word with digits


@pytest.mark.parametrize("question, name", [
    ("I'm moving abroad and have questions about residence permits", "lab/llama-chat-Immigration-helper"),
    ("Can a model paint Tibetan Buddhist scroll paintings?", "lab/thangka-dreambooth"),
    ("Which models were trained to be more honest?", "lab/llama2_inst_truthbench1_model"),
])
def test_a_model_showing_the_subject_only_in_its_identifier_is_reached(searcher, question, name):
    others = {"lab/llama-chat-Immigration-helper": "lab/contract-law-llm",
              "lab/thangka-dreambooth": "lab/sd-painting-style",
              "lab/llama2_inst_truthbench1_model": "lab/llama2-chat-plain"}
    assert topic(searcher.understand(question)) is not None
    got = weights(searcher, question, [name, others[name]])
    assert got[name] > got[others[name]]
    results = [h.pid for h in searcher.search(question, per_page=3).results]
    assert results[0] == model_pid(name)


def test_a_model_listing_dozens_of_languages_is_multilingual(searcher):
    assert len(CODES[:25]) >= MANY_LANGUAGES
    found = searcher.search("chat model", filters={"language": ["mul"]}, per_page=10).results
    assert [h.pid for h in found] == [model_pid("lab/polyglot-lm")]


@pytest.mark.parametrize("question", ["Which polyglot models cover dozens of languages at once?",
                                      "a model that handles many languages", "Which models are multilingual?"])
def test_many_languages_asked_for_in_other_words_are_read_as_multilingual(searcher, question):
    # (a preference for the models listing more languages, the tag multilingual counting as dozens: no filter)
    understanding = searcher.understand(question)
    assert understanding.boosts().get("language") == ["mul"] and not understanding.filters().get("language")
    results = [h.pid for h in searcher.search(question, per_page=2).results]
    assert results[0] == model_pid("lab/polyglot-lm")


def test_the_words_saying_many_languages_are_no_language_model(searcher):
    understanding = searcher.understand("Which polyglot models cover dozens of languages at once?")
    assert "languages" not in understanding.text.lower()
    assert "text-generation" not in understanding.filters().get("task", [])
    assert not any(r.facet == "task" for r in understanding.recognised)
