"""A language's name that begins the name of a thing ("French bulldogs", "a German shepherd") asks for no language:
the names of FDOs stating no language write the pair as one word or joined by a hyphen or an underscore
(``Searcher._names_thing``, ``name_words.named_compound``)."""

from __future__ import annotations

import pytest

from tests.factories import BASE, concepts_searcher, model_doing, model_pid

DRAW = "Makes pictures from a prompt."


@pytest.fixture(scope="module")
def searcher():
    records = [
        # things a language's name begins: breeds and a dish, drawn by text-to-image models stating no language
        model_doing("acme/german-shepherd-lora", "text-to-image", description=DRAW),
        model_doing("acme/englishsetter_dreambooth", "text-to-image", description=DRAW),
        model_doing("acme/french_fries-diffusion", "text-to-image", description=DRAW),
        # models stating the language their name runs into a word: the language's model or data
        model_doing("acme/german-sentiment", "text-classification", languages=("de",),
                    description="Says whether a review is positive."),
        model_doing("acme/tamilgpt", "text-generation", languages=("ta",), description="Continues a story."),
        # popular models stating the languages, which a language filter would put first
        model_doing("acme/de-writer", "text-to-image", languages=("de",), downloads=90000, description=DRAW),
        model_doing("acme/en-writer", "text-to-image", languages=("en",), downloads=90000, description=DRAW),
        model_doing("acme/fr-writer", "text-to-image", languages=("fr",), downloads=90000, description=DRAW),
        model_doing("acme/fr-summary", "summarization", languages=("fr",), description="Shortens articles."),
    ]
    yield from concepts_searcher(records)


def _languages(searcher, query: str) -> set[str]:
    return {v for r in searcher.understand(query).recognised if r.facet == "language" and r.applied for v in r.values}


@pytest.mark.parametrize("query", [
    "Can a model draw my German shepherd?",
    "I need images of German-shepherd puppies",
    "pictures of English setters running on a beach",
    "generate photos of French fries for a menu",
    "Could something paint two German shepherds and an English setter?",
])
def test_a_language_beginning_the_name_of_a_thing_is_no_language(searcher, query):
    assert not _languages(searcher, query)


@pytest.mark.parametrize("query, name", [
    ("Can a model draw my German shepherd?", "acme/german-shepherd-lora"),
    ("pictures of English setters running on a beach", "acme/englishsetter_dreambooth"),
    ("generate photos of French fries for a menu", "acme/french_fries-diffusion"),
])
def test_the_model_named_for_the_thing_comes_first(searcher, query, name):
    assert searcher.search(query).results[0].pid == model_pid(name, BASE)


@pytest.mark.parametrize("query, code", [
    ("a German sentiment model", "de"),  # german-sentiment states German: the language's model
    ("Is there a Tamil GPT?", "ta"),  # tamilgpt states Tamil
    ("summarise French text", "fr"),  # no name joins "French" and "text"
    ("models for German", "de"),
])
def test_a_language_before_a_word_its_models_join_or_none_joins_stays(searcher, query, code):
    assert code in _languages(searcher, query)


def test_only_the_language_naming_a_thing_leaves_a_list_of_languages(searcher):
    # "German shepherd" is the breed; "in French" is still asked
    assert _languages(searcher, "Describe a German shepherd in French") == {"fr"}
