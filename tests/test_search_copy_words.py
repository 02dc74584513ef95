"""The words for tuned variants, weight formats and quantisers are listed once (``copy_words``) and every pattern that
reads them reads the same list: a word added there is read by the reader, the ranking and the chat alike."""

import re

import pytest

from registry.chat import evidence
from registry.search import searcher, understand
from registry.search.copy_words import EXPORT_FORMATS, QUANTISED_FORMATS, QUANTISERS, TUNED_NAME, TUNED_VARIANTS
from registry.search.names import refused_variant


@pytest.mark.parametrize("word", QUANTISED_FORMATS)
def test_a_quantised_format_is_a_format_in_fewer_bits_everywhere(word):
    name = f"Quill-7B-{word.upper()}"
    assert re.fullmatch(understand.FORMATS, word) and re.search(understand.QUANT_FORMATS, f"a {word} build")
    assert searcher.FEWER_BITS.search(name) and searcher.COPY_SAID.search(f"any {word} copies of Quill?")
    assert searcher.COPY_WORD.fullmatch(word) and searcher.FORMAT_TAG.fullmatch(word)
    assert evidence.FEWER_BITS.search(name.lower())


@pytest.mark.parametrize("word", QUANTISERS)
def test_a_quantiser_in_a_copys_name_is_fewer_bits_for_search_and_chat_alike(word):
    name = f"quill-7b-{word}"
    assert searcher.FEWER_BITS.search(name) and evidence.FEWER_BITS.search(name)  # "mxfp4": chat read none before
    assert searcher.COPY_WORD.fullmatch(word)


@pytest.mark.parametrize("word", EXPORT_FORMATS)
def test_an_export_format_is_a_format_but_not_fewer_bits(word):
    assert re.fullmatch(understand.FORMATS, word) and searcher.COPY_WORD.fullmatch(word)
    assert not searcher.FEWER_BITS.search(f"quill-7b-{word}") and not evidence.FEWER_BITS.search(f"quill-7b-{word}")


@pytest.mark.parametrize("said", ["the instruct one", "the instruction-tuned model", "the chat version", "the IT build",
                                  "the SFT checkpoint", "the DPO one", "any RLHF release"])
def test_a_refused_variant_finds_the_names_the_reader_calls_tuned(said):
    pattern = refused_variant(f"the plain Quill 7B, not {said}")
    variant = said.split()[-2].split("-")[0].lower()
    names = TUNED_VARIANTS["instruct" if variant.startswith("instruct") else variant][1]
    for word in names:
        assert pattern.search(f"Quill-7B-{word}") and TUNED_NAME.search(f"Quill-7B-{word}")
    assert not pattern.search("Quill-7B") and not TUNED_NAME.search("Quill-7B")
