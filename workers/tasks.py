"""Celery tasks: thin wrappers whose arguments are ids and URLs; the work is in plain functions."""

from __future__ import annotations

from contextlib import nullcontext
from dataclasses import asdict

import logging

import redis
from celery import Task, shared_task

from registry import deadletters
from registry.errors import PlatformError, StoreBusy
from registry.service import Registry
from registry.settings import load_settings
from registry.store.remote import RemoteStoreError
from workers.locks import counts_lock, platform_lock
from workers.ratelimit import SharedThrottle

log = logging.getLogger(__name__)
# Failures worth a retry: the store server, the broker or the network being away for a while.
TRANSIENT = (RemoteStoreError, StoreBusy, ConnectionError, TimeoutError, redis.ConnectionError)
RETRIES = {"autoretry_for": TRANSIENT, "retry_backoff": 5, "retry_backoff_max": 600, "retry_jitter": True,
           "max_retries": 5, "acks_late": True}


class HarvestTask(Task):
    """A harvest task that, when it has failed for good, leaves a dead letter (registry/deadletters.py)."""

    def letter_args(self, args: list) -> list:
        """Return the arguments kept in the dead letter (all of them unless a task shortens them)."""
        return args

    def on_failure(self, exc, task_id, args, kwargs, einfo) -> None:
        broker = str(load_settings()["BROKER_URL"])
        try:
            deadletters.record(broker, self.name, self.letter_args(list(args)), dict(kwargs),
                               f"{type(exc).__name__}: {exc}", self.request.retries)
        except redis.RedisError:
            log.error("task %s failed for good and its dead letter could not be kept: %s", self.name, exc)


def _open() -> Registry:
    """Open the registry from the settings; on a SPARQL server, count updates take the workers' shared lock."""
    registry = Registry.open()
    if registry.settings.get("STORE_URL"):
        registry.store.counts_lock = counts_lock(str(registry.settings["BROKER_URL"]))
    return registry


def _incremental(registry, platform: str, incremental: bool):
    """Hold the platform's lock for an incremental run (one at a time); an id batch needs none."""
    if not incremental:
        return nullcontext(True)
    return platform_lock(str(registry.settings["BROKER_URL"]), platform)


def _client(registry, endpoint: str | None):
    from harvesters.huggingface.extract import HubClient

    client = HubClient.from_settings(registry.settings, endpoint)
    if client.rate:  # one politeness budget for every worker
        client.share_budget(SharedThrottle(str(registry.settings["BROKER_URL"]), "huggingface", client.rate))
    return client

__all__ = ["harvest_huggingface", "harvest_huggingface_ids", "harvest_huggingface_fanout", "harvest_huggingface_page",
           "harvest_openml", "harvest_openml_ids", "harvest_arxiv", "harvest_arxiv_ids", "CardsNotRead"]


class CardsNotRead(Exception):
    """Some READMEs of a listing page could not be read: the page is retried (what was read is kept)."""


def _summary(summary) -> dict:
    data = asdict(summary)
    data["renamed"] = [list(pair) for pair in data.get("renamed", [])]
    return data


@shared_task(name="workers.tasks.harvest_huggingface", base=HarvestTask, **RETRIES)
def harvest_huggingface(limit: int | None = None, since: str | None = None, endpoint: str | None = None) -> dict:
    """Run an incremental Hugging Face harvest (from the stored high-water mark, or ``since``)."""
    from harvesters.huggingface.harvest import harvest

    registry = _open()
    try:
        with platform_lock(str(registry.settings["BROKER_URL"]), "huggingface") as held:
            if not held:
                return {"skipped": "an incremental harvest of huggingface is already running"}
            client = _client(registry, endpoint)
            return _summary(harvest(registry.store, base_url=registry.base_url, client=client, limit=limit,
                                    since=since))
    finally:
        registry.close()


@shared_task(name="workers.tasks.harvest_huggingface_ids", base=HarvestTask, **RETRIES)
def harvest_huggingface_ids(ids: list[str], endpoint: str | None = None) -> dict:
    """Harvest the given Hugging Face model ids (one unit of work per call; idempotent)."""
    from harvesters.huggingface.harvest import harvest

    registry = _open()
    try:
        return _summary(harvest(registry.store, base_url=registry.base_url, client=_client(registry, endpoint), ids=ids))
    finally:
        registry.close()


# a listing page the Hub still refused after the client's own retries: list again later
@shared_task(name="workers.tasks.harvest_huggingface_fanout", base=HarvestTask,
             **{**RETRIES, "autoretry_for": (*TRANSIENT, PlatformError)})
