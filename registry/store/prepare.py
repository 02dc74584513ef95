"""Prepare a record for the store: normalise terms, skolemise blank nodes, split counters, hash."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import lru_cache

from pyoxigraph import BlankNode, Literal, NamedNode, Quad, Store, Triple

from registry.errors import RecordError
from registry.vocab import VOLATILE_PROPERTIES, iri

__all__ = ["PreparedRecord", "prepare", "content_hash", "owned", "skolemise", "nt_line"]


@dataclass(frozen=True)
class PreparedRecord:
    """A record's triples ready to write: content (versioned) and counters (current view only).

    ``lines`` are the N-Triples lines of ``content`` (without the final dot), in the same order:
    the writer builds its N-Quads from them instead of serialising every triple again.
    """

    pid: str
    content: tuple[Triple, ...]
    counters: tuple[Triple, ...]
    content_hash: str
    lines: tuple[str, ...]


def owned(pid: str, subject_iri: str) -> bool:
    """Tell whether an FDO owns a subject: its PID or a ``{pid}#...`` node."""
    return subject_iri == pid or subject_iri.startswith(pid + "#")


def nt_line(triple: Triple) -> str:
    """Return the N-Triples line of ``triple`` (without the final dot)."""
    return str(triple)


_NEEDS_NORMALISING = ("http://schema.org/", "http://w3id.org/fair4ml", "https://w3id.org/fair4ml/")


_XSD = "http://www.w3.org/2001/XMLSchema#"
_PLAIN = {_XSD + "string", "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"}
_PROBE = NamedNode("urn:mlfdo:probe")


@lru_cache(maxsize=65536)
def _canonical_literal(value: str, datatype: str) -> Literal:
    """Return the literal as the store will give it back (e.g. "+00:00" -> "Z", "007" -> "7").

    Versions are compared with triples read back from the store, so records must use the
    store's canonical lexical forms, or an unchanged date would look changed.
    """
    probe = Store()
    probe.add(Quad(_PROBE, _PROBE, Literal(value, datatype=NamedNode(datatype))))
    return next(iter(probe)).object


def _norm_term(term):
    if isinstance(term, NamedNode):
        return iri(term.value) if term.value.startswith(_NEEDS_NORMALISING) else term
    if isinstance(term, Literal) and term.language is None and term.datatype.value not in _PLAIN:
        datatype = term.datatype.value
        if datatype.startswith(_NEEDS_NORMALISING):
            datatype = iri(datatype).value
        return _canonical_literal(term.value, datatype)
    return term


def skolemise(pid: str, triples: list[Triple]) -> list[Triple]:
    """Replace blank nodes by ``{pid}#b-<hash>`` IRIs named after their content.

    A blank node's name is the hash of its outgoing triples (recursively, objects that are
    blank nodes contribute their own content), so equal content gives equal names across
    versions and versions can be compared triple by triple.
    """
    if not any(isinstance(t.subject, BlankNode) or isinstance(t.object, BlankNode) for t in triples):
        return triples
    outgoing: dict[str, list[Triple]] = {}
    for t in triples:
        if isinstance(t.subject, BlankNode):
            outgoing.setdefault(t.subject.value, []).append(t)
    names: dict[str, str] = {}

    def name(node: BlankNode, trail: frozenset[str]) -> str:
        if node.value in names:
            return names[node.value]
        if node.value in trail:  # a cycle: fall back to the parser's label, still stable per file
            return "cycle-" + node.value
        parts = []
        for t in outgoing.get(node.value, []):
            obj = t.object
            obj_s = name(obj, trail | {node.value}) if isinstance(obj, BlankNode) else str(obj)
            parts.append(f"{t.predicate} {obj_s}")
        digest = hashlib.sha256("\n".join(sorted(parts)).encode()).hexdigest()[:16]
        names[node.value] = digest
        return digest

    def term(node):
        if isinstance(node, BlankNode):
            return NamedNode(f"{pid}#b-{name(node, frozenset())}")
        return node

    return [Triple(term(t.subject), t.predicate, term(t.object)) for t in triples]


def content_hash(lines: list[str]) -> str:
    """Return the SHA-256 of sorted N-Triples lines: the same content always gives the same hash."""
    return hashlib.sha256(("\n".join(sorted(lines)) + "\n").encode("utf-8")).hexdigest()


# A triple whose N-Triples line has none of these has no term _norm_term would change: no IRI in a
# namespace spelling to normalise, no typed literal (plain and language-tagged ones print without ``^^``).
_M1, _M2, _M3 = _NEEDS_NORMALISING  # three ``in`` tests cost a fifth of one regular-expression search
_VOLATILE_TOKENS = frozenset(f"<{p}>" for p in VOLATILE_PROPERTIES)


def _normalised(triples: list[Triple]) -> tuple[list[Triple], list[str]]:
    """Return the triples with normalised terms and their N-Triples lines."""
    out: list[Triple] = []
    lines: list[str] = []
    for t in triples:
        line = str(t)
        if "^^" in line or _M1 in line or _M2 in line or _M3 in line:
            t = Triple(_norm_term(t.subject), _norm_term(t.predicate), _norm_term(t.object))
            line = str(t)
        out.append(t)
        lines.append(line)
    return out, lines


def prepare(pid: str, triples: list[Triple]) -> PreparedRecord:
    """Normalise, skolemise, check ownership and split a record's triples.

    Raises RecordError when a triple's subject is not owned by ``pid``.
    """
    if not pid:
        raise RecordError("record has no identifier (PID)")
    triples, lines = _normalised(triples)
    if any("_:" in line for line in lines):  # maybe a blank node: skolemise (it checks exactly)
        skolemised = skolemise(pid, triples)
        if skolemised is not triples:
            triples, lines = skolemised, [nt_line(t) for t in skolemised]
    content: dict[str, Triple] = {}
    counters: dict[str, Triple] = {}
    own, own_nodes = f"<{pid}> ", f"<{pid}#"  # the line of a triple whose subject is the PID or one of its nodes
    for t, line in zip(triples, lines):
        if not (line.startswith(own) or line.startswith(own_nodes)):
            raise RecordError(f"triple subject {t.subject} is not owned by {pid}")
        if line.split(" ", 2)[1] in _VOLATILE_TOKENS:
            counters[line] = t
        else:
            content[line] = t
    if not content:
        raise RecordError(f"record {pid} has no triples besides counters")
    return PreparedRecord(
        pid=pid,
        content=tuple(content.values()),
        counters=tuple(counters.values()),
        content_hash=content_hash(list(content)),
        lines=tuple(content),
    )
