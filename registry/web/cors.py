"""Cross-origin reads: linked-data clients in browsers may dereference PIDs and read signposting."""

from __future__ import annotations

from flask import Flask, Response

__all__ = ["init_app", "EXPOSED_HEADERS"]

EXPOSED_HEADERS = "Link, Content-Location, Location, Memento-Datetime, Vary, ETag, X-Result-Count"


def init_app(app: Flask) -> None:
    """Allow any origin to read (never to send credentials), and expose the headers clients navigate by."""

    @app.after_request
    def _cors(response: Response) -> Response:
        response.headers.setdefault("Access-Control-Allow-Origin", "*")
        response.headers.setdefault("Access-Control-Expose-Headers", EXPOSED_HEADERS)
        return response
