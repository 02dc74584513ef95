"""Celery workers for the scaled-out deployment (see workers/celery_app.py)."""

__all__: list[str] = []
