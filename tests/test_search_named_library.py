"""A library the question names is asked for its own models: the tasks it serves do not outrank it, and the owner
of the library ("Meta's fairseq toolkit") is no author of the models."""

from __future__ import annotations

import pytest
from pyoxigraph import Literal, NamedNode, Triple

from registry.search.understand import Understander
from registry.vocab import MLFDO
from tests.factories import concepts_searcher, model_doing, model_pid

SEQ_MODELS = [f"lab/fs-weights-{i}" for i in range(3)]  # built with fairseq, no task stated, few downloads
TRANSLATORS = [f"lab/translator-{i}" for i in range(6)]  # popular translators of another library


def with_library(name: str, task: str | None, library: str, **kwargs):
    return model_doing(name, task, extra=[Triple(NamedNode(model_pid(name)), MLFDO.library, Literal(library))],
                       **kwargs)


MODELS = [
    *(with_library(n, None, "fairseq", downloads=1 + i, description="Weights.") for i, n in
      enumerate(SEQ_MODELS)),
    *(with_library(n, "translation", "transformers", downloads=100_000 * (i + 1),
                   description="Translates between languages.") for i, n in enumerate(TRANSLATORS)),
    # a few cards holding the question's other words: with them the question has words enough that one word
    # ("fairseq") alone makes no keyword match
    *(with_library(f"lab/sorter-{i}", "text-classification", "transformers", downloads=50,
                   description="Sorts reviews with a sequence modelling toolkit.") for i in range(3)),
    *(with_library(f"lab/filler-{i}", "text-classification", "transformers", downloads=50,
                   description=f"Sorts reviews, batch {i}.") for i in range(10)),
]


@pytest.fixture(scope="module")
def searcher():
    yield from concepts_searcher(MODELS)


def test_a_named_librarys_own_models_outrank_the_models_of_the_tasks_it_serves(searcher):
    # the fairseq concept serves translation: a task boost (2) weighed more than the library's (1) and every
    # popular translator went before the three fairseq models (their cards hold too few of the question's words
    # to be keyword matches)
    got = [h.pid for h in searcher.search("Which models come out of the fairseq sequence modelling toolkit?",
                                          per_page=30).results]
    seq_at = [got.index(model_pid(n)) for n in SEQ_MODELS]
    assert max(seq_at) < min(got.index(model_pid(n)) if model_pid(n) in got else len(got) for n in TRANSLATORS)


def test_the_owner_of_the_thing_models_come_from_is_no_author_of_the_models():
    vocab = {"author": {"meta-llama": ("meta-llama", 7)}, "library": {"fairseq": ("fairseq", 3)},
             "kind": {"model": ("model", 10), "dataset": ("dataset", 2)}}
    rules = Understander(lambda facet: vocab.get(facet, {}))
    read = {r.facet: r.values for r in rules.understand("Which models come from Meta's fairseq toolkit?").recognised}
    assert "author" not in read and read["library"] == ("fairseq",)
    # without the possessive, the owner is who the models come from
    assert rules.understand("models from meta").boosts()["author"] == ["meta-llama"]


@pytest.mark.parametrize("question", ["Which models come from Google's research team?", "models from google's own lab"])
def test_the_owners_people_after_the_possessive_still_name_the_author(question):
    # "Google's research team" is who made the models, not a thing they come from
    vocab = {"author": {"google": ("google", 7)}, "kind": {"model": ("model", 10)}}
    rules = Understander(lambda facet: vocab.get(facet, {}))
    assert rules.understand(question).filters()["author"] == ["google"]


def test_an_owner_no_account_is_called_ranks_the_accounts_it_begins_and_filters_nothing():
    # "Meta" is no account: meta-llama only begins with it, and the company publishes under other accounts too
    vocab = {"author": {"meta-llama": ("meta-llama", 7), "acme": ("acme", 3), "acme-labs": ("acme-labs", 2)}}
    rules = Understander(lambda facet: vocab.get(facet, {}))
    meta = rules.understand("Which models come from Meta?")
    assert "author" not in meta.filters() and meta.boosts()["author"] == ["meta-llama"]
    # an account called so stays a filter, with the accounts that begin with it
    assert set(rules.understand("models from acme").filters()["author"]) == {"acme", "acme-labs"}


BASE_LM = "lab/base-lm"
TUNES = [f"lab/base-lm-helper-{i}" for i in range(6)]  # popular text-generating fine-tunes of the base


@pytest.fixture(scope="module")
def copies():
    yield from concepts_searcher([
        model_doing(BASE_LM, "text-generation", downloads=500, description="Continues text."),
        model_doing("lab/base-lm-q4bit", None, base_model=BASE_LM, downloads=0, description="Weights."),
        *(model_doing(n, "text-generation", base_model=BASE_LM, downloads=1000 * (i + 1), description="Helps.")
          for i, n in enumerate(TUNES)),
        *(model_doing(f"lab/other-{i}", "text-classification", downloads=10, description="Sorts.") for i in range(8)),
    ])


def test_a_copy_in_fewer_bits_boosts_no_task_of_the_format_its_words_name(copies):
    # "compressed" is read as "quantized", an alternative name of the GGUF format concept, which serves text
    # generation: boosted, it ranked the base's text-generating fine-tunes above the quantised copy asked for
    response = copies.search("Which compressed copies of base-lm are there?")
    assert not [r for r in response.understanding.recognised if r.facet == "task"]
    assert response.results[0].identifier == "lab/base-lm-q4bit"
