"""What a SPARQL server needs said differently: the one place for server dialects.

The store keeps the current view in the default graph and everything else in named graphs
(DESIGN.md "The quad store"). ``standard`` servers (Oxigraph, Fuseki with TDB2, GraphDB) have a
default graph of their own and need nothing. Virtuoso has none: a query's default graph is the
union of every graph and an update without ``GRAPH`` is refused. The ``virtuoso`` dialect keeps the
current view in the named graph ``CURRENT_VIEW`` and rewrites each request so that the store's
text (and the queries users send to ``/sparql``) keep their meaning:

- a ``define input:default-graph-uri`` pragma makes unqualified patterns and writes mean
  ``CURRENT_VIEW``; a ``FILTER`` beside each ``GRAPH ?g`` keeps it (and Virtuoso's own system
  graphs) out of ``?g`` (Virtuoso's ``named-graph-exclude`` would take it out of the default
  graph too);
- with a default graph defined, Virtuoso matches nothing for ``GRAPH <iri> { ... }`` in a
  pattern, so each such group becomes ``VALUES ?g { <iri> } GRAPH ?g { ... }``; in updates this
  applies to ``WHERE`` groups, and ``DELETE WHERE { Q }`` becomes ``DELETE { Q } WHERE { Q' }``;
- Virtuoso cuts results at its ``ResultSetMaxRows`` and returns partial results at its
  ``MaxQueryExecutionTime`` with a header saying so: both are errors here, never silent;
- ``FROM`` / ``FROM NAMED`` in a query are refused (they would replace the current view);
- CONSTRUCT and DESCRIBE ask for N-Triples only (Virtuoso would send results JSON);
- an update is sent as one request with ``define sql:big-data-const 1``: without it Virtuoso
  compiles the quads of ``INSERT DATA`` / ``DELETE DATA`` into SQL text and refuses a request of
  more than about 1,000 quads (SP031, 10,000 lines of SQL); with it they are passed as one
  constant, so a write of any size stays one request, which Virtuoso runs as one transaction;
  a failed request that carries data is answered with a SP031 that hides its cause, reported
  here with the likely one (``refusal``);
- a deadlock victim is rolled back whole and run again by Virtuoso's endpoint itself (six times,
  with pauses); a request still a victim after that is answered ``Virtuoso 40001 Error`` and is
  sent again here a few times (``deadlocked``, ``deadlock_pauses``), the whole write being one
  transaction that left nothing behind. Any other error fails at once.

docs/store.md "Which SPARQL servers" documents what this means for operators.
"""

from __future__ import annotations

import json
import random
import re

from registry.errors import MlfdoError, QueryError
from registry.vocab import MLFDO

__all__ = ["DialectError", "Dialect", "StandardDialect", "VirtuosoDialect", "DIALECTS", "dialect_named", "detect",
           "CURRENT_VIEW", "VIRTUOSO_SYSTEM_GRAPHS", "BIG_DATA_PRAGMA"]

CURRENT_VIEW = str(MLFDO) + "currentView"  # the named graph holding the current view on Virtuoso
VIRTUOSO_SYSTEM_GRAPHS = (  # graphs a fresh Virtuoso database holds for itself
    "http://www.openlinksw.com/schemas/virtrdf#",
    "http://www.w3.org/ns/ldp#",
    "http://localuriqaserver/sparql",
)


class DialectError(MlfdoError):
    status, exit_code, title = 502, 1, "Store server error"


