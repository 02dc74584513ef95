"""Hybrid ranking, filters and facet counts over the test index; expected sets come from the data file."""

from __future__ import annotations

import pytest

from registry.errors import BadRequest
from tests.data.search.records import make_registry, make_searcher, specs


@pytest.fixture(scope="module")
def searcher():
    registry = make_registry(None)
    yield make_searcher(registry)
    registry.close()


def ids_where(**conditions) -> set[str]:
    """Return the model ids of the data file that meet every condition (a predicate per field)."""
    return {s["id"] for s in specs() if all(test(s.get(field)) for field, test in conditions.items())}


def names(response) -> list[str]:
    return [hit.name for hit in response.results]


def test_exact_identifier_ranks_first(searcher):
    response = searcher.search("google-bert/bert-base-uncased")
    assert response.results[0].name == "google-bert/bert-base-uncased"
    assert response.results[0].match == "exact"


def test_exact_short_name_ranks_first(searcher):
    assert searcher.search("whisper-small").results[0].name == "openai/whisper-small"


def test_semantic_match_without_shared_words(searcher):
    top = names(searcher.search("write down what people say in audio", understand=False))[:2]
    assert set(top) == {"openai/whisper-small", "facebook/wav2vec2-base-960h"}


def test_keyword_mode_and_dense_mode_rank_differently_but_both_find_the_obvious(searcher):
    for mode in ("keyword", "dense", "hybrid"):
        response = searcher.search("sentiment of tweets", mode=mode, understand=False)
        assert "cardiffnlp/twitter-roberta-base-sentiment-latest" in names(response)[:3], mode
        assert response.mode == mode


def test_filters_combine_or_within_and_across_facets(searcher):
    response = searcher.search("", {"licence": ["MIT"], "language": ["de", "fr"]}, per_page=50)
    expected = ids_where(licence=lambda v: v == "MIT", languages=lambda v: bool(set(v or []) & {"de", "fr"}))
    assert set(names(response)) == expected and response.total == len(expected)


def test_parameter_range_filter(searcher):
    response = searcher.search("", {"params": ["<100M"]}, per_page=50)
    assert set(names(response)) == ids_where(params=lambda v: v is not None and v < 1e8)


def test_date_filter(searcher):
    response = searcher.search("", {"date": ["2023"]}, per_page=50)
    assert set(names(response)) == ids_where(created=lambda v: v.startswith("2023"))


def test_facet_counts_are_those_of_the_result_set(searcher):
    response = searcher.search("", {"task": ["text-classification"]})
    facets = {f.name: {v.value: v.count for v in f.values} for f in response.facets}
    chosen = [s for s in specs() if "text-classification" in s["task"]]
    expected_licences: dict[str, int] = {}
    for s in chosen:
        expected_licences[s["licence"]] = expected_licences.get(s["licence"], 0) + 1
    assert facets["licence"] == expected_licences
    assert facets["language"] == {"en": 2, "de": 1}


def test_counts_of_a_filtered_facet_show_the_alternatives(searcher):
    response = searcher.search("", {"task": ["text-classification"]})
    task = next(f for f in response.facets if f.name == "task")
    counts = {v.value: (v.count, v.selected) for v in task.values}
    assert counts["text-classification"] == (3, True)
    assert counts["summarization"] == (2, False)


def test_facets_cover_the_graph_properties(searcher):
    response = searcher.search("llama")
    facets = {f.name for f in response.facets}
    assert {"task", "licence", "library", "language", "author", "base_model", "platform", "params", "date"} <= facets


def test_pages_partition_the_result_set(searcher):
    first = searcher.search("language model", per_page=4, understand=False)
    seen = []
    for page in range(1, first.pages + 1):
        seen += names(searcher.search("language model", per_page=4, page=page, understand=False))
    assert len(seen) == len(set(seen)) == first.total


def test_results_carry_pid_score_snippet_kind(searcher):
    hit = searcher.search("named entity recognition").results[0]
    assert hit.name == "dslim/bert-base-NER"
    assert hit.pid.startswith("http://registry.test/fdo/") and hit.kind == "model"
    assert hit.score > 0 and "entit" in hit.snippet


@pytest.mark.parametrize("kwargs", [{"filters": {"colour": ["red"]}}, {"filters": {"params": ["lots"]}},
                                    {"per_page": 0}, {"page": 0}, {"mode": "magic"}])
def test_bad_requests_raise(searcher, kwargs):
    with pytest.raises(BadRequest):
        searcher.search("bert", **kwargs)
