"""The Model Context Protocol server: the registry's search, FDOs, lineage, compare, SPARQL and chat as tools.

``build_server(registry)`` returns the SDK server (stdio: ``mlfdo mcp``); ``mount(app, registry)``
serves it over streamable HTTP at ``/mcp`` next to the Flask app (see docs/mcp.md).
"""

from registry.mcp.http import mount
from registry.mcp.server import build_server

__all__ = ["build_server", "mount"]
