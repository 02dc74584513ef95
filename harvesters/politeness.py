"""Politeness shared by every platform: a request-rate throttle, loopback detection, the User-Agent."""

from __future__ import annotations

import ipaddress
import threading
import time
from importlib import metadata
from urllib.parse import urlparse

__all__ = ["Throttle", "is_loopback", "user_agent", "PROJECT_URL"]

PROJECT_URL = "https://w3id.org/mlfdo"


def _version() -> str:
    try:
        return metadata.version("mlfdo")
    except metadata.PackageNotFoundError:  # pragma: no cover - running from a bare checkout
        return "0"


def user_agent(client: str = "") -> str:
    """Return the User-Agent every request carries, naming the platform client when given."""
    return f"mlfdo/{_version()} (+{PROJECT_URL})" + (f" {client}" if client else "")


def is_loopback(endpoint: str) -> bool:
    """Tell whether a URL points at this machine (a replay server needs no politeness)."""
    host = urlparse(endpoint).hostname or ""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class Throttle:
    """At most one request per ``interval`` seconds (0: no limit); thread-safe."""

    def __init__(self, interval: float = 0.0) -> None:
        self.interval = max(0.0, interval)
        self.next = 0.0
        self.lock = threading.Lock()

    @classmethod
    def per_second(cls, rate: float | None) -> "Throttle":
        """Return a throttle allowing ``rate`` requests per second (0 or None: no limit)."""
        return cls(1.0 / rate if rate and rate > 0 else 0.0)

    def wait(self) -> None:
        """Sleep until the next request may go."""
        if not self.interval:
            return
        with self.lock:
            now = time.monotonic()
            delay = self.next - now
            self.next = max(now, self.next) + self.interval
        if delay > 0:
            time.sleep(delay)
