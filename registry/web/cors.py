"""Cross-origin reads: linked-data clients in browsers may dereference PIDs and read signposting."""

from __future__ import annotations

from flask import Flask
from flask_cors import CORS

__all__ = ["init_app", "EXPOSED_HEADERS"]

EXPOSED_HEADERS = ["Link", "Content-Location", "Location", "Memento-Datetime", "Vary", "ETag", "X-Result-Count"]


def init_app(app: Flask) -> None:
    """Allow any origin to read (never to send credentials), and expose the headers clients navigate by."""
    CORS(app, origins="*", supports_credentials=False, expose_headers=EXPOSED_HEADERS, send_wildcard=True,
         vary_header=False)
