"""A licence written by its full, short or spoken name, with a version or without, is read from the licence
vocabulary's names (``registry.search.licence_names``): the most specific name wins, a version picks that version, no
version reads every version, and a version the vocabulary does not hold is noted, never read as another licence."""

from __future__ import annotations

import pytest

from harvesters.vocabularies import harvest
from tests.factories import concepts_searcher, model_pid, model_record

BASE = "http://registry.test"
# (id, licence, description): no description names a licence
MODELS = [
    ("acme/lgpl3-tagger", "LGPL-3.0-only", "Marks names of people in news text."),
    ("acme/lgpl21-tagger", "LGPL-2.1-only", "Marks names of places in news text."),
    ("acme/gpl2-tagger", "GPL-2.0-only", "Marks dates in news text."),
    ("acme/gpl3-tagger", "GPL-3.0-only", "Marks sums of money in news text."),
    ("acme/apache-tagger", "Apache-2.0", "Marks titles of books in news text."),
    ("acme/ccbysa-poet", "CC-BY-SA-4.0", "Writes short poems."),
    ("acme/ccby-poet", "CC-BY-4.0", "Writes short limericks."),
    ("acme/ccbync-poet", "CC-BY-NC-4.0", "Writes short songs."),
    ("acme/ccbyncnd-poet", "CC-BY-NC-ND-4.0", "Writes short hymns."),
    ("acme/bsd3-coder", "BSD-3-Clause", "Writes Python functions."),
    ("acme/bsd2-coder", "BSD-2-Clause", "Writes Rust functions."),
    ("acme/llama2-chat", "llama2", "A chat assistant."),
    ("acme/llama31-chat", "llama3.1", "Another chat assistant."),
    ("acme/boat-painter", "creativeml-openrail-m", "Paints pictures of boats."),
    ("acme/rail-coder", "openrail", "Writes Go functions."),
    ("acme/manual-writer", "gfdl", "Writes user manuals."),
]


@pytest.fixture(scope="module")
def searcher():
    yield from concepts_searcher([model_record(name, licence=licence, description=description, downloads=100 - i,
                                               base=BASE) for i, (name, licence, description) in enumerate(MODELS)])


def licence_filter(searcher, question):
    u = searcher.understand(question)
    return [r for r in u.recognised if r.facet == "licence" and r.mode == "filter"]


@pytest.mark.parametrize("question, expected", [
    ("Are any models released under the GNU Lesser GPL, version 3?", {"LGPL-3.0-only"}),
    ("Which models use the Lesser GPL v3?", {"LGPL-3.0-only"}),
    ("Anything under the GNU Lesser General Public License 3.0?", {"LGPL-3.0-only"}),
    ("Show me LGPL 2.1 models", {"LGPL-2.1-only"}),
    ("Which models are under the GNU Lesser GPL?", {"LGPL-3.0-only", "LGPL-2.1-only"}),
    ("Models under GPL version 3 please", {"GPL-3.0-only"}),
    ("models licensed under Apache two", {"Apache-2.0"}),
    ("Anything under the Apache License 2.0?", {"Apache-2.0"}),
    ("Which models are under Creative Commons attribution share-alike 4.0?", {"CC-BY-SA-4.0"}),
    ("Which models are under Creative Commons Attribution 4.0?", {"CC-BY-4.0"}),
    ("Is there code under the BSD three-clause licence?", {"BSD-3-Clause"}),
    ("models under the Llama 2 community licence", {"llama2"}),
    ("models under the Llama community licence", {"llama2", "llama3.1"}),
])
def test_a_licence_named_with_or_without_version_reads_that_licence(searcher, question, expected):
    filters = [r for r in licence_filter(searcher, question) if r.applied]
    assert filters and set(filters[0].values) == expected, filters


@pytest.mark.parametrize("question", [
    "Is anything under GPL version 5?",
    "Which models are under Apache 3?",
    "Models under CC BY-NC-SA please",  # no share-alike NC licence is held: not the NC or NC-ND ones
])
def test_a_version_or_licence_not_held_is_noted_not_read_as_another(searcher, question):
    filters = licence_filter(searcher, question)
    assert all(not r.applied for r in filters if "concept" not in r.note.lower()), filters
    assert any(r.note for r in filters), filters


def test_lesser_gpl_search_returns_the_lgpl3_model_only(searcher):
    r = searcher.search("Are any models released under the GNU Lesser GPL, version 3?", page=1, per_page=10)
    pids = [h.pid for h in r.results]
    assert pids[0] == model_pid("acme/lgpl3-tagger", BASE)
    assert model_pid("acme/gpl2-tagger", BASE) not in pids and model_pid("acme/lgpl21-tagger", BASE) not in pids


@pytest.mark.parametrize("question, holder", [
    # the verb putting models under the licence is the filter's word, not one a record must match: no record says
    # "released" or the name as the question writes it, only the licence's id
    ("Are any models released under the GNU Lesser GPL, version 3?", "acme/lgpl3-tagger"),
    ("Is anything published under the Lesser GPL v3?", "acme/lgpl3-tagger"),
    ("Which models are distributed under the GNU Lesser General Public License 2.1?", "acme/lgpl21-tagger"),
    ("Anything shared under the BSD two-clause licence?", "acme/bsd2-coder"),
    ("Which models are licensed under Creative Commons attribution non-commercial no-derivatives 4.0?",
     "acme/ccbyncnd-poet"),
])
def test_a_licence_named_after_a_verb_finds_its_holders_by_the_filter(searcher, question, holder):
    r = searcher.search(question, page=1, per_page=10)
    assert r.filters.get("licence"), r.understanding.recognised
    assert [h.pid for h in r.results] == [model_pid(holder, BASE)]


@pytest.mark.parametrize("question", [
    "Which text-to-image models use an OpenRAIL licence?",
    "models under an openrail license",
    "Anything released under the OpenRAIL licences?",
])
def test_the_openrail_family_word_reads_every_licence_whose_id_holds_it(searcher, question):
    # "OpenRAIL family" (openrail) stands for the licences whose ids hold its name: creativeml-openrail-m is one
    values = {v for r in licence_filter(searcher, question) if r.applied for v in r.values}
    assert {"openrail", "creativeml-openrail-m"} <= values, values


@pytest.mark.parametrize("question", [
    "Are there GPL models?",
    "Which models are under the GNU GPL?",
    "models licensed under the General Public License",
    "Anything released under the GNU General Public License?",
])
def test_the_gpl_is_the_gpl_versions_not_every_gnu_licence(searcher, question):
    # the GNU group holds the Lesser and Affero GPL and the documentation licence too; "GPL" names only the GPL
    r = searcher.search(question, page=1, per_page=10)
    assert set(r.filters.get("licence", ())) == {"GPL-2.0-only", "GPL-3.0-only"}, r.understanding.recognised
    assert {h.pid for h in r.results} == {model_pid("acme/gpl2-tagger", BASE), model_pid("acme/gpl3-tagger", BASE)}


def test_a_gnu_licence_is_still_every_gnu_licence(searcher):
    r = searcher.search("Which models carry a GNU licence?", page=1, per_page=20)
    assert {"GPL-2.0-only", "LGPL-3.0-only", "gfdl"} <= set(r.filters.get("licence", ())), r.understanding.recognised


@pytest.mark.parametrize("question", ["Llama 3 models fine-tuned for chat", "Apache 7B models", "an Apache helicopter"])
def test_a_model_family_or_size_after_a_name_is_no_licence_version(searcher, question):
    assert not [r for r in licence_filter(searcher, question) if r.note]
