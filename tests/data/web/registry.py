"""The web tests' registry: tests/data/web/registry-v*.ttl ingested through the real Store.ingest.

Shared by tests/conftest.py (the session-wide populated registry) and the tests that build a
registry of their own from the same records (an on-disk one, one on a SPARQL server).
"""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path
from types import SimpleNamespace

from registry.rdfio import parse_file
from registry.records_from_rdf import records_from_quads
from registry.service import Registry
from registry.store import Store

__all__ = ["BASE", "IDS", "WEB_DATA", "V1_AT", "V2_AT", "WITHDRAWN_AT", "ingest_file", "build_registry"]

BASE = "http://registry.test"
WEB_DATA = Path(__file__).parent
V1_AT = datetime(2024, 5, 1, 12, 0, tzinfo=timezone.utc)
V2_AT = datetime(2024, 9, 1, 12, 0, tzinfo=timezone.utc)
WITHDRAWN_AT = datetime(2024, 10, 1, 12, 0, tzinfo=timezone.utc)


IDS = SimpleNamespace(
    base_lm="3krpxs3xvfvka", finetuned="crqvhy2k6iw6w", quantized="axzdkmgjk2ob5", old="2s6j56ur43a4y",
    renamed="b47b5bq36imme", task_generation="saojr5mljcsst", task_classification="psgnmhqfboydg",
    acme="hegwpmli3nkvn", someone="fvakhabtlxiph", wikitext="5fg5zgwfydz5k", glue="k7e5orjjqrwx3",
    paper="yqokf7t2a64uf",
)


def ingest_file(store: Store, name: str, now: datetime) -> None:
    """Ingest the records of one file of tests/data/web through Store.ingest, one by one."""
    quads = parse_file(WEB_DATA / name, base_iri=BASE + "/")
    for record in records_from_quads(quads, BASE, name):
        store.ingest(record, now=now)


def build_registry(data_dir: Path | None = None) -> Registry:
    """Return a registry holding the test records (two versions of acme/base-lm, one withdrawn FDO, an alias)."""
    registry = Registry.open({"BASE_URL": BASE, "DATA_DIR": str(data_dir or "")}, in_memory=data_dir is None,
                             environ={})  # the default path: every version validated against the shapes
    store = registry.store
    ingest_file(store, "registry-v1.ttl", V1_AT)
    ingest_file(store, "registry-v2.ttl", V2_AT)
    store.withdraw(store.pid(IDS.old), "removed from the Hub by its owner", now=WITHDRAWN_AT)
    store.add_alias("hf:acme/legacy-name", store.pid(IDS.renamed))
    return registry
