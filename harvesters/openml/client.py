"""Talk to OpenML through its official client (openml-python), configured by server URL.

Every request goes through the client's own HTTP layer (``openml._api_calls``): its retry
policy, its parsing of ``<oml:error>`` answers into ``OpenMLServerException`` with the
server's error code, and its server setting. The client keeps module-wide configuration, so
``OpenMLClient`` sets the server, an empty API key, the retry count and a throwaway cache
directory (never the user's own) before each call. Reading the XML ourselves (with
``xmltodict``, the parser the client uses) keeps the record exactly as the server sent it and
costs one request per object: the client's ``get_dataset``/``get_task`` would also download
data files, features and qualities the mapping does not use.
"""

from __future__ import annotations

import os
import tempfile
import threading
import types
import xml.parsers.expat
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import requests
import xmltodict

from harvesters.politeness import Throttle, is_loopback, user_agent
from registry.errors import PlatformError

__all__ = ["OpenMLClient", "Answer", "OpenMLUnavailable", "DEFAULT_SERVER", "KINDS", "LIST_PATHS", "NO_RESULT_CODES"]

DEFAULT_SERVER = "https://www.openml.org/api/v1/xml"
DEFAULT_RATE = 2.0  # requests per second sent to a remote server (the OPENML_RATE setting)
DEFAULT_TIMEOUT = 60.0  # seconds per request
# kind -> the API path of one object
KINDS = {"flow": "flow", "run": "run", "task": "task", "dataset": "data"}
LIST_PATHS = {"flow": "flow/list", "run": "run/list", "task": "task/list", "dataset": "data/list"}
# <oml:error> codes that mean "nothing matched" (end of a listing), as the client reads them
NO_RESULT_CODES = frozenset({111, 372, 482, 500, 512, 542, 674})

_CONFIG_LOCK = threading.Lock()


@contextmanager
def _quiet_import_dirs():
    """Import openml with its config and cache folders in a throwaway place (it creates them on import)."""
    scratch = tempfile.mkdtemp(prefix="mlfdo-openml-")
    saved = {k: os.environ.get(k) for k in ("XDG_CONFIG_HOME", "OPENML_CACHE_DIR", "XDG_CACHE_HOME")}
    os.environ.update({"XDG_CONFIG_HOME": scratch, "OPENML_CACHE_DIR": str(Path(scratch) / "cache"),
                       "XDG_CACHE_HOME": scratch})
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def _openml():
    with _quiet_import_dirs():
        import openml
        import openml._api_calls  # noqa: F401 - the HTTP layer used below
    import logging

    logging.getLogger("openml").setLevel(logging.ERROR)  # it warns about every uncompressed answer
    return openml


def _requests_with_timeout(timeout: float) -> types.SimpleNamespace:
    """Return the ``requests`` module as the client sees it, with sessions that time out.

    openml-python opens a fresh ``requests.Session()`` per call and sends no timeout, so a
    server that never answers would hang the harvest; while one of our calls runs, the
    client's module reference to ``requests`` is this stand-in (under the configuration lock).
    """

    class TimeoutSession(requests.Session):
        def request(self, method, url, **kwargs):  # type: ignore[override]
            kwargs.setdefault("timeout", timeout)
            return super().request(method, url, **kwargs)

    shim = types.SimpleNamespace(**{name: getattr(requests, name) for name in dir(requests) if not name.startswith("__")})
    shim.Session = TimeoutSession
    return shim


class OpenMLUnavailable(PlatformError):
    """OpenML could not be reached, or a listing page failed: the run stops (what came before is kept)."""

    title = "OpenML request failed"


@dataclass
class Answer:
    """One object's answer: its parsed XML (``None`` when missing) and the problem when it failed."""

    kind: str
    id: str
    xml: str | None = None
    data: dict | None = None
    problem: str | None = None
    missing: bool = False  # OpenML says the object does not exist (HTTP 412 with <oml:error>)

    @property
    def url(self) -> str:
        return f"https://www.openml.org/{ {'flow': 'f', 'run': 'r', 'task': 't', 'dataset': 'd'}[self.kind] }/{self.id}"


