"""SPARQL text of the store layer (and only here).

Read queries avoid OPTIONAL: pyoxigraph evaluates it as a hash join over a whole graph, which made
a label or version lookup take seconds at 100k FDOs. They use UNIONs and VALUES instead and leave
the grouping to Python.
"""

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
def select_counters(values: str, preds) -> str:
    """Return the query giving (?pid ?p ?o) counter rows of the PIDs in ``values``.

    One UNION branch per predicate: pyoxigraph evaluates ``VALUES ?p {...} ?pid ?p ?o`` as a scan
    of every counter triple (3.5 s per 200 PIDs at 100k FDOs), the branches as index lookups (20-80 ms).
    """
    branches = " UNION ".join(f"{{ ?pid {p} ?o BIND({p} AS ?p) }}" for p in preds)
    return f"SELECT ?pid ?p ?o WHERE {{ VALUES ?pid {{ {values} }} {branches} }}"

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


SCHEMA = "https://schema.org/"
FAIR4ML = "https://w3id.org/fair4ml#"
ASK_ANY = "ASK { }"


def _values(terms) -> str:
    return " ".join(str(t) for t in terms)


def select_labels(g, iris) -> str:
    """Return the query giving (?s ?p ?o) rows: names and identifiers, plus kind and status from ``g``."""
    return (f"SELECT ?s ?p ?o WHERE {{ VALUES ?s {{ {_values(iris)} }} "
            f"{{ ?s ?p ?o VALUES ?p {{ <{SCHEMA}name> <{SCHEMA}identifier> }} }} UNION "
            f"{{ GRAPH {g} {{ ?s ?p ?o VALUES ?p {{ <{M}kind> <{M}status> }} }} }} }}")


def select_inbound(target, predicates, with_downloads: bool) -> str:
    """Return the query giving (?s ?p ?dl) rows: IRIs pointing at ``target`` (and their downloads)."""
    values = f"VALUES ?p {{ {_values(predicates)} }} " if predicates is not None else ""
    pattern = f"?s ?p {target}"
    if with_downloads:
        pattern = f"{{ {pattern} }} UNION {{ {pattern} . ?s <{M}downloads> ?dl }}"
    return f"SELECT ?s ?p ?dl WHERE {{ {values}{pattern} FILTER(isIRI(?s)) }}"


def select_catalogue(g, kinds) -> str:
    """Return the query giving (?pid ?p ?o) bookkeeping rows of every FDO of ``kinds``."""
    return (f"SELECT ?pid ?p ?o WHERE {{ GRAPH {g} {{ VALUES ?kind {{ {_values(kinds)} }} ?pid <{M}kind> ?kind . "
            f"?pid ?p ?o VALUES ?p {{ <{M}versionCount> <{M}kind> <{M}status> <{M}platform> }} }} }}")


def select_names(pids) -> str:
    """Return the query giving (?s ?p ?o) rows: name-like literals and downloads of ``pids``."""
    return (f"SELECT ?s ?p ?o WHERE {{ VALUES ?s {{ {_values(pids)} }} ?s ?p ?o "
            f"VALUES ?p {{ <{SCHEMA}name> <{SCHEMA}identifier> <{SCHEMA}alternateName> <{M}downloads> }} }}")


def select_versions(g, pid) -> str:
    """Return the query giving (?v ?p ?o ?via) rows: every version of ``pid`` and its harvest activity."""
    return (f"SELECT ?v ?p ?o ?via WHERE {{ GRAPH {g} {{ ?v <{PROV}specializationOf> {pid} . "
            f"{{ ?v ?p ?o }} UNION {{ ?v <{PROV}wasGeneratedBy> ?act . ?act ?p ?o BIND(true AS ?via) }} }} }}")


def select_keyword_models(words, limit: int) -> str:
    """Return the query scoring models by how many ``words`` (Literals) their name, keywords or description contain.

    It scans every model: a last resort, not a search engine.
    """
    checks = " + ".join(f"IF(CONTAINS(?text, {w}), 1, 0)" for w in words) or "0"
    return (
        f"SELECT ?s ?name (SAMPLE(?dl0) AS ?dl) (MAX(?hits0) AS ?hits) WHERE {{ "
        f"?s a <{FAIR4ML}MLModel> ; <{SCHEMA}name> ?name . "
        f"OPTIONAL {{ ?s <{M}downloads> ?dl0 }} "
        f"OPTIONAL {{ ?s <{SCHEMA}description> ?d }} OPTIONAL {{ ?s <{SCHEMA}keywords> ?k }} "
        f"BIND(LCASE(CONCAT(STR(?name), \" \", COALESCE(STR(?k), \"\"), \" \", COALESCE(STR(?d), \"\"))) AS ?text) "
        f"BIND(({checks}) AS ?hits0) FILTER(?hits0 > 0) }} GROUP BY ?s ?name "
        f"ORDER BY DESC(?hits) DESC(?dl) LIMIT {int(limit)}"
    )


def inbound_listing(pid: str, predicates) -> str:
    """Return a readable query listing every FDO that points at ``pid`` with one of ``predicates`` (for people)."""
    values = " ".join(f"<{p}>" for p in predicates)
    return (f"PREFIX schema: <https://schema.org/>\nSELECT ?fdo ?name ?relation WHERE {{\n"
            f"  VALUES ?relation {{ {values} }}\n  ?fdo ?relation <{pid}> .\n"
            f"  OPTIONAL {{ ?fdo schema:name ?name }}\n}} ORDER BY ?name")
