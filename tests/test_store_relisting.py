"""A daily re-listing: unchanged records are not validated again and do not grow the store."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from registry.store import Store
from registry.validate import Validator
from tests.factories import BASE, model_record

T0 = datetime(2025, 1, 1, tzinfo=timezone.utc)


class CountingValidator:
    """The real validator, counting the records it is given."""

    def __init__(self) -> None:
        self.validator = Validator.default()
        self.seen: list[str] = []

    def validate_many(self, graphs):
        graphs = list(graphs)
        self.seen.extend(str(g[0].subject) for g in graphs)
        return self.validator.validate_many(graphs)


def test_relisting_validates_only_the_changed_records_and_adds_only_their_quads():
    validator = CountingValidator()
    store = Store.open(None, BASE, validator=validator)
    store.ingest_many([model_record(f"org/m{i}") for i in range(20)], now=T0)
    assert len(validator.seen) == 20
    quads = sum(1 for _ in store.db.quads_for_pattern(None, None, None, None))
    validator.seen.clear()

    day = [model_record(f"org/m{i}", description="edited" if i == 7 else "A test model.") for i in range(20)]
    results = store.ingest_many(day, now=T0 + timedelta(days=1))
    assert [r.status for r in results].count("unchanged") == 19
    assert validator.seen == [f"<{model_record('org/m7').pid}>"]
    [_, v2] = store.versions(model_record("org/m7").pid)
    assert v2.conforms is not None, "the changed record's version keeps its SHACL summary"
    settled = sum(1 for _ in store.db.quads_for_pattern(None, None, None, None))
    assert settled > quads
    store.ingest_many(day, now=T0 + timedelta(days=2))  # v2's first re-check: replaces, adds nothing
    assert sum(1 for _ in store.db.quads_for_pattern(None, None, None, None)) == settled
    store.ingest_many(day, now=T0 + timedelta(days=3))
    assert sum(1 for _ in store.db.quads_for_pattern(None, None, None, None)) == settled
    [_, v2] = store.versions(model_record("org/m7").pid)
    assert (v2.check_count, v2.last_checked) == (2, T0 + timedelta(days=3))


def test_the_first_relisting_of_unchanged_records_adds_no_quad():
    store = Store.open(None, BASE)
    records = [model_record(f"org/m{i}") for i in range(10)]
    store.ingest_many(records, now=T0)
    before = sum(1 for _ in store.db.quads_for_pattern(None, None, None, None))
    results = store.ingest_many(records, now=T0 + timedelta(days=1))
    assert {r.status for r in results} == {"unchanged"}
    assert sum(1 for _ in store.db.quads_for_pattern(None, None, None, None)) == before
    [v1] = store.versions(records[0].pid)
    assert (v1.check_count, v1.last_checked) == (1, T0 + timedelta(days=1))


def test_a_new_version_counts_its_own_harvest_as_its_last_check_and_no_re_check():
    store = Store.open(None, BASE)
    pid = store.ingest(model_record("org/a"), now=T0).pid
    [v1] = store.versions(pid)
    assert (v1.check_count, v1.last_checked) == (0, T0)
