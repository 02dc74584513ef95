"""A model stating no task is taken to do what its nearest bases stating one do (a fine-tune, a quantised copy of it)
and what a Hub tag naming a task says ("video-generation"): a lesser boost than a stated task, never a facet value,
a filter or the task shown (docs/search.md, "Inferred tasks")."""

from __future__ import annotations

import pytest
from pyoxigraph import Literal, NamedNode, Triple

from registry.search.document import tag_name
from registry.vocab import MLFDO
from tests.factories import concepts_searcher, model_doing, model_pid

WRITER = "acme/writer-7b-chat"  # states text generation
FINE_TUNE = "someone/writer-7b-chat-recipes"  # fine-tuned from it, no task stated
COPY = "quant/writer-7b-chat-recipes-Q4"  # a quantised copy of the fine-tune, no task stated: two links up
TAGGER = "acme/review-classifier"  # states text classification
TAGGER_TUNE = "someone/review-classifier-hotels"  # fine-tuned from the classifier, no task stated
RETASKED = "someone/writer-7b-chat-sorter"  # fine-tuned from the writer, states text classification itself
SILENT = "lab/weights-only"  # no task, no base
FILMS = "studio/film-generator"  # states text to video
CLIPS = "studio/clipmaker"  # no task, tagged video-generation
AGENT = "lab/helper-agent"  # no task, tagged Agent (one everyday word of reinforcement learning's names)

MODELS = [
    model_doing(WRITER, "text-generation", description="Weights.", downloads=50),
    model_doing(FINE_TUNE, None, base_model=WRITER, description="Weights."),
    model_doing(COPY, None, description="Weights.", extra=[
        Triple(NamedNode(model_pid(COPY)), MLFDO.quantizedFrom, NamedNode(model_pid(FINE_TUNE)))]),
    model_doing(TAGGER, "text-classification", description="Weights.", downloads=50),
    model_doing(TAGGER_TUNE, None, base_model=TAGGER, description="Weights."),
    model_doing(RETASKED, "text-classification", base_model=WRITER, description="Weights."),
    model_doing(SILENT, None, description="Weights."),
    model_doing(FILMS, "text-to-video", description="Weights."),
    model_doing(CLIPS, None, description="Weights.", keywords=("video-generation",)),
    model_doing(AGENT, None, description="Weights.", keywords=("Agent",)),
    # models of other tasks: the tasks asked for stay a small share of the index
    *(model_doing(f"lab/other-{task}-{i}", task, description="Does something else.")
      for task in ("translation", "summarization", "object-detection", "image-to-image") for i in range(15)),
]


@pytest.fixture(scope="module")
def searcher():
    yield from concepts_searcher(MODELS)


def _boosts(searcher, question: str, names: list[str]) -> dict[str, int]:
    judged = searcher.judge([model_pid(n) for n in names], searcher.understand(question))
    return {n: judged[model_pid(n)][1] for n in names}


@pytest.mark.parametrize("question", ["Which model can I use as a chatbot?", "write a story for me",
                                      "a language model to draft my emails", "an LLM to chat with"])
def test_a_fine_tune_stating_no_task_ranks_between_the_text_generators_and_the_rest(searcher, question):
    got = _boosts(searcher, question, [WRITER, FINE_TUNE, COPY, SILENT])
    assert got[WRITER] > got[FINE_TUNE] > got[SILENT]
    assert got[COPY] == got[FINE_TUNE]  # a quantised copy of the fine-tune: its task is two links up


def test_a_fine_tune_of_a_classifier_is_not_taken_for_a_text_generator(searcher):
    got = _boosts(searcher, "Which model can I use as a chatbot?", [TAGGER_TUNE, SILENT])
    assert got[TAGGER_TUNE] == got[SILENT]
    got = _boosts(searcher, "Which model sorts reviews into categories?", [TAGGER, TAGGER_TUNE, FINE_TUNE])
    assert got[TAGGER] > got[TAGGER_TUNE] > got[FINE_TUNE]


def test_a_stated_task_is_never_overridden_by_the_bases(searcher):
    doc = searcher.engine.doc(searcher.engine.slot_of[model_pid(RETASKED)])
    assert doc.inferred == [] and [k for k, _ in doc.facets["task"]] == ["text-classification"]
    got = _boosts(searcher, "Which model can I use as a chatbot?", [RETASKED, SILENT])
    assert got[RETASKED] == got[SILENT]


def test_an_inferred_task_is_no_facet_value_and_no_filter(searcher):
    doc = searcher.engine.doc(searcher.engine.slot_of[model_pid(FINE_TUNE)])
    assert doc.inferred == [("text-generation", "Text generation")] and "task" not in doc.facets
    got = {h.pid for h in searcher.search("", filters={"task": ["text-generation"]}, per_page=50).results}
    assert model_pid(WRITER) in got and model_pid(FINE_TUNE) not in got


@pytest.mark.parametrize("question", ["a video generation model", "generate a video from my script"])
def test_a_tag_naming_a_task_is_taken_as_the_task(searcher, question):
    got = _boosts(searcher, question, [FILMS, CLIPS, SILENT])
    assert got[FILMS] > got[CLIPS] > got[SILENT]
    # one everyday word among a task's names ("agent" of reinforcement learning) tags models for other reasons
    assert searcher.engine.doc(searcher.engine.slot_of[model_pid(AGENT)]).inferred == []


def test_tag_names_compare_without_case_or_separators():
    assert tag_name("Image-to-3D") == tag_name("image to 3d") == tag_name("image_to_3d") == "image to 3d"
