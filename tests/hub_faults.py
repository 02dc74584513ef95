"""Fault injection for the offline Hub (tests only): answer chosen requests with errors or delays."""

from __future__ import annotations

import json
import re
import threading
import time
from dataclasses import dataclass

from harvesters.huggingface.offline import HubHandler, ReplayServer


@dataclass
class Fault:
    """An injected failure: answer ``status`` to requests whose path matches, ``times`` times."""

    pattern: re.Pattern
    status: int
    times: int
    headers: dict
    body: str
    method: str | None = None
    delay: float = 0.0  # seconds to wait before answering (to exercise retry waits)
    hold: threading.Event | None = None  # answer only once this is set (to exercise client timeouts)
    reached: threading.Event | None = None  # set when a matching request arrives (before any delay or hold)


class FaultyReplayServer(ReplayServer):
    """The offline Hub with ``fail()``: the next matching requests get an injected answer."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.faults: list[Fault] = []

    def fail(self, path_regex: str, status: int, *, times: int = 1, headers: dict | None = None,
             body: str = "", method: str | None = None, delay: float = 0.0,
             hold: threading.Event | None = None, reached: threading.Event | None = None) -> None:
        """Answer ``status`` to the next ``times`` requests whose path (with query) matches ``path_regex``.

        ``delay`` makes the answer wait that many seconds first; ``hold`` makes it wait until the
        event is set (at most a minute); ``reached`` is set as soon as a matching request arrives.
        """
        with self.lock:
            self.faults.append(Fault(re.compile(path_regex), status, times, dict(headers or {}), body, method, delay,
                                     hold, reached))

    def _take_fault(self, method: str, path: str) -> Fault | None:
        with self.lock:
            for fault in self.faults:
                if fault.times > 0 and (fault.method is None or fault.method == method) and fault.pattern.search(path):
                    fault.times -= 1
                    return fault
        return None

    def intercept(self, handler: HubHandler, kind: str) -> bool:
        fault = self._take_fault(handler.command, handler.path)
        if fault is None:
            return False
        if fault.reached is not None:
            fault.reached.set()
        if fault.delay:
            time.sleep(fault.delay)
        if fault.hold is not None:
            fault.hold.wait(timeout=60)
        body = (fault.body or json.dumps({"error": f"injected {fault.status}"})).encode()
        handler.send(fault.status, body, fault.headers, kind)
        return True
