"""Logging setup: plain text by default, one JSON object per line with ``MLFDO_LOG_FORMAT=json``.

JSON lines carry ``time`` (UTC, ISO 8601), ``level``, ``logger``, ``message``, the exception
text when there is one, and any ``extra={...}`` fields given to the logging call, so a log
collector can index them without parsing prose.
"""

from __future__ import annotations

import json
import logging
from datetime import datetime, timezone

__all__ = ["JsonFormatter", "configure_logging", "LOG_FORMATS"]

LOG_FORMATS = ("text", "json")
_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {"message", "asctime"}


class JsonFormatter(logging.Formatter):
    """Format a record as one JSON object."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, timezone.utc).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        entry.update({k: v for k, v in vars(record).items() if k not in _STANDARD and not k.startswith("_")})
        return json.dumps(entry, default=str, ensure_ascii=False)


def configure_logging(fmt: str | None = None, level: int = logging.INFO) -> logging.Handler:
    """Send the ``registry``, ``harvesters`` and ``workers`` loggers to stderr in ``fmt`` (the LOG_FORMAT setting; default text)."""
    fmt = (fmt or "text").lower()
    if fmt not in LOG_FORMATS:
        raise ValueError(f"MLFDO_LOG_FORMAT must be one of {', '.join(LOG_FORMATS)}, not {fmt!r}")
    handler = logging.StreamHandler()
    handler.setFormatter(JsonFormatter() if fmt == "json" else
                         logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    for name in ("registry", "harvesters", "workers"):
        logger = logging.getLogger(name)
        for old in [h for h in logger.handlers if getattr(h, "_mlfdo", False)]:
            logger.removeHandler(old)
        handler._mlfdo = True  # type: ignore[attr-defined]
        logger.addHandler(handler)
        logger.setLevel(level)
    return handler
