"""A lenient filter read from the question ("English" of "summarisers for English text") is a filter, not a concept's
boost: a keyword match carrying only what the filter boosts (a popular "...-english" model doing another job) keeps
no more of its rank credit than any match holding none of the words the job was read from (docs/search.md, "Ranking",
the core penalty)."""

from __future__ import annotations

import pytest

from tests.factories import concepts_searcher, model_doing, model_pid

SUMMARISERS = ["news/digest-small", "papers/abstract-writer"]
OTHERS = ["lab/bert-english", "lab/roberta-english-sentiment", "speech/wav2vec-english", "lab/english-tagger"]


@pytest.fixture(scope="module")
def searcher():
    records = [model_doing(n, "summarization", languages=("en",), downloads=10 + i,
                           description="Shortens long articles into a few lines.") for i, n in enumerate(SUMMARISERS)]
    records += [model_doing(n, task, languages=("en",), downloads=90_000 + i,
                            description="An English model for English text.")
                for i, (n, task) in enumerate(zip(OTHERS, ["fill-mask", "text-classification",
                                                           "automatic-speech-recognition", "token-classification"]))]
    records += [model_doing(f"misc/chat-{i}", "text-generation", downloads=5, description="Chats.") for i in range(20)]
    yield from concepts_searcher(records)


@pytest.mark.parametrize("question", ["Are there summarisers for English text?", "Do you have English summarizers?",
                                      "Any summarizers for English?"])
def test_the_jobs_models_come_before_those_only_named_for_the_language(searcher, question):
    top = [h.pid for h in searcher.search(question, per_page=10).results][:2]
    assert set(top) == {model_pid(n) for n in SUMMARISERS}, [h.name for h in searcher.search(question).results]
