"""One error handler for the whole app: domain errors, HTTP errors and bugs in one JSON shape.

JSON errors are RFC 9457 problem details: ``{"type", "title", "status", "detail", ...details}``
served as ``application/problem+json``. Browsers get the same facts as an HTML page. No traceback
or exception text of an unexpected error ever reaches a client.
"""

from __future__ import annotations

import json
import logging

from flask import Flask, Response, render_template, request
from werkzeug.exceptions import HTTPException

from registry.errors import MlfdoError
from registry.fdo import Withdrawn
from registry.negotiation import prefers_html
from registry.web.problems import PROBLEM_JSON, problem
from registry.web.responses import tombstone_response

__all__ = ["init_app", "problem", "error_response", "PROBLEM_JSON"]

log = logging.getLogger(__name__)


def _details(exc: MlfdoError) -> dict:
    return {k: v for k, v in exc.details.items() if isinstance(v, (str, int, float, bool, list, dict))}


def error_response(status: int, title: str, detail: str, extra: dict | None = None,
                   template: str = "errors/error.html", context: dict | None = None) -> Response:
    """Return an error as HTML (when the client prefers it) or as problem details JSON."""
    body = problem(status, title, detail, **(extra or {}))
    if request.method != "HEAD" and prefers_html(request.headers.get("Accept")):
        html = render_template(template, problem=body, **(context or {}))
        response = Response(html, status=status, mimetype="text/html")
    else:
        response = Response(json.dumps(body, indent=1), status=status, mimetype=PROBLEM_JSON)
    response.headers["Vary"] = "Accept"
    return response


def _handle_domain(exc: MlfdoError) -> Response:
    if isinstance(exc, Withdrawn):
        return tombstone_response(exc)
    response = error_response(exc.status, exc.title, exc.message, _details(exc))
    if exc.details.get("retry_after"):  # busy, not broken: tell clients when to come back
        response.headers["Retry-After"] = str(int(exc.details["retry_after"]))
    return response


def _handle_http(exc: HTTPException) -> Response:
    response = error_response(exc.code or 500, exc.name, exc.description or exc.name)
    if exc.code == 405 and exc.valid_methods:
        response.headers["Allow"] = ", ".join(exc.valid_methods)
    return response


def _handle_unexpected(exc: Exception) -> Response:
    log.exception("unexpected error on %s %s", request.method, request.path)
    return error_response(500, "Internal error", "The registry could not answer this request; the error is logged.")


def init_app(app: Flask) -> None:
    """Register the error handlers."""
    app.register_error_handler(MlfdoError, _handle_domain)
    app.register_error_handler(HTTPException, _handle_http)
    app.register_error_handler(Exception, _handle_unexpected)
