"""Hybrid ranking, filters and facet counts over the test index; expected sets come from the data file."""

from __future__ import annotations

import math

import numpy as np
import pytest

from registry.errors import BadRequest
from registry.search.searcher import SIZE_ORDER_STEP, UNSURE_FLOOR
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


def reference_ranking(searcher, cand, mask, boost=None, pinned=()):
    """Rank as the search describes it, with plain sorts over every slot (no partitions, no candidate arrays)."""
    engine = searcher.engine
    n, dl = engine.size, engine.downloads
    key = {s: 0.0 for s in range(n)}
    member: set[int] = set()
    kw = dense = []
    if cand.kw_ok is not None:
        kw = sorted((s for s in range(n) if cand.kw_ok[s] and mask[s]), key=lambda s: (-cand.kw_scores[s], -dl[s], s))
        assert len(kw) <= 1000  # every match has its own rank (no shared rank for deeper ones)
        # a match on only the words naming a base model a filter applies (the rest score it 0) has no rank
        for rank, s in enumerate((s for s in kw if cand.kw_scores[s] > 0), 1):
            key[s] += 1.0 / (60 + rank)
    dense_key = {s: 0.0 for s in range(n)}
    if cand.sims is not None:
        min_sim = getattr(searcher.index.embedder, "min_sim", 0.25)
        near = [s for s in range(n) if mask[s] and not engine.stub[s] and cand.sims[s] >= min_sim]
        dense = sorted(near, key=lambda s: (-cand.sims[s], s))[:100]
        ranked_kw = [s for s in kw if cand.kw_scores[s] > 0]
        if ranked_kw and dense:
            # as far as the words' best match misses the question's informative words (by idf), a keyword rank
            # counts by the match's score against the best one's too
            held = set(engine.docs[ranked_kw[0]].sparse[0])
            total = sum(idf for _, _, idf in cand.words)
            sure = sum(idf for tid, stem, idf in cand.words if tid in held or stem in held) / total if total else 1.0
            floor = UNSURE_FLOOR + (1.0 - UNSURE_FLOOR) * sure
            for s in ranked_kw:
                key[s] *= floor + (1.0 - floor) * float(cand.kw_scores[s]) / float(cand.kw_scores[ranked_kw[0]])
        weight = getattr(searcher.index.embedder, "dense_weight", 1.0)
        best = max((float(cand.kw_scores[s]) for s in kw), default=0.0)
        for rank, s in enumerate(dense, 1):
            dense_key[s] = weight / (60 + rank)
            if s in kw and s != kw[0] and searcher.index.embedder.yields_to_words:
                # (the static model) a keyword match but the best gets the share of its credit the words leave
                # open, at most what lifts it to the best match's keyword key
                share = float(cand.kw_scores[s]) / best
                dense_key[s] = min(dense_key[s] * (1.0 - share), max(key[kw[0]] - key[s], 0.0))
    member = set(kw) | set(dense)
    if boost is not None:
        pool = [s for s in range(n) if boost[s] > 0 and mask[s]]
        # popularity as the fusion counts it: ranked among the candidates and the boosted (the keyword side ran)
        ranked_dl = sorted((dl[s] for s in member | set(pool) if dl[s] > 0), reverse=True)[:1000]
        popularity = {s: 0.5 / (60 + 1 + sum(d > dl[s] for d in ranked_dl))
                      if cand.kw_ok is not None and dl[s] > 0 and sum(d > dl[s] for d in ranked_dl) < 1000 else 0.0
                      for s in pool}
        # by boost, then the keyword rank, then the dense credit and popularity together, then downloads; in hybrid
        # mode the keyword key counts the dense credit at half its weight and popularity at 0.375 (docs/search.md,
        # "Ranking")
        hybrid = cand.kw_ok is not None and cand.sims is not None
        near, popular = (0.5, 0.375) if hybrid else (0.0, 0.0)
        boosted = sorted(pool, key=lambda s: (-boost[s], -(key[s] + near * dense_key[s] + popular * popularity[s]),
                                              -(popularity[s] + dense_key[s]), -dl[s], s))
    for s in dense:
        key[s] += dense_key[s]
    if boost is not None:
        for rank, s in enumerate(boosted[:100], 1):
            key[s] += 1.0 / (60 + rank)
        member |= set(boosted[:100])
    member -= set(pinned)
    # (while the question means something, a neighbour only the dense side finds and carrying no concept takes none)
    popular = [s for s in member if dl[s] > 0
               and (boost is None or cand.kw_ok is None or s in set(kw) or boost[s] > 0)]
    for rank, s in enumerate(sorted(popular, key=lambda s: (-dl[s], s))[:1000], 1):
        key[s] += 0.5 / (60 + rank)
    order = sorted(member, key=lambda s: (-key[s], -dl[s], s))
    how = ["hybrid" if s in kw and s in dense else "keyword" if s in kw else "semantic" for s in order]
    return order, [key[s] for s in order], how


