"""Concepts in search: questions in other words reach the concept, and through it the facet values it stands for."""

from __future__ import annotations

import pytest

from harvesters.vocabularies import harvest
from registry.search.concepts import ConceptIndex
from registry.store import Store
from tests.factories import word_concepts
from tests.cpu import assert_cpu_within

BASE = "http://registry.test"


@pytest.fixture(scope="module")
def concepts():
    return word_concepts()


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


# ---------------------------------------------------------------- broad jobs, lists of media, directions between media

@pytest.mark.parametrize("question,members,others", [
    ("Which models label things by category?",
     {"text-classification", "image-classification", "audio-classification", "tabular-classification",
      "token-classification", "video-classification"}, {"text-generation", "text-to-image"}),
    ("models that convert between media",
     {"text-to-image", "image-to-text", "automatic-speech-recognition", "text-to-speech", "image-to-video"},
     {"text-generation", "image-classification"}),
    ("Which models can answer questions from any source, be it a passage, a table or a scan?",
     {"question-answering", "table-question-answering", "document-question-answering", "visual-question-answering"},
     {"tabular-classification", "table-to-text"}),
])
def test_a_broad_job_names_the_family_of_every_task_doing_it(concepts, question, members, others):
    found = set(boosts(concepts, question)["task"])
    assert members <= found
    assert not others & found


def test_media_listed_after_a_job_narrow_it_and_name_no_tasks_of_their_own(concepts):
    tasks = set(boosts(concepts, "I need something that sorts things into categories, be it text, photos, "
                                 "recordings or spreadsheet rows")["task"])
    assert {"text-classification", "image-classification", "audio-classification", "tabular-classification"} <= tasks
    # no medium of the list is video; the media name no task of their own (sound: speech synthesis)
    assert not {"video-classification", "text-to-speech", "text-to-image", "table-to-text"} & tasks


def test_words_spread_over_the_items_of_a_list_name_no_direction(concepts):
    tasks = boosts(concepts, "models for text, images or sound").get("task", {})
    assert "text-to-image" not in tasks and "image-text-to-text" not in tasks
    assert "text-to-image" in boosts(concepts, "text to image models, small or large")["task"]  # one item holds it


@pytest.mark.parametrize("question,task", [
    ("I want to turn my words into pictures", "text-to-image"),
    ("Is there a model to make photos into clips?", "image-to-video"),
    ("turn a recording into text", "automatic-speech-recognition"),
])
def test_a_direction_between_two_media_names_the_conversion_and_not_every_task_of_either(concepts, question, task):
    tasks = set(boosts(concepts, question)["task"])
    assert task in tasks
    assert not {"text-generation", "image-classification", "audio-classification", "text-classification"} & tasks


def test_a_chat_about_a_picture_is_image_chat_not_any_chat_model(concepts):
    tasks = set(boosts(concepts, "Can I drop a photo in a chat with a model and discuss it?")["task"])
    assert tasks == {"image-text-to-text"}


@pytest.mark.parametrize("question,task", [
    ("Which model could read my novel aloud as an audiobook?", "text-to-speech"),
    ("From a spreadsheet of past patients, predict who will be readmitted", "tabular-classification"),
    ("Turn a single photo into a 3D object that moves", "image-to-3d"),
])
def test_a_new_plain_job_reaches_its_task_alone(concepts, question, task):
    tasks = set(boosts(concepts, question)["task"])
    assert task in tasks and len(tasks) <= 2, tasks


@pytest.mark.parametrize("question,kind", [
    ("Something that colours in my line drawing and keeps to the lines", "controlled-image-generation"),
    ("Turn a single photo into a 3D object that moves", "dynamic-3d-generation"),
])
def test_a_plain_job_reaches_its_kind_of_task(concepts, question, kind):
    assert kind in boosts(concepts, question)["topic"]


def test_a_list_naming_other_things_than_media_leaves_the_job_whole_and_its_media_name_no_tasks(concepts):
    # support tickets are no medium the vocabulary names: the list does not narrow the family to photos and voice
    tasks = set(boosts(concepts, "Which models sort support tickets, photos and voice notes into categories?")["task"])
    assert {"text-classification", "image-classification", "audio-classification"} <= tasks
    assert not {"text-to-speech", "image-to-image", "object-detection"} & tasks


def test_one_kind_of_classifier_named_does_not_bring_the_whole_classification_family(concepts):
    # "classifier" alone is no name of the family: an image classifier is asked for, not audio or text ones
    tasks = set(boosts(concepts, "Is there an image classifier with few parameters?").get("task", {}))
    assert not {"audio-classification", "text-classification", "token-classification"} & tasks


@pytest.mark.parametrize("question", [
    "a" * 20_000,  # one long word: a direction tried from each of its letters
    "1234567890" * 2_000,
    "text, " * 3_400,  # a list without "or": a list tried from each item read to its end
    "SetFit, the " * 1_700,
])
def test_a_long_question_is_matched_in_time_linear_in_its_length(concepts, question):
    assert_cpu_within(lambda: concepts.match(question), 0.5)


def test_a_list_after_many_commas_is_still_read_to_its_last_item(concepts):
    tasks = boosts(concepts, "models for " + "things, " * 30 + "text, images or sound").get("task", {})
    assert "text-to-image" not in tasks and "image-text-to-text" not in tasks
