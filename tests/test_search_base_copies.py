"""Under a base model the question names, its derivatives meeting what else the question asks (a language it states, a
format it names) come first, and the base's own copies in other formats (named as the base but for a format or
precision word) are not linked first when the question asks for something they do not add (docs/search.md,
"Ranking", linked first)."""

from __future__ import annotations

import pytest

from registry.search import get_searcher
from registry.search.searcher import _copy_name
from registry.service import Registry
from tests.factories import BASE, model_doing, model_pid, task_record

BIG = "acme/Big-R1"
CARD = "A large reasoning model that thinks step by step before it answers."


@pytest.fixture(scope="module")
def searcher():
    registry = Registry.open({"BASE_URL": BASE, "LLM": "extractive"}, in_memory=True, environ={})
    models = [
        model_doing(BIG, "text-generation", downloads=90000, description=CARD),
        model_doing("nvidia/Big-R1-FP4", "text-generation", base_model=BIG, downloads=50000, description=CARD),
        model_doing("other/Big-R1-bf16", "text-generation", base_model=BIG, downloads=4000, description=CARD),
        model_doing("quant/Big-R1-GGUF", None, base_model=BIG, downloads=0, description="Quantised files."),
        model_doing("solo/helper", "text-generation", base_model=BIG, downloads=0, languages=("zh",),
                    description="A small assistant."),
        model_doing("solo/plain-tune", "text-generation", base_model=BIG, downloads=300,
                    description="A reasoning model tuned on maths."),
    ]
    registry.store.ingest_many([task_record("text-generation")] + models)
    yield get_searcher(registry)
    registry.close()


def test_a_copys_name_without_its_format_words_is_its_bases_name():
    base = _copy_name("DeepSeek-R1")
    assert base == _copy_name("DeepSeek-R1-FP4") == _copy_name("DeepSeek-R1-bf16") == _copy_name("DeepSeek-R1-i1-GGUF")
    assert _copy_name("EXAONE-Deep-32B-Q4_K_M-GGUF") == _copy_name("EXAONE-Deep-32B-mlx-8Bit") == \
        _copy_name("EXAONE-Deep-32B")
    assert _copy_name("DeepSeek-R1-Distill-Qwen-32B") != base


def test_a_derivative_stating_the_language_asked_for_goes_first_and_the_bases_copies_after_the_derivatives(searcher):
    r = searcher.search("Which of the models built on Big-R1 are meant for Chinese?", per_page=10)
    ranked = [h.pid for h in r.results]
    assert ranked[0] == model_pid("solo/helper")
    copies = [ranked.index(model_pid(n)) for n in ("nvidia/Big-R1-FP4", "other/Big-R1-bf16")]
    assert min(copies) > ranked.index(model_pid("solo/plain-tune"))


def test_the_copies_stay_first_when_a_format_is_asked_for(searcher):
    r = searcher.search("Can I get Big-R1 as a GGUF file?", per_page=10)
    assert [r.values for r in r.understanding.recognised if r.facet == "base_model"] == [(BIG,)]
    assert r.results[0].pid == model_pid("quant/Big-R1-GGUF")


def test_without_another_constraint_the_copies_keep_their_place(searcher):
    r = searcher.search("What has been built on Big-R1?", per_page=10)
    assert r.results[0].pid == model_pid("nvidia/Big-R1-FP4")  # the most downloaded derivative


def test_what_a_linked_fdo_carries_of_the_other_asks_counts_a_stated_language_and_not_the_task(searcher):
    qu = searcher.understand("Which chat models built on Big-R1 speak Chinese?")
    assert any(r.facet == "task" for r in qu.recognised)
    tiers: list = []
    searcher._boost_score(qu, {}, frozenset({"language"}), tiers)
    [tier] = tiers
    slot = searcher.engine.slot_of
    assert tier[slot[model_pid("solo/helper")]] > 0  # states Chinese
    assert tier[slot[model_pid("solo/plain-tune")]] == 0  # states the task only: every derivative does


def test_a_possessive_or_a_letter_of_the_question_is_no_format_asked_for(searcher):
    # the "s" of "Acme's" was read as a quant's size letter ("Q4_K_S"): the question seemed to ask for copies in a
    # format, and the base's copies were linked first again
    r = searcher.search("Which of Acme's models built on Big-R1 are meant for Chinese?", per_page=10)
    ranked = [h.pid for h in r.results]
    assert ranked[0] == model_pid("solo/helper")
    copies = [ranked.index(model_pid(n)) for n in ("nvidia/Big-R1-FP4", "other/Big-R1-bf16")]
    assert min(copies) > ranked.index(model_pid("solo/plain-tune"))


def test_the_copies_of_a_base_are_read_once_per_index_generation(searcher, monkeypatch):
    # every derived model's name was read on every search asking the base's derivatives for more (thousands of
    # derived models of a popular base at scale); they are read again only when the index changes
    question = "Which models built on Big-R1 are meant for Chinese?"
    searcher.search(question)
    from registry.search import searcher as module
    read = []
    monkeypatch.setattr(module, "_copy_name", lambda name: read.append(name) or _copy_name(name))
    searcher.search(question + " ")
    assert read == []
    searcher.engine.generation += 1
    ranked = [h.pid for h in searcher.search(question + "  ").results]
    assert read and ranked[0] == model_pid("solo/helper")
