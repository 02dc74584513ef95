"""Data sets as concepts (``datasets.ttl``): a question naming a data set in words or describing what it holds reads a
boost on the models trained on it or named after it (``ConceptIndex``, facet ``data-set``); one common word of a data
set's id names none; the data set's FDO says what it is."""

from __future__ import annotations

import gzip
import json

import pytest
from pyoxigraph import RdfFormat, parse

from harvesters.huggingface.snapshot import demo_snapshot_dir
from harvesters.vocabularies import VOCABULARY_DIR, concept_records
from harvesters.vocabularies.harvest import SKOS
from tests.factories import BASE, concepts_searcher, dataset_pid, dataset_record, model_doing, model_pid

DATASETS = VOCABULARY_DIR / "datasets.ttl"

TRAINED = {
    "acme/tiny-solver": ("text-generation", "openai/gsm8k"),
    "acme/law-digest": ("summarization", "billsum"),
    "acme/voice-lj": ("text-to-speech", "ljspeech"),
    "acme/swahili-chat": ("text-generation", "masakhane/african-ultrachat"),
    "acme/dup-finder": ("sentence-similarity", "embedding-data/QQP"),
    "acme/orca-dpo-a": ("text-generation", "HuggingFaceH4/orca_dpo_pairs"),
    "acme/orca-dpo-b": ("text-generation", "argilla/distilabel-intel-orca-dpo-pairs"),
    "acme/zephyr-like": ("text-generation", "HuggingFaceH4/ultrafeedback_binarized"),
    "acme/wav-pretrained": ("automatic-speech-recognition", "MLCommons/unsupervised_peoples_speech"),
    "acme/sd-tuned": ("text-to-image", "generator"),
}


@pytest.fixture(scope="module")
def searcher():
    trained = TRAINED
    records = [model_doing(name, task, datasets=(data,), downloads=5, description="A fine-tuned model.")
               for name, (task, data) in trained.items()]
    records += [dataset_record(data) for _, data in trained.values()]
    # named after a benchmark no model lists as its data
    records.append(model_doing("acme/llama-chat-mmlu-tuned", "text-generation", downloads=1, description="An adapter."))
    # popular models doing the same jobs, trained on other data of the same kind or on nothing named
    decoys = {"text-generation": "HuggingFaceH4/ultrachat_200k", "summarization": "xsum", "text-to-speech":
              "common_voice", "sentence-similarity": "embedding-data/simple-wiki", "text-to-image": "coco",
              "automatic-speech-recognition": "librispeech_asr"}
    records += [model_doing(f"acme/{task}-{i}", task, downloads=100000 + i, description="A fine-tuned model.",
                            datasets=(data,) if i % 2 else ())
                for task, data in decoys.items() for i in range(6)]
    records += [dataset_record(data) for data in decoys.values()]
    yield from concepts_searcher(records)


def _top(searcher, query: str, n: int = 3) -> list[str]:
    return [h.pid for h in searcher.search(query, per_page=n).results]


def _read(searcher, query: str) -> set[str]:
    return {v for r in searcher.understand(query).recognised if r.facet == "dataset" and r.applied for v in r.values}


@pytest.mark.parametrize("query, name", [
    ("Is there a model tuned on school maths word problems?", "acme/tiny-solver"),
    ("anything that learned from summaries of legislation?", "acme/law-digest"),
    ("A voice for my app trained on one speaker reading books", "acme/voice-lj"),
    ("a chatbot tuned on conversations translated into African languages", "acme/swahili-chat"),
    ("which embedders were trained on duplicate questions from Quora?", "acme/dup-finder"),
])
def test_a_data_set_described_in_other_words_puts_the_models_trained_on_it_first(searcher, query, name):
    assert TRAINED[name][1] in _read(searcher, query)  # read as the data set, a boost on its models
    assert _top(searcher, query, 1) == [model_pid(name)]


