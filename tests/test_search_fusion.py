"""How the hybrid fusion weighs the dense side against the words (docs/search.md, "Ranking").

The per-query scores (keyword scores, similarities and their spread, boosts) are set by hand over
an index of records of this module's own, so each test states exactly the evidence it fuses.
"""

from __future__ import annotations

import numpy as np
import pytest

from registry.search.engine import Candidates
from registry.search.searcher import POPULARITY_WEIGHT, RRF_K, UNSURE_FLOOR
from registry.search.text import term_id
from tests.data.search.records import pid_of, specs_searcher

SPECS = [{"id": f"fusion-test/{name}", "task": ["text-classification"], "licence": "MIT", "created": "2024-03-01",
          "description": f"Test record {name}: sorts short texts into a few labels.", "downloads": downloads}
         for name, downloads in (("words-best", 0), ("words-second", 0), ("neighbour", 0),
                                 ("popular", 1000), ("faint-1", 30), ("faint-2", 20), ("faint-3", 10))]


@pytest.fixture(scope="module")
def searcher():
    yield from specs_searcher(SPECS)


def slot(searcher, name: str) -> int:
    return searcher.engine.slot_of[pid_of(f"fusion-test/{name}")]


def evidence(searcher, keyword: dict[str, float], similar: dict[str, float]) -> Candidates:
    """Return one query's candidates: keyword scores and similarities by record name, spread (0, 0.1)."""
    n = searcher.engine.size
    kw_scores, sims = np.zeros(n, dtype=np.float32), np.zeros(n, dtype=np.float32)
    for name, score in keyword.items():
        kw_scores[slot(searcher, name)] = score
    for name, sim in similar.items():
        sims[slot(searcher, name)] = sim
    return Candidates(kw_scores, kw_scores > 0, sims, spread=(0.0, 0.1))


def ranked_names(searcher, cand: Candidates, boost: np.ndarray | None = None) -> tuple[list[str], dict[str, float]]:
    engine = searcher.engine
    mask = engine.alive[:engine.size].copy()
    ranked = searcher._rank(cand, mask, mask, "", 10, boost)
    names = [engine.docs[s].name.split("/")[1] for s in ranked.slots]
    return names, dict(zip(names, ranked.scores.tolist()))


def test_dense_credit_does_not_reorder_the_words_best_matches(searcher):
    # every record below stands far out of the query's similarities (8.5-9 deviations: the full credit);
    # the words rank "words-best" first, "words-second" a hair below, "neighbour" half as high
    cand = evidence(searcher, {"words-best": 10.0, "words-second": 9.9, "neighbour": 5.0},
                    {"words-best": 0.9, "words-second": 0.9, "neighbour": 0.9, "popular": 0.85})
    names, scores = ranked_names(searcher, cand)
    full = searcher.index.embedder.dense_weight / (RRF_K + 1)
    # the words' best match keeps its credit: both sides agree on it
    assert names[0] == "words-best" and scores["words-best"] == pytest.approx(1 / (RRF_K + 1) + full)
    # a match the words rank almost as high gets the share the words leave open (1%)
    assert scores["words-second"] == pytest.approx(1 / (RRF_K + 2) + 0.01 * full)
    # half the words' score leaves half the credit open, but it lifts the match no higher than the best
    # match's keyword key
    assert scores["neighbour"] == pytest.approx(1 / (RRF_K + 1))
    # a record the words miss keeps all of its credit (and its popularity)
    assert scores["popular"] == pytest.approx(full + POPULARITY_WEIGHT / (RRF_K + 1))
    assert names == ["words-best", "neighbour", "words-second", "popular"]



def test_unsure_words_rank_a_weak_match_by_its_score_too(searcher):
    # the words' best match holds one of the question's three informative words, by idf ("sorts"; no record
    # says "quokka" or "zeppelin"); a second match scores a tenth of it; a popular record only the dense side finds
    cand = evidence(searcher, {"words-best": 10.0, "words-second": 1.0}, {"words-best": 0.9, "popular": 0.9})
    cand.words = tuple((term_id(word), None, 1.0) for word in ("sort", "quokka", "zeppelin"))
    names, scores = ranked_names(searcher, cand)
    floor = UNSURE_FLOOR + (1 - UNSURE_FLOOR) / 3
    assert scores["words-second"] == pytest.approx((floor + (1 - floor) * 0.1) / (RRF_K + 2))
    assert scores["words-best"] == pytest.approx(1 / (RRF_K + 1) + searcher.index.embedder.dense_weight / (RRF_K + 1))
    assert names == ["words-best", "popular", "words-second"]
    # words that hold the whole question keep the plain ranks: the weak match stays above the neighbour
    cand.words = ((term_id("sort"), None, 1.0),)
    names, scores = ranked_names(searcher, cand)
    assert scores["words-second"] == pytest.approx(1 / (RRF_K + 2))
    assert names == ["words-best", "words-second", "popular"]


def test_boosted_fdos_the_words_rank_alike_go_by_popularity_before_a_faint_neighbour(searcher):
    # every test record carries what the question means (one boost level); the words match none of them;
    # three stand barely out of the query's similarities (1.56-1.6 deviations: a faint credit)
    boost = np.zeros(searcher.engine.size, dtype=np.int16)
    for spec in SPECS:
        boost[slot(searcher, spec["id"].split("/")[1])] = 1
    cand = evidence(searcher, {}, {"faint-1": 0.16, "faint-2": 0.158, "faint-3": 0.156})
    cand.kw_ok = np.zeros(searcher.engine.size, dtype=bool)  # the keyword side ran and matched nothing
    names, scores = ranked_names(searcher, cand, boost)
    # the most downloaded goes first (the faint neighbours' credit no longer goes before any download count)
    assert names[0] == "popular"
    assert scores["popular"] == pytest.approx(1 / (RRF_K + 1) + POPULARITY_WEIGHT / (RRF_K + 1))
    assert names[1:4] == ["faint-1", "faint-2", "faint-3"]


