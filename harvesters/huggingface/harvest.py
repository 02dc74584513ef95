"""Harvest Hugging Face models into the store: extract, transform, ingest in batches, keep state.

Incremental: the listing is sorted by ``lastModified``, newest first, and stops at ``since``
(default: the stored high-water mark ``hf:high_water``). A model whose commit sha equals the
one the store holds is not re-read: its README is not fetched, its card-derived properties
are carried over from the current view, so an unchanged model yields no new version (only a
"checked" note and fresh download/like counters).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime

from pyoxigraph import NamedNode

from harvesters.huggingface.extract import Extractor, Failed, Fetched, HubClient, parse_time
from harvesters.huggingface.transform import CARD_PROPERTIES, HARVESTER, HARVESTER_VERSION, model_pid, transform
from harvesters.run import DATE_MARK, DEFAULT_BATCH, Harvested, Progress, advance_mark, parse_since, run_harvest
from harvesters.run import Failed as RunFailed
from harvesters.run import HarvestSummary as RunSummary
from registry.errors import NotFound
from registry.record import Record, SourceInfo

__all__ = ["harvest", "harvest_listed", "Walk", "advance", "HarvestSummary", "STATE_KEY", "DEFAULT_BATCH", "Progress"]

STATE_KEY = "hf:high_water"


@dataclass
class HarvestSummary(RunSummary):
    """What one Hub harvest did; ``cards_fetched`` counts README downloads."""

    cards_fetched: int = 0
    cards_failed: int = 0  # READMEs that could not be read (a fan-out page task retries for these)

    def line(self) -> str:
        """Return a one-line summary for people."""
        text = (f"{self.counts()}; {self.cards_fetched} cards, {self.total_requests} requests, "
                f"{self.seconds:.1f}s")
        return text + (f"; stopped early: {self.error}" if self.error else "")


def _state_key(author: str | None) -> str:
    return f"{STATE_KEY}:author:{author.strip().lower()}" if author else STATE_KEY


class _Models:
    """Turn fetched Hub models into records: transform, carry card properties, aliases."""

    def __init__(self, store, base_url: str, summary: HarvestSummary) -> None:
        self.store = store
        self.base_url = base_url
        self.summary = summary
        self.etags: dict[str, str | None] = {}  # what known_sha found, so a harvested model costs one lookup

    def known_sha(self, model_id: str) -> str | None:
        pid = model_pid(self.base_url, model_id)
        etag = self.store.source_etag(pid)
        self.etags[pid] = etag
        return etag

    def items(self, fetched_items: Iterable[Fetched | Failed]) -> Iterator[Harvested | RunFailed]:
        for item in fetched_items:
            if isinstance(item, Failed):
                yield RunFailed(item.model_id, item.error, "hf")
            else:
                yield self.harvested(item)

    def harvested(self, fetched: Fetched) -> Harvested | RunFailed:
        if fetched.card_status == "fetched":
            self.summary.cards_fetched += 1
        elif fetched.card_status == "failed":
            self.summary.cards_failed += 1
        card_settled = fetched.card_status in ("fetched", "missing", "unchanged")
        etag = fetched.sha if (fetched.sha and card_settled) else (f"{fetched.sha}-nocard" if fetched.sha else None)
        source = SourceInfo(HARVESTER, HARVESTER_VERSION, url=fetched.url, etag=etag,
                            started=fetched.started, ended=fetched.ended)
        records = transform(fetched.info, fetched.card, base_url=self.base_url, source=source, raw=fetched.raw)
        if not records:
            return RunFailed(fetched.model_id or "?", "the Hub record has no usable model id", "hf",
                             raw=fetched.raw, fetched=True)
        model = records[0]
        model.problems[:0] = fetched.problems
        if fetched.card_status in ("unchanged", "skipped", "failed"):
            self._carry_card(model)
        # only a PID without a source ETag can be a stub (or nothing yet)
        known = bool(self.etags.pop(model.pid, None))
        aliases = [(f"hf:{fetched.renamed_from}", model.pid)] if fetched.renamed_from else []
        return Harvested(model.platform_id or fetched.model_id, records, known=known, aliases=aliases,
                         renamed_from=fetched.renamed_from)

    def _carry_card(self, model: Record) -> None:
        """Keep what only the README gives when the README was not read this time."""
        try:
            current = self.store.current(model.pid)
        except NotFound:
            return
        node = NamedNode(model.pid)
        model.triples.extend(t for t in current if t.subject == node and t.predicate.value in CARD_PROPERTIES)


def harvest(store, *, base_url: str, endpoint: str | None = None, limit: int | None = None,
            since: str | datetime | None = None, author: str | None = None, ids: Iterable[str] | None = None,
            cards: bool = True, progress: Progress | None = None, client: HubClient | None = None,
            rate: float | None = None, batch_size: int = DEFAULT_BATCH) -> HarvestSummary:
    """Harvest models from the Hub (``endpoint``, else huggingface.co) into ``store``.

    ``ids`` fetches those models one by one (following renames, which become aliases);
    otherwise the listing runs newest-modified first down to ``since`` (default: the stored
    high-water mark), ``limit`` models at most, optionally for one ``author``. ``progress`` is
    called as ``progress(done, total_or_None, model_id)``. ``rate`` caps requests per second
    (default 5; none on loopback); ``client`` replaces the Hub client altogether.
    Hub errors that stop the listing are reported in ``summary.error``; records harvested before
    them are kept. Raises InputError for a ``since`` that is not a date.
    """
    summary = HarvestSummary()
    client = client or HubClient(endpoint, rate=rate)
    models = _Models(store, base_url, summary)
    extractor = Extractor(client, known_sha=models.known_sha, cards=cards)
    id_list = [i.strip() for i in ids if i and i.strip()] if ids is not None else None
    if id_list is not None:
        return run_harvest(store, models.items(extractor.fetch_ids(id_list)), summary=summary,
                           total=len(id_list), progress=progress, batch_size=batch_size,
                           requests=lambda: client.calls)
    key = _state_key(author)
    stored = parse_time(store.get_state(key))
    cutoff = parse_since(since) if since is not None else stored
    items = extractor.list_models(since=cutoff, author=author, limit=limit)
    return run_harvest(store, models.items(items), summary=summary, listing=extractor,
                       state_key=key, stored=stored, cutoff=cutoff, total=limit, progress=progress,
                       batch_size=batch_size, requests=lambda: client.calls)


def harvest_listed(store, *, base_url: str, items: list[dict], client: HubClient, cards: bool = True,
                   batch_size: int = DEFAULT_BATCH) -> HarvestSummary:
    """Harvest models given as listing items (one listing page, as ``Walk.pages`` yields): README, transform, ingest.

    Idempotent: a model whose commit sha the store already holds is not re-read, and an
    unchanged record writes no new version. The high-water mark is not touched.
    """
    summary = HarvestSummary()
    models = _Models(store, base_url, summary)
    extractor = Extractor(client, known_sha=models.known_sha, cards=cards)
    fetched = (extractor.listed_item(item) for item in items if isinstance(item, dict))
    return run_harvest(store, models.items(fetched), summary=summary, total=len(items), batch_size=batch_size,
                       requests=lambda: client.calls)


class Walk:
    """An incremental listing walked page by page (for fan-out): the pages, then the mark it may set."""

    def __init__(self, store, client: HubClient, *, since: str | datetime | None = None, author: str | None = None,
                 limit: int | None = None) -> None:
        self.state_key = _state_key(author)
        self.stored = parse_time(store.get_state(self.state_key))
        self.cutoff = parse_since(since) if since is not None else self.stored
        self.extractor = Extractor(client, cards=False)
        self.author, self.limit = author, limit

    def pages(self) -> Iterator[list[dict]]:
        """Yield the listing items page by page. Raises HubError when a page cannot be fetched."""
        for _started, items in self.extractor.list_pages(since=self.cutoff, author=self.author, limit=self.limit):
            yield items

    @property
    def complete(self) -> bool:
        """Whether the listing reached its end or the ``since`` boundary (so the mark may move)."""
        return self.extractor.complete

    def mark(self) -> dict:
        """Return what ``advance`` needs once every page is stored, as JSON-able text."""
        fmt = DATE_MARK.format
        return {"state_key": self.state_key, "newest": fmt(self.extractor.newest) if self.extractor.newest else None,
                "stored": fmt(self.stored) if self.stored else None, "cutoff": fmt(self.cutoff) if self.cutoff else None}


def advance(store, mark: dict) -> bool:
    """Move the high-water mark as ``Walk.mark()`` described; return whether it moved."""
    return advance_mark(store, mark["state_key"], parse_time(mark["newest"]), parse_time(mark["stored"]),
                        parse_time(mark["cutoff"]))
