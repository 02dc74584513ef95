"""The search tests' records: tests/data/search/models.json built into FAIR4ML records (graph shape of docs/CONTRACTS.md).

Every search test module (and bench/) builds the same records and registry with these helpers.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path

import numpy as np
from pyoxigraph import Literal, NamedNode, Triple

from registry.pid import mint_id, pid_iri
from registry.record import Record, SourceInfo
from registry.search import Searcher, open_searcher
from registry.search.embed import MiniLMEmbedder
from registry.service import Registry
from registry.vocab import FAIR4ML, MLFDO, RDF, SCHEMA, SPDX, XSD

BASE = "http://registry.test"
DATA = Path(__file__).with_name("models.json")
LINEAGE = {"finetune": FAIR4ML.fineTunedFrom, "quantized": MLFDO.quantizedFrom, "adapter": MLFDO.adapterOf,
           "merge": MLFDO.mergedFrom}
_SOURCE = SourceInfo("search-tests", "1")


def specs() -> list[dict]:
    """Return the model specs of tests/data/search/models.json."""
    return json.loads(DATA.read_text(encoding="utf-8"))["models"]


def pid_of(model_id: str, base: str = BASE) -> str:
    return pid_iri(base, mint_id("hf", model_id))


def _stub(base: str, platform: str, key: str, kind: str, rdf_type: NamedNode, name: str,
          extra: tuple[tuple[NamedNode, object], ...] = ()) -> tuple[NamedNode, Record]:
    pid = pid_iri(base, mint_id(platform, key))
    s = NamedNode(pid)
    triples = [Triple(s, RDF.type, rdf_type), Triple(s, SCHEMA.name, Literal(name)),
               Triple(s, SCHEMA.identifier, Literal(key))]
    triples += [Triple(s, p, o) for p, o in extra]
    return s, Record(pid, triples, kind=kind, platform=platform, platform_id=key, stub=True, source=_SOURCE)


def model_records(spec: dict, base: str = BASE, description: str | None = None) -> list[Record]:
    """Return [model record, *stub records] for one spec (``description`` overrides the spec's)."""
    model_id = spec["id"]
    pid = pid_of(model_id, base)
    s = NamedNode(pid)
    stubs: list[Record] = []

    def ref(platform, key, kind, rdf_type, name, extra=()):
        node, record = _stub(base, platform, key, kind, rdf_type, name, extra)
        stubs.append(record)
        return node

    t = [Triple(s, RDF.type, FAIR4ML.MLModel), Triple(s, SCHEMA.name, Literal(model_id)),
         Triple(s, SCHEMA.identifier, Literal(model_id)),
         Triple(s, SCHEMA.alternateName, Literal(model_id.split("/", 1)[1])),
         Triple(s, SCHEMA.url, NamedNode(f"https://huggingface.co/{model_id}")),
         Triple(s, SCHEMA.description, Literal(description or spec["description"])),
         Triple(s, SCHEMA.dateCreated, Literal(spec["created"] + "T12:00:00+00:00", datatype=XSD.dateTime)),
         Triple(s, FAIR4ML.sharedBy, ref("hf-user", model_id.split("/")[0], "organisation", SCHEMA.Organization,
                                         model_id.split("/")[0]))]
    for task in spec.get("task", []):
        t.append(Triple(s, FAIR4ML.mlTask, ref("hf-task", task, "term", SCHEMA.DefinedTerm,
                                               task.replace("-", " ").title())))
    licence = spec.get("licence")
    if licence and licence[0].isupper():
        t.append(Triple(s, SCHEMA.license, SPDX.term(licence)))
    elif licence:
        t.append(Triple(s, SCHEMA.license, ref("licence", licence, "other", SCHEMA.CreativeWork, licence)))
    if spec.get("library"):
        t.append(Triple(s, MLFDO.library, Literal(spec["library"])))
    for lang in spec.get("languages", []):
        t.append(Triple(s, SCHEMA.inLanguage, Literal(lang)))
    for kw in spec.get("keywords", []):
        t.append(Triple(s, SCHEMA.keywords, Literal(kw)))
    if spec.get("params"):
        t.append(Triple(s, MLFDO.parameterCount, Literal(str(spec["params"]), datatype=XSD.integer)))
    for ds in spec.get("datasets", []):
        t.append(Triple(s, FAIR4ML.trainedOn, ref("hf-dataset", ds, "dataset", SCHEMA.Dataset, ds)))
    for b in spec.get("base", []):
        node = ref("hf", b, "model", FAIR4ML.MLModel, b)
        t.append(Triple(s, SCHEMA.isBasedOn, node))
        t.append(Triple(s, LINEAGE[spec.get("base_kind", "finetune")], node))
    if spec.get("downloads"):
        t.append(Triple(s, MLFDO.downloads, Literal(str(spec["downloads"]), datatype=XSD.integer)))
    model = Record(pid, t, kind="model", platform="hf", platform_id=model_id, source=_SOURCE)
    return [model, *stubs]


def all_records(base: str = BASE) -> list[Record]:
    """Return the records of every spec."""
    return [r for spec in specs() for r in model_records(spec, base)]


class CachedMiniLM(MiniLMEmbedder):
    """The real MiniLM embedder, remembering document vectors so the test modules embed each text once."""

    def __init__(self) -> None:
        super().__init__()
        self.vectors: dict[str, np.ndarray] = {}

    def embed(self, texts):
        missing = [t for t in dict.fromkeys(texts) if t not in self.vectors]
        if missing:
            self.vectors.update(zip(missing, super().embed(missing)))
        return np.stack([self.vectors[t] for t in texts]) if texts else super().embed([])


@functools.lru_cache(maxsize=1)
def shared_embedder() -> CachedMiniLM:
    """Return the session's embedder (the model is loaded once per test session)."""
    return CachedMiniLM()


def make_searcher(registry: Registry, embedder: MiniLMEmbedder | None = None) -> Searcher:
    """Open the registry's searcher with the shared embedder, as ``get_searcher`` would with the default one."""
    return registry.extension("search", lambda r: open_searcher(r, embedder=embedder or shared_embedder()))


def specs_searcher(specs: list[dict]):
    """Yield a searcher (static embedder) over an in-memory registry holding the records of ``specs``; close it
    after (the body of a module fixture over a test module's own records)."""
    from registry.search.static import StaticEmbedder

    registry = Registry.open({"BASE_URL": BASE, "DATA_DIR": ""}, in_memory=True, environ={})
    registry.store.ingest_many([r for spec in specs for r in model_records(spec)])
    yield make_searcher(registry, embedder=StaticEmbedder())
    registry.close()


def make_registry(data_dir: Path | None) -> Registry:
    """Return a registry (store in ``data_dir``, or in memory) holding every test record."""
    registry = Registry.open({"BASE_URL": BASE, "DATA_DIR": str(data_dir) if data_dir else ""},
                             in_memory=data_dir is None, environ={})  # validation on, as by default
    registry.store.ingest_many(all_records())
    return registry
