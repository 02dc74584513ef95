"""The MCP server through the SDK's own client: over streamable HTTP (/mcp of the web app) and over stdio."""

from __future__ import annotations

import asyncio
import json
import os
import sys
import threading

import pytest

from tests.data.interfaces.fixture import BASE, FAMILY, family_registry

pytestmark = [pytest.mark.server, pytest.mark.slow]

TOOLS = {"search", "get_fdo", "lineage", "compare", "sparql", "ask"}


def pid(fdo_id: str) -> str:
    return f"{BASE}/fdo/{fdo_id}"


@pytest.fixture(scope="module")
def http_url(tmp_path_factory):
    """The web app (with /mcp) on a threaded WSGI server on loopback, over an on-disk family registry."""
    from werkzeug.serving import make_server

    from registry.web import create_app

    registry = family_registry(tmp_path_factory.mktemp("mcp-http"), LLM="extractive")
    app = create_app({"REGISTRY": registry, "SPARQL_ISOLATION": "thread"})
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/mcp"
    server.shutdown()
    thread.join(10)
    registry.close()


@pytest.fixture(scope="module")
def stdio_params(tmp_path_factory):
    """How to launch `mlfdo mcp` over stdio on an on-disk family registry."""
    from mcp.client.stdio import StdioServerParameters

    data_dir = tmp_path_factory.mktemp("mcp-stdio")
    family_registry(data_dir).close()
    env = {**os.environ, "MLFDO_DATA_DIR": str(data_dir), "MLFDO_BASE_URL": BASE,
           "MLFDO_LLM": "extractive", "PYTHONPATH": os.pathsep.join(sys.path)}
    return StdioServerParameters(command=sys.executable, args=["-m", "registry", "mcp"], env=env)


async def _session(server, calls):
    from mcp import Client

    async with Client(server, read_timeout_seconds=120) as client:
        listed = await client.list_tools()
        results = {"tools": {t.name for t in listed.tools}}
        for name, args in calls:
            result = await client.call_tool(name, args)
            text = result.content[0].text if result.content else ""
            results[name] = (result.is_error, result.structured_content, text)
        return results


def run(server, calls):
    return asyncio.run(_session(server, calls))


CALLS = [
    ("get_fdo", {"id": "hf:demo/mid-lm"}),
    ("lineage", {"id": pid(FAMILY.mid)}),
    ("compare", {"ids": [FAMILY.mid, pid(FAMILY.chat)]}),
    ("sparql", {"query": "SELECT ?m WHERE { ?m <https://w3id.org/fair4ml#fineTunedFrom> "
                         f"<{pid(FAMILY.mid)}> }}"}),
    ("search", {"query": "chat tuning on short tales", "filters": {"task": ["text-generation"]}}),
    ("ask", {"question": "What is mid-lm-chat fine-tuned from?"}),
]


def check_answers(results) -> None:
    assert TOOLS <= results["tools"]
    error, summary, _ = results["get_fdo"]
    assert not error and summary["pid"] == pid(FAMILY.mid) and summary["name"] == "mid-lm"
    assert summary["derived_from"] == [{"relation": "fine-tuned from", "pid": pid(FAMILY.grand), "name": "grand-lm",
                                        "iri": pid(FAMILY.grand)}]
    _, family, _ = results["lineage"]
    kinds = {d["kind"]: [n["pid"] for n in d["shown"]] for d in family["descendants"]}
    assert kinds["fine-tuned as"] == [pid(FAMILY.chat)] and kinds["quantized as"] == [pid(FAMILY.q4)]
    assert [a["pid"] for a in family["ancestors"]] == [pid(FAMILY.grand)]
    _, compared, _ = results["compare"]
    assert [f["pid"] for f in compared["fdos"]] == [pid(FAMILY.mid), pid(FAMILY.chat)]
    assert any(r["key"] == "eval:quizset:accuracy" and r["values"] == [["0.62"], ["0.71"]] for r in compared["rows"])
    _, sparql, _ = results["sparql"]
    assert [b["m"]["value"] for b in sparql["results"]["results"]["bindings"]] == [pid(FAMILY.chat)]
    _, found, _ = results["search"]
    assert found["total"] >= 1 and found["results"][0]["pid"] == pid(FAMILY.chat)
    assert all(r["pid"].startswith(BASE + "/fdo/") for r in found["results"])
    assert "task" in found["facets"]
    _, answer, _ = results["ask"]
    assert pid(FAMILY.mid) in {c["pid"] for c in answer["citations"]}


def test_mcp_over_streamable_http_answers_every_tool_with_pids(http_url):
    check_answers(run(http_url, CALLS))


def test_mcp_over_stdio_answers_every_tool_with_pids(stdio_params):
    check_answers(run(stdio_params, CALLS))


def test_mcp_tool_errors_carry_the_registry_message(http_url):
    results = run(http_url, [("get_fdo", {"id": "hf:nobody/nothing"}),
                             ("sparql", {"query": "SELECT * WHERE { SERVICE <http://x.test/> { ?s ?p ?o } }"})])
    error, _, text = results["get_fdo"]
    assert error and "no FDO for 'hf:nobody/nothing'" in text
    error, _, text = results["sparql"]
    assert error and "SERVICE" in text


def test_mcp_http_refuses_a_foreign_host_header(http_url):
    import requests

    body = {"jsonrpc": "2.0", "id": 1, "method": "tools/list", "params": {}}
    response = requests.post(http_url, json=body, headers={"Host": "evil.test", "Accept": "application/json, text/event-stream"},
                             timeout=30)
    assert response.status_code in (400, 403, 421)
