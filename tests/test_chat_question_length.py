"""The chat's readings of a question stay linear in its length: a long word before a hyphenated mention
(``retrieval._in_phrase``) is read back from the mention, not rescanned from each of its letters."""

from __future__ import annotations


from registry.chat.retrieval import _in_phrase
from tests.cpu import assert_cpu_within


def test_a_long_word_before_a_mention_is_read_in_linear_time():
    text = "a" * 20_000 + ". trained on corporate e-mail"
    assert _in_phrase(text, "e-mail")  # "corporate" is no frame of a name
    # 28 s when every letter of the long word started a new match
    assert_cpu_within(lambda: _in_phrase(text, "e-mail"), 0.5)


def test_the_word_right_before_the_mention_decides():
    assert _in_phrase("Has anyone trained on corporate e-mail?", "e-mail")
    assert not _in_phrase("Tell me about bert-large-mega", "bert-large-mega")
    assert not _in_phrase("bert-large-mega is it here?", "bert-large-mega")  # opening the question: a name
    assert not _in_phrase("What is 2 e-mail", "e-mail")  # no word right before it
    assert _in_phrase("Tell me about e-mail. Trained on old e-mail", "e-mail") is False  # the first place decides
