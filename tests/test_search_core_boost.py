"""A concept the question is about outranks weak word matches: when the words a boost was read from ("chemical":
the subject area Chemistry) are the question's core, a keyword match holding neither them nor the boost (a model
saying "questions") loses that share of its rank credit, while one holding those words keeps all of it."""

from __future__ import annotations

import pytest
from pyoxigraph import Literal, NamedNode, Triple

from registry.vocab import SCHEMA
from tests.factories import concepts_searcher, model_doing, model_pid

QUESTION = "Which models are meant for chemical questions?"
TAGGED = [f"lab/molecule-chat-{i}" for i in range(12)]  # tagged with the field, no word of the question
ASKERS = [f"lab/answer-bot-{i}" for i in range(8)]  # popular, saying "questions" only


def tagged(name: str, task: str | None, *tags: str, **kwargs):
    pid = NamedNode(model_pid(name))
    return model_doing(name, task, extra=[Triple(pid, SCHEMA.keywords, Literal(t)) for t in tags], **kwargs)


MODELS = [
    *(tagged(n, "text-generation", "chemistry", downloads=5 + i, description="A chat model.")
      for i, n in enumerate(TAGGED)),
    *(tagged(n, "question-answering", downloads=100_000 * (i + 1),
             description="Answers questions about a passage: questions in, answers out.")
      for i, n in enumerate(ASKERS)),
    tagged("lab/lab-notes", "text-generation", downloads=3,
           description="Answers chemical engineering questions from lab notes."),
    *(tagged(f"lab/filler-{i}", "text-classification", downloads=10, description=f"Sorts reviews, batch {i}.")
      for i in range(12)),
]


@pytest.fixture(scope="module")
def searcher():
    yield from concepts_searcher(MODELS)


def ranked(searcher, query: str, mode: str = "hybrid") -> list[str]:
    return [h.pid for h in searcher.search(query, per_page=30, mode=mode).results]


@pytest.mark.parametrize("mode", ["hybrid", "keyword"])
def test_models_carrying_the_subject_area_asked_for_outrank_models_matching_only_the_frame_word(searcher, mode):
    got = ranked(searcher, QUESTION, mode)
    tagged_at = [got.index(model_pid(n)) for n in TAGGED]
    askers_at = [got.index(model_pid(n)) if model_pid(n) in got else len(got) for n in ASKERS]
    assert max(tagged_at) < min(askers_at)


def test_a_model_holding_the_word_the_concept_was_read_from_keeps_its_keyword_rank(searcher):
    # it says "chemical" without the tag: the words' best match, among the tagged and above every frame-word match
    got = ranked(searcher, QUESTION)
    assert got.index(model_pid("lab/lab-notes")) < len(TAGGED) < min(got.index(model_pid(n)) for n in ASKERS)


def test_the_frame_word_still_ranks_when_no_concept_is_read(searcher):
    got = ranked(searcher, "Which models answer questions?")
    assert set(got[:len(ASKERS)]) == {model_pid(n) for n in ASKERS}



DERIVED_TAGGED = [f"lab/brightline-chem-{i}" for i in range(8)]
DERIVED_ASKERS = [f"lab/brightline-qa-{i}" for i in range(6)]


@pytest.fixture(scope="module")
def derived_searcher():
    yield from concepts_searcher([
        tagged("lab/brightline-7b", "text-generation", downloads=50_000, description="A base language model."),
        *(tagged(n, "text-generation", "chemistry", downloads=5 + i, base_model="lab/brightline-7b",
                 description="A chat model.") for i, n in enumerate(DERIVED_TAGGED)),
        *(tagged(n, "question-answering", downloads=10_000 * (i + 1), base_model="lab/brightline-7b",
                 description="Answers questions about a passage: questions in, answers out.")
          for i, n in enumerate(DERIVED_ASKERS)),
        *(tagged(f"lab/filler-{i}", "text-classification", downloads=10, description=f"Sorts reviews, batch {i}.")
          for i in range(12))])


def test_a_linked_base_does_not_count_as_carrying_the_concept_asked_for(derived_searcher):
    # every derivative carries the base's link boost: among them the subject area decides, not the frame word
    response = derived_searcher.search("brightline 7b fine-tunes for chemical questions", per_page=30)
    read = {r.facet: r.mode for r in response.understanding.recognised if r.applied}
    assert read.get("base_model") == "boost" and read.get("topic") == "boost"
    first = {h.pid for h in response.results[:len(DERIVED_TAGGED)]}
    # (the most downloaded of the others may still slip in, by its popularity)
    assert len(first & {model_pid(n) for n in DERIVED_TAGGED}) >= len(DERIVED_TAGGED) - 1
