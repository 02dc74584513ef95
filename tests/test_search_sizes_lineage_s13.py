"""Sizes and lineage read from a question (session 13): a size class, an approximate count as loose as names round."""

from __future__ import annotations

import pytest

from registry.search.understand import Understander
from tests.cpu import assert_cpu_within


def reader(**facets: list[str]) -> Understander:
    """Return an Understander over an index holding these facet values (one FDO each)."""
    vocab = {facet: {key: (key, 1) for key in keys} for facet, keys in facets.items()}
    return Understander(lambda facet: vocab.get(facet, {}))


# ------------------------------------------------------------ a size class
@pytest.mark.parametrize("query, value", [
    # the counts within a factor 1.25 either way (APPROX_FACTOR)
    ("Which models are in the 24-billion-parameter class?", "19.2B-30B"),
    ("any chat model in the 7B range", "5.6B-8.75B"),
    ("70B-class models for code", "56B-87.5B"),
    ("Which models fall in the 13 billion parameter bracket?", "10.4B-16.25B"),
])
def test_a_size_class_is_the_approximate_count(query, value):
    u = reader(kind=["model"]).understand(query)
    assert u.filters()["params"] == [value]
    assert not {"class", "range", "bracket", "billion"} & set(u.text.lower().split())


def test_a_range_named_as_a_range_keeps_its_bounds_and_takes_the_word():
    u = reader(kind=["model"]).understand("Which models are in the 5 to 10 billion parameter range?")
    assert u.filters()["params"] == ["5B-10B"] and "range" not in u.text


def test_a_size_describing_a_named_model_is_no_class():
    u = reader(kind=["model"]).understand("What has been made from EleutherAI's 20-billion-parameter NeoX model?")
    assert "params" not in u.filters()


# ------------------------------------------------------------ an approximate count as names round it
def test_an_approximate_count_takes_the_counts_its_names_round_to():
    low, high = reader().understand("What do you have at around 32 billion parameters?").filters()["params"][0] \
        .split("-")
    assert low == "25.6B" and high == "40B"  # a "32B" Qwen holds 32.8B: 31.5B-32.5B missed it


@pytest.mark.parametrize("query, value, near", [
    # a "14B" Qwen holds 14.8B; those within 10% rank first (APPROX_NEAR_SHARE)
    ("What do you have with about 14 billion parameters?", "11.2B-17.5B", "12.6B-15.4B"),
    ("Anything in the 24-billion-parameter class?", "19.2B-30B", "21.6B-26.4B"),
])
def test_an_approximate_count_filters_a_quarter_either_side_and_ranks_the_nearest_first(query, value, near):
    u = reader().understand(query)
    assert u.filters()["params"] == [value]
    assert u.boosts()["params"] == [near]


# ------------------------------------------------------------ a base's dated or numbered checkpoint
DEEPSEEK = ["deepseek-ai/DeepSeek-V3", "deepseek-ai/DeepSeek-V3-0324", "huihui-ai/DeepSeek-V3-Pruned-Coder-411B"]
ORCA = ["acme/Orca-Small-12B-Base", "acme/Orca-Small-12B-Base-2409", "acme/Orca-Small-12B-Base-2502"]


@pytest.mark.parametrize("query, facets, wanted", [
    ("Is there anything built on the March 2025 update of DeepSeek-V3 (V3-0324)?", DEEPSEEK,
     ["deepseek-ai/DeepSeek-V3-0324"]),
    ("Anything fine-tuned from DeepSeek-V3, the 0324 one?", DEEPSEEK, ["deepseek-ai/DeepSeek-V3-0324"]),
    ("Which models are fine-tuned from the September 2024 Orca-Small-12B-Base?", ORCA,
     ["acme/Orca-Small-12B-Base-2409"]),
    ("What has been built on Orca Small 12B Base, its checkpoint of February 2025?", ORCA,
     ["acme/Orca-Small-12B-Base-2502"]),
])
def test_a_dated_or_numbered_checkpoint_chooses_the_base_that_carries_it(query, facets, wanted):
    u = reader(kind=["model"], base_model=facets).understand(query)
    assert u.filters()["base_model"] == wanted


@pytest.mark.parametrize("query, plain", [
    ("What did people build on DeepSeek-V3 in July?", "What did people build on DeepSeek-V3?"),
    ("May I use something fine-tuned from DeepSeek-V3?", "Can I use something fine-tuned from DeepSeek-V3?"),
])
def test_a_month_no_checkpoint_carries_leaves_the_base_as_named(query, plain):
    r = reader(kind=["model"], base_model=DEEPSEEK + ["deepseek-ai/DeepSeek-V3-0512"])
    assert r.understand(query).filters()["base_model"] == r.understand(plain).filters()["base_model"]
    assert r.understand(query).filters()["base_model"] != ["deepseek-ai/DeepSeek-V3-0512"]


