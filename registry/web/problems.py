"""The JSON error shape: RFC 9457 problem details, served as ``application/problem+json``."""

from __future__ import annotations

__all__ = ["problem", "PROBLEM_JSON"]

PROBLEM_JSON = "application/problem+json"


def problem(status: int, title: str, detail: str, **extra: object) -> dict:
    """Return the JSON error shape."""
    body = {"type": "about:blank", "title": title, "status": status, "detail": detail}
    for key, value in extra.items():
        if key not in body and value is not None:
            body[key] = value
    return body
