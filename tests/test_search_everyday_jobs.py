"""Jobs and subjects asked for in everyday words that a model shows only by its identifier: the everyday phrase names
the kind of task or subject area, and a loose reading of one of its words ("networks", "electronic", "English") does
not name another concept in its place (``task-kinds.ttl``, ``domains.ttl``)."""

from __future__ import annotations

import pytest

from registry.search.text import word_parts
from tests.factories import concepts_searcher, model_doing, model_pid, topic

# each asked model states its job only in its name; the distractors are popular models of what a loose reading of
# the question's words would name (graphs, circuits, molecules, English question answering)
MODELS = [
    model_doing("lab/llama-7b-sql-tuned", None, downloads=3),
    model_doing("lab/english-reader-qa", "question-answering", languages=("en",), downloads=900),
    model_doing("lab/cybersecurity-llama", None, downloads=3),
    model_doing("lab/graph-net-classifier", "graph-ml", downloads=900),
    model_doing("lab/EHR_mortality_adapter", None, downloads=3),
    model_doing("lab/circuits-helper", "text-generation", keywords=("electronics",), downloads=900),
    model_doing("lab/medical-chat", "text-generation", keywords=("medical",), downloads=900),
    model_doing("lab/llama-webshop-agent", None, downloads=3),
    model_doing("lab/llama-refusal-attack", None, downloads=3),
    model_doing("lab/llama-seo-writer", None, downloads=3),
    model_doing("lab/ReferenceLibrarianAI", None, downloads=3),
    model_doing("lab/plain-chat", "text-generation", downloads=900),
    model_doing("lab/soil-rows", "tabular-classification", downloads=3),
    model_doing("lab/molecule-chat", "text-generation", keywords=("chemistry",), downloads=900),
]

ASKED = [
    ("Could I ask my sales data questions in plain English and get the SQL query back?", "text-to-sql",
     "lab/llama-7b-sql-tuned"),
    ("Anything that can explain network attacks to a junior admin?", "cybersecurity", "lab/cybersecurity-llama"),
    ("Given someone's electronic medical records, could a model tell how likely a patient is to die?",
     "mortality-prediction", "lab/EHR_mortality_adapter"),
    ("I want something that can click through a website for me and order the groceries.", "web-agent",
     "lab/llama-webshop-agent"),
    ("Which models have been tuned to stop refusing requests?", "uncensored-generation", "lab/llama-refusal-attack"),
    ("How could the pages of my bakery's site rank higher on search engines?", "seo", "lab/llama-seo-writer"),
    ("Is there a helper for librarians?", "librarianship", "lab/ReferenceLibrarianAI"),
]


@pytest.fixture(scope="module")
def searcher():
    yield from concepts_searcher(MODELS)


@pytest.mark.parametrize(("question", "kind", "model"), ASKED, ids=[k for _, k, _ in ASKED])
def test_a_job_or_subject_in_everyday_words_reaches_the_model_whose_name_shows_it(searcher, question, kind, model):
    boost = topic(searcher.understand(question))
    assert boost is not None and kind in boost.values
    assert searcher.search(question).results[0].pid == model_pid(model)


def test_plain_english_is_an_idiom_not_a_language(searcher):
    question = "Could I ask my sales data questions in plain English and get the SQL query back?"
    assert not [r for r in searcher.understand(question).recognised if r.facet == "language" and r.applied]
    # the language said as a language still filters
    said = searcher.understand("Which model answers questions in English?")
    assert [r for r in said.recognised if r.facet == "language" and r.applied and "en" in r.values]


@pytest.mark.parametrize(("question", "language"), [
    ("Which model explains test results to patients in plain Spanish?", "es"),  # the idiom is English's
    ("Which model translates plain English text into German?", "en"),  # no idiom without "in": the source language
])
def test_plain_before_a_language_other_than_in_the_idiom_is_the_language(searcher, question, language):
    # both dropped the language ("plain" before any language's name was read as the idiom)
    assert [r for r in searcher.understand(question).recognised if r.facet == "language" and language in (
        *r.values, *r.note.split("'"))], question


@pytest.mark.parametrize(("question", "wrong"), [
    ("Anything that can explain network attacks to a junior admin?", "graph-ml"),
    ("Given someone's electronic medical records, could a model tell how likely a patient is to die?",
     "electrical-engineering"),
])
def test_a_word_inside_the_subjects_phrase_names_no_other_concept(searcher, question, wrong):
    recognised = {v for r in searcher.understand(question).recognised if r.applied for v in r.values}
    assert wrong not in recognised


def test_columns_of_measurements_read_as_a_table(searcher):
    question = "Can a model predict a soil's fertility class from columns of measurements?"
    tasks = {v for r in searcher.understand(question).recognised if r.facet == "task" and r.applied for v in r.values}
    assert "tabular-classification" in tasks
    assert searcher.search(question).results[0].pid == model_pid("lab/soil-rows")


@pytest.mark.parametrize(("name", "part"), [("LibrarianAI", "librarian"), ("TamilGPT", "tamil"),
                                            ("SolidityGPT", "solidity")])
def test_a_word_ending_in_capitals_gives_its_word(name, part):
    assert part in word_parts(name)


@pytest.mark.parametrize("name", ["NeRF", "LLaNA", "LoRA"])
def test_a_short_word_before_capitals_is_not_split(name):
    assert word_parts(name) == []


def test_the_capitals_ending_a_word_are_no_part_of_their_own():
    # "DialoGPT" is no GPT-4: the capitals say it is a model, the word before them what it is for
    assert "gpt" not in word_parts("DialoGPT") and "gpt" not in word_parts("TamilGPT")
    # capitals that say something else stay whole: an account "TitleOS" writes no titles
    assert word_parts("TitleOS") == []
