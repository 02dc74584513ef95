"""The chat's closest records for a well-known model family the registry does not hold follow the search's ranking
of its kin (docs/chat.md, "not in the registry"), not the chat's own weighing of the question's other words."""

from __future__ import annotations

import pytest

from tests.factories import model_pid
from tests.test_search_known_names import KIN
from tests.cpu import assert_cpu_within


@pytest.fixture(scope="module")
def chat():
    from harvesters.vocabularies import harvest
    from registry.chat import ChatService
    from registry.service import Registry
    from tests.factories import BASE

    registry = Registry.open({"BASE_URL": BASE, "LLM": "extractive"}, in_memory=True, environ={})
    harvest(registry.store)
    registry.store.ingest_many(KIN)
    service = ChatService(registry, llm="extractive")
    yield service
    service.close()
    registry.close()


def test_the_closest_records_of_a_family_not_held_are_its_kin_in_the_search_order(chat):
    # LLaVA is built on Llama: the search ranks Llama-4-Scout (doing its job, its name holding the base's word) before
    # a more downloaded image-and-text model of no kin; the chat named the more downloaded one first
    answer = chat.ask("Do you have LLaVA?")
    assert answer.text.startswith("“LLaVA” is not in the registry")
    assert answer.answers == []
    assert [c.pid for c in answer.closest][:1] == [model_pid("meta-llama/Llama-4-Scout")]


def test_the_words_set_aside_go_on_to_the_end_of_a_list_only_for_what_an_answer_lacks():
    from registry.chat.evidence import set_aside
    text = "Which models work with numbers rather than with language, images or sound?"
    assert {"languag", "imag", "sound"} <= set_aside(text, lists=True)
    assert "imag" not in set_aside(text)  # the job words keep them: the search finds models of them
    assert set_aside("Summaries rather than text, and it should run fast", lists=True) & {"fast", "run"} == set()


def test_a_list_set_aside_is_read_in_time_linear_in_the_question():
    # each "not" read the run of short items after it to the question's end: 10 kB took ~1.7 s
    from registry.chat.evidence import set_aside
    assert_cpu_within(lambda: set_aside("not a, b, " * 1_000, lists=True), 0.3)
    assert "imag" in set_aside("not for images, video, and sound", lists=True)


def _found(*tasks: tuple[str, ...]):
    from types import SimpleNamespace

    from registry.chat.context import Candidate
    return [Candidate(f"m{i}", 0.0, {"search"}, SimpleNamespace(kind="model", tasks=[SimpleNamespace(key=t) for t in ts]))
            for i, ts in enumerate(tasks)]


def test_with_no_words_shown_the_closest_are_the_first_hits_agreeing_on_an_uncommon_job():
    from registry.chat.retrieval import _same_job_run
    found = _found(("text-generation", "time-series-forecasting"), ("time-series-forecasting",),
                   ("time-series-forecasting",), ("translation",), ("time-series-forecasting",))
    common = lambda tasks: tasks & {"text-generation"}  # noqa: E731
    assert [c.pid for c in _same_job_run(found, common)] == ["m0", "m1", "m2"]  # the run stops at the translator
    chat_models = _found(("text-generation",), ("text-generation",))
    assert [c.pid for c in _same_job_run(chat_models, common)] == ["m0"]  # sharing a common task says nothing


def test_models_naming_a_base_without_saying_how_they_derive_are_listed_as_based_on_it():
    # a card listing two bases has the Hub tag one with its kind: the other is linked by schema:isBasedOn alone, and
    # "What has been made from X?" said the registry records no models derived from X
    from pyoxigraph import NamedNode, Triple

    from harvesters.vocabularies import harvest
    from registry.chat import ChatService
    from registry.service import Registry
    from registry.vocab import SCHEMA
    from tests.factories import BASE, model_doing, task_record

    based = model_doing("solo/two-bases", "text-generation", base_model="acme/first-base", downloads=5,
                        extra=[Triple(NamedNode(model_pid("solo/two-bases")), SCHEMA.isBasedOn,
                                      NamedNode(model_pid("acme/second-base")))])
    registry = Registry.open({"BASE_URL": BASE, "LLM": "extractive"}, in_memory=True, environ={})
    try:
        harvest(registry.store)
        registry.store.ingest_many([task_record("text-generation"), based,
                                    model_doing("acme/first-base", "text-generation", stub=True),
                                    model_doing("acme/second-base", "text-generation", stub=True)])
        chat = ChatService(registry, llm="extractive")
        answer = chat.ask("What has been made from acme/second-base?")
        assert "1 model is based on" in answer.text
        assert model_pid("solo/two-bases") in {c.pid for c in answer.answers}
        # a base some model says it is fine-tuned from lists those only
        assert "fine-tuned" in chat.ask("What has been made from acme/first-base?").text
        chat.close()
    finally:
        registry.close()
