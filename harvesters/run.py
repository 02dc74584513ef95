"""One harvest run for every platform: batching, high-water marks, progress, summary, exit codes.

A platform package only lists, fetches and transforms: it yields ``Harvested`` items (the
records of one source object, full records first, then the stubs they reference) or
``Failed`` items (a source object that could not be read at all). ``run_harvest`` does the
rest the same way for every platform, the CLI and Celery alike:

- records are written in batches (one store transaction per batch), stubs after the full
  records of their batch, so a stub never precedes the record it stands for;
- a record's problems are kept with its version; a ``Failed`` item is kept as a harvest
  failure with its raw record; neither stops the run;
- a ``PlatformError`` raised by the listing stops the run: what came before is kept, the
  summary says why, and the high-water mark does not move;
- the high-water mark moves only when the listing reached its end (or ``since``) and the
  span it covered joins what earlier runs covered.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any, Protocol

from pyoxigraph import Literal, NamedNode, Triple

from harvesters import identity
from harvesters.problems import problem_stub
from registry.errors import InputError, PlatformError
from registry.record import Record
from registry.vocab import MLFDO

__all__ = [
    "Harvested", "Failed", "HarvestSummary", "advance_mark", "Listing", "ListingState", "parse_time", "Progress", "run_harvest", "parse_since", "iso",
    "exit_code", "problem_stub", "Mark", "DATE_MARK", "ID_MARK", "DEFAULT_BATCH", "EXIT_OK", "EXIT_STOPPED",
]

DEFAULT_BATCH = 100  # source objects per store transaction (their stubs ride along)
EXIT_OK = 0  # the run finished (problems with single records are reported, not fatal)
EXIT_STOPPED = 1  # the platform stopped the run early (what came before is kept)
Progress = Callable[[int, "int | None", str], None]


@dataclass
class Harvested:
    """The records one source object gave: full records first, then stubs."""

    key: str  # the platform id, for progress and problem lines
    records: list[Record]
    known: bool = False  # the platform already knows the store holds an active record for records[0]
    aliases: list[tuple[str, str]] = field(default_factory=list)  # (alias, pid)
    renamed_from: str | None = None


@dataclass
class Failed:
    """A source object that could not be read or transformed at all."""

    key: str
    error: str
    platform: str
    raw: str | None = None
    fetched: bool = False  # read from the platform, but not usable (counts as fetched and failed)


class Listing(Protocol):
    """How far a listing went, as the platform's lister tracks it while it yields items."""

    complete: bool
    newest: Any  # newest mark value seen (a datetime, an id...), None when nothing was seen


@dataclass
class ListingState:
    """A plain ``Listing`` a platform can update while it yields items."""

    complete: bool = False  # reached its end or the ``since`` boundary
    newest: Any = None  # newest mark value seen


@dataclass
class HarvestSummary:
    """What one harvest did. ``new``/``changed``/``unchanged``/``failed`` count full records (not stubs)."""

    fetched: int = 0
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    failed: int = 0
    problems: list[str] = field(default_factory=list)
    seconds: float = 0.0
    requests: dict[str, int] = field(default_factory=dict)  # calls made, by kind
    stubs_new: int = 0
    renamed: list[tuple[str, str]] = field(default_factory=list)
    high_water: str | None = None  # the stored high-water mark after the run
    complete: bool = False  # the listing reached its end (or ``since``), so the high-water mark moved
    error: str | None = None  # set when a platform error stopped the run early (what came before is kept)

    @property
    def total_requests(self) -> int:
        return sum(self.requests.values())

    def counts(self) -> str:
        """Return the record counts as words."""
        return (f"fetched {self.fetched}, new {self.new}, changed {self.changed}, unchanged {self.unchanged}, "
                f"failed {self.failed}")

    def line(self) -> str:
        """Return a one-line summary for people."""
        text = f"{self.counts()}; {self.total_requests} requests, {self.seconds:.1f}s"
        return text + (f"; stopped early: {self.error}" if self.error else "")


@dataclass(frozen=True)
class Mark:
    """How a high-water mark is read from and written to the store's state (dates, ids...)."""

    parse: Callable[[str | None], Any]
    format: Callable[[Any], str]


def _int_or_none(value: str | None) -> int | None:
    return int(value) if value and value.lstrip("-").isdigit() else None


def exit_code(summary: HarvestSummary) -> int:
    """Return the CLI exit code of a finished run."""
    return EXIT_STOPPED if summary.error else EXIT_OK


def iso(value: datetime) -> str:
    """Return a UTC ISO 8601 text with a ``Z``."""
    return value.astimezone(timezone.utc).isoformat().replace("+00:00", "Z")


def parse_time(value: object) -> datetime | None:
    """Return an aware datetime from an ISO string or datetime (naive means UTC), else None."""
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=timezone.utc)
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)


