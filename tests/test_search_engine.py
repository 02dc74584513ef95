"""The in-process engine's counting and scoring paths, checked against counts made directly from the documents."""

from __future__ import annotations

import math
import random
from collections import Counter

import numpy as np
import pytest

from datetime import datetime, timezone

from registry.search.document import IndexDoc
from registry.search.engine import MemoryEngine, _top_set
from registry.search.facets import TERM_FACETS
from registry.search.searcher import _concept_key, _first_boosted, _merge
from registry.search.text import term_id

TASKS = ["text-classification", "translation", "summarization", "fill-mask", "object-detection"]
LANGS = ["en", "de", "fr", "es"]
LICENCES = ["MIT", "Apache-2.0", "CC-BY-4.0"]


def make_docs(n: int, seed: int = 1, prefix: str = "d") -> list[IndexDoc]:
    rng = random.Random(seed)
    docs = []
    for i in range(n):
        facets = {"task": [(t, t) for t in rng.sample(TASKS, rng.choice([0, 1, 1, 2]))],
                  "language": [(c, c) for c in rng.sample(LANGS, rng.choice([0, 1, 2]))],
                  "licence": [(rng.choice(LICENCES),) * 2] if rng.random() < 0.7 else [],
                  "kind": [("model", "Model")]}
        doc = IndexDoc(pid=f"http://x/fdo/{prefix}{i}", version=1, kind="model", name=f"{prefix}{i}",
                       facets={k: v for k, v in facets.items() if v}, params=float(rng.choice([1e7, 5e8, 3e9])),
                       date=rng.uniform(1.5e9, 1.75e9) if rng.random() < 0.8 else None)
        words = ["common"] + (["rare"] if i % 7 == 0 else [])
        doc.sparse = ([term_id(w) for w in words], [1.0] * len(words))
        docs.append(doc)
    return docs


def vectors(n: int, dim: int = 8) -> np.ndarray:
    rows = np.random.default_rng(0).standard_normal((n, dim)).astype(np.float32)
    return rows / np.linalg.norm(rows, axis=1, keepdims=True)


@pytest.fixture()
def engine():
    docs = make_docs(400)
    eng = MemoryEngine(8)
    eng.upsert(docs, vectors(len(docs)))
    # re-index a few under new slots: their old slots must not be counted
    eng.upsert(make_docs(400)[:30], vectors(30))
    return eng


def direct_counts(engine: MemoryEngine, slots, facet: str) -> Counter:
    return Counter(key for s in slots for key, _ in engine.docs[s].facets.get(facet, []))


@pytest.mark.parametrize("share", [0.01, 0.1, 0.5, 1.0])
def test_facet_counts_match_the_documents_for_small_and_large_result_sets(engine, share):
    rng = np.random.default_rng(3)
    member = engine.alive[:engine.size] & (rng.random(engine.size) < share)
    chosen = np.flatnonzero(member)
    for facet in ("task", "language"):
        expected = direct_counts(engine, chosen, facet)
        counted = engine.facet_counts(member, facet, limit=50)
        assert {key: n for key, _, n in counted} == dict(expected)
        # the result set's slots passed in give the same counts
        assert engine.facet_counts(member, facet, limit=50, slots=chosen) == counted


def test_facet_counts_skip_reindexed_slots(engine):
    member = engine.alive[:engine.size].copy()
    counted = {key: n for key, _, n in engine.facet_counts(member, "task", limit=50)}
    live_docs = [engine.docs[s] for s in range(engine.size) if engine.alive[s]]
    assert len(live_docs) == 400
    assert counted == dict(Counter(key for d in live_docs for key, _ in d.facets.get("task", [])))


def test_range_counts_with_slots_match_the_mask(engine):
    member = engine.alive[:engine.size].copy()
    member[::3] = False
    slots = np.flatnonzero(member)
    assert engine.range_counts(member, "params", slots) == engine.range_counts(member, "params")
    expected = Counter("<100M" if engine.docs[s].params < 1e8 else "100M-1B" if engine.docs[s].params < 1e9 else "1B-10B"
                       for s in slots)
    assert dict(engine.range_counts(member, "params")) == dict(expected)


