"""Sizes asked approximately, in words, as superlatives: read as a band ordered by nearness, or as an order of size."""

from __future__ import annotations

import math

import pytest

from registry.search.searcher import SIZE_ORDER_STEP
from registry.search.understand import Understander
from tests.data.search.records import make_registry, make_searcher, specs


@pytest.fixture(scope="module")
def searcher():
    registry = make_registry(None)
    yield make_searcher(registry)
    registry.close()


def reader() -> Understander:
    return Understander(lambda facet: {"kind": {"model": ("model", 1)}}.get(facet, {}))


def params_of(response) -> list[float | None]:
    sizes = {s["id"]: s.get("params") for s in specs()}
    return [sizes[hit.name] for hit in response.results]


# ------------------------------------------------------------ reading
@pytest.mark.parametrize("query, band, order", [
    # round counts in words were read as rounded as written: "ten billion" 5B-15B, "a billion" 0.5B-1.5B
    ("Which models are close to ten billion parameters?", "8B-12.5B", "near:10B"),
    ("anything with about a billion parameters?", "800M-1.25B", "near:1B"),
    ("models of roughly 100M parameters", "80M-125M", "near:100M"),
    ("~7B parameter models", "5.6B-8.75B", "near:7B"),
    ("around 70 billion parameters", "56B-87.5B", "near:70B"),
    ("roughly 1,5 Mrd parameters", "1.2B-1.88B", "near:1.5B"),
    ("about half a billion parameters", "400M-625M", "near:500M"),
])
def test_an_approximate_size_in_digits_or_words_is_a_band_ordered_by_nearness(query, band, order):
    u = reader().understand(query)
    assert u.filters()["params"] == [band]
    assert u.orders() == [order]


@pytest.mark.parametrize("query, order", [
    ("What are the tiniest models you have, under 50 million parameters?", "ascending"),
    ("the smallest sentence embedding model", "ascending"),
    ("what is the biggest model you have?", "descending"),
    ("the largest text generation models", "descending"),
])
def test_a_superlative_of_size_is_an_order_not_a_topic(query, order):
    u = reader().understand(query)
    assert u.orders() == [order]
    assert not {"tiniest", "smallest", "biggest", "largest"} & set(u.text.lower().split())


@pytest.mark.parametrize("query, count", [
    ("Can I find Google's original T5 with 11 billion parameters here?", "11B"),
    ("a chat model with 7B parameters", "7B"),
    ("a model with three billion parameters", "3B"),
])
def test_a_count_stated_alone_ranks_its_nearest_first_and_filters_nothing(query, count):
    u = reader().understand(query)
    assert "params" not in u.filters()
    assert u.orders() == [f"near:{count}"] and u.boosts()["params"]


def test_a_bound_filters_by_the_number_asked_not_a_bucket_edge():
    u = reader().understand("phi-2 fine-tunes under 3B parameters")
    assert u.filters()["params"] == ["<3B"] and u.orders() == []


# ------------------------------------------------------------ ranking
@pytest.mark.parametrize("query, target", [
    ("models with about 115 million parameters", 115e6),
    # read as rounded as written (50M to 150M), listed by downloads: a 67M model second
    ("anything with about a hundred million parameters?", 100e6),
])
def test_an_approximate_size_lists_the_nearest_counts_first_not_the_most_downloaded(searcher, query, target):
    response = searcher.search(query, per_page=50)
    sizes = params_of(response)
    distance = [math.floor(abs(math.log(p / target)) / SIZE_ORDER_STEP) for p in sizes]
    assert distance == sorted(distance) and len(sizes) > 3


@pytest.mark.parametrize("query, descending", [
    ("What are the tiniest models you have?", False),
    ("the smallest models under 200 million parameters", False),
    ("Which are the largest models?", True),
])
def test_a_superlative_lists_by_size(searcher, query, descending):
    sizes = [p for p in params_of(searcher.search(query, per_page=20)) if p is not None]
    assert len(sizes) >= 5
    logs = [math.floor(math.log(p) / SIZE_ORDER_STEP) for p in sizes]
    assert logs == sorted(logs, reverse=descending)


@pytest.mark.parametrize("query, value", [
    ("models with 7B parameters or less", "<=7B"),
    ("1B parameters or more", ">=1B"),
    ("3B parameters and up, for chat", ">=3B"),
    ("a billion parameters or fewer", "<=1B"),
])
def test_a_bound_written_after_the_count_filters_by_it(query, value):
    assert reader().understand(query).filters()["params"] == [value]