# ------------------------------------------------------------ lineage with a task; a base's Hub-format name
LLAMA_CHAT = ["meta-llama/Llama-2-7b-chat-hf", "TheBloke/Llama-2-7B-Chat-GGML"]


def test_tuned_from_a_name_reads_the_base_before_a_data_set_holding_its_words():
    u = reader(kind=["model"], task=["question-answering"], base_model=LLAMA_CHAT,
               dataset=["acme/Llama-2-7b-chat-hf-answers-20k"]).understand(
        "Which question-answering models were fine-tuned from Llama 2 7B chat?")
    assert u.filters()["task"] == ["question-answering"]
    assert u.filters()["base_model"] == ["meta-llama/Llama-2-7b-chat-hf"]  # called so, "-hf" aside: a filter
    assert "dataset" not in u.filters() and "dataset" not in u.boosts()


def test_trained_on_a_name_still_reads_the_data_set():
    u = reader(kind=["model"], base_model=LLAMA_CHAT, dataset=["tatsu-lab/alpaca"]).understand(
        "Which models were trained on alpaca?")
    assert u.filters()["dataset"] == ["tatsu-lab/alpaca"]


# ------------------------------------------------------------ a list of quantisation formats of a base
def test_a_list_of_quantisation_formats_asks_for_the_quantised_copies():
    u = reader(kind=["model"], base_model=LLAMA_CHAT).understand(
        "Are there 4-bit, 8-bit or GGML builds of Llama 2 7B chat?")
    assert u.filters()["base_model"] == ["meta-llama/Llama-2-7b-chat-hf"]
    assert "quantized" in u.tags and "quantized" in u.text.split()
    assert {"4-bit", "GGML"} <= set(u.text.replace(",", " ").split())  # the formats stay words of the topic
    assert {"4bit", "gptq"} <= set(u.expansions)


@pytest.mark.parametrize("question", ["gguf, " * 3_400, "mlx or " * 2_900, "4-bit / " * 2_500])
def test_a_long_list_of_formats_is_read_in_time_linear_in_the_question(question):
    # with no copies' noun after it, the list was read from each of its formats to its end: 20 kB took seconds
    from registry.search.understand import FORMATS_COPY_OF
    assert list(FORMATS_COPY_OF.finditer(question)) == []
    assert_cpu_within(lambda: list(FORMATS_COPY_OF.finditer(question)), 0.2)
    # the list's last formats before the noun are still read
    assert FORMATS_COPY_OF.search(question + "gguf builds of x").group(2) == "builds of"


def test_one_format_named_asks_for_that_format_alone():
    u = reader(kind=["model"], base_model=LLAMA_CHAT).understand("Is there a GGUF build of Llama 2 7B chat?")
    assert "quantized" not in u.tags


@pytest.mark.parametrize("query", ["Which checkpoints were trained further from tsavage68's chat_600STEPS_1e8rate_SFT?",
                                   "What was tuned again from chat_600STEPS_1e8rate_SFT?"])
def test_an_adverb_between_the_verb_and_from_keeps_the_lineage(query):
    u = reader(kind=["model"], base_model=["tsavage68/chat_600STEPS_1e8rate_SFT", "tsavage68/chat_150STEPS_SFT"]) \
        .understand(query)
    assert u.filters()["base_model"] == ["tsavage68/chat_600STEPS_1e8rate_SFT"]


# ------------------------------------------------------------ an owner's possessive before a base's name
MISTRAL_SMALL = ["mistralai/Mistral-Small-24B-Base-2501", "unsloth/Mistral-Small-24B-Base-2501",
                 "mistralai/Mistral-Small-24B-Instruct-2501"]


@pytest.mark.parametrize("query", [
    "What has been fine-tuned or merged from Mistral's Small 24B base checkpoint of January 2025?",
    "Which models were fine-tuned from Mistral's Small 24B Base?",
])
def test_an_owners_possessive_keeps_the_owners_base_not_a_copy_under_another_account(query):
    u = reader(kind=["model"], base_model=MISTRAL_SMALL).understand(query)
    read = [r for r in u.recognised if r.facet == "base_model"]
    assert read and all(v.startswith("mistralai/") for r in read for v in r.values)
    assert "mistralai/Mistral-Small-24B-Base-2501" in read[0].values


def test_a_base_named_without_an_owner_keeps_every_account_holding_it():
    u = reader(kind=["model"], base_model=MISTRAL_SMALL).understand(
        "Which models were fine-tuned from Mistral Small 24B Base 2501?")
    read = {v for r in u.recognised if r.facet == "base_model" for v in r.values}
    assert {"mistralai/Mistral-Small-24B-Base-2501", "unsloth/Mistral-Small-24B-Base-2501"} <= read
