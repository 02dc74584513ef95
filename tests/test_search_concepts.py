"""Concepts in search: questions in other words reach the concept, and through it the facet values it stands for."""

from __future__ import annotations

import pytest

from harvesters.vocabularies import harvest
from registry.search.concepts import ConceptIndex
from registry.store import Store

BASE = "http://registry.test"


@pytest.fixture(scope="module")
def concepts():
    store = Store.open(None, BASE)
    harvest(store)
    return ConceptIndex(store)  # words only: no embedder, so the checks do not depend on a model


def boosts(concepts, question):
    return concepts.boosts(concepts.match(question))


def test_a_plain_synonym_reaches_the_task(concepts):
    assert "automatic-speech-recognition" in boosts(concepts, "a model for speech to text in meetings")["task"]


def test_a_modality_word_boosts_every_task_of_that_modality(concepts):
    tasks = boosts(concepts, "vision models")["task"]
    assert {"image-classification", "object-detection", "image-segmentation"} <= set(tasks)
    assert "text-generation" not in tasks


def test_a_licence_family_boosts_its_licences(concepts):
    licences = boosts(concepts, "share-alike licensed models")["licence"]
    assert {"CC-BY-SA-4.0", "GPL-3.0-only"} <= set(licences)
    assert "MIT" not in licences


def test_non_commercial_does_not_also_read_as_commercial_use(concepts):
    licences = boosts(concepts, "non-commercial research models")["licence"]
    assert "CC-BY-NC-4.0" in licences and "Apache-2.0" not in licences


def test_commercial_use_reaches_the_licences_that_allow_it(concepts):
    licences = boosts(concepts, "something I can use in a commercial product")["licence"]
    assert {"Apache-2.0", "MIT"} <= set(licences) and "CC-BY-NC-4.0" not in licences


def test_forbidding_derivative_works_reaches_the_no_derivatives_licences_whatever_their_family(concepts):
    for question in ("Which models forbid derivative works?", "models with no derivatives allowed"):
        licences = set(boosts(concepts, question)["licence"])
        assert {"CC-BY-ND-4.0", "CC-BY-NC-ND-4.0", "CC-BY-NC-ND-3.0"} <= licences, question
        assert not {"CC-BY-NC-4.0", "CC-BY-SA-4.0", "MIT"} & licences, question


def test_no_conditions_at_all_reaches_the_public_domain_and_the_licences_that_ask_nothing(concepts):
    licences = set(boosts(concepts, "public domain or a licence with no conditions at all")["licence"])
    assert {"CC0-1.0", "Unlicense", "PDDL-1.0", "WTFPL"} <= licences
    assert not {"MIT", "Apache-2.0", "CC-BY-4.0"} & licences
    assert "WTFPL" in boosts(concepts, "models without conditions")["licence"]


def test_a_library_brings_the_tasks_it_is_built_for(concepts):
    assert "audio-to-audio" in boosts(concepts, "asteroid models")["task"]


@pytest.mark.parametrize("question,members,others", [
    ("Which models analyse text rather than write it?",
     {"text-classification", "token-classification", "zero-shot-classification", "question-answering", "fill-mask"},
     {"text-generation", "summarization", "translation"}),
    ("build a search engine over my own documents",
     {"sentence-similarity", "feature-extraction", "text-ranking", "text-retrieval"}, {"text-generation"}),
    ("Which models understand spoken audio?",
     {"automatic-speech-recognition", "audio-classification", "audio-text-to-text"}, {"text-to-speech"}),
])
def test_a_family_of_tasks_named_in_plain_words_boosts_every_task_it_groups(concepts, question, members, others):
    found = boosts(concepts, question)
    assert members <= set(found["task"])
    assert not others & set(found["task"])
    assert set(found) == {"task"} or "library" in found  # a family is a boost on tasks, never a facet of its own


@pytest.mark.parametrize("question,task", [
    ("I log how many people visit my shop each day. Can a model project the coming weeks?", "time-series-forecasting"),
    ("I want one model that can both describe pictures and draw new ones", "any-to-any"),
    ("Can a model spot messages where someone is being picked on or harassed?", "text-classification"),
])
def test_a_plain_job_reaches_its_task(concepts, question, task):
    assert task in boosts(concepts, question)["task"]


def test_filling_in_a_yes_no_column_for_new_rows_names_tabular_classification_not_only_tables(concepts):
    matches = concepts.match("My spreadsheet has a yes/no column. Can a model learn to fill it in for new rows?")
    assert "tabular-classification" in {m.concept.key for m in matches if m.concept.facet == "task"}


def test_an_acronym_in_capitals_is_not_read_from_the_plain_word_it_spells(concepts):
    # "CLIP" names zero-shot image classification; "a short clip" is a video
    assert "zero-shot-image-classification" not in boosts(concepts, "I'd like a short clip of a cat").get("task", {})
    assert "zero-shot-image-classification" in boosts(concepts, "Zero-shot labels with CLIP")["task"]
    # a question all in lower case may mean either
    assert "zero-shot-image-classification" in boosts(concepts, "clip models")["task"]
    assert "token-classification" in boosts(concepts, "Which NER models are there?")["task"]


def test_concept_index_follows_a_refresh(concepts):
    before = len(concepts)
    concepts.refresh()
    assert len(concepts) == before > 300


@pytest.fixture(scope="module")
def concepts_with_meaning():
    from registry.search.embed import make_embedder

    store = Store.open(None, BASE)
    harvest(store)
    return ConceptIndex(store, make_embedder("static"))  # the default embedder, as search uses it


def test_a_concept_only_near_the_question_yields_to_one_its_words_name(concepts_with_meaning):
    matches = concepts_with_meaning.match("generate a video from a text prompt")
    tasks = concepts_with_meaning.boosts(matches)["task"]
    assert "text-to-video" in tasks
    assert "text-generation" not in tasks  # only near "write text from a prompt" in meaning
    assert all(m.how == "words" for m in matches if m.concept.facet == "task")


def test_meaning_still_reaches_a_concept_when_no_words_name_one(concepts_with_meaning):
    matches = concepts_with_meaning.match("render moving footage of a cat")
    assert any(m.how == "meaning" and m.concept.facet == "task" for m in matches)


def test_a_direction_named_the_other_way_round_does_not_match(concepts):
    tasks = boosts(concepts, "text to speech in English")["task"]
    assert "text-to-speech" in tasks
    assert "automatic-speech-recognition" not in tasks  # "speech to text" holds the same words
    assert "image-to-text" not in boosts(concepts, "text to image generator").get("task", {})
    # a direction written with "from" is no reversal: the video is made from the text
    assert "text-to-video" in boosts(concepts, "generate a video from a text prompt")["task"]


def test_a_licence_group_holds_its_licences_whatever_their_family(concepts):
    cc = set(concepts.licences_of("creative-commons"))  # permissive, copyleft, non-commercial and public domain
    assert {"CC-BY-4.0", "CC-BY-SA-4.0", "CC-BY-NC-4.0", "CC0-1.0", "CC-BY-ND-4.0"} <= cc and "MIT" not in cc
    osi = set(concepts.licences_of("open-source"))
    assert {"MIT", "Apache-2.0", "GPL-3.0-only", "MPL-2.0"} <= osi and not {"WTFPL", "CC-BY-4.0", "llama2"} & osi
    commercial = set(concepts.licences_of("commercial-use"))  # the licences marked so, whatever their family
    assert {"Apache-2.0", "llama2", "gemma", "CC-BY-SA-4.0"} <= commercial and "CC-BY-NC-4.0" not in commercial
