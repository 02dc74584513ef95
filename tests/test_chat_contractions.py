"""The apostrophes of contractions ("I'm ... I'd") are no quote marks: what stands between two of them is no name the
question quotes, and the chat does not answer that the registry has no model so called."""

from __future__ import annotations

import pytest

from registry.search.understand import read


@pytest.mark.parametrize("text", [
    "I'm on a Mac and I'm looking for a model converted for MLX.",
    "I'm new here and I'd like a model that summarises German news.",
    "What's a good model? I'd like one for German summaries.",
])
def test_the_words_between_two_contractions_are_no_quoted_name(text):
    q = read(text)
    assert q.quoted == []
    assert not any(" " in m for m in q.mentions)


@pytest.mark.parametrize("text, quoted", [
    ("Tell me about 'Mixtral 8x7B'.", ["Mixtral 8x7B"]),
    ("What's 'phi-2' fine-tuned from?", ["phi-2"]),
    ('Do you have "Segment Anything"?', ["Segment Anything"]),
    ("Is `Stable Diffusion XL` here?", ["Stable Diffusion XL"]),
])
def test_a_phrase_in_quote_marks_is_still_quoted(text, quoted):
    assert read(text).quoted == quoted


def test_the_chat_does_not_say_the_words_between_contractions_name_no_model(chat):
    answer = chat.ask("I'm on a laptop and I'd like a model that summarises German news.")
    assert "no model called" not in answer.text
    assert "m on a laptop and I" not in answer.text
