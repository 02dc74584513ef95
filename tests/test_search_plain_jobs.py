"""Jobs asked for in plain words that no phrase of the vocabularies holds as written: a plain description met with its
verb in another form ("reading ... aloud"), a kind or family met by its own words spread over a sentence ("whether
reviews are favourable"), a family grouping kinds of task (acting: tool calling, web agents), a medium's word in
small letters that is no acronym ("clips", not CLIP)."""

from __future__ import annotations

import pytest

from tests.factories import concepts_searcher, model_doing, model_pid, topic

MODELS = [
    model_doing("lab/sst2-sentiment", "text-classification", downloads=3, description="A test model."),
    model_doing("lab/spam-guard", "text-classification", downloads=900, description="A test model."),
    model_doing("lab/samsum-llama", None, downloads=3, description="A test model."),
    model_doing("lab/news-summariser", "summarization", downloads=900, description="A test model."),
    model_doing("lab/glaive-fc-llama", "text-generation", downloads=3, description="A test model."),
    model_doing("lab/webshop-agent", None, downloads=3, description="A test model."),
    model_doing("lab/chat-llama", "text-generation", downloads=900, description="A test model."),
    model_doing("lab/cartpole-ppo", "reinforcement-learning", downloads=3, description="A test model."),
    model_doing("lab/arm-policy", "robotics", downloads=3, description="A test model."),
    model_doing("lab/vctrl-mask", None, keywords=("vctrl",), downloads=3, description="A test model."),
    model_doing("lab/text-to-clip", "text-to-video", downloads=900, description="A test model."),
    model_doing("lab/sd-inpaint", "image-to-image", keywords=("inpainting",), downloads=3, description="A test model."),
    model_doing("lab/photo-restyler", "image-to-image", downloads=900, description="A test model."),
    model_doing("lab/sales-forecaster", "time-series-forecasting", downloads=3, description="A test model."),
    model_doing("lab/clip-vit", "zero-shot-image-classification", downloads=900, description="A test model."),
    model_doing("lab/safe-rlhf-llama", "text-generation", downloads=3, description="A test model."),
    model_doing("lab/narrator-tts", "text-to-speech", downloads=3, description="A test model."),
    model_doing("lab/blip-captioner", "image-to-text", downloads=3, description="A test model."),
]


@pytest.fixture(scope="module")
def searcher():
    yield from concepts_searcher(MODELS)


def tasks(understanding) -> set[str]:
    return {v for r in understanding.recognised if r.facet == "task" and r.applied for v in r.values}


def topics(understanding) -> set[str]:
    boost = topic(understanding)
    return set(boost.values) if boost is not None else set()


@pytest.mark.parametrize(("question", "task", "kind"), [
    ("Which models help by reading text aloud or describing pictures?", "text-to-speech", None),
    ("I want something for describing pictures.", "image-to-text", None),
    ("Any model for erasing an object from a picture?", None, "inpainting"),
    ("anything for steering a clip with a pose sequence?", None, "controlled-video-generation"),
])
def test_a_plain_description_is_met_with_its_verb_in_another_form(searcher, question, task, kind):
    # "reading ... aloud" is "read aloud", "describing pictures" "describe pictures", "erasing an object from a picture"
    # "erase an object from a picture", "steering a clip" "steer a clip with a pose sequence"
    understood = searcher.understand(question)
    if task is not None:
        assert task in tasks(understood)
    if kind is not None:
        assert kind in topics(understood)
    if question.startswith("I want"):  # the job read from the verb leaves the picture's other tasks out
        assert tasks(understood) == {"image-to-text"}


@pytest.mark.parametrize(("question", "ceased"), [
    ("Which chat models were tuned to quit refusing harmful requests?", "Which chat models were tuned for refusing harmful requests?"),
    ("Which bots quit refusing harmful requests after tuning?", "Which bots got better at refusing harmful requests after tuning?"),
    ("Which assistants have stopped refusing harmful requests?", "Which assistants are good at refusing harmful requests?"),
])
def test_a_verb_after_one_of_ceasing_is_not_the_job(searcher, question, ceased):
    # "refusing harmful requests" is the kind's "refuse harmful requests"; after a verb of ceasing ("quit refusing") it
    # asks for its opposite, and the kind is not read
    assert "safety-alignment" in topics(searcher.understand(ceased))
    assert "safety-alignment" not in topics(searcher.understand(question))


