"""schemathesis against /openapi.json of a real `mlfdo serve` on loopback: no 5xx, no traceback, responses match.

The number of examples per operation is bounded (MLFDO_FUZZ_EXAMPLES, default 25) so `make test` stays quick.
"""

from __future__ import annotations

import os

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance, status_code_conformance

from tests.servers import ingest_test_records, serve_process

pytestmark = [pytest.mark.server, pytest.mark.slow]

EXAMPLES = int(os.environ.get("MLFDO_FUZZ_EXAMPLES", "25"))
TRACE_MARKERS = ("Traceback (most recent call last)", 'File "/', "site-packages/")


@pytest.fixture(scope="module")
def fuzzed_server(tmp_path_factory):
    data_dir = tmp_path_factory.mktemp("fuzz")
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    env = {**os.environ, "PYTHONPATH": root, "MLFDO_SHACL": "0", "MLFDO_BASE_URL": "http://registry.test",
           "MLFDO_LLM": "extractive", "MLFDO_SPARQL_TIMEOUT": "5", "MLFDO_ADMIN_TOKEN": "fuzz-token"}
    ingest_test_records(data_dir, env)
    with serve_process(data_dir, env) as server:
        yield server


def _operations(url: str):
    schema = schemathesis.openapi.from_url(url + "/openapi.json")
    return [result.ok() for result in schema.get_all_operations()]


def test_api_answers_every_generated_request_without_5xx_or_traceback(fuzzed_server):
    # Driven through hypothesis directly: schemathesis' pytest plugin does not run under this pytest.
    operations = _operations(fuzzed_server.url)
    assert len(operations) >= 10
    calls: dict[str, int] = {}
    for operation in operations:
        label = f"{operation.method.upper()} {operation.path}"

        @settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        @given(operation.as_strategy())
        def run(case) -> None:
            response = case.call(base_url=fuzzed_server.url, timeout=60)
            calls[label] = calls.get(label, 0) + 1
            assert not any(marker in response.text for marker in TRACE_MARKERS), f"{label}: traceback in the body"
            case.validate_response(response, checks=[not_a_server_error, response_schema_conformance,
                                                     status_code_conformance])

        run()
    assert sum(calls.values()) >= len(operations), calls
