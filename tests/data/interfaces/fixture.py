"""The model family of tests/data/interfaces as a registry: ingested through the real Store, in memory or on disk."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path
from types import SimpleNamespace

from registry.rdfio import parse_file
from registry.records_from_rdf import records_from_quads
from registry.service import Registry
from registry.store import Store

BASE = "http://registry.test"
HERE = Path(__file__).parent
V1_AT = datetime(2024, 3, 1, 12, 0, tzinfo=timezone.utc)
V2_AT = datetime(2024, 6, 1, 12, 0, tzinfo=timezone.utc)
FAMILY = SimpleNamespace(
    grand="efbgm5dzlvurf", mid="pmkvbphltu3uj", chat="gg3i6blqbjmqb", q4="ojn2nb7ykobyv", lora="mcmrut2q27l2c",
    merged="tactf4cfnpolf", remix="g5bd3he4un7ji", other="ympy5547xnnn5", openml="3ifpo2wujbz37",
    task="saojr5mljcsst", org="y6pgjimcvet63", tales="mq7vky7yzhynt", quiz="37igvhhipkrnz", paper="q27t7oy6byl43",
)


def ingest_family(store: Store) -> None:
    """Ingest family-v1.ttl then family-v2.ttl, record by record."""
    for name, when in (("family-v1.ttl", V1_AT), ("family-v2.ttl", V2_AT)):
        for record in records_from_quads(parse_file(HERE / name, base_iri=BASE + "/"), BASE, name):
            store.ingest(record, now=when)


def family_registry(data_dir: Path | None = None, **settings) -> Registry:
    """Return a registry holding the family, validated as by default (``settings`` override others)."""
    registry = Registry.open({"BASE_URL": BASE, "DATA_DIR": str(data_dir or ""), **settings},
                             in_memory=data_dir is None, environ={})
    ingest_family(registry.store)
    return registry
