"""Read a SPARQL 1.1 Protocol query request (GET, POST form, POST direct) into a QueryRequest."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pyoxigraph import NamedNode

from registry.errors import BadRequest, QueryError
from registry.sparql_protocol.errors import MethodNotAllowed, UnsupportedMediaType, UpdateRefused

__all__ = ["QueryRequest", "parse_request", "MAX_QUERY_LENGTH", "check_query"]

MAX_QUERY_LENGTH = 100_000  # characters
FORM = "application/x-www-form-urlencoded"
DIRECT = "application/sparql-query"
UPDATE = "application/sparql-update"


@dataclass(frozen=True)
class QueryRequest:
    """One query operation: the query, its protocol dataset, and how the client wants the answer."""

    query: str
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()
    accept: str | None = None
    format: str | None = None  # explicit result format (?format=json|xml|csv|tsv|ttl|nt|jsonld|rdf|html)
    base_iri: str | None = None
    limit: int = 10_000
    timeout: float = 10.0
    meta: dict = field(default_factory=dict, compare=False)


def _one(values: list[str], name: str) -> str | None:
    if len(values) > 1:
        raise BadRequest(f"the request holds {len(values)} {name!r} parameters; send exactly one")
    return values[0] if values else None


def _iris(values: list[str], name: str) -> tuple[str, ...]:
    for value in values:
        try:
            NamedNode(value)
        except ValueError:
            raise BadRequest(f"{name} {value!r} is not an absolute IRI") from None
    return tuple(values)


def parse_request(method: str, args, form, content_type: str | None, body: bytes) -> QueryRequest | None:
    """Return the query operation of a request, or None when no query was sent.

    ``args``/``form`` are multi-dicts (``getlist``). Raises UpdateRefused for an update,
    UnsupportedMediaType / MethodNotAllowed / BadRequest for a request the protocol does not allow.
    """
    if method not in ("GET", "POST", "HEAD"):
        raise MethodNotAllowed(f"the SPARQL query operation takes GET or POST, not {method}")
    mime, _, params = (content_type or "").partition(";")
    mime = mime.strip().lower()
    if args.getlist("update") or (method == "POST" and (mime == UPDATE or (mime == FORM and form.getlist("update")))):
        raise UpdateRefused("this SPARQL endpoint is read-only: updates are refused")
    default_graphs = list(args.getlist("default-graph-uri"))
    named_graphs = list(args.getlist("named-graph-uri"))
    if method in ("GET", "HEAD"):
        query = _one(args.getlist("query"), "query")
    elif mime == FORM:
        query = _one(list(form.getlist("query")) + list(args.getlist("query")), "query")
        default_graphs += form.getlist("default-graph-uri")
        named_graphs += form.getlist("named-graph-uri")
    elif mime == DIRECT:
        charset = re.search(r"charset\s*=\s*\"?([\w-]+)", params, re.I)
        if charset and charset.group(1).lower() not in ("utf-8", "utf8"):
            raise UnsupportedMediaType(f"a direct POST query must be UTF-8, not {charset.group(1)}")
        if args.getlist("query"):
            raise BadRequest("a direct POST carries the query in its body, not in a 'query' parameter")
        try:
            query = body.decode("utf-8")
        except UnicodeDecodeError:
            raise UnsupportedMediaType("the query body is not valid UTF-8") from None
    elif not mime:
        raise UnsupportedMediaType(f"a POST query needs Content-Type {FORM} or {DIRECT}")
    else:
        raise UnsupportedMediaType(f"a POST query takes {FORM} or {DIRECT}, not {mime}")
    if query is None:
        if default_graphs or named_graphs:
            raise BadRequest("the request names graphs but holds no 'query'")
        return None
    if not query.strip():
        raise QueryError("the query is empty")
    if len(query) > MAX_QUERY_LENGTH:
        raise BadRequest(f"the query is longer than {MAX_QUERY_LENGTH} characters")
    check_query(query)
    return QueryRequest(query, _iris(default_graphs, "default-graph-uri"), _iris(named_graphs, "named-graph-uri"),
                        format=(args.get("format") or form.get("format") or None))


# strings, IRIs and comments: removed before looking for keywords
_STRIP = re.compile(r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\''
                    r'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\''
                    r'|<[^<>"{}|^`\\\s]*>|#[^\n]*')
_SERVICE = re.compile(r"(?<![\w:?$])SERVICE(?![\w:])", re.IGNORECASE)


def check_query(query: str) -> None:
    """Refuse what this endpoint never runs: federated SERVICE calls (the server would fetch URLs).

    Raises QueryError.
    """
    code = _STRIP.sub(" ", query)
    if _SERVICE.search(code):
        raise QueryError("SERVICE (federated query) is disabled on this endpoint")
