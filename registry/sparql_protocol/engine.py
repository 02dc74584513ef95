"""Run one query against a store with a deadline and a result cap, and write the chosen format."""

from __future__ import annotations

import json
import time
from dataclasses import dataclass

from pyoxigraph import NamedNode, QueryBoolean, QuerySolutions

from registry.errors import BadRequest, NotAcceptable, QueryError, QueryTimeout, ResultTooLarge
from registry.fdo.representations import jsonld_document
from registry.rdfio import format_by_name, serialize_triples
from registry.sparql_protocol import results as R
from registry.sparql_protocol.protocol import QueryRequest
from registry.negotiation import choose

__all__ = ["QueryOutcome", "execute", "CHECK_EVERY"]

CHECK_EVERY = 256  # rows between deadline checks while reading results
_GRAPH_FORMATS = {"text/turtle": "ttl", "application/n-triples": "nt", "application/rdf+xml": "rdf",
                  "application/ld+json": "jsonld"}
_ALIASES = {"application/json": "application/sparql-results+json",
            "application/xml": "application/sparql-results+xml"}


@dataclass(frozen=True)
class QueryOutcome:
    """A finished query: the media type and body, or (for HTML) the data for a results table."""

    form: str  # select, ask, graph
    media_type: str
    body: bytes | None = None
    table: dict | None = None  # {"vars": [...], "rows": [[term json...]]} or {"boolean": bool}
    count: int = 0
    seconds: float = 0.0


def _media_type(req: QueryRequest, offers: list[str]) -> str:
    if req.format:
        wanted = R.FORMAT_NAMES.get(req.format.lower(), req.format.lower())
        if wanted not in offers:
            raise NotAcceptable(f"format {req.format!r} is not offered for this query", offers=offers)
        return wanted
    chosen = choose(req.accept, offers)
    if chosen is None:
        raise NotAcceptable(f"none of the result formats fits Accept: {req.accept}", offers=offers)
    return _ALIASES.get(chosen, chosen)


def _check(deadline: float, timeout: float) -> None:
    if time.monotonic() > deadline:
        raise QueryTimeout(f"the query ran longer than {timeout:g} s and was stopped; narrow it or add a LIMIT",
                           timeout=timeout)


def execute(store, req: QueryRequest, deadline: float | None = None) -> QueryOutcome:
    """Run ``req`` on ``store`` (a registry Store). Raises QueryError, QueryTimeout, ResultTooLarge, NotAcceptable."""
    started = time.monotonic()
    deadline = deadline if deadline is not None else started + req.timeout
    kwargs: dict = {}
    if (req.default_graphs or req.named_graphs) and not store.accepts_query_dataset():
        raise BadRequest("default-graph-uri and named-graph-uri are not supported with the remote store; "
                         "use FROM / FROM NAMED in the query")
    if req.default_graphs:
        kwargs["default_graph"] = [NamedNode(g) for g in req.default_graphs]
    if req.named_graphs:
        kwargs["named_graphs"] = [NamedNode(g) for g in req.named_graphs]
    if req.base_iri:
        kwargs["base_iri"] = req.base_iri
    try:
        result = store.query(req.query, **kwargs)
        if isinstance(result, QueryBoolean):
            return _boolean(req, bool(result), started)
        if isinstance(result, QuerySolutions):
            return _solutions(req, result, deadline, started)
        return _graph(req, result, deadline, started)
    except SyntaxError as exc:
        raise QueryError(f"SPARQL syntax error: {exc}") from None
    except (OSError, RuntimeError, ValueError) as exc:
        raise QueryError(f"the query could not be evaluated: {exc}") from None


def _boolean(req: QueryRequest, value: bool, started: float) -> QueryOutcome:
    media_type = _media_type(req, R.ASK_TYPES)
    elapsed = time.monotonic() - started
    if media_type == "text/html":
        return QueryOutcome("ask", media_type, table={"boolean": value}, count=1, seconds=elapsed)
    body = R.boolean_xml(value) if media_type.endswith("xml") else R.boolean_json(value)
    return QueryOutcome("ask", media_type, body, count=1, seconds=elapsed)


def _collect(iterator, req: QueryRequest, deadline: float) -> list:
    rows = []
    for i, item in enumerate(iterator):
        if i >= req.limit:
            raise ResultTooLarge(f"the result has more than {req.limit} rows; page through it with LIMIT and "
                                 "OFFSET, or download /dump", limit=req.limit)
        if i % CHECK_EVERY == 0:
            _check(deadline, req.timeout)
        rows.append(item)
    _check(deadline, req.timeout)
    return rows


def _solutions(req: QueryRequest, solutions: QuerySolutions, deadline: float, started: float) -> QueryOutcome:
    media_type = _media_type(req, R.SELECT_TYPES)
    variables = [v.value for v in solutions.variables]
    rows = [[row[v] for v in variables] for row in _collect(solutions, req, deadline)]
    elapsed = time.monotonic() - started
    if media_type == "text/html":
        table = {"vars": variables, "rows": [[R.term_json(t) if t is not None else None for t in row] for row in rows]}
        return QueryOutcome("select", media_type, table=table, count=len(rows), seconds=elapsed)
    writer = {"application/sparql-results+json": R.solutions_json, "application/sparql-results+xml": R.solutions_xml,
              "text/csv": R.solutions_csv, "text/tab-separated-values": R.solutions_tsv}[media_type]
    return QueryOutcome("select", media_type, writer(variables, rows), count=len(rows), seconds=elapsed)


def _graph(req: QueryRequest, triples, deadline: float, started: float) -> QueryOutcome:
    media_type = _media_type(req, R.GRAPH_TYPES)
    collected = _collect(triples, req, deadline)
    elapsed = time.monotonic() - started
    if media_type == "text/html":
        table = {"vars": ["subject", "predicate", "object"],
                 "rows": [[R.term_json(t.subject), R.term_json(t.predicate), R.term_json(t.object)] for t in collected]}
        return QueryOutcome("graph", media_type, table=table, count=len(collected), seconds=elapsed)
    if media_type == "application/ld+json":
        body = json.dumps(jsonld_document(collected), ensure_ascii=False).encode("utf-8")
    else:
        body = serialize_triples(collected, format_by_name(_GRAPH_FORMATS[media_type]))
    return QueryOutcome("graph", media_type, body, count=len(collected), seconds=elapsed)
