"""Harvest `registry/ontology/vocabularies/*.ttl` into the store: one FDO per concept, with provenance.

Each SKOS concept becomes a `schema:DefinedTerm` FDO. Its PID is minted from the platform the
concept belongs to, so a Hub task concept *is* the task FDO that Hub models point at
(`hf-task` + id), and a licence concept is the named-licence FDO models point at (`licence` +
Hub id). Libraries, languages, modalities and licence families get PIDs of their own
(`library`, `language`, `modality`, `licence-family`, `task-kind`, `task-family`, `domain`, `system`,
`open-model`, `organisation`). A data set concept (scheme ``dataset``) *is* the Hub data set's FDO that models
link to (``hf-dataset`` + id): a ``schema:Dataset`` record saying what the data set holds, what it is for and in
which languages, which takes the place of the stub a model's reference made. Concept-to-concept
links (modality, licence family, tasks a library or a system or open model not held serves, the task a kind of task narrows, the tasks a
family groups) are rewritten to the linked concepts' PIDs. A harvest of
unchanged files creates no new version.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from datetime import datetime, timezone
from pathlib import Path

from pyoxigraph import Literal, NamedNode, RdfFormat, Triple, parse

from registry.paths import ONTOLOGY_DIR
from registry.pid import mint_id, pid_iri
from registry.record import Record, SourceInfo
from registry.vocab import MLFDO, RDF, SCHEMA

__all__ = ["harvest", "concept_records", "VOCABULARY_DIR", "HARVESTER", "HARVESTER_VERSION", "SKOS"]

VOCABULARY_DIR = ONTOLOGY_DIR / "vocabularies"
HARVESTER = "mlfdo-vocabularies"
HARVESTER_VERSION = "1"
SKOS = "http://www.w3.org/2004/02/skos/core#"
VOCAB = "https://w3id.org/mlfdo/vocab/"
# concept scheme -> platform its PIDs are minted on (Hub tasks and named licences keep the PIDs models link to)
PLATFORMS = {"hf-task": "hf-task", "openml-task-type": "openml-task-type", "library": "library", "domain": "domain",
             "licence": "licence", "licence-family": "licence-family", "language": "language", "modality": "modality",
             "task-kind": "task-kind", "task-family": "task-family", "system": "system",
             "open-model": "open-model", "organisation": "organisation", "language-group": "language-group",
             "method": "method", "hub-tag": "hub-tag", "dataset": "hf-dataset"}
# concept scheme -> (record kind, RDF type, the URL of the thing the concept is, by its notation) where the concept is
# an FDO of another kind than a term: a Hub data set
AS_RECORD = {"dataset": ("dataset", SCHEMA.Dataset, "https://huggingface.co/datasets/{}")}
# SKOS / vocabulary property -> property of the FDO
PROPERTIES = {SKOS + "prefLabel": SCHEMA.name, SKOS + "definition": SCHEMA.description,
              SKOS + "altLabel": SCHEMA.alternateName, SKOS + "notation": SCHEMA.termCode}


def _parse(directory: Path) -> tuple[dict[str, dict[str, list]], str]:
    """Return concept IRI -> property IRI -> objects, and a digest of the files read."""
    concepts: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    digest = hashlib.sha256()
    for path in sorted(directory.glob("*.ttl")):
        data = path.read_bytes()
        digest.update(data)
        for triple in parse(data, format=RdfFormat.TURTLE):
            concepts[triple.subject.value][triple.predicate.value].append(triple.object)
    return {iri: props for iri, props in concepts.items()
            if any(o.value == SKOS + "Concept" for o in props.get(str(RDF) + "type", []))}, digest.hexdigest()


def _key(props: dict[str, list]) -> tuple[str, str]:
    scheme = props[SKOS + "inScheme"][0].value[len(VOCAB):]
    return scheme, props[SKOS + "notation"][0].value


def concept_records(base_url: str, directory: Path = VOCABULARY_DIR) -> list[Record]:
    """Return one Record per concept of the vocabulary files in ``directory``."""
    concepts, digest = _parse(directory)
    pids = {}
    for iri, props in concepts.items():
        scheme, notation = _key(props)
        pids[iri] = pid_iri(base_url, mint_id(PLATFORMS[scheme], notation))
    now = datetime.now(timezone.utc)
    source = SourceInfo(HARVESTER, HARVESTER_VERSION, url="file:registry/ontology/vocabularies", etag=digest[:16],
                        started=now, ended=now)
    records = []
    for iri, props in concepts.items():
        scheme, notation = _key(props)
        pid = NamedNode(pids[iri])
        kind, rdf_type, url = AS_RECORD.get(scheme, ("term", SCHEMA.DefinedTerm, ""))
        triples = [Triple(pid, RDF.type, rdf_type), Triple(pid, SCHEMA.identifier, Literal(notation)),
                   Triple(pid, SCHEMA.inDefinedTermSet, NamedNode(VOCAB + scheme)),
                   Triple(pid, MLFDO.concept, NamedNode(iri))]
        if url:
            triples.append(Triple(pid, SCHEMA.url, NamedNode(url.format(notation))))
        if url:
            # (named by its id, as the stub it replaces was: models' links, the facet and the name index read that
            # name; its label is one of its other names, kept as the concept's label too)
            triples.append(Triple(pid, SCHEMA.name, Literal(notation)))
        for prop, objects in props.items():
            if prop in (str(RDF) + "type", SKOS + "inScheme"):
                continue
            target = PROPERTIES.get(prop, NamedNode(prop))
            if url and prop == SKOS + "prefLabel":
                triples += [Triple(pid, SCHEMA.alternateName, o) for o in objects if o.value != notation]
                target = NamedNode(prop)
            for obj in objects:
                if isinstance(obj, NamedNode) and obj.value in pids:
                    obj = NamedNode(pids[obj.value])  # a link between concepts: to the concept's FDO
                triples.append(Triple(pid, target, obj))
        records.append(Record(pid=pids[iri], triples=triples, kind=kind, platform=PLATFORMS[scheme],
                              platform_id=notation, source=source))
    return records


def harvest(store, base_url: str | None = None, directory: Path = VOCABULARY_DIR) -> dict[str, int]:
    """Ingest every concept of the vocabulary files; return counts by ingest status."""
    counts: dict[str, int] = defaultdict(int)
    for result in store.ingest_many(concept_records(base_url or store.base_url, directory)):
        counts[result.status] += 1
    return dict(counts)
