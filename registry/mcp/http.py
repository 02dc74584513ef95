"""Serve the MCP server over streamable HTTP at ``/mcp``, inside the registry's WSGI app.

The SDK's HTTP transport is an ASGI (Starlette) app and the web app is Flask (WSGI). Rather
than moving the whole site to an ASGI server, a small WSGI dispatcher in front of Flask sends
``/mcp`` to the SDK app through ``a2wsgi.ASGIMiddleware``, which runs it on an asyncio loop in a
background thread; the SDK's session manager runs on that same loop for the life of the process.
The transport is stateless and answers with JSON (no long-lived SSE streams), so any WSGI server
that serves the site (the threaded development server, gunicorn) serves MCP as well.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable, Iterable
from urllib.parse import urlsplit

__all__ = ["mount", "McpHttp", "MCP_PATH"]

MCP_PATH = "/mcp"
_LOCAL_HOSTS = ["127.0.0.1:*", "localhost:*", "[::1]:*", "127.0.0.1", "localhost"]


def _allowed_hosts(registry) -> list[str]:
    """Hosts the DNS-rebinding check accepts: loopback, the base URL's host, and MCP_ALLOWED_HOSTS."""
    base = urlsplit(registry.base_url).netloc
    extra = [h.strip() for h in str(registry.settings.get("MCP_ALLOWED_HOSTS") or "").split(",") if h.strip()]
    return [*_LOCAL_HOSTS, base, f"{base.split(':')[0]}:*", *extra]


class McpHttp:
    """The SDK's streamable HTTP app as a WSGI app, with its session manager running. Started on first use."""

    def __init__(self, registry) -> None:
        self.registry = registry
        self._lock = threading.Lock()
        self._wsgi: Callable | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stop: asyncio.Event | None = None

    def _start(self) -> Callable:
        from a2wsgi import ASGIMiddleware
        from mcp.server.transport_security import TransportSecuritySettings

        from registry.mcp.server import build_server

        hosts = _allowed_hosts(self.registry)
        security = TransportSecuritySettings(allowed_hosts=hosts,
                                             allowed_origins=[f"http://{h}" for h in hosts] + [f"https://{h}" for h in hosts])
        server = build_server(self.registry)
        asgi = server.streamable_http_app(streamable_http_path=MCP_PATH, stateless_http=True, json_response=True,
                                          transport_security=security)
        loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=loop.run_forever, name="mlfdo-mcp", daemon=True)
        self._thread.start()
        ready = threading.Event()

        async def run_sessions() -> None:
            self._stop = asyncio.Event()
            async with server.session_manager.run():
                ready.set()
                await self._stop.wait()

        self._running = asyncio.run_coroutine_threadsafe(run_sessions(), loop)
        ready.wait(10)
        self._loop = loop
        return ASGIMiddleware(asgi, loop=loop)

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        if self._wsgi is None:
            with self._lock:
                if self._wsgi is None:
                    self._wsgi = self._start()
        return self._wsgi(environ, start_response)

    def close(self) -> None:
        """Stop the session manager and the loop thread."""
        loop = self._loop
        if loop is None:
            return
        if self._stop is not None:
            loop.call_soon_threadsafe(self._stop.set)
            try:
                self._running.result(timeout=5)
            except Exception:  # noqa: BLE001 - closing: nothing left to report to
                pass
        loop.call_soon_threadsafe(loop.stop)
        self._thread.join(5)
        if not self._thread.is_alive():
            loop.close()
        self._loop = self._wsgi = None


def mount(app, registry) -> McpHttp:
    """Serve MCP at /mcp in front of ``app.wsgi_app``; the MCP app is built on the first /mcp request."""
    mcp = registry.extension("mcp-http", McpHttp)
    flask_app = app.wsgi_app

    def dispatch(environ: dict, start_response: Callable) -> Iterable[bytes]:
        path = environ.get("PATH_INFO", "")
        if path == MCP_PATH or path.startswith(MCP_PATH + "/"):
            return mcp(environ, start_response)
        return flask_app(environ, start_response)

    app.wsgi_app = dispatch
    return mcp
