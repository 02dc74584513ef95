"""A loopback HTTP server for replaying a platform's recorded answers (demo and tests).

Subclasses implement ``answer(path, query) -> Reply``. The server counts requests by kind,
and can inject faults (a status and body for requests matching a pattern, a delay, a
malformed body) so tests drive the real clients through every failure they must survive.
"""

from __future__ import annotations

import gzip
import re
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

__all__ = ["BackgroundServer", "LoopbackServer", "Reply", "Fault"]


@dataclass
class Reply:
    """One HTTP answer."""

    status: int
    body: bytes = b""
    content_type: str = "text/xml; charset=utf-8"
    kind: str = "other"
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class Fault:
    """An injected answer for requests whose path and query match ``pattern``."""

    pattern: re.Pattern
    status: int
    body: bytes
    times: int
    delay: float = 0.0


class BackgroundServer:
    """A threading HTTP server on 127.0.0.1 in a background thread; a context manager."""

    name = "loopback"

    def __init__(self, handler_class: type[BaseHTTPRequestHandler], *, host: str = "127.0.0.1",
                 port: int = 0) -> None:
        self.httpd = ThreadingHTTPServer((host, port), handler_class)
        self.httpd.daemon_threads = True
        self.httpd.replay = self  # handlers reach their server's state through it
        self.thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}"

    def start(self):
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05},
                                       name=self.name, daemon=True)
        self.thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        if self.thread is not None:
            self.thread.join(timeout=5)

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


class LoopbackServer(BackgroundServer):
    """Serve ``answer()`` on 127.0.0.1 in a background thread; count and fault requests."""

    gzip = False  # compress bodies as the real platform does

    def __init__(self, *, port: int = 0) -> None:
        self.counts: Counter[str] = Counter()
        self.faults: list[Fault] = []
        self.lock = threading.Lock()
        super().__init__(_handler_for(self), port=port)

    def fail(self, pattern: str, status: int, body: bytes | str = b"", *, times: int = 1, delay: float = 0.0) -> None:
        """Answer the next ``times`` requests matching ``pattern`` with ``status`` and ``body`` (after ``delay`` s)."""
        data = body.encode("utf-8") if isinstance(body, str) else body
        with self.lock:
            self.faults.append(Fault(re.compile(pattern), status, data, times, delay))

    def reset_counts(self) -> None:
        with self.lock:
            self.counts.clear()

    @property
    def total_requests(self) -> int:
        return sum(self.counts.values())

    def take_fault(self, target: str) -> Fault | None:
        with self.lock:
            for fault in self.faults:
                if fault.times > 0 and fault.pattern.search(target):
                    fault.times -= 1
                    return fault
        return None

    def answer(self, path: str, query: dict[str, list[str]]) -> Reply:  # pragma: no cover - abstract
        raise NotImplementedError


def _handler_for(server: LoopbackServer):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format, *args):  # noqa: A002 - keep test output clean
            pass

        def do_GET(self) -> None:  # noqa: N802 - http.server naming
            parts = urlsplit(self.path)
            query = parse_qs(parts.query, keep_blank_values=True)
            fault = server.take_fault(self.path)
            if fault is not None:
                if fault.delay:
                    time.sleep(fault.delay)
                reply = Reply(fault.status, fault.body, kind="fault")
            else:
                try:
                    reply = server.answer(parts.path, query)
                except Exception as exc:  # a bug in the replay must show as a 500, not a hang
                    reply = Reply(500, f"replay error: {type(exc).__name__}: {exc}".encode(), "text/plain")
            with server.lock:
                server.counts[reply.kind] += 1
            body = reply.body
            headers = dict(reply.headers)
            if server.gzip and body:
                body = gzip.compress(body)
                headers["Content-Encoding"] = "gzip"
            try:
                self.send_response(reply.status)
                self.send_header("Content-Type", reply.content_type)
                self.send_header("Content-Length", str(len(body)))
                for key, value in headers.items():
                    self.send_header(key, value)
                self.end_headers()
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up (a timeout under test): nothing left to answer

    return Handler
