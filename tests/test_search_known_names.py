"""Names: a bare name several records carry, a name that is also an account, and the closest records of a model
family the registry does not hold (docs/search.md, "Ranking" and "Concepts")."""

from __future__ import annotations

import pytest

from tests.factories import concepts_searcher, dataset_pid, dataset_record, model_doing, model_pid, task_record

DATA = [dataset_record(f"medwidget/meadow_{x}", stub=False) for x in ("qa", "flashcards", "wiki", "advice")]
NAMED = [model_doing(f"solo/medwidget_{x}", None, downloads=3, description="Fine-tuned from a chat model.")
         for x in ("base", "eye_model", "ear_model")]


@pytest.fixture(scope="module")
def searcher():
    yield from concepts_searcher([task_record("text-generation"), *DATA, *NAMED,
                                  model_doing("acme/chatter", "text-generation", downloads=900,
                                              description="A chat model compared with medwidget.")])


def test_a_bare_name_an_account_of_data_sets_and_models_own_names_both_hold_ranks_the_models_first(searcher):
    # "medwidget" is the account of four data sets and the own name of three models of another author: the question
    # asks what the models so called are
    top = [h.pid for h in searcher.search("What is medwidget?").results[:3]]
    assert set(top) == {model_pid(m.platform_id) for m in NAMED}


def test_an_account_that_publishes_models_keeps_the_keyword_order(searcher):
    assert searcher._named_beside_account("solo") == []  # the account's own records are models: nothing pinned
    assert dataset_pid("medwidget/meadow_qa") in [h.pid for h in searcher.search("What is medwidget?").results]
