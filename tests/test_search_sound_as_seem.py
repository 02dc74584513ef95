""""Sound" as the verb "to seem" ("trained to sound more like a person") is no audio: the concepts read no audio task."""

from __future__ import annotations

import pytest

from tests.factories import concepts_searcher, model_doing


@pytest.fixture(scope="module")
def searcher():
    yield from concepts_searcher([model_doing("lab/speaker", "text-to-speech", description="Speaks."),
                                  model_doing("lab/chatter", "text-generation", description="Chats.")])


def tasks(searcher, question: str) -> set[str]:
    return {v for r in searcher.understand(question).recognised if r.facet == "task" for v in r.values}


@pytest.mark.parametrize("question", ["Which models were trained to sound more like a person?",
                                      "a chat model that sounds natural"])
def test_sound_as_seem_reads_no_audio_task(searcher, question):
    assert "text-to-speech" not in tasks(searcher, question)


def test_sound_as_a_noun_still_reads_the_audio_tasks(searcher):
    assert "text-to-speech" in tasks(searcher, "models that make sound effects")


@pytest.mark.parametrize("question", ["models that make a sound like rain falling",
                                      "Which models generate sounds like birds singing?"])
def test_sound_after_an_article_or_a_verb_making_it_is_the_noun(searcher, question):
    # "a sound like rain", "generate sounds like birds": the thing heard, not the verb "to seem"
    assert "text-to-speech" in tasks(searcher, question)
