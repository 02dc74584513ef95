"""One error hierarchy: every domain error carries an HTTP status and a CLI exit code."""

from __future__ import annotations

__all__ = ["MlfdoError", "NotFound", "Gone", "RecordError", "InputError", "StoreBusy", "ConfigError",
           "QueryError", "QueryTimeout", "ResultTooLarge", "NotAcceptable", "BadRequest", "PlatformError",
           "Unauthorized", "Forbidden"]


class MlfdoError(Exception):
    """Base of every error the registry reports to people or machines."""

    status = 500
    exit_code = 1
    title = "Internal error"

    def __init__(self, message: str = "", **details: object) -> None:
        super().__init__(message or self.title)
        self.message = message or self.title
        self.details = details


class BadRequest(MlfdoError):
    status, exit_code, title = 400, 2, "Bad request"


class InputError(BadRequest):
    """Input that cannot be read: bad Turtle/JSON-LD, missing file (names the file and line)."""

    title = "Invalid input"


class RecordError(BadRequest):
    """A record that cannot be stored as it is (no identifier, foreign subjects)."""

    title = "Invalid record"


class QueryError(BadRequest):
    title = "Invalid query"


class NotFound(MlfdoError):
    status, exit_code, title = 404, 3, "Not found"


class Gone(MlfdoError):
    status, exit_code, title = 410, 3, "Gone"


class NotAcceptable(MlfdoError):
    status, exit_code, title = 406, 2, "Not acceptable"


class QueryTimeout(MlfdoError):
    status, exit_code, title = 503, 4, "Query timed out"


class ResultTooLarge(MlfdoError):
    status, exit_code, title = 413, 4, "Result too large"


class StoreBusy(MlfdoError):
    status, exit_code, title = 503, 5, "Store in use"


class PlatformError(MlfdoError):
    """A platform could not be reached, or answered so that a harvest run cannot go on."""

    status, exit_code, title = 502, 1, "Platform request failed"


class ConfigError(MlfdoError):
    """Settings that do not fit the data, e.g. a store opened under another base URL than it was written with."""

    status, exit_code, title = 500, 2, "Configuration error"


class Unauthorized(MlfdoError):
    """A state-changing request without credentials."""

    status, exit_code, title = 401, 2, "Unauthorized"


class Forbidden(MlfdoError):
    """A state-changing request with wrong credentials, or one the settings do not allow at all."""

    status, exit_code, title = 403, 2, "Forbidden"
