"""A name asked for as a whole is read as one when it begins with a capital outside A-Z too (a Latin letter with an
accent, Greek, Cyrillic): "Is Ωmega-7B here?" is said not held, not answered about a record whose name shares "7B"."""

from __future__ import annotations

import pytest

from registry.chat.absent import asked_name
from registry.search.understand import read


@pytest.mark.parametrize("text, name", [
    ("Is Ωmega-7B here?", "Ωmega-7B"),
    ("What is Éclair-7B?", "Éclair-7B"),
    ("Do you have Жар-Птица 2?", "Жар-Птица 2"),
    ("Is Omega-7B here?", "Omega-7B"),
])
def test_a_name_beginning_with_any_capital_is_asked_for(text, name):
    asked = asked_name(read(text))
    assert asked is not None and asked.name == name


@pytest.mark.parametrize("text", ["Is Ωmega-7B here?", "What is Éclair-7B?"])
def test_the_chat_says_such_a_name_is_not_held(chat, text):
    answer = chat.ask(text)
    assert "is not in the registry" in answer.text.split("\n")[0]
    assert answer.answers == []