class Dialect:
    """A server that needs nothing rewritten (SPARQL 1.1 with a default graph of its own)."""

    name = "standard"
    extend_chunk: int | None = 20_000  # quads per INSERT DATA request of RemoteDB.extend (None: one request)
    deadlock_pauses: tuple[float, ...] = ()  # seconds before each resend of a deadlock victim (none: never resent)

    def deadlocked(self, status: int, text: str) -> bool:
        """Return whether an error answer says the request was a deadlock victim, rolled back whole."""
        return False

    def retried_deadlock(self, headers) -> str | None:
        """Return the server's note when it ran a request again after a deadlock before answering it."""
        return None

    def pause(self, attempt: int) -> float:
        """Return the seconds to wait before resending a deadlock victim for the ``attempt``-th time (from 1)."""
        return self.deadlock_pauses[attempt - 1] * random.uniform(0.5, 1.5)  # jitter: victims do not collide again

    def query(self, sparql: str) -> str:
        """Return the text to send for a query. Raises QueryError for a query the server cannot answer."""
        return sparql

    def accept(self, sparql: str) -> str:
        """Return the Accept header for a query: results JSON, or N-Triples for CONSTRUCT/DESCRIBE."""
        return ACCEPT

    def update_request(self, sparql: str) -> str:
        """Return the text of the one request that carries an update."""
        return sparql

    def check(self, headers) -> None:
        """Raise when a response's headers say its result is incomplete."""

    def refusal(self, text: str) -> MlfdoError | None:
        """Return the error for a 400 answer that is the server's failure, not the request's (None: the request's)."""
        return None

    def results(self, content: bytes) -> bytes:
        """Return SPARQL JSON results as the store expects them."""
        return content


StandardDialect = Dialect
ACCEPT = "application/sparql-results+json, application/n-triples;q=0.9"

# Tokens that matter to the rewrite; everything between them is copied as it is.
_TOKEN = re.compile(r'''
    (?P<string>"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^'\\]|\\.|'(?!''))*\'\'\'
              |"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')
  | (?P<iri><[^<>"{}|^`\\\s]*>)
  | (?P<comment>\#[^\n]*)
  | (?P<open>\{) | (?P<close>\}) | (?P<semi>;)
  | (?P<var>[?$][A-Za-z0-9_]+)
  | (?P<word>[A-Za-z_][A-Za-z0-9_.-]*(?::[A-Za-z0-9_.%\\-]*)?|:[A-Za-z0-9_.%\\-]*)
''', re.X)
_GRAPH_VAR = "?_mlfdo_g"
_DATA_OP = re.compile(r"\s*(INSERT|DELETE)\s+DATA\s*\{", re.IGNORECASE)
# Virtuoso's endpoint puts "define sql:big-data-const 0" before every request; a later define wins.
BIG_DATA_PRAGMA = "define sql:big-data-const 1\n"


def _tokens(text: str):
    """Yield (kind, value, start, end) for the tokens of ``text`` that the rewrite looks at."""
    for m in _TOKEN.finditer(text):
        kind = m.lastgroup
        if kind != "comment":
            yield kind, m.group(), m.start(), m.end()


def _operations(text: str) -> list[str]:
    """Split an update request into its operations (at the top-level ';')."""
    ops, depth, last = [], 0, 0
    for kind, _, start, end in _tokens(text):
        depth += (kind == "open") - (kind == "close")
        if kind == "semi" and depth == 0:
            ops.append(text[last:start])
            last = end
    ops.append(text[last:])
    return [op for op in ops if op.strip()]


def _is_graph_term(kind: str, value: str) -> bool:
    return kind == "iri" or (kind == "word" and ":" in value)


