"""A proper name of several words the question writes with capitals ("the Wallace and Gromit style") names the few
FDOs whose names hold it in that order, however the name joins its words (underscores, dashes, nothing)."""

from __future__ import annotations

import pytest

from tests.data.search.records import specs_searcher

QUESTION = "Can a model make a clip that looks like plasticine stop-motion, in the Wallace and Gromit style?"
VIDEO = {"task": ["text-to-video"], "created": "2024-03-01"}
SPECS = [
    {"id": "acme/CogVideoX-LoRA-Wallace_and_Gromit", "task": [], "created": "2024-03-01", "description": "A LoRA.",
     "downloads": 0},
    {"id": "acme/clip-maker", **VIDEO, "downloads": 500,
     "description": "Makes a short clip in any style that looks like a film, with smooth motion."},
    {"id": "acme/motion-model", **VIDEO, "downloads": 400,
     "description": "Makes clips with stop motion looks in a chosen style."},
    {"id": "acme/style-video", **VIDEO, "downloads": 300, "description": "Video clips that look like a painting style."},
    {"id": "acme/clip-tuner", **VIDEO, "downloads": 5, "description": "A tuned video model.",
     "base": ["acme/Moving_Pictures_Base"]},
    {"id": "acme/Hugging_Face_Tools", "task": [], "created": "2024-03-01", "description": "Tools.", "downloads": 0},
    {"id": "acme/gromit-fan-notes", "task": ["text-generation"], "created": "2024-03-01", "downloads": 900,
     "description": "Writes fan notes about Gromit and Wallace."},
]


@pytest.fixture(scope="module")
def searcher():
    yield from specs_searcher(SPECS)


def test_a_proper_name_of_several_words_that_a_name_holds_with_underscores_ranks_that_fdo_first(searcher):
    response = searcher.search(QUESTION)
    assert response.results[0].name == "acme/CogVideoX-LoRA-Wallace_and_Gromit"


def test_the_same_words_lower_case_or_out_of_order_in_a_description_name_nothing(searcher):
    response = searcher.search("fan notes about gromit and wallace written for a cartoon club")
    assert response.results[0].name == "acme/gromit-fan-notes"
    assert searcher._phrase_named(searcher.understand("a clip in the style of Gromit and Wallace")).size == 0



@pytest.mark.parametrize("text", ["models that load through Hugging Face's diffusers pipelines",
                                  "the best Hugging Face models"])
def test_an_owners_possessive_or_the_frames_words_name_nothing_so(searcher, text):
    assert searcher._phrase_named(searcher.understand(text)).size == 0


def test_a_proper_name_a_constraint_was_read_from_pins_nothing_more(searcher):
    u = searcher.understand("Which models build on Moving Pictures Base?")
    assert [r.values for r in u.recognised if r.facet == "base_model"]  # read as the base: its derivatives first
    assert searcher._phrase_named(u).size == 0