@pytest.mark.parametrize("query, names", [
    ("Which models were preference-tuned with the orca dpo pairs?", ["acme/orca-dpo-a", "acme/orca-dpo-b"]),
    ("Did anyone align a chat model with UltraFeedback?", ["acme/zephyr-like"]),
])
def test_a_data_set_named_by_its_ids_words_or_another_name_puts_its_models_first(searcher, query, names):
    assert set(_top(searcher, query, len(names))) == {model_pid(n) for n in names}


def test_a_benchmark_a_model_is_named_after_counts_as_its_data(searcher):
    u = searcher.understand("Has anyone fine-tuned Llama on the Massive Multitask Language Understanding questions?")
    assert "cais/mmlu" in _read(searcher, u.query)
    assert _top(searcher, u.query, 1) == [model_pid("acme/llama-chat-mmlu-tuned")]


@pytest.mark.parametrize("query", [
    "Which speech recognisers were trained on people talking in meetings?",
    "a model trained on speech",
    "an image generator tuned on portraits of people",
    "the best image generator for logos",
])
def test_one_common_word_of_a_data_sets_id_names_no_data_set(searcher, query):
    assert not _read(searcher, query) & {"MLCommons/unsupervised_peoples_speech", "generator"}


def test_the_data_set_boost_is_shown_and_removable(searcher):
    query = "Is there a model tuned on school maths word problems?"
    read = [r for r in searcher.understand(query).recognised if r.facet == "dataset"]
    assert read and read[0].mode == "boost" and read[0].label == "trained on: GSM8K"
    kept = searcher.search(query, per_page=10)
    dropped = searcher.search(query, per_page=10, drop={"dataset"})
    assert not any(r.facet == "dataset" for r in dropped.recognised)
    score = {h.pid: h.score for h in dropped.results}.get(model_pid("acme/tiny-solver"), 0.0)
    assert score < kept.results[0].score


def test_every_data_set_the_snapshot_names_is_a_concept_and_its_record_conforms():
    ids = set()
    with gzip.open(demo_snapshot_dir() / "models.jsonl.gz", "rt") as f:
        for line in f:
            ids |= {t[len("dataset:"):] for t in json.loads(line).get("tags") or [] if t.startswith("dataset:")}
    notations = {t.object.value for t in parse(DATASETS.read_bytes(), format=RdfFormat.TURTLE)
                 if t.predicate.value == SKOS + "notation"}
    assert len(ids) > 300 and ids <= notations
    records = {r.platform_id: r for r in concept_records(BASE) if r.platform == "hf-dataset"}
    gsm8k = records["openai/gsm8k"]
    assert gsm8k.pid == dataset_pid("openai/gsm8k") and gsm8k.kind == "dataset"
    from registry.validate import Validator
    for record, summary in zip(records.values(), Validator.default().validate_many([r.triples for r in records.values()])):
        assert summary.conforms, (record.platform_id, summary)


def test_the_landing_page_of_a_data_set_shows_its_definition_and_languages():
    from registry.web import create_app
    from tests.factories import vocabulary_registry

    registry = vocabulary_registry()
    registry.store.ingest_many([dataset_record("mlsum"), model_doing("acme/news-digest", "summarization",
                                                                     datasets=("mlsum",))])
    try:
        client = create_app({"REGISTRY": registry, "TESTING": True, "SPARQL_ISOLATION": "thread"}).test_client()
        path = "/fdo/" + dataset_pid("mlsum").rsplit("/", 1)[-1]
        page = client.get(path, headers={"Accept": "text/html"}).get_data(as_text=True)
        assert "News articles in five languages" in page and "Summarisation" in page and "news-digest" in page
        assert "MLSUM" in page  # its label, an alternate name beside its id
        doc = client.get(path, headers={"Accept": "application/ld+json"}).get_json()
        text = json.dumps(doc)
        assert "News articles in five languages" in text and '"de"' in text and '"es"' in text
    finally:
        registry.close()

