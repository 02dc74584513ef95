"""Questions about what a record states (session 17): a bound before an approximate size, the presence of a field
(a DOI, a paper, emissions, a custom licence...), identifiers written in words, tags one letter off a concept's name."""

from __future__ import annotations

import pytest

from registry.search.understand import Understander


def reader(**facets: list[str]) -> Understander:
    """Return an Understander over an index holding these facet values (one FDO each)."""
    vocab = {facet: {key: (key, 1) for key in keys} for facet, keys in facets.items()}
    return Understander(lambda facet: vocab.get(facet, {}))


# ------------------------------------------------------------ a bound before an approximate size
@pytest.mark.parametrize("query, value", [
    ("Which models fit on my card, so under about 8 billion parameters?", "<8B"),
    ("models with less than roughly 3B parameters", "<3B"),
    ("an encoder of at most around 500 million parameters", "<=500M"),
    ("no more than approximately 2 billion parameters, please", "<=2B"),
    ("Which chat models are over about 70B parameters?", ">70B"),
])
def test_a_bound_before_an_approximate_count_is_the_bound_not_a_band(query, value):
    u = reader(kind=["model"]).understand(query)
    assert u.filters()["params"] == [value]
    assert "params" not in u.boosts()