def harvest_huggingface_fanout(limit: int | None = None, since: str | None = None, endpoint: str | None = None,
                               page_size: int | None = None) -> dict:
    """List the Hub incrementally page by page and send one ``harvest_huggingface_page`` task per page.

    The high-water mark moves when the listing is complete and every page task has succeeded
    (workers/fanout.py); a page that fails for good (a dead letter) keeps it where it was.
    """
    from harvesters.huggingface.harvest import Walk, advance
    from workers.fanout import FanOut

    registry = _open()
    broker = str(registry.settings["BROKER_URL"])
    try:
        with platform_lock(broker, "huggingface") as held:
            if not held:
                return {"skipped": "an incremental harvest of huggingface is already running"}
            client = _client(registry, endpoint)
            if page_size:
                client.page_size = page_size
            walk = Walk(registry.store, client, since=since, limit=limit)
            run = FanOut(broker)
            pages = 0
            try:
                for pages, items in enumerate(walk.pages(), start=1):
                    run.add(pages)
                    harvest_huggingface_page.delay(run.run, pages, items, endpoint=endpoint)
                ready = run.listed(walk.mark() if walk.complete else None)
            finally:
                run.close()
            moved = advance(registry.store, ready) if ready else False
            return {"run": run.run, "pages": pages, "complete": walk.complete, "mark_moved": moved}
    finally:
        registry.close()


class PageTask(HarvestTask):
    """A fan-out page task: its dead letter keeps the page's model ids, not its listed records."""

    def letter_args(self, args: list) -> list:
        if len(args) >= 3 and isinstance(args[2], list):
            ids = [item.get("id") if isinstance(item, dict) else item for item in args[2]]
            return [*args[:2], ids, *args[3:]]
        return args


@shared_task(name="workers.tasks.harvest_huggingface_page", base=PageTask,
             **{**RETRIES, "autoretry_for": (*TRANSIENT, CardsNotRead)})
def harvest_huggingface_page(run: str, page: int, items: list[dict], endpoint: str | None = None) -> dict:
    """Harvest one listing page of a fan-out run (idempotent); the last page of a complete run moves the mark."""
    from harvesters.huggingface.harvest import advance, harvest_listed
    from workers.fanout import FanOut

    registry = _open()
    try:
        summary = harvest_listed(registry.store, base_url=registry.base_url, items=items,
                                 client=_client(registry, endpoint))
        if summary.cards_failed:
            raise CardsNotRead(f"{summary.cards_failed} model card(s) of page {page} could not be read")
        fanout = FanOut(str(registry.settings["BROKER_URL"]), run)
        try:
            ready = fanout.done(page)
        finally:
            fanout.close()
        result = _summary(summary)
        result["mark_moved"] = advance(registry.store, ready) if ready else False
        return result
    finally:
        registry.close()


@shared_task(name="workers.tasks.harvest_openml", base=HarvestTask, **RETRIES)
def harvest_openml(runs: list[str] | None = None, flows: list[str] | None = None, datasets: list[str] | None = None,
                   tasks: list[str] | None = None, limit: int | None = None, server: str | None = None) -> dict:
    """Harvest OpenML objects by id (with what they reference), or list new ones when no ids are given."""
    from harvesters.openml.client import OpenMLClient
    from harvesters.openml.harvest import harvest

    registry = _open()
    try:
        with _incremental(registry, "openml", not (runs or flows or datasets or tasks)) as held:
            if not held:
                return {"skipped": "an incremental harvest of openml is already running"}
            with OpenMLClient.from_settings(registry.settings, server) as client:
                return _summary(harvest(registry.store, base_url=registry.base_url, client=client, runs=runs,
                                        flows=flows, datasets=datasets, tasks=tasks, limit=limit))
    finally:
        registry.close()


OPENML_KINDS = ("run", "flow", "dataset", "task")


@shared_task(name="workers.tasks.harvest_openml_ids", base=HarvestTask, **RETRIES)
def harvest_openml_ids(kind: str, ids: list[str], server: str | None = None) -> dict:
    """Harvest one batch of OpenML ids of one ``kind`` (run, flow, dataset or task), with what they reference."""
    if kind not in OPENML_KINDS:
        raise ValueError(f"unknown OpenML kind {kind!r}; expected one of {', '.join(OPENML_KINDS)}")
    return harvest_openml.run(**{f"{kind}s": list(ids)}, server=server)


@shared_task(name="workers.tasks.harvest_arxiv", base=HarvestTask, **RETRIES)
def harvest_arxiv(ids: list[str] | None = None, missing: bool = False) -> dict:
    """Harvest arXiv papers by id, and with ``missing`` every paper stub without metadata."""
    from harvesters.arxiv.client import ArxivClient
    from harvesters.arxiv.harvest import harvest

    registry = _open()
    try:
        with _incremental(registry, "arxiv", missing) as held:
            if not held:
                return {"skipped": "an incremental harvest of arxiv is already running"}
            client = ArxivClient.from_settings(registry.settings)
            return _summary(harvest(registry.store, base_url=registry.base_url, client=client, ids=ids,
                                    missing=missing))
    finally:
        registry.close()


@shared_task(name="workers.tasks.harvest_arxiv_ids", base=HarvestTask, **RETRIES)
def harvest_arxiv_ids(ids: list[str]) -> dict:
    """Harvest one batch of at most 100 arXiv ids (one arXiv call). Raises ValueError for a larger batch."""
    from harvesters.arxiv.client import BATCH_SIZE

    if len(ids) > BATCH_SIZE:
        raise ValueError(f"an arXiv batch holds at most {BATCH_SIZE} ids (one call), not {len(ids)}")
    return harvest_arxiv.run(ids=list(ids))
