"""A page of results is the same slice of one ranking whatever the page size (docs/search.md, "Pages")."""

from __future__ import annotations

import numpy as np
import pytest

from registry.search.engine import first_in_order
from tests.data.search.records import make_registry, make_searcher

QUESTIONS = ["", "model", "language model", "text", "Which models may I use commercially?", "image",
             "bert", "speech in German", "a small model for sentiment of tweets", "translate English to French",
             "Which models are fine-tuned from a base model?"]
SIZES = (1, 2, 3, 4, 5, 7)


@pytest.fixture(scope="module")
def searcher():
    registry = make_registry(None)
    yield make_searcher(registry)
    registry.close()


def pids(response) -> list[str]:
    return [hit.pid for hit in response.results]


@pytest.mark.parametrize("mode", ["hybrid", "keyword", "dense"])
def test_pages_of_any_size_are_slices_of_the_one_ranking(searcher, mode):
    differing = []
    for question in QUESTIONS:
        whole = pids(searcher.search(question, per_page=100, mode=mode))
        for size in SIZES:
            paged = []
            for page in range(1, 5):
                paged += pids(searcher.search(question, page=page, per_page=size, mode=mode))
            if paged != whole[:4 * size]:
                differing.append((question, size))
    assert whole and not differing


def test_the_first_ten_are_the_same_at_ten_and_at_a_hundred_per_page(searcher):
    for question in QUESTIONS:
        assert pids(searcher.search(question, per_page=10)) == pids(searcher.search(question, per_page=100))[:10]


def test_first_in_order_is_the_head_of_the_full_sort_at_any_length():
    rng = np.random.default_rng(7)
    key = rng.integers(0, 4, 500).astype(np.float64)  # many ties on the key, and on downloads within them
    downloads = rng.integers(0, 3, 500)
    slots = rng.permutation(500)
    columns = (-key, -downloads, slots)
    full = np.lexsort(columns[::-1])
    for k in (1, 2, 10, 99, 100, 250, 499, 500, 600):
        assert list(first_in_order(columns, k)) == list(full[:k])
