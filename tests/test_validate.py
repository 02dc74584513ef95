"""registry.validate.Validator: counts, batch attribution, blank nodes, and the store's use of summaries."""

from __future__ import annotations

import dataclasses
import threading

import pytest
from pyoxigraph import BlankNode, Literal, NamedNode, Triple

from registry.store import Store
from registry.validate import ValidationResult, ValidationSummary, Validator
from registry.vocab import FAIR4ML, MLFDO, RDF, SCHEMA, SPDX, XSD
from tests.factories import BASE, dataset_record, model_record

SHAPES_PREFIXES = """
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix schema: <https://schema.org/> .
@prefix ex: <http://example.org/shapes#> .
"""


@pytest.fixture(scope="module")
def validator() -> Validator:
    return Validator.default()


def complete_model(name: str) -> list[Triple]:
    """Return a model record with every recommended field, which gives no result at all."""
    record = model_record(name, datasets=("wikitext",))
    s = NamedNode(record.pid)
    return record.triples + [
        Triple(s, FAIR4ML.mlTask, NamedNode(f"{BASE}/fdo/task-text-generation")),
        Triple(s, FAIR4ML.sharedBy, NamedNode(f"{BASE}/fdo/acme")),
        Triple(s, FAIR4ML.intendedUse, Literal("Text generation research.")),
        Triple(s, FAIR4ML.modelRisksBiasLimitations, Literal("Generates plausible falsehoods.")),
    ]


def with_text_licence(triples: list[Triple]) -> list[Triple]:
    """Return ``triples`` with the licence as a string and dateCreated as an untyped string."""
    s = triples[0].subject
    out = [t for t in triples if t.predicate not in (SCHEMA.license, SCHEMA.dateCreated)]
    return out + [Triple(s, SCHEMA.license, Literal("apache-2.0")), Triple(s, SCHEMA.dateCreated, Literal("2024"))]


def kinds(summary: ValidationSummary) -> set[tuple[str, str | None]]:
    return {(r.severity, r.path) for r in summary.results}


# ------------------------------------------------------------------------------- one record

def test_complete_model_conforms_without_any_result(validator: Validator) -> None:
    summary = validator.validate(complete_model("acme/complete"))
    assert summary == ValidationSummary(True, 0, 0, ())


def test_missing_recommended_fields_are_warnings_and_the_record_conforms(validator: Validator) -> None:
    record = model_record("acme/plain")  # name, identifier, url, description, licence, no FAIR4ML links
    summary = validator.validate(record.triples)
    assert summary.conforms and summary.violations == 0
    assert summary.warnings == 5
    assert {r.path for r in summary.results} == {FAIR4ML.term(p).value for p in (
        "mlTask", "sharedBy", "trainedOn", "intendedUse", "modelRisksBiasLimitations")}
    assert all(r.focus == record.pid and r.severity == "Warning" for r in summary.results)


def test_violations_are_counted_and_break_conformance(validator: Validator) -> None:
    triples = with_text_licence(complete_model("acme/broken"))
    summary = validator.validate(triples)
    assert not summary.conforms
    assert (summary.violations, summary.warnings) == (2, 0)
    assert kinds(summary) == {("Violation", SCHEMA.license.value), ("Violation", SCHEMA.dateCreated.value)}
    licence = next(r for r in summary.results if r.path == SCHEMA.license.value)
    assert licence.message == "schema:license must be an IRI (an SPDX licence or a licence FDO), not text"


def test_the_same_problem_twice_on_one_node_is_one_result(validator: Validator) -> None:
    triples = with_text_licence(complete_model("acme/twice"))
    triples.append(Triple(triples[0].subject, SCHEMA.license, Literal("mit")))
    summary = validator.validate(triples)
    assert [r.path for r in summary.results].count(SCHEMA.license.value) == 1
    assert summary.violations == 2


def test_results_are_sorted_violations_first(validator: Validator) -> None:
    record = model_record("acme/sorted", licence=None, extra=[])
    triples = [t for t in record.triples if t.predicate != SCHEMA.name]
    summary = validator.validate(triples)
    severities = [r.severity for r in summary.results]
    assert severities == sorted(severities, key=["Violation", "Warning", "Info"].index)
    assert severities[0] == "Violation" and severities[-1] == "Warning"
    assert summary.results == tuple(sorted(summary.results, key=lambda r: (r.severity != "Violation", r.focus,
                                                                           r.path or "", r.message)))


