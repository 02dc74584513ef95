"""The one FDO read model: an FDO is titled and its links labelled the same on its landing page, in
chat facts and in its search index document; evaluations are read one way."""

from __future__ import annotations

from datetime import datetime, timezone
from html.parser import HTMLParser

import pytest
from pyoxigraph import Literal, NamedNode, Triple

from registry.chat.facts import gather
from registry.fdo.model import read_fdos
from registry.search.document import build_docs, indexed_versions
from registry.store import Store
from registry.vocab import FAIR4ML, MLFDO, RDF, SCHEMA, XSD
from tests.factories import BASE, dataset_record, model_pid, model_record

T0 = datetime(2025, 1, 1, tzinfo=timezone.utc)


class Heading(HTMLParser):
    """The text of a page's first <h1>."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.text, self._in, self._done = "", False, False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self._in = tag == "h1" and not self._done

    def handle_endtag(self, tag):
        if tag == "h1" and self._in:
            self._in, self._done = False, True

    def handle_data(self, data):
        if self._in:
            self.text += data


def _index_doc(store: Store, pid: str):
    items = indexed_versions(store)
    [doc] = build_docs(store, [items[pid]])
    return doc


@pytest.mark.parametrize("fdo", ["base_lm", "quantized", "wikitext"])
def test_an_fdo_has_one_title_on_its_page_in_chat_and_in_search(client, populated_registry, ids, fdo):
    # the fixture names these FDOs apart from their identifiers ("base-lm" vs "acme/base-lm")
    expected = {"base_lm": "base-lm", "quantized": "base-lm-gguf", "wikitext": "wikitext"}[fdo]
    store = populated_registry.store
    pid = store.pid(getattr(ids, fdo))
    page = client.get(f"/fdo/{getattr(ids, fdo)}", headers={"Accept": "text/html"}).get_data(as_text=True)
    assert Heading(page).text.strip() == expected
    assert gather(store, [pid])[pid].name == expected
    assert _index_doc(store, pid).name == expected


def test_a_link_is_labelled_the_same_on_the_page_in_chat_and_in_search(client, populated_registry, ids):
    store = populated_registry.store
    pid = store.pid(ids.quantized)
    page = client.get(f"/fdo/{ids.quantized}", headers={"Accept": "text/html"}).get_data(as_text=True)
    assert "quantized from" in page and f'href="/fdo/{ids.base_lm}">base-lm<' in page
    assert gather(store, [pid])[pid].bases[0][1].label == "base-lm"
    assert dict(_index_doc(store, pid).facets["base_model"]) == {"acme/base-lm": "base-lm"}


def test_derived_models_read_the_same_relation_label_on_the_page_and_in_chat(client, populated_registry, ids):
    store = populated_registry.store
    pid = store.pid(ids.base_lm)
    page = client.get(f"/fdo/{ids.base_lm}", headers={"Accept": "text/html"}).get_data(as_text=True)
    derived = {rel: [r.label for r in sample] for rel, _, sample in gather(store, [pid])[pid].derived}
    assert derived == {"fine-tuned as": ["base-lm-finetuned"], "quantized as": ["base-lm-gguf"]}
    for rel, labels in derived.items():
        # The page's lineage list groups derived models under the same relation label chat uses.
        section = page.split(f'<summary><span class="rel">{rel}</span>', 1)[1].split("</details>", 1)[0]
        assert f">{labels[0]}</a>" in section


@pytest.fixture
def store() -> Store:
    return Store.open(None, BASE)


def _evaluation(pid: str, name: str, metric_name: str, metric_id: str, value: str) -> list[Triple]:
    """A Hugging Face style evaluation: the result in its own node."""
    s, node, result = NamedNode(pid), NamedNode(f"{pid}#eval-{name}"), NamedNode(f"{pid}#eval-{name}-result")
    return [Triple(s, FAIR4ML.hasEvaluation, node), Triple(node, RDF.type, FAIR4ML.MLModelEvaluation),
            Triple(node, FAIR4ML.evaluatedMLModel, s), Triple(node, SCHEMA.name, Literal(f"{metric_name} on data")),
            Triple(node, FAIR4ML.evaluationMetrics, Literal(metric_name)),
            Triple(node, MLFDO.evaluationDatasetName, Literal("squad")),
            Triple(node, MLFDO.datasetSplit, Literal("validation")),
            Triple(node, FAIR4ML.evaluationResults, result), Triple(result, RDF.type, SCHEMA.PropertyValue),
            Triple(result, SCHEMA.name, Literal(metric_name)), Triple(result, SCHEMA.propertyID, Literal(metric_id)),
            Triple(result, SCHEMA.value, Literal(value, datatype=XSD.double))]


def test_evaluations_are_parsed_once_for_page_and_chat(store):
    pid = model_pid("acme/reader")
    store.ingest(model_record("acme/reader", extra=_evaluation(pid, "em", "Exact Match", "exact_match", "81.25")),
                 now=T0)
    [evaluation] = read_fdos(store, [pid])[pid].evaluations
    assert (evaluation.metric, evaluation.metric_id, evaluation.value) == ("Exact Match", "exact_match", "81.25")
    assert evaluation.text() == "Exact Match 81.25 on squad (validation)"
    assert gather(store, [pid])[pid].attribute("evaluation") == "Exact Match 81.25 on squad (validation)"


def test_a_web_style_evaluation_names_its_metric_in_chat(populated_registry, ids):
    store = populated_registry.store
    pid = store.pid(ids.base_lm)
    assert gather(store, [pid])[pid].attribute("evaluation") == "accuracy 0.81 on glue; perplexity 12.5 on wikitext"


def test_title_falls_back_to_identifier_then_id(store):
    pid = model_pid("acme/nameless")
    record = model_record("acme/nameless")
    record.triples[:] = [t for t in record.triples if t.predicate != SCHEMA.name]
    store.ingest(record, now=T0)
    fdo = read_fdos(store, [pid])[pid]
    assert fdo.name == "acme/nameless"
    assert gather(store, [pid])[pid].name == "acme/nameless" and _index_doc(store, pid).name == "acme/nameless"


def test_read_fdos_leaves_out_unknown_and_withdrawn_pids_and_labels_links(store):
    store.ingest_many([dataset_record("corpus"), model_record("acme/a", datasets=("corpus",)), model_record("acme/b")],
                      now=T0)
    store.withdraw(model_pid("acme/b"), "gone", now=T0)
    fdos = read_fdos(store, [model_pid("acme/a"), model_pid("acme/b"), model_pid("nobody/none")])
    assert list(fdos) == [model_pid("acme/a")]
    fdo = fdos[model_pid("acme/a")]
    assert (fdo.kind, fdo.status, fdo.name, fdo.identifier) == ("model", "active", "a", "acme/a")
    [corpus] = fdo.trained_on
    assert (corpus.label, corpus.kind, corpus.status, corpus.local) == ("corpus", "dataset", "stub", True)
    assert corpus.href.startswith("/fdo/")
    [licence] = fdo.licences
    assert (licence.label, licence.key) == ("Apache-2.0", "Apache-2.0")
    assert licence.href == "https://spdx.org/licenses/Apache-2.0" and not licence.local
    assert fdo.downloads == 10 and fdo.likes == 1 and fdo.created.startswith("2024-01-02")


def test_every_lineage_kind_has_its_labels_once():
    from registry.relations import LINEAGE, derived_phrase, lineage_by_label

    assert {k.forwards for k in LINEAGE.values()} == {"fine-tuned from", "quantized from", "adapter of", "merged from"}
    for kind in LINEAGE.values():
        assert lineage_by_label(kind.backwards) is kind
    assert derived_phrase("has adapter") == "adapters of" and derived_phrase("has adapter", 1) == "an adapter of"
    assert derived_phrase("fine-tuned as", 1) == "fine-tuned from"
    assert derived_phrase("not a relation") == "not a relation"


def test_chat_names_one_derived_adapter_in_the_singular():
    from registry.chat import get_chat
    from tests.data.chat.fixture import chat_registry

    registry = chat_registry()
    try:
        answer = get_chat(registry).ask("Which models are derived from meta-llama/Llama-2-7b-hf?")
        assert "1 model is an adapter of" in answer.text
        assert "quantized from" in answer.text
    finally:
        registry.close()
