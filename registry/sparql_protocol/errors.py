"""Protocol errors of the SPARQL endpoint, in the registry's one error hierarchy."""

from __future__ import annotations

from registry.errors import BadRequest, MlfdoError, NotAcceptable, QueryError, QueryTimeout, ResultTooLarge

__all__ = ["UpdateRefused", "UnsupportedMediaType", "MethodNotAllowed", "QueryBusy", "ERRORS"]


class UpdateRefused(MlfdoError):
    """A SPARQL Update sent to the read-only endpoint."""

    status, exit_code, title = 403, 2, "Updates refused"


class UnsupportedMediaType(MlfdoError):
    status, exit_code, title = 415, 2, "Unsupported media type"


class MethodNotAllowed(MlfdoError):
    status, exit_code, title = 405, 2, "Method not allowed"


class QueryBusy(QueryTimeout):
    """Every query worker stayed busy for the whole timeout."""

    title = "Query workers busy"


# Errors a worker process reports by name, rebuilt in the web process.
ERRORS: dict[str, type[MlfdoError]] = {cls.__name__: cls for cls in (
    BadRequest, QueryError, QueryTimeout, QueryBusy, ResultTooLarge, NotAcceptable, UpdateRefused, MlfdoError)}
