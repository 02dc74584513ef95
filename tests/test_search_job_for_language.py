"""A language's name between a job's doer and its medium ("classifiers for Spanish text") splits the job's name: the
medium is read before the job ("text classification"), and the language stays its own filter
(``Understander._job_nouns``, ``patterns.JOB_FOR_LANGUAGE``)."""

from __future__ import annotations

import pytest

from tests.factories import BASE, concepts_searcher, model_doing, model_pid


@pytest.fixture(scope="module")
def searcher():
    records = [
        model_doing("acme/clasificador", "text-classification", languages=("es",), downloads=3,
                    description="Sorts messages."),
        model_doing("acme/sortierer", "text-classification", languages=("de",), downloads=3,
                    description="Sorts messages."),
        # models stating the languages and doing another job, popular
        *[model_doing(f"acme/chat-{code}-{i}", "text-generation", languages=(code,), downloads=9000 + i,
                      description="Writes text for you.") for code in ("es", "de") for i in range(3)],
        model_doing("acme/sorter-en", "text-classification", languages=("en",), downloads=90000,
                    description="Sorts messages."),
        *[model_doing(f"acme/other-{i}", "fill-mask", languages=("en",), description="Fills a gap.")
          for i in range(120)],
    ]
    yield from concepts_searcher(records)


def _read(searcher, query: str) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for r in searcher.understand(query).recognised:
        if r.applied and r.facet in ("task", "language"):
            out.setdefault(r.facet, set()).update(r.values)
    return out


@pytest.mark.parametrize("query, code", [
    ("classifiers for Spanish text", "es"),
    ("Do you have a classifier for German texts?", "de"),
    ("Any classifiers for Spanish texts?", "es"),
    ("I need a classifier for German text messages", "de"),
])
def test_the_job_split_by_a_language_is_read_with_the_language(searcher, query, code):
    read = _read(searcher, query)
    assert "text-classification" in read.get("task", set()) and code in read.get("language", set())


@pytest.mark.parametrize("query, name", [
    ("classifiers for Spanish text", "acme/clasificador"),
    ("Do you have a classifier for German texts?", "acme/sortierer"),
])
def test_the_model_doing_the_job_in_the_language_comes_first(searcher, query, name):
    assert searcher.search(query).results[0].pid == model_pid(name, BASE)