DATE_MARK = Mark(lambda text: parse_time(text), lambda value: iso(value))
ID_MARK = Mark(_int_or_none, str)  # platforms whose ids only grow (OpenML)


def parse_since(value: str | datetime | None) -> datetime | None:
    """Return ``--since`` as an aware datetime (None when not given). Raises InputError for a non-date."""
    if value is None or value == "":
        return None
    parsed = parse_time(value)
    if parsed is None:
        raise InputError(f"--since {value!r} is not a date or date-time (use e.g. 2025-01-31 or 2025-01-31T12:00Z)")
    return parsed


class _Batch:
    """The pending records of one run and how they count in the summary."""

    def __init__(self, store, summary: HarvestSummary, batch_size: int) -> None:
        self.store = store
        self.summary = summary
        self.batch_size = batch_size
        self.records: list[Record] = []
        self.stubs: dict[str, Record] = {}
        self.aliases: list[tuple[str, str]] = []
        self.prior: dict[str, str | None] = {}
        self.objects = 0

    def add(self, item: Harvested) -> None:
        full = [r for r in item.records if not r.stub]
        for n, record in enumerate(full):
            linked_stubs: list[Record] = []
            identity.link(record, self.store.base_url, self.store.kind, linked_stubs)
            item.records.extend(linked_stubs)
            self.prior[record.pid] = "active" if (item.known and n == 0) else self.store.status(record.pid)
            self.records.append(record)
            label = item.key if record is item.records[0] else (record.platform_id or item.key)
            self.summary.problems.extend(f"{label}: {p}" for p in record.problems)
        for stub in item.records:
            if stub.stub and (stub.problems or stub.pid not in self.stubs):
                self.stubs[stub.pid] = stub  # a stub that records a problem wins over a plain reference
                self.summary.problems.extend(stub.problems)  # such problems name their object
        self.aliases.extend(item.aliases)
        if item.renamed_from:
            self.summary.renamed.append((item.renamed_from, item.key))
        self.objects += 1
        if self.objects >= self.batch_size:
            self.flush()

    def flush(self) -> None:
        if not self.records and not self.stubs:
            return
        pending = [*self.records, *(s for pid, s in self.stubs.items() if pid not in self.prior)]
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
        self.records, self.stubs, self.aliases, self.prior, self.objects = [], {}, [], {}, 0


def advance_mark(store, state_key: str, newest: Any, stored: Any, cutoff: Any, mark: Mark = DATE_MARK) -> bool:
    """Store ``newest`` as the high-water mark after a complete listing; return whether it moved.

    ``stored`` is the mark when the listing began and ``cutoff`` where it stopped: the mark moves
    only when that span joins what earlier runs covered, and never backwards (another run may
    have moved it meanwhile).
    """
    if newest is None or not (stored is None or cutoff is None or cutoff <= stored):
        return False
    current = mark.parse(store.get_state(state_key))
    if current is not None and not newest > current:
        return False
    store.set_state(state_key, mark.format(newest))
    return True


def run_harvest(store, items: Iterable[Harvested | Failed], *, summary: HarvestSummary | None = None,
                listing: Listing | None = None, state_key: str | None = None, stored: Any = None,
                cutoff: Any = None, mark: Mark = DATE_MARK, total: int | None = None, progress: Progress | None = None,
                batch_size: int = DEFAULT_BATCH, requests: Callable[[], dict[str, int]] | None = None,
                on_item: Callable[[Harvested | Failed], None] | None = None) -> HarvestSummary:
    """Write what ``items`` yields into ``store`` and return the summary.

    ``listing`` (with ``state_key``, the ``stored`` mark and the ``cutoff`` the listing stopped
    at) makes the run move the high-water mark; without it the run is a fetch of named ids.
    ``progress(done, total, key)`` is called after every item; ``requests()`` gives the
    calls made by kind when the run ends; ``on_item`` sees every item before it is written.
    """
    started = time.perf_counter()
    summary = summary or HarvestSummary()
    batch = _Batch(store, summary, batch_size)
    done = 0
    try:
        for item in items:
            summary.fetched += not isinstance(item, Failed) or item.fetched
            if on_item is not None:
                on_item(item)
            if isinstance(item, Failed):
                summary.failed += 1
                summary.problems.append(f"{item.key}: {item.error}")
                store.record_failure(item.platform, item.key, item.error, raw=item.raw)
            else:
                batch.add(item)
            done += 1
            if progress is not None:
                progress(done, total, item.key)
    except PlatformError as exc:
        summary.error = exc.message
    finally:
        batch.flush()
        if requests is not None:
            summary.requests = dict(requests())
    if listing is not None and state_key is not None:
        if summary.error is None and listing.complete:
            summary.complete = True
            advance_mark(store, state_key, listing.newest, stored, cutoff, mark)
        summary.high_water = store.get_state(state_key)
    summary.seconds = time.perf_counter() - started
    return summary
