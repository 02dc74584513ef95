"""Coerce Hub values that come in several shapes (str or list, bool or string, number or string)."""

from __future__ import annotations

from datetime import datetime

__all__ = ["as_list", "as_bool", "as_int", "iso_datetime", "clean_text"]

_TRUE = {"true", "1", "yes"}
_FALSE = {"false", "0", "no", "", "none"}


def as_list(value: object) -> list:
    """Return a card value that may be a scalar or a list as a list (None -> [])."""
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        return list(value)
    return [value]


def clean_text(value: str) -> str:
    """Return ``value`` safe for RDF literals (lone surrogates replaced)."""
    try:
        value.encode("utf-8")
        return value
    except UnicodeEncodeError:
        return value.encode("utf-8", "replace").decode("utf-8")


def as_bool(value: object) -> bool | None:
    """Return a boolean from a bool or its string forms ("true", "False"...), else None."""
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        lowered = value.strip().lower()
        if lowered in _TRUE:
            return True
        if lowered in _FALSE:
            return False
    return None


def as_int(value: object) -> int | None:
    """Return an integer from an int, a whole float or a digit string, else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return None


def iso_datetime(value: object) -> str | None:
    """Return an xsd:dateTime lexical form of an ISO date-time string (UTC when no zone). Raises ValueError."""
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip().replace(" ", "T", 1)
    parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))  # raises ValueError on junk
    if parsed.tzinfo is None:
        text += "Z"
    return text
