"""Among models showing a topical question equally, only through the task they state, the most used are offered."""

from __future__ import annotations

import pytest

from registry.chat.context import Candidate
from registry.chat.evidence import by_use
from registry.chat.facts import gather
from registry.service import Registry
from tests.factories import BASE, model_doing, model_pid, task_record

DOWNLOADS = {"empty-a": 0, "empty-b": 3, "used": 1_465_961, "task-only": 9_000_000, "worded-a": 0, "worded-b": 50,
             "less": 9_000_000, "more": 0}


@pytest.fixture(scope="module")
def facts():
    registry = Registry.open({"BASE_URL": BASE, "LLM": "extractive"}, in_memory=True, environ={})
    registry.store.ingest_many([task_record("token-classification")] + [
        model_doing(f"acme/{name}", "token-classification", downloads=n) for name, n in DOWNLOADS.items()])
    yield gather(registry.store, [model_pid(f"acme/{name}") for name in DOWNLOADS])
    registry.close()


@pytest.fixture
def cand(facts):
    def make(name: str, own: tuple[str, ...] = (), coverage: float = 1.0) -> Candidate:
        pid = model_pid(f"acme/{name}")
        return Candidate(pid, 0.5, {"search"}, facts[pid], coverage=coverage, covered=frozenset(("peopl", "place")),
                         own=frozenset(own))
    return make


def names(cands: list[Candidate]) -> list[str]:
    return [c.facts.name.rsplit("/", 1)[-1] for c in cands]


def test_models_showing_the_question_only_through_their_task_are_offered_most_downloaded_first(cand):
    # two empty cards the search put first, then a token classifier a million downloads use
    found = [cand("empty-a"), cand("empty-b"), cand("used")]
    assert names(by_use(found)) == ["used", "empty-b", "empty-a"]


def test_models_whose_own_facts_hold_the_words_keep_the_search_order_ahead_of_the_rest(cand):
    found = [cand("task-only"), cand("worded-a", own=("peopl",)), cand("worded-b", own=("place",))]
    assert names(by_use(found)) == ["worded-a", "worded-b", "task-only"]


def test_models_showing_more_of_the_question_come_first_whatever_their_downloads(cand):
    found = [cand("less", coverage=0.9), cand("more", coverage=1.0)]
    assert names(by_use(found)) == ["more", "less"]
