"""Families of tasks named by what they take in and give back, not by a task's name: "text from something that
isn't text", "output is an image but input is not", "turns speech into something else", "change what already
exists"."""

from __future__ import annotations

import pytest

from registry.search.signatures import signatures
from tests.factories import word_concepts

MEDIA = {"text", "picture", "video", "recording", "image", "speech", "audio", "photo"}


@pytest.fixture(scope="module")
def concepts():
    return word_concepts()


def tasks(concepts, question):
    return set(concepts.boosts(concepts.match(question)).get("task", {}))


WRITTEN = {"image-to-text", "video-text-to-text", "automatic-speech-recognition", "audio-text-to-text"}


@pytest.mark.parametrize("question", [
    "Which models write text from something that isn't text: a picture, a video or a recording?",
    "models that make text out of anything but text",
    "models that turn a non-text input into text",
    "Which models produce text from something that is not text?",
])
def test_text_from_what_is_not_text_names_the_tasks_writing_text_from_another_medium(concepts, question):
    found = tasks(concepts, question)
    # "text ... video" read as text to video; the media named, every task touching pictures or sound
    assert WRITTEN <= found, found
    assert not {"text-to-video", "text-to-image", "text-to-speech", "text-generation", "translation"} & found, found
    assert not {"image-classification", "audio-classification"} & found, found  # a label is not text written


def test_the_media_listed_narrow_the_side_the_negation_leaves_open(concepts):
    found = tasks(concepts, "Which models write text from something that isn't text, a picture or a recording?")
    assert {"image-to-text", "automatic-speech-recognition"} <= found, found
    assert not {"video-text-to-text", "table-to-text", "tabular-to-text"} & found, found


@pytest.mark.parametrize("question,expected", [
    ("models whose output is an image but whose input is not", {"text-to-image"}),
    ("what turns speech into something else",
     {"automatic-speech-recognition", "audio-text-to-text", "audio-classification"}),
])
def test_one_medium_and_the_negation_of_the_other_side_name_the_tasks(concepts, question, expected):
    assert tasks(concepts, question) == expected


@pytest.mark.parametrize("question,expected", [
    ("Which models change something that already exists, a picture, a recording or a video, instead of making it "
     "from nothing?", {"image-to-image", "audio-to-audio", "video-to-video"}),
    ("which models edit an existing photo", {"image-to-image"}),
    ("a model to improve an existing recording", {"audio-to-audio"}),
    ("something to alter a video I already shot", {"video-to-video"}),
])
def test_changing_what_exists_names_the_tasks_giving_back_the_medium_they_take(concepts, question, expected):
    # a depth map or a mask drawn of a picture is no changed picture
    assert tasks(concepts, question) == expected


def test_a_recording_taken_and_given_back_is_audio_to_audio(concepts):
    assert tasks(concepts, "anything that takes a recording and gives back a recording") == {"audio-to-audio"}


def test_describing_a_medium_in_words_takes_it_in(concepts):
    assert tasks(concepts, "describe a video in words") == {"video-text-to-text"}
    assert "image-to-text" in tasks(concepts, "a model to describe photos in a sentence")
    assert "text-generation" not in tasks(concepts, "describe a video in words")


@pytest.mark.parametrize("question", [
    "models that produce audio from text",
    "text classification models that are not trained on news",
    "change the language of a text",
    "an existing model for text generation",
])
def test_questions_naming_no_such_family_are_read_as_before(question):
    assert signatures(question.lower(), lambda w: w.rstrip("s") in MEDIA) == []



@pytest.mark.parametrize("question", [
    "Can a video generator fill in the frames from their outlines?",
    "which models make a clip from an edge map of each frame",
])
def test_a_video_kept_to_a_guide_per_frame_names_controlled_video_generation(concepts, question):
    found = concepts.boosts(concepts.match(question))
    # the kind's markers ("vctrl") reach video models steered by edges, poses or masks, which declare no task
    assert "controlled-video-generation" in found.get("topic", {}), found
    assert "controlled-image-generation" not in found.get("topic", {}), found


@pytest.mark.parametrize("question", [
    "Which models make sound from written input, whether speech or music?",
    "make audio from written notes",
])
def test_sound_made_from_words_named_only_as_a_directions_end_is_made_from_text(concepts, question):
    # audio to audio makes new sound too, but out of sound: "written" names text only as the end of a direction
    assert tasks(concepts, question) == {"text-to-speech", "text-to-audio"}
