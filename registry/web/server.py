"""The production HTTP server: waitress threads around the app, and a clean stop on SIGTERM/SIGINT.

Stopping: the listening socket closes at once (no new connections), requests in flight get
``SHUTDOWN_GRACE`` seconds to finish, then the SPARQL query workers are ended (a runaway query is
killed, its request answers 503), the remaining requests are cancelled and the store is closed by
the caller. A second signal skips the grace period.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterable

from flask import Flask
from waitress import create_server
from waitress import wasyncore
from werkzeug.wsgi import ClosingIterator

from registry.lifecycle import on_stop_signals

__all__ = ["InFlight", "serve_app", "DEFAULT_THREADS"]

log = logging.getLogger(__name__)
DEFAULT_THREADS = 8
_STOPPING_BODY = b'{"type": "about:blank", "title": "Stopping", "status": 503, "detail": "the server is stopping"}'


class InFlight:
    """WSGI middleware counting requests in flight; once stopping, new requests get a 503."""

    def __init__(self, app: Callable) -> None:
        self.app = app
        self.count = 0
        self.stopping = False
        self._changed = threading.Condition()

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        if self.stopping:
            start_response("503 Service Unavailable", [("Content-Type", "application/problem+json"),
                                                       ("Retry-After", "5"), ("Connection", "close")])
            return [_STOPPING_BODY]
        with self._changed:
            self.count += 1
        try:
            return ClosingIterator(self.app(environ, start_response), self._done)
        except BaseException:
            self._done()
            raise

    def _done(self) -> None:
        with self._changed:
            self.count -= 1
            self._changed.notify_all()

    def wait_idle(self, seconds: float) -> bool:
        """Wait until no request is in flight; return False when ``seconds`` passed first."""
        deadline = time.monotonic() + seconds
        with self._changed:
            while self.count > 0:
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self._changed.wait(left)
        return True


def serve_app(app: Flask, host: str, port: int, threads: int = DEFAULT_THREADS, grace: float = 10.0,
              on_listen: Callable[[int], None] | None = None) -> None:
    """Serve ``app`` with ``threads`` worker threads until SIGTERM or SIGINT, then stop cleanly.

    Returns once the listener is closed, in-flight requests ended (or were cancelled after
    ``grace`` seconds) and the app's SPARQL workers are gone; the caller closes the registry.
    """
    tracked = InFlight(app.wsgi_app)
    server = create_server(tracked, host=host, port=port, threads=threads, ident="mlfdo",
                           clear_untrusted_proxy_headers=True, channel_timeout=60)
    state = {"signals": 0}

    def close_everything() -> None:  # on the loop thread: an empty map ends server.run()
        wasyncore.close_all(server._map, ignore_all=True)  # a channel failing to close must not keep the loop up

    def drain() -> None:
        try:
            finished = tracked.wait_idle(grace)
            log.warning("stopping: %s", "requests in flight finished" if finished else
                        f"{tracked.count} request(s) still running after {grace:g} s; cancelling them")
            _close_query_workers(app)  # a request waiting on a runaway query now fails fast
            tracked.wait_idle(2.0)
            # A request's thread still writes its answer and wakes the loop through the trigger
            # after the app returns: closing the trigger before then makes that wake-up fail.
            _wait_for_task_threads(server.task_dispatcher, 2.0)
        except Exception:  # noqa: BLE001 - whatever failed, the server must still stop
            log.exception("stopping: ending the query workers failed")
        finally:
            server.trigger.pull_trigger(close_everything)

    def stop_accepting() -> None:  # on the loop thread
        wasyncore.dispatcher.close(server)  # the listening socket only; the trigger keeps working
        threading.Thread(target=drain, name="mlfdo-drain", daemon=True).start()

    def on_signal(signum: int) -> None:  # on the loop thread
        state["signals"] += 1
        tracked.stopping = True
        log.warning("signal %d: %s", signum, "stopping" if state["signals"] == 1 else "stopping now")
        (stop_accepting if state["signals"] == 1 else close_everything)()

    signals, restore = on_stop_signals()
    _SignalReader(signals, server._map, on_signal)
    try:
        if on_listen:
            on_listen(server.effective_port)
        server.run()
    finally:
        restore()
        server.task_dispatcher.shutdown(cancel_pending=True, timeout=grace)
        _close_query_workers(app)


def _wait_for_task_threads(dispatcher, within: float) -> bool:
    """Wait until waitress's task threads are all idle and none is queued; return whether they were."""
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        with dispatcher.lock:  # active_count and queue are the dispatcher's own bookkeeping
            if dispatcher.active_count <= 0 and not dispatcher.queue:
                return True
        time.sleep(0.02)
    return False


class _SignalReader(wasyncore.dispatcher):
    """Reads the signal numbers the wakeup socket carries (see ``on_stop_signals``) on the server's loop."""

    def __init__(self, sock, socket_map: dict, on_signal: Callable[[int], None]) -> None:
        super().__init__(sock, map=socket_map)
        self.on_signal = on_signal

    def readable(self) -> bool:
        return True

    def writable(self) -> bool:
        return False

    def handle_read(self) -> None:
        try:
            data = self.recv(64)
        except BlockingIOError:
            return
        for signum in data:
            self.on_signal(signum)


def _close_query_workers(app: Flask) -> None:
    runner = app.extensions["mlfdo"].loaded("sparql")
    if runner is not None:
        runner.close()
