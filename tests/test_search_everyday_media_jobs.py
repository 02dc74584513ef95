"""Jobs, things and media said in everyday words: a camera's or a screen's recording is video, the asker's own medium ("in my
dashcam recording") is what a model is given, and jobs a model shows only in its identifier (layout-guided image
generation, arithmetic, question generation) are reached by the words of the job."""

from __future__ import annotations

import pytest

from tests.factories import concepts_searcher, model_doing, model_pid, topic, word_concepts


@pytest.fixture(scope="module")
def concepts():
    return word_concepts()


def tasks(concepts, question):
    return set(concepts.boosts(concepts.match(question)).get("task", {}))


@pytest.mark.parametrize("question", [
    "I'd like a written account of the events in my dashcam recording.",
    "Describe what happens in my webcam recording",
    "Can a model write up what is going on in our CCTV footage?",
    "Summarise in words what happens in my screen recording",
])
def test_a_recording_a_camera_or_a_screen_made_is_video_given_to_the_model(concepts, question):
    # "recording" alone is audio: a dashcam recording was read as speech recognition and speech synthesis
    found = tasks(concepts, question)
    assert "video-text-to-text" in found, found
    assert not {"automatic-speech-recognition", "text-to-speech", "text-to-video"} & found, found


def test_a_recording_named_without_a_camera_is_still_audio(concepts):
    found = tasks(concepts, "From a voice recording, what can a model work out?")
    assert "automatic-speech-recognition" in found and "video-text-to-text" not in found, found


def test_the_askers_own_photos_are_what_a_model_is_given(concepts):
    # "in my photos": the photos go in; a model making photos (text to image) is not what is asked
    found = tasks(concepts, "count the people in my photos")
    assert "text-to-image" not in found and "image-classification" in found, found


MODELS = [
    model_doing("lab/Stable_Box_Diffusion", "text-to-image", downloads=3, description="A test model."),
    model_doing("lab/layout_diffusion_rooms", None, downloads=3, description="A test model."),
    model_doing("lab/sd-base", "text-to-image", downloads=900, description="A test model."),
    model_doing("lab/detr-boxes", "object-detection", downloads=900, description="A test model."),
    model_doing("lab/Llama2_7B_chat_arithmetic_withcarry", None, downloads=3, description="A test model."),
    model_doing("lab/chat-llama", "text-generation", downloads=900, description="A test model."),
    model_doing("lab/qlora-llama2-eduqg", "text-generation", downloads=3, description="A test model."),
    model_doing("lab/plushie_dreambooth", "text-to-image", downloads=3, description="A test model."),
]

LAYOUT = ("lab/Stable_Box_Diffusion", "lab/layout_diffusion_rooms")  # either way of naming the job in an identifier
ASKED = [
    ("Is there a model where I decide where things go in a generated image?", "layout-to-image", LAYOUT),
    ("I want to control the layout of a generated image: where each object goes.", "layout-to-image", LAYOUT),
    ("Is there a model drilled on adding long numbers?", "arithmetic", "lab/Llama2_7B_chat_arithmetic_withcarry"),
    ("Which model was trained on long multiplication?", "arithmetic", "lab/Llama2_7B_chat_arithmetic_withcarry"),
    ("Could a model come up with questions for an exam from my lecture notes?", "question-generation",
     "lab/qlora-llama2-eduqg"),
    ("I need something to write practice questions for students.", "question-generation", "lab/qlora-llama2-eduqg"),
    # an everyday thing a model's identifier names in another word: a stuffed or cuddly toy is a plushie
    ("what could make pictures of a soft stuffed toy?", "plush-toys", "lab/plushie_dreambooth"),
    ("Which model draws my daughter's cuddly toy on a beach?", "plush-toys", "lab/plushie_dreambooth"),
]


@pytest.fixture(scope="module")
def searcher():
    yield from concepts_searcher(MODELS)


@pytest.mark.parametrize(("question", "kind", "model"), ASKED, ids=[q[:40] for q, _, _ in ASKED])
def test_a_job_a_model_shows_only_in_its_identifier_is_reached_by_its_everyday_words(searcher, question, kind, model):
    boost = topic(searcher.understand(question))
    assert boost is not None and kind in boost.values
    models = (model,) if isinstance(model, str) else model
    assert searcher.search(question).results[0].pid in {model_pid(m) for m in models}


def test_layout_guided_generation_finds_both_ways_of_writing_it_in_a_name(searcher):
    ranked = [r.pid for r in searcher.search("a model where I say where each object goes before the image is generated").results]
    assert {model_pid("lab/Stable_Box_Diffusion"), model_pid("lab/layout_diffusion_rooms")} <= set(ranked[:3]), ranked


@pytest.mark.parametrize("question", [
    "Which models draw boxes around the cars in a photo?",
    "In addition, I need a chat model for my shop.",
])
def test_finding_boxes_and_the_word_addition_name_neither_job(searcher, question):
    boost = topic(searcher.understand(question))
    assert boost is None or not {"layout-to-image", "arithmetic"} & set(boost.values)


# the question's other words are frame ("specifically", "sentences", "contain"): the model's record holds only the rare
# word its name says, and a match needed two of the question's uncommon words
NAMED = [
    model_doing("lab/negation_llama_chat", "text-generation", downloads=3, description="A test model."),
    model_doing("lab/sarcasm_roberta", "text-classification", downloads=3, description="A test model."),
    model_doing("lab/idiom-t5", "text2text-generation", downloads=3, description="A test model."),
    model_doing("lab/sentence-encoder", "sentence-similarity", downloads=900,
                description="Encodes sentences and short paragraphs into vectors."),
    model_doing("lab/tweet-sentiment", "text-classification", downloads=900,
                description="Tells whether tweets and short posts are favourable."),
    # a word counts twice only while at most 1% of the index holds it: an index of a few hundred, where "sentences"
    # is in three records and "negation" in one
    *(model_doing(f"lab/filler-{k}", "text-generation", downloads=1,
                  description="Writes sentences." if k < 2 else "A test model.") for k in range(300)),
]


@pytest.fixture(scope="module")
def named_searcher():
    yield from concepts_searcher(NAMED)


@pytest.mark.parametrize(("question", "model"), [
    ("Has any model been tuned specifically on sentences that contain negation?", "lab/negation_llama_chat"),
    ("Is there something trained particularly for spotting sarcasm in short posts?", "lab/sarcasm_roberta"),
    ("Which model was taught what an idiom in a sentence really means?", "lab/idiom-t5"),
])
def test_the_questions_rarest_word_naming_a_model_is_a_keyword_match_by_itself(named_searcher, question, model):
    found = [r.pid for r in named_searcher.search(question, mode="keyword").results]
    assert model_pid(model) in found, found


def test_a_commoner_word_naming_a_model_still_needs_another_of_the_questions_words(named_searcher):
    # "sentences" names the encoder, but "negation" is the question's rarest word: the encoder matches one word only
    found = [r.pid for r in named_searcher.search("Which model was tuned specifically on sentences that contain "
                                                  "negation?", mode="keyword").results]
    assert model_pid("lab/negation_llama_chat") in found and model_pid("lab/sentence-encoder") not in found, found
