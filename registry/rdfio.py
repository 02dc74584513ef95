"""Read and write RDF: formats by name, suffix and media type; parse errors name file and line."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pyoxigraph import DefaultGraph, NamedNode, Quad, RdfFormat, Triple, parse, serialize

from registry.errors import InputError
from registry.vocab import NS

__all__ = ["Format", "FORMATS", "format_by_name", "format_for_path", "parse_text", "parse_file",
           "serialize_triples", "serialize_quads", "PREFIXES"]

PREFIXES = dict(NS)


@dataclass(frozen=True)
class Format:
    """An RDF format as the registry offers it."""

    name: str
    media_type: str
    suffix: str
    rdf_format: RdfFormat
    quads: bool = False


FORMATS: tuple[Format, ...] = (
    Format("jsonld", "application/ld+json", "jsonld", RdfFormat.JSON_LD),
    Format("ttl", "text/turtle", "ttl", RdfFormat.TURTLE),
    Format("nt", "application/n-triples", "nt", RdfFormat.N_TRIPLES),
    Format("rdf", "application/rdf+xml", "rdf", RdfFormat.RDF_XML),
    Format("nq", "application/n-quads", "nq", RdfFormat.N_QUADS, quads=True),
    Format("trig", "application/trig", "trig", RdfFormat.TRIG, quads=True),
)
_ALIASES = {"turtle": "ttl", "json-ld": "jsonld", "json": "jsonld", "ntriples": "nt", "n-triples": "nt",
            "xml": "rdf", "rdfxml": "rdf", "rdf/xml": "rdf", "nquads": "nq", "n-quads": "nq", "owl": "rdf"}


def format_by_name(name: str) -> Format:
    """Return the format called ``name`` (or a common alias). Raises InputError if unknown."""
    key = _ALIASES.get(name.lower(), name.lower())
    for fmt in FORMATS:
        if fmt.name == key:
            return fmt
    raise InputError(f"unknown RDF format {name!r} (known: {', '.join(f.name for f in FORMATS)})")


def format_for_path(path: Path) -> Format:
    """Return the format of a file from its suffix. Raises InputError if the suffix is unknown."""
    suffix = path.suffix.lower().lstrip(".")
    try:
        return format_by_name(suffix)
    except InputError:
        raise InputError(f"{path}: cannot tell the RDF format from the suffix {path.suffix!r} "
                         "(use .ttl, .jsonld, .json, .nt, .nq, .trig or .rdf)") from None


def parse_text(text: str | bytes, fmt: Format, source: str = "<input>", base_iri: str | None = None) -> list[Quad]:
    """Parse RDF text. Raises InputError naming the source, line and column of a syntax error."""
    try:
        return list(parse(text, fmt.rdf_format, base_iri=base_iri))
    except SyntaxError as exc:
        where = f"{source}:{exc.lineno}" if exc.lineno else source
        if exc.offset:
            where += f":{exc.offset}"
        message = str(exc.msg if hasattr(exc, "msg") else exc)
        raise InputError(f"{where}: {message}", source=source, line=exc.lineno) from None
    except ValueError as exc:
        raise InputError(f"{source}: {exc}", source=source) from None


def parse_file(path: str | Path, fmt: Format | None = None, base_iri: str | None = None) -> list[Quad]:
    """Parse an RDF file. Raises InputError naming the file (and line) on any problem."""
    path = Path(path)
    fmt = fmt or format_for_path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror}", source=str(path)) from None
    return parse_text(data, fmt, str(path), base_iri=base_iri)


def serialize_triples(triples: list[Triple], fmt: Format) -> bytes:
    """Serialise triples in a triple format (JSON-LD compacted with the registry's context)."""
    if fmt.name == "jsonld":
        from registry.jsonld import to_jsonld_bytes  # rdflib-based compaction with our context

        return to_jsonld_bytes(triples)
    if fmt.quads:
        return serialize([Quad(t.subject, t.predicate, t.object, DefaultGraph()) for t in triples], format=fmt.rdf_format)
    prefixes = PREFIXES if fmt.name in ("ttl", "rdf") else None
    return serialize(sorted(triples, key=str), format=fmt.rdf_format, prefixes=prefixes)


def serialize_quads(quads, fmt: Format, output=None) -> bytes | None:
    """Serialise quads in a dataset format, or triples of the default graph in a triple format."""
    if not fmt.quads:
        quads = (q.triple for q in quads if isinstance(q.graph_name, DefaultGraph))
        return serialize(quads, output, format=fmt.rdf_format, prefixes=PREFIXES if fmt.name == "ttl" else None)
    return serialize(quads, output, format=fmt.rdf_format,
                     prefixes=PREFIXES if fmt.name == "trig" else None)


def is_iri(value: str) -> bool:
    """Tell whether ``value`` is a valid absolute IRI."""
    try:
        NamedNode(value)
    except ValueError:
        return False
    return ":" in value
