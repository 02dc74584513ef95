"""What the MCP tools do, as plain functions over a Registry: each returns JSON-ready data with PIDs.

The MCP server (registry/mcp/server.py) only declares these to the SDK; they are also what the
tests call through the SDK's client. Errors are the registry's own (MlfdoError subclasses).
"""

from __future__ import annotations

from registry.errors import BadRequest, NotFound
from registry.fdo.compare import MAX_IDS, MIN_IDS, compare_pages
from registry.fdo.lineage import lineage_of
from registry.fdo.representations import jsonld_document
from registry.fdo.service import FdoService, Located
from registry.pid import id_from_pid
from registry.sparql_protocol import QueryRequest, make_runner
from registry.sparql_protocol.protocol import MAX_QUERY_LENGTH, check_query

__all__ = ["RegistryTools", "FACET_VALUES", "DESCRIPTION_CHARS"]

FACET_VALUES = 8  # values listed per facet in a search result
DESCRIPTION_CHARS = 600


def _ref(r) -> dict:
    return {"pid": r.iri if r.local else None, "name": r.label, "iri": r.iri}


class RegistryTools:
    """The tools of the MCP server, bound to one registry."""

    def __init__(self, registry) -> None:
        self.registry = registry
        self.fdo = registry.extension("fdo", FdoService)

    def locate(self, ref: str) -> Located:
        """Return the FDO named by an id, a PID, an alias or ``platform:id``. Raises NotFound or Withdrawn."""
        pid = self.registry.store.resolve(ref or "")
        fdo_id = id_from_pid(self.registry.base_url, pid) if pid else None
        if fdo_id is None:
            raise NotFound(f"no FDO for {ref!r}: give a PID, an FDO id or platform:id such as hf:org/name")
        return self.fdo.current(fdo_id)

    def search(self, query: str, filters: dict[str, list[str]] | None = None, page: int = 1,
               per_page: int = 10) -> dict:
        """Search the registry: ranked results with PIDs, and facet counts for narrowing."""
        from registry.search import get_searcher

        response = get_searcher(self.registry).search(query, filters or {}, page, per_page)
        return {
            "query": query, "total": response.total, "page": response.page, "filters": response.filters,
            "results": [{"pid": h.pid, "name": h.name, "kind": h.kind, "identifier": h.identifier,
                         "tasks": list(h.tasks), "licences": list(h.licences), "downloads": h.downloads,
                         "snippet": h.snippet} for h in response.results],
            "facets": {f.name: [{"value": v.value, "label": v.label, "count": v.count}
                                for v in f.values[:FACET_VALUES]] for f in response.facets if f.values},
        }

    def get_fdo(self, ref: str, format: str = "summary") -> dict:
        """Return one FDO as a summary (the facts of its landing page) or as its JSON-LD document."""
        located = self.locate(ref)
        if format == "jsonld":
            return {"pid": located.pid, "jsonld": jsonld_document(self.fdo.triples(located))}
        if format != "summary":
            raise BadRequest("format is 'summary' or 'jsonld'")
        page = self.fdo.page(located)
        description = page.description or ""
        return {
            "pid": page.pid, "name": page.name, "kind": page.kind, "status": page.status,
            "identifier": page.identifier, "platform_url": page.platform_url,
            "description": description[:DESCRIPTION_CHARS] + ("…" if len(description) > DESCRIPTION_CHARS else ""),
            "tasks": [_ref(r) for r in page.tasks], "licences": [_ref(r) for r in page.licences],
            "authors": [_ref(r) for r in page.authors], "trained_on": [_ref(r) for r in page.trained_on],
            "papers": [_ref(r) for r in page.papers],
            "derived_from": [{"relation": r.kind, **_ref(r.target)} for r in page.lineage_out],
            "downloads": page.downloads, "likes": page.likes, "created": page.created, "modified": page.modified,
            "versions": len(page.versions),
            "conforms": page.current_version.conforms if page.current_version else None,
        }

    def lineage(self, ref: str) -> dict:
        """Return the family of a model: ancestors, descendants by relation kind (counted), sameAs."""
        return lineage_of(self.fdo, self.locate(ref).pid).to_dict()

    def compare(self, refs: list[str]) -> dict:
        """Compare 2-4 FDOs side by side (the rows of /api/compare)."""
        if not MIN_IDS <= len(refs) <= MAX_IDS:
            raise BadRequest(f"compare takes {MIN_IDS} to {MAX_IDS} FDOs, not {len(refs)}")
        pages = [self.fdo.page(self.locate(r)) for r in refs]
        return compare_pages(pages).to_dict()

    def sparql(self, query: str) -> dict:
        """Run a read-only SPARQL query with the endpoint's timeout and row limit; return JSON results."""
        import json

        if len(query) > MAX_QUERY_LENGTH:
            raise BadRequest(f"the query is longer than {MAX_QUERY_LENGTH} characters")
        check_query(query)
        settings = self.registry.settings
        runner = self.registry.extension("sparql", lambda reg: make_runner(reg.store, "thread"))
        req = QueryRequest(query=query, format="json", limit=int(settings.get("SPARQL_LIMIT", 10000)),
                           timeout=float(settings.get("SPARQL_TIMEOUT", 10.0)),
                           base_iri=self.registry.base_url + "/")
        outcome = runner.run(req)
        return {"form": outcome.form, "count": outcome.count, "results": json.loads(outcome.body or b"{}")}

    def ask(self, question: str, about: str | None = None) -> dict:
        """Ask the registry's chat; the answer cites the FDOs it names by PID."""
        from registry.chat import get_chat

        answer = get_chat(self.registry).ask(question, about=about)
        body = answer.to_dict()
        return {key: body[key] for key in ("question", "answer", "mode", "mode_note", "answerable", "citations",
                                           "sources", "table", "follow_ups", "notes")}
