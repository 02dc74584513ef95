"""Chat and search: the asker's business, described in a question about the terms of use, is no subject of the models
asked for; a licence family asked for offers the permissively licensed models first.

"Our accounting firm wants a French model. Which ones may we use commercially?" asks for French models under a licence
allowing commercial use, not for finance models; "Which Arabic-speaking models may we use commercially?" offers the
models under a permissive licence before the more downloaded ones under a community licence with conditions of use.
"""

from __future__ import annotations

import pytest

from registry.chat import ChatService
from registry.search import get_searcher
from registry.search.understand import business_told, read
from tests.factories import model_doing, model_pid, registry_holding, task_record, topic

RECORDS = [
    # Welsh models: two under permissive licences, one of law, and a much more used one under a community licence
    model_doing("acme/cymraeg-chat", "text-generation", languages=("cy",), downloads=20, licence="MIT",
                description="Chats."),
    model_doing("acme/cymraeg-writer", "text-generation", languages=("cy",), downloads=10, licence="Apache-2.0",
                description="Writes letters."),
    model_doing("acme/cyfraith-bot", "text-generation", languages=("cy",), downloads=1, licence="MIT",
                keywords=("legal",), description="Answers questions on statutes."),
    model_doing("acme/cymraeg-giant", "text-generation", languages=("cy",), downloads=90_000, licence="llama2",
                description="Talks."),
    # Welsh models under copyleft licences: one the permissive list holds too (MS-PL), one more used (GPL)
    model_doing("acme/cymraeg-mspl", "text-generation", languages=("cy",), downloads=0, licence="MS-PL",
                description="Spells."),
    model_doing("acme/cymraeg-gpl", "text-generation", languages=("cy",), downloads=5_000, licence="GPL-3.0-only",
                description="Rhymes."),
    # law and finance models in no stated language
    model_doing("acme/lawbot", "text-generation", downloads=50, licence="MIT", keywords=("legal",),
                description="Answers questions on law."),
    model_doing("acme/ledger", "text-generation", downloads=50, licence="MIT", keywords=("finance",),
                description="Reads balance sheets for accountants."),
]


@pytest.fixture(scope="module")
def registry():
    yield from registry_holding([task_record("text-generation")] + RECORDS)


@pytest.fixture(scope="module")
def chat(registry):
    return ChatService(registry, llm="extractive")


def pids(*names: str) -> set[str]:
    return {model_pid(n) for n in names}


@pytest.mark.parametrize("question", [
    "We are a law firm. Which Welsh models may we use commercially?",
    "Which Welsh-speaking models may our law firm use commercially?",
    "Our accounting firm sells software in Wales. Which Welsh models does the licence let us use?",
    "My insurance company sells policies. Which Welsh models does the licence allow for commercial use?",
])
def test_the_askers_business_in_a_question_about_terms_is_no_subject_of_the_models(chat, question):
    answer = chat.ask(question)
    assert answer.answerable, question
    assert pids("acme/cymraeg-chat", "acme/cymraeg-writer") <= {c.pid for c in answer.answers}, question


def test_a_subject_asked_for_beside_the_askers_business_stays(chat):
    answer = chat.ask("Our law firm wants legal Welsh models. Which ones may we use commercially?")
    assert {c.pid for c in answer.answers} == pids("acme/cyfraith-bot")


@pytest.mark.parametrize("question", ["Which Welsh-speaking models may we use commercially?",
                                      "Which Welsh models may I put into a product I sell?"])
def test_a_licence_family_asked_for_offers_permissively_licensed_models_before_more_used_conditioned_ones(
        chat, question):
    answer = chat.ask(question)
    offered = [c.pid for c in answer.answers]
    assert model_pid("acme/cymraeg-giant") not in offered[:2], question
    assert set(offered[:2]) <= pids("acme/cymraeg-chat", "acme/cymraeg-writer", "acme/cyfraith-bot"), question


def test_a_licence_family_asked_for_its_terms_keeps_the_most_used_first(chat):
    # copyleft asks for terms, not leave to use: no preference for the permissive licences it holds (MS-PL)
    answer = chat.ask("Which Welsh models carry a copyleft licence?")
    assert [c.pid for c in answer.answers][:1] == [model_pid("acme/cymraeg-gpl")]


@pytest.mark.parametrize("question", [
    "Our law firm wants Welsh models. Which licences allow commercial use?",
    "Which Welsh models may my insurance company use commercially?",
])
def test_the_search_reads_no_subject_from_the_askers_business_in_a_question_about_terms(registry, question):
    assert topic(get_searcher(registry).understand(question)) is None, question


@pytest.mark.parametrize("question", [
    "Our law firm wants legal Welsh models. Which ones may we use commercially?",  # the subject asked for too
    "Our law firm needs a model that reads contracts.",  # no question about terms: the firm may be what it is for
])
def test_the_search_reads_a_subject_said_outside_the_business_or_without_terms(registry, question):
    assert topic(get_searcher(registry).understand(question)) is not None, question


def test_the_business_told_is_the_askers_company_or_what_it_sells():
    text = "Our accounting firm sells software in the Gulf. Which models may we use commercially?"
    assert [text[a:b] for a, b in business_told(text)] == ["Our accounting firm", "sells software in the Gulf"]
    assert business_told("Our law firm needs a model that reads contracts.") == []  # no licence talk
    assert business_told("Which models does the licence allow? We will not sell anything.") == []  # a use denied


def test_the_readers_topical_words_leave_out_the_askers_business():
    assert read("Our accounting firm wants a French model. Which ones may we use commercially?").terms == \
        read("Which French models may we use commercially?").terms
