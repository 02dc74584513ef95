"""Prepare a record for the store: normalise terms, skolemise blank nodes, split counters, hash."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from pyoxigraph import BlankNode, Literal, NamedNode, Triple

from registry.errors import RecordError
from registry.vocab import VOLATILE_PROPERTIES, iri

__all__ = ["PreparedRecord", "prepare", "content_hash", "owned", "skolemise", "nt_line"]


@dataclass(frozen=True)
class PreparedRecord:
    """A record's triples ready to write: content (versioned) and counters (current view only)."""

    pid: str
    content: tuple[Triple, ...]
    counters: tuple[Triple, ...]
    content_hash: str


def owned(pid: str, subject_iri: str) -> bool:
    """Tell whether an FDO owns a subject: its PID or a ``{pid}#...`` node."""
    return subject_iri == pid or subject_iri.startswith(pid + "#")


def nt_line(triple: Triple) -> str:
    """Return the N-Triples line of ``triple`` (without the final dot)."""
    return f"{triple.subject} {triple.predicate} {triple.object}"


def _norm_term(term):
    if isinstance(term, NamedNode):
        return iri(term.value)
    if isinstance(term, Literal) and term.datatype is not None and term.language is None:
        datatype = iri(term.datatype.value)
        if datatype.value != term.datatype.value:
            return Literal(term.value, datatype=datatype)
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
    h = hashlib.sha256()
    for line in sorted(lines):
        h.update(line.encode("utf-8"))
        h.update(b"\n")
    return h.hexdigest()


def prepare(pid: str, triples: list[Triple]) -> PreparedRecord:
    """Normalise, skolemise, check ownership and split a record's triples.

    Raises RecordError when a triple's subject is not owned by ``pid``.
    """
    if not pid:
        raise RecordError("record has no identifier (PID)")
    triples = skolemise(pid, [Triple(_norm_term(t.subject), _norm_term(t.predicate), _norm_term(t.object)) for t in triples])
    content: dict[str, Triple] = {}
    counters: dict[str, Triple] = {}
    for t in triples:
        if not isinstance(t.subject, NamedNode) or not owned(pid, t.subject.value):
            raise RecordError(f"triple subject {t.subject} is not owned by {pid}")
        line = nt_line(t)
        if t.predicate.value in VOLATILE_PROPERTIES:
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
    )
