"""Words written as one (a name's "EntityLinking", "VideoPainter", "img2vid") are indexed as their parts too, beside the whole word."""

from __future__ import annotations

import pytest

from registry.search.text import word_parts
from tests.test_search_word_forms import FILLER, make_engine, matched


@pytest.mark.parametrize("written,parts", [
    ("OneGen-EntityLinking-Llama2-7B", ["one", "gen", "entity", "linking", "llama"]),
    ("TencentARC/VideoPainter", ["video", "painter"]),
    ("ShapeNeRF-Text", ["shape", "nerf"]),  # a mixed-case acronym stays whole
    ("XMLParser", ["xml", "parser"]),
    ("img2vid-xt", ["img", "vid"]),
    ("MobileNetV2", ["mobile", "net"]),
])
def test_a_word_written_as_one_splits_where_its_words_join(written, parts):
    assert word_parts(written) == parts


@pytest.mark.parametrize("written", ["LLaNA-7B", "LLaMA", "bert-base-uncased", "Entity Linking", "7B"])
def test_a_word_with_no_join_has_no_parts(written):
    assert word_parts(written) == []


def make_video_engine():
    return make_engine({
        "TencentARC/VideoPainter": {"keywords": ["video inpainting"]},
        "zjunlp/OneGen-EntityLinking-Llama2-7B": {"keywords": ["Entity Linking", "LLMs"]},
        "tencent/HunyuanVideo": {"description": ["Makes clips from prompts."]},
        "acme/painter-bot": {"description": ["Paints portraits."]},
        **FILLER,
    })


def test_the_words_of_a_name_written_as_one_meet_a_query():
    engine = make_video_engine()
    assert matched(engine, "video painter")[0] == "TencentARC/VideoPainter"
    assert matched(engine, "hunyuan") == ["tencent/HunyuanVideo"]
    assert "zjunlp/OneGen-EntityLinking-Llama2-7B" in matched(engine, "entity")


def test_the_whole_word_still_meets_the_name_written_as_one():
    engine = make_video_engine()
    assert matched(engine, "VideoPainter") == ["TencentARC/VideoPainter"]
    assert matched(engine, "hunyuanvideo") == ["tencent/HunyuanVideo"]


def test_code_tags_data_set_names_and_prose_keep_their_words_whole():
    from registry.search.text import sparse_vector, term_id

    ids, _ = sparse_vector({"keywords": ["diffusers:StableDiffusionPipeline"], "dataset": ["acme/GPTeacher-Malayalam"],
                            "description": ["Built with OpenVoice."]})
    assert not {term_id(w) for w in ("stable", "diffusion", "teacher", "voice")} & set(ids)
    named, _ = sparse_vector({"name": ["acme/OpenVoice"]})
    assert term_id("voice") in named


def test_a_tag_written_as_a_phrase_meets_the_phrase_written_as_one():
    from registry.search.document import _joined

    assert _joined(["Entity Linking", "video", "base_model:x", "a b c d"]) == ["entitylinking"]


@pytest.mark.parametrize("written,parts", [
    ("acme/evol-codealpaca-v1", ["code", "alpaca"]),
    ("medalpaca-13b", ["med", "alpaca"]),
    ("dmis-lab/biobert-base", ["bio", "bert"]),
    ("acme/stablediffusion-ft", ["stable", "diffusion"]),
])
def test_a_word_glued_in_small_letters_to_a_model_family_yields_the_word_before_it(written, parts):
    assert word_parts(written) == parts


@pytest.mark.parametrize("written", ["roberta-base", "hubert-large", "bloomz", "chatgpt-clone"])
def test_a_family_name_itself_or_one_after_a_short_head_has_no_parts(written):
    assert word_parts(written) == []


def test_a_query_word_meets_a_name_gluing_it_to_a_model_family():
    engine = make_engine({"AlekseyKorshuk/evol-codealpaca-v1": {"keywords": ["text-generation"]},
                          "acme/alpaca-chat": {"keywords": ["text-generation"]}, **FILLER})
    assert matched(engine, "code") == ["AlekseyKorshuk/evol-codealpaca-v1"]
