"""A language the language vocabulary knows and no record is tagged with ("the Otomi language") is said, not
applied; the other language of a translation ("into Spanish") still is."""

from __future__ import annotations

import pytest
from pyoxigraph import Literal, NamedNode, Triple

from registry.vocab import SCHEMA
from tests.factories import BASE, concepts_searcher, model_pid, model_record

QUESTION = "I have sentences in the Otomi language. Can something put them into Spanish?"


@pytest.fixture(scope="module")
def searcher():
    records = []
    for name, code in (("acme/traductor", "es"), ("acme/writer", "en")):
        pid = NamedNode(model_pid(name, BASE))
        records.append(model_record(name, description="Turns sentences into other sentences.",
                                    extra=[Triple(pid, SCHEMA.inLanguage, Literal(code))]))
    yield from concepts_searcher(records)


def test_a_language_of_the_vocabulary_no_record_has_is_said_with_a_note_and_not_applied(searcher):
    u = searcher.understand(QUESTION)
    [otomi] = [r for r in u.recognised if r.facet == "language" and not r.applied]
    assert "Otomi" in otomi.label and "oto" in otomi.note and otomi.span == "Otomi"
    assert u.filters()["language"] == ["es"]


def test_the_other_language_still_filters_the_results(searcher):
    response = searcher.search(QUESTION)
    assert [h.pid for h in response.results] == [model_pid("acme/traductor", BASE)]