@pytest.mark.parametrize("query,filters,mode", [("bert", None, "hybrid"), ("text classification", None, "hybrid"),
                                                ("speech", {"licence": ["MIT", "Apache-2.0"]}, "hybrid"),
                                                ("translation model", None, "keyword"),
                                                ("audio transcription", None, "dense"),
                                                # (words that leave part of the question unmatched)
                                                ("classify tweets by mood", None, "hybrid"),
                                                ("speech recognition for noisy meetings", None, "hybrid")])
def test_ranking_over_candidates_equals_plain_sorts_over_every_slot(searcher, query, filters, mode):
    from registry.search.engine import MemoryEngine

    engine: MemoryEngine = searcher.engine
    qu = searcher.understand(query)
    vector = searcher._embed(qu.text) if mode != "keyword" else None
    cand = searcher._candidates(qu, mode, vector)
    mask = engine.mask(filters or {}, {})
    # a boost on one task and, more strongly, on one language: slots outside the keyword and dense lists join
    boost = np.zeros(engine.size, dtype=np.int16)
    for s in range(engine.size):
        facets = engine.docs[s].facets
        boost[s] = (1 if any(k == "text-generation" for k, _ in facets.get("task", [])) else 0) + \
            (2 if any(k == "en" for k, _ in facets.get("language", [])) else 0)
    for with_boost in (None, boost):
        expected, scores, how = reference_ranking(searcher, cand, mask, with_boost)
        ranked = searcher._rank(cand, mask, mask, "", 1000, with_boost)
        assert ranked.slots.tolist() == expected
        assert ranked.scores.tolist() == pytest.approx(scores, rel=1e-12)
        assert [ranked.how(i) for i in range(len(expected))] == how
        assert ranked.total == len(expected) and ranked.members.tolist() == sorted(expected)
        # a membership-only ranking (facet counts) gives the same members
        assert searcher._rank(cand, mask, mask, "", 0, with_boost).members.tolist() == sorted(expected)


def test_ranking_pins_exact_matches_before_the_candidates(searcher):
    engine = searcher.engine
    qu = searcher.understand("whisper-small")
    cand = searcher._candidates(qu, "hybrid", searcher._embed(qu.text))
    mask = engine.alive[:engine.size].copy()
    ranked = searcher._rank(cand, mask, mask, "whisper-small", 1000)
    pinned = engine.exact_slots("whisper-small")
    assert pinned and ranked.slots[:len(pinned)].tolist() == pinned and ranked.how(0) == "exact"
    rest, _, _ = reference_ranking(searcher, cand, mask, pinned=pinned)
    assert ranked.slots[len(pinned):].tolist() == rest
    assert ranked.total == len(rest) + len(pinned) and ranked.members.tolist() == sorted(set(rest) | set(pinned))


def test_an_approximate_size_filters_a_quarter_either_side_and_ranks_the_nearest_first(searcher):
    # about 115M: 92M to 143.75M pass (a factor 1.25 either way), those within 10% (103.5M to 126.5M) come first,
    # the nearest of them before the rest: counts within SIZE_ORDER_STEP (5%, log) of 115M are one size (110M and
    # 118M), the most downloaded of them first (at a 2% step the name-only "7B" counts went before the recorded ones)
    response = searcher.search("Which models have about 115 million parameters?", per_page=50)
    found = names(response)
    assert set(found) == ids_where(params=lambda v: v is not None and 92e6 <= v <= 143.75e6)
    nearest = ids_where(params=lambda v: v is not None and 103.5e6 <= v <= 126.5e6)
    assert len(nearest) < len(found) and set(found[:len(nearest)]) == nearest
    same = ids_where(params=lambda v: v is not None and abs(math.log(v / 115e6)) < SIZE_ORDER_STEP)
    assert len(same) < len(nearest) and set(found[:len(same)]) == same
    downloads = {s["id"]: s.get("downloads", 0) for s in specs()}
    assert [downloads[m] for m in found[:len(same)]] == sorted((downloads[m] for m in same), reverse=True)
