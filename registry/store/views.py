"""Read-side helpers for the web views: labels, inbound links, version lists and dump streams.

Each function is one query (or one index scan) shaped to stay fast at 100k FDOs on both backends:
UNIONs and VALUES instead of OPTIONALs, which pyoxigraph evaluates as hash joins over a whole graph.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from pyoxigraph import DefaultGraph, NamedNode, Quad
from pyoxigraph import Store as OxStore

from registry.store.results import VersionInfo
from registry.vocab import MLFDO, PROV, SCHEMA

__all__ = ["Label", "labels", "inbound_links", "version_infos", "validation_results", "current_quads", "history_quads",
           "is_embedded_on_disk", "supports_protocol_dataset"]

_M = str(MLFDO)
_P = str(PROV)


@dataclass(frozen=True)
class Label:
    """What a link to an FDO shows: its name, kind and status (None when unknown)."""

    name: str | None
    kind: str | None
    status: str | None


def labels(store, iris: list[str], chunk: int = 200) -> dict[str, Label]:
    """Return name, kind and status of each IRI that has any (one query per ``chunk`` IRIs)."""
    found: dict[str, dict[str, str]] = {}
    for start in range(0, len(iris), chunk):
        values = " ".join(str(NamedNode(i)) for i in iris[start:start + chunk])
        q = (f"SELECT ?s ?p ?o WHERE {{ VALUES ?s {{ {values} }} "
             f"{{ ?s <{SCHEMA.name.value}> ?o BIND(<{SCHEMA.name.value}> AS ?p) }} UNION "
             f"{{ GRAPH {store.registry_graph} {{ ?s ?p ?o VALUES ?p {{ <{_M}kind> <{_M}status> }} }} }} }}")
        for row in store.query(q):
            entry = found.setdefault(row["s"].value, {})
            key = row["p"].value.rsplit("/", 1)[-1].rsplit("#", 1)[-1]
            entry.setdefault(key, row["o"].value)
    return {iri: Label(e.get("name"), e.get("kind"), e.get("status")) for iri, e in found.items()}


def inbound_links(store, pid: str) -> dict[str, list[str]]:
    """Return predicate -> FDOs (owners of the subjects, sorted) that point at ``pid`` in the current view."""
    out: dict[str, set[str]] = {}
    for row in store.query(f"SELECT ?s ?p WHERE {{ ?s ?p {NamedNode(pid)} FILTER(isIRI(?s)) }}"):
        owner = row["s"].value.split("#", 1)[0]
        if owner != pid:
            out.setdefault(row["p"].value, set()).add(owner)
    return {p: sorted(owners) for p, owners in out.items()}


def version_infos(store, pid: str) -> list[VersionInfo]:
    """Return every version of ``pid`` with its provenance, oldest first (see Store.versions)."""
    return store.versions(pid)


def validation_results(store, pid: str, n: int) -> list[dict]:
    """Return the SHACL results recorded for version n (see Store.validation_results)."""
    return store.validation_results(pid, n)


def current_quads(store) -> Iterator[Quad]:
    """Stream the current view (the default graph)."""
    return store.db.quads_for_pattern(None, None, None, DefaultGraph())


def history_quads(store) -> Iterator[Quad]:
    """Stream every version graph and the provenance graph (not the bookkeeping graph)."""
    for quad in store.db.quads_for_pattern(None, None, None, None):
        if not isinstance(quad.graph_name, DefaultGraph) and quad.graph_name != store.registry_graph:
            yield quad


def is_embedded_on_disk(store) -> bool:
    """Tell whether the store is embedded pyoxigraph in a directory (so another process can open it read-only)."""
    return store.data_dir is not None and isinstance(store.db, OxStore)


def supports_protocol_dataset(store) -> bool:
    """Tell whether queries can be given a dataset (default/named graphs) apart from the query text."""
    return isinstance(store.db, OxStore)
