"""Which way a medium goes in a question (given to a model, wanted back), a medium that is a named job's own, the
medium named choosing among a kind of task's tasks, and the family of tasks labelling parts of their input."""

from __future__ import annotations

import pytest

from registry.search.ways import media_ways
from registry.search.text import normalise
from tests.factories import word_concepts
from tests.cpu import assert_cpu_within


@pytest.fixture(scope="module")
def concepts():
    return word_concepts()


def tasks(concepts, question):
    return set(concepts.boosts(concepts.match(question)).get("task", {}))


def test_a_family_labelling_parts_of_the_input_is_narrowed_by_the_media_it_is_named_with(concepts):
    found = tasks(concepts, "Which models label pieces of their input, single words in a sentence or regions in a "
                            "photo, rather than the whole thing?")
    # "words" and "photos" were jobs of their own: every text and image task, a boost standing for most tasks
    assert found == {"token-classification", "image-segmentation", "object-detection", "zero-shot-object-detection",
                     "keypoint-detection"}, found
    # named over sound only, the family is its member labelling stretches of a recording
    assert tasks(concepts, "models that label parts of the input in voice recordings") == {"voice-activity-detection"}


def test_a_medium_a_named_task_works_on_is_no_job_of_its_own(concepts):
    assert tasks(concepts, "a model that makes a depth map from a photo") == {"depth-estimation"}
    # a medium the task does not work on stays a job of its own
    assert "automatic-speech-recognition" in tasks(concepts, "an image classification model that also handles speech")


@pytest.mark.parametrize("question,expected", [
    ("What do you have that looks at a picture and answers in words?",
     {"image-to-text", "image-text-to-text", "visual-question-answering", "document-question-answering"}),
    ("I have a still photo of a waterfall and would like it to move, like a short clip. What can do that?",
     {"image-to-video"}),
])
def test_a_medium_given_and_another_wanted_name_the_tasks_going_that_way(concepts, question, expected):
    # the two media named were every task touching either ("photos / clips": text to image, image chat, ...); a
    # classifier answers with a label from its classes, not in words
    assert tasks(concepts, question) == expected


@pytest.mark.parametrize("question", [
    "Which models take a sound recording as input, whatever they then do with it?",
    "From a voice recording, what can a model work out?",
])
def test_a_medium_given_alone_stands_for_the_tasks_taking_it_in(concepts, question):
    # no job is named: a job named with it ("guess whether the speaker is a man or a woman") is its own reading
    found = tasks(concepts, question)
    assert {"automatic-speech-recognition", "audio-classification", "audio-to-audio"} <= found, found
    assert not {"text-to-speech", "text-to-audio"} & found, found  # they give sound back, they are not given it


def test_a_medium_wanted_back_alone_stands_for_the_tasks_giving_it_back(concepts):
    found = tasks(concepts, "Which models answer in speech?")
    assert "text-to-speech" in found and not {"automatic-speech-recognition", "audio-classification"} & found, found


def test_the_medium_named_chooses_among_the_tasks_of_a_kind(concepts):
    video = tasks(concepts, "I have an old, grainy low-resolution video. Can a model make it sharper and larger?")
    assert "video-to-video" in video and "image-to-image" not in video, video
    photo = tasks(concepts, "I have an old, grainy low-resolution photo. Can a model make it sharper and larger?")
    assert "image-to-image" in photo and "video-to-video" not in photo, photo


def test_a_kind_none_of_whose_tasks_works_on_the_medium_named_stands_for_the_same_shape_there(concepts):
    # controlled generation keeps to a sketch's outlines: image to image; asked of a video, video to video
    found = tasks(concepts, "a model that can keep to the outlines of a sketch, for video")
    assert found == {"video-to-video"}, found


def test_the_way_of_a_medium_is_read_up_to_a_word_ending_the_thing_given(concepts):
    def media(word):
        return word in ("photo", "photos", "recording", "words", "sound")
    read = [(f.way, f.word) for f in media_ways(normalise("From a voice recording, answer in words"), media)]
    assert read == [("in", "recording"), ("out", "words")]
    # "from a model for photos": the model is what it comes from, the photos what it is for
    assert media_ways(normalise("weights from a model for photos"), media) == []
    assert [(f.way, f.word) for f in media_ways(normalise("take a sound recording as input"), media)] == [
        ("in", "sound"), ("in", "recording")]


@pytest.fixture(scope="module")
def searcher():
    from harvesters.vocabularies import harvest
    from registry.search import get_searcher
    from registry.service import Registry
    from tests.factories import BASE, model_doing
    registry = Registry.open({"BASE_URL": BASE}, in_memory=True, environ={})
    harvest(registry.store)
    registry.store.ingest_many([model_doing("lab/depth-maker", "depth-estimation", downloads=5),
                                model_doing("lab/photo-editor", "image-to-image", downloads=800),
                                model_doing("lab/table-answerer", "table-question-answering", downloads=300),
                                model_doing("lab/row-sorter", "tabular-classification", downloads=200)])
    yield get_searcher(registry)
    registry.close()


def boosted_tasks(searcher, question):
    qu = searcher.understand(question)
    return {v for r in qu.recognised if r.facet == "task" and r.applied for v in r.values}


