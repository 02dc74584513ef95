"""The schema.org JSON-LD embedded in a landing page's head, for search engines and crawlers."""

from __future__ import annotations

from registry.fdo.urls import FdoUrls
from registry.fdo.view import FdoPage, Ref

__all__ = ["schema_org"]

_KIND_TYPES = {"organisation": "Organization", "person": "Person", "dataset": "Dataset",
               "paper": "ScholarlyArticle", "term": "DefinedTerm"}


def _thing(ref: Ref, default: str) -> dict:
    return {"@type": _KIND_TYPES.get(ref.kind or "", default), "@id": ref.iri, "name": ref.label}


def schema_org(urls: FdoUrls, page: FdoPage) -> dict:
    """Return a schema.org description of the FDO (an ML model is described as a CreativeWork)."""
    kind_type = _KIND_TYPES.get(page.kind or "", "CreativeWork")
    doc: dict = {
        "@context": "https://schema.org/",
        "@type": kind_type,
        "@id": urls.pid,
        "identifier": urls.pid,
        "url": urls.pid,
        "name": page.name,
    }
    extra_types = [t.iri for t in page.types if not t.iri.startswith("https://schema.org/")]
    if extra_types:
        doc["additionalType"] = extra_types
    if page.description:
        doc["description"] = page.description
    if page.licences:
        doc["license"] = [lic.iri for lic in page.licences]
    if page.authors:
        doc["author"] = [_thing(a, "Organization") for a in page.authors]
    if page.keywords:
        doc["keywords"] = page.keywords
    if page.languages:
        doc["inLanguage"] = page.languages
    if page.platform_url:
        doc["sameAs"] = page.platform_url
    if page.created:
        doc["dateCreated"] = page.created
    if page.modified:
        doc["dateModified"] = page.modified
    if page.current_version:
        doc["version"] = str(page.current_version.number)
    based_on = [_thing(rel.target, "CreativeWork") for rel in page.lineage_out]
    based_on += [_thing(d, "Dataset") for d in page.trained_on]
    if based_on:
        doc["isBasedOn"] = based_on
    if page.papers:
        doc["citation"] = [_thing(p, "ScholarlyArticle") for p in page.papers]
    if page.tasks:
        doc["about"] = [_thing(t, "DefinedTerm") for t in page.tasks]
    return doc
