"""Natural-language query understanding over the test index (real MiniLM, Qdrant local mode in memory)."""

from __future__ import annotations

import pytest

from tests.data.search.records import make_registry, make_searcher, specs


@pytest.fixture(scope="module")
def searcher():
    registry = make_registry(None)
    yield make_searcher(registry)
    registry.close()


def applied(understanding) -> dict[str, set[str]]:
    return {r.facet: set(r.values) for r in understanding.recognised if r.applied}


CASES = [
    ("small Apache-licensed German sentence-embedding model",
     {"licence": {"Apache-2.0"}, "language": {"de"}, "task": {"sentence-similarity", "feature-extraction"},
      "kind": {"model"}}),
    ("MIT licensed NER model", {"licence": {"MIT"}, "task": {"token-classification"}, "kind": {"model"}}),
    ("summarise news articles in English", {"task": {"summarization"}, "language": {"en"}}),
    ("speech recognition from 2022", {"task": {"automatic-speech-recognition"}, "date": {"2022"}}),
    ("models under 500M parameters", {"kind": {"model"}, "params": {"<500M"}}),
    ("between 100M and 1B parameters", {"params": {"100M-1B"}}),
    ("at least 7B parameters", {"params": {">=7B"}}),
    ("fine-tuned from llama", {"base_model": {"meta-llama/Llama-2-7b-hf", "meta-llama/Meta-Llama-3-8B"}}),
    ("quantized version of llama 2", {"base_model": {"meta-llama/Llama-2-7b-hf"}}),
    ("models trained on squad_v2", {"kind": {"model"}, "dataset": {"squad_v2"}}),
    ("question answering by deepset", {"task": {"question-answering"}, "author": {"deepset"}}),
    ("transformers models in French", {"library": {"transformers"}, "kind": {"model"}, "language": {"fr"}}),
    ("sentence-transformers embeddings", {"library": {"sentence-transformers"},
                                          "task": {"sentence-similarity", "feature-extraction"}}),
    ("anything under the llama 2 license", {"licence": {"llama2"}}),
    ("openrail image generation", {"licence": {"openrail++"}, "task": {"text-to-image"}}),
    ("text classification models released since 2023", {"task": {"text-classification"}, "kind": {"model"},
                                                         "date": {">=2023"}}),
    ("multilingual sentence similarity", {"language": {"multilingual"}, "task": {"sentence-similarity"}}),
    ("token-classification", {"task": {"token-classification"}}),
]


@pytest.mark.parametrize("query, expected", CASES, ids=[c[0] for c in CASES])
def test_understand_recognises_constraints(searcher, query, expected):
    assert applied(searcher.understand(query)) == expected


def test_understand_removes_size_and_date_words_from_the_matching_text(searcher):
    u = searcher.understand("speech recognition models under 500M parameters from 2022")
    assert u.text == "speech recognition models"
    assert applied(u)["params"] == {"<500M"} and applied(u)["date"] == {"2022"}


def test_understand_turns_weak_hints_into_suggestions_not_filters(searcher):
    u = searcher.understand("small text classification model for commercial use")
    assert "params" not in applied(u) and "licence" not in applied(u)
    suggested = {(s.facet, s.value) for s in u.suggested}
    assert ("params", "<500M") in suggested
    assert {("licence", "MIT"), ("licence", "Apache-2.0"), ("licence", "CC-BY-4.0")} <= suggested
    assert ("licence", "llama2") not in suggested


def test_understand_reports_a_value_the_index_lacks_without_applying_it(searcher):
    u = searcher.understand("Swahili speech recognition")
    [lang] = [r for r in u.recognised if r.facet == "language"]
    assert not lang.applied and "sw" in lang.note
    assert applied(u) == {"task": {"automatic-speech-recognition"}}


def test_understand_expands_abbreviations(searcher):
    u = searcher.understand("ner for tweets")
    assert "named entity recognition" in u.expansions
    assert "twitter" in u.expansions


def test_search_relaxes_recognised_filters_that_match_nothing_together(searcher):
    response = searcher.search("only MIT licensed object detection")
    assert response.total > 0
    assert response.notes and not any(r.applied for r in response.recognised if r.mode == "filter")
    assert {("licence", "MIT"), ("task", "object-detection")} <= {(s.facet, s.value) for s in response.suggested}


