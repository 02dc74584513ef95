"""A loopback server speaking the part of Ollama's HTTP API the chat uses: /api/chat, /api/embed.

The only stand-in for Ollama in the tests (no Ollama server runs here). By default a chat reply
is built from the prompt's first fact, the way a well-behaved model would answer; a test sets
``reply`` (a string or a callable over the messages) to script other behaviour, such as a model
that invents a name. Embeddings are deterministic hashed bags of words, so similar texts are
close. Every request is recorded in ``requests``.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
import threading
import time
from collections.abc import Callable
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

__all__ = ["OllamaStub", "EMBED_DIM"]

EMBED_DIM = 64


def _now() -> str:
    return datetime.now(timezone.utc).isoformat().replace("+00:00", "Z")


def embed_text(text: str) -> list[float]:
    """Return a unit vector: hashed bag of lower-cased words."""
    vec = [0.0] * EMBED_DIM
    for word in re.findall(r"[a-z0-9]+", text.lower()):
        h = int(hashlib.sha256(word.encode()).hexdigest(), 16)
        vec[h % EMBED_DIM] += 1.0 if (h >> 8) % 2 else -1.0
    norm = math.sqrt(sum(v * v for v in vec)) or 1.0
    return [v / norm for v in vec]


def grounded_reply(messages: list[dict]) -> str:
    """Answer from the first fact of the prompt: '<name> [1]: <its first fact line>.'"""
    user = messages[-1]["content"] if messages else ""
    block = user.split("QUESTION:", 1)[0]
    lines = [line.strip() for line in block.splitlines() if line.strip() and not line.startswith(("FACTS", "TABLE"))]
    if not lines:
        return "The registry does not record this."
    m = re.match(r"\[(\d+)\]\s+(.*)", lines[0])
    if m:
        detail = lines[1] if len(lines) > 1 else ""
        return f"{m.group(2)} [{m.group(1)}] has {detail}."
    return f"According to the registry, {lines[0]}."


class OllamaStub:
    """Start with ``with OllamaStub() as stub:``; ``stub.url`` is the OLLAMA_HOST to use."""

    def __init__(self, models: tuple[str, ...] = ("stub-llm", "stub-embed"),
                 reply: str | Callable[[list[dict]], str] | None = None, chunk_delay: float = 0.0) -> None:
        self.models = set(models)
        self.reply = reply
        self.chunk_delay = chunk_delay
        self.requests: list[tuple[str, dict]] = []
        stub = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args) -> None:  # keep test output quiet
                pass

            def _json(self, status: int, body: dict) -> None:
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self) -> None:
                if self.path == "/api/version":
                    self._json(200, {"version": "0.0.0-stub"})
                elif self.path == "/api/tags":
                    self._json(200, {"models": [{"name": m, "model": m} for m in sorted(stub.models)]})
                else:
                    self._json(404, {"error": "not found"})

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                try:
                    body = json.loads(self.rfile.read(length) or b"{}")
                except json.JSONDecodeError:
                    self._json(400, {"error": "invalid JSON"})
                    return
                stub.requests.append((self.path, body))
                model = body.get("model", "")
                if self.path in ("/api/chat", "/api/embed") and model not in stub.models:
                    self._json(404, {"error": f"model '{model}' not found, try pulling it first"})
                elif self.path == "/api/chat":
                    self._chat(body)
                elif self.path == "/api/embed":
                    inputs = body.get("input", "")
                    inputs = [inputs] if isinstance(inputs, str) else list(inputs)
                    self._json(200, {"model": model, "embeddings": [embed_text(t) for t in inputs],
                                     "total_duration": 1000, "prompt_eval_count": len(inputs)})
                else:
                    self._json(404, {"error": "not found"})

            def _chat(self, body: dict) -> None:
                messages = body.get("messages") or []
                if body.get("format"):  # structured output (the search's query reading): an empty reading
                    reply = "{}"
                else:
                    reply = stub.reply(messages) if callable(stub.reply) else (stub.reply or grounded_reply(messages))
                limit = (body.get("options") or {}).get("num_predict")
                pieces = re.findall(r"\S+\s*", reply)
                if isinstance(limit, int) and limit > 0:
                    pieces = pieces[:limit]
                model = body.get("model")
                if body.get("stream", True) is False:
                    self._json(200, {"model": model, "created_at": _now(), "done": True, "done_reason": "stop",
                                     "message": {"role": "assistant", "content": "".join(pieces)}})
                    return
                self.send_response(200)
                self.send_header("Content-Type", "application/x-ndjson")
                self.send_header("Transfer-Encoding", "chunked")
                self.end_headers()
                for piece in pieces:
                    if stub.chunk_delay:
                        time.sleep(stub.chunk_delay)
                    self._chunk({"model": model, "created_at": _now(), "done": False,
                                 "message": {"role": "assistant", "content": piece}})
                self._chunk({"model": model, "created_at": _now(), "done": True, "done_reason": "stop",
                             "message": {"role": "assistant", "content": ""}, "eval_count": len(pieces)})
                self.wfile.write(b"0\r\n\r\n")

            def _chunk(self, obj: dict) -> None:
                data = json.dumps(obj).encode() + b"\n"
                self.wfile.write(f"{len(data):x}\r\n".encode() + data + b"\r\n")
                self.wfile.flush()

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, name="ollama-stub", daemon=True)

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def start(self) -> "OllamaStub":
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def __enter__(self) -> "OllamaStub":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()
