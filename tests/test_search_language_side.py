"""A language most models state (English), asked beside a job ("summarisers for English text"), is a side of the
job: a keyword match stating it or naming it, holding none of the job's words, carries no concept of the question by
that alone and yields to the job's models (``Searcher._job_boost``, ``_holds_core``). A language few state stays what
is asked."""

from __future__ import annotations

import pytest

from tests.factories import BASE, concepts_searcher, model_doing, model_pid


@pytest.fixture(scope="module")
def searcher():
    records = [
        model_doing("acme/brief", "summarization", languages=("en",), downloads=5, description="Shortens articles."),
        model_doing("acme/digest", "summarization", languages=("en",), downloads=5, description="Shortens reports."),
        # popular models naming English and holding the question's other words, doing another job
        model_doing("acme/english-text-sentiment", "text-classification", languages=("en",), downloads=900000,
                    description="Labels English text as positive or negative."),
        model_doing("acme/english-articles-speech", "text-to-speech", languages=("en",), downloads=900000,
                    description="Reads English text and articles aloud."),
        model_doing("acme/korean-chat", "text-generation", languages=("ko",), downloads=50,
                    description="Talks in Korean."),
        *[model_doing(f"acme/other-{i}", "fill-mask", languages=("en",), description="Fills a gap.")
          for i in range(120)],
    ]
    yield from concepts_searcher(records)


@pytest.mark.parametrize("query", [
    "Are there summarisers for English text?",
    "summarization of English articles",
    "I need a summarizer for English text",
    "English text summarisers, please",
])
def test_the_job_s_models_come_before_matches_holding_only_the_language_and_loose_words(searcher, query):
    top = {h.pid for h in searcher.search(query, per_page=2).results}
    assert top == {model_pid("acme/brief", BASE), model_pid("acme/digest", BASE)}
