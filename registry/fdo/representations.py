"""The representations of an FDO: media types, suffixes, and RDF serialisation."""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass

from pyoxigraph import BlankNode, Literal, NamedNode, Triple

from registry.rdfio import format_by_name, serialize_triples
from registry.vocab import NS, RDF, XSD

__all__ = ["Variant", "VARIANTS", "RDF_VARIANTS", "variant_for_suffix", "variant_for_media_type",
           "serialize", "jsonld_document"]


@dataclass(frozen=True)
class Variant:
    """One representation of an FDO: media type, URL suffix, and a label for people."""

    media_type: str
    suffix: str
    label: str
    rdf: str | None = None  # rdfio format name for RDF variants


VARIANTS: tuple[Variant, ...] = (
    Variant("text/html", "html", "HTML landing page"),
    Variant("application/ld+json", "jsonld", "JSON-LD", "jsonld"),
    Variant("text/turtle", "ttl", "Turtle", "ttl"),
    Variant("application/n-triples", "nt", "N-Triples", "nt"),
    Variant("application/rdf+xml", "rdf", "RDF/XML", "rdf"),
    Variant("application/x-bibtex", "bib", "BibTeX citation"),
    Variant("application/vnd.citationstyles.csl+json", "csl.json", "CSL-JSON citation"),
)
RDF_VARIANTS = tuple(v for v in VARIANTS if v.rdf)
_SUFFIX_ALIASES = {"json": "jsonld", "turtle": "ttl", "xml": None}


def variant_for_suffix(suffix: str) -> Variant | None:
    """Return the variant a URL suffix names (``.ttl``, ``.jsonld``, ``.json``...), or None."""
    suffix = _SUFFIX_ALIASES.get(suffix, suffix)
    return next((v for v in VARIANTS if v.suffix == suffix), None)


def variant_for_media_type(media_type: str) -> Variant | None:
    """Return the variant served for ``media_type``, or None."""
    return next((v for v in VARIANTS if v.media_type == media_type), None)


def serialize(triples: list[Triple], variant: Variant) -> bytes:
    """Serialise triples as ``variant`` (an RDF variant)."""
    if variant.rdf == "jsonld":
        return json.dumps(jsonld_document(triples), ensure_ascii=False, indent=1).encode("utf-8")
    return serialize_triples(triples, format_by_name(variant.rdf or "ttl"))


def jsonld_document(triples: list[Triple]) -> dict:
    """Return a compacted JSON-LD document for triples.

    Uses ``registry.jsonld.to_jsonld`` (the registry's context) when that module exists, and a
    prefix-only compaction otherwise, so JSON-LD is always served.
    """
    try:
        from registry.jsonld import to_jsonld  # type: ignore[import-not-found]
    except ImportError:
        return _prefix_compaction(triples)
    doc = to_jsonld(triples)
    if isinstance(doc, (bytes, str)):
        doc = json.loads(doc)
    return doc


def _compact(iri: str) -> str:
    for prefix, ns in NS.items():
        if iri.startswith(ns) and len(iri) > len(ns):
            local = iri[len(ns):]
            if all(c.isalnum() or c in "_-." for c in local):
                return f"{prefix}:{local}"
    return iri


def _node_ref(term) -> str:
    return term.value if isinstance(term, NamedNode) else f"_:{term.value}"


def _value(term) -> object:
    if isinstance(term, (NamedNode, BlankNode)):
        return {"@id": _node_ref(term)}
    if isinstance(term, Literal):
        if term.language:
            return {"@value": term.value, "@language": term.language}
        if term.datatype is None or term.datatype == XSD.string:
            return term.value
        return {"@value": term.value, "@type": _compact(term.datatype.value)}
    return {"@value": str(term)}


def _prefix_compaction(triples: list[Triple]) -> dict:
    nodes: dict[str, dict] = defaultdict(dict)
    for t in sorted(triples, key=lambda t: (str(t.subject), str(t.predicate), str(t.object))):
        node = nodes[_node_ref(t.subject)]
        node["@id"] = _node_ref(t.subject)
        if t.predicate == RDF.type and isinstance(t.object, NamedNode):
            node.setdefault("@type", []).append(_compact(t.object.value))
            continue
        node.setdefault(_compact(t.predicate.value), []).append(_value(t.object))
    graph = []
    for node in nodes.values():
        graph.append({k: (v[0] if isinstance(v, list) and len(v) == 1 and k != "@type" else v)
                      for k, v in node.items()})
    context = {prefix: ns for prefix, ns in NS.items()}
    return {"@context": context, "@graph": graph}
