"""What the Virtuoso dialect promises beyond the shared store suite: same graphs as Oxigraph, clear refusals."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest
from pyoxigraph import DefaultGraph, NamedNode

from registry.errors import QueryError
from registry.store import Store
from registry.store.dialects import CURRENT_VIEW, VIRTUOSO_SYSTEM_GRAPHS, DialectError
from registry.store.remote import RemoteDB, RemoteStoreError
from tests.conftest import SPARQL_SERVERS, empty_server
from tests.factories import BASE, model_pid, model_record

pytestmark = pytest.mark.server

T0 = datetime(2025, 1, 1, tzinfo=timezone.utc)


@pytest.fixture
def virtuoso_store(request) -> Store:
    return Store.open_remote(empty_server(request, "virtuoso"), BASE)


def _contents(store: Store) -> tuple[set[str], set[str], set[str]]:
    """Return (named graphs, current-view triples, triples of org/a's version 1) of a store, as text."""
    graphs = {g.value for g in store.db.named_graphs()}
    current = {str(q.triple) for q in store.db.quads_for_pattern(None, None, None, DefaultGraph())}
    version = {str(q.triple) for q in store.db.quads_for_pattern(None, None, None,
                                                                 NamedNode(model_pid("org/a") + "/v/1"))}
    return graphs, current, version


def _write(store: Store) -> None:
    store.ingest(model_record("org/a", description="first"), now=T0)
    store.ingest(model_record("org/a", description="second"), now=T0)
    store.ingest(model_record("org/b"), now=T0)
    store.withdraw(model_pid("org/b"), "asked by its owner", now=T0)


def test_virtuoso_holds_the_same_graphs_and_current_view_as_oxigraph(request):
    seen = {}
    for param in SPARQL_SERVERS:
        store = Store.open_remote(empty_server(request, param.values[0]), BASE)
        _write(store)
        seen[param.values[0]] = _contents(store)
    assert seen["virtuoso"] == seen["sparql-server"]
    graphs, current, _ = seen["virtuoso"]
    assert CURRENT_VIEW not in graphs and not graphs & set(VIRTUOSO_SYSTEM_GRAPHS)
    assert any('"second"' in t for t in current) and not any('"first"' in t for t in current)
    assert any('"first"' in t for t in seen["virtuoso"][2])


def test_auto_dialect_is_virtuoso_for_virtuoso_and_standard_for_oxigraph(request):
    assert RemoteDB(empty_server(request, "virtuoso")).dialect.name == "virtuoso"
    assert RemoteDB(empty_server(request, "sparql-server")).dialect.name == "standard"


def test_a_named_dialect_is_used_without_asking_the_server():
    db = RemoteDB("http://127.0.0.1:9/sparql", dialect="virtuoso", timeout=1)  # nothing listens on port 9
    assert db.dialect.name == "virtuoso"
    with pytest.raises(RemoteStoreError):
        RemoteDB("http://127.0.0.1:9/sparql", timeout=1)  # auto has to ask
    with pytest.raises(ValueError, match="unknown SPARQL dialect"):
        RemoteDB("http://127.0.0.1:9/sparql", dialect="fuseki")


def test_select_star_over_a_version_graph_shows_only_the_query_variables(virtuoso_store):
    pid = virtuoso_store.ingest(model_record("org/a"), now=T0).pid
    solutions = virtuoso_store.db.query(f"SELECT * WHERE {{ GRAPH <{pid}/v/1> {{ <{pid}> ?p ?o }} }}")
    assert [v.value for v in solutions.variables] == ["p", "o"]
    assert len(list(solutions)) == len(model_record("org/a").triples) - 2  # the counters stay out of versions


def test_graph_variable_never_reaches_the_current_view_or_system_graphs(virtuoso_store):
    virtuoso_store.ingest(model_record("org/a"), now=T0)
    rows = virtuoso_store.db.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
    graphs = {row["g"].value for row in rows}
    assert graphs and CURRENT_VIEW not in graphs and not graphs & set(VIRTUOSO_SYSTEM_GRAPHS)


def test_from_in_a_query_is_refused_with_a_clear_error_on_virtuoso(virtuoso_store):
    with pytest.raises(QueryError, match="FROM and FROM NAMED are not supported on the Virtuoso store"):
        virtuoso_store.db.query("SELECT * FROM <http://x.test/g> WHERE { ?s ?p ?o }")


def test_a_result_cut_at_the_servers_row_limit_is_an_error(virtuoso_store):
    values = " ".join(str(i) for i in range(150))  # 22,500 rows, over the test server's 20,000
    with pytest.raises(DialectError, match="ResultSetMaxRows"):
        virtuoso_store.db.query(f"SELECT * WHERE {{ VALUES ?x {{ {values} }} VALUES ?y {{ {values} }} }}")


def test_a_write_of_thousands_of_quads_is_taken_in_one_request(virtuoso_store):
    # ~7,400 quads in the batch's load: without big-data-const Virtuoso refuses more than ~1,000 per request
    records = [model_record(f"org/m{i}") for i in range(200)]
    virtuoso_store.ingest_many(records, now=T0)
    count = next(iter(virtuoso_store.db.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")))["n"].value
    assert int(count) == sum(len(r.triples) for r in records)
