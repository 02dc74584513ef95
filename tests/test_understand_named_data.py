"""A dataset named in words ("the human-like DPO data", "the Zebra DPO pairs") is read through the name index of
datasets, as a model is; a method's acronym inside the name does not hide it, a method alone names nothing."""

from __future__ import annotations

import pytest

from registry.search.understand import Understander
from tests.cpu import assert_cpu_within

VOCAB = {
    "dataset": {"lab/Human-Like-DPO-Dataset": ("lab/Human-Like-DPO-Dataset", 6),
                "lab/zebra-dpo-7k-binarized": ("lab/zebra-dpo-7k-binarized", 9),
                "lab/human-preferences": ("lab/human-preferences", 2),
                "lab/tabular-benchmark": ("lab/tabular-benchmark", 1)},
    "kind": {"model": ("model", 10), "dataset": ("dataset", 4)},
}


@pytest.fixture(scope="module")
def rules():
    return Understander(lambda facet: VOCAB.get(facet, {}))


def datasets(rules, question):
    return [(r.values, r.mode) for r in rules.understand(question).recognised if r.facet == "dataset"]


def test_a_dataset_named_in_words_before_data_is_read_as_a_linked_boost(rules):
    question = "Which models were trained to sound more like a person, with the human-like DPO data?"
    assert datasets(rules, question) == [(("lab/Human-Like-DPO-Dataset",), "boost")]


def test_a_methods_acronym_inside_a_datasets_name_does_not_hide_the_dataset(rules):
    question = "Which models were preference-tuned on the Zebra DPO pairs?"
    assert datasets(rules, question) == [(("lab/zebra-dpo-7k-binarized",), "boost")]


@pytest.mark.parametrize("question", ["Which models were trained with reinforcement learning from human feedback?",
                                      "What is there for tabular data?"])
def test_a_method_or_one_common_word_before_data_names_no_dataset(rules, question):
    assert datasets(rules, question) == []


@pytest.mark.parametrize("question", ["Which zebra DPO datasets do you have?", "Are there any human-like DPO datasets?"])
def test_datasets_the_question_asks_for_are_the_kind_not_a_link(rules, question):
    # "which X datasets": datasets are what is listed, not the data some model was trained on
    understanding = rules.understand(question)
    assert datasets(rules, question) == [] and understanding.filters().get("kind") == ["dataset"]


def test_a_10kB_word_is_read_in_linear_time(rules):
    # a name pattern tried at every letter of one long word ("xxxx...", no space) took seconds on 10 kB
    assert_cpu_within(lambda: rules.understand("x" * 10_000 + " data"), 1.0)
