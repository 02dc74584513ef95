"""The words that say what a model's copy or variant is: a tuned variant ("-Instruct", "-it", "not the chat one"), a
weight format ("-GGUF", "an MLX build") or a library quantising weights ("-HQQ"). One list of each, which the reader
(``understand``), the ranking (``searcher``, ``names``) and the chat's evidence build their patterns from
(docs/search.md, "Copies in a format or fewer bits")."""

from __future__ import annotations

import re

__all__ = ["TUNED_VARIANTS", "TUNED_NAME", "variant_name", "QUANTISED_FORMATS", "QUANTISERS", "EXPORT_FORMATS",
           "one_of"]

# a tuned variant: how a question writes it, and the words a model's own name writes it with (``-it``, ``-Instruct``,
# ``-chat``; "instruct" and "it" are one variant)
# ("it" is that variant only written as names write it, "IT" or "-it", or before a word for a variant: "whether or
# not it runs on a CPU" says no variant)
TUNED_VARIANTS: dict[str, tuple[str, tuple[str, ...]]] = {
    "instruct": (r"instruct(?:ion)?(?:[ -]tuned)?", ("instruct", "it")),
    "chat": (r"chat", ("chat",)),
    "it": (r"(?-i:IT)|-it|it(?=\s+(?:one|version|variant|model|build|checkpoint|release)s?\b)", ("instruct", "it")),
    "sft": (r"sft", ("sft",)),
    "dpo": (r"dpo", ("dpo",)),
    "rlhf": (r"rlhf", ("rlhf",)),
}


def one_of(words) -> str:
    """Return ``words`` as a regex alternation, each once, in their order."""
    return "|".join(dict.fromkeys(words))


def variant_name(words) -> re.Pattern:
    """Return a pattern finding one of ``words`` as a part of a model's own name ("gemma-7b-it": it)."""
    return re.compile(rf"(?:^|[-_.])(?:{one_of(words)})(?:$|[-_.])", re.I)


TUNED_NAME = variant_name(w for _, names in TUNED_VARIANTS.values() for w in names)  # an instruction-tuned variant's name

# formats holding weights in fewer bits than trained in, as names, tags and questions write them
QUANTISED_FORMATS = ("gguf", "ggml", "gptq", "awq", "exl2", "bnb")
# libraries and number formats quantising weights, written in copies' names ("-HQQ", "-nf4", "-MXFP4")
QUANTISERS = ("hqq", "quanto", "nf4", "mxfp4")
# formats weights are exported to for a runtime, not in fewer bits by themselves ("-MLX", "-onnx", "-ov")
EXPORT_FORMATS = ("mlx", "onnx", "openvino")
