"""What every OpenML mapping shares: identifiers, canonical pages, stubs, and the per-object mapping state."""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from pyoxigraph import Literal, NamedNode, Triple

from harvesters.huggingface.refs import Stubs
from harvesters.huggingface.values import clean_text
from harvesters.openml.values import date_time, object_id, texts
from registry.pid import mint_id, pid_iri
from registry.record import Record, SourceInfo
from registry.vocab import FAIR4ML, MLFDO, RDF, SCHEMA, XSD

__all__ = ["Mapping", "OpenMLStubs", "openml_pid", "page", "slug", "KIND", "PLATFORMS", "SITE", "HARVESTER",
           "HARVESTER_VERSION", "PAGE", "ROOT", "TASK_TERMS", "LICENCES", "LANGUAGES"]

HARVESTER = "openml"
HARVESTER_VERSION = "0.1.0"
SITE = "https://www.openml.org"
PLATFORMS = {"flow": "openml", "run": "openml-run", "task": "openml-task", "dataset": "openml-dataset"}
PAGE = {"flow": "f", "run": "r", "task": "t", "dataset": "d"}
KIND = {"flow": "model", "run": "evaluation", "task": "task", "dataset": "dataset"}
ROOT = {"flow": "oml:flow", "run": "oml:run", "task": "oml:task", "dataset": "oml:data_set_description"}
# OpenML task types -> the registry's task terms (Hub task ids) where one fits
TASK_TERMS = {
    "Supervised Classification": "tabular-classification",
    "Supervised Regression": "tabular-regression",
    "Learning Curve": "tabular-classification",
    "Supervised Data Stream Classification": "tabular-classification",
}
# OpenML licence texts -> SPDX ids
LICENCES = {"cc0": "CC0-1.0", "public domain (cc0)": "CC0-1.0", "cc-by": "CC-BY-4.0", "cc by 4.0": "CC-BY-4.0",
            "cc-by 4.0": "CC-BY-4.0", "cc by": "CC-BY-4.0", "cc-by-sa": "CC-BY-SA-4.0", "mit": "MIT",
            "gpl-3.0": "GPL-3.0-only", "apache-2.0": "Apache-2.0"}
LANGUAGES = {"english": "en", "german": "de", "french": "fr", "spanish": "es", "dutch": "nl", "portuguese": "pt"}


def openml_pid(base_url: str, kind: str, object_id: str) -> str:
    """Return the PID of an OpenML object (kind: flow, run, task, dataset)."""
    return pid_iri(base_url, mint_id(PLATFORMS[kind], object_id))


def page(kind: str, object_id: str) -> NamedNode:
    """Return the canonical OpenML page of an object."""
    return NamedNode(f"{SITE}/{PAGE[kind]}/{object_id}")


class OpenMLStubs(Stubs):
    """Stub records for objects an OpenML record references."""

    def openml(self, kind: str, object_id: str, name: str | None = None) -> NamedNode:
        types = {"flow": FAIR4ML.MLModel, "run": FAIR4ML.MLModelEvaluation, "task": MLFDO.Task,
                 "dataset": SCHEMA.Dataset}
        label = name or f"OpenML {kind} {object_id}"
        return self._stub(PLATFORMS[kind], object_id, KIND[kind], lambda: [
            (RDF.type, types[kind]), (SCHEMA.name, Literal(clean_text(label))),
            (SCHEMA.identifier, Literal(object_id)), (SCHEMA.url, page(kind, object_id)),
        ])

    def user(self, user_id: str, name: str | None = None) -> NamedNode:
        return self._stub("openml-user", user_id, "person", lambda: [
            (RDF.type, SCHEMA.Person), (SCHEMA.name, Literal(clean_text(name or f"OpenML user {user_id}"))),
            (SCHEMA.identifier, Literal(user_id)), (SCHEMA.url, NamedNode(f"{SITE}/u/{user_id}")),
        ])

    def doi_paper(self, doi: str) -> NamedNode:
        iri = NamedNode("https://doi.org/" + doi)
        return self._stub("doi", doi, "paper", lambda: [
            (RDF.type, SCHEMA.ScholarlyArticle), (SCHEMA.name, Literal(f"doi:{doi}")),
            (SCHEMA.identifier, Literal(f"doi:{doi}")), (SCHEMA.sameAs, iri), (SCHEMA.url, iri),
        ])


class Mapping:
    """One object's transform: its triples, problems, stubs and carried records."""

    def __init__(self, kind: str, object_id: str, base_url: str, source: SourceInfo | None,
                 stubs: OpenMLStubs | None = None) -> None:
        self.kind, self.id, self.base_url, self.source = kind, object_id, base_url, source
        self.pid = openml_pid(base_url, kind, object_id)
        self.node = NamedNode(self.pid)
        self.triples: list[Triple] = []
        self.problems: list[str] = []
        self.stubs = stubs or OpenMLStubs(base_url, source)
        self.carried: list[Record] = []

    def add(self, predicate: NamedNode, obj, subject: NamedNode | None = None) -> None:
        self.triples.append(Triple(subject or self.node, predicate, obj))

    def text(self, predicate: NamedNode, value: str | None, subject: NamedNode | None = None) -> None:
        if value:
            self.add(predicate, Literal(clean_text(value)), subject)

    def date(self, predicate: NamedNode, value: str | None, label: str) -> None:
        if value is None:
            return
        iso = date_time(value)
        if iso is None:
            self.problems.append(f"{label} {value!r} is not a date-time")
        else:
            self.add(predicate, Literal(iso, datatype=XSD.dateTime))

    def core(self, rdf_type: NamedNode, name: str) -> None:
        self.add(RDF.type, rdf_type)
        self.text(SCHEMA.name, name)
        self.text(SCHEMA.identifier, self.id)
        self.add(SCHEMA.url, page(self.kind, self.id))

    def step(self, steps: list[Callable[[], None]]) -> None:
        for run in steps:
            try:
                run()
            except Exception as exc:  # one bad field must not lose the rest of the record
                self.problems.append(f"{run.__name__}: {type(exc).__name__}: {exc}")

    def records(self, raw: str | None) -> list[Record]:
        main = Record(pid=self.pid, triples=self.triples, kind=KIND[self.kind], platform=PLATFORMS[self.kind],
                      platform_id=self.id, source=self.source, raw=raw, problems=self.problems)
        carried = {r.pid for r in self.carried}
        stubs = [r for pid, r in self.stubs.records.items() if pid != self.pid and pid not in carried]
        return [main, *self.carried, *stubs]

    def reference(self, kind: str, value: object, name: str | None = None) -> NamedNode | None:
        ref = object_id(value)
        if ref is None:
            if value is not None:
                self.problems.append(f"{kind} reference {value!r} is not an OpenML id; not linked")
            return None
        return self.stubs.openml(kind, ref, name)

    def keywords(self, node: dict) -> None:
        for tag in dict.fromkeys(texts(node, "tag")):
            self.text(SCHEMA.keywords, tag)


def slug(value: str) -> str:
    """Return a readable, collision-safe fragment for an owned node (``{pid}#hp-{slug}``)."""
    safe = "".join(c if c.isalnum() or c in "-_." else "-" for c in value)[:60]
    return f"{safe}-{hashlib.sha256(value.encode()).hexdigest()[:6]}"
