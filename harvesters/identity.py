"""One identity across platforms: ``schema:sameAs`` links between FDOs, with their evidence as data.

Every full record a harvest writes passes through ``link``: the identifiers and URLs it
states are matched against the FDOs other platforms publish, by the rules below, and each
match adds ``<pid> schema:sameAs <other>`` plus an owned evidence node (``{pid}#same-...``,
``mlfdo:IdentityEvidence``) naming the rule, the property and the matching value, so a link
can be explained and, by fixing the record, removed. Links are made only between FDOs of
the same kind, never to the record itself, and never on a name: every rule needs an
identifier (DOI, arXiv id) or a platform's canonical URL. A paper rule links only to an FDO
that exists; a ``source-url`` page names its entity, which gets a stub like any reference.
docs/identity.md lists the rules.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from pyoxigraph import Literal, NamedNode, Triple

from registry.pid import mint_id, pid_iri
from registry.record import Record
from registry.vocab import FAIR4ML, MLFDO, RDF, SCHEMA

__all__ = ["link", "Match", "RULES", "URL_PROPERTIES", "candidates"]

# Properties whose IRI values may name another platform's page of the same entity.
URL_PROPERTIES = (MLFDO.originalUrl, SCHEMA.sameAs, SCHEMA.citation)
_PAGES = (  # canonical page pattern -> (mint platform, kind)
    (re.compile(r"^https?://huggingface\.co/datasets/([\w.\-]+/[\w.\-]+|[\w.\-]+)/?$"), "hf-dataset", "dataset"),
    (re.compile(r"^https?://(?:www\.)?openml\.org/d/(\d+)/?$"), "openml-dataset", "dataset"),
    (re.compile(r"^https?://(?:www\.)?openml\.org/f/(\d+)/?$"), "openml", "model"),
    (re.compile(r"^https?://huggingface\.co/(?!datasets/|spaces/|docs/|papers/)([\w.\-]+/[\w.\-]+)/?$"), "hf", "model"),
)
_DOI = re.compile(r"^https?://(?:dx\.)?doi\.org/(10\.\d{4,9}/\S+)$", re.I)
_ARXIV = re.compile(r"^https?://arxiv\.org/abs/(.+?)(?:v\d+)?$")


@dataclass(frozen=True)
class Match:
    """A candidate link: the other FDO, the rule, and the value that matched."""

    target: str
    kind: str
    rule: str
    prop: NamedNode
    value: str
    platform: str = ""  # the target's platform and id, for its stub (source-url only)
    platform_id: str = ""


def candidates(record: Record, base_url: str) -> list[Match]:
    """Return the links ``record``'s own statements propose (not yet checked against the store)."""
    pid = NamedNode(record.pid)
    found: list[Match] = []
    for t in record.triples:
        if t.subject != pid:
            continue
        value = t.object.value
        if t.predicate == MLFDO.doi:
            found.append(Match(pid_iri(base_url, mint_id("doi", value.lower())), "paper", "same-doi", t.predicate, value))
            continue
        if t.predicate not in URL_PROPERTIES or not isinstance(t.object, NamedNode):
            continue
        doi = _DOI.match(value)
        if doi and record.kind == "paper":
            found.append(Match(pid_iri(base_url, mint_id("doi", doi.group(1).lower())), "paper", "same-doi",
                               t.predicate, doi.group(1)))
            continue
        arxiv = _ARXIV.match(value)
        if arxiv and record.kind == "paper" and record.platform != "arxiv":
            found.append(Match(pid_iri(base_url, mint_id("arxiv", arxiv.group(1))), "paper", "same-arxiv-id",
                               t.predicate, arxiv.group(1)))
            continue
        for pattern, platform, kind in _PAGES:
            page = pattern.match(value)
            if page and kind == record.kind and platform != record.platform:
                found.append(Match(pid_iri(base_url, mint_id(platform, page.group(1))), kind, "source-url",
                                   t.predicate, value, platform, page.group(1)))
                break
    return found


RULES = {
    "same-doi": "two papers state the same DOI",
    "same-arxiv-id": "a paper states the arXiv abstract page of an arXiv paper",
    "source-url": "a dataset or model states another platform's canonical page of an entity of its kind "
                  "as its source, its same-as or its citation",
}


_STUB_PAGES = {  # platform -> (rdf type, canonical page, name) of a stub for a named page
    "hf-dataset": (SCHEMA.Dataset, "https://huggingface.co/datasets/{id}", "{id}"),
    "hf": (FAIR4ML.MLModel, "https://huggingface.co/{id}", "{id}"),
    "openml-dataset": (SCHEMA.Dataset, "https://www.openml.org/d/{id}", "OpenML dataset {id}"),
    "openml": (FAIR4ML.MLModel, "https://www.openml.org/f/{id}", "OpenML flow {id}"),
}


def _stub(match: Match, source) -> Record | None:
    """Return the stub of a page's entity (the record names it: it is a reference like any other).

    It has the shape of the stub the page's own platform makes (type, name, identifier, url).
    """
    if match.platform not in _STUB_PAGES:
        return None
    rdf_type, url, name = _STUB_PAGES[match.platform]
    node = NamedNode(match.target)
    triples = [Triple(node, RDF.type, rdf_type), Triple(node, SCHEMA.name, Literal(name.format(id=match.platform_id))),
               Triple(node, SCHEMA.identifier, Literal(match.platform_id)),
               Triple(node, SCHEMA.url, NamedNode(url.format(id=match.platform_id)))]
    return Record(match.target, triples, kind=match.kind, platform=match.platform, platform_id=match.platform_id,
                  source=replace(source, url=None, etag=None) if source else None, stub=True)


def link(record: Record, base_url: str, kind_of: Callable[[str], str | None],
         stubs: list[Record] | None = None) -> list[Match]:
    """Add ``schema:sameAs`` and evidence triples to ``record`` for every match with an FDO of its kind.

    A match with an FDO that does not exist is dropped, except a ``source-url`` match when
    ``stubs`` is given: the page's entity gets a stub there (its platform's harvest fills it).
    """
    if record.stub:
        return []
    pid = NamedNode(record.pid)
    made: list[Match] = []
    seen: set[str] = set()
    for match in candidates(record, base_url):
        if match.target == record.pid or match.target in seen:
            continue
        kind = kind_of(match.target)
        if kind is None and stubs is not None and match.rule == "source-url":
            stub = _stub(match, record.source)
            if stub is not None:
                stubs.append(stub)
                kind = match.kind
        if kind != match.kind:
            continue
        seen.add(match.target)
        target = NamedNode(match.target)
        node = NamedNode(f"{record.pid}#same-{hashlib.sha256(match.target.encode()).hexdigest()[:12]}")
        record.triples.extend([
            Triple(pid, SCHEMA.sameAs, target),
            Triple(pid, MLFDO.identityEvidence, node),
            Triple(node, RDF.type, MLFDO.IdentityEvidence),
            Triple(node, MLFDO.rule, Literal(match.rule)),
            Triple(node, MLFDO.matchedProperty, match.prop),
            Triple(node, MLFDO.matchedValue, Literal(match.value)),
            Triple(node, MLFDO.linksTo, target),
        ])
        made.append(match)
    return made
