"""SPARQL text of the store layer (and only here)."""

from __future__ import annotations

M = "https://w3id.org/mlfdo/ns#"
PROV = "http://www.w3.org/ns/prov#"
SH = "http://www.w3.org/ns/shacl#"

INSERT_ALIAS = "INSERT DATA {{ GRAPH {g} {{ {pid} <" + M + "alias> {alias} }} }}"
SELECT_ALIAS = "SELECT ?pid WHERE {{ GRAPH {g} {{ ?pid <" + M + "alias> {alias} }} }} LIMIT 1"
SET_STATE = ("DELETE WHERE {{ GRAPH {g} {{ {node} <" + M + "value> ?old }} }} ;\n"
             "INSERT DATA {{ GRAPH {g} {{ {node} <" + M + "value> {value} }} }}")

SELECT_STATES = (
    "SELECT ?pid ?n ?hash ?status WHERE {{ GRAPH {g} {{ VALUES ?pid {{ {values} }} "
    "?pid <" + M + "versionCount> ?n ; <" + M + "contentHash> ?hash ; <" + M + "status> ?status }} }}"
)
SELECT_REGISTRY = "SELECT ?pid ?p ?o WHERE {{ VALUES ?pid {{ {values} }} GRAPH {g} {{ ?pid ?p ?o }} }}"
SELECT_UNFINISHED = (
    "SELECT ?pid (MAX(?c) AS ?n) WHERE {{ GRAPH {g} {{ ?pid <" + M + "versionCount> ?c }} }} "
    "GROUP BY ?pid HAVING (COUNT(?c) > 1)"
)
NOTE_CHECKS = (
    "DELETE {{ GRAPH {g} {{ ?v <" + M + "lastCheckedAt> ?t . ?v <" + M + "checkCount> ?c }} }} "
    "INSERT {{ GRAPH {g} {{ ?v <" + M + "lastCheckedAt> ?when . ?v <" + M + "checkCount> ?n }} }} "
    "WHERE {{ VALUES (?v ?when) {{ {values} }} OPTIONAL {{ GRAPH {g} {{ ?v <" + M + "lastCheckedAt> ?t }} }} "
    "OPTIONAL {{ GRAPH {g} {{ ?v <" + M + "checkCount> ?c }} }} BIND(COALESCE(?c, 0) + 1 AS ?n) }}"
)
SELECT_COUNTERS = "SELECT ?pid ?p ?o WHERE {{ VALUES ?pid {{ {values} }} VALUES ?p {{ {preds} }} ?pid ?p ?o }}"

# Remove the previous version's triples from the current view: the version graph holds exactly
# the owned content triples, so nothing another FDO owns is touched.
DELETE_CURRENT = "DELETE {{ ?s ?p ?o }} WHERE {{ GRAPH {v} {{ ?s ?p ?o }} }}"
DELETE_PROPERTY = "DELETE WHERE {{ {pid} {p} ?o }}"
DELETE_REGISTRY = (
    "DELETE {{ GRAPH {g} {{ {pid} ?p ?o }} }} WHERE {{ GRAPH {g} {{ {pid} ?p ?o "
    "FILTER(?p IN (<" + M + "currentVersion>, <" + M + "versionCount>, <" + M + "contentHash>, <" + M + "status>, "
    "<" + M + "kind>, <" + M + "platform>, <" + M + "platformId>, <" + M + "sourceEtag>, <" + M + "withdrawnBecause>, "
    "<" + M + "withdrawnAt>)) }} }}"
)
NOTE_CHECK = (
    "DELETE {{ GRAPH {g} {{ {v} <" + M + "lastCheckedAt> ?t . {v} <" + M + "checkCount> ?c }} }} "
    "INSERT {{ GRAPH {g} {{ {v} <" + M + "lastCheckedAt> {when} . {v} <" + M + "checkCount> ?n }} }} "
    "WHERE {{ OPTIONAL {{ GRAPH {g} {{ {v} <" + M + "lastCheckedAt> ?t }} }} "
    "OPTIONAL {{ GRAPH {g} {{ {v} <" + M + "checkCount> ?c }} }} BIND(COALESCE(?c, 0) + 1 AS ?n) }}"
)
SET_WITHDRAWN = (
    "DELETE {{ GRAPH {g} {{ {pid} <" + M + "status> ?s }} }} WHERE {{ GRAPH {g} {{ {pid} <" + M + "status> ?s }} }} ;\n"
    "INSERT DATA {{ GRAPH {g} {{ {pid} <" + M + "status> \"withdrawn\" ; <" + M + "withdrawnBecause> {reason} ; "
    "<" + M + "withdrawnAt> {when} }} }}"
)
SELECT_WITHDRAWAL = (
    "SELECT ?reason ?at WHERE {{ GRAPH {g} {{ {pid} <" + M + "status> \"withdrawn\" ; "
    "<" + M + "withdrawnBecause> ?reason ; <" + M + "withdrawnAt> ?at }} }} LIMIT 1"
)
SELECT_FAILURES = (
    "SELECT ?f ?platform ?pid ?error ?at WHERE {{ GRAPH {g} {{ ?f a <" + M + "HarvestFailure> ; "
    "<" + M + "platform> ?platform ; <" + M + "platformId> ?pid ; <" + M + "error> ?error ; "
    "<" + PROV + "atTime> ?at }} }} ORDER BY DESC(?at)"
)
STATS_BY_KIND = (
    "SELECT ?kind ?status (COUNT(?pid) AS ?c) WHERE {{ GRAPH {g} {{ ?pid <" + M + "kind> ?kind ; "
    "<" + M + "status> ?status }} }} GROUP BY ?kind ?status"
)
COUNT_VERSIONS = "SELECT (COUNT(?v) AS ?c) WHERE {{ GRAPH {g} {{ ?v <" + M + "versionNumber> ?n }} }}"
COUNT_DEFAULT = "SELECT (COUNT(*) AS ?c) WHERE { ?s ?p ?o }"


def select_pids(g, kind: str | None, include_stubs: bool, offset: int, limit: int | None,
                order: str = "pid") -> str:
    """Return the query listing current PIDs, by PID or most downloaded first (``order="popular"``)."""
    filters = ["?status != \"withdrawn\""]
    if not include_stubs:
        filters.append("?status != \"stub\"")
    kind_pattern = f'; <{M}kind> "{kind}"' if kind else ""
    popular = order == "popular"
    downloads = f" OPTIONAL {{ ?pid <{M}downloads> ?d }}" if popular else ""
    order_by = "DESC(COALESCE(?d, 0)) ?pid" if popular else "?pid"
    q = (f"SELECT ?pid WHERE {{ GRAPH {g} {{ ?pid <{M}status> ?status {kind_pattern} "
         f"FILTER({' && '.join(filters)}) }}{downloads} }} ORDER BY {order_by} OFFSET {int(offset)}")
    return q + (f" LIMIT {int(limit)}" if limit is not None else "")
