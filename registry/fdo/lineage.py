"""A model's family: ancestors, descendants grouped by relation kind, and cross-platform sameAs links.

Descendants are counted per kind and only the most downloaded few are named, so a base model
with 10,000 derivatives costs a handful of small queries. ``schema:isBasedOn`` says "derived,
kind not stated": a derivative that also names its kind is shown under that kind only.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from registry.fdo.model import Ref
from registry.relations import LINEAGE
from registry.store.query_text import inbound_listing
from registry.vocab import SCHEMA

__all__ = ["RelationKind", "KINDS", "Edge", "Group", "Lineage", "lineage_of", "kind_of", "SHOWN_PER_KIND",
           "MAX_DEPTH"]

SHOWN_PER_KIND = 8  # descendants named per kind; the rest are counted
LISTED_PER_KIND = 30  # descendants listed when a kind is expanded
MAX_DEPTH = 4  # ancestor generations followed
MAX_ANCESTORS = 24
RANKED_UP_TO = 300  # kinds with at most this many descendants list the most downloaded first
EXACT_UP_TO = 2000  # "kind not stated" is counted exactly up to this many isBasedOn links


@dataclass(frozen=True)
class RelationKind:
    """One kind of lineage link: its predicate, how it reads both ways, and its edge style."""

    slug: str
    predicate: str
    forwards: str
    backwards: str
    style: str  # CSS class of the edge: solid, dashed, dotted, dashdot, thin, double


_STYLES = {"fine-tuned": "solid", "quantized": "dashed", "adapter": "dotted", "merge": "dashdot"}
_SLUGS = {"fine-tuned from": "fine-tuned", "quantized from": "quantized", "adapter of": "adapter",
          "merged from": "merge"}
KINDS: tuple[RelationKind, ...] = tuple(
    RelationKind(_SLUGS[k.forwards], p, k.forwards, k.backwards, _STYLES[_SLUGS[k.forwards]]) for p, k in LINEAGE.items()
) + (RelationKind("based-on", SCHEMA.isBasedOn.value, "based on", "basis of", "thin"),)
_SPECIFIC = [k.predicate for k in KINDS if k.slug != "based-on"]
_GENERIC = SCHEMA.isBasedOn.value
SAME_AS = RelationKind("same-as", SCHEMA.sameAs.value, "same as", "same as", "double")
_BY_PREDICATE = {k.predicate: k for k in KINDS}


def kind_of(slug: str) -> RelationKind | None:
    """Return the relation kind called ``slug`` (``fine-tuned``, ``quantized``...), or None."""
    return next((k for k in (*KINDS, SAME_AS) if k.slug == slug), None)


@dataclass(frozen=True)
class Edge:
    """A lineage link from ``source`` (the derived model) to ``target`` (what it derives from)."""

    source: str
    target: str
    kind: RelationKind


@dataclass
class Group:
    """The descendants of one kind: how many there are, and the ones named (most downloaded first)."""

    kind: RelationKind
    total: int
    shown: list[Ref] = field(default_factory=list)
    listed: list[Ref] = field(default_factory=list)
    more: str | None = None  # where to see all of them when not all are listed

    @property
    def hidden(self) -> int:
        return self.total - len(self.shown)


@dataclass
class Lineage:
    """The family of one FDO, ready for the graph and the list on its page."""

    focus: Ref
    ancestors: list[tuple[int, Ref]] = field(default_factory=list)  # (generation, node), nearest first
    edges: list[Edge] = field(default_factory=list)
    groups: list[Group] = field(default_factory=list)
    same_as: list[Ref] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.ancestors or self.groups or self.same_as)

    def ref(self, iri: str) -> Ref:
        """Return the node of ``iri`` among the focus and its ancestors."""
        if iri == self.focus.iri:
            return self.focus
        return next((r for _, r in self.ancestors if r.iri == iri), Ref(iri, iri, iri))

    @property
    def descendants_total(self) -> int:
        return sum(g.total for g in self.groups)

    def to_dict(self) -> dict:
        """Return the JSON shape of the lineage (used by the MCP tool)."""
        def node(r: Ref) -> dict:
            return {"pid": r.iri, "name": r.label}
        return {
            "pid": self.focus.iri, "name": self.focus.label,
            "ancestors": [{**node(r), "generation": g} for g, r in self.ancestors],
            "edges": [{"from": e.source, "to": e.target, "kind": e.kind.forwards} for e in self.edges],
            "descendants": [{"kind": g.kind.backwards, "total": g.total, "shown": [node(r) for r in g.listed]}
                            for g in self.groups],
            "same_as": [node(r) for r in self.same_as],
        }


def _ancestor_edges(store, pid: str) -> tuple[list[tuple[int, str]], list[tuple[str, str, str]]]:
    """Follow lineage links outwards from ``pid``, generation by generation."""
    seen, frontier, found, edges = {pid}, [pid], [], []
    for generation in range(1, MAX_DEPTH + 1):
        rows = store.link_targets(frontier, [k.predicate for k in KINDS])
        specific = {(s, o) for s, p, o in rows if p != _GENERIC}
        frontier = []
        for s, p, o in rows:
            if p == _GENERIC and (s, o) in specific:
                continue
            edges.append((s, p, o))
            if o not in seen and len(found) < MAX_ANCESTORS:
                seen.add(o)
                found.append((generation, o))
                frontier.append(o)
        if not frontier:
            break
    return found, [e for e in edges if e[2] in seen]


def _groups(store, pid: str, present: dict[str, int] | None
            ) -> list[tuple[RelationKind, int, list[str]]]:
    counts = store.inbound_counts(pid, [k.predicate for k in KINDS], present)
    out = []
    for k in KINDS:
        total = counts.get(k.predicate, 0)
        if k.predicate == _GENERIC and total:
            total = _unqualified(store, pid, total, counts)
            if total:
                sample = store.inbound_sample(pid, _GENERIC, LISTED_PER_KIND, _SPECIFIC,
                                                  ranked=total <= RANKED_UP_TO)
                out.append((k, total, sample))
        elif total:
            out.append((k, total, store.inbound_sample(pid, k.predicate, LISTED_PER_KIND,
                                                           ranked=total <= RANKED_UP_TO)))
    return out


def _unqualified(store, pid: str, generic: int, counts: dict[str, int]) -> int:
    """Return how many derivatives say isBasedOn and no kind.

    Exact for up to EXACT_UP_TO links; above, estimated as the isBasedOn links beyond the
    derivatives of a stated kind (exact when, as the Hub harvester does, every derivative of a
    stated kind also says isBasedOn), which avoids a join over all of them.
    """
    if generic <= EXACT_UP_TO:
        return store.inbound_unqualified(pid, _GENERIC, _SPECIFIC)
    return max(0, generic - sum(counts.get(p, 0) for p in _SPECIFIC))


def lineage_of(service, pid: str, inbound_counts: dict[str, int] | None = None) -> Lineage:
    """Return the family of the FDO ``pid`` (``service`` is the FdoService that labels the nodes).

    ``inbound_counts``: the links to ``pid`` by predicate, when the caller has read them already
    (the landing page has: ``FdoPage.inbound_counts``).
    """
    store = service.store
    ancestors, edges = _ancestor_edges(store, pid)
    groups = _groups(store, pid, inbound_counts)
    same = store.same_as_fdos(pid, f"{service.base_url}/fdo/")
    iris = {pid, *same, *(a for _, a in ancestors), *(s for _, _, s in edges),
            *(s for _, _, sample in groups for s in sample)}
    labels = service.labels(sorted(iris))
    lineage = Lineage(labels[pid])
    lineage.ancestors = [(g, labels[a]) for g, a in ancestors]
    lineage.edges = [Edge(s, o, _BY_PREDICATE[p]) for s, p, o in edges]
    for kind, total, sample in groups:
        listed = [labels[s] for s in sample]
        more = None
        if total > len(listed):
            more = "/sparql?format=html&query=" + _quote(inbound_listing(pid, [kind.predicate]))
        lineage.groups.append(Group(kind, total, listed[:SHOWN_PER_KIND], listed, more))
    lineage.same_as = [labels[s] for s in same]
    return lineage


def _quote(text: str) -> str:
    from urllib.parse import quote

    return quote(text, safe="")
