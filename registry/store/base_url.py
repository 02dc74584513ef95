"""The base URL a store was written with: recorded at the first open for writing, checked at every open.

Every PID and bookkeeping graph IRI starts with the base URL, so a store opened under another
one would look empty. The base URL is kept under a fixed IRI that does not depend on it.
"""

from __future__ import annotations

from pyoxigraph import Literal, NamedNode, Quad

from registry.errors import ConfigError
from registry.vocab import MLFDO

__all__ = ["STORE_NODE", "claim_base_url", "mismatch", "recorded_base_url"]

STORE_NODE = NamedNode("urn:mlfdo:store")  # subject and graph of the store's own facts
_BASE_URL = NamedNode(f"{MLFDO}baseUrl")
_REGISTRY_SUFFIX = "/graph/registry"
_ANY_REGISTRY_GRAPH = f"SELECT ?g WHERE {{ GRAPH ?g {{ ?s <{MLFDO}status> ?o }} }} LIMIT 1"


def recorded_base_url(db) -> str | None:
    """Return the base URL the store was written with (None for a store never written)."""
    for quad in db.quads_for_pattern(STORE_NODE, _BASE_URL, None, STORE_NODE):
        return quad.object.value
    for row in db.query(_ANY_REGISTRY_GRAPH):  # a store written before the base URL was recorded
        graph = row["g"].value
        if graph.endswith(_REGISTRY_SUFFIX):
            return graph[: -len(_REGISTRY_SUFFIX)]
    return None


def claim_base_url(db, base_url: str, writable: bool) -> str | None:
    """Return the other base URL the store was written with, if any; else record ``base_url`` (when writable)."""
    recorded = recorded_base_url(db)
    if recorded is not None and recorded != base_url:
        return recorded
    if writable and not any(db.quads_for_pattern(STORE_NODE, _BASE_URL, None, STORE_NODE)):
        db.extend([Quad(STORE_NODE, _BASE_URL, Literal(base_url), STORE_NODE)])
    return None


def mismatch(where: str, recorded: str, base_url: str) -> ConfigError:
    """Return the error for a store written with ``recorded`` but opened with ``base_url``."""
    return ConfigError(f"the store in {where} was written with base URL {recorded}, but it is opened with "
                       f"base URL {base_url}: set MLFDO_BASE_URL={recorded} (or use another store)")