def test_keyword_idf_follows_deletions(engine):
    rare = term_id("rare")
    scores, _ = engine.keyword_scores({rare: 1.0}, 1)
    live = engine.alive[:engine.size]
    holders = [engine.docs[s].pid for s in np.flatnonzero((scores > 0) & live)]
    df, alive = len(holders), len(engine)
    assert scores.max() == pytest.approx(math.log(1 + (alive - df + 0.5) / (df + 0.5)), rel=1e-5)
    engine.delete(holders[: df // 2])
    scores, _ = engine.keyword_scores({rare: 1.0}, 1)
    df2, alive2 = df - df // 2, len(engine)
    assert int(np.count_nonzero((scores > 0) & engine.alive[:engine.size])) == df2
    assert scores.max() == pytest.approx(math.log(1 + (alive2 - df2 + 0.5) / (df2 + 0.5)), rel=1e-5)


def test_first_boosted_equals_a_full_sort_by_boost_key_downloads_then_slot():
    rng = np.random.default_rng(7)
    for _ in range(200):
        n = int(rng.integers(1, 500))
        boost = rng.integers(0, 4, n).astype(np.int16)
        key = np.round(rng.random(n), 1) * float(rng.choice([1.0, 0.0]))  # many ties
        downloads = rng.integers(0, 3, n).astype(float)
        boosted = np.flatnonzero(boost > 0)
        limit = int(rng.integers(1, 60))
        expected = sorted(boosted.tolist(), key=lambda s: (-boost[s], -key[s], -downloads[s], s))[:limit]
        assert _first_boosted(boosted, boost[boosted], key[boosted], downloads[boosted], limit).tolist() == expected


def test_a_popular_neighbour_passes_near_equal_keyword_matches_in_the_hybrid_concept_list():
    # three boosted FDOs at one level: two keyword matches of a frame word at ranks 1 and 2 (RRF k = 60), downloaded
    # by few, and a model the words match at rank 3, the most downloaded of the candidates and the dense side's
    # first neighbour (static model: 0.25 / 61)
    boosted = np.array([4, 9, 12])
    words = np.array([1 / 61, 1 / 62, 1 / 63])
    popular = np.array([0.5 / 62, 0.5 / 63, 0.5 / 61])
    near = np.array([0.0, 0.0, 0.25 / 61])
    meaning = popular + near
    levels, downloads = np.array([2, 2, 2]), np.array([900.0, 800.0, 2e6])
    hybrid = _first_boosted(boosted, levels, _concept_key(words, near, popular, True), downloads, then=meaning)
    assert hybrid.tolist() == [12, 4, 9]
    # keyword-only (no dense side) keeps the words first; the meaning orders only those the words rank alike
    alone = _first_boosted(boosted, levels, _concept_key(words, near, popular, False), downloads, then=meaning)
    assert alone.tolist() == [4, 9, 12]
    # a keyword match far above the rest keeps its place before the popular neighbour
    far = np.array([1 / 61 + 0.01, 1 / 62, 1 / 63])
    assert _first_boosted(boosted, levels, _concept_key(far, near, popular, True), downloads, then=meaning)[0] == 4


def test_a_near_neighbour_passes_a_popular_model_the_words_rank_alike_in_the_hybrid_concept_list():
    # two boosted FDOs at one level the words rank alike (the same keyword key): one the most downloaded of the
    # candidates (popularity rank 1, weight 0.5, RRF k = 60) and no neighbour, the other downloaded by few and a
    # neighbour standing out (dense credit 0.45 / 61, a little under the first rank's 1 / 61 at the static
    # model's weight 0.5); the popularity key counts for less than the dense credit, so the near one goes first
    boosted = np.array([3, 7])
    words = np.array([1 / 70, 1 / 70])
    popular = np.array([0.5 / 61, 0.0])
    near = np.array([0.0, 0.45 / 61])
    levels, downloads = np.array([1, 1]), np.array([3e6, 40.0])
    key = _concept_key(words, near, popular, True)
    assert key[1] > key[0]
    assert _first_boosted(boosted, levels, key, downloads, then=popular + near).tolist() == [7, 3]
    # a popularity key twice as large (a model downloaded far more, its rank credit doubled) still goes first
    key = _concept_key(words, near, 2 * popular, True)
    assert _first_boosted(boosted, levels, key, downloads, then=2 * popular + near).tolist() == [3, 7]


def test_compaction_keeps_keyword_scores_and_facet_counts(engine):
    common, rare = term_id("common"), term_id("rare")

    def by_pid():
        scores, ok = engine.keyword_scores({common: 1.0, rare: 1.0}, 1)
        live = engine.alive[:engine.size]
        return {engine.docs[s].pid: float(scores[s]) for s in np.flatnonzero(live & ok)}

    before = by_pid()
    counts = engine.facet_counts(engine.alive[:engine.size].copy(), "task", limit=50)
    assert engine.dead == 30
    engine.compact()
    assert engine.dead == 0 and engine.size == 400
    assert by_pid() == before
    assert engine.facet_counts(engine.alive[:engine.size].copy(), "task", limit=50) == counts


@pytest.mark.parametrize("share", [0.01, 0.1, 0.6, 1.0])
def test_all_facets_counted_in_one_pass_match_the_documents(engine, share):
    rng = np.random.default_rng(5)
    member = engine.alive[:engine.size] & (rng.random(engine.size) < share)
    chosen = np.flatnonzero(member)
    counted = engine.facets_counts(chosen, TERM_FACETS, limit=50)
    for facet in TERM_FACETS:
        assert {key: n for key, _, n in counted[facet]} == dict(direct_counts(engine, chosen, facet)), facet
        # the same values in the same order as counting that facet alone
        assert counted[facet] == engine.facet_counts(member, facet, limit=50), facet


def test_facet_counts_in_one_pass_add_included_values_beyond_the_limit(engine):
    chosen = np.flatnonzero(engine.alive[:engine.size])
    direct = direct_counts(engine, chosen, "task")
    least = min(direct, key=direct.get)
    counted = engine.facets_counts(chosen, ["task"], limit=2, include={"task": (least,)})["task"]
    assert [n for _, _, n in counted[:2]] == sorted(direct.values(), reverse=True)[:2]
    assert counted[2:] == [(least, least, direct[least])]


def test_year_counts_match_the_documents(engine):
    member = engine.alive[:engine.size].copy()
    member[::4] = False
    slots = np.flatnonzero(member)
    expected = Counter(str(datetime.fromtimestamp(engine.docs[s].date, timezone.utc).year)
                       for s in slots if engine.docs[s].date is not None)
    counted = engine.range_counts(member, "date")
    assert dict(counted) == dict(expected)
    assert [year for year, _ in counted] == sorted(expected, reverse=True)
    assert engine.range_counts(None, "date", slots) == counted


def test_range_counts_follow_new_documents(engine):
    before = dict(engine.range_counts(engine.alive[:engine.size].copy(), "params"))
    extra = make_docs(5, seed=9, prefix="n")
    engine.upsert(extra, vectors(5))
    after = dict(engine.range_counts(engine.alive[:engine.size].copy(), "params"))
    added = Counter("<100M" if d.params < 1e8 else "100M-1B" if d.params < 1e9 else "1B-10B" for d in extra)
    assert after == {k: before.get(k, 0) + added.get(k, 0) for k in set(before) | set(added)}


def test_merge_inserts_new_slots_in_order_and_says_where():
    rng = np.random.default_rng(11)
    for _ in range(200):
        slots = np.unique(rng.integers(0, 300, int(rng.integers(0, 80))))
        extra = rng.choice(300, int(rng.integers(0, 30)), replace=False)
        merged, added = _merge(slots, extra)
        assert merged.tolist() == sorted(set(slots.tolist()) | set(extra.tolist()))
        assert sorted(merged[added].tolist()) == sorted(set(extra.tolist()) - set(slots.tolist()))


def test_facet_counts_in_one_pass_count_slots_with_many_values(engine):
    # a few FDOs with far more values than the others: their codes beyond the table's width are counted apart
    many = make_docs(3, seed=9, prefix="many")
    for i, doc in enumerate(many):
        doc.facets["language"] = [(f"x{i}-{j}", f"x{i}-{j}") for j in range(40)] + [("en", "en")]
    engine.upsert(many, vectors(3))
    codes = engine._facet_codes()
    assert len(codes.over_slots) == 3 and codes.table.shape[1] < 40
    rng = np.random.default_rng(2)
    for share in (0.05, 0.5, 1.0):
        chosen = np.flatnonzero(engine.alive[:engine.size] & (rng.random(engine.size) < share))
        chosen = np.union1d(chosen, [engine.slot_of[d.pid] for d in many[:2]])
        counted = engine.facets_counts(chosen, TERM_FACETS, limit=1000)
        for facet in TERM_FACETS:
            assert {key: n for key, _, n in counted[facet]} == dict(direct_counts(engine, chosen, facet)), facet


def test_top_set_is_the_set_of_a_full_partition():
    rng = np.random.default_rng(3)
    for n, k in ((1000, 10), (20_000, 64), (100_000, 4000), (300_000, 8000)):
        for ties in (False, True):
            values = rng.standard_normal(n).astype(np.float32)
            if ties:  # a few values repeated around the k-th largest
                kth = np.sort(values)[n - k]
                values[rng.choice(n, 20, replace=False)] = kth
            # with ties at the k-th value, which of them are kept is the full partition's choice: the same here
            assert _top_set(values, k).tolist() == np.sort(np.argpartition(-values, k - 1)[:k]).tolist()


def test_facet_counts_in_one_pass_with_more_values_than_uint16_holds(engine):
    # 70,000 distinct datasets on one FDO: the codes no longer fit in uint16, and its row overflows
    wide = make_docs(1, seed=11, prefix="wide")[0]
    wide.facets["dataset"] = [(f"set-{j}", f"set-{j}") for j in range(70_000)]
    engine.upsert([wide], vectors(1))
    codes = engine._facet_codes()
    assert codes.table.dtype == np.int32 and codes.values > 2**16
    chosen = np.flatnonzero(engine.alive[:engine.size])[::3]
    chosen = np.union1d(chosen, [engine.slot_of[wide.pid]])
    counted = engine.facets_counts(chosen, TERM_FACETS, limit=100_000)
    for facet in TERM_FACETS:
        assert {key: n for key, _, n in counted[facet]} == dict(direct_counts(engine, chosen, facet)), facet


def test_common_words_alone_are_no_match_when_the_querys_own_words_are_absent(engine):
    common, rare, absent = term_id("common"), term_id("rare"), term_id("nowhere-in-the-index")
    live = engine.alive[:engine.size]
    # "common" is in every FDO (more than a third): alone it matches them all
    _, ok = engine.keyword_scores({common: 1.0}, 1)
    assert int(np.count_nonzero(ok & live)) == len(engine)
    # beside a word no FDO holds, it matches none: the keyword side has nothing to say
    _, ok = engine.keyword_scores({common: 1.0, absent: 1.0}, 1)
    assert not np.any(ok & live)
    # an uncommon term standing in for the absent word (an expansion) still matches what it matches
    scores, ok = engine.keyword_scores({common: 1.0, absent: 1.0, rare: 0.4}, 1)
    rare_slots = {s for s in np.flatnonzero(live) if term_id("rare") in engine.docs[s].sparse[0]}
    assert set(np.flatnonzero(ok & live).tolist()) == rare_slots and rare_slots


def test_spread_is_mean_and_deviation_over_fdos_with_a_meaning(engine):
    sims = np.random.default_rng(11).random(engine.size).astype(np.float32)
    engine.set_stubs({engine.docs[s].pid: True for s in np.flatnonzero(engine.alive[:engine.size])[:40]})
    usable = engine.alive[:engine.size] & ~engine.stub[:engine.size]
    mean, sd = engine.spread(sims)
    assert mean == pytest.approx(float(sims[usable].mean()), rel=1e-5)
    assert sd == pytest.approx(float(sims[usable].std()), rel=1e-5)
    small = MemoryEngine(8)
    small.upsert(make_docs(20), vectors(20))
    assert small.spread(np.ones(20, dtype=np.float32)) is None  # too few FDOs to say how a query's similarities spread


class _StandingOut:
    """The embedder settings the dense fusion reads (the static model's attributes)."""

    dense_weight, min_z, full_z = 0.25, 2.0, 6.0


def test_dense_neighbours_score_by_how_far_they_stand_out_not_by_rank():
    from registry.search.engine import Candidates
    from registry.search.searcher import RRF_K, _dense_key

    sims = np.array([0.9, 0.6, 0.5, 0.45], dtype=np.float32)
    dense = np.arange(4)
    # the same ranks under two spreads: far above the mean, the first scores as the first rank did
    apart = _dense_key(Candidates(None, None, sims, spread=(0.3, 0.1)), dense, _StandingOut())
    assert apart[0] == pytest.approx(0.25 / (RRF_K + 1))  # 6 deviations above the mean
    assert apart[1] == pytest.approx(0.25 / (RRF_K + 1) * 0.25)  # 3 deviations: a quarter of the way
    assert apart[3] == 0.0  # 1.5 deviations: below min_z, it scores nothing
    # where every neighbour is alike, no rank earns a neighbour anything
    alike = _dense_key(Candidates(None, None, sims, spread=(0.8, 0.2)), dense, _StandingOut())
    assert not alike.any()
    # without a known spread (a small index), reciprocal ranks as before
    ranked = _dense_key(Candidates(None, None, sims), dense, _StandingOut())
    assert ranked.tolist() == pytest.approx([0.25 / (RRF_K + r) for r in range(1, 5)])


def test_document_frequencies_count_alive_holders_after_reindexing_and_deletions(engine):
    # 400 documents, 30 re-indexed under new slots: each still counts once; "rare" is held by every 7th
    holders = [f"http://x/fdo/d{i}" for i in range(400) if i % 7 == 0]
    total, found = engine.document_frequencies(["rare", "common", "absent", "rare"])
    assert (total, found) == (400, {"rare": len(holders), "common": 400, "absent": 0})
    engine.delete(holders[:10])
    assert engine.document_frequencies(["rare"]) == (390, {"rare": len(holders) - 10})


def test_sorted_unique_returns_each_value_once_in_ascending_order():
    from registry.search.engine import sorted_unique

    values = np.array([7, 3, 7, 1, 3, 3, 9], dtype=np.int64)
    assert sorted_unique(values).tolist() == [1, 3, 7, 9]
    assert sorted_unique(np.array([], dtype=np.int64)).tolist() == []
    assert sorted_unique(np.array([5])).tolist() == [5]