class VirtuosoDialect(Dialect):
    """Virtuoso 7: the current view in a named graph of its own (see the module docstring)."""

    name = "virtuoso"
    extend_chunk = None  # one request, however large: it is one transaction (see update_request)
    # Virtuoso's endpoint has already run a victim seven times, pausing 4-21 s in all, before it
    # answers 40001: a few more tries, further apart, are all that is left worth making here.
    deadlock_pauses = (0.5, 1.0, 2.0)

    def __init__(self, current_view: str = CURRENT_VIEW) -> None:
        self.current_view = current_view
        self._preamble = f"define input:default-graph-uri <{current_view}>\n"
        self._hidden = ", ".join(f"<{g}>" for g in (current_view, *VIRTUOSO_SYSTEM_GRAPHS))

    def check(self, headers) -> None:
        if headers.get("X-SQL-State") == "S1TAT":
            raise QueryError("the store server stopped the query at its execution time limit "
                             "(Virtuoso MaxQueryExecutionTime) and would have returned partial results")
        if headers.get("X-SPARQL-MaxRows"):
            raise DialectError(f"the store server cut the result at {headers['X-SPARQL-MaxRows']} rows "
                               "(raise Virtuoso's [SPARQL] ResultSetMaxRows)")

    def deadlocked(self, status: int, text: str) -> bool:
        # What the endpoint sends once its own six reruns of a victim are spent (SQLSTATE 40001,
        # "SR172: Transaction deadlocked"). An update carrying data gets the SP031 of ``refusal``
        # instead, which also answers errors after which earlier operations stayed: never resent.
        return status == 500 and text.startswith("Virtuoso 40001 Error")

    def retried_deadlock(self, headers) -> str | None:
        # A request run again after a deadlock keeps the deadlock's message in the result's header.
        message = headers.get("X-SQL-Message", "")
        return message if headers.get("X-SQL-State") == "00000" and "deadlock" in message.lower() else None

    def refusal(self, text: str) -> MlfdoError | None:
        # With big-data-const, Virtuoso answers any failed update that carries data (a syntax error,
        # a transaction aborted at TransactionAfterImageLimit, an error raised by one operation, a
        # deadlock victim through the endpoint's six reruns) with this SP031: it cannot print the SQL
        # text its error report would show.
        if "not translated to an accurate SQL text" in text:
            return DialectError("the store server refused or aborted the update without naming the cause (Virtuoso "
                                "SP031); a write over its [Parameters] TransactionAfterImageLimit ends so, with "
                                "nothing written: raise the limit or lower MLFDO_INGEST_BATCH. A write that stayed "
                                "a deadlock victim through Virtuoso's own reruns ends so too (also nothing written)")
        return None

    def query(self, sparql: str) -> str:
        depth = 0
        for kind, value, _, _ in _tokens(sparql):
            depth += (kind == "open") - (kind == "close")
            if kind == "word" and depth == 0 and value.upper() == "FROM":
                raise QueryError("FROM and FROM NAMED are not supported on the Virtuoso store: the default "
                                 "graph is the current view, and GRAPH <...> reaches versions and provenance")
        return self._preamble + self._pattern(sparql)

    def accept(self, sparql: str) -> str:
        # Virtuoso answers CONSTRUCT/DESCRIBE with results JSON (?s ?p ?o) when that is acceptable.
        for kind, value, _, _ in _tokens(sparql):
            form = value.upper() if kind == "word" else ""
            if form in ("SELECT", "ASK"):
                return ACCEPT
            if form in ("CONSTRUCT", "DESCRIBE"):
                return "application/n-triples"
        return ACCEPT

    def results(self, content: bytes) -> bytes:
        """Drop the graph variables the rewrite added from SPARQL JSON results (``SELECT *`` shows them)."""
        added = _GRAPH_VAR[1:]
        if added.encode() not in content:
            return content
        data = json.loads(content)
        if "vars" in data.get("head", {}):
            data["head"]["vars"] = [v for v in data["head"]["vars"] if not v.startswith(added)]
            for row in data.get("results", {}).get("bindings", []):
                for name in [n for n in row if n.startswith(added)]:
                    del row[name]
        return json.dumps(data).encode("utf-8")

    def update_request(self, sparql: str) -> str:
        """Return an update as one request: WHERE patterns rewritten, data operations passed as constants.

        Without ``BIG_DATA_PRAGMA`` Virtuoso turns every quad of a data operation into SQL text and
        refuses a request of more than about 1,000 quads (SP031, 10,000 lines of SQL). With it the
        quads travel as one constant: measured on the test server, 2,000 quads in 0.3 s, 50,000 in
        8.8 s, one transaction each (docs/store.md "Which SPARQL servers").
        """
        ops = [op if _DATA_OP.match(op) else self._operation(op) for op in _operations(sparql)]
        return self._preamble + BIG_DATA_PRAGMA + " ;\n".join(ops)

    def _operation(self, op: str) -> str:
        """Rewrite the WHERE pattern of one update operation (``DELETE WHERE`` is spelt out first)."""
        tokens = list(_tokens(op))
        out, last, i, depth = [], 0, 0, 0
        where_next = False  # the next top-level group is a WHERE pattern
        while i < len(tokens):
            kind, value, start, end = tokens[i]
            upper = value.upper() if kind == "word" else ""
            if depth == 0 and upper == "DELETE" and i + 1 < len(tokens) and tokens[i + 1][1].upper() == "WHERE":
                close = _matching(tokens, i + 2)
                quads = op[tokens[i + 2][3]:tokens[close][2]]
                out.append(op[last:start])
                out.append(f"DELETE {{{quads}}} WHERE {{{self._pattern(quads)}}}")
                last, i = tokens[close][3], close + 1
                continue
            if depth == 0 and upper == "WHERE":
                where_next = True
            elif kind == "open" and depth == 0 and where_next:
                close = _matching(tokens, i)
                out.append(op[last:end])
                out.append(self._pattern(op[end:tokens[close][2]]))
                last, i, where_next = tokens[close][2], close + 1, False
                continue
            elif kind == "open":
                depth += 1
            elif kind == "close":
                depth -= 1
            i += 1
        out.append(op[last:])
        return "".join(out)

    def _pattern(self, text: str) -> str:
        """Return the pattern ``text`` with each ``GRAPH <iri>`` turned into ``VALUES ?g { <iri> } GRAPH ?g``
        and each ``GRAPH ?var`` kept off the current view and Virtuoso's system graphs."""
        tokens = list(_tokens(text))
        out, last, counter = [], 0, 0
        for i, (kind, value, start, _) in enumerate(tokens):
            if kind != "word" or value.upper() != "GRAPH" or i + 1 == len(tokens):
                continue
            next_kind, term, _, term_end = tokens[i + 1]
            if _is_graph_term(next_kind, term):
                counter += 1
                out.append(text[last:start])
                out.append(f"VALUES {_GRAPH_VAR}{counter} {{ {term} }} GRAPH {_GRAPH_VAR}{counter}")
                last = term_end
            elif next_kind == "var":
                out.append(text[last:start])
                out.append(f"FILTER({term} NOT IN ({self._hidden})) ")
                last = start
        out.append(text[last:])
        return "".join(out)


def _matching(tokens, i: int) -> int:
    """Return the index of the brace closing the one at ``tokens[i]``."""
    if tokens[i][0] != "open":
        raise DialectError("an update the Virtuoso dialect cannot read: expected '{'")
    depth = 0
    for j in range(i, len(tokens)):
        if tokens[j][0] == "open":
            depth += 1
        elif tokens[j][0] == "close":
            depth -= 1
            if depth == 0:
                return j
    raise DialectError("an update the Virtuoso dialect cannot read: unbalanced braces")


DIALECTS = {"standard": Dialect, "virtuoso": VirtuosoDialect}


def dialect_named(name: str) -> Dialect:
    """Return the dialect called ``name``. Raises ValueError for an unknown name."""
    try:
        return DIALECTS[name]()
    except KeyError:
        raise ValueError(f"unknown SPARQL dialect {name!r}; one of: auto, {', '.join(DIALECTS)}") from None


def detect(server_header: str) -> Dialect:
    """Return the dialect of a server from its HTTP ``Server`` header."""
    return VirtuosoDialect() if "virtuoso" in server_header.lower() else Dialect()
