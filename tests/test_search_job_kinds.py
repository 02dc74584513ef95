"""Jobs a model names only in its identifier or tags ("Resume_Analyzer", "gibberish-detector", the tag "reranker"),
asked for in everyday words: the kind of task the words name reaches the model by its marker (``task-kinds.ttl``)."""

from __future__ import annotations

import pytest

from tests.factories import concepts_searcher, model_doing, model_pid, topic

# each job's model says what it does only in its name or tags; a popular model of the same task, or of the medium the
# question speaks of, says nothing of the job. Descriptions say nothing of either.
MODELS = [
    model_doing("lab/Resume_Analyzer", None, keywords=("#resume",), downloads=3, description="A test model."),
    model_doing("lab/gibberish-detector", "text-classification", downloads=3, description="A test model."),
    model_doing("lab/sst2-sentiment", "text-classification", downloads=900, description="A test model."),
    model_doing("lab/youtube-title-gen", None, downloads=3, description="A test model."),
    model_doing("lab/rank1-llm", "text-generation", keywords=("reranker", "retrieval"), downloads=3,
                description="A test model."),
    model_doing("lab/search-embedder", "sentence-similarity", downloads=900, description="A test model."),
    model_doing("lab/wav2vec2-gender-recognition", "audio-classification", downloads=3, description="A test model."),
    model_doing("lab/wav2vec2-english", "automatic-speech-recognition", downloads=900, description="A test model."),
    model_doing("lab/bird-sounds", "audio-classification", downloads=900, description="A test model."),
    model_doing("lab/chat-llama", "text-generation", downloads=900, description="A test model."),
    model_doing("lab/reasoning-llama", "text-generation", downloads=3, description="A test model."),
    model_doing("lab/deep-32b", "text-generation", languages=("ko",), downloads=3,
                description="A model that thinks its answers through, a reasoning model."),
    model_doing("lab/sd-gray-to-rgb", "image-to-image", keywords=("colorization",), downloads=3,
                description="A test model."),
    model_doing("lab/photo-restyler", "image-to-image", downloads=900,
                description="Restyles old photos: give it a black-and-white photo and a style, add colour or grain."),
]

ASKED = [
    ("I get hundreds of CVs for every opening. Could a model go through them for me?", "cv-screening",
     "lab/Resume_Analyzer"),
    ("Which model can screen job applicants?", "cv-screening", "lab/Resume_Analyzer"),
    ("Can a model tell when a message is just keyboard mashing?", "gibberish-detection", "lab/gibberish-detector"),
    ("Could something suggest catchy names for the clips on my channel?", "title-writing", "lab/youtube-title-gen"),
    ("Our search returns a hundred hits. What could put the best hits at the top?", "reranking", "lab/rank1-llm"),
    ("From a phone call, can a model guess whether the caller is a man or a woman?", "speaker-gender-recognition",
     "lab/wav2vec2-gender-recognition"),
    ("Is there a model to filter out nonsense messages in my chat app?", "gibberish-detection",
     "lab/gibberish-detector"),
    ("Which model colourises grayscale pictures?", "colourisation", "lab/sd-gray-to-rgb"),
]


@pytest.fixture(scope="module")
def searcher():
    yield from concepts_searcher(MODELS)


@pytest.mark.parametrize(("question", "kind", "model"), ASKED, ids=[k for _, k, _ in ASKED])
def test_a_job_in_everyday_words_reaches_the_model_whose_name_or_tags_show_it(searcher, question, kind, model):
    boost = topic(searcher.understand(question))
    assert boost is not None and kind in boost.values
    assert searcher.search(question).results[0].pid == model_pid(model)


def test_a_kind_named_by_its_words_keeps_the_medium_to_its_own_task(searcher):
    # "a voice recording" speaks of audio; the job (speaker gender) is audio classification, so speech recognition and
    # speech synthesis are not boosted by the medium's word
    question = "From a voice recording, can a model guess whether the speaker is a man or a woman?"
    tasks = {v for r in searcher.understand(question).recognised if r.facet == "task" and r.applied for v in r.values}
    assert "automatic-speech-recognition" not in tasks and tasks <= {"audio-classification"}
    ranked = [r.pid for r in searcher.search(question).results]
    assert ranked.index(model_pid("lab/wav2vec2-gender-recognition")) < ranked.index(model_pid("lab/wav2vec2-english"))


@pytest.mark.parametrize("question", [
    "What are the names of the video models here?",
    "Which models are at the top of the downloads?",
    "Which chat models can I run on my channel's server?",
    "Can I resume training a model from a checkpoint?",
])
def test_everyday_words_alone_name_no_job(searcher, question):
    boost = topic(searcher.understand(question))
    assert boost is None or not {"title-writing", "reranking", "cv-screening"} & set(boost.values)


def test_a_model_showing_the_kind_named_goes_before_one_of_its_task_whose_words_match_better(searcher):
    # the restyler's description holds the question's words and it is popular; the colouriser says what it does only
    # in its tag, and the question names that job ("add colour to black-and-white photos")
    question = "I want to add colour to old black-and-white photos. What can do that?"
    assert searcher.understand(question).kinds == ("colourisation",)
    ranked = [r.pid for r in searcher.search(question).results]
    assert ranked[0] == model_pid("lab/sd-gray-to-rgb") and model_pid("lab/photo-restyler") in ranked
    # removing the topic boost removes the preference too
    dropped = [r.pid for r in searcher.search(question, drop={"topic"}).results]
    assert dropped[0] == model_pid("lab/photo-restyler")


def test_a_model_showing_the_kind_does_not_go_before_one_carrying_more_of_the_question(searcher):
    # "Korean": the model stating Korean carries more of the question than the one only named for reasoning
    ranked = [r.pid for r in searcher.search("Korean reasoning model").results]
    assert ranked.index(model_pid("lab/deep-32b")) < ranked.index(model_pid("lab/reasoning-llama"))