def test_a_medium_is_the_named_jobs_only_while_the_index_holds_a_model_of_the_job(searcher):
    # a depth estimator is held: the photo is its source, and no other picture task is preferred
    assert boosted_tasks(searcher, "a model that makes a depth map from a photo") == {"depth-estimation"}
    # no tabular regressor is held: the models taking tables in are the closest, as the medium's own word reads them
    assert {"table-question-answering", "tabular-classification"} <= boosted_tasks(
        searcher, "Which model estimates house prices from a table of features?")


@pytest.mark.parametrize("question,expected", [
    ("Which models generate images from text?", {"text-to-image"}),
    ("generate a video from a text prompt", {"text-to-video"}),
    ("Which models write text from images?", {"image-to-text", "image-text-to-text"}),
])
def test_a_thing_made_from_another_is_no_direction_the_other_way(concepts, question, expected):
    # "images from text" held the words of "image to text" (and "image-text to text"), matched as a set
    assert tasks(concepts, question) == expected


@pytest.mark.parametrize("question", ["image from text " * 1_300, "take a photo as input " * 900,
                                      "I have a photo and " * 1_000])
def test_the_ways_of_media_are_read_in_time_linear_in_the_question(concepts, question):
    concepts.match("warm up")
    assert_cpu_within(lambda: concepts.match(question), 0.5)


@pytest.mark.parametrize("question, expected", [
    ("label a photo with categories it was never trained on", "zero-shot-image-classification"),
    ("sort pictures into classes the model has never seen", "zero-shot-image-classification"),
    ("label text with categories it was never trained on", "zero-shot-classification"),
])
def test_labels_never_trained_on_are_zero_shot_classification(concepts, question, expected):
    # zero-shot said in plain words: the photo question read every image task and left CLIP 8th (set 2)
    assert expected in tasks(concepts, question)


VIDEO_MAKING = {"text-to-video", "image-to-video", "video-to-video"}


@pytest.mark.parametrize("question", ["Which models generate moving pictures, from anything at all?",
                                      "a model to create motion pictures"])
def test_a_medium_named_by_two_words_is_not_the_medium_of_its_last_word(concepts, question):
    # "moving pictures" is video: its last word alone read it as still images (text to image, image to image)
    assert tasks(concepts, question) == VIDEO_MAKING


def test_a_medium_given_by_two_words_is_not_the_medium_of_its_last_word(concepts):
    found = tasks(concepts, "We have some moving images as input; what could a model do with them?")
    assert "video-classification" in found and not {"image-classification", "image-to-image"} & found, found
    read = [(f.way, f.word) for f in media_ways(normalise("I have some moving pictures"),
                                                lambda w: w in ("pictures", "moving pictures"))]
    assert read == [("in", "moving pictures")]


MULTIMODAL = {"visual-question-answering", "document-question-answering", "image-text-to-text", "video-text-to-text",
              "audio-text-to-text", "any-to-any"}


def test_several_kinds_of_input_together_are_the_tasks_reading_a_mix_of_media(concepts):
    assert tasks(concepts, "Are there models whose input mixes several kinds of input at once?") == MULTIMODAL


@pytest.mark.parametrize("question", [
    "Which models read two kinds of input together, for example a recording with an instruction about it?",
    "I need something accepting mixed inputs, such as a photograph together with a request.",
])
def test_a_medium_named_as_an_example_does_not_narrow_a_family(concepts, question):
    # the example's medium narrowed the family to the tasks taking it in (a recording: sound and text only)
    assert tasks(concepts, question) == MULTIMODAL


def test_a_medium_named_after_e_g_does_not_narrow_a_family(concepts):
    # "e.g." written with its dots was no example: the recording narrowed the family to sound and text
    assert tasks(concepts, "Which models read two kinds of input together, e.g. a recording with an instruction?") \
        == MULTIMODAL


def test_a_medium_named_outside_an_example_still_narrows_a_family(concepts):
    assert tasks(concepts, "models reading two kinds of input together: recordings and a written instruction") == {
        "audio-text-to-text"}


def test_a_photo_looked_at_and_a_sentence_written_are_a_direction(concepts):
    # the sentence written was no medium: every task taking a picture in, classifiers and detectors too
    assert tasks(concepts, "Can something look at my photos and write a short sentence about each one?") == {
        "image-to-text", "image-text-to-text", "visual-question-answering", "document-question-answering"}


@pytest.mark.parametrize("question", [
    "Members of staff describe faults in their own words. Which model files each report under the right team?",
    "In other words, which model is best for my shop?",
])
def test_a_figure_of_speech_with_a_medium_word_names_no_medium(concepts, question):
    # "in their own words" read text, and every task touching text was boosted
    assert not tasks(concepts, question) & {"text-generation", "text-to-image", "translation"}


@pytest.mark.parametrize("question, made", [("Which model draws a big picture of a cat?", "text-to-image"),
                                             ("Which model draws a bigger picture from my small photo?", "image-to-image")])
def test_a_big_picture_made_is_a_picture(concepts, question, made):
    # "a big picture" was read as the figure of speech "the big picture": no picture was made (made from a photo, it
    # is a picture taking a picture in)
    assert made in tasks(concepts, question)
