"""What a model's training data tells: a model stating no language or no task, linked to a data set the vocabulary
(``datasets.ttl``) gives languages or a task, ranks up for that language or job as a boost (never a filter); a model
stating its own keeps it (``Searcher._language_data``, ``Searcher._task_data``)."""

from __future__ import annotations

import pytest

from tests.factories import concepts_searcher, dataset_record, model_doing, model_pid

ADAPTER = "An adapter."


@pytest.fixture(scope="module")
def searcher():
    records = [
        # stating nothing, trained on a Kazakh named-entity corpus / Romanian preference data / paper summaries
        model_doing("acme/llama-adapter-kz", None, datasets=("issai/KazNERD",), downloads=3, description=ADAPTER),
        model_doing("acme/lora-ro-7b", None, datasets=("OpenLLM-Ro/ro_dpo_helpsteer",), downloads=3,
                    description=ADAPTER),
        model_doing("acme/peft-tldr", None, datasets=("scitldr",), downloads=3, description=ADAPTER),
        # stating a language and a task of its own, trained on the same data: keeps them
        model_doing("acme/german-tagger", "token-classification", languages=("de",), datasets=("issai/KazNERD",),
                    downloads=3, description=ADAPTER),
        model_doing("acme/paper-tagger", "text-classification", datasets=("scitldr",), downloads=3,
                    description=ADAPTER),
    ]
    # trained on data in two languages, or on data in eight: no language its data shows
    records += [model_doing("acme/mixed-lora", None, datasets=("issai/KazNERD", "germanquad"), downloads=3,
                            description=ADAPTER),
                model_doing("acme/pan-african-lora", None, datasets=("masakhane/african-ultrachat",), downloads=3,
                            description=ADAPTER),
                model_doing("acme/swahili-bert", "fill-mask", languages=("sw",), downloads=2)]
    records += [dataset_record(d) for d in ("germanquad", "masakhane/african-ultrachat")]
    # the index holds the language and the job (a language or task no model states is none the question can ask)
    records += [model_doing("acme/kk-translator", "translation", languages=("kk", "en"), downloads=2),
                model_doing("acme/ro-translator", "translation", languages=("ro", "en"), downloads=2),
                model_doing("acme/digest-t5", "summarization", downloads=2)]
    # popular adapters stating nothing, trained on nothing the vocabulary gives a language or a task
    records += [model_doing(f"acme/adapter-{i}", None, downloads=100000 + i, description=ADAPTER) for i in range(8)]
    records += [dataset_record(d) for d in ("issai/KazNERD", "OpenLLM-Ro/ro_dpo_helpsteer", "scitldr")]
    yield from concepts_searcher(records)


def _pids(searcher, query: str, n: int = 20) -> list[str]:
    return [h.pid for h in searcher.search(query, per_page=n).results]


@pytest.mark.parametrize("query, name", [
    ("an assistant that works in Kazakh", "acme/llama-adapter-kz"),
    ("Kazakh language model?", "acme/llama-adapter-kz"),
    ("something I can chat with in Romanian", "acme/lora-ro-7b"),
    ("need a model for Romanian", "acme/lora-ro-7b"),
])
def test_a_model_trained_on_data_in_a_language_ranks_up_for_it(searcher, query, name):
    pids = _pids(searcher, query)
    assert model_pid(name) in pids[:2], pids[:3]


def test_the_data_sets_language_is_a_boost_not_a_filter_nor_the_models_fact(searcher):
    pids = _pids(searcher, "an adapter for Kazakh")
    assert model_pid("acme/llama-adapter-kz") in pids[:2], pids[:3]
    assert model_pid("acme/adapter-0") in pids  # the models stating nothing stay
    # a model stating German keeps its statement: no Kazakh model by its data
    assert model_pid("acme/german-tagger") not in pids
    qu = searcher.understand("Kazakh language model?")
    met = searcher.met([model_pid("acme/german-tagger"), model_pid("acme/llama-adapter-kz")], qu)
    # and what the data shows is no fact the model states: neither meets Kazakh (the chat cites no such constraint)
    assert not met[model_pid("acme/german-tagger")] and not met[model_pid("acme/llama-adapter-kz")]


@pytest.mark.parametrize("name, query", [
    ("acme/mixed-lora", "an adapter for Kazakh"),
    ("acme/pan-african-lora", "adapters that handle Swahili"),
])
def test_data_in_several_languages_shows_none_of_them(searcher, name, query):
    assert searcher._data_shows("language", [v for r in searcher.understand(query).recognised
                                             if r.facet == "language" for v in r.values])[
        searcher.engine.slot_of[model_pid(name)]] == 0
