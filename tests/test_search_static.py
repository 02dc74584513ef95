"""The static embedder distilled from MiniLM: loads offline, normalised vectors, meaning survives distillation."""

from __future__ import annotations

import numpy as np
import pytest

from registry.search.embed import make_embedder
from registry.search.static import StaticEmbedder, static_model_dir


@pytest.fixture(scope="module")
def embedder():
    return make_embedder("static")


def test_default_embedder_is_the_static_model(embedder):
    assert isinstance(embedder, StaticEmbedder) and embedder.dim == 256
    assert (static_model_dir() / "model.safetensors").exists()


def test_vectors_are_unit_length_and_deterministic(embedder):
    rows = embedder.embed(["speech recognition", "speech recognition", "", "日本語のテキスト"])
    assert rows.shape == (4, 256)
    assert np.allclose(np.linalg.norm(rows[[0, 1, 3]], axis=1), 1.0, atol=1e-5)
    assert np.allclose(rows[0], rows[1])


def test_related_texts_are_closer_than_unrelated_ones(embedder):
    q, near, far = embedder.embed(["transcribe spoken audio", "automatic speech recognition model",
                                   "generate images of cats with diffusion"])
    assert q @ near > q @ far


def test_a_missing_model_is_reported_not_silently_replaced(tmp_path):
    from registry.search.embed import EmbedderUnavailable

    with pytest.raises(EmbedderUnavailable, match="no distilled static model"):
        StaticEmbedder(tmp_path / "absent", build=False)


def test_embedding_from_many_threads_at_once_matches_one_thread(embedder):
    """A search and the background index catch-up embed at the same time: no error, same vectors."""
    from concurrent.futures import ThreadPoolExecutor

    texts = [f"model number {i} for {topic}" for i, topic in
             enumerate(["speech", "vision", "legal text", "tabular data"] * 50)]
    expected = embedder.embed(texts)
    with ThreadPoolExecutor(max_workers=8) as pool:
        batches = list(pool.map(lambda i: embedder.embed(texts[i:i + 20]), range(0, len(texts), 20)))
    assert np.allclose(np.vstack(batches), expected, atol=1e-6)


def test_a_static_model_in_a_named_directory_is_loaded_under_that_directory_name(embedder, tmp_path):
    """``static:<directory>`` searches with a model distilled elsewhere; its own name keeps its index apart."""
    import shutil

    variant = tmp_path / "variant-a"
    shutil.copytree(static_model_dir(), variant)
    other = make_embedder(f"static:{variant}")
    assert isinstance(other, StaticEmbedder) and other.name == "static-variant-a"
    assert other.slug != embedder.slug
    assert np.allclose(other.embed(["speech recognition"]), embedder.embed(["speech recognition"]))


def test_a_named_static_directory_without_a_model_is_refused_not_distilled(tmp_path):
    from registry.search.embed import EmbedderUnavailable

    with pytest.raises(EmbedderUnavailable, match="no distilled static model"):
        make_embedder(f"static:{tmp_path / 'absent'}")
    assert not (tmp_path / "absent").exists()
