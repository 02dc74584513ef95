"""The embedder interface every embedder implements: normalised float32 rows, a cached query path."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Sequence

import numpy as np

from registry.errors import MlfdoError

__all__ = ["Embedder", "EmbedderUnavailable", "normalise_rows", "QUERY_CACHE"]

QUERY_CACHE = 512


class EmbedderUnavailable(MlfdoError):
    status, exit_code, title = 503, 1, "Embedding model unavailable"


class Embedder:
    """Base: ``embed(texts)`` for documents, ``embed_query(text)`` for one query (cached)."""

    name = "embedder"
    dim = 0
    inline = False  # cheap enough to embed a query in the searching thread (no worker thread)
    # None: neighbours rank by reciprocal rank above ``min_sim``; a number: they also pass, and score, by how
    # many standard deviations they stand above the query's mean similarity (see searcher._dense_key)
    min_z: float | None = None
    full_z: float | None = None
    # a model that reads a sentence in context embeds the whole question; one that averages word vectors
    # (the static model) only the topic, without the question's frame (``Searcher._dense_text``)
    reads_questions = True
    # True: a keyword match other than the best gets only the share of its dense credit its keyword score leaves open,
    # at most up to the best match (searcher._rank): for an embedder too noisy to reorder what the words found
    yields_to_words = False

    def __init__(self) -> None:
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        raise NotImplementedError

    def embed_query(self, text: str) -> np.ndarray:
        """Return the vector of one query; recent queries come from a small cache."""
        with self._lock:
            hit = self._cache.get(text)
            if hit is not None:
                self._cache.move_to_end(text)
                return hit
        vec = self._embed_one(text)
        with self._lock:
            self._cache[text] = vec
            if len(self._cache) > QUERY_CACHE:
                self._cache.popitem(last=False)
        return vec

    def _embed_one(self, text: str) -> np.ndarray:
        return self.embed([text])[0]

    def close(self) -> None:
        """Release connections (nothing to do for an in-process model)."""

    @property
    def slug(self) -> str:
        """Return a name usable in a collection name."""
        return "".join(c if c.isalnum() else "-" for c in self.name.lower())


def normalise_rows(rows: np.ndarray) -> np.ndarray:
    rows = np.asarray(rows, dtype=np.float32)
    norms = np.linalg.norm(rows, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return rows / norms
