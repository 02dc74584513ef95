"""The search tests' records build and ingest as the searcher expects (tests/data/search/records.py)."""

from __future__ import annotations

from registry.pid import mint_id, pid_iri
from tests.data.search.records import BASE, all_records, make_registry, specs


def test_search_data_builds_one_model_record_per_spec():
    records = all_records()
    models = [r for r in records if r.kind == "model" and not r.stub]
    assert len(models) == len(specs()) == 30
    assert len({r.pid for r in models}) == 30


def test_search_data_ingests_models_and_referenced_entities():
    registry = make_registry(None)
    try:
        models = registry.store.pids(kind="model", include_stubs=False)
        assert len(models) == 30
        assert registry.store.kind(pid_iri(BASE, mint_id("hf-task", "translation"))) == "term"
    finally:
        registry.close()
