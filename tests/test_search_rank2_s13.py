"""Ranking (session 13, round 2): a model naming the task the question reads from one of the task's own names
("chatbot") is taken at its word, and a language asked alone prefers the models stating few languages."""

from __future__ import annotations

import pytest

from tests.factories import concepts_searcher, model_doing, model_pid

# ------------------------------------------------------------ a task's own name in a model's name
NAMED = "lab/plant-helper-chatbot"  # says what it is in its name, states no task
WRITERS = [f"lab/writer-{i}" for i in range(8)]  # text generators, popular, nothing about plants


@pytest.fixture(scope="module")
def chatbots():
    records = [model_doing(NAMED, None, description="Answers questions about plant species and weeds.")]
    records += [model_doing(n, "text-generation", downloads=10_000 * (i + 1),
                            description="A chatbot that knows many things and answers questions about them.")
                for i, n in enumerate(WRITERS)]
    records += [model_doing(f"lab/other-{task}-{i}", task, description="Does something else.")
                for task in ("translation", "text-classification", "summarization", "object-detection")
                for i in range(15)]
    yield from concepts_searcher(records)


def test_a_model_whose_name_is_the_tasks_own_name_counts_as_doing_it(chatbots):
    question = "Is there a chatbot that knows about plant species?"
    qu = chatbots.understand(question)
    assert any(r.facet == "task" and "text-generation" in r.values and r.span == "chatbot" for r in qu.recognised)
    judged = chatbots.judge([model_pid(NAMED), model_pid(WRITERS[0])], qu)
    # its subject (plants) and the task its name says, against the task alone
    assert judged[model_pid(NAMED)][1] > judged[model_pid(WRITERS[0])][1]
    got = [h.pid for h in chatbots.search(question, per_page=10).results]
    assert got[0] == model_pid(NAMED), got


def test_a_task_read_from_other_words_does_not_take_a_name_at_its_word(chatbots):
    # "write text from a prompt" reads text generation too, but that is not what the model's name says: it stays a
    # model stating no task, below the text generators
    qu = chatbots.understand("Which models write text from a prompt?")
    assert any(r.facet == "task" and "text-generation" in r.values for r in qu.recognised)
    judged = chatbots.judge([model_pid(NAMED), model_pid(WRITERS[0])], qu)
    assert judged[model_pid(NAMED)][1] < judged[model_pid(WRITERS[0])][1]


# ------------------------------------------------------------ a language asked alone: few stated before a dozen
GENERAL = [f"big/general-{i}" for i in range(4)]  # popular, a dozen languages among which Hindi
DOZEN = ("ar", "de", "en", "es", "fr", "hi", "id", "it", "pt", "th", "tl", "vi")
FOCUSED = ["small/hindi-helper", "small/desi-writer"]  # Hindi and English only, never downloaded


@pytest.fixture(scope="module")
def speakers():
    records = [model_doing(n, "text-generation", languages=DOZEN, downloads=100_000 * (i + 1),
                           description="A general model for many languages.") for i, n in enumerate(GENERAL)]
    records += [model_doing(n, "text-generation", languages=("hi", "en"), downloads=0,
                            description="A model.") for n in FOCUSED]
    # (few state Hindi: at most a tenth of the index)
    records += [model_doing(f"lab/english-{i}", "text-classification", languages=("en",), description="Sorts text.")
                for i in range(60)]
    yield from concepts_searcher(records)


def test_a_language_asked_alone_puts_the_models_stating_few_languages_first(speakers):
    got = [h.pid for h in speakers.search("We'd like a Hindi model. Which ones are there?", per_page=10).results]
    assert set(got[:2]) == {model_pid(n) for n in FOCUSED}, got
    # the general models stating it follow, before anything stating no Hindi
    assert {model_pid(n) for n in GENERAL} <= set(got[2:6]), got


# ------------------------------------------------------------ a version of a family not held: the nearest first
@pytest.fixture(scope="module")
def versions():
    records = [model_doing("maker/pixel-forge-v1-4", "text-to-image", downloads=10, description="Draws pictures."),
               model_doing("maker/pixel-forge-2-1", "text-to-image", downloads=50_000, description="Draws pictures."),
               model_doing("maker/pixel-forge-3", "text-to-image", downloads=90_000, description="Draws pictures."),
               model_doing("maker/pixel-forge-2-inpainting", "image-to-image", downloads=80_000,
                           description="Fills in pictures.")]
    records += [model_doing(f"lab/painter-{i}", "text-to-image", downloads=100_000 + i,
                            description="Draws pictures from prompts, a pixel forge of its own.") for i in range(8)]
    yield from concepts_searcher(records)


def test_a_version_not_held_puts_the_familys_nearest_versions_first(versions):
    got = [h.pid for h in versions.search("Do you have Pixel Forge 1.5?", per_page=10).results]
    assert got[:3] == [model_pid(n) for n in ("maker/pixel-forge-v1-4", "maker/pixel-forge-2-1",
                                              "maker/pixel-forge-3")], got


def test_a_version_held_under_another_spelling_is_no_version_missing(versions):
    # "2.1" is pixel-forge-2-1: no neighbour is put before what the words find
    assert versions._nearest_versions("Do you have Pixel Forge 2.1?", versions.understand("Pixel Forge 2.1")) == []