def test_popularity_key_of_the_boosted_equals_ranking_every_candidate_by_downloads():
    from registry.search.searcher import POPULARITY_K, _popularity_key

    rng = np.random.default_rng(3)
    candidates = np.floor(rng.pareto(1.2, 40_000) * 100)  # many zeros and ties, more than POPULARITY_K with downloads
    others = np.floor(rng.pareto(1.2, 3_000) * 100)
    target = np.concatenate([candidates[:500], others[:500], [0.0, 1e12]])
    everyone = np.sort(np.concatenate([candidates, others])[np.concatenate([candidates, others]) > 0])[::-1]
    ranks = np.array([np.count_nonzero(everyone > t) + 1 for t in target])
    expected = np.where((target > 0) & (ranks <= POPULARITY_K), POPULARITY_WEIGHT / (RRF_K + ranks), 0.0)
    assert _popularity_key(target, candidates, others).tolist() == expected.tolist()


BRUSHWORK = "fusion-test/brushwork-diffusion-3"
DERIVED = [("brushwork-diffusion-3-lora", 900, "A LoRA fine-tune of Brushwork Diffusion 3, tuned on Brushwork Diffusion 3 samples."),
           ("brushwork-diffusion-3-ink", 400, "Brushwork Diffusion 3 fine-tuned further for ink drawings of city streets."),
           ("harbour-dusk", 60, "Paints harbours and fishing boats at dusk."),
           ("whisker-sketches", 3, "Learned from a few hundred pencil sketches gathered over one summer; short prompts work "
                                "best, longer ones drift towards plain shading, and what it draws most readily is cats.")]


@pytest.fixture(scope="module")
def derived_searcher():
    base = {"id": BRUSHWORK, "task": ["text-to-image"], "licence": "MIT", "created": "2024-01-10",
            "description": "Test record: turns a prompt into a painted picture.", "downloads": 5000}
    # (the one drawing cats states no task, as many small fine-tunes do)
    specs = [base] + [{"id": f"fusion-test/{name}", "task": [] if name == "whisker-sketches" else ["text-to-image"],
                       "licence": "MIT", "created": "2024-05-01", "description": text, "downloads": downloads,
                       "base": [BRUSHWORK]}
                      for name, downloads, text in DERIVED]
    # unrelated records, so that the base's name is a rare word as in a real index; cats are not
    specs += [{"id": f"fusion-test/other-{i}", "task": ["image-classification"], "licence": "MIT", "created": "2024-02-01",
               "description": f"Test record {i}: tells " + ("cats from dogs" if i % 2 else "birds from fish") + " in photos."}
              for i in range(16)]
    yield from specs_searcher(specs)


@pytest.mark.parametrize("question,mode", [("Which fine-tunes of brushwork-diffusion-3 draw cats?", "filter"),
                                           ("Which brushwork diffusion 3 fine-tunes draw cats?", "boost")])
def test_words_naming_the_base_rank_nothing_among_its_derivatives(derived_searcher, question, mode):
    # the question's base is read as a filter (or as a linked boost: its derivatives come first); among them the
    # topic ("cats") decides, not how often a derivative repeats the base's name (the LoRA's card says
    # "Brushwork Diffusion 3" twice and "fine-tune" once)
    response = derived_searcher.search(question)
    read = {r.facet: (r.values, r.mode) for r in response.understanding.recognised if r.applied}
    assert read.get("base_model") == ((BRUSHWORK,), mode)
    names = [hit.name.split("/")[1] for hit in response.results]
    assert names[0] == "whisker-sketches"
    # those naming the base stay in the results: its words still make a match, they only rank nothing
    assert {"brushwork-diffusion-3-lora", "brushwork-diffusion-3-ink"} <= set(names)



def test_a_neighbour_carrying_no_concept_takes_no_popularity_rank_from_the_concept_list(searcher):
    # no record holds the question's words; "faint-3" (10 downloads) carries two of its concepts (level 5),
    # "popular" (1000 downloads) one (level 3); two neighbours only the dense side finds, carrying no concept,
    # are downloaded more than "faint-3"
    cand = evidence(searcher, {}, {"faint-1": 0.9, "faint-2": 0.9})
    boost = np.zeros(searcher.engine.size)
    boost[slot(searcher, "faint-3")] = 5
    boost[slot(searcher, "popular")] = 3
    names, scores = ranked_names(searcher, cand, boost)
    # the popularity ranks go to the concept list's two: "faint-3" keeps its lead of that list
    assert scores["faint-3"] == pytest.approx(1 / (RRF_K + 1) + POPULARITY_WEIGHT / (RRF_K + 2))
    assert scores["popular"] == pytest.approx(1 / (RRF_K + 2) + POPULARITY_WEIGHT / (RRF_K + 1))
    assert names[:2] == ["faint-3", "popular"]
    # the neighbours keep their dense credit, with no popularity rank on top
    assert scores["faint-1"] < searcher.index.embedder.dense_weight / (RRF_K + 1) + 1e-12
