"""Build FAIR4ML records for tests through the public Record type (no store internals)."""

from __future__ import annotations

from dataclasses import replace

from pyoxigraph import Literal, NamedNode, Triple

from registry.pid import mint_id, pid_iri
from registry.record import Record, SourceInfo
from registry.vocab import FAIR4ML, MLFDO, RDF, SCHEMA, SPDX, XSD

BASE = "http://registry.test"


def model_pid(name: str, base: str = BASE) -> str:
    """Return the PID a Hugging Face model id gets."""
    return pid_iri(base, mint_id("hf", name))


def dataset_pid(name: str, base: str = BASE) -> str:
    return pid_iri(base, mint_id("hf-dataset", name))


def model_record(name: str, *, description: str = "A test model.", licence: str | None = "Apache-2.0",
                 downloads: int | None = 10, likes: int | None = 1, datasets: tuple[str, ...] = (),
                 keywords: tuple[str, ...] = (), base: str = BASE, etag: str = "sha-1",
                 extra: list[Triple] | None = None) -> Record:
    """Return a model record with the usual FAIR4ML fields."""
    pid = model_pid(name, base)
    s = NamedNode(pid)
    triples = [
        Triple(s, RDF.type, FAIR4ML.MLModel),
        Triple(s, SCHEMA.name, Literal(name.split("/")[-1])),
        Triple(s, SCHEMA.identifier, Literal(name)),
        Triple(s, SCHEMA.url, NamedNode(f"https://huggingface.co/{name}")),
        Triple(s, SCHEMA.description, Literal(description)),
        Triple(s, SCHEMA.dateCreated, Literal("2024-01-02T03:04:05+00:00", datatype=XSD.dateTime)),
    ]
    if licence:
        triples.append(Triple(s, SCHEMA.license, SPDX.term(licence)))
    for kw in keywords:
        triples.append(Triple(s, SCHEMA.keywords, Literal(kw)))
    for ds in datasets:
        triples.append(Triple(s, FAIR4ML.trainedOn, NamedNode(dataset_pid(ds, base))))
    if downloads is not None:
        triples.append(Triple(s, MLFDO.downloads, Literal(str(downloads), datatype=XSD.integer)))
    if likes is not None:
        triples.append(Triple(s, MLFDO.likes, Literal(str(likes), datatype=XSD.integer)))
    triples.extend(extra or [])
    return Record(pid, triples, kind="model", platform="hf", platform_id=name,
                  source=SourceInfo("test", "1", f"https://huggingface.co/api/models/{name}", etag))


def dataset_record(name: str, *, stub: bool = True, base: str = BASE) -> Record:
    """Return a (stub) dataset record."""
    pid = dataset_pid(name, base)
    s = NamedNode(pid)
    triples = [Triple(s, RDF.type, SCHEMA.Dataset), Triple(s, SCHEMA.name, Literal(name)),
               Triple(s, SCHEMA.identifier, Literal(name))]
    return Record(pid, triples, kind="dataset", platform="hf-dataset", platform_id=name, stub=stub,
                  source=SourceInfo("test", "1"))


def task_pid(task_id: str, base: str = BASE) -> str:
    """Return the PID of a Hugging Face task term."""
    return pid_iri(base, mint_id("hf-task", task_id))


def task_record(task_id: str, *, base: str = BASE) -> Record:
    """Return the stub term record of a Hugging Face task (``text-generation``), as the harvester writes it."""
    s = NamedNode(task_pid(task_id, base))
    label = task_id.replace("-", " ").capitalize()
    triples = [Triple(s, RDF.type, SCHEMA.DefinedTerm), Triple(s, SCHEMA.name, Literal(label)),
               Triple(s, SCHEMA.termCode, Literal(task_id)), Triple(s, SCHEMA.identifier, Literal(task_id))]
    return Record(task_pid(task_id, base), triples, kind="term", platform="hf-task", platform_id=task_id, stub=True,
                  source=SourceInfo("test", "1"))


def model_doing(name: str, task: str | None, *, languages: tuple[str, ...] = (), base_model: str | None = None,
                stub: bool = False, base: str = BASE, **kwargs) -> Record:
    """Return a model record with a task, the languages it states and the model it is fine-tuned from."""
    s = NamedNode(model_pid(name, base))
    extra = [Triple(s, FAIR4ML.mlTask, NamedNode(task_pid(task, base)))] if task else []
    extra += [Triple(s, SCHEMA.inLanguage, Literal(code)) for code in languages]
    if base_model:
        extra.append(Triple(s, FAIR4ML.fineTunedFrom, NamedNode(model_pid(base_model, base))))
    record = model_record(name, base=base, extra=extra + kwargs.pop("extra", []), **kwargs)
    return replace(record, stub=True) if stub else record


class DiesBeforeSecondStep:
    """Stands in for a process that dies between the batch's insert and its delete step."""

    def __init__(self, db):
        self._db = db

    def update(self, _query):
        raise SystemExit("killed between the two commit steps")

    def __getattr__(self, name):
        return getattr(self._db, name)


def concepts_searcher(records: list[Record]):
    """Yield a searcher over an in-memory registry holding the concept vocabularies and ``records``; close it after
    (the body of a module fixture)."""
    from harvesters.vocabularies import harvest
    from registry.search import get_searcher
    from registry.service import Registry

    registry = Registry.open({"BASE_URL": BASE}, in_memory=True, environ={})
    harvest(registry.store)
    registry.store.ingest_many(records)
    yield get_searcher(registry)
    registry.close()


def vocabulary_registry():
    """Return an in-memory registry with the extractive chat holding the concept vocabularies (a module fixture adds
    its records)."""
    from harvesters.vocabularies import harvest
    from registry.service import Registry

    registry = Registry.open({"BASE_URL": BASE, "LLM": "extractive"}, in_memory=True, environ={})
    harvest(registry.store, registry.base_url)
    return registry


def registry_holding(records):
    """Yield an in-memory registry with the extractive chat, the concept vocabularies and ``records``; close it after
    (the body of a module fixture)."""
    registry = vocabulary_registry()
    registry.store.ingest_many(list(records))
    yield registry
    registry.close()


def word_concepts():
    """Return the concept index over the vocabularies alone, words only (no embedder: checks do not depend on a
    model)."""
    from harvesters.vocabularies import harvest
    from registry.search.concepts import ConceptIndex
    from registry.store import Store

    store = Store.open(None, BASE)
    harvest(store)
    return ConceptIndex(store)


def topic(understanding):
    """Return the subject-area or kind-of-task constraint applied in a search's reading of a question, if any."""
    return next((r for r in understanding.recognised if r.facet == "topic" and r.applied), None)


def weights(searcher, question: str, names: list[str]) -> dict[str, float]:
    """Return model id -> the weight ``searcher.judge`` gives it for ``question`` (how much of the question it shows)."""
    understanding = searcher.understand(question)
    judged = searcher.judge([model_pid(n) for n in names], understanding)
    return {n: judged[model_pid(n)][1] for n in names}
