"""Celery tasks: thin wrappers whose arguments are ids and URLs; the work is in plain functions."""

from __future__ import annotations

from dataclasses import asdict

import logging

import redis
from celery import Task, shared_task

from registry import deadletters
from registry.errors import StoreBusy
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

    def on_failure(self, exc, task_id, args, kwargs, einfo) -> None:
        broker = str(load_settings()["BROKER_URL"])
        try:
            deadletters.record(broker, self.name, list(args), dict(kwargs), f"{type(exc).__name__}: {exc}",
                               self.request.retries)
        except redis.RedisError:
            log.error("task %s failed for good and its dead letter could not be kept: %s", self.name, exc)


def _open() -> Registry:
    """Open the registry from the settings; on a SPARQL server, count updates take the workers' shared lock."""
    registry = Registry.open()
    if registry.settings.get("STORE_URL"):
        registry.store.counts_lock = counts_lock(str(registry.settings["BROKER_URL"]))
    return registry


def _client(registry, endpoint: str | None):
    from harvesters.huggingface.extract import HubClient

    client = HubClient.from_settings(registry.settings, endpoint)
    if client.rate:  # one politeness budget for every worker
        client.share_budget(SharedThrottle(str(registry.settings["BROKER_URL"]), "huggingface", client.rate))
    return client

__all__ = ["harvest_huggingface", "harvest_huggingface_ids", "harvest_openml", "harvest_arxiv"]


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


@shared_task(name="workers.tasks.harvest_openml")
def harvest_openml(runs: list[str] | None = None, flows: list[str] | None = None, datasets: list[str] | None = None,
                   tasks: list[str] | None = None, limit: int | None = None, server: str | None = None) -> dict:
    """Harvest OpenML objects by id (with what they reference), or list new ones when no ids are given."""
    from harvesters.openml.client import OpenMLClient
    from harvesters.openml.harvest import harvest

    registry = Registry.open()
    try:
        with OpenMLClient.from_settings(registry.settings, server) as client:
            return _summary(harvest(registry.store, base_url=registry.base_url, client=client, runs=runs,
                                    flows=flows, datasets=datasets, tasks=tasks, limit=limit))
    finally:
        registry.close()


@shared_task(name="workers.tasks.harvest_arxiv")
def harvest_arxiv(ids: list[str] | None = None, missing: bool = False) -> dict:
    """Harvest arXiv papers by id, and with ``missing`` every paper stub without metadata."""
    from harvesters.arxiv.client import ArxivClient
    from harvesters.arxiv.harvest import harvest

    registry = Registry.open()
    try:
        client = ArxivClient.from_settings(registry.settings)
        return _summary(harvest(registry.store, base_url=registry.base_url, client=client, ids=ids, missing=missing))
    finally:
        registry.close()
