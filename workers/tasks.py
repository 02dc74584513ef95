"""Celery tasks: thin wrappers whose arguments are ids and URLs; the work is in plain functions."""

from __future__ import annotations

from dataclasses import asdict

from celery import shared_task

from registry.service import Registry

__all__ = ["harvest_huggingface", "harvest_huggingface_ids"]


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
