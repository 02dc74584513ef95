"""A low-bit or quantised copy of a base the question names ("a low-bit copy of the plain Gemma 7B, not the instruct
one"): the base's own copies (named as the base, its owner written first or not, but for format and precision words)
come before its fine-tunes, those holding fewer bits before a half-precision export, and a tuned variant the question
refuses is not linked first (docs/search.md, "Ranking", linked first)."""

from __future__ import annotations

import pytest

from registry.search.names import refused_variant
from registry.search.searcher import _copy_name
from tests.factories import concepts_searcher, model_doing, model_pid, task_record

BASE_MODEL = "maker/Quill-7B"
CARD = "A general text model that writes and answers."


@pytest.fixture(scope="module")
def searcher():
    records = [
        task_record("text-generation"),
        model_doing(BASE_MODEL, "text-generation", downloads=90_000, description=CARD),
        model_doing("maker/Quill-7B-it", "text-generation", base_model=BASE_MODEL, downloads=80_000,
                    description="The instruction-tuned Quill 7B: it follows instructions and chats."),
        model_doing("squeeze/maker-Quill-7B-HQQ-1bit-smashed", None, base_model=BASE_MODEL, downloads=1,
                    description="Compressed."),
        model_doing("export/Quill-7B-fp16-ov", None, base_model=BASE_MODEL, downloads=5, description="An export."),
        model_doing("lab/Quill-7B-GPTQ", None, base_model=BASE_MODEL, downloads=3, description="Weights."),
    ]
    records += [model_doing(f"fans/quill-7b-tune-{i}", "text-generation", base_model=BASE_MODEL,
                            downloads=1_000 + i, description="A low-precision friendly Quill 7B chat tune, plain.")
                for i in range(8)]
    yield from concepts_searcher(records)


def _top(searcher, question, n):
    return [h.pid for h in searcher.search(question, per_page=10).results][:n]


def _names(searcher, question):
    return [h.name for h in searcher.search(question, per_page=10).results]


@pytest.mark.parametrize("question", ["Is there a low-bit copy of the plain Quill 7B, not the instruct one?",
                                      "Any low bit versions of Quill 7B?",
                                      "Do you have a quantized build of Quill 7B?"])
def test_the_bases_copies_in_fewer_bits_come_before_its_fine_tunes(searcher, question):
    top = _top(searcher, question, 3)
    assert set(top[:2]) == {model_pid("squeeze/maker-Quill-7B-HQQ-1bit-smashed"), model_pid("lab/Quill-7B-GPTQ")}, \
        _names(searcher, question)
    assert top[2] == model_pid("export/Quill-7B-fp16-ov"), top


def test_a_refused_tuned_variant_is_not_linked_first(searcher):
    hits = _top(searcher, "Is there a low-bit copy of the plain Quill 7B, not the instruct one?", 10)
    assert model_pid("maker/Quill-7B-it") not in hits[:5], hits


@pytest.mark.parametrize("name", ["maker-Quill-7B-HQQ-1bit-smashed", "Quill-7B-fp16-ov", "Quill-7B-QUANTO-int4bit",
                                  "Quill-7B-float8bit"])
def test_a_copys_name_may_write_its_bases_owner_first_and_newer_format_words(name):
    assert _copy_name(name) in {_copy_name("Quill-7B"), _copy_name("maker-Quill-7B")}


@pytest.mark.parametrize("text, name, refused", [
    ("the plain Quill 7B, not the instruct one", "Quill-7B-it", True),
    ("Quill 7B but not the chat version", "Quill-7B-chat-hf", True),
    ("Quill 7B but not the chat version", "Quill-7B-Instruct", False),
    ("anything other than the instruction-tuned one", "Llama-3-8B-Instruct", True),
    ("not the instruct one", "Quill-7B-italian", False),  # "it" is a name's word of its own, not a part of one
])
def test_a_refused_variant_is_found_in_a_models_own_name(text, name, refused):
    pattern = refused_variant(text)
    assert (pattern.search(name) is not None) is refused


def test_no_refusal_reads_no_variant():
    assert refused_variant("the plain Quill 7B") is None


@pytest.fixture(scope="module")
def method_searcher():
    # a base with one copy in a format and fine-tunes made by two methods, the copy the most downloaded after the base
    records = [
        task_record("text-generation"),
        model_doing(BASE_MODEL, "text-generation", downloads=90_000, description=CARD),
        model_doing("lab/Quill-7B-GPTQ", None, base_model=BASE_MODEL, downloads=5_000, description="Weights."),
        model_doing("lab/Quill-7B-mlx", None, base_model=BASE_MODEL, downloads=4_000, description="Weights."),
    ]
    records += [model_doing(f"tuner/Quill-7B-dpo-run-{i}", "text-generation", base_model=BASE_MODEL, downloads=10 + i,
                            keywords=("dpo", "trl"), description="Quill 7B tuned on preference pairs.")
                for i in range(3)]
    records += [model_doing(f"tuner/Quill-7B-sft-run-{i}", "text-generation", base_model=BASE_MODEL, downloads=20 + i,
                            keywords=("sft", "trl"), description="Quill 7B tuned on instructions.")
                for i in range(3)]
    yield from concepts_searcher(records)


@pytest.mark.parametrize("question", ["Which Quill-7B fine-tunes were trained with DPO?",
                                      "Quill 7B models tuned with direct preference optimisation",
                                      "Which Quill-7B fine-tunes were made with TRL?"])
def test_a_method_or_library_named_asks_for_no_copies_of_the_base(method_searcher, question):
    # a method's or library's Hub tag read from the question made the base's copies in a format come first, as if
    # "in GGUF" had been asked
    top = _top(method_searcher, question, 3)
    copies = {model_pid("lab/Quill-7B-GPTQ"), model_pid("lab/Quill-7B-mlx")}
    assert not copies & set(top), _names(method_searcher, question)


def test_a_format_named_still_asks_for_the_bases_copies(method_searcher):
    top = _top(method_searcher, "Is there an MLX version of Quill-7B?", 2)
    assert model_pid("lab/Quill-7B-mlx") == top[0], _names(method_searcher, "Is there an MLX version of Quill-7B?")


@pytest.mark.parametrize("text", ["A GGUF copy of Quill 7B, whether or not it runs on a CPU",
                                  "a quantised Quill 7B; I do not mind if it is slow, but not it being huge",
                                  "Quill 7B in 4-bit, other than it I need nothing"])
def test_the_pronoun_it_after_a_negation_refuses_no_variant(text):
    assert refused_variant(text) is None


@pytest.mark.parametrize("text", ["Quill 7B, not the IT one", "Quill 7B but not -it", "Quill 7B, not the it version"])
def test_it_written_as_a_name_writes_it_is_refused(text):
    assert refused_variant(text).search("Quill-7B-it") is not None
