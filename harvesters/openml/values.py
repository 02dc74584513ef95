"""Read values out of OpenML XML parsed by xmltodict: text, lists, numbers, dates."""

from __future__ import annotations

import re
from datetime import datetime, timezone

__all__ = ["text", "texts", "items", "number", "date_time", "object_id", "OML"]

OML = "oml:"
_ID = re.compile(r"^-?\d{1,12}$")


def text(node: object, key: str | None = None) -> str | None:
    """Return the stripped text of ``node[key]`` (or of ``node``), or None when empty or not text."""
    value = node.get(OML + key) if (key is not None and isinstance(node, dict)) else (node if key is None else None)
    if isinstance(value, dict):
        value = value.get("#text")
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        return None
    value = " ".join(value.split()) if "\n" not in value.strip() else value.strip()
    return value or None


def items(node: object, key: str) -> list:
    """Return ``node[key]`` as a list (xmltodict gives a single child as a dict, several as a list)."""
    if not isinstance(node, dict):
        return []
    value = node.get(OML + key)
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def texts(node: object, key: str) -> list[str]:
    """Return the non-empty texts of every ``key`` child."""
    return [t for t in (text(v) for v in items(node, key)) if t]


def number(value: str | None) -> float | None:
    """Return a float from OpenML text, or None."""
    if value is None:
        return None
    try:
        return float(value)
    except ValueError:
        return None


def date_time(value: str | None) -> str | None:
    """Return an ISO ``xsd:dateTime`` text from OpenML's ``YYYY-MM-DD HH:MM:SS`` (UTC), or None."""
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.strip().replace(" ", "T").replace("Z", "+00:00"))
    except ValueError:
        return None
    parsed = parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)
    return parsed.astimezone(timezone.utc).isoformat().replace("+00:00", "Z")


def object_id(value: object) -> str | None:
    """Return an OpenML numeric id as text, or None when it is not one."""
    value = text(value) if not isinstance(value, str) else value.strip()
    return value if value and _ID.match(value) else None
