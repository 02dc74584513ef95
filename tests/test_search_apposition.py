"""A library the question names beats one only described in an apposition to it: "trained with SetFit, the few-shot
sentence-transformer method" asks for SetFit models, not for every sentence-transformers model."""

from __future__ import annotations

import pytest
from pyoxigraph import Literal, NamedNode, Triple

from registry.search.understand import Understander
from registry.vocab import MLFDO
from tests.factories import BASE, concepts_searcher, model_pid, model_record
from tests.cpu import assert_cpu_within

QUESTION = "Is there anything trained with SetFit, the few-shot sentence-transformer method?"
# (id, library, downloads): the sentence-transformers models are far more downloaded
MODELS = [("acme/setfit-classifier", "setfit", 1), ("acme/minilm", "sentence-transformers", 900),
          ("acme/mpnet", "sentence-transformers", 800), ("acme/distiluse", "sentence-transformers", 700)]


def reader(**facets: list[str]) -> Understander:
    vocab = {facet: {key: (key, 1) for key in keys} for facet, keys in facets.items()}
    return Understander(lambda facet: vocab.get(facet, {}))


def libraries(understanding) -> set[str]:
    return {v for r in understanding.recognised if r.facet == "library" for v in r.values}


@pytest.mark.parametrize("question", [QUESTION, "Anything built with SetFit (a sentence-transformers method)?"])
def test_the_reader_drops_a_library_read_from_an_apposition_to_a_library_named_before(question):
    assert libraries(reader(library=["setfit", "sentence-transformers"]).understand(question)) == {"setfit"}


@pytest.mark.parametrize("question", ["models for setfit or sentence-transformers",
                                      "SetFit, sentence-transformers and more"])
def test_libraries_named_side_by_side_are_both_read(question):
    assert libraries(reader(library=["setfit", "sentence-transformers"]).understand(question)) == {
        "setfit", "sentence-transformers"}


@pytest.fixture(scope="module")
def searcher():
    records = []
    for name, library, downloads in MODELS:
        pid = NamedNode(model_pid(name, BASE))
        records.append(model_record(name, description="Sorts short texts into classes.", downloads=downloads,
                                    extra=[Triple(pid, MLFDO.library, Literal(library))]))
    yield from concepts_searcher(records)


def test_the_library_named_ranks_its_model_first_and_its_apposition_boosts_nothing(searcher):
    response = searcher.search(QUESTION)
    assert libraries(response.understanding) == {"setfit"}
    assert response.results[0].pid == model_pid("acme/setfit-classifier", BASE)


def test_a_long_question_of_libraries_not_held_is_read_in_time_linear_in_it():
    # each library looked back through every library before it for one naming a value: a 10 kB "mlx, mlx, ..."
    # (a format the index holds no library of, 2,000 libraries read) took 1.5 s; the rest of the reading is 0.3 s
    rules = reader(library=["setfit", "sentence-transformers"])
    rules.understand("warm up")
    assert_cpu_within(lambda: rules.understand("mlx, " * 2_000), 0.6)
