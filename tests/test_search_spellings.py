"""One term written several ways (an acronym and its expansion, a weight precision) meets every way it is written."""

from __future__ import annotations

import pytest

from registry.search.text import spellings, tokens
from tests.test_search_word_forms import FILLER, make_engine, matched


@pytest.mark.parametrize("text,term", [
    ("a mixture-of-experts design", "moe"),
    ("Mixture of Experts", "moe"),
    ("named entity recognition", "ner"),
    ("large language models", "llm"),
    ("stored in 8-bit", "8bit"),
    ("8 bit weights", "8bit"),
    ("int8", "8bit"),
    ("QUANTO-int8bit-smashed", "8bit"),
    ("float8bit", "8bit"),
    ("fp16", "16bit"),
    ("bf16", "16bit"),
    ("Q4_K_M", "4bit"),
    ("int4", "4bit"),
])
def test_a_term_written_another_way_is_read_as_the_term(text, term):
    assert [t for _, _, t in spellings(tokens(text))] == [term]


@pytest.mark.parametrize("text", ["8bit", "moe", "Llama-3.1-8B", "v2", "experts in a mixture", "20 bits of text"])
def test_the_term_itself_and_words_that_only_share_its_parts_are_no_other_spelling(text):
    assert spellings(tokens(text)) == []


def make_moe_engine():
    return make_engine({
        "acme/spelled-out": {"description": ["A sparse mixture of experts with eight experts per layer."]},
        "acme/acronym": {"keywords": ["moe"], "description": ["Routes each token to two experts."]},
        "acme/dense": {"description": ["A dense decoder trained on web text."]},
        **FILLER,
    })


def test_an_acronym_meets_the_records_that_only_spell_it_out_and_the_other_way_round():
    engine = make_moe_engine()
    assert set(matched(engine, "MoE")) == {"acme/spelled-out", "acme/acronym"}
    assert set(matched(engine, "mixture-of-experts")) == {"acme/spelled-out", "acme/acronym"}


def test_a_precision_meets_every_way_it_is_written():
    engine = make_engine({
        "acme/model-8bit": {"description": ["Weights quantized."]},
        "acme/model-int8": {"description": ["Weights quantized."]},
        "acme/model-quanto-int8bit-smashed": {"description": ["Weights quantized."]},
        "acme/model": {"description": ["Weights stored in 8-bit."]},
        "acme/model-4bit": {"description": ["Weights quantized."]},
        "acme/llama-3-8b": {"description": ["Eight billion parameters."]},
        **FILLER,
    })
    eight = {"acme/model-8bit", "acme/model-int8", "acme/model-quanto-int8bit-smashed", "acme/model"}
    for query in ("8-bit", "8bit", "int8", "8 bit"):
        assert set(matched(engine, query)) == eight, query
    assert matched(engine, "4-bit") == ["acme/model-4bit"]


@pytest.mark.parametrize("text,terms", [("squeezed to one or two bits", ["1bit", "2bit"]), ("four bits", ["4bit"]),
                                        ("in 4 or 8 bits", ["4bit", "8bit"])])
def test_a_questions_precision_written_in_words_or_shared_by_two_numbers_is_read_as_each(text, terms):
    assert [t for _, _, t in spellings(tokens(text), spoken=True)] == terms
    assert "1bit" not in [t for _, _, t in spellings(tokens("one bit of text"))]  # a record is read as written


def test_a_question_in_bits_written_as_words_meets_the_records_of_those_precisions():
    engine = make_engine({
        "acme/model-hqq-1bit": {"description": ["Weights quantized."]},
        "acme/model-int2bit": {"description": ["Weights quantized."]},
        "acme/model-8bit": {"description": ["Weights quantized."]},
        **FILLER,
    })
    assert set(matched(engine, "one or two bits")) == {"acme/model-hqq-1bit", "acme/model-int2bit"}


def test_the_words_of_a_spelling_no_record_holds_still_decide():
    # no record holds ner (nor its words in a row): the words met apart still make a match, as before
    engine = make_engine({
        "acme/entity-linker": {"description": ["Links each entity to a knowledge base."]},
        "acme/speech": {"description": ["Speech recognition for meetings."]},
        **FILLER,
    })
    assert set(matched(engine, "named entity recognition")) == {"acme/entity-linker", "acme/speech"}


@pytest.mark.parametrize("text,joined", [
    ("Anything for K-pop fans?", [("kpop", 2)]),
    ("K pop", [("kpop", 2)]),
    ("an e mail assistant", [("email", 2)]),
    ("good at role-play", [("roleplay", 2)]),
    ("a co-pilot for code", [("copilot", 2)]),
    ("text-to-speech", []),  # a phrase written with hyphens: "to" is no part of a word
    ("I need a cat", []),  # the words "I" and "a" are no lone letters of a compound
])
def test_a_compound_written_in_parts_is_also_read_as_one_word(text, joined):
    from registry.search.text import compounds

    assert compounds(text) == joined


def make_kpop_engine():
    return make_engine({
        "fan/idol-model": {"keywords": ["KPOP", "AI"], "description": ["A fan model."]},
        "acme/k-pop-lyrics": {"description": ["Writes lyrics."]},
        "acme/llama-Q4_K_M": {"description": ["A quantized chat model."]},
        "acme/pop-art": {"keywords": ["art"], "description": ["Paints pop art."]},
        **FILLER,
    })


def test_a_hyphenated_compound_meets_the_tag_writing_it_as_one_and_the_other_way_round():
    engine = make_kpop_engine()
    got = matched(engine, "K-pop fans")
    assert got[0] in {"fan/idol-model", "acme/k-pop-lyrics"} and {"fan/idol-model", "acme/k-pop-lyrics"} <= set(got)
    # the lone letter of the compound decides nothing while an FDO writes the compound as one: a quant is no K-pop
    assert "acme/llama-Q4_K_M" not in got
    assert set(matched(engine, "kpop")) == {"fan/idol-model", "acme/k-pop-lyrics"}
    assert "fan/idol-model" in matched(engine, "K pop")


@pytest.mark.parametrize("text,alone", [("the top 5 4-bit models", "5bit"), ("one 8-bit build of llama", "1bit")])
def test_a_count_before_a_precision_is_no_precision_of_its_own(text, alone):
    # "5 4-bit models" are five models in 4 bits: only numbers joined by "or", "and", "to" share the unit
    from registry.search.text import query_terms, term_id
    terms = query_terms(text)
    assert term_id(alone) not in terms and term_id(text.split("-bit")[0].split()[-1] + "bit") in terms
    assert {term_id("4bit"), term_id("8bit")} <= set(query_terms("4 or 8 bits"))
