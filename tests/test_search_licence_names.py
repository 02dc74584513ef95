"""A licence the question calls by its name, as the licence vocabulary writes it, is that licence: a filter, which
wins over looser readings of its words (licence families of "academic", "free", "use")."""

from __future__ import annotations

import pytest

from harvesters.vocabularies import harvest
from tests.factories import concepts_searcher, model_pid, model_record

BASE = "http://registry.test"
# (id, licence, description): no description names a licence
MODELS = [
    ("acme/afl-tagger", "AFL-3.0", "Marks names of people in news text."),
    ("acme/mit-tagger", "MIT", "Marks places in news text."),
    ("acme/apache-tagger", "Apache-2.0", "Marks dates in news text."),
    ("acme/nc-poet", "CC-BY-NC-4.0", "Writes short poems for academic use."),
    ("acme/mspl-chat", "MS-PL", "A chat assistant, released for everyone."),
    ("acme/mspl-coder", "MS-PL", "Writes Python functions."),
]


@pytest.fixture(scope="module")
def searcher():
    yield from concepts_searcher([model_record(name, licence=licence, description=description, downloads=100 - i,
                                               base=BASE) for i, (name, licence, description) in enumerate(MODELS)])


def names(response) -> set[str]:
    by_pid = {model_pid(m[0], BASE): m[0] for m in MODELS}
    return {by_pid.get(h.pid, h.pid) for h in response.results}


@pytest.mark.parametrize("question, licence, expected", [
    # the label without its version ("Academic Free License 3.0"), not the families "academic use" and "free to use"
    ("Which models use the Academic Free License?", "AFL-3.0", {"acme/afl-tagger"}),
    # the label, a filter (not only a boost), with the verb putting models under it ("released" is no topic)
    ("Is anything released under the Microsoft Public License?", "MS-PL", {"acme/mspl-chat", "acme/mspl-coder"}),
])
def test_a_licence_called_by_its_name_filters_on_that_licence_alone(searcher, question, licence, expected):
    response = searcher.search(question)
    assert response.filters.get("licence") == [licence]
    assert names(response) == expected


def test_loose_licence_words_without_a_licence_name_still_read_the_families(searcher):
    u = searcher.understand("Which models are free to use for academic research?")
    [licences] = [r for r in u.recognised if r.facet == "licence"]
    assert "AFL-3.0" in licences.values and len(licences.values) > 1