def test_empty_record_and_untyped_triples_give_nothing(validator: Validator) -> None:
    assert validator.validate([]) == ValidationSummary(True, 0, 0, ())
    untyped = [Triple(NamedNode("http://example.org/x"), SCHEMA.license, Literal("MIT"))]
    assert validator.validate(untyped) == ValidationSummary(True, 0, 0, ())


def test_summary_and_result_are_frozen(validator: Validator) -> None:
    summary = validator.validate(with_text_licence(complete_model("acme/frozen")))
    with pytest.raises(dataclasses.FrozenInstanceError):
        summary.conforms = True  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        summary.results[0].message = "x"  # type: ignore[misc]
    assert isinstance(summary.results, tuple)


def test_integer_counters_in_and_out_of_range(validator: Validator) -> None:
    pid = model_record("acme/counters").pid
    s = NamedNode(pid)
    base = complete_model("acme/counters")
    big = Literal(str(2**100), datatype=XSD.integer)  # xsd:integer is unbounded; big values are fine
    ok = validator.validate(base + [Triple(s, MLFDO.parameterCount, big)])
    assert ok.conforms
    bad = validator.validate(base + [Triple(s, MLFDO.parameterCount, Literal("7000000000", datatype=XSD.double))])
    assert kinds(bad) == {("Violation", MLFDO.parameterCount.value)}


# ------------------------------------------------------------------------------- batches

def test_validate_many_gives_each_record_its_own_results(validator: Validator) -> None:
    records = [complete_model(f"acme/m{i}") for i in range(7)]
    records[2] = with_text_licence(records[2])
    records[5] = model_record("acme/m5", description="").triples[:3]  # type, name, identifier only
    records.insert(3, dataset_record("wikitext").triples)
    summaries = validator.validate_many(records)
    assert len(summaries) == len(records)
    assert summaries == [validator.validate(r) for r in records]
    assert [s.violations for s in summaries] == [0, 0, 2, 0, 0, 0, 0, 0]
    assert summaries[3].warnings == 1  # the dataset stub has no url
    assert summaries[6].warnings == 8  # the bare model misses url, description, licence and five FAIR4ML fields
    for triples, summary in zip(records, summaries):
        subjects = {t.subject.value for t in triples}
        assert {r.focus for r in summary.results} <= subjects


@pytest.mark.parametrize("batch_size", [1, 2, 3, 50])
def test_batch_size_does_not_change_results(batch_size: int) -> None:
    records = [complete_model(f"acme/b{i}") for i in range(9)]
    for i in (0, 4, 8):
        records[i] = with_text_licence(records[i])
    summaries = Validator.default().validate_many(records) if batch_size == 50 else \
        Validator.from_dir(batch_size=batch_size).validate_many(records)
    assert [s.violations for s in summaries] == [2, 0, 0, 0, 2, 0, 0, 0, 2]
    assert all(r.focus == records[i][0].subject.value for i, s in enumerate(summaries) for r in s.results)


def test_two_versions_of_one_pid_in_a_batch_are_validated_apart(validator: Validator) -> None:
    """A stub and a full record of the same PID must not be merged into one graph."""
    full = complete_model("acme/same")
    stub = [t for t in full if t.predicate in (RDF.type, SCHEMA.name, SCHEMA.identifier)]
    broken = with_text_licence(full)
    summaries = validator.validate_many([stub, full, broken, full])
    assert [s.violations for s in summaries] == [0, 0, 2, 0]
    assert summaries[0].warnings == 8 and summaries[1].warnings == 0 and summaries[3].warnings == 0


def test_blank_nodes_of_different_records_stay_apart(validator: Validator) -> None:
    def dataset(name: str, with_identifier: bool) -> list[Triple]:
        b = BlankNode("b0")  # the same label in both records
        triples = [Triple(b, RDF.type, SCHEMA.Dataset), Triple(b, SCHEMA.name, Literal(name)),
                   Triple(b, SCHEMA.url, NamedNode(f"https://example.org/{name}"))]
        return triples + ([Triple(b, SCHEMA.identifier, Literal(name))] if with_identifier else [])

    good, bad = validator.validate_many([dataset("a", True), dataset("b", False)])
    assert good == ValidationSummary(True, 0, 0, ())
    assert [(r.severity, r.focus, r.path) for r in bad.results] == [("Violation", "_:b0", SCHEMA.identifier.value)]


