"""The representations of an FDO: media types, suffixes, and RDF serialisation."""

from __future__ import annotations

import json
from dataclasses import dataclass

from pyoxigraph import Triple

from registry.rdfio import format_by_name, serialize_triples

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
    """Return a JSON-LD document for triples, compacted with the registry's context."""
    from registry.jsonld import to_jsonld

    doc = to_jsonld(triples)
    if isinstance(doc, (bytes, str)):
        doc = json.loads(doc)
    return doc
