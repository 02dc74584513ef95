"""A SPARQL 1.1 Protocol server as the store's database (the scaled-out deployment).

``RemoteDB`` offers the handful of pyoxigraph ``Store`` methods the store layer uses
(``query``, ``update``, ``extend``, ``quads_for_pattern``, ``named_graphs``, ``flush``), so
code above ``registry/store`` never knows which backend it runs on. Results come back as
pyoxigraph terms. Each ``update`` is one SPARQL Update request, which the server applies
atomically; so is each ``extend`` (``load``) of up to the dialect's ``extend_chunk`` quads (20,000
on a standard server, any number on Virtuoso). What a server needs said differently is its dialect
(``registry/store/dialects.py``), chosen by name or detected from the server's ``Server``
header; so is which error answers mean a deadlock victim, rolled back whole, that is sent again
(a few times, with pauses). Tested against the ``oxigraph`` server and Virtuoso 7.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable, Iterator

import requests
from pyoxigraph import (
    DefaultGraph, NamedNode, Quad, QueryResultsFormat, RdfFormat, parse, parse_query_results,
)

from registry.errors import MlfdoError, QueryError
from registry.store.dialects import Dialect, detect, dialect_named

__all__ = ["RemoteDB", "RemoteStoreError", "endpoints_for"]

DEFAULT_TIMEOUT = 60.0
USER_AGENT = "mlfdo-store/0.1"
log = logging.getLogger(__name__)


class RemoteStoreError(MlfdoError):
    status, exit_code, title = 502, 1, "Store server error"


def endpoints_for(url: str) -> tuple[str, str]:
    """Return (query URL, update URL) for a server URL.

    ``http://host:7878`` (Oxigraph's layout) gives ``/query`` and ``/update``; a URL that
    already names an endpoint (ending in ``/sparql``, ``/query``) is used for both.
    """
    url = url.rstrip("/")
    if url.endswith("/sparql"):
        return url, url
    if url.endswith("/query"):
        return url, url[: -len("/query")] + "/update"
    return url + "/query", url + "/update"


def _term(term) -> str:
    return str(term)


class RemoteDB:
    """The pyoxigraph-like face of a SPARQL server."""

    def __init__(self, url: str, timeout: float = DEFAULT_TIMEOUT, session: requests.Session | None = None,
                 dialect: str = "auto") -> None:
        """Talk to the server at ``url`` in ``dialect`` ('auto': asked of the server's Server header).

        Raises ValueError for an unknown dialect, RemoteStoreError when 'auto' cannot reach the server.
        """
        self.url = url
        self.query_url, self.update_url = endpoints_for(url)
        self.timeout = timeout
        self.session = session or requests.Session()
        self.session.headers["User-Agent"] = USER_AGENT
        self.dialect: Dialect = dialect_named(dialect) if dialect != "auto" else Dialect()
        if dialect == "auto":
            probe = self._post(self.query_url, {"query": "ASK {}"}, accept="application/sparql-results+json")
            self.dialect = detect(probe.headers.get("Server", ""))

    # -- the pyoxigraph Store subset -------------------------------------------------------
    def query(self, sparql: str, **_ignored):
        """Run a query; SELECT/ASK give pyoxigraph query results, CONSTRUCT/DESCRIBE give triples."""
        response = self._post(self.query_url, {"query": self.dialect.query(sparql)}, accept=self.dialect.accept(sparql))
        self.dialect.check(response.headers)
        kind = response.headers.get("Content-Type", "").split(";")[0].strip()
        if kind in ("application/n-triples", "text/plain"):
            return [q.triple for q in parse(response.content, RdfFormat.N_TRIPLES)]
        return parse_query_results(self.dialect.results(response.content), QueryResultsFormat.JSON)

    def update(self, sparql: str, **_ignored) -> None:
        """Run a SPARQL update as one request (the server applies it atomically)."""
        self._post(self.update_url, self.dialect.update_request(sparql), content_type="application/sparql-update")

    def extend(self, quads: Iterable[Quad]) -> None:
        """Insert quads with INSERT DATA requests of at most the dialect's ``extend_chunk`` quads each."""
        limit = self.dialect.extend_chunk
        chunk: list[str] = []
        for q in quads:
            chunk.append(str(q.triple) + " ." if isinstance(q.graph_name, DefaultGraph)
                         else f"GRAPH {q.graph_name} {{ {q.triple} }}")
            if limit is not None and len(chunk) >= limit:
                self.update("INSERT DATA {\n" + "\n".join(chunk) + "\n}")
                chunk = []
        if chunk:
            self.update("INSERT DATA {\n" + "\n".join(chunk) + "\n}")

    def load(self, data: str | bytes, format: RdfFormat) -> None:  # noqa: A002 - pyoxigraph's name
        """Insert an RDF document (as pyoxigraph's ``Store.load``) with INSERT DATA requests."""
        self.extend(parse(data, format))

    def quads_for_pattern(self, subject=None, predicate=None, obj=None, graph=None) -> Iterator[Quad]:
        """Return the quads matching a pattern (None matches anything; DefaultGraph the default graph)."""
        s = _term(subject) if subject is not None else "?s"
        p = _term(predicate) if predicate is not None else "?p"
        o = _term(obj) if obj is not None else "?o"
        triple = f"{s} {p} {o}"
        if isinstance(graph, DefaultGraph):
            where = triple
        elif graph is not None:
            where = f"GRAPH {graph} {{ {triple} }}"
        else:
            where = f"{{ {triple} }} UNION {{ GRAPH ?g {{ {triple} }} }}"
        for row in self.query(f"SELECT * WHERE {{ {where} }}"):
            g = graph if graph is not None else (row["g"] if row["g"] is not None else DefaultGraph())
            yield Quad(subject if subject is not None else row["s"], predicate if predicate is not None else row["p"],
                       obj if obj is not None else row["o"], g)

    def named_graphs(self) -> Iterator[NamedNode]:
        """Return the named graphs of the dataset."""
        for row in self.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"):
            yield row["g"]

    def flush(self) -> None:
        """Nothing to flush: the server persists each request."""

    # -- HTTP -------------------------------------------------------------------------------
    def _post(self, url: str, data, accept: str | None = None, content_type: str | None = None) -> requests.Response:
        """Send one request (again after each deadlock answer, while the dialect allows); return the answer.

        Raises QueryError (or the dialect's error) for a 400, RemoteStoreError for any other error answer.
        """
        headers = {}
        if accept:
            headers["Accept"] = accept
        if content_type:
            headers["Content-Type"] = content_type + "; charset=utf-8"
            data = data.encode("utf-8")
        response, attempt = self._send(url, data, headers), 0
        pauses = len(self.dialect.deadlock_pauses)
        # A deadlock victim's request was one transaction, rolled back whole: sending it again cannot
        # apply any of it twice. Any other error answer may follow a partial write: never resent.
        while attempt < pauses and response.status_code >= 300 and self.dialect.deadlocked(response.status_code,
                                                                                          response.text):
            attempt += 1
            log.info("store server %s chose a request as a deadlock victim; sending it again (%d of %d)",
                     self.url, attempt, pauses)
            time.sleep(self.dialect.pause(attempt))
            response = self._send(url, data, headers)
        if response.status_code < 300:
            if note := self.dialect.retried_deadlock(response.headers):
                log.info("store server %s ran a request again after a deadlock (%s)", self.url, note)
            return response
        if self.dialect.deadlocked(response.status_code, response.text):
            raise RemoteStoreError(f"store server {self.url} chose the request as a deadlock victim {attempt + 1} "
                                   "times and rolled it back each time, so nothing of it was written: "
                                   f"{response.text.splitlines()[0][:200]}")
        if response.status_code == 400:
            raise self.dialect.refusal(response.text) or QueryError(f"store server refused the request: {response.text[:300]}")
        raise RemoteStoreError(f"store server {self.url} answered {response.status_code}: {response.text[:200]}")

    def _send(self, url: str, data, headers: dict[str, str]) -> requests.Response:
        try:
            return self.session.post(url, data=data, headers=headers, timeout=self.timeout)
        except requests.RequestException as exc:
            raise RemoteStoreError(f"store server {self.url} unreachable: {exc.__class__.__name__}") from None
