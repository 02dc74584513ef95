"""JSON-LD in and out with the registry's context, offline.

``to_jsonld`` compacts triples with ``ontology/context.jsonld`` (rdflib's compaction, with
literals kept in their exact lexical form so the round trip JSON-LD -> RDF -> JSON-LD -> RDF
is lossless). ``from_jsonld`` parses with pyoxigraph; a document whose ``@context`` names the
served context (``{base}/ontology/context.jsonld``) or the FAIR4ML context URL gets the local
copy instead, so nothing is ever fetched over the network.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import Any

from pyoxigraph import BlankNode, Literal, NamedNode, RdfFormat, Triple, parse
from rdflib import BNode as RdfBNode
from rdflib import Graph as RdfGraph
from rdflib import Literal as RdfLiteral
from rdflib import URIRef
from rdflib.namespace import RDF as RDFLIB_RDF
from rdflib.plugins.serializers.jsonld import Converter
from rdflib.plugins.shared.jsonld.context import Context

from registry.errors import InputError
from registry.paths import ONTOLOGY_DIR
from registry.vocab import RDF, XSD

__all__ = ["CONTEXT_PATH", "CONTEXT_SUFFIX", "FAIR4ML_CONTEXT_URLS", "load_context", "is_local_context_url",
           "to_jsonld", "to_jsonld_bytes", "from_jsonld"]

CONTEXT_PATH = ONTOLOGY_DIR / "context.jsonld"
CONTEXT_SUFFIX = "/ontology/context.jsonld"  # the served context is {base}/ontology/context.jsonld
FAIR4ML_CONTEXT_URLS = frozenset(
    f"{scheme}://w3id.org/fair4ml{tail}"
    for scheme in ("https", "http")
    for tail in ("", "/", "#", "/0.1.0", "/0.1.0/", "/context.jsonld", "/0.1.0/context.jsonld")
)
_XSD_STRING = XSD.string.value
_LANG_STRING = RDF.langString.value
_RDF_FIRST = RDFLIB_RDF.first


@lru_cache(maxsize=1)
def _local_context_text() -> str:
    return CONTEXT_PATH.read_text(encoding="utf-8")


def load_context() -> dict[str, Any]:
    """Return the term definitions of the local context (the value of its ``@context``)."""
    return json.loads(_local_context_text())["@context"]


@lru_cache(maxsize=1)
def _default_context() -> tuple[dict[str, Any], Context]:
    """Return the local context's terms and rdflib's parsed form of them (read-only, parsed once)."""
    terms = load_context()
    return terms, Context(terms)


def is_local_context_url(url: str, base_url: str | None = None) -> bool:
    """Tell whether ``url`` names a context the local file stands for."""
    if url in FAIR4ML_CONTEXT_URLS:
        return True
    if base_url is not None:
        return url == base_url.rstrip("/") + CONTEXT_SUFFIX
    return url.startswith(("http://", "https://")) and url.endswith(CONTEXT_SUFFIX)


def _term_definitions(context: Mapping[str, Any]) -> dict[str, Any]:
    inner = context.get("@context", context)
    if not isinstance(inner, Mapping):
        raise TypeError("context must be a mapping of term definitions (or {'@context': {...}})")
    return dict(inner)


def _to_rdflib(term):
    if isinstance(term, NamedNode):
        return URIRef(term.value)
    if isinstance(term, BlankNode):
        return RdfBNode(term.value)
    if isinstance(term, Literal):
        if term.language:
            return RdfLiteral(term.value, lang=term.language)
        datatype = term.datatype.value
        if datatype in (_XSD_STRING, _LANG_STRING):
            return RdfLiteral(term.value)
        # normalize=False keeps the lexical form ("2024-01-02T03:04:05Z" stays as written)
        return RdfLiteral(term.value, datatype=URIRef(datatype), normalize=False)
    raise TypeError(f"unsupported RDF term {term!r}")


class _Converter(Converter):
    """rdflib's converter, also emitting blank nodes reached through an ``@id``-coerced term.

    rdflib only writes out blank nodes that are unreferenced or reached through an
    uncoerced property; one behind ``"evaluationResults": "_:b"`` would lose its triples.
    """

    def from_graph(self, graph: RdfGraph) -> list:
        nodemap: dict[Any, Any] = {}
        for s in sorted(set(graph.subjects()), key=str):
            is_list_node = isinstance(s, RdfBNode) and graph.value(s, _RDF_FIRST) is not None \
                and any(graph.subjects(None, s))
            if not is_list_node:  # list nodes are written as the @list of the node pointing at them
                self.process_subject(graph, s, nodemap)
        return list(nodemap.values())


def _sort_values(value: Any) -> Any:
    if isinstance(value, list):
        return sorted((_sort_values(v) for v in value), key=lambda v: json.dumps(v, sort_keys=True))
    if isinstance(value, dict):
        return {k: ([_sort_values(x) for x in v] if k == "@list" else _sort_values(v))
                for k, v in sorted(value.items())}
    return value


def to_jsonld(triples: Iterable[Triple], context: Mapping[str, Any] | None = None, *,
              context_url: str | None = None) -> dict[str, Any]:
    """Return triples as a compacted JSON-LD document (the local context unless ``context`` is given).

    The document carries its context inline, or ``context_url`` (e.g. the served
    ``{base}/ontology/context.jsonld``) in its place. Nodes are sorted by ``@id`` and
    multi-valued properties by value, so equal graphs give equal documents.
    """
    if context is None:
        terms, parsed = _default_context()
    else:
        terms = _term_definitions(context)
        parsed = Context(terms)
    graph = RdfGraph()
    for t in triples:
        graph.add((_to_rdflib(t.subject), _to_rdflib(t.predicate), _to_rdflib(t.object)))
    converter = _Converter(parsed, use_native_types=False, use_rdf_type=False)
    # rdflib switches to native JSON numbers whenever a context is active: "0.9106"^^xsd:double
    # would come back as "9.106E-1". Typed literals stay {"@value", "@type"} pairs instead.
    converter.use_native_types = False
    result = json.loads(json.dumps(converter.convert(graph)))  # rdflib terms -> plain JSON values
    if isinstance(result, list):
        result = {"@graph": result}
    nodes = result.pop("@graph", None)
    doc: dict[str, Any] = {"@context": context_url or json.loads(json.dumps(terms))}
    if nodes is None:
        doc.update(_sort_values(result) if result else {"@graph": []})
    else:
        doc["@graph"] = sorted((_sort_values(n) for n in nodes), key=lambda n: str(n.get("@id", "")))
    return doc


def to_jsonld_bytes(triples: Iterable[Triple], context: Mapping[str, Any] | None = None, *,
                    context_url: str | None = None) -> bytes:
    """Return ``to_jsonld`` as UTF-8 JSON bytes."""
    doc = to_jsonld(triples, context, context_url=context_url)
    return json.dumps(doc, ensure_ascii=False, indent=1).encode("utf-8")


def _substitute(value: Any, base_url: str | None) -> Any:
    """Replace references to the local context by its term definitions, at any depth."""
    if isinstance(value, str):
        return load_context() if is_local_context_url(value, base_url) else value
    if isinstance(value, list):
        return [_substitute(v, base_url) for v in value]
    return value


def _walk(node: Any, base_url: str | None) -> Any:
    if isinstance(node, list):
        return [_walk(v, base_url) for v in node]
    if isinstance(node, dict):
        out = {}
        for key, value in node.items():
            if key == "@context":
                out[key] = _substitute(value, base_url)
            else:
                out[key] = _walk(value, base_url)
        return out
    return node


def from_jsonld(text: str | bytes, *, base_url: str | None = None, base_iri: str | None = None) -> list[Triple]:
    """Parse a JSON-LD document into triples without network access.

    ``base_url`` restricts which ``{base}/ontology/context.jsonld`` is taken as ours (any
    host when None). Raises InputError for invalid JSON or JSON-LD, a remote context that
    is not ours, or a named graph.
    """
    try:
        doc = json.loads(text)
    except (ValueError, UnicodeDecodeError) as exc:
        raise InputError(f"JSON-LD: not JSON: {exc}") from None
    payload = json.dumps(_walk(doc, base_url), ensure_ascii=False)
    try:
        quads = parse(payload, RdfFormat.JSON_LD, base_iri=base_iri, without_named_graphs=True)
        return [q.triple for q in quads]
    except SyntaxError as exc:
        raise InputError(f"JSON-LD: {exc.msg if hasattr(exc, 'msg') else exc}") from None
    except ValueError as exc:
        raise InputError(f"JSON-LD: {exc}") from None
