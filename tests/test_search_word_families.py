"""A question's word meets the other words of its family Snowball leaves apart (compare/comparison,
define/definition), and a proper name no record holds in full meets a model named by its first letters
("the law of Texas": TexLawLLM)."""

from __future__ import annotations

import numpy as np
import pytest

from registry.search.text import derived_forms, query_terms, shortened_names
from tests.data.search.records import specs_searcher
from tests.test_search_word_forms import FILLER, make_engine, matched


@pytest.mark.parametrize("word,forms", [
    ("compare", {"~comparison"}), ("comparison", {"~compar"}), ("define", {"~definit"}), ("definition", {"~defin"}),
    ("describe", {"~descript"}), ("description", {"~describ"}), ("decide", {"~decis"}), ("decision", {"~decid"}),
    ("include", {"~inclus"}), ("recognition", {"~recogn"}),
])
def test_a_verb_and_the_noun_it_makes_meet_each_others_stem(word, forms):
    assert forms <= {term for term, _ in derived_forms(word)}


@pytest.mark.parametrize("word", ["poison", "position", "information", "station", "need"])
def test_a_short_root_or_a_noun_snowball_folds_brings_no_other_form(word):
    assert not [term for term, _ in derived_forms(word) if len(term) <= 5 or word.endswith("ion")]


def test_a_record_holding_only_the_noun_counts_as_holding_the_verb():
    engine = make_engine({
        "product_comparison": {"description": ["Writes a side by side table for shoppers."]},
        "shop-helper": {"description": ["Answers questions of shoppers about products."]},
        "word-definitions": {"description": ["Gives the definition of a word."]},
        "image-diff": {"description": ["Compare two images and define what changed."]},
        **FILLER,
    })
    # product_comparison holds "comparison" for "compare", "product" and "shopper": all three words, as a record
    # writing "compare" would; shop-helper holds two
    scores, ok = engine.keyword_scores(query_terms("compare products shoppers"), 3)
    assert [engine.docs[s].name for s in np.flatnonzero(ok)] == ["product_comparison"]
    scores, ok = engine.keyword_scores(query_terms("define a word"), 2)
    assert [engine.docs[s].name for s in np.flatnonzero(ok)] == ["word-definitions"]
    # the noun meets the verb too, below a record writing the noun itself
    assert matched(engine, "comparison") == ["product_comparison", "image-diff"]


def test_a_record_writing_the_word_and_the_noun_counts_it_once():
    engine = make_engine({
        "compare-both": {"description": ["Compare prices: a comparison of offers."]},
        "compare-prices": {"description": ["Compare prices of offers."]},
        **FILLER,
    })
    scores, ok = engine.keyword_scores(query_terms("compare offers prices"), 3)
    assert {engine.docs[s].name for s in np.flatnonzero(ok)} == {"compare-both", "compare-prices"}


def test_a_proper_name_is_read_with_its_shortened_forms_but_not_a_sentences_first_word():
    assert shortened_names("Which models know Texas law? Ohio law?") == {"texas": ["texa", "tex"]}
    assert shortened_names("Texas law") == {}


LAW = {"task": ["text-generation"], "created": "2024-03-01"}
SPECS = [
    {"id": "acme/TexLawLLM", **LAW, "downloads": 0, "description": "A reasoning model tuned on law."},
    {"id": "acme/ColoTaxBot", **LAW, "downloads": 0, "description": "A chat model tuned on tax questions."},
    {"id": "acme/law-gpt", **LAW, "downloads": 900, "description": "Answers questions about law and courts."},
    {"id": "acme/law-helper", **LAW, "downloads": 800, "description": "A law assistant for lawyers."},
    {"id": "acme/tax-helper", **LAW, "downloads": 700, "description": "Explains tax forms."},
    {"id": "acme/texture-maker", "task": ["text-to-image"], "created": "2024-03-01", "downloads": 600,
     "description": "Paints textures for games."},
]


@pytest.fixture(scope="module")
def searcher():
    yield from specs_searcher(SPECS)


@pytest.mark.parametrize("question,first", [
    ("Is there a model that knows the law of Texas?", "acme/TexLawLLM"),
    ("Which models know Texas law?", "acme/TexLawLLM"),
    ("Is there a chat model for Colorado taxes?", "acme/ColoTaxBot"),
    ("a model that knows Texas", "acme/TexLawLLM"),
])
def test_a_proper_name_no_record_holds_meets_a_model_named_by_its_first_letters(searcher, question, first):
    assert searcher.search(question, mode="keyword").results[0].name == first


def test_a_proper_name_a_record_holds_in_full_is_not_shortened(searcher):
    # "Textures" is held as written: "tex" of TexLawLLM is no texture
    names = [h.name for h in searcher.search("Which models paint Textures for games?", mode="keyword").results]
    assert "acme/TexLawLLM" not in names