class OpenMLClient:
    """The OpenML server plus politeness settings; counts the calls it makes by kind."""

    def __init__(self, server: str | None = None, *, retries: int = 3, rate: float | None = None,
                 remote_rate: float = DEFAULT_RATE, timeout: float = DEFAULT_TIMEOUT,
                 cache_dir: str | os.PathLike | None = None) -> None:
        self.server = (server or DEFAULT_SERVER).rstrip("/")
        self.requests = _requests_with_timeout(timeout)
        self.retries = max(1, retries)
        if rate is None:  # politeness is owed to a remote server; a loopback replay needs none
            rate = 0.0 if is_loopback(self.server) else remote_rate
        self.throttle = Throttle.per_second(rate)
        self._scratch = None if cache_dir else tempfile.TemporaryDirectory(prefix="mlfdo-openml-cache-")
        self.cache_dir = Path(cache_dir or self._scratch.name)
        self.calls: Counter[str] = Counter()
        self.openml = _openml()

    @classmethod
    def from_settings(cls, settings, server: str | None = None) -> "OpenMLClient":
        """Return a client for ``server`` (default the OPENML_SERVER setting) with the OPENML_RATE and OPENML_TIMEOUT settings."""
        return cls(server or settings["OPENML_SERVER"], remote_rate=float(settings["OPENML_RATE"]),
                   timeout=float(settings["OPENML_TIMEOUT"]))

    def close(self) -> None:
        """Remove the throwaway cache directory."""
        if self._scratch is not None:
            self._scratch.cleanup()
            self._scratch = None

    def __enter__(self) -> "OpenMLClient":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @contextmanager
    def _configured(self):
        openml = self.openml
        with _CONFIG_LOCK:
            config = openml.config
            saved = (config.server, config.apikey, config.connection_n_retries, config.retry_policy)
            config.server, config.apikey = self.server, ""
            config.set_retry_policy("human", self.retries)
            config.set_root_cache_directory(self.cache_dir)
            headers = openml._api_calls._HEADERS
            agent = headers.get("user-agent")
            headers["user-agent"] = user_agent(agent or "openml-python")
            transport = openml._api_calls.requests
            openml._api_calls.requests = self.requests
            try:
                yield openml
            finally:
                openml._api_calls.requests = transport
                headers["user-agent"] = agent
                config.server, config.apikey = saved[0], saved[1]
                config.set_retry_policy(saved[3], saved[2])

    def call(self, path: str, kind: str) -> str:
        """GET ``path`` under the server; return the body. Raises the client's exceptions."""
        self.throttle.wait()
        self.calls[kind] += 1
        with self._configured() as openml:
            return openml._api_calls._perform_api_call(path, "get")

    def get(self, kind: str, object_id: str) -> Answer:
        """Fetch one object; a missing object or a bad answer becomes a problem on the Answer, never raises."""
        answer = Answer(kind, object_id)
        exceptions = self.openml.exceptions
        try:
            answer.xml = self.call(f"{KINDS[kind]}/{object_id}", kind)
        except exceptions.OpenMLServerException as exc:
            missing = getattr(exc, "code", None) is not None
            answer.missing = missing
            answer.problem = (f"OpenML has no {kind} {object_id} (error {exc.code}: {_first_line(exc.message)})"
                              if missing else f"OpenML refused {kind} {object_id}: {_first_line(str(exc))}")
            return answer
        except Exception as exc:  # noqa: BLE001 - the client raises KeyError/TypeError on odd error bodies
            answer.problem = f"fetching {kind} {object_id} failed: {type(exc).__name__}: {_first_line(str(exc))}"
            return answer
        try:
            answer.data = xmltodict.parse(answer.xml)
        except xml.parsers.expat.ExpatError as exc:
            answer.problem = f"{kind} {object_id}: the answer is not well-formed XML ({exc})"
        return answer

    def list_page(self, kind: str, offset: int, size: int) -> list[dict]:
        """Return one page of a listing ([] past the end). Raises OpenMLUnavailable when it fails."""
        exceptions = self.openml.exceptions
        path = f"{LIST_PATHS[kind]}/limit/{size}/offset/{offset}"
        try:
            body = self.call(path, f"{kind}-list")
        except exceptions.OpenMLServerException as exc:
            if getattr(exc, "code", None) in NO_RESULT_CODES:
                return []
            raise OpenMLUnavailable(f"listing {kind}s failed at {path}: {_first_line(str(exc))}") from None
        except Exception as exc:  # noqa: BLE001 - as above: any failure of a listing page stops the run
            raise OpenMLUnavailable(f"listing {kind}s failed at {path}: {type(exc).__name__}") from None
        try:
            parsed = xmltodict.parse(body)
        except xml.parsers.expat.ExpatError as exc:
            raise OpenMLUnavailable(f"listing {kind}s at {path}: not well-formed XML ({exc})") from None
        root = next(iter(parsed.values()), None) if isinstance(parsed, dict) else None
        if not isinstance(root, dict):
            return []
        entries = next((v for k, v in root.items() if not k.startswith("@")), [])
        entries = entries if isinstance(entries, list) else [entries]
        return [e for e in entries if isinstance(e, dict)]


def _first_line(text: str) -> str:
    lines = [line.strip() for line in str(text).splitlines() if line.strip()]
    return lines[0].removesuffix(" - None") if lines else ""
