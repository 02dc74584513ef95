"""Queries across platforms: stubs of a platform, FDO counts by platform, identity clusters."""

from __future__ import annotations

from dataclasses import dataclass, field

from pyoxigraph import Literal, NamedNode

from registry.store import listing
from registry.vocab import MLFDO, SCHEMA

__all__ = ["stub_ids", "platform_counts", "same_as_cluster", "ClusterMember"]

_PREFIXES = f"PREFIX mlfdo: <{MLFDO}>\nPREFIX schema: <{SCHEMA}>\n"

_STUBS = _PREFIXES + """
SELECT ?id ?problem WHERE {{
  GRAPH {g} {{ ?pid mlfdo:platform {platform} ; mlfdo:platformId ?id ; mlfdo:status "stub" . }}
  OPTIONAL {{ ?pid mlfdo:sourceProblem ?problem }}
}}"""

_COUNTS = _PREFIXES + """
SELECT ?platform ?kind (COUNT(?pid) AS ?n) WHERE {{
  GRAPH {g} {{ ?pid mlfdo:platform ?platform ; mlfdo:kind ?kind ; mlfdo:status "active" . }}
}} GROUP BY ?platform ?kind"""

_CLUSTER = _PREFIXES + """
SELECT DISTINCT ?other ?name ?platform ?kind ?rule ?value WHERE {{
  {{ {pid} schema:sameAs ?other }} UNION {{ ?other schema:sameAs {pid} }}
  GRAPH {g} {{ ?other mlfdo:platform ?platform ; mlfdo:kind ?kind . }}
  OPTIONAL {{ ?other schema:name ?name }}
  OPTIONAL {{
    {{ {pid} mlfdo:identityEvidence ?ev . ?ev mlfdo:linksTo ?other }} UNION
    {{ ?other mlfdo:identityEvidence ?ev . ?ev mlfdo:linksTo {pid} }}
    ?ev mlfdo:rule ?rule . OPTIONAL {{ ?ev mlfdo:matchedValue ?value }}
  }}
}}"""


@dataclass
class ClusterMember:
    """Another FDO describing the same entity, and why the registry says so."""

    pid: str
    name: str
    platform: str
    kind: str
    rules: list[str] = field(default_factory=list)
    values: list[str] = field(default_factory=list)


def stub_ids(store, platform: str) -> list[tuple[str, str | None]]:
    """Return (platform id, recorded problem or None) of every stub of ``platform``."""
    query = _STUBS.format(g=store.registry_graph, platform=Literal(platform))
    return [(row["id"].value, row["problem"].value if row["problem"] is not None else None)
            for row in store.query(query)]


def platform_counts(store) -> dict[str, dict[str, int]]:
    """Return {platform: {kind: active FDOs}} (the listing's maintained counts when the store keeps one)."""
    if listing.is_ready(store):
        return listing.platform_counts(store)
    counts: dict[str, dict[str, int]] = {}
    for row in store.query(_COUNTS.format(g=store.registry_graph)):
        counts.setdefault(row["platform"].value, {})[row["kind"].value] = int(row["n"].value)
    return counts


def same_as_cluster(store, pid: str) -> list[ClusterMember]:
    """Return the FDOs linked to ``pid`` by ``schema:sameAs`` (either direction), with the rules that linked them."""
    members: dict[str, ClusterMember] = {}
    for row in store.query(_CLUSTER.format(pid=NamedNode(pid), g=store.registry_graph)):
        other = row["other"].value
        member = members.setdefault(other, ClusterMember(
            other, row["name"].value if row["name"] is not None else other, row["platform"].value,
            row["kind"].value))
        for attr, key in (("rules", "rule"), ("values", "value")):
            value = row[key].value if row[key] is not None else None
            if value and value not in getattr(member, attr):
                getattr(member, attr).append(value)
    return list(members.values())
