"""The read-only SPARQL 1.1 Protocol endpoint: request parsing, execution with limits, result formats."""

from registry.sparql_protocol.protocol import QueryRequest, parse_request
from registry.sparql_protocol.runner import QueryRunner, make_runner

__all__ = ["QueryRequest", "parse_request", "QueryRunner", "make_runner"]
