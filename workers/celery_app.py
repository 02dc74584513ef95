"""The Celery app of the scaled-out deployment: Redis broker, workers writing to a SPARQL server.

Start a worker with ``celery -A workers.celery_app worker`` and the schedule with
``celery -A workers.celery_app beat``. Workers open the registry from the same ``MLFDO_*``
settings as the web app; with several workers, ``MLFDO_STORE_URL`` must name a SPARQL server,
since the embedded store has a single writer.
"""

from __future__ import annotations

from celery import Celery

from registry.settings import load_settings

__all__ = ["make_celery", "app", "HARVEST_TASKS", "HARVEST_KWARGS", "beat_schedule"]

# platform -> the task that runs its incremental harvest; beat schedules every platform listed here.
HARVEST_TASKS: dict[str, str] = {
    "huggingface": "workers.tasks.harvest_huggingface_fanout",  # one task per listing page
    "openml": "workers.tasks.harvest_openml",  # without ids: the objects above each kind's high-water mark
    "arxiv": "workers.tasks.harvest_arxiv",  # with missing: the papers referenced but not yet described
}
# the arguments of a platform's incremental run, where it needs some
HARVEST_KWARGS: dict[str, dict] = {"arxiv": {"missing": True}}


def beat_schedule(interval: float) -> dict[str, dict]:
    """Return beat's schedule: an incremental harvest of every platform each ``interval`` seconds."""
    return {f"incremental-{platform}-harvest": {"task": task, "schedule": interval,
                                                "kwargs": HARVEST_KWARGS.get(platform, {})}
            for platform, task in HARVEST_TASKS.items()}


def make_celery(broker_url: str | None = None) -> Celery:
    """Return a Celery app using ``broker_url`` (default: the MLFDO_BROKER_URL setting) as broker and backend."""
    settings = load_settings()
    url = broker_url or settings["BROKER_URL"]
    celery = Celery("mlfdo", broker=url, backend=url, include=["workers.tasks"])
    celery.conf.update(
        task_serializer="json",
        result_serializer="json",
        accept_content=["json"],
        task_acks_late=True,  # a harvest unit is idempotent, so redelivery after a crash is safe
        worker_prefetch_multiplier=1,
        broker_connection_retry_on_startup=True,
        beat_schedule=beat_schedule(float(settings["HARVEST_INTERVAL"])),
    )
    return celery


app = make_celery()
