"""The question reader's spans (session 11): size constraints' own words, names written with underscores,
licence names, model variants, relations and data set names read from the words around them."""

from __future__ import annotations

import pytest

from registry.search.understand import Understander


def reader(**facets: list[str]) -> Understander:
    """Return an Understander over an index holding these facet values (one FDO each)."""
    vocab = {facet: {key: (key.replace("-", " ").title() if facet == "task" else key, 1) for key in keys}
             for facet, keys in facets.items()}
    return Understander(lambda facet: vocab.get(facet, {}))


# ------------------------------------------------------------ a size constraint's own words
@pytest.mark.parametrize("query, value", [
    ("Which models sit between 10 and 30 billion parameters?", "10B-30B"),
    ("Which models have a few hundred million parameters, between 100 million and one billion?", "100M-1B"),
    ("Which models fall under 2 billion parameters?", "<2B"),
])
def test_a_verb_placing_models_in_a_size_and_a_vague_count_restating_it_are_the_size_constraints_words(query, value):
    u = reader(kind=["model"]).understand(query)
    assert u.filters()["params"] == [value]
    assert u.text == ""  # no word is left to match: the size alone decides, as for "between 100M and 1B parameters"


def test_a_verb_apart_from_the_size_and_a_vague_count_without_a_size_constraint_stay_words():
    u = reader().understand("photos of people sitting, under 1 billion parameters")
    assert u.filters()["params"] == ["<1B"] and "sitting" in u.text
    u = reader().understand("a chat model with a few billion parameters")
    assert "params" not in u.filters() and "billion" in u.text


# ------------------------------------------------------------ relations
@pytest.mark.parametrize("query", ["Has anyone built something on top of xAI's Grok-1?",
                                   "Who built models upon Grok-1?", "Has anybody built anything on Grok-1?"])
def test_what_was_built_between_built_and_on_leaves_the_relation_to_the_base_model(query):
    u = reader(base_model=["xai-org/grok-1", "acme/llama-7b"], author=["xai-org", "acme"]).understand(query)
    assert [r.values for r in u.recognised if r.facet == "base_model"] == [("xai-org/grok-1",)]
