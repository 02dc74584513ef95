"""Read intents of the store beyond one FDO's triples: labels, inbound links, listings, names, dumps.

Mixed into :class:`registry.store.Store`. Each method is one query per batch (text in
``query_text.py``), shaped to stay fast at 100k FDOs on both backends; callers above
``registry/store`` never write SPARQL.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import datetime

from pyoxigraph import DefaultGraph, Literal, NamedNode, Quad
from pyoxigraph import Store as OxStore

from registry.store import query_text as Q
from registry.store.results import CatalogueEntry, Inbound, KeywordHit, Label, Names, VersionInfo
from registry.vocab import MLFDO, PROV, SCHEMA

__all__ = ["StoreReads", "LABEL_CHUNK"]

LABEL_CHUNK = 400  # IRIs per VALUES block
_M = str(MLFDO)
_P = str(PROV)
_LABEL_KEYS = {SCHEMA.name.value: "name", SCHEMA.identifier.value: "identifier", _M + "kind": "kind",
               _M + "status": "status"}
_NAME_PROPS = (SCHEMA.name.value, SCHEMA.identifier.value, SCHEMA.alternateName.value)


def _int(value: str) -> int | None:
    try:
        return int(float(value))
    except ValueError:
        return None


def _dt(value: str) -> datetime:
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


class StoreReads:
    """Read intents; expects ``db``, ``registry_graph``, ``prov_graph`` and ``data_dir`` on the instance."""

    db: object
    registry_graph: NamedNode
    prov_graph: NamedNode

    # ---------------------------------------------------------------- labels and names
    def labels(self, iris: Iterable[str]) -> dict[str, Label]:
        """Return name, identifier, kind and status of each IRI that has any (first value in sorted order)."""
        found: dict[str, dict[str, str]] = {}
        ordered = sorted(set(iris))
        for start in range(0, len(ordered), LABEL_CHUNK):
            nodes = [NamedNode(i) for i in ordered[start:start + LABEL_CHUNK]]
            for row in self.db.query(Q.select_labels(self.registry_graph, nodes)):
                entry = found.setdefault(row["s"].value, {})
                key, value = _LABEL_KEYS[row["p"].value], row["o"].value
                if key not in entry or value < entry[key]:
                    entry[key] = value
        return {iri: Label(e.get("name"), e.get("identifier"), e.get("kind"), e.get("status"))
                for iri, e in found.items()}

    def names(self, pids: Iterable[str]) -> dict[str, Names]:
        """Return the name-like literals (name, identifier, alternate names) and downloads of each PID that has any."""
        found: dict[str, tuple[set[str], list[int]]] = {}
        ordered = sorted(set(pids))
        for start in range(0, len(ordered), LABEL_CHUNK):
            nodes = [NamedNode(p) for p in ordered[start:start + LABEL_CHUNK]]
            for row in self.db.query(Q.select_names(nodes)):
                names, downloads = found.setdefault(row["s"].value, (set(), []))
                if row["p"].value in _NAME_PROPS:
                    names.add(row["o"].value)
                elif (count := _int(row["o"].value)) is not None:
                    downloads.append(count)
        return {pid: Names(pid, tuple(sorted(names)), max(downloads, default=0))
                for pid, (names, downloads) in found.items()}

    # ---------------------------------------------------------------- links and listings
    def inbound(self, pid: str, predicates: Iterable[str] | None = None, limit: int | None = None,
                popular: bool = False) -> dict[str, Inbound]:
        """Return, per predicate, the FDOs whose current triples point at ``pid`` (owners of ``{pid}#...`` nodes count
        as their FDO; ``pid`` itself does not). Owners come by PID, or most downloaded first with ``popular``;
        ``limit`` caps the owners kept per predicate, never the totals.
        """
        preds = [NamedNode(p) for p in predicates] if predicates is not None else None
        if preds == []:
            return {}
        owners: dict[str, dict[str, int]] = {}
        for row in self.db.query(Q.select_inbound(NamedNode(pid), preds, popular)):
            owner = row["s"].value.split("#", 1)[0]
            if owner == pid:
                continue
            entry = owners.setdefault(row["p"].value, {})
            downloads = _int(row["dl"].value) if popular and row["dl"] is not None else None
            entry[owner] = max(entry.get(owner, 0), downloads or 0)
        out = {}
        for predicate, found in sorted(owners.items()):
            key = (lambda o: (-found[o], o)) if popular else None
            ranked = sorted(found, key=key)
            out[predicate] = Inbound(predicate, len(ranked), tuple(ranked[:limit] if limit is not None else ranked))
        return out

    def catalogue(self, kinds: Iterable[str]) -> dict[str, CatalogueEntry]:
        """Return pid -> current version, kind, status and platform of every FDO of ``kinds`` (withdrawn left out)."""
        rows: dict[str, dict[str, str]] = {}
        for row in self.db.query(Q.select_catalogue(self.registry_graph, [Literal(k) for k in kinds])):
            key = row["p"].value[len(_M):]
            entry = rows.setdefault(row["pid"].value, {})
            if key != "versionCount" or int(row["o"].value) > int(entry.get(key, 0)):
                entry[key] = row["o"].value
        return {pid: CatalogueEntry(pid, int(e["versionCount"]), e["kind"], e["status"], e.get("platform", ""))
                for pid, e in rows.items()
                if "versionCount" in e and "status" in e and e["status"] != "withdrawn"}

    def keyword_models(self, words: Iterable[str], limit: int) -> list[KeywordHit]:
        """Return models whose name, keywords or description contain the most of ``words`` (a full scan)."""
        terms = [Literal(w.lower()) for w in words if w][:8]
        if not terms:
            return []
        return [KeywordHit(r["s"].value, r["name"].value, int(r["hits"].value),
                           _int(r["dl"].value) or 0 if r["dl"] is not None else 0)
                for r in self.db.query(Q.select_keyword_models(terms, limit))]

    # ---------------------------------------------------------------- history
    def _version_infos(self, pid: str) -> list[VersionInfo]:
        """Return every version of ``pid`` with its provenance, oldest first, from one query."""
        props: dict[str, dict[str, list[str]]] = {}
        for row in self.db.query(Q.select_versions(self.prov_graph, NamedNode(pid))):
            key = ("act:" if row["via"] is not None else "") + row["p"].value
            props.setdefault(row["v"].value, {}).setdefault(key, []).append(row["o"].value)
        infos = [_version_info(pid, v, p) for v, p in props.items()]
        return sorted((i for i in infos if i is not None), key=lambda i: i.number)

    # ---------------------------------------------------------------- dumps and backend facts
    def current_quads(self) -> Iterator[Quad]:
        """Stream the current view (the default graph)."""
        return self.db.quads_for_pattern(None, None, None, DefaultGraph())

    def history_quads(self) -> Iterator[Quad]:
        """Stream every version graph and the provenance graph (not the bookkeeping graph)."""
        for quad in self.db.quads_for_pattern(None, None, None, None):
            if not isinstance(quad.graph_name, DefaultGraph) and quad.graph_name != self.registry_graph:
                yield quad

    def answers(self) -> bool:
        """Tell whether the database answers a query (raises what the backend raises when it cannot)."""
        return bool(self.db.query(Q.ASK_ANY))

    def is_embedded_on_disk(self) -> bool:
        """Tell whether the store is embedded pyoxigraph in a directory (so another process can open it read-only)."""
        return getattr(self, "data_dir", None) is not None and isinstance(self.db, OxStore)

    def accepts_query_dataset(self) -> bool:
        """Tell whether queries can be given a dataset (default/named graphs) apart from the query text."""
        return isinstance(self.db, OxStore)

    def flush(self) -> None:
        """Write pending changes to disk (nothing to do for a remote store)."""
        self.db.flush()


def _version_info(pid: str, v: str, p: dict[str, list[str]]) -> VersionInfo | None:
    def one(key: str, prefix: str = _M) -> str | None:
        values = p.get(prefix + key)
        return sorted(values)[-1] if values else None

    if one("versionNumber") is None or one("generatedAtTime", _P) is None:
        return None
    conforms = one("shaclConforms")
    return VersionInfo(
        pid=pid, number=int(one("versionNumber")), iri=v, generated_at=_dt(one("generatedAtTime", _P)),
        content_hash=one("contentHash") or "", harvester=one("act:" + _M + "harvester", ""),
        harvester_version=one("act:" + _M + "harvesterVersion", ""), source_url=one("act:" + _P + "used", ""),
        source_etag=one("act:" + _M + "sourceEtag", ""),
        conforms=(conforms == "true") if conforms is not None else None,
        violations=int(one("shaclViolations")) if one("shaclViolations") else None,
        warnings=int(one("shaclWarnings")) if one("shaclWarnings") else None,
        last_checked=_dt(one("lastCheckedAt")) if one("lastCheckedAt") else None,
        check_count=int(one("checkCount") or 0), previous=one("wasRevisionOf", _P),
        problems=tuple(sorted(p.get(_M + "harvestProblem", []))),
    )
