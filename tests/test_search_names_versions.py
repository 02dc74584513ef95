"""Names, versions and releases a question writes its own way: an adverb inside a relation ("built directly on"),
a release named by its month and year, a family's version no record holds (docs/search.md, "Ranking" and "Query
understanding")."""

from __future__ import annotations

import pytest

from registry.search.understand import Understander, read

BASES = ["acme/Widget-12B-Instruct-2503", "acme/Widget-12B-Instruct-2409", "acme/Widget-12B-Base-2503",
         "lab/Gizmo-7B-chat"]


def reader(**facets: list[str]) -> Understander:
    """Return an Understander over an index holding these facet values (one FDO each)."""
    vocab = {facet: {key: (key, 1) for key in keys} for facet, keys in facets.items()}
    return Understander(lambda facet: vocab.get(facet, {}))


@pytest.mark.parametrize("query", [
    "Which models were built squarely on acme's Widget 12B Instruct release of March 2025?",
    "Show me what was derived mostly from the Widget 12B Instruct checkpoint of March 2025",
    "models based entirely on Widget 12B Instruct from March 2025",
    "Anything fine-tuned directly from acme's Widget 12B Instruct (March 2025)?",
])
def test_an_adverb_inside_the_relation_still_reads_the_base_and_its_dated_release(query):
    u = reader(base_model=BASES, author=["acme", "lab"]).understand(query)
    assert u.filters().get("base_model") == ["acme/Widget-12B-Instruct-2503"], u.recognised


@pytest.mark.parametrize("query", [
    "Which models were built directly on Gizmo 7B chat?",
    "What models are based largely on Gizmo 7B chat?",
    "models derived partly from Gizmo 7B chat",
])
def test_an_adverb_inside_the_relation_asks_for_the_children(query):
    assert "derivatives" in read(query).attributes
    u = reader(base_model=BASES).understand(query)
    assert (u.filters().get("base_model") or u.boosts().get("base_model")) == ["lab/Gizmo-7B-chat"], u.recognised
