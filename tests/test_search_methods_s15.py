"""Training methods as concepts of the vocabulary (`methods.ttl`): their acronyms and written-out names read as one
another, their Hub tags and name markers met, methods without an acronym (distillation, merging, pruning) read where
no model is named as the source, harvested as concept FDOs, and a question about a method answered with models
(session 15)."""

from __future__ import annotations

import pytest

from harvesters.vocabularies import concept_records
from registry.search.method_terms import methods, methods_of
from registry.search.patterns import ACRONYMS, METHODS
from registry.search.understand import Understander
from tests.factories import BASE, model_doing, model_pid, registry_holding, task_record


def reader() -> Understander:
    return Understander(lambda facet: {}, tag_holders=lambda tag: 0)


def test_the_method_concepts_give_every_acronym_its_written_out_names():
    # the rows the hand table held, now read from the vocabulary, with nothing lost
    assert ACRONYMS["dpo"] == ("direct preference optimization", "direct preference optimisation")
    assert ACRONYMS["kto"] == ("kahneman tversky optimization", "kahneman tversky optimisation", "kahneman tversky")
    assert ACRONYMS["sft"] == ("supervised fine tuning", "supervised finetuning", "supervised fine tuned",
                               "supervised finetuned")
    assert ACRONYMS["spin"] == ("self play fine tuning", "self play finetuning")
    assert {"rlhf", "rlaif", "dpo", "orpo", "grpo", "ppo", "kto", "simpo", "sft", "moe", "lora", "qlora",
            "peft"} == METHODS  # SPIN is an everyday word: read from its written-out names only
    assert {"distillation", "merging", "pruning"} <= {m.key for m in methods()}


def test_a_method_added_to_a_vocabulary_file_is_read_with_its_names_and_markers(tmp_path):
    path = tmp_path / "methods.ttl"
    path.write_text("""@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix mlfdo: <https://w3id.org/mlfdo/ns#> .
@prefix mv: <https://w3id.org/mlfdo/vocab/> .
mv:method-ipo a skos:Concept ; skos:inScheme mv:method ; skos:notation "ipo" ; mlfdo:acronym "IPO" ;
    skos:prefLabel "identity preference optimisation"@en ; skos:altLabel "Identity-Preference Optimization"@en ;
    mlfdo:hubTag "ipo" ; mlfdo:nameMarker "ipo-tuned" .
""")
    (ipo,) = methods_of(path)
    assert (ipo.key, ipo.acronym, ipo.everyday) == ("ipo", "IPO", False)
    assert ipo.phrases == ("identity preference optimisation", "identity preference optimization")
    assert ipo.markers == ("ipo", "ipo-tuned")


def test_the_method_concepts_are_harvested_as_fdos_with_their_names():
    records = {r.platform_id: r for r in concept_records(BASE) if r.platform == "method"}
    assert {"dpo", "kto", "distillation", "merging"} <= set(records)
    names = {t.object.value for t in records["dpo"].triples if t.predicate.value.endswith(("name", "alternateName"))}
    assert {"direct preference optimization", "direct preference optimisation"} <= names


@pytest.mark.parametrize("question, tag", [
    ("Which models were tuned with reinforcement learning from AI feedback?", "rlaif"),
    ("LLMs trained via PPO", "ppo"),
    ("any mixture-of-experts chat model?", "moe"),
    ("Which models were aligned with odds-ratio preference optimisation?", "orpo"),
    ("parameter-efficient fine-tuning of Llama 2 for SQL", "peft"),
])
def test_other_methods_and_phrasings_meet_their_tags(question, tag):
    assert tag in reader().understand(question).tags


@pytest.mark.parametrize("question, tags", [
    ("Are there any distilled language models?", {"distillation", "distill", "distil"}),
    ("student models distilled from larger teacher models", {"distillation", "distill"}),
    ("Which chat models use knowledge distillation?", {"distillation"}),
    ("models that are a merge of other models", {"merge", "mergekit", "merged"}),
    ("Which models were built by model merging?", {"merge", "mergekit"}),
    ("a merged 7B model for role play", {"merge", "mergekit"}),
    ("pruned models for text generation", {"pruned"}),
])
def test_a_method_without_an_acronym_meets_its_tags_and_name_words(question, tags):
    assert tags <= set(reader().understand(question).tags)


@pytest.mark.parametrize("question", [
    "a distillation of DeepSeek-R1 into Qwen",
    "a distilled version of Qwen",
    "a merge of Mistral and Zephyr",
    "models merged with Mistral",
])
def test_distilled_or_merged_naming_the_source_model_is_no_method(question):
    # the source model's children are asked for (the base's rules), not every distilled or merged model
    tags = set(reader().understand(question).tags)
    assert not tags & {"distillation", "distill", "merge", "mergekit"}


MODELS = [
    model_doing("lab/helper-7b-dpo", "text-generation", downloads=5, keywords=("dpo",),
                description="A chat model aligned on preference pairs."),
    model_doing("lab/helper-7b-sft", "text-generation", downloads=50, keywords=("sft",),
                description="A chat model tuned on instructions."),
    model_doing("lab/Widget-13B-merge", "text-generation", downloads=4, keywords=("merge", "mergekit"),
                description="Two chat models combined."),
    model_doing("lab/big-chat", "text-generation", downloads=900, description="A large chat model."),
]


@pytest.fixture(scope="module")
def registry():
    yield from registry_holding([task_record("text-generation")] + MODELS)


@pytest.mark.parametrize("question, first", [
    ("Which models were trained with DPO?", "lab/helper-7b-dpo"),
    ("Which models were trained with direct preference optimisation?", "lab/helper-7b-dpo"),
    ("Which models are a merge of other models?", "lab/Widget-13B-merge"),
])
def test_a_question_about_a_method_lists_models_not_the_method_concept(chat, question, first):
    answer = chat.ask(question)
    put = [c.pid for c in answer.answers]
    assert put and put[0] == model_pid(first)
    assert all("/fdo/" in p and p in {model_pid(r.platform_id) for r in MODELS} for p in put)


def test_a_method_a_library_used_to_be_called_by_keeps_its_own_word():
    # "QLoRA" read as the LoRA library's tag replaced the word: the models named qlora-... lost what shows them
    u = reader().understand("Which models were trained with QLoRA adapters?")
    assert "qlora" in u.tags and "qlora" in u.text.lower().split()
