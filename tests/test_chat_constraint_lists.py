"""List questions whose words are all constraints (a licence property, a size) list the models that have them, in search and chat."""

from __future__ import annotations

import pytest

from harvesters.vocabularies import harvest
from registry.search import get_searcher
from registry.service import Registry
from tests.data.search.records import BASE, model_records, pid_of

# (id, SPDX licence, parameters, description): descriptions never name the licence or the size
MODELS = [
    ("acme/free-poems", "Unlicense", 120_000_000, "Writes short rhyming poems about the sea."),
    ("acme/open-law", "PDDL-1.0", 7_000_000_000, "Answers questions about court rulings."),
    ("acme/anything-goes", "WTFPL", 350_000_000, "Translates Spanish menus into English."),
    ("acme/fixed-art", "CC-BY-NC-ND-4.0", 90_000_000, "Sorts paintings by the century they come from."),
    ("acme/research-chat", "CC-BY-NC-4.0", 13_000_000_000, "A chat assistant tuned on lecture notes."),
    ("acme/huge-coder", "Apache-2.0", 34_000_000_000, "Completes Python functions from their docstrings."),
    ("acme/tiny-tagger", "MIT", 6_000_000_000, "Marks names of people and places in news text."),
    *[(f"acme/filler-{i}", "MIT", 100_000_000, "Reads bird songs and names the species.") for i in range(5)],
]
BIG = {"acme/open-law", "acme/research-chat", "acme/huge-coder", "acme/tiny-tagger"}  # over 5 billion parameters
FREE = {"acme/free-poems", "acme/open-law", "acme/anything-goes"}  # public domain or no conditions at all


@pytest.fixture(scope="module")
def registry():
    registry = Registry.open({"BASE_URL": BASE, "LLM": "extractive"}, in_memory=True, environ={})
    records = []
    for i, (model_id, licence, params, description) in enumerate(MODELS):
        spec = {"id": model_id, "licence": licence, "params": params, "created": "2024-01-01",
                "downloads": 1000 - i, "description": description, "datasets": [f"acme/corpus-{i % 3}"]}
        records += model_records(spec)
    registry.store.ingest_many(records)
    harvest(registry.store)  # the licence concepts
    yield registry
    registry.close()


def names(pids) -> set[str]:
    by_pid = {pid_of(m[0]): m[0] for m in MODELS}
    return {by_pid.get(p, p) for p in pids}


def test_search_lists_every_model_of_a_licence_family_read_wider_than_the_filter(registry):
    # "public domain" is read as the family of the licence vocabulary: CC0, the Unlicense, PDDL and WTFPL
    response = get_searcher(registry).search("Which models are public domain or under a licence with no conditions at all?")
    assert names(h.pid for h in response.results) == FREE


def test_search_puts_the_no_derivatives_licences_first(registry):
    response = get_searcher(registry).search("Which models forbid derivative works?")
    assert names([response.results[0].pid]) == {"acme/fixed-art"}


def test_search_of_constraints_only_lists_every_model_that_has_them(registry):
    response = get_searcher(registry).search("Which models have more than 5 billion parameters?")
    assert names(h.pid for h in response.results) == BIG  # none of them says "billion"


def test_chat_lists_the_models_over_a_size_and_links_the_search_showing_them_all(chat):
    answer = chat.ask("Which models have more than 5 billion parameters?")
    offered = names(c.pid for c in answer.answers)
    assert offered <= BIG and len(offered) == 3  # the first three of the four; "1 more found" links the rest
    assert "params >5B" in answer.text
    # the answer cites three and links the search that shows them all: the whole question, whose size it keeps
    assert "/search?q=Which+models+have+more+than+5+billion+parameters" in answer.text


def test_chat_lists_the_models_with_no_conditions(chat):
    answer = chat.ask("Which models are public domain or under a licence with no conditions at all?")
    assert names(c.pid for c in answer.answers) == FREE


def test_chat_lists_the_model_whose_licence_forbids_derivatives(chat):
    answer = chat.ask("Which models forbid derivative works?")
    assert names(c.pid for c in answer.answers) == {"acme/fixed-art"}


def test_the_words_describing_a_licence_are_held_by_every_model_under_it(chat):
    # "open source" says what "permissive" does: acme/open-law holds "open" in its name, yet the MIT and Apache models
    # are as much an answer
    answer = chat.ask("Which models are under a permissive open-source licence?")
    offered = names(c.pid for c in answer.answers)
    assert len(offered) == 3 and offered & ({"acme/huge-coder", "acme/tiny-tagger"} | {f"acme/filler-{i}" for i in range(5)})
    assert "acme/fixed-art" not in offered and "acme/research-chat" not in offered  # non-commercial, no derivatives


@pytest.mark.parametrize("question, expected", [
    ("Do you have anything really tiny, under 100 million parameters?", {"acme/fixed-art"}),
    ("Which models are between 5 and 20 billion parameters?", {"acme/open-law", "acme/research-chat", "acme/tiny-tagger"}),
    ("Which models have between one and ten billion parameters?", {"acme/open-law", "acme/tiny-tagger"}),
])
def test_search_of_a_size_only_question_lists_every_model_of_that_size(registry, question, expected):
    response = get_searcher(registry).search(question)
    assert names(h.pid for h in response.results) == expected  # no model says "tiny" or "billion"
