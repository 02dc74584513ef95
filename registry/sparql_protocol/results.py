"""SPARQL result formats: JSON, XML, CSV and TSV for solutions and booleans, RDF for graphs.

Rows are collected by the engine first (so a result over the cap is refused whole, never cut),
then written here.
"""

from __future__ import annotations

import csv
import io
import json
from xml.sax.saxutils import escape, quoteattr

from pyoxigraph import BlankNode, Literal, NamedNode, Triple

from registry.vocab import XSD

__all__ = ["term_json", "solutions_json", "solutions_xml", "solutions_csv", "solutions_tsv",
           "boolean_json", "boolean_xml", "SELECT_TYPES", "ASK_TYPES", "GRAPH_TYPES", "FORMAT_NAMES"]

SELECT_TYPES = ["application/sparql-results+json", "application/sparql-results+xml", "text/csv",
                "text/tab-separated-values", "application/json", "application/xml", "text/html"]
ASK_TYPES = ["application/sparql-results+json", "application/sparql-results+xml", "application/json",
             "application/xml", "text/html"]
GRAPH_TYPES = ["text/turtle", "application/n-triples", "application/ld+json", "application/rdf+xml",
               "text/html"]
# ?format= values and the media type each stands for.
FORMAT_NAMES = {"json": "application/sparql-results+json", "xml": "application/sparql-results+xml",
                "csv": "text/csv", "tsv": "text/tab-separated-values", "html": "text/html",
                "ttl": "text/turtle", "turtle": "text/turtle", "nt": "application/n-triples",
                "jsonld": "application/ld+json", "rdf": "application/rdf+xml"}
_XMLNS = "http://www.w3.org/2005/sparql-results#"


def term_json(term) -> dict:
    """Return an RDF term in the SPARQL 1.1 JSON results form."""
    if isinstance(term, NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, Literal):
        out = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype is not None and term.datatype != XSD.string:
            out["datatype"] = term.datatype.value
        return out
    if isinstance(term, Triple):
        return {"type": "triple", "value": {"subject": term_json(term.subject),
                                            "predicate": term_json(term.predicate),
                                            "object": term_json(term.object)}}
    raise TypeError(f"not an RDF term: {term!r}")


def solutions_json(variables: list[str], rows: list[list]) -> bytes:
    """Write solutions as application/sparql-results+json."""
    bindings = [{v: term_json(t) for v, t in zip(variables, row, strict=True) if t is not None} for row in rows]
    return json.dumps({"head": {"vars": variables}, "results": {"bindings": bindings}},
                      ensure_ascii=False).encode("utf-8")


def boolean_json(value: bool) -> bytes:
    """Write an ASK answer as application/sparql-results+json."""
    return json.dumps({"head": {}, "boolean": value}).encode("utf-8")


def _term_xml(term) -> str:
    if isinstance(term, NamedNode):
        return f"<uri>{escape(term.value)}</uri>"
    if isinstance(term, BlankNode):
        return f"<bnode>{escape(term.value)}</bnode>"
    if isinstance(term, Literal):
        if term.language:
            return f"<literal xml:lang={quoteattr(term.language)}>{escape(term.value)}</literal>"
        if term.datatype is not None and term.datatype != XSD.string:
            return f"<literal datatype={quoteattr(term.datatype.value)}>{escape(term.value)}</literal>"
        return f"<literal>{escape(term.value)}</literal>"
    if isinstance(term, Triple):
        return (f"<triple><subject>{_term_xml(term.subject)}</subject><predicate>{_term_xml(term.predicate)}"
                f"</predicate><object>{_term_xml(term.object)}</object></triple>")
    raise TypeError(f"not an RDF term: {term!r}")


def solutions_xml(variables: list[str], rows: list[list]) -> bytes:
    """Write solutions as application/sparql-results+xml."""
    out = ['<?xml version="1.0" encoding="UTF-8"?>', f'<sparql xmlns="{_XMLNS}">', "<head>"]
    out += [f"<variable name={quoteattr(v)}/>" for v in variables]
    out += ["</head>", "<results>"]
    for row in rows:
        out.append("<result>")
        out += [f"<binding name={quoteattr(v)}>{_term_xml(t)}</binding>" for v, t in zip(variables, row, strict=True)
                if t is not None]
        out.append("</result>")
    out += ["</results>", "</sparql>"]
    return "\n".join(out).encode("utf-8")


def boolean_xml(value: bool) -> bytes:
    """Write an ASK answer as application/sparql-results+xml."""
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<sparql xmlns="{_XMLNS}"><head/>'
            f"<boolean>{'true' if value else 'false'}</boolean></sparql>").encode("utf-8")


def _term_csv(term) -> str:
    if term is None:
        return ""
    if isinstance(term, BlankNode):
        return f"_:{term.value}"
    if isinstance(term, Triple):
        return f"<< {term.subject} {term.predicate} {term.object} >>"
    return term.value


def solutions_csv(variables: list[str], rows: list[list]) -> bytes:
    """Write solutions as text/csv (values only, as the W3C CSV results format says)."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(variables)
    for row in rows:
        writer.writerow([_term_csv(t) for t in row])
    return buf.getvalue().encode("utf-8")


def solutions_tsv(variables: list[str], rows: list[list]) -> bytes:
    """Write solutions as text/tab-separated-values (terms in SPARQL/N-Triples syntax)."""
    lines = ["\t".join(f"?{v}" for v in variables)]
    for row in rows:
        lines.append("\t".join("" if t is None else str(t) for t in row))
    return ("\n".join(lines) + "\n").encode("utf-8")
