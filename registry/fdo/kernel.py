"""The FDO kernel record: type, profile, data and kernel attributes of one FDO (JSON and RDF)."""

from __future__ import annotations

from pyoxigraph import Literal, NamedNode, Triple

from registry.fdo.representations import RDF_VARIANTS
from registry.fdo.urls import FdoUrls
from registry.fdo.view import FdoPage
from registry.vocab import DCT, FAIR4ML_VERSION_IRI, MLFDO, PROV, XSD, Namespace

__all__ = ["kernel_record", "kernel_triples", "DCAT", "IANA_MEDIA_TYPES"]

DCAT = Namespace("http://www.w3.org/ns/dcat#")
IANA_MEDIA_TYPES = "https://www.iana.org/assignments/media-types/"


def _fdo_type(page: FdoPage) -> str | None:
    types = sorted(t.iri for t in page.types)
    preferred = [t for t in types if "fair4ml" in t]
    return (preferred or types or [None])[0]


def _data(urls: FdoUrls) -> list[dict]:
    return [{"href": urls.variant(v.suffix), "type": v.media_type} for v in RDF_VARIANTS]


def kernel_record(urls: FdoUrls, page: FdoPage) -> dict:
    """Return the kernel record of an FDO as a JSON object."""
    current = page.current_version
    first = page.versions[0] if page.versions else None
    return {
        "pid": urls.pid,
        "O.FDO-Type": _fdo_type(page),
        "O.FDO-Profile": FAIR4ML_VERSION_IRI.value,
        "O.FDO-Data": _data(urls),
        "O.FDO-Status": page.status,
        "dateCreated": first.generated_at.isoformat() if first else None,
        "dateModified": current.generated_at.isoformat() if current else None,
        "version": current.number if current else None,
        "versionIRI": current.iri if current else None,
        "etag": current.content_hash if current else None,
        "digestAlgorithm": "sha256 over the sorted N-Triples lines of the version (counters excluded)",
        "wasDerivedFrom": current.source_url if current else None,
        "sourceEtag": current.source_etag if current else None,
        "versions": urls.versions,
        "landingPage": urls.pid,
        "linkset": urls.linkset,
    }


def kernel_triples(urls: FdoUrls, page: FdoPage) -> list[Triple]:
    """Return the kernel record of an FDO as RDF (Dublin Core, PROV, DCAT)."""
    record = kernel_record(urls, page)
    pid = NamedNode(urls.pid)
    triples = []
    if record["O.FDO-Type"]:
        triples.append(Triple(pid, DCT.type, NamedNode(record["O.FDO-Type"])))
    triples.append(Triple(pid, DCT.conformsTo, FAIR4ML_VERSION_IRI))
    for item in record["O.FDO-Data"]:
        dist = NamedNode(item["href"])
        triples.append(Triple(pid, DCAT.distribution, dist))
        triples.append(Triple(dist, DCAT.mediaType, NamedNode(IANA_MEDIA_TYPES + item["type"])))
        triples.append(Triple(dist, DCAT.accessURL, dist))
    for key, prop in (("dateCreated", DCT.created), ("dateModified", DCT.modified)):
        if record[key]:
            triples.append(Triple(pid, prop, Literal(record[key], datatype=XSD.dateTime)))
    if record["versionIRI"]:
        triples.append(Triple(pid, DCT.hasVersion, NamedNode(record["versionIRI"])))
        triples.append(Triple(pid, MLFDO.versionCount, Literal(str(record["version"]), datatype=XSD.integer)))
    if record["etag"]:
        triples.append(Triple(pid, MLFDO.contentHash, Literal(record["etag"])))
    if record["wasDerivedFrom"]:
        try:
            source = NamedNode(record["wasDerivedFrom"])
        except ValueError:
            source = None
        if source is not None:
            triples.append(Triple(pid, PROV.wasDerivedFrom, source))
    triples.append(Triple(pid, MLFDO.status, Literal(record["O.FDO-Status"])))
    return triples
