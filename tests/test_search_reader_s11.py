"""The question reader's spans (session 11): size constraints' own words, names written with underscores,
licence names, model variants, relations and data set names read from the words around them."""

from __future__ import annotations

import pytest

from registry.search.understand import Understander


def reader(**facets: list[str]) -> Understander:
    """Return an Understander over an index holding these facet values (one FDO each)."""
    vocab = {facet: {key: (key.replace("-", " ").title() if facet == "task" else key, 1) for key in keys}
             for facet, keys in facets.items()}
    return Understander(lambda facet: vocab.get(facet, {}))


# ------------------------------------------------------------ a size constraint's own words
@pytest.mark.parametrize("query, value", [
    ("Which models sit between 10 and 30 billion parameters?", "10B-30B"),
    ("Which models have a few hundred million parameters, between 100 million and one billion?", "100M-1B"),
    ("Which models fall under 2 billion parameters?", "<2B"),
])
def test_a_verb_placing_models_in_a_size_and_a_vague_count_restating_it_are_the_size_constraints_words(query, value):
    u = reader(kind=["model"]).understand(query)
    assert u.filters()["params"] == [value]
    assert u.text == ""  # no word is left to match: the size alone decides, as for "between 100M and 1B parameters"


def test_a_verb_apart_from_the_size_and_a_vague_count_without_a_size_constraint_stay_words():
    u = reader().understand("photos of people sitting, under 1 billion parameters")
    assert u.filters()["params"] == ["<1B"] and "sitting" in u.text
    u = reader().understand("a chat model with a few billion parameters")
    assert "params" not in u.filters() and "billion" in u.text


# ------------------------------------------------------------ relations
@pytest.mark.parametrize("query", ["Has anyone built something on top of xAI's Grok-1?",
                                   "Who built models upon Grok-1?", "Has anybody built anything on Grok-1?"])
def test_what_was_built_between_built_and_on_leaves_the_relation_to_the_base_model(query):
    u = reader(base_model=["xai-org/grok-1", "acme/llama-7b"], author=["xai-org", "acme"]).understand(query)
    assert [r.values for r in u.recognised if r.facet == "base_model"] == [("xai-org/grok-1",)]


# ------------------------------------------------------------ a model's variant named beside its name
GEMMA = ["google/gemma-7b", "google/gemma-7b-it", "acme/gemma-7b-sft", "acme/gemma-7b-it-gguf"]


def bases(query: str, keys=GEMMA) -> list[tuple[str, ...]]:
    return [r.values for r in reader(base_model=keys).understand(query).recognised if r.facet == "base_model"]


@pytest.mark.parametrize("query", ["Which models start from the instruction-tuned Gemma 7B rather than the base one?",
                                   "Is there a quantised file of Gemma 7B instruct for llama.cpp?",
                                   "fine-tunes of the chat Gemma 7B"])
def test_an_instruction_tuned_or_chat_word_beside_a_name_selects_the_variant_so_called(query):
    assert bases(query) == [("google/gemma-7b-it",)]


def test_without_a_variant_word_or_a_variant_held_the_name_reads_as_before():
    assert bases("Which models start from Gemma 7B?") == [("google/gemma-7b",)]
    assert bases("Which models start from the instruction-tuned Gemma 7B?", ["google/gemma-7b"]) == [("google/gemma-7b",)]


@pytest.mark.parametrize("query", ["Is there a quantised copy of Gemma 7B?", "quantised copies of Gemma 7B",
                                   "Are there any lower-precision builds of Gemma 7B?"])
def test_a_copy_in_fewer_bits_is_read_as_quantized_up_to_the_name_wherever_it_stands(query):
    u = reader(base_model=GEMMA).understand(query)
    assert u.text.endswith("quantized Gemma 7B")


# ------------------------------------------------------------ a dataset named by one word in a question about training
DATASETS = ["HuggingFaceTB/finemath", "simplescaling/s1K", "simplescaling/s1K-1.1", "acme/math"]


def datasets(query: str) -> list[tuple[str, ...]]:
    return [r.values for r in reader(dataset=DATASETS).understand(query).recognised if r.facet == "dataset"]


@pytest.mark.parametrize("query, key", [
    ("Which models were taught maths with the FineMath web pages?", "HuggingFaceTB/finemath"),
    ("Which models used the small s1K set of hard reasoning questions?", "simplescaling/s1K"),
])
def test_a_word_written_as_a_held_datasets_name_after_a_training_verb_and_before_a_data_word_links_it(query, key):
    assert datasets(query) == [(key,)]


@pytest.mark.parametrize("query", ["Which models used the math set?",  # a plain word, not written as a name
                                   "Is FineMath a good set of pages?",  # no training verb
                                   "Which models were trained by FineMath?"])  # no word for data after it
def test_a_dataset_name_without_a_training_verb_a_data_word_or_a_name_s_writing_links_nothing(query):
    assert datasets(query) == []
