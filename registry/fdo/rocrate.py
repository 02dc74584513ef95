"""A detached RO-Crate 1.2 metadata document describing one FDO and its representations."""

from __future__ import annotations

from registry.fdo.representations import RDF_VARIANTS
from registry.fdo.urls import FdoUrls
from registry.fdo.view import FdoPage, Ref

__all__ = ["ro_crate", "RO_CRATE_CONTEXT", "RO_CRATE_SPEC"]

RO_CRATE_CONTEXT = "https://w3id.org/ro/crate/1.2/context"
RO_CRATE_SPEC = "https://w3id.org/ro/crate/1.2"
_KIND_TYPES = {"organisation": "Organization", "person": "Person", "dataset": "Dataset",
               "paper": "ScholarlyArticle", "model": "CreativeWork", "term": "DefinedTerm"}


def _ids(refs: list[Ref]) -> list[dict]:
    return [{"@id": r.iri} for r in refs]


def _entity(ref: Ref, default_type: str) -> dict:
    entity = {"@id": ref.iri, "@type": _KIND_TYPES.get(ref.kind or "", default_type), "name": ref.label}
    if ref.local:
        entity["identifier"] = ref.iri
    return entity


def ro_crate(urls: FdoUrls, page: FdoPage) -> dict:
    """Return the RO-Crate metadata document (flattened, compacted JSON-LD) of an FDO."""
    current = page.current_version
    first = page.versions[0] if page.versions else None
    files = [{"@id": urls.variant(v.suffix), "@type": "File", "name": f"{page.name} ({v.label})",
              "encodingFormat": v.media_type, "about": {"@id": urls.pid}} for v in RDF_VARIANTS]
    root: dict = {
        "@id": urls.pid,
        "@type": "Dataset",
        "name": page.name,
        "description": page.description or f"Metadata of {page.name}, a FAIR Digital Object in this registry.",
        "datePublished": first.generated_at.isoformat() if first else (page.created or "1970-01-01"),
        "identifier": urls.pid,
        "cite-as": urls.pid,
        "url": urls.pid,
        "hasPart": [{"@id": f["@id"]} for f in files],
    }
    if current:
        root["dateModified"] = current.generated_at.isoformat()
        root["version"] = str(current.number)
    if page.licences:
        root["license"] = [{"@id": lic.iri} if lic.href else lic.label for lic in page.licences]
    if page.authors:
        root["author"] = _ids(page.authors)
    if page.keywords:
        root["keywords"] = ", ".join(page.keywords)
    if page.platform_url:
        root["sameAs"] = {"@id": page.platform_url}
    if page.papers:
        root["citation"] = _ids(page.papers)
    based_on = [rel.target for rel in page.lineage_out] + page.trained_on
    if based_on:
        root["isBasedOn"] = _ids(based_on)
    if page.tasks:
        root["about"] = _ids(page.tasks)
    contextual = []
    seen = {urls.pid}
    for refs, default in ((page.authors, "Organization"), (page.papers, "ScholarlyArticle"),
                          (based_on, "CreativeWork"), (page.tasks, "DefinedTerm")):
        for ref in refs:
            if ref.iri not in seen:
                seen.add(ref.iri)
                contextual.append(_entity(ref, default))
    for lic in page.licences:
        if lic.href and lic.iri not in seen:
            seen.add(lic.iri)
            contextual.append({"@id": lic.iri, "@type": "CreativeWork", "name": lic.label, "url": lic.iri})
    descriptor = {"@id": "ro-crate-metadata.json", "@type": "CreativeWork",
                  "conformsTo": {"@id": RO_CRATE_SPEC}, "about": {"@id": urls.pid}}
    return {"@context": RO_CRATE_CONTEXT, "@graph": [descriptor, root, *files, *contextual]}
