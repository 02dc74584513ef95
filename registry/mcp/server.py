"""The MCP server: the registry's tools declared to the official ``mcp`` SDK (MCPServer).

Tools are synchronous functions (the store and search are synchronous); the SDK runs them and
returns their dicts as structured content plus a JSON text block. A registry error becomes a tool
error whose text is the error's message.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import Field

from registry.errors import MlfdoError
from registry.mcp.tools import RegistryTools

__all__ = ["build_server", "SERVER_NAME", "INSTRUCTIONS"]

SERVER_NAME = "mlfdo"
INSTRUCTIONS = ("A registry of machine-learning models, datasets and papers published as FAIR Digital Objects. "
                "Every result names its PID (a URL that resolves to the FDO). Start with `search`, read one FDO "
                "with `get_fdo`, follow its family with `lineage`, put 2-4 side by side with `compare`, query the "
                "graph with `sparql` (read-only), or ask in words with `ask`.")

Ref = Annotated[str, Field(description="A PID (https://.../fdo/ID), an FDO id, or platform:id such as hf:org/name")]


def _guard(fn):
    """Turn registry errors into tool errors carrying the registry's message (no traceback)."""
    from mcp.server.mcpserver.exceptions import ToolError

    def wrapped(*args: Any, **kwargs: Any) -> dict[str, Any]:
        try:
            return fn(*args, **kwargs)
        except MlfdoError as exc:
            raise ToolError(exc.message) from None
    return wrapped


def build_server(registry) -> Any:
    """Return an MCPServer whose tools read ``registry``."""
    from mcp.server.mcpserver import MCPServer
    from mcp_types import ToolAnnotations

    tools = RegistryTools(registry)
    server = MCPServer(SERVER_NAME, instructions=INSTRUCTIONS, version="0.1.0", log_level="WARNING")
    read_only = ToolAnnotations(readOnlyHint=True, openWorldHint=False)

    @server.tool(annotations=read_only)
    def search(query: Annotated[str, Field(description="What to look for, in words")],
               filters: Annotated[dict[str, list[str]] | None, Field(
                   description="Facet filters, e.g. {\"task\": [\"text-generation\"], \"licence\": [\"apache-2.0\"]}; "
                               "facets: kind, task, licence, library, language, author, base_model, dataset, "
                               "platform, params, date")] = None,
               page: int = 1, per_page: Annotated[int, Field(ge=1, le=100)] = 10) -> dict[str, Any]:
        """Search models, datasets and papers (keyword + semantic, with facet filters). Returns PIDs and facet counts."""
        return _guard(tools.search)(query, filters, page, per_page)

    @server.tool(annotations=read_only)
    def get_fdo(id: Ref, format: Literal["summary", "jsonld"] = "summary") -> dict[str, Any]:
        """Read one FDO: a summary of its record, or its full JSON-LD document."""
        return _guard(tools.get_fdo)(id, format)

    @server.tool(annotations=read_only)
    def lineage(id: Ref) -> dict[str, Any]:
        """A model's family: what it derives from (fine-tuned, quantized, adapter, merge) and what derives from it."""
        return _guard(tools.lineage)(id)

    @server.tool(annotations=read_only)
    def compare(ids: Annotated[list[str], Field(min_length=2, max_length=4, description="2-4 PIDs or ids")]) -> dict[str, Any]:
        """Compare 2-4 FDOs side by side: task, licence, base model, data, size, aligned evaluations."""
        return _guard(tools.compare)(ids)

    @server.tool(annotations=read_only)
    def sparql(query: Annotated[str, Field(description="A SPARQL 1.1 SELECT, ASK, CONSTRUCT or DESCRIBE query")]
               ) -> dict[str, Any]:
        """Query the registry's graph (read-only; the public endpoint's timeout and row limit apply)."""
        return _guard(tools.sparql)(query)

    @server.tool(annotations=read_only)
    def ask(question: str, about: Annotated[Ref | None, Field(description="Ask about this FDO")] = None) -> dict[str, Any]:
        """Ask the registry in words; the answer cites the FDOs it names by PID."""
        return _guard(tools.ask)(question, about)

    return server
