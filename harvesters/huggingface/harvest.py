"""Harvest Hugging Face models into the store: extract, transform, ingest in batches, keep state.

Incremental: the listing is sorted by ``lastModified``, newest first, and stops at ``since``
(default: the stored high-water mark ``hf:high_water``). A model whose commit sha equals the
one the store holds is not re-read: its README is not fetched, its card-derived properties
are carried over from the current view, so an unchanged model yields no new version (only a
"checked" note and fresh download/like counters).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timezone

from pyoxigraph import NamedNode

from harvesters.huggingface.extract import Extractor, Failed, Fetched, HubClient, HubError, parse_time
from harvesters.huggingface.transform import CARD_PROPERTIES, HARVESTER, HARVESTER_VERSION, model_pid, transform
from registry.errors import InputError, NotFound
from registry.record import Record, SourceInfo

__all__ = ["harvest", "HarvestSummary", "STATE_KEY", "DEFAULT_BATCH", "Progress"]

STATE_KEY = "hf:high_water"
DEFAULT_BATCH = 100  # models per store transaction (their stubs ride along)
Progress = Callable[[int, "int | None", str], None]


@dataclass
class HarvestSummary:
    """What one harvest did. ``new``/``changed``/``unchanged``/``failed`` count models (not stubs)."""

    fetched: int = 0
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    failed: int = 0
    problems: list[str] = field(default_factory=list)
    seconds: float = 0.0
    cards_fetched: int = 0
    requests: dict[str, int] = field(default_factory=dict)  # calls made, by kind (list, info, card)
    stubs_new: int = 0
    renamed: list[tuple[str, str]] = field(default_factory=list)
    high_water: str | None = None  # the stored high-water mark after the run
    complete: bool = False  # the listing reached its end (or ``since``), so the high-water mark moved
    error: str | None = None  # set when a Hub error stopped the run early (what came before is kept)

    @property
    def total_requests(self) -> int:
        return sum(self.requests.values())

    def line(self) -> str:
        """Return a one-line summary for people."""
        text = (f"fetched {self.fetched}, new {self.new}, changed {self.changed}, unchanged {self.unchanged}, "
                f"failed {self.failed}; {self.cards_fetched} cards, {self.total_requests} requests, "
                f"{self.seconds:.1f}s")
        return text + (f"; stopped early: {self.error}" if self.error else "")


def _state_key(author: str | None) -> str:
    return f"{STATE_KEY}:author:{author.strip().lower()}" if author else STATE_KEY


def _iso(value: datetime) -> str:
    return value.astimezone(timezone.utc).isoformat().replace("+00:00", "Z")


def _since(value: str | datetime | None) -> datetime | None:
    if value is None or value == "":
        return None
    parsed = parse_time(value)
    if parsed is None:
        raise InputError(f"--since {value!r} is not a date or date-time (use e.g. 2025-01-31 or 2025-01-31T12:00Z)")
    return parsed


class _Run:
    """The mutable state of one harvest: the pending batch and the summary."""

    def __init__(self, store, base_url: str, summary: HarvestSummary, batch_size: int) -> None:
        self.store = store
        self.base_url = base_url
        self.summary = summary
        self.batch_size = batch_size
        self.models: list[Record] = []
        self.stubs: dict[str, Record] = {}
        self.aliases: list[tuple[str, str]] = []
        self.prior: dict[str, str | None] = {}
        self.etags: dict[str, str | None] = {}  # what known_sha found, so a harvested model costs one lookup

    def known_sha(self, model_id: str) -> str | None:
        pid = model_pid(self.base_url, model_id)
        etag = self.store.source_etag(pid)
        self.etags[pid] = etag
        return etag

    def add(self, fetched: Fetched) -> None:
        summary = self.summary
        summary.fetched += 1
        if fetched.card_status == "fetched":
            summary.cards_fetched += 1
        card_settled = fetched.card_status in ("fetched", "missing", "unchanged")
        etag = fetched.sha if (fetched.sha and card_settled) else (f"{fetched.sha}-nocard" if fetched.sha else None)
        source = SourceInfo(HARVESTER, HARVESTER_VERSION, url=fetched.url, etag=etag,
                            started=fetched.started, ended=fetched.ended)
        records = transform(fetched.info, fetched.card, base_url=self.base_url, source=source, raw=fetched.raw)
        if not records:
            summary.failed += 1
            summary.problems.append(f"{fetched.model_id or '?'}: the Hub record has no usable model id")
            self.store.record_failure("hf", fetched.model_id or "?", "the Hub record has no usable model id",
                                      raw=fetched.raw)
            return
        model, stubs = records[0], records[1:]
        model.problems[:0] = fetched.problems
        if fetched.card_status in ("unchanged", "skipped", "failed"):
            self._carry_card(model)
        # only a PID without a source ETag can be a stub (or nothing yet)
        self.prior[model.pid] = "active" if self.etags.pop(model.pid, None) else self.store.status(model.pid)
        self.models.append(model)
        for stub in stubs:
            self.stubs.setdefault(stub.pid, stub)
        summary.problems.extend(f"{model.platform_id}: {p}" for p in model.problems)
        if fetched.renamed_from:
            summary.renamed.append((fetched.renamed_from, model.platform_id or fetched.model_id))
            self.aliases.append((f"hf:{fetched.renamed_from}", model.pid))
        if len(self.models) >= self.batch_size:
            self.flush()

    def _carry_card(self, model: Record) -> None:
        """Keep what only the README gives when the README was not read this time."""
        try:
            current = self.store.current(model.pid)
        except NotFound:
            return
        node = NamedNode(model.pid)
        model.triples.extend(t for t in current if t.subject == node and t.predicate.value in CARD_PROPERTIES)

    def flush(self) -> None:
        if not self.models and not self.stubs:
            return
        pending = [*self.models, *self.stubs.values()]  # full records first: a stub never precedes its model
        results = self.store.ingest_many(pending)
        summary = self.summary
        for record, result in zip(pending, results):
            if record.stub:
                summary.stubs_new += result.status == "new"
                continue
            if result.status == "failed":
                summary.failed += 1
                summary.problems.append(f"{record.platform_id}: not stored: {result.error}")
            elif result.status == "new" or (result.status == "changed" and self.prior.get(record.pid) == "stub"):
                summary.new += 1
            elif result.status == "changed":
                summary.changed += 1
            else:
                summary.unchanged += 1
        for alias, pid in self.aliases:
            self.store.add_alias(alias, pid)
        self.models, self.stubs, self.aliases, self.prior = [], {}, [], {}


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
    started = time.perf_counter()
    summary = HarvestSummary()
    client = client or HubClient(endpoint, rate=rate)
    run = _Run(store, base_url, summary, batch_size)
    extractor = Extractor(client, known_sha=run.known_sha, cards=cards)
    id_list = [i.strip() for i in ids if i and i.strip()] if ids is not None else None
    key = _state_key(author)
    stored = parse_time(store.get_state(key)) if id_list is None else None
    cutoff = _since(since) if since is not None else stored
    total = len(id_list) if id_list is not None else limit
    done = 0
    try:
        items = extractor.fetch_ids(id_list) if id_list is not None else \
            extractor.list_models(since=cutoff, author=author, limit=limit)
        for item in items:
            if isinstance(item, Failed):
                summary.failed += 1
                summary.problems.append(f"{item.model_id}: {item.error}")
                store.record_failure("hf", item.model_id, item.error)
            else:
                run.add(item)
            done += 1
            if progress is not None:
                progress(done, total, item.model_id)
    except HubError as exc:
        summary.error = exc.message
    finally:
        run.flush()
        summary.requests = dict(client.calls)
    if id_list is None and summary.error is None and extractor.complete:
        summary.complete = True
        # move the mark only when the covered span joins what earlier runs covered
        if extractor.newest is not None and (stored is None or cutoff is None or cutoff <= stored):
            if stored is None or extractor.newest > stored:
                store.set_state(key, _iso(extractor.newest))
    summary.high_water = store.get_state(key) if id_list is None else None
    summary.seconds = time.perf_counter() - started
    return summary