@pytest.mark.parametrize("question", [
    "Can a model say whether hotel reviews are favourable?",
    "Could a model judge the mood of our product reviews?",
    "I'd like to know if the opinions in these comments are positive or negative overall.",
    "Could a model sort our posts into upbeat ones and annoyed ones?",
])
def test_a_kind_is_met_by_its_own_words_spread_over_a_sentence(searcher, question):
    understood = searcher.understand(question)
    assert "sentiment-analysis" in topics(understood)
    assert searcher.search(question).results[0].pid == model_pid("lab/sst2-sentiment")


@pytest.mark.parametrize("question", [
    "Which models were built just for the world of finance, whether big or small?",
    "Whether you just built one or not, which text models are popular?",
])
def test_common_words_held_by_few_phrases_cover_no_kind(searcher, question):
    # "built", "just", "world", "whether" are words of few phrases (the acting family's, the sentiment kind's) but
    # say nothing of their own
    understood = searcher.understand(question)
    assert not {"reinforcement-learning", "robotics"} & tasks(understood)
    assert not {"sentiment-analysis", "function-calling", "web-agent"} & topics(understood)
    # while two words of its own still name the kind
    assert "sentiment-analysis" in topics(searcher.understand(question + " Are the reviews favourable?"))


@pytest.mark.parametrize("question", [
    "Could a model boil a conversation down to a few lines?",
    "I need to condense a long conversation between colleagues into a few lines.",
    "Is there something that can sum up the back-and-forth of a chat thread?",
])
def test_dialogue_summaries_in_plain_words(searcher, question):
    understood = searcher.understand(question)
    assert "meeting-summarisation" in topics(understood) and "summarization" in tasks(understood)
    ranked = [r.pid for r in searcher.search(question).results]
    assert ranked.index(model_pid("lab/samsum-llama")) < ranked.index(model_pid("lab/news-summariser"))


@pytest.mark.parametrize("question", [
    "Which models are agentic models?",
    "Show me models built to act, not to write essays.",
    "Anything that can take actions in the world for me?",
    "Which models act on my behalf?",
])
def test_a_family_of_acting_stands_for_its_tasks_and_kinds(searcher, question):
    understood = searcher.understand(question)
    assert {"reinforcement-learning", "robotics"} <= tasks(understood)
    assert {"function-calling", "web-agent"} <= topics(understood)
    top = {r.pid for r in searcher.search(question).results[:4]}
    assert {model_pid("lab/glaive-fc-llama"), model_pid("lab/webshop-agent")} <= top


@pytest.mark.parametrize("question", [
    "Which models handle data that changes over time?",
    "what do you have for things that change over time?",
    "Any models for temporal data?",
])
def test_things_over_time_are_clips_and_series(searcher, question):
    assert {"time-series-forecasting", "text-to-video"} <= tasks(searcher.understand(question))


@pytest.mark.parametrize("question", [
    "what can make short video clips from a prompt?",
    "which models turn clips into other clips?",
    "i need something for clips of my dog",
])
def test_a_medium_word_in_small_letters_is_no_acronym(searcher, question):
    assert "zero-shot-image-classification" not in tasks(searcher.understand(question))
    # the name where it stands as one, in small letters too
    assert "zero-shot-image-classification" in tasks(searcher.understand("is there a clip model here?"))


@pytest.mark.parametrize("question", [
    "Can I steer a video with a segmentation mask per frame?",
    "Which video models take an edge map of every frame as their guide?",
    "I want masks as the control signal for a clip generator.",
])
def test_conditioning_inputs_read_as_controlled_video(searcher, question):
    assert "controlled-video-generation" in topics(searcher.understand(question))
    assert searcher.search(question).results[0].pid == model_pid("lab/vctrl-mask")


@pytest.mark.parametrize("question", [
    "Can anything fill gaps in a video where a logo was?",
    "Which model fills holes in old scanned pictures?",
    "I want to fill a hole in a picture with something that fits.",
])
def test_gaps_and_holes_are_inpainting(searcher, question):
    assert "inpainting" in topics(searcher.understand(question))
    assert searcher.search(question).results[0].pid == model_pid("lab/sd-inpaint")
