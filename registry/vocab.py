"""RDF vocabulary used by mlfdo: namespaces and IRIs as named constants.

FAIR4ML 0.1.0 lives in one namespace, ``https://w3id.org/fair4ml#``. schema.org is
used in its ``https://schema.org/`` form only (``http://schema.org/`` input is
normalised to it). Terms that FAIR4ML and schema.org lack are minted under the
project's own namespace ``MLFDO`` (``https://w3id.org/mlfdo/ns#``), never as fair4ml.
"""

from __future__ import annotations

from pyoxigraph import NamedNode

__all__ = [
    "FAIR4ML", "SCHEMA", "CODEMETA", "PROV", "DCT", "RDF", "RDFS", "XSD", "SH", "SKOS", "MLFDO",
    "SPDX", "ARXIV_ABS", "FAIR4ML_VERSION_IRI", "NS", "iri", "VOLATILE_PROPERTIES",
    "SCHEMA_HTTP", "FAIR4ML_ALIASES", "Namespace", "compact_iri",
]


class Namespace(str):
    """A namespace IRI whose attributes and items are ``NamedNode`` terms."""

    def __getattr__(self, name: str) -> NamedNode:
        if name.startswith("__"):
            raise AttributeError(name)
        return NamedNode(str(self) + name)

    def __getitem__(self, name: str) -> NamedNode:  # type: ignore[override]
        return NamedNode(str(self) + name)

    def term(self, name: str) -> NamedNode:
        """Return the IRI of ``name`` in this namespace."""
        return NamedNode(str(self) + name)


FAIR4ML = Namespace("https://w3id.org/fair4ml#")
SCHEMA = Namespace("https://schema.org/")
SCHEMA_HTTP = "http://schema.org/"
CODEMETA = Namespace("https://w3id.org/codemeta/")
PROV = Namespace("http://www.w3.org/ns/prov#")
DCT = Namespace("http://purl.org/dc/terms/")
RDF = Namespace("http://www.w3.org/1999/02/22-rdf-syntax-ns#")
RDFS = Namespace("http://www.w3.org/2000/01/rdf-schema#")
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")
SH = Namespace("http://www.w3.org/ns/shacl#")
SKOS = Namespace("http://www.w3.org/2004/02/skos/core#")
MLFDO = Namespace("https://w3id.org/mlfdo/ns#")
SPDX = Namespace("https://spdx.org/licenses/")
ARXIV_ABS = "https://arxiv.org/abs/"

FAIR4ML_VERSION = "0.1.0"
FAIR4ML_VERSION_IRI = NamedNode("https://w3id.org/fair4ml/0.1.0")

# Other spellings of the FAIR4ML namespace met in the wild; normalised on ingest.
FAIR4ML_ALIASES = (
    "http://w3id.org/fair4ml#",
    "https://w3id.org/fair4ml/",
    "http://w3id.org/fair4ml/",
)

# Prefixes used when serialising (Turtle, JSON-LD context, SPARQL form).
NS = {
    "fair4ml": str(FAIR4ML),
    "schema": str(SCHEMA),
    "codemeta": str(CODEMETA),
    "prov": str(PROV),
    "dct": str(DCT),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "xsd": str(XSD),
    "sh": str(SH),
    "mlfdo": str(MLFDO),
    "spdx": str(SPDX),
}

# Counters that change without the record changing: kept on the current view only,
# outside the content hash and the version graphs.
VOLATILE_PROPERTIES = frozenset({
    str(MLFDO) + "downloads",
    str(MLFDO) + "likes",
    str(MLFDO) + "downloadsAllTime",
})


def iri(value: str) -> NamedNode:
    """Return a NamedNode for ``value``, normalising the schema.org and FAIR4ML forms."""
    if value.startswith(SCHEMA_HTTP):
        value = str(SCHEMA) + value[len(SCHEMA_HTTP):]
    else:
        for alias in FAIR4ML_ALIASES:
            if value.startswith(alias):
                value = str(FAIR4ML) + value[len(alias):]
                break
    return NamedNode(value)


def compact_iri(value: str) -> str:
    """Return ``prefix:local`` for an IRI in a known namespace, else the IRI."""
    for prefix, ns in NS.items():
        if value.startswith(ns) and len(value) > len(ns):
            return f"{prefix}:{value[len(ns):]}"
    return value
