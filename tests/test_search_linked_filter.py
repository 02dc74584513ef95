"""A linked value read from the question as a filter ("Which models mention arXiv 2401.00001?"): every FDO passing it
joins the results (docs/search.md, "Ranking", linked first), not only the concept list's first ``BOOST_K``."""

from __future__ import annotations

import pytest

from registry.search import get_searcher
from registry.search.searcher import BOOST_K
from registry.service import Registry
from tests.factories import BASE, model_doing, model_pid, task_record
from tests.test_chat_links import PAPER, cites, paper_record

CITING = BOOST_K + 5


@pytest.fixture(scope="module")
def registry():
    registry = Registry.open({"BASE_URL": BASE, "LLM": "extractive"}, in_memory=True, environ={})
    models = [model_doing(f"acme/adapter-{i}", "text-generation", downloads=i, description="A small adapter.",
                          extra=cites(f"acme/adapter-{i}")) for i in range(CITING)]
    models.append(model_doing("acme/other", "text-generation", downloads=1000, description="Cites nothing."))
    registry.store.ingest_many([task_record("text-generation"), paper_record()] + models)
    yield registry
    registry.close()


def test_every_fdo_passing_a_linked_filter_read_from_the_question_joins_the_results(registry):
    searcher = get_searcher(registry)
    first = searcher.search("Which models mention arXiv 2401.00001?", per_page=100)
    [read] = [r for r in first.understanding.recognised if r.facet == "paper"]
    assert read.mode == "filter" and read.values == ("arXiv:2401.00001",)
    assert first.total == CITING
    second = searcher.search("Which models mention arXiv 2401.00001?", page=2, per_page=100)
    listed = {h.pid for h in first.results + second.results}
    assert listed == {model_pid(f"acme/adapter-{i}") for i in range(CITING)}
    # past the concept list's 100 (the most downloaded here) they follow, the most downloaded first
    late = reversed(range(CITING - BOOST_K))
    assert [h.pid for h in second.results] == [model_pid(f"acme/adapter-{i}") for i in late]
    # the paper's own facet counts them all
    [paper] = [f for f in first.facets if f.name == "paper"]
    assert [(v.value, v.count) for v in paper.values if v.selected] == [("arXiv:2401.00001", CITING)]