def test_concurrent_calls_get_their_own_results(validator: Validator) -> None:
    records = [complete_model(f"acme/t{i}") for i in range(40)]
    records[::3] = [with_text_licence(r) for r in records[::3]]
    want = validator.validate_many(records)
    got: list[list[ValidationSummary]] = []

    def run() -> None:
        got.append(validator.validate_many(records))

    threads = [threading.Thread(target=run) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert got == [want] * 4


# ---------------------------------------------------------------------------- other shapes

def test_custom_shapes_info_severity_and_shape_message() -> None:
    shapes = SHAPES_PREFIXES + """
    ex:Thing a sh:NodeShape ; sh:targetClass schema:Thing ; sh:property ex:alt .
    ex:alt a sh:PropertyShape ; sh:path schema:alternateName ; sh:minCount 1 ;
        sh:severity sh:Info ; sh:message "an alternate name helps search" .
    """
    validator = Validator(shapes)
    summary = validator.validate([Triple(NamedNode("http://example.org/t"), RDF.type, SCHEMA.Thing)])
    assert summary == ValidationSummary(True, 0, 0, (ValidationResult(
        "Info", "http://example.org/t", SCHEMA.alternateName.value, "an alternate name helps search"),))


def test_custom_target_outside_the_records_subjects_is_still_attributed() -> None:
    """Focus nodes that are objects (sh:targetObjectsOf) make the batch run record by record."""
    shapes = SHAPES_PREFIXES + """
    ex:Licence a sh:NodeShape ; sh:targetObjectsOf schema:license ; sh:nodeKind sh:IRI ;
        sh:message "licences are IRIs" .
    """
    def record(i: int, licence) -> list[Triple]:
        return [Triple(NamedNode(f"http://example.org/m{i}"), SCHEMA.license, licence)]

    records = [record(0, Literal("MIT")), record(1, SPDX.term("MIT")), record(2, Literal("MIT")),
               record(3, Literal("GPL"))]
    summaries = Validator(shapes).validate_many(records)
    assert [s.violations for s in summaries] == [1, 0, 1, 1]
    assert {r.message for s in summaries for r in s.results} == {"licences are IRIs"}


def test_shape_without_message_reports_pyrudofs_message() -> None:
    shapes = SHAPES_PREFIXES + """
    ex:Thing a sh:NodeShape ; sh:targetClass schema:Thing ;
        sh:property [ sh:path schema:name ; sh:minCount 1 ] .
    """
    summary = Validator(shapes).validate([Triple(NamedNode("http://example.org/t"), RDF.type, SCHEMA.Thing)])
    assert summary.violations == 1
    assert summary.results[0].message and not summary.results[0].message.startswith('"')


def test_shapes_that_do_not_parse_raise_value_error(tmp_path) -> None:
    with pytest.raises(ValueError, match="do not parse"):
        Validator("ex:broken a sh:NodeShape")
    (tmp_path / "bad.ttl").write_text("@prefix sh: <http://www.w3.org/ns/shacl#> .\n<a> sh:path\n")
    with pytest.raises(ValueError, match="bad.ttl"):
        Validator.from_dir(tmp_path)
    with pytest.raises(FileNotFoundError):
        Validator.from_dir(tmp_path / "missing")


# --------------------------------------------------------------------- the store's use of it

def test_store_records_the_summary_with_each_version() -> None:
    validator = Validator.default()
    store = Store.open(None, BASE, validator=validator)
    pid = model_record("acme/stored").pid
    record = model_record("acme/stored", licence=None, extra=[Triple(NamedNode(pid), SCHEMA.license, Literal("MIT"))])
    try:
        result = store.ingest(record)
        stored = store.validation_results(record.pid, result.version)
        expected = validator.validate([t for t in record.triples if t.predicate not in (MLFDO.downloads, MLFDO.likes)])
        assert sorted((r["severity"], r["focus"], r["path"], r["message"]) for r in stored) == \
            sorted((r.severity, r.focus, r.path, r.message) for r in expected.results)
        assert ("Violation", SCHEMA.license.value) in {(r["severity"], r["path"]) for r in stored}
        flags = store.query(f"SELECT ?c ?v WHERE {{ GRAPH ?g {{ <{pid}/v/1> <{MLFDO.shaclConforms.value}> ?c ; "
                            f"<{MLFDO.shaclViolations.value}> ?v }} }}")
        assert [(row["c"].value, row["v"].value) for row in flags] == [("false", "1")]
    finally:
        store.close()


def test_default_shapes_pass_spdx_licences(validator: Validator) -> None:
    triples = complete_model("acme/spdx")
    assert (triples[0].subject, SCHEMA.license, SPDX.term("Apache-2.0")) in {(t.subject, t.predicate, t.object)
                                                                              for t in triples}
    assert validator.validate(triples).conforms
