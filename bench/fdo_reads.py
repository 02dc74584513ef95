"""Reading FDOs for people and machines: landing pages, chat facts and search index documents.

Usage: python bench/fdo_reads.py [--models 5000] [--sample 300]

Builds an in-memory store of synthetic models (tasks, organisations, datasets, a base model for
two in three, a fan-in of hundreds of fine-tunes on a few popular bases), then times, on the same
store: the search index's document build for every model (``indexed_versions`` + ``build_docs``
in batches of 200), ``gather`` of chat facts with derived models, and the landing page object
(``FdoService.page``) for a sample. Prints milliseconds per FDO.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path
from types import SimpleNamespace

from pyoxigraph import Literal, NamedNode, Triple

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from registry.chat.facts import gather  # noqa: E402
from registry.fdo import FdoService  # noqa: E402
from registry.pid import mint_id  # noqa: E402
from registry.record import Record  # noqa: E402
from registry.search.document import build_docs, indexed_versions  # noqa: E402
from registry.store import Store  # noqa: E402
from registry.vocab import FAIR4ML, MLFDO, RDF, SCHEMA, SPDX, XSD  # noqa: E402

BASE = "http://127.0.0.1:8000"


def _stub(store: Store, platform: str, ident: str, rdf_type: NamedNode, kind: str) -> NamedNode:
    pid = store.pid(mint_id(platform, ident))
    s = NamedNode(pid)
    return s, Record(pid, [Triple(s, RDF.type, rdf_type), Triple(s, SCHEMA.name, Literal(ident)),
                           Triple(s, SCHEMA.identifier, Literal(ident))], kind=kind, platform=platform,
                     platform_id=ident, stub=True)


def build(models: int, seed: int = 7) -> Store:
    """Return an in-memory store of ``models`` synthetic models and the entities they reference."""
    rng = random.Random(seed)
    store = Store.open(None, BASE, batch_size=500)
    stubs, records = {}, []
    entities = (("hf-task", SCHEMA.DefinedTerm, "term", "task", 20),
                ("hf-user", SCHEMA.Organization, "organisation", "org", 200),
                ("hf-dataset", SCHEMA.Dataset, "dataset", "data", 500))
    for platform, rdf_type, kind, prefix, count in entities:
        for name in (f"{prefix}-{i}" for i in range(count)):
            node, record = _stub(store, platform, name, rdf_type, kind)
            stubs.setdefault(platform, []).append(node)
            records.append(record)
    pids = [NamedNode(store.pid(mint_id("hf", f"org-{i % 200}/model-{i}"))) for i in range(models)]
    popular = pids[:5]
    for i, s in enumerate(pids):
        ident = f"org-{i % 200}/model-{i}"
        t = [Triple(s, RDF.type, FAIR4ML.MLModel), Triple(s, SCHEMA.name, Literal(ident)),
             Triple(s, SCHEMA.identifier, Literal(ident)), Triple(s, SCHEMA.description, Literal(f"Model {i}.")),
             Triple(s, SCHEMA.license, SPDX.term(rng.choice(["MIT", "Apache-2.0"]))),
             Triple(s, FAIR4ML.mlTask, rng.choice(stubs["hf-task"])),
             Triple(s, FAIR4ML.sharedBy, stubs["hf-user"][i % 200]),
             Triple(s, MLFDO.downloads, Literal(str(rng.randint(0, 10**6)), datatype=XSD.integer))]
        t += [Triple(s, FAIR4ML.trainedOn, d) for d in rng.sample(stubs["hf-dataset"], 2)]
        if i >= 5 and i % 3:
            base = rng.choice(popular) if rng.random() < 0.5 else pids[rng.randrange(i)]
            t.append(Triple(s, FAIR4ML.fineTunedFrom, base))
        records.append(Record(s.value, t, kind="model", platform="hf", platform_id=ident))
    store.ingest_many(records)
    return store


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--models", type=int, default=5000)
    parser.add_argument("--sample", type=int, default=300)
    args = parser.parse_args()
    store = build(args.models)
    rng = random.Random(1)
    sample = rng.sample(store.pids(kind="model"), args.sample)

    started = time.perf_counter()
    items = sorted(indexed_versions(store).values())
    docs = sum(len(build_docs(store, items[i:i + 200])) for i in range(0, len(items), 200))
    index_ms = (time.perf_counter() - started) * 1000 / docs

    started = time.perf_counter()
    for start in range(0, len(sample), 10):
        gather(store, sample[start:start + 10])
    chat_ms = (time.perf_counter() - started) * 1000 / len(sample)

    service = FdoService(SimpleNamespace(store=store, base_url=BASE))
    started = time.perf_counter()
    for pid in sample:
        service.page(service.locate(pid.rsplit("/", 1)[-1]))
    page_ms = (time.perf_counter() - started) * 1000 / len(sample)
    print(f"models {args.models}: index documents {index_ms:.2f} ms/FDO ({docs} docs), "
          f"chat facts {chat_ms:.2f} ms/FDO, landing page object {page_ms:.2f} ms/FDO")


if __name__ == "__main__":
    main()
