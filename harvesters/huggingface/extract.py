"""Talk to the Hugging Face Hub through its official client (huggingface_hub).

Requests go through the client's shared HTTP session with its ``http_backoff`` (retries on
429/5xx and network errors, honouring ``Retry-After``), its header builder (the token given)
and its error mapping (``hf_raise_for_status``). The listing follows the Hub's
``Link: <...>; rel="next"`` pagination page by page, as ``HfApi.list_models`` does, but keeps
every item's JSON as the Hub sent it: ``list_models`` wraps items in ``ModelInfo`` objects,
which re-derive some fields and raise on the first malformed item, ending the listing.

One listing page carries everything the mapping needs (``expand=`` below), so the only
per-model request is the README, and only when the model's commit sha differs from the
one the store holds.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone

import httpx2
import huggingface_hub
from huggingface_hub import constants as hf_constants
from huggingface_hub import hf_hub_url
from huggingface_hub.errors import (
    EntryNotFoundError,
    GatedRepoError,
    HfHubHTTPError,
    OfflineModeIsEnabled,
    RepositoryNotFoundError,
    RevisionNotFoundError,
)
from huggingface_hub.utils import (
    build_hf_headers,
    hf_raise_for_status,
    http_backoff,
    http_stream_backoff,
)

from harvesters import politeness
from harvesters.huggingface.cards import MAX_CARD_BYTES
from harvesters.politeness import PROJECT_URL, Throttle, is_loopback
from harvesters.run import parse_time
from registry.errors import PlatformError

__all__ = [
    "HubClient", "HubError", "ModelGone", "Fetched", "Failed", "Extractor", "EXPAND", "PROJECT_URL", "DEFAULT_RATE",
    "DEFAULT_TIMEOUT", "DEFAULT_PAGE_SIZE", "parse_time", "user_agent",
]

DEFAULT_ENDPOINT = "https://huggingface.co"
DEFAULT_RATE = 5.0  # requests per second sent to a remote Hub (the HF_RATE setting)
DEFAULT_TIMEOUT = 30.0  # seconds, per request
DEFAULT_PAGE_SIZE = 100
DEFAULT_MAX_RETRIES = 5
DEFAULT_BASE_WAIT = 1.0
DEFAULT_MAX_WAIT = 30.0

# Properties asked for in listings and in single-model calls alike, so a model maps to the
# same graph whichever way it was fetched.
EXPAND = [
    "author", "cardData", "config", "createdAt", "disabled", "downloads", "downloadsAllTime", "gated", "gguf",
    "lastModified", "library_name", "likes", "model-index", "pipeline_tag", "private", "safetensors", "sha",
    "siblings", "tags",
]


class HubError(PlatformError):
    """The Hub could not be reached or answered with an error that stops the harvest."""

    status, exit_code, title = 502, 1, "Hugging Face Hub request failed"


class ModelGone(HubError):
    """A model asked for by id does not exist (or is private/gated to us)."""

    status, title = 404, "Model not found on the Hub"


def user_agent() -> str:
    """Return the User-Agent every request carries."""
    return politeness.user_agent(f"huggingface_hub/{huggingface_hub.__version__}")


class HubClient:
    """The Hub endpoint plus politeness settings; counts the calls it makes by kind."""

    def __init__(self, endpoint: str | None = None, *, token: str | None = None, rate: float | None = None,
                 remote_rate: float = DEFAULT_RATE, timeout: float = DEFAULT_TIMEOUT,
                 page_size: int = DEFAULT_PAGE_SIZE, max_retries: int = DEFAULT_MAX_RETRIES,
                 base_wait: float = DEFAULT_BASE_WAIT, max_wait: float = DEFAULT_MAX_WAIT) -> None:
        self.endpoint = (endpoint or DEFAULT_ENDPOINT).rstrip("/")
        if rate is None:
            # politeness is owed to a remote Hub; a loopback replay needs none
            rate = 0.0 if is_loopback(self.endpoint) else remote_rate
        self.rate = rate
        self.timeout = timeout
        self.page_size = page_size
        self.max_retries, self.base_wait, self.max_wait = max_retries, base_wait, max_wait
        self.headers = build_hf_headers(token=token or False, headers={"user-agent": user_agent()})
        self.calls: Counter[str] = Counter()
        self._throttle = Throttle.per_second(rate)

    def share_budget(self, throttle) -> None:
        """Pace requests with ``throttle`` (anything with ``wait()``), e.g. a budget shared by several workers."""
        self._throttle = throttle

    @classmethod
    def from_settings(cls, settings, endpoint: str | None = None) -> "HubClient":
        """Return a client for ``endpoint`` (default the HF_ENDPOINT setting) with the HF_TOKEN and HF_RATE settings."""
        return cls(endpoint or settings["HF_ENDPOINT"], token=settings["HF_TOKEN"] or None,
                   remote_rate=float(settings["HF_RATE"]))

    def _kwargs(self) -> dict:
        return {"headers": self.headers, "timeout": self.timeout, "max_retries": self.max_retries,
                "base_wait_time": self.base_wait, "max_wait_time": self.max_wait}

    def get_json(self, url: str, params: dict | None, kind: str):
        """GET a JSON resource with retries; return (json, response). Raises HfHubHTTPError subclasses."""
        if hf_constants.HF_HUB_OFFLINE:
            raise HubError("HF_HUB_OFFLINE is set: the Hugging Face Hub client refuses every request")
        self._throttle.wait()
        self.calls[kind] += 1
        response = http_backoff("GET", url, params=params, **self._kwargs())
        hf_raise_for_status(response)
        return response.json(), response

    def get_text(self, url: str, kind: str, limit: int) -> tuple[bytes, bool]:
        """GET a file, reading at most ``limit`` bytes; return (bytes, truncated)."""
        if hf_constants.HF_HUB_OFFLINE:
            raise HubError("HF_HUB_OFFLINE is set: the Hugging Face Hub client refuses every request")
        self._throttle.wait()
        self.calls[kind] += 1
        with http_stream_backoff("GET", url, **self._kwargs()) as response:
            if response.status_code >= 400:
                response.read()
                hf_raise_for_status(response)
            chunks, size = [], 0
            for chunk in response.iter_bytes():
                chunks.append(chunk)
                size += len(chunk)
                if size > limit:
                    return b"".join(chunks)[:limit], True
            return b"".join(chunks), False


@dataclass
class Fetched:
    """One model as fetched: its API JSON, its README (when fetched) and what went wrong."""

    model_id: str
    info: dict
    raw: str
    url: str
    card: str | None = None
    card_status: str = "skipped"  # fetched | unchanged | missing | skipped | failed
    problems: list[str] = field(default_factory=list)
    renamed_from: str | None = None
    started: datetime | None = None
    ended: datetime | None = None

    @property
    def sha(self) -> str | None:
        sha = self.info.get("sha")
        return sha if isinstance(sha, str) and sha else None


@dataclass
class Failed:
    """A model that could not be fetched at all."""

    model_id: str
    error: str


def _now() -> datetime:
    return datetime.now(timezone.utc)


class Extractor:
    """One extraction run: iterate models, fetch changed cards, remember how far the listing went."""

    def __init__(self, client: HubClient, *, known_sha: Callable[[str], str | None] = lambda _id: None,
                 cards: bool = True) -> None:
        self.client = client
        self.known_sha = known_sha
        self.cards = cards
        self.complete = False  # the listing reached its end or the ``since`` boundary
        self.newest: datetime | None = None  # newest lastModified seen in the listing
        self.listed = 0

    # ------------------------------------------------------------------ listing
    def list_models(self, *, since: datetime | None = None, author: str | None = None,
                    limit: int | None = None) -> Iterator[Fetched]:
        """Yield models newest-modified first, stopping at ``since``, ``limit`` or the end.

        Raises HubError when a listing page cannot be fetched.
        """
        for started, items in self.list_pages(since=since, author=author, limit=limit):
            for item in items:
                yield self.listed_item(item, started)

    def listed_item(self, item: dict, started: datetime | None = None) -> Fetched:
        """Return a listing item as fetched, with its README fetched when it changed."""
        model_id = item.get("id") if isinstance(item.get("id"), str) else str(item.get("modelId") or "")
        fetched = Fetched(model_id, item, json.dumps(item, ensure_ascii=False),
                          f"{self.client.endpoint}/api/models/{model_id}", started=started or _now())
        self._card(fetched)
        return fetched

    def list_pages(self, *, since: datetime | None = None, author: str | None = None,
                   limit: int | None = None) -> Iterator[tuple[datetime, list[dict]]]:
        """Yield (fetch time, listing items) page by page, newest-modified first, down to ``since`` or ``limit``.

        Cards are not fetched here. Raises HubError when a listing page cannot be fetched.
        """
        url = f"{self.client.endpoint}/api/models"
        params: dict | None = {"sort": "lastModified", "direction": -1, "expand": EXPAND,
                               "limit": min(self.client.page_size, limit) if limit else self.client.page_size}
        if author:
            params["author"] = author
        while url:
            started = _now()
            try:
                page, response = self.client.get_json(url, params, "list")
            except (HfHubHTTPError, OfflineModeIsEnabled, httpx2.HTTPError, OSError, ValueError) as exc:
                raise HubError(f"listing models failed at {url}: {_short(exc)}") from None
            if not isinstance(page, list):
                raise HubError(f"listing models at {url} returned {type(page).__name__}, not a list")
            kept: list[dict] = []
            for item in page:
                if not isinstance(item, dict):
                    continue
                modified = parse_time(item.get("lastModified"))
                if modified is not None and (self.newest is None or modified > self.newest):
                    self.newest = modified
                if since is not None and modified is not None and modified < since:
                    self.complete = True  # sorted newest first: everything after is older
                    break
                if limit is not None and self.listed >= limit:
                    break
                self.listed += 1
                kept.append(item)
            if kept:
                yield started, kept
            if self.complete or (limit is not None and self.listed >= limit):
                return
            url = response.links.get("next", {}).get("url")
            params = None  # the next link carries the query
        self.complete = True

    # ------------------------------------------------------------------ single models
    def fetch_ids(self, ids: list[str]) -> Iterator[Fetched | Failed]:
        """Yield each model asked for by id (following renames), or a Failed entry."""
        for model_id in ids:
            model_id = model_id.strip()
            if not model_id:
                continue
            started = _now()
            url = f"{self.client.endpoint}/api/models/{model_id}"
            try:
                info, response = self.client.get_json(url, {"expand": EXPAND}, "info")
            except (RepositoryNotFoundError, GatedRepoError) as exc:
                yield Failed(model_id, f"not found on the Hub: {_short(exc)}")
                continue
            except (HfHubHTTPError, OfflineModeIsEnabled, httpx2.HTTPError, OSError, ValueError) as exc:
                yield Failed(model_id, f"fetching failed: {_short(exc)}")
                continue
            if not isinstance(info, dict):
                yield Failed(model_id, f"the Hub answered with {type(info).__name__}, not a model record")
                continue
            new_id = info.get("id") if isinstance(info.get("id"), str) else model_id
            fetched = Fetched(new_id, info, response.text, f"{self.client.endpoint}/api/models/{new_id}",
                              started=started)
            if new_id.lower() != model_id.lower() or response.history:
                fetched.renamed_from = model_id
            self._card(fetched)
            yield fetched

    # ------------------------------------------------------------------ cards
    def _card(self, fetched: Fetched) -> None:
        """Fetch the README when cards are wanted and the sha changed; record the outcome."""
        try:
            self._fetch_card(fetched)
        except Exception as exc:  # one odd record (e.g. an id the client refuses) must not end the listing
            fetched.card_status = "failed"
            fetched.problems.append(f"model card could not be fetched: {_short(exc)}")
        finally:
            fetched.ended = _now()

    def _fetch_card(self, fetched: Fetched) -> None:
        if not self.cards:
            fetched.card_status = "skipped"
            return
        sha = fetched.sha
        known = self.known_sha(fetched.model_id) if fetched.model_id else None
        if sha and known == sha:
            fetched.card_status = "unchanged"
            return
        siblings = fetched.info.get("siblings")
        if isinstance(siblings, list) and siblings and all(isinstance(s, dict) for s in siblings):
            if not any(s.get("rfilename") == "README.md" for s in siblings):
                fetched.card_status = "missing"
                fetched.problems.append("the repository has no README.md (no model card)")
                return
        url = hf_hub_url(fetched.model_id, "README.md", revision=sha or "main", endpoint=self.client.endpoint)
        try:
            data, truncated = self.client.get_text(url, "card", MAX_CARD_BYTES)
        except (EntryNotFoundError, RevisionNotFoundError):
            fetched.card_status = "missing"
            fetched.problems.append("the repository has no README.md (no model card)")
            return
        except (HfHubHTTPError, OfflineModeIsEnabled, httpx2.HTTPError, OSError, ValueError) as exc:
            fetched.card_status = "failed"
            fetched.problems.append(f"model card could not be fetched: {_short(exc)}")
            return
        if truncated:
            fetched.card_status = "missing"
            fetched.problems.append(f"model card is larger than {MAX_CARD_BYTES} bytes; not parsed")
            return
        if b"\x00" in data:
            fetched.card_status = "missing"
            fetched.problems.append("model card is binary (NUL bytes); not parsed")
            return
        try:
            fetched.card = data.decode("utf-8")
        except UnicodeDecodeError:
            fetched.card = data.decode("utf-8", "replace")
            fetched.problems.append("model card is not valid UTF-8; undecodable bytes replaced")
        fetched.card_status = "fetched"


def _short(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[0] if text else ''}".strip()
