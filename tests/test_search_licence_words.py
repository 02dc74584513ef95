"""A licence's name is no topical word: "artistic" does not find a model shared under Artistic-2.0, unless the
question is about licences (docs/search.md, "What is indexed")."""

from __future__ import annotations

import pytest

from registry.search.document import without_licences
from tests.data.search.records import specs_searcher

SPECS = [
    {"id": "licence-words/painter", "task": ["text-to-image"], "licence": "MIT", "created": "2024-03-01",
     "description": "Makes artistic pictures in the look of oil paintings.", "downloads": 0},
    {"id": "licence-words/untagged", "task": ["graph-ml"], "licence": "Artistic-2.0", "created": "2024-03-01",
     "description": "A graph model. - License: artistic-2.0", "downloads": 50},
    {"id": "licence-words/other", "task": ["graph-ml"], "licence": "Apache-2.0", "created": "2024-03-01",
     "description": "Another graph model.", "downloads": 10},
]


@pytest.fixture(scope="module")
def searcher():
    yield from specs_searcher(SPECS)


def names(searcher, query: str) -> list[str]:
    response = searcher.search(query, mode="keyword", per_page=10)
    return [hit.name.split("/")[1] for hit in response.results]


def test_a_licence_name_does_not_match_a_question_about_something_else(searcher):
    assert names(searcher, "artistic models") == ["painter"]


def test_a_question_about_licences_still_matches_the_licence_words(searcher):
    assert "untagged" in names(searcher, "models under an artistic licence")


def test_a_licence_stated_in_a_description_is_taken_out_with_its_name():
    text, taken = without_licences("A graph model. - License: `artistic-2.0`. Made with care", ["Artistic-2.0"])
    assert "artistic" not in text.lower() and taken == ["artistic-2.0"]
    text, taken = without_licences("Released under the Apache-2.0 license.", ["Apache-2.0"])
    assert "apache" not in text.lower() and taken == ["Apache-2.0"]


def test_a_licence_key_standing_alone_in_a_description_is_kept():
    text, taken = without_licences("A llama2 fine-tune for chat.", ["llama2"])
    assert "llama2" in text and taken == []