def test_task_read_from_loose_words_boosts_and_never_filters(searcher):
    response = searcher.search("MIT licensed object detection")
    task = next(r for r in response.recognised if r.facet == "task")
    assert task.mode == "boost" and task.applied
    assert "task" not in response.filters and response.filters["licence"] == ["MIT"]
    assert response.total > 0 and not response.notes


def test_only_or_must_turns_a_loose_task_into_a_filter(searcher):
    for query in ("only object detection models", "it must do object detection"):
        task = next(r for r in searcher.understand(query).recognised if r.facet == "task")
        assert task.mode == "filter", query


def test_language_read_from_the_query_keeps_models_that_state_none(searcher):
    response = searcher.search("German object detection")
    assert response.results[0].name == "facebook/detr-resnet-50"  # no language in its metadata
    assert not response.notes
    assert "language" in response.filters and "task" not in response.filters  # a language is named exactly
    assert "task" in {r.facet for r in response.recognised if r.mode == "boost"}


def test_removed_constraint_is_neither_filter_nor_boost(searcher):
    response = searcher.search("German object detection", drop={"language"})
    assert "language" not in {r.facet for r in response.recognised}


def test_search_with_only_constraints_lists_what_passes_them(searcher):
    response = searcher.search("between 100M and 1B parameters", per_page=50)
    assert response.total > 0
    assert all(1e8 <= hit.params < 1e9 for hit in response.results)


def test_explicit_filter_wins_over_the_one_read_from_the_query(searcher):
    response = searcher.search("MIT licensed speech recognition model", {"licence": ["Apache-2.0"]}, per_page=50)
    assert response.filters["licence"] == ["Apache-2.0"]
    names = {hit.name for hit in response.results}
    assert {"openai/whisper-small", "facebook/wav2vec2-base-960h"} <= names  # both Apache-2.0, neither MIT
    assert all("Apache-2.0" in hit.licences for hit in response.results)


def test_follow_up_questions_offer_filters_that_split_the_results(searcher):
    response = searcher.search("model")
    assert 1 <= len(response.questions) <= 3
    for q in response.questions:
        assert q.question.endswith("?") and len(q.options) >= 2
        assert all(o.count > 0 for o in q.options)
    facets = {q.facet for q in response.questions}
    assert "task" in facets


def test_understand_false_applies_no_filter_from_the_text(searcher):
    response = searcher.search("MIT licensed NER model", understand=False)
    assert response.filters == {}
    assert response.results[0].name == "dslim/bert-base-NER"


def test_the_words_left_for_matching_are_the_questions_topic_without_its_frame(searcher):
    assert searcher.understand("Which model can turn speech into text?").text == "turn speech into text"
    assert searcher.understand("Do you have a model that summarises news?").text == "summarises news"
    # a task named with a frame word keeps it; a question that is all frame is searched as asked
    assert searcher.understand("question answering models").text == "question answering models"
    asked = searcher.search("Which model can summarise news?", mode="keyword")
    plain = searcher.search("summarise news", mode="keyword")
    assert [h.pid for h in asked.results] == [h.pid for h in plain.results]


def test_a_language_read_from_the_query_ranks_the_models_stating_it_before_those_stating_none(searcher):
    hits = searcher.search("image classification in German", per_page=50).results
    assert hits[0].name == "google/vit-base-patch16-224"  # the image classifier, though it states no language
    # a model stating no language and doing something else comes after every model stating German
    german = {s["id"] for s in specs() if "de" in (s.get("languages") or [])}
    at = {hit.name: i for i, hit in enumerate(hits)}
    assert german & set(at)
    assert all(at[name] < at.get("stabilityai/stable-diffusion-2-1", len(hits)) for name in german & set(at))


def test_a_model_reading_sentences_embeds_the_whole_question_a_static_one_the_topic(searcher):
    from registry.search.static import StaticEmbedder

    u = searcher.understand("Which model can turn speech into text?")
    assert u.text == "turn speech into text" and u.sentence == "Which model can turn speech into text?"
    assert searcher._dense_text(u) == u.sentence  # the test index embeds with MiniLM, which reads in context
    assert not StaticEmbedder.reads_questions  # the default static model averages words: it embeds u.text
    assert searcher.understand("turn speech into text").sentence == ""  # no frame: the topic is the sentence
