"""The words inside names: a verb meets the model named by its doer, and words a name runs together or shortens to
initials meet the question saying them apart (``text.agent_nouns``, ``name_words.add_name_words``)."""

from __future__ import annotations

import numpy as np
import pytest

from registry.search.document import IndexDoc
from registry.search.engine import MemoryEngine
from registry.search.name_words import add_name_words, initials, joined_pairs
from registry.search.substrings import SubstringIndex
from registry.search.text import agent_nouns, query_terms, sparse_vector, term_id
from tests.factories import concepts_searcher, model_doing

FILLER = {f"filler-{i}": {"keywords": ["audio"], "description": ["Reads speech aloud for a radio show."]}
          for i in range(8)}


def make_engine(names: list[str]) -> MemoryEngine:
    """Return an engine holding one model per name beside the filler records."""
    records = {name: {} for name in names} | FILLER
    docs = []
    for name, fields in records.items():
        doc = IndexDoc(pid=f"http://x/fdo/{name}", version=1, kind="model", name=name, identifier=f"someone/{name}",
                       exact=[name.lower(), f"someone/{name}".lower()])
        doc.sparse = sparse_vector({"name": [name], "identifier": [f"someone/{name}"], **fields})
        docs.append(doc)
    engine = MemoryEngine(8)
    engine.upsert(docs, np.eye(len(docs), 8, dtype=np.float32))
    return engine


def matched(engine: MemoryEngine, query: str, name_words: bool = True) -> list[str]:
    """Return the names the keyword side matches for ``query``, best first."""
    terms = query_terms(query)
    if name_words:
        add_name_words(engine, query, terms)
    scores, ok = engine.keyword_scores(terms, 1)
    return [engine.docs[s].name for s in sorted(np.flatnonzero(ok), key=lambda s: -scores[s])]


@pytest.mark.parametrize("verb,noun", [("plan", "planner"), ("planning", "planner"), ("write", "writer"),
                                       ("writing", "writer"), ("tag", "tagger"), ("parse", "parser"),
                                       ("read", "reader"), ("code", "coder"), ("test", "tester")])
def test_agent_noun_of_a_verb(verb, noun):
    assert noun in [written for _, written in agent_nouns(verb)]


@pytest.mark.parametrize("word", ["generate", "summarise", "translate",  # the noun shares their stem already
                                  "planner", "translator", "analysis", "caption"])  # nouns name no doer
def test_no_agent_noun_where_the_stem_has_it_or_no_verb(word):
    assert agent_nouns(word) == ()


@pytest.mark.parametrize("question,name", [("plan", "TripPlanner"), ("someone to plan my week", "TripPlanner"),
                                           ("write", "StoryWriter"), ("tag parts of speech", "PosTagger"),
                                           ("parse", "LogParser")])
def test_a_verb_meets_the_model_named_by_its_doer(question, name):
    engine = make_engine(["TripPlanner", "StoryWriter", "PosTagger", "LogParser"])
    assert matched(engine, question)[:1] == [name]


def test_initials_of_runs_of_three_or_four_words_without_stopwords_or_punctuation():
    found = dict(initials("Answer frequently asked questions, quickly please"))
    assert found["faq"] == 3 and found["afaq"] == 4
    assert "qq" not in found and "aqq" not in found  # a comma ends the run
    assert dict(initials("the mixture of experts")) == {}  # stopwords break runs (``ACRONYMS`` reads those)


def test_joined_pairs_skip_stopwords():
    assert joined_pairs(["faq", "bot"]) == [("faqbot", 2)]
    assert joined_pairs(["for", "bot"]) == []


def test_runs_holding_lists_runs_of_letters_and_gives_up_on_common_trigrams():
    index = SubstringIndex()
    for name in ["someone/faqbot", "faq-helper", "other/chatbot"]:
        index.add(name)
    assert sorted(index.runs_holding("faq", 100)) == ["faq", "faqbot"]
    assert index.runs_holding("bot", 1) is None


@pytest.mark.parametrize("question", ["answer frequently asked questions", "FAQ bot",
                                      "a model for the frequently asked questions of our shop"])
def test_a_name_running_words_together_meets_them_apart_or_by_initials(question):
    engine = make_engine(["FAQBOT", "ChatBot-small", "faq-dataset-reader", "QuestionsGen"])
    assert "FAQBOT" not in matched(engine, question, name_words=False)[:1]
    assert matched(engine, question)[:1] == ["FAQBOT"]


