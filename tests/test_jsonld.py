"""JSON-LD with the registry's context: lossless round trips, compaction, offline context resolution."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from pyoxigraph import BlankNode, Literal, NamedNode, RdfFormat, Triple, parse
from rdflib import Graph
from rdflib.compare import isomorphic

from registry.errors import InputError
from registry.paths import SHAPES_DIR
from registry.jsonld import CONTEXT_PATH, from_jsonld, load_context, to_jsonld, to_jsonld_bytes
from registry.vocab import FAIR4ML, MLFDO, NS, RDF, SCHEMA, SPDX, XSD

DATA = Path(__file__).parent / "data"
JSONLD = sorted((DATA / "jsonld").glob("*.jsonld"))
RECORDS = sorted((DATA / "shapes" / "valid").glob("*.ttl")) + sorted((DATA / "shapes" / "invalid").glob("*.ttl"))
SERVED = "http://registry.test/ontology/context.jsonld"
PID = "http://registry.test/fdo/3krpxs3xvfvka"


def turtle(path: Path) -> list[Triple]:
    return [q.triple for q in parse(path=path, format=RdfFormat.TURTLE)]


def as_set(triples) -> set[Triple]:
    return set(triples)


def round_trip(triples: list[Triple], **kwargs) -> list[Triple]:
    return from_jsonld(json.dumps(to_jsonld(triples, **kwargs)))


def node(doc: dict, iri: str) -> dict:
    nodes = doc.get("@graph", [doc])
    return next(n for n in nodes if n.get("@id") == iri)


# ----------------------------------------------------------------------- the context file

def test_context_file_has_the_prefixes() -> None:
    context = json.loads(CONTEXT_PATH.read_text())["@context"]
    for prefix in ("fair4ml", "schema", "codemeta", "prov", "dct", "xsd", "mlfdo", "spdx"):
        assert context[prefix] == NS[prefix]
    assert context["schema"] == "https://schema.org/"
    assert context["fair4ml"] == "https://w3id.org/fair4ml#"


def test_context_coerces_links_dates_and_counters() -> None:
    context = load_context()
    for term in ("license", "url", "sameAs", "mlTask", "sharedBy", "trainedOn", "evaluatedOn", "fineTunedFrom",
                 "hasEvaluation", "evaluatedMLModel", "evaluationDataset", "referencePublication",
                 "quantizedFrom", "adapterOf", "mergedFrom", "isBasedOn"):
        assert context[term]["@type"] == "@id", term
    for term in ("dateCreated", "dateModified", "datePublished", "lastCheckedAt"):
        assert context[term]["@type"] == "xsd:dateTime", term
    for term in ("downloads", "likes", "parameterCount", "versionCount"):
        assert context[term]["@type"] == "xsd:integer", term


def _expand(curie: str, context: dict) -> str:
    prefix, _, local = curie.partition(":")
    return context[prefix] + local


def test_context_terms_in_our_namespaces_are_defined_by_the_ontology() -> None:
    context = load_context()
    ontology = {t.subject.value for path in ("fair4ml.ttl", "mlfdo.ttl")
                for t in turtle(CONTEXT_PATH.parent / path) if t.predicate == RDF.type}
    for term, definition in context.items():
        iri = definition["@id"] if isinstance(definition, dict) else definition
        if ":" in iri and not iri.startswith("http"):
            iri = _expand(iri, context)
        if iri.startswith((NS["fair4ml"], NS["mlfdo"])) and iri not in (NS["fair4ml"], NS["mlfdo"]):
            assert iri in ontology, f"{term} -> {iri} is not defined in ontology/"


def test_context_agrees_with_the_shapes_on_iri_valued_properties() -> None:
    """A property the shapes require to be an IRI must be coerced to @id when it has a term."""
    context = load_context()
    by_iri = {(_expand(d["@id"], context) if isinstance(d, dict) else _expand(d, context)): (t, d)
              for t, d in context.items() if isinstance(d, (str, dict)) and ":" in (d["@id"] if isinstance(d, dict) else d)
              and not (d if isinstance(d, str) else d["@id"]).startswith("http")}
    shapes = [t for p in SHAPES_DIR.glob("*.ttl") for t in turtle(p)]
    iri_shapes = {t.subject for t in shapes if t.predicate.value.endswith("#nodeKind")
                  and t.object.value.endswith("#IRI")}
    paths = {t.object.value for t in shapes if t.subject in iri_shapes and t.predicate.value.endswith("#path")}
    assert paths
    for path in paths:
        if path in by_iri:
            term, definition = by_iri[path]
            assert isinstance(definition, dict) and definition.get("@type") == "@id", term


# -------------------------------------------------------------------------- round trips

@pytest.mark.parametrize("path", JSONLD, ids=lambda p: p.name)
def test_jsonld_rdf_jsonld_rdf_gives_the_same_triples(path: Path) -> None:
    first = from_jsonld(path.read_text(encoding="utf-8"))
    assert len(first) > 5
    doc = to_jsonld(first)
    second = from_jsonld(json.dumps(doc))
    assert as_set(second) == as_set(first)
    assert to_jsonld(second) == doc


@pytest.mark.parametrize("path", RECORDS, ids=lambda p: p.name)
def test_rdf_jsonld_rdf_keeps_every_triple_exactly(path: Path) -> None:
    triples = turtle(path)
    assert as_set(round_trip(triples)) == as_set(triples)


def test_round_trip_with_the_served_context_url() -> None:
    triples = from_jsonld((DATA / "jsonld" / "model.jsonld").read_text())
    doc = to_jsonld(triples, context_url=SERVED)
    assert doc["@context"] == SERVED
    assert as_set(from_jsonld(json.dumps(doc), base_url="http://registry.test")) == as_set(triples)


def test_lexical_forms_survive(tmp_path) -> None:
    s = NamedNode("http://registry.test/fdo/lex")
    literals = [
        Literal("0.9106", datatype=XSD.double), Literal("1.0E3", datatype=XSD.double),
        Literal("007", datatype=XSD.integer), Literal("2024-01-02T03:04:05+00:00", datatype=XSD.dateTime),
        Literal("2024-01-02", datatype=XSD.date), Literal("1", datatype=XSD.boolean),
        Literal("12.50", datatype=XSD.decimal), Literal("x", datatype=NamedNode("http://example.org/dt")),
        Literal("Grüße, 世界", language="de"), Literal("line\nbreak \"quoted\""), Literal(""),
    ]
    triples = [Triple(s, SCHEMA.value, lit) for lit in literals]
    triples += [Triple(s, MLFDO.downloads, Literal("0042", datatype=XSD.integer)),
                Triple(s, SCHEMA.dateCreated, Literal("2024-01-02T03:04:05.120Z", datatype=XSD.dateTime))]
    assert as_set(round_trip(triples)) == as_set(triples)


def test_blank_nodes_round_trip_to_an_isomorphic_graph() -> None:
    s, b = NamedNode("http://registry.test/fdo/bn"), BlankNode("result")
    triples = [Triple(s, FAIR4ML.evaluationResults, b), Triple(b, RDF.type, SCHEMA.PropertyValue),
               Triple(b, SCHEMA.value, Literal("0.5", datatype=XSD.double))]
    back = round_trip(triples)

    def rdflib_graph(ts) -> Graph:
        return Graph().parse(data="".join(f"{t} .\n" for t in ts), format="nt")

    assert len(back) == 3 and isomorphic(rdflib_graph(back), rdflib_graph(triples))


def test_empty_graph() -> None:
    doc = to_jsonld([])
    assert doc["@graph"] == []
    assert from_jsonld(json.dumps(doc)) == []


# --------------------------------------------------------------------------- compaction

def test_model_is_compacted_with_terms() -> None:
    doc = to_jsonld(from_jsonld((DATA / "jsonld" / "model.jsonld").read_text()))
    assert isinstance(doc["@context"], dict) and doc["@context"]["fair4ml"] == NS["fair4ml"]
    model = node(doc, PID)
    assert model["@type"] == "MLModel"
    assert model["name"] == "acme/bert-mini-sst2"
    assert model["license"] == "spdx:Apache-2.0"
    assert model["dateCreated"] == "2023-04-05T06:07:08Z"
    assert model["downloads"] == "48211"
    assert model["gated"] == "false"
    assert model["trainedOn"] == ["http://registry.test/fdo/5fg5zgwfydz5k", "http://registry.test/fdo/k7e5orjjqrwx3"]
    assert model["modelRisksBiasLimitations"] == {"@language": "en",
                                                  "@value": "Inherits the biases of BERT's pre-training data."}
    result = node(doc, PID + "#eval-3f2a9c1b7d0e-result")
    assert result["value"] == {"@type": "xsd:double", "@value": "0.9106"}


def test_values_that_do_not_fit_a_terms_coercion_use_the_full_property() -> None:
    s = NamedNode(PID)
    triples = [Triple(s, SCHEMA.license, Literal("apache-2.0")),
               Triple(s, SCHEMA.dateCreated, Literal("2024-01-02", datatype=XSD.date)),
               Triple(s, MLFDO.downloads, Literal("12.5", datatype=XSD.decimal)),
               Triple(s, SCHEMA.license, SPDX.term("MIT"))]
    doc = to_jsonld(triples)
    assert doc["license"] == "spdx:MIT"
    assert doc["schema:license"] == "apache-2.0"
    assert doc["schema:dateCreated"] == {"@type": "xsd:date", "@value": "2024-01-02"}
    assert doc["mlfdo:downloads"] == {"@type": "xsd:decimal", "@value": "12.5"}
    assert as_set(from_jsonld(json.dumps(doc))) == as_set(triples)


def test_output_does_not_depend_on_triple_order() -> None:
    triples = turtle(DATA / "shapes" / "valid" / "model-complete.ttl")
    shuffled = list(triples)
    random.Random(7).shuffle(shuffled)
    assert to_jsonld(shuffled) == to_jsonld(triples)
    assert to_jsonld_bytes(shuffled) == to_jsonld_bytes(triples)
    assert json.loads(to_jsonld_bytes(triples)) == to_jsonld(triples)


def test_a_caller_context_is_used_instead_of_the_local_one() -> None:
    s = NamedNode(PID)
    context = {"@context": {"title": "https://schema.org/name"}}
    doc = to_jsonld([Triple(s, SCHEMA.name, Literal("x"))], context=context)
    assert doc == {"@context": {"title": "https://schema.org/name"}, "@id": PID, "title": "x"}


# ------------------------------------------------------------------ reading, offline

def test_fair4ml_context_url_reads_with_the_local_context() -> None:
    triples = as_set(from_jsonld((DATA / "jsonld" / "fair4ml-context.jsonld").read_text()))
    s = NamedNode("http://registry.test/fdo/crqvhy2k6iw6w")
    assert Triple(s, RDF.type, FAIR4ML.MLModel) in triples
    assert Triple(s, SCHEMA.license, SPDX.term("Apache-2.0")) in triples
    assert Triple(s, SCHEMA.dateCreated, Literal("2020-03-11T00:00:00Z", datatype=XSD.dateTime)) in triples
    assert all(not t.predicate.value.startswith("http://schema.org/") for t in triples)
    # mlTask is @id-coerced here: a bare "fill-mask" is a relative IRI, dropped without a base IRI...
    assert not any(t.predicate == FAIR4ML.mlTask for t in triples)
    # ...and resolved against it when the caller gives one.
    based = from_jsonld((DATA / "jsonld" / "fair4ml-context.jsonld").read_text(), base_iri="http://registry.test/fdo/")
    assert Triple(s, FAIR4ML.mlTask, NamedNode("http://registry.test/fdo/fill-mask")) in based


@pytest.mark.parametrize("context", [
    SERVED, "https://mlfdo.example.org/ontology/context.jsonld", "https://w3id.org/fair4ml#",
    "https://w3id.org/fair4ml/0.1.0", [SERVED, {"ex": "http://example.org/"}],
])
def test_context_references_that_stand_for_the_local_file(context) -> None:
    doc = {"@context": context, "@id": PID, "@type": "MLModel", "name": "x", "license": "spdx:MIT"}
    triples = as_set(from_jsonld(json.dumps(doc)))
    assert triples == {Triple(NamedNode(PID), RDF.type, FAIR4ML.MLModel),
                       Triple(NamedNode(PID), SCHEMA.name, Literal("x")),
                       Triple(NamedNode(PID), SCHEMA.license, SPDX.term("MIT"))}


def test_nested_context_is_substituted_too() -> None:
    doc = {"@context": {"ex": "http://example.org/"}, "@graph": [
        {"@context": SERVED, "@id": PID, "downloads": "5"}]}
    assert from_jsonld(json.dumps(doc)) == [Triple(NamedNode(PID), MLFDO.downloads, Literal("5", datatype=XSD.integer))]


@pytest.mark.parametrize("text, match", [
    ('{"@context": "https://example.org/other-context.jsonld", "name": "x"}', "JSON-LD"),
    ('{"@context": "http://elsewhere.test/ontology/context.jsonld", "@id": "http://x/1", "name": "x"}', "JSON-LD"),
    ("{not json", "not JSON"),
    ('{"@context": {"schema": "https://schema.org/"}, "@id": "http://x/g", '
     '"@graph": [{"@id": "http://x/1", "schema:name": "x"}]}', "JSON-LD"),
])
def test_unreadable_documents_raise_input_error_without_network(text: str, match: str) -> None:
    with pytest.raises(InputError, match=match):
        from_jsonld(text, base_url="http://registry.test")
