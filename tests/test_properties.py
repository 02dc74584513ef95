"""Property-based tests (hypothesis): card parsing and the FAIR4ML transform, the JSON-LD round trip,
content negotiation. Example counts are bounded so `make test` stays quick; raise them with
HYPOTHESIS_PROFILE=long."""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st
from pyoxigraph import Literal, NamedNode, Triple

from harvesters.huggingface.cards import parse_card
from harvesters.huggingface.transform import transform
from registry.jsonld import from_jsonld, to_jsonld_bytes
from registry.negotiation import parse_accept
from registry.validate import Validator
from tests.data.hf.helpers import BASE

settings.register_profile("default", max_examples=60, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
settings.register_profile("long", max_examples=2000, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

# JSON-like values the Hub could send, of any shape (text without control and line-break characters,
# which YAML itself does not round-trip; test_parse_card_never_raises_on_any_text covers those).
words = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), max_size=40)
json_values = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | words,
                           lambda inner: st.lists(inner, max_size=4) | st.dictionaries(words, inner,
                                                                                         max_size=4), max_leaves=20)
card_keys = st.sampled_from(["license", "license_name", "license_link", "datasets", "language", "tags",
                             "base_model", "base_model_relation", "pipeline_tag", "library_name", "model-index",
                             "co2_eq_emissions", "model_name", "metrics", "widget"])
card_data = st.dictionaries(card_keys, json_values, max_size=8)
model_ids = st.from_regex(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,12}/[A-Za-z0-9][A-Za-z0-9_.-]{0,20}", fullmatch=True)
api_records = st.fixed_dictionaries({"id": model_ids}, optional={
    "sha": json_values, "tags": json_values | st.lists(st.text(max_size=30), max_size=10),
    "pipeline_tag": json_values, "library_name": json_values, "downloads": json_values, "likes": json_values,
    "createdAt": json_values | st.datetimes().map(lambda d: d.isoformat() + "Z"),
    "lastModified": json_values, "cardData": card_data | json_values, "gated": json_values,
    "author": json_values, "siblings": json_values})
markdown = st.lists(st.sampled_from(["# Title", "## Intended use", "## Limitations", "text with *stars*",
                                     "<script>x</script>", "[l](javascript:x)", "---", "```", "| a | b |",
                                     "\x00", "- item", ""]) | st.text(max_size=80), max_size=12).map("\n".join)


@given(st.text(max_size=2000))
def test_parse_card_never_raises_on_any_text(text):
    card = parse_card(text)
    assert card.metadata is None or isinstance(card.metadata, dict)
    assert all(isinstance(p, str) for p in card.problems)


@given(card_data, markdown)
def test_parse_card_reads_front_matter_it_can_and_reports_what_it_cannot(meta, body):
    import yaml

    text = "---\n" + yaml.safe_dump(meta, allow_unicode=True) + "---\n\n" + body
    card = parse_card(text)
    assert (card.metadata or {}) == meta or card.problems


@pytest.fixture(scope="module")
def validator():
    return Validator.default()


@settings(max_examples=40)
@given(api_records, st.none() | markdown)
def test_transform_never_raises_and_output_conforms_or_carries_a_problem(validator, info, card):
    records = transform(info, card, base_url=BASE)
    assert records, "a record with a usable id always gives its model record"
    model = records[0]
    assert all(t.subject.value == model.pid or t.subject.value.startswith(model.pid + "#") for t in model.triples)
    summary = validator.validate(model.triples)
    assert summary.conforms or model.problems, [r.message for r in summary.results]


iris = st.from_regex(r"https://example\.org/[a-z]{1,8}(#[a-z0-9]{1,6})?", fullmatch=True).map(NamedNode)
predicates = st.sampled_from(["https://schema.org/name", "https://schema.org/description",
                              "https://w3id.org/fair4ml#mlTask", "https://example.org/p/x",
                              "https://schema.org/keywords"]).map(NamedNode)
literals = (st.text(max_size=40).map(Literal)
            | st.tuples(st.text(max_size=20), st.sampled_from(["en", "de", "fr-ca"])).map(
                lambda t: Literal(t[0], language=t[1]))
            | st.integers(-10**6, 10**6).map(lambda i: Literal(str(i), datatype=NamedNode(
                "http://www.w3.org/2001/XMLSchema#integer")))
            | st.sampled_from(["2024-01-02T03:04:05Z", "1999-12-31T23:59:59+02:00"]).map(
                lambda d: Literal(d, datatype=NamedNode("http://www.w3.org/2001/XMLSchema#dateTime"))))
graphs = st.lists(st.builds(Triple, iris, predicates, iris | literals), min_size=1, max_size=15)


def _canonical(triples) -> set[str]:
    return {str(t) for t in triples}


@given(graphs)
def test_jsonld_round_trip_keeps_every_triple(triples):
    text = to_jsonld_bytes(triples)
    assert _canonical(from_jsonld(text)) == _canonical(triples)


media = st.sampled_from(["text/html", "application/ld+json", "text/turtle", "application/n-triples",
                         "application/rdf+xml", "application/json", "*/*", "text/*", "application/*", "image/png",
                         "text/plain", "application/xml", "application/linkset", "application/linkset+json"])
accept_item = st.tuples(media | st.text(alphabet=st.characters(min_codepoint=33, max_codepoint=126), max_size=12),
                        st.none() | st.floats(0, 1).map(lambda q: f"{q:.3f}") | st.text(
                            alphabet="0123456789.-abc", max_size=5)).map(
    lambda t: t[0] + (f";q={t[1]}" if t[1] is not None else ""))
accepts = st.lists(accept_item, max_size=5).map(", ".join) | st.text(
    alphabet=st.characters(min_codepoint=32, max_codepoint=126), max_size=60)
LANDING_TYPES = {"text/html", "application/ld+json", "text/turtle", "application/n-triples", "application/rdf+xml",
                 "application/json", "application/linkset", "application/linkset+json", "application/xhtml+xml"}


@settings(max_examples=150)
@given(accepts)
def test_any_accept_header_gets_200_with_an_offered_type_or_406(client, ids, accept):
    response = client.get(f"/fdo/{ids.base_lm}", headers={"Accept": accept})
    assert response.status_code in (200, 406), (accept, response.status_code)
    if response.status_code == 200:
        assert response.mimetype in LANDING_TYPES, (accept, response.mimetype)
        assert "Accept" in response.headers.get("Vary", "")
    else:
        assert response.mimetype == "application/problem+json"
    parse_accept(accept)  # the parser itself never raises
