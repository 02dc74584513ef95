"""Split an RDF document into FDO records (one per PID), for `mlfdo ingest FILE`."""

from __future__ import annotations

from collections import defaultdict

from pyoxigraph import BlankNode, DefaultGraph, NamedNode, Quad, Triple

from registry.errors import RecordError
from registry.pid import id_from_pid, mint_id, pid_iri
from registry.record import Record, SourceInfo
from registry.vocab import FAIR4ML, RDF, SCHEMA, iri

__all__ = ["records_from_quads", "kind_of"]

_KINDS = {
    FAIR4ML.MLModel.value: "model",
    SCHEMA.Dataset.value: "dataset",
    SCHEMA.ScholarlyArticle.value: "paper",
    SCHEMA.Organization.value: "organisation",
    SCHEMA.Person.value: "person",
    SCHEMA.DefinedTerm.value: "term",
}


def kind_of(triples: list[Triple], pid: str) -> str:
    """Return the kind of entity a record describes, from its rdf:type."""
    for t in triples:
        if t.subject.value == pid and t.predicate == RDF.type and t.object.value in _KINDS:
            return _KINDS[t.object.value]
    return "other"


def records_from_quads(quads: list[Quad], base_url: str, source_name: str) -> list[Record]:
    """Group triples into records: one per PID (or per external IRI, minted as ``iri`` platform id).

    Blank nodes go with the record whose node refers to them. Raises RecordError naming the
    source when a top-level node has no identifier.
    """
    triples = [q.triple for q in quads if isinstance(q.graph_name, DefaultGraph)] if quads and isinstance(quads[0], Quad) else list(quads)
    if not triples:
        raise RecordError(f"{source_name}: no triples in the default graph")
    by_subject: dict[str, list[Triple]] = defaultdict(list)
    for t in triples:
        by_subject[t.subject.value if isinstance(t.subject, NamedNode) else "_:" + t.subject.value].append(t)
    referenced_bnodes = {t.object.value for t in triples if isinstance(t.object, BlankNode)}
    owner_of: dict[str, str] = {}

    def owner(subject_key: str) -> str:
        if subject_key.startswith("_:"):
            raise RecordError(f"{source_name}: a record without identifier (blank node {subject_key} with "
                              f"{len(by_subject[subject_key])} triples): give it an @id / IRI")
        base_pid = subject_key.split("#", 1)[0]
        if id_from_pid(base_url, base_pid):
            return base_pid
        # An external IRI (e.g. a platform URL): the FDO's PID is minted from it.
        return pid_iri(base_url, mint_id("iri", base_pid))

    records: dict[str, list[Triple]] = defaultdict(list)
    renamed: dict[str, str] = {}
    for key in by_subject:
        if key.startswith("_:") and key[2:] in referenced_bnodes:
            continue
        pid = owner(key)
        owner_of[key] = pid
        base_key, _, fragment = key.partition("#")
        if not id_from_pid(base_url, base_key):
            renamed[key] = pid + ("#" + fragment if fragment else "")
    # attach blank nodes to the record of the node that refers to them
    changed = True
    while changed:
        changed = False
        for t in triples:
            subj_key = t.subject.value if isinstance(t.subject, NamedNode) else "_:" + t.subject.value
            if isinstance(t.object, BlankNode) and subj_key in owner_of and "_:" + t.object.value not in owner_of:
                owner_of["_:" + t.object.value] = owner_of[subj_key]
                changed = True
    for key, subject_triples in by_subject.items():
        if key not in owner_of:
            raise RecordError(f"{source_name}: blank node {key} is not reachable from any identified record")
        for t in subject_triples:
            subject = NamedNode(renamed[key]) if key in renamed else t.subject
            obj = NamedNode(renamed[t.object.value]) if isinstance(t.object, NamedNode) and t.object.value in renamed else t.object
            records[owner_of[key]].append(Triple(subject, iri(t.predicate.value), obj))
    for original, new in renamed.items():
        if "#" not in new:
            records[new].append(Triple(NamedNode(new), SCHEMA.sameAs, NamedNode(original)))
    source = SourceInfo(harvester="file", harvester_version="1", url=None)
    return [Record(pid, rec, kind=kind_of(rec, pid), source=source) for pid, rec in records.items()]