def test_initials_meet_a_name_word_of_their_own():
    # (not an acronym the patterns know: "large language model" meets llm on main already)
    engine = make_engine(["quick-RCG", "ReadingZoo", "ChatBot-small"])
    assert matched(engine, "a reading comprehension grader")[:1] == ["quick-RCG"]


def test_unheld_initials_and_pairs_add_nothing():
    engine = make_engine(["FAQBOT", "ChatBot-small"])
    terms = query_terms("speech synthesis voices quickly")
    before = dict(terms)
    add_name_words(engine, "speech synthesis voices quickly", terms)
    assert dict(terms) == before


def test_a_hyphened_word_gives_one_initial():
    assert "sft" not in dict(initials("Mistral Small fine-tunes that reason"))


# A short question one of whose words makes a match, naming a model by a word of its name that runs two of its words
# together: the popular models holding one word of it do not go before that model, however few its downloads
# (``Searcher._rank``: no popularity rank for them)
SHORT = [
    model_doing("lab/TestPlannerPhi2", "text-generation", downloads=0, description="Drafts checklists."),
    model_doing("lab/TripPlanner", "text-generation", downloads=0, description="Suggests routes."),
    model_doing("lab/FAQBOT", "text-generation", downloads=0, description="Answers shoppers."),
    model_doing("lab/StoryWriter", "text-generation", downloads=2, description="Tells tales."),
    *[model_doing(f"lab{i}/DeepSeek-1B-test", "text-generation", downloads=9000 - i, description="A checkpoint.")
      for i in range(12)],
    *[model_doing(f"lab{i}/trip-summary", "summarization", downloads=5000 - i, description="A checkpoint.")
      for i in range(12)],
    *[model_doing(f"lab{i}/ChatBot-{i}", "text-generation", downloads=7000 - i, description="A checkpoint.")
      for i in range(12)],
    model_doing("lab/faq-bot-helper", "text-generation", downloads=800, description="A checkpoint."),
    model_doing("lab/trip-planner-pro", "text-generation", downloads=300, description="A checkpoint."),
]


@pytest.fixture(scope="module")
def short_searcher():
    yield from concepts_searcher(SHORT)


@pytest.mark.parametrize("question,first", [
    ("test planner", "lab/TestPlannerPhi2"),
    ("software test planner", "lab/TestPlannerPhi2"),
    ("Is there a test planner?", "lab/TestPlannerPhi2"),
    ("Test Planner", "lab/TestPlannerPhi2"),
])
def test_a_short_questions_popular_part_matches_go_after_the_match_holding_every_word(short_searcher, question, first):
    found = [h.identifier for h in short_searcher.search(question, per_page=5).results]
    assert found[:1] == [first], found


def test_two_words_a_name_runs_together_are_as_good_as_the_two_words(short_searcher):
    # FAQBOT holds "FAQ bot" as one word: it goes before the popular models holding "bot" only; the popular model
    # holding both words as two goes first, as a full match of the two words
    found = [h.identifier for h in short_searcher.search("FAQ bot", per_page=5).results]
    assert found[:2] == ["lab/faq-bot-helper", "lab/FAQBOT"], found



def test_popularity_still_orders_the_matches_holding_every_word(short_searcher):
    found = [h.identifier for h in short_searcher.search("trip planner", per_page=5).results]
    assert found[:2] == ["lab/trip-planner-pro", "lab/TripPlanner"], found


def test_a_possessives_s_gives_no_initial():
    assert "sot" not in dict(initials("Can I find Google's original T5 here?"))


def test_initials_meet_only_a_name_writing_them_in_capitals():
    # "steel annealing data" is no "PhilSad"; "frequently asked questions" is FAQBOT's FAQ
    engine = make_engine(["PhilSad", "phil-helper", "cool-sad", "FAQBOT", "ChatBot-small"])
    terms = query_terms("the steel annealing data")
    before = dict(terms)
    add_name_words(engine, "the steel annealing data", terms)
    assert dict(terms) == before
    assert matched(engine, "frequently asked questions")[:1] == ["FAQBOT"]


def test_a_joined_pair_every_holder_of_which_holds_both_words_adds_nothing():
    engine = make_engine(["stable-diffusion-v1", "stable-diffusion-xl", "StableDiffusion"])
    holders = [engine.docs[s].name for s in range(engine.size)
               if engine.terms.get(term_id("stablediffusion")) is not None
               and s in engine.terms[term_id("stablediffusion")].arrays()[0]]
    terms = query_terms("stable diffusion")
    before = dict(terms)
    add_name_words(engine, "stable diffusion", terms)
    assert holders and dict(terms) == before, holders
