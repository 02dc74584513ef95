"""Celery tasks: thin wrappers whose arguments are ids and URLs; the work is in plain functions."""

from __future__ import annotations

from dataclasses import asdict

from celery import shared_task

from registry.service import Registry

__all__ = ["harvest_huggingface", "harvest_huggingface_ids", "harvest_openml", "harvest_arxiv"]


def _summary(summary) -> dict:
    data = asdict(summary)
    data["renamed"] = [list(pair) for pair in data.get("renamed", [])]
    return data


@shared_task(name="workers.tasks.harvest_huggingface")
def harvest_huggingface(limit: int | None = None, since: str | None = None, endpoint: str | None = None) -> dict:
    """Run an incremental Hugging Face harvest (from the stored high-water mark, or ``since``)."""
    from harvesters.huggingface.extract import HubClient
    from harvesters.huggingface.harvest import harvest

    registry = Registry.open()
    try:
        client = HubClient.from_settings(registry.settings, endpoint)
        return _summary(harvest(registry.store, base_url=registry.base_url, client=client, limit=limit, since=since))
    finally:
        registry.close()


@shared_task(name="workers.tasks.harvest_huggingface_ids")
def harvest_huggingface_ids(ids: list[str], endpoint: str | None = None) -> dict:
    """Harvest the given Hugging Face model ids (one unit of work per call; idempotent)."""
    from harvesters.huggingface.extract import HubClient
    from harvesters.huggingface.harvest import harvest

    registry = Registry.open()
    try:
        client = HubClient.from_settings(registry.settings, endpoint)
        return _summary(harvest(registry.store, base_url=registry.base_url, client=client, ids=ids))
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
