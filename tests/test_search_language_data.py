"""A model stating no language whose name, tags or training data name a data set in one language works in it
(``mlfdo:dataSetName`` in languages.ttl; ``Searcher._language_data``): it meets the language and, made for data in
it, comes before a model listing the language beside others."""

from __future__ import annotations

import pytest

from tests.factories import BASE, concepts_searcher, dataset_record, model_doing, model_pid

CHAT = "Answers questions and continues a conversation."


@pytest.fixture(scope="module")
def searcher():
    records = [
        # adapters named after corpora in one language, stating none
        model_doing("acme/lora-llama-nsmc", None, downloads=0, description="An adapter."),
        model_doing("acme/bert-germeval-finetuned", None, downloads=0, description="A fine-tuned encoder."),
        # one trained on a Japanese reading comprehension set, stating no language
        model_doing("acme/reader-v2", None, downloads=0, description="A fine-tuned encoder.", datasets=("jsquad",)),
        dataset_record("jsquad"),
        # one named after a Korean corpus but stating English: its statement stands
        model_doing("acme/nsmc-english-port", None, languages=("en",), downloads=0, description="An adapter."),
        # popular general models listing the languages beside English
        *[model_doing(f"acme/chat-{code}-{i}", "text-generation", languages=(code, "en"), downloads=50000 + i,
                      description=CHAT) for code in ("ko", "de", "ja") for i in range(4)],
        # (and others: a language few models state is what the question asks for first)
        *[model_doing(f"acme/other-{i}", "text-classification", languages=("en",), description="Sorts text.")
          for i in range(120)],
    ]
    yield from concepts_searcher(records)


def _pid(name: str) -> str:
    return model_pid(name, BASE)


def _language_met(searcher, query: str, name: str) -> bool:
    u = searcher.understand(query)
    positions = {i for i, r in enumerate(u.recognised) if r.facet == "language" and r.applied}
    return bool(positions & searcher.met([_pid(name)], u)[_pid(name)])


@pytest.mark.parametrize("query, name", [
    ("Are there Korean models?", "acme/lora-llama-nsmc"),
    ("something for German tweets", "acme/bert-germeval-finetuned"),
    ("a model for Japanese passages", "acme/reader-v2"),  # by its training data
])
def test_a_model_named_after_or_trained_on_a_corpus_meets_its_language(searcher, query, name):
    assert _language_met(searcher, query, name)


def test_a_model_stating_another_language_does_not_meet_it_by_a_corpus_name(searcher):
    assert not _language_met(searcher, "Are there Korean models?", "acme/nsmc-english-port")


@pytest.mark.parametrize("query, name", [
    ("Can something tell whether Korean film reviews are positive?", "acme/lora-llama-nsmc"),
    ("Which model handles German tweets?", "acme/bert-germeval-finetuned"),
    ("I have passages in Japanese", "acme/reader-v2"),
    ("Is anything trained for Korean product reviews?", "acme/lora-llama-nsmc"),
])
def test_a_model_shown_by_its_data_to_work_in_the_language_of_the_data_comes_first(searcher, query, name):
    # the language is the data's: before four popular models listing it beside English
    assert searcher.search(query).results[0].pid == _pid(name)


@pytest.mark.parametrize("query", ["Are there Korean models?", "Which Korean-capable models are small?",
                                   "a Korean chatbot"])
def test_a_model_stating_the_language_of_the_model_comes_before_one_shown_by_its_data(searcher, query):
    # the language is the model's: a model stating it is surer; the adapter named after a Korean corpus follows
    ranked = [h.pid for h in searcher.search(query, per_page=20).results]
    assert ranked.index(_pid("acme/chat-ko-0")) < ranked.index(_pid("acme/lora-llama-nsmc"))
