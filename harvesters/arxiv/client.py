"""Look papers up on arXiv through the ``arxiv`` client (lukasschwab/arxiv.py), in batches.

One call asks for up to 100 ids (``id_list``); the client keeps ``delay`` seconds between
calls (arXiv asks for 3) and retries failed calls. Its HTTP session is ours: it adds a
timeout, counts calls, and refuses a body that is not well-formed XML (the client's parser
would recover from it silently and drop entries, which would look like unknown ids).
A batch that arXiv rejects with 400 (one malformed id fails the whole call) is split in
halves until the rejected ids stand alone; each id ends as a result, "unknown", "rejected",
or a failed call.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

import arxiv
import requests
from lxml import etree

from harvesters.politeness import is_loopback, user_agent

__all__ = ["ArxivClient", "Lookup", "MalformedFeed", "BATCH_SIZE", "DEFAULT_URL"]

BATCH_SIZE = 100  # ids per call (arXiv's id_list works with up to 100 ids a call here)
DEFAULT_URL = "https://export.arxiv.org/api/query"
DEFAULT_DELAY = 3.0  # seconds between calls (the ARXIV_DELAY setting)
DEFAULT_TIMEOUT = 30.0  # seconds per call (the ARXIV_TIMEOUT setting)
_VERSION = re.compile(r"v\d+$")


class MalformedFeed(requests.RequestException):
    """arXiv answered 200 with a body that is not well-formed XML."""


class _Session(requests.Session):
    """The client's session: timeout on every call, calls counted, XML checked."""

    def __init__(self, timeout: float, counter: Counter) -> None:
        super().__init__()
        self.timeout = timeout
        self.counter = counter
        self.headers["User-Agent"] = user_agent(f"arxiv.py/{getattr(arxiv, '__version__', '')}".rstrip("/"))

    def request(self, method, url, **kwargs):  # type: ignore[override]
        kwargs.setdefault("timeout", self.timeout)
        kwargs.pop("headers", None)  # the client's own user-agent header is replaced by ours
        self.counter["query"] += 1
        response = super().request(method, url, **kwargs)
        if response.status_code == 200:
            try:
                etree.fromstring(response.content, etree.XMLParser(resolve_entities=False, no_network=True))
            except etree.XMLSyntaxError as exc:
                raise MalformedFeed(f"the answer is not well-formed Atom ({exc})") from None
        return response


@dataclass
class Lookup:
    """What arXiv said about one id."""

    id: str
    result: arxiv.Result | None = None
    problem: str | None = None
    rejected: bool = False  # arXiv refused the id (HTTP 400) or does not know it: recorded on the stub


def short_id(result: arxiv.Result) -> str:
    """Return the id of a result without its version."""
    return _VERSION.sub("", result.get_short_id())


class ArxivClient:
    """The arXiv API plus politeness settings; counts the calls it makes."""

    def __init__(self, url: str | None = None, *, delay: float | None = None, remote_delay: float = DEFAULT_DELAY,
                 retries: int = 3, timeout: float = DEFAULT_TIMEOUT, batch_size: int = BATCH_SIZE) -> None:
        self.url = (url or DEFAULT_URL).rstrip("?")
        if delay is None:  # arXiv asks for 3 s between calls; a loopback replay needs no pause
            delay = 0.0 if is_loopback(self.url) else max(remote_delay, 0.0)
        self.batch_size = max(1, min(batch_size, BATCH_SIZE))
        self.calls: Counter[str] = Counter()
        self.client = arxiv.Client(page_size=self.batch_size, delay_seconds=delay, num_retries=retries)
        self.client.query_url_format = self.url + "?{}"
        self.client._session = _Session(timeout, self.calls)

    @classmethod
    def from_settings(cls, settings, url: str | None = None) -> "ArxivClient":
        """Return a client for ``url`` (default the ARXIV_URL setting) with the ARXIV_DELAY and ARXIV_TIMEOUT settings."""
        return cls(url or settings["ARXIV_URL"], remote_delay=float(settings["ARXIV_DELAY"]),
                   timeout=float(settings["ARXIV_TIMEOUT"]))

    def lookup(self, ids: list[str]) -> Iterator[Lookup]:
        """Yield one Lookup per id, asking arXiv in batches of ``batch_size``."""
        for start in range(0, len(ids), self.batch_size):
            yield from self._batch(ids[start:start + self.batch_size])

    def _batch(self, ids: list[str]) -> Iterator[Lookup]:
        search = arxiv.Search(id_list=ids, max_results=len(ids))
        try:
            results = list(self.client.results(search))
        except arxiv.HTTPError as exc:
            if exc.status == 400 and len(ids) > 1:  # one bad id spoils the call: find it by halves
                middle = len(ids) // 2
                yield from self._batch(ids[:middle])
                yield from self._batch(ids[middle:])
                return
            if exc.status == 400:
                yield Lookup(ids[0], problem=f"arXiv rejected the id {ids[0]!r} (HTTP 400: not an arXiv id)",
                             rejected=True)
                return
            yield from (Lookup(i, problem=f"arXiv call failed: HTTP {exc.status}") for i in ids)
            return
        except (arxiv.ArxivError, requests.RequestException, OSError) as exc:
            reason = str(exc) if isinstance(exc, MalformedFeed) else type(exc).__name__
            yield from (Lookup(i, problem=f"arXiv call failed: {reason}") for i in ids)
            return
        found = {short_id(r): r for r in results}
        for paper_id in ids:
            result = found.get(_VERSION.sub("", paper_id))
            if result is None:
                yield Lookup(paper_id, problem=f"arXiv does not know the id {paper_id!r}", rejected=True)
            else:
                yield Lookup(paper_id, result=result)
