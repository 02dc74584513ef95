"""SHACL shapes as data: every shape file parses, and example records give exactly their declared results
(with pyrudof, the validator ingest uses, and with pySHACL as the reference it is cross-checked against)."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pyshacl
import pytest
import rdflib
from pyoxigraph import Literal, NamedNode, RdfFormat, parse

from registry.validate import SHAPES_DIR, Validator
from registry.vocab import NS, RDF, SH

EXAMPLES = Path(__file__).parent / "data" / "shapes"
SHAPE_FILES = sorted(SHAPES_DIR.glob("*.ttl"))
VALID = sorted((EXAMPLES / "valid").glob("*.ttl"))
INVALID = sorted((EXAMPLES / "invalid").glob("*.ttl"))
_EXPECT = re.compile(r"^#\s*expect:\s*(Violation|Warning|Info)\s+(\S+)\s*$")


@pytest.fixture(scope="module")
def validator() -> Validator:
    return Validator.default()


def compact(iri: str | None) -> str:
    if iri is None:
        return "-"
    for prefix, ns in NS.items():
        if iri.startswith(ns):
            return f"{prefix}:{iri[len(ns):]}"
    return iri


def expected(path: Path) -> Counter:
    found = Counter()
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.lstrip().startswith("#") and "expect" in line:
            match = _EXPECT.match(line.strip())
            assert match, f"{path.name}: malformed expectation line {line!r}"
            found[(match.group(1), match.group(2))] += 1
    return found


def validate_file(validator: Validator, path: Path):
    triples = [q.triple for q in parse(path=path, format=RdfFormat.TURTLE)]
    summary = validator.validate(triples)
    return summary, Counter((r.severity, compact(r.path)) for r in summary.results)


def shape_triples():
    for path in SHAPE_FILES:
        yield from (q.triple for q in parse(path=path, format=RdfFormat.TURTLE))


# ---------------------------------------------------------------- the shape files themselves

def test_shape_files_exist() -> None:
    names = {p.stem for p in SHAPE_FILES}
    assert {"common", "mlmodel", "evaluation", "dataset", "article", "agent", "term", "licence"} <= names


@pytest.mark.parametrize("path", SHAPE_FILES, ids=lambda p: p.name)
def test_shape_file_parses(path: Path) -> None:
    triples = list(parse(path=path, format=RdfFormat.TURTLE))
    assert triples, f"{path.name} is empty"


def test_every_property_shape_is_named_with_one_message_and_a_severity() -> None:
    triples = list(shape_triples())
    property_shapes = {t.subject for t in triples if t.predicate == RDF.type and t.object == SH.PropertyShape}
    assert len(property_shapes) > 50
    for shape in property_shapes:
        assert isinstance(shape, NamedNode), "property shapes are named so results can be traced to them"
        messages = [t.object for t in triples if t.subject == shape and t.predicate == SH.message]
        severities = [t.object for t in triples if t.subject == shape and t.predicate == SH.severity]
        assert len(messages) == 1 and isinstance(messages[0], Literal), shape
        assert severities in ([SH.Violation], [SH.Warning]), shape


def test_property_shapes_referenced_from_node_shapes_are_defined() -> None:
    triples = list(shape_triples())
    defined = {t.subject for t in triples if t.predicate == RDF.type and t.object == SH.PropertyShape}
    referenced = {t.object for t in triples if t.predicate == SH.property}
    assert referenced == defined


def test_shapes_target_by_class_only() -> None:
    """Results are given to records by focus node, which works because focus nodes are typed subjects."""
    triples = list(shape_triples())
    targets = {t.predicate for t in triples if t.predicate.value.startswith(str(SH) + "target")}
    assert targets == {SH.targetClass}
    classes = {compact(t.object.value) for t in triples if t.predicate == SH.targetClass}
    assert classes == {"fair4ml:MLModel", "fair4ml:MLModelEvaluation", "schema:PropertyValue", "schema:Dataset",
                       "schema:ScholarlyArticle", "schema:Organization", "schema:Person", "schema:DefinedTerm",
                       "schema:CreativeWork"}


def test_examples_exist() -> None:
    assert len(VALID) >= 8 and len(INVALID) >= 12


# ------------------------------------------------------------------------- example records

@pytest.mark.parametrize("path", VALID, ids=lambda p: p.name)
def test_valid_example_conforms_with_declared_warnings(validator: Validator, path: Path) -> None:
    want = expected(path)
    assert all(severity != "Violation" for severity, _ in want), "valid examples declare no violation"
    summary, got = validate_file(validator, path)
    assert summary.conforms
    assert summary.violations == 0
    assert got == want
    assert summary.warnings == sum(n for (severity, _), n in want.items() if severity == "Warning")


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.name)
def test_invalid_example_gives_declared_results(validator: Validator, path: Path) -> None:
    want = expected(path)
    assert any(severity == "Violation" for severity, _ in want), "invalid examples declare a violation"
    summary, got = validate_file(validator, path)
    assert not summary.conforms
    assert got == want
    assert summary.violations == sum(n for (severity, _), n in want.items() if severity == "Violation")


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.name)
def test_invalid_example_messages_come_from_the_shapes(validator: Validator, path: Path) -> None:
    messages = {t.object.value for t in shape_triples() if t.predicate == SH.message}
    summary, _ = validate_file(validator, path)
    for result in summary.results:
        assert result.message in messages


def test_date_message_is_the_shapes_not_pyrudofs_generic_one(validator: Validator) -> None:
    summary, _ = validate_file(validator, EXAMPLES / "invalid" / "model-dates.ttl")
    assert {r.message for r in summary.results} == {
        f"schema:{p} must be a valid xsd:dateTime or xsd:date literal"
        for p in ("dateCreated", "dateModified", "datePublished")}


def test_evaluation_results_name_the_evaluation_node(validator: Validator) -> None:
    summary, _ = validate_file(validator, EXAMPLES / "invalid" / "model-evaluation.ttl")
    by_path = {compact(r.path): r.focus for r in summary.results if r.severity == "Violation"}
    base = "http://registry.test/fdo/m"
    assert by_path == {"fair4ml:hasEvaluation": base, "fair4ml:evaluatedMLModel": f"{base}#eval-1",
                       "fair4ml:evaluationDataset": f"{base}#eval-1", "schema:value": f"{base}#eval-2-result"}


# ------------------------------------------------ pySHACL as a second, reference validator

@pytest.fixture(scope="module")
def shapes_graph() -> rdflib.Graph:
    graph = rdflib.Graph()
    for path in SHAPE_FILES:
        graph.parse(path, format="turtle")
    return graph


def pyshacl_results(shapes_graph, path: Path) -> tuple[bool, Counter]:
    """Validate an example with pySHACL; return (conforms, Counter of (severity, path))."""
    data = rdflib.Graph().parse(path, format="turtle")
    conforms, report, _ = pyshacl.validate(data, shacl_graph=shapes_graph, inference="none", advanced=False,
                                           allow_warnings=True)
    sh = rdflib.Namespace(str(SH))
    got = Counter()
    for result in report.subjects(rdflib.RDF.type, sh.ValidationResult):
        severity = str(report.value(result, sh.resultSeverity)).rsplit("#", 1)[-1]
        result_path = report.value(result, sh.resultPath)
        got[(severity, compact(str(result_path)) if result_path is not None else "-")] += 1
    return conforms, got


@pytest.mark.parametrize("path", VALID + INVALID, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_pyshacl_and_pyrudof_agree_on_every_example(validator: Validator, shapes_graph, path: Path) -> None:
    summary, got = validate_file(validator, path)
    conforms, reference = pyshacl_results(shapes_graph, path)
    assert reference == got == expected(path)
    assert conforms == summary.conforms
