"""Harvest OpenML flows, runs, tasks and datasets into the store, following what they reference.

A run brings its flow, task and dataset; a task its dataset. A referenced object OpenML does
not have (HTTP 412 with an ``<oml:error>``) becomes a stub that records the problem. Objects
already in the store as full records are not fetched again when only referenced: OpenML
objects keep their id for life (a changed dataset gets a new id), so the high-water mark of a
listing is the highest id harvested, and a re-run lists only to find higher ids.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterable, Iterator
from datetime import datetime, timezone

from harvesters.openml.client import OpenMLClient
from harvesters.openml.transform import HARVESTER, HARVESTER_VERSION, PLATFORMS, missing_stub, openml_pid, transform
from harvesters.openml.values import date_time, object_id, text
from harvesters.run import (
    DEFAULT_BATCH,
    ID_MARK,
    Failed,
    Harvested,
    HarvestSummary,
    ListingState,
    Progress,
    parse_since,
    parse_time,
    run_harvest,
)
from registry.record import Record, SourceInfo
from registry.vocab import SCHEMA

__all__ = ["harvest", "STATE_KEY", "ORDER", "DEFAULT_PAGE"]

STATE_KEY = "openml:high_water"  # + ":{kind}"
ORDER = ("run", "flow", "task", "dataset")  # ids mode: runs first, so their references come along
LIST_ORDER = ("dataset", "task", "flow", "run")  # listing mode: referenced kinds first
DEFAULT_PAGE = 100
_KIND_OF = {platform: kind for kind, platform in PLATFORMS.items()}
_ID_FIELD = {"flow": "id", "run": "run_id", "task": "task_id", "dataset": "did"}
_DATE_FIELD = {"flow": "upload_date", "run": "upload_time", "task": "upload_date", "dataset": "upload_date"}


def _now() -> datetime:
    return datetime.now(timezone.utc)


class _Fetcher:
    """Fetch objects and what they reference, each once per run."""

    def __init__(self, store, client: OpenMLClient, base_url: str, follow: bool = True) -> None:
        self.store, self.client, self.base_url, self.follow = store, client, base_url, follow
        self.seen: set[tuple[str, str]] = set()

    def objects(self, kind: str, object_id_: str, name: str | None = None) -> Iterator[Harvested | Failed]:
        """Yield the object and, when following, what it references; ``name`` is what a referencing record called it."""
        if (kind, object_id_) in self.seen:
            return
        self.seen.add((kind, object_id_))
        started = _now()
        answer = self.client.get(kind, object_id_)
        source = SourceInfo(HARVESTER, HARVESTER_VERSION, url=f"{self.client.server}/{_path(kind)}/{object_id_}",
                            started=started, ended=_now())
        key = f"{kind} {object_id_}"
        if answer.missing:
            yield Harvested(key, [missing_stub(kind, object_id_, answer.problem or "missing", base_url=self.base_url,
                                               source=source, name=name)])
            return
        if answer.problem:
            yield Failed(key, answer.problem, PLATFORMS[kind], raw=answer.xml, fetched=answer.xml is not None)
            return
        records = transform(kind, answer.data, object_id_, base_url=self.base_url, source=source, raw=answer.xml)
        if not records:
            yield Failed(key, f"the answer is not an OpenML {kind} description", PLATFORMS[kind], raw=answer.xml,
                         fetched=True)
            return
        yield Harvested(key, records)
        if self.follow:
            for ref in records[1:]:
                ref_kind = _KIND_OF.get(ref.platform or "")
                if ref.stub and ref_kind and ref.platform_id and self.store.status(ref.pid) != "active":
                    yield from self.objects(ref_kind, ref.platform_id, _name(ref))

    def ids(self, wanted: dict[str, list[str]]) -> Iterator[Harvested | Failed]:
        for kind in ORDER:
            for value in wanted.get(kind) or []:
                ref = object_id(value)
                if ref is None:
                    yield Failed(f"{kind} {value}", f"{value!r} is not an OpenML {kind} id", PLATFORMS[kind])
                else:
                    yield from self.objects(kind, ref)

    def listing(self, kind: str, state: ListingState, *, stored: int | None, since: datetime | None,
                limit: int | None, page: int) -> Iterator[Harvested | Failed]:
        """Yield new objects of ``kind`` page by page: ids above ``stored``, uploaded at or after ``since``."""
        offset, taken = 0, 0
        while True:
            entries = self.client.list_page(kind, offset, page)
            if not entries:
                state.complete = True
                return
            offset += len(entries)
            for entry in entries:
                ref = object_id(text(entry, _ID_FIELD[kind]))
                if ref is None:
                    continue
                if state.newest is None or int(ref) > state.newest:
                    state.newest = int(ref)
                if stored is not None and int(ref) <= stored:
                    continue
                uploaded = parse_time(date_time(text(entry, _DATE_FIELD[kind])))
                if since is not None and uploaded is not None and uploaded < since:
                    continue
                if limit is not None and taken >= limit:
                    return
                taken += 1
                yield from self.objects(kind, ref)
            if len(entries) < page:
                state.complete = True
                return


def _name(record: Record) -> str | None:
    """Return the name a stub record gives its object, or None."""
    return next((t.object.value for t in record.triples
                 if t.subject.value == record.pid and t.predicate == SCHEMA.name), None)


def _path(kind: str) -> str:
    return "data" if kind == "dataset" else kind


def harvest(store, *, base_url: str, server: str | None = None, runs: Iterable[str] | None = None,
            flows: Iterable[str] | None = None, datasets: Iterable[str] | None = None,
            tasks: Iterable[str] | None = None, limit: int | None = None, since: str | datetime | None = None,
            progress: Progress | None = None, client: OpenMLClient | None = None, kinds: Iterable[str] = LIST_ORDER,
            batch_size: int = DEFAULT_BATCH, page: int = DEFAULT_PAGE, follow: bool = True) -> HarvestSummary:
    """Harvest OpenML objects into ``store`` from ``server`` (else ``MLFDO_OPENML_SERVER``, else openml.org).

    With ids (``runs``, ``flows``, ``datasets``, ``tasks``) those objects are fetched, with what they
    reference; otherwise each kind is listed page by page (``limit`` new objects per kind at
    most, only ids above the stored high-water mark, and with ``since`` only objects uploaded at
    or after it). Raises InputError for a ``since`` that is not a date.
    """
    started = time.perf_counter()
    cutoff = parse_since(since)
    own_client = client is None
    client = client or OpenMLClient(server)
    fetcher = _Fetcher(store, client, base_url, follow=follow)
    summary = HarvestSummary()
    before = Counter(client.calls)

    def calls() -> dict[str, int]:
        return dict(Counter(client.calls) - before)

    wanted = {"run": list(runs or []), "flow": list(flows or []), "dataset": list(datasets or []),
              "task": list(tasks or [])}
    try:
        if any(wanted.values()):
            total = sum(len(v) for v in wanted.values())
            run_harvest(store, fetcher.ids(wanted), summary=summary, total=total, progress=progress,
                        batch_size=batch_size, requests=calls)
        else:
            for kind in kinds:
                key = f"{STATE_KEY}:{kind}"
                stored = ID_MARK.parse(store.get_state(key))
                state = ListingState()
                run_harvest(store, fetcher.listing(kind, state, stored=stored, since=cutoff, limit=limit, page=page),
                            summary=summary, listing=state if (limit is None and cutoff is None) else None, state_key=key,
                            stored=stored, cutoff=None, mark=ID_MARK, total=limit, progress=progress,
                            batch_size=batch_size, requests=calls)
                if summary.error:
                    break
    finally:
        if own_client:
            client.close()
    summary.seconds = time.perf_counter() - started
    return summary


def pid_of(base_url: str, kind: str, object_id_: str) -> str:
    """Return the PID an OpenML object gets."""
    return openml_pid(base_url, kind, object_id_)
