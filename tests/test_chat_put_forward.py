"""Chat: which records an answer puts forward as answers, and which it names as the closest only.

Fine-tunes of a base about a subject area are those showing it (by its words or its markers); a name a base's copy
carries is the base the relation names; an answer about a named model offers it, and every other holder of an
ambiguous name, not the base or data its facts name; the asker's business is no topic; a proper name a model's name
holds shortened counts; words no model can show ask for nothing beyond the field.
"""

from __future__ import annotations

from dataclasses import replace

import pytest
from pyoxigraph import Literal, Triple

from registry.chat import ChatService
from registry.chat.evidence import _business_words, _shortened
from registry.search.understand import read
from registry.vocab import SCHEMA
from tests.factories import model_doing, model_pid, registry_holding

def named_as(record, name: str):
    """Return ``record`` with ``name`` as its schema:name."""
    return replace(record, triples=[Triple(t.subject, t.predicate, Literal(name)) if t.predicate == SCHEMA.name else t
                                    for t in record.triples])


RECORDS = [
    # a base, its fine-tunes on two subject areas and a general one
    model_doing("acme/sage-2", "text-generation", downloads=900, description="Continues text."),
    model_doing("acme/sage-2-carer", "text-generation", base_model="acme/sage-2", downloads=3, keywords=("medical",),
                description="Answers questions from patients."),
    model_doing("acme/sage-2-ward", "text-generation", base_model="acme/sage-2", downloads=2, keywords=("clinical",),
                description="Summarises notes."),
    model_doing("acme/sage-2-chatty", "text-generation", base_model="acme/sage-2", downloads=400,
                description="Chats about anything."),
    model_doing("acme/sage-2-counsel", "text-generation", base_model="acme/sage-2", downloads=5, keywords=("legal",),
                description="Reads contracts."),
    # a base known only by reference, a more downloaded copy of it under the same name, and its fine-tunes
    model_doing("lab/Orbit-5", None, stub=True),
    model_doing("copycat/Orbit-5", "text-generation", base_model="lab/Orbit-5", downloads=500,
                description="The same weights, copied."),
    model_doing("acme/orbit-advocate", "text-generation", base_model="lab/Orbit-5", downloads=4, keywords=("legal",),
                description="Drafts court filings."),
    model_doing("acme/orbit-chef", "text-generation", base_model="lab/Orbit-5", downloads=6,
                description="Suggests recipes."),
    # two records called the same, one of them fine-tuned from sage-2
    model_doing("ann/helper-x", "text-generation", base_model="acme/sage-2", downloads=40, description="Helps."),
    model_doing("bob/helper-x", "text-generation", downloads=10, description="Helps too."),
    # a fine-tune whose card repeats its base's name as its own (as training tools write it)
    named_as(model_doing("dan/helper-x-dpo", "text-generation", base_model="ann/helper-x", downloads=20,
                         description="Helps, preference-tuned."), "helper-x"),
    # law models, one of a named state written shortened in its name
    model_doing("acme/NevLaw-7b", "text-generation", downloads=1, keywords=("legal",),
                description="Answers questions on statutes."),
    model_doing("acme/lawbot", "text-generation", downloads=50, keywords=("legal",),
                description="Answers questions on law."),
    model_doing("acme/statute-reader", "text-generation", downloads=30, keywords=("legal",),
                description="Reads law texts."),
    # Welsh models under an open licence, and models whose cards speak of a firm's software
    model_doing("acme/cymraeg-chat", "text-generation", languages=("cy",), downloads=20, licence="MIT",
                description="Chats."),
    model_doing("acme/cymraeg-writer", "text-generation", languages=("cy",), downloads=10, licence="Apache-2.0",
                description="Writes letters."),
    model_doing("acme/firm-software-bot", "text-generation", downloads=5, licence="MIT",
                description="Writes software for a firm."),
    model_doing("acme/ledger-helper", "text-generation", downloads=5, licence="MIT", languages=("en",),
                description="Ticketing software: prints a firm's tickets."),
    # sound in and sound out
    model_doing("acme/voice-maker", "text-to-speech", downloads=8, description="Reads a script aloud."),
    model_doing("acme/listener", "automatic-speech-recognition", downloads=9, description="Writes down talks."),
    model_doing("acme/painter", "text-to-image", downloads=90, description="Paints."),
]
TASKS = ("text-generation", "text-to-speech", "automatic-speech-recognition", "text-to-image")


@pytest.fixture(scope="module")
def chat():
    from tests.factories import task_record
    for registry in registry_holding([task_record(t) for t in TASKS] + RECORDS):
        yield ChatService(registry, llm="extractive")


def offered(answer) -> set[str]:
    return {c.pid for c in answer.answers}


def pids(*names: str) -> set[str]:
    return {model_pid(n) for n in names}


@pytest.mark.parametrize("question", ["Which sage-2 fine-tunes are about medicine?",
                                      "Which sage-2 fine-tunes deal with healthcare?"])
def test_fine_tunes_about_a_subject_area_are_those_showing_it_by_its_markers(chat, question):
    answer = chat.ask(question)
    assert offered(answer) == pids("acme/sage-2-carer", "acme/sage-2-ward")


def test_fine_tunes_about_another_subject_area_leave_the_medical_ones_out(chat):
    answer = chat.ask("Which sage-2 fine-tunes are about law?")
    assert offered(answer) == pids("acme/sage-2-counsel")


def test_a_name_a_bases_copy_carries_is_the_base_the_relation_names(chat):
    answer = chat.ask("Which Orbit-5 fine-tunes deal with law?")
    assert offered(answer) == pids("acme/orbit-advocate")
    # the answer lists the base's fine-tunes, and a note says the name's holder it reads is the original the copy
    # carrying the name is built on, never the most downloaded holder
    assert "the original the others are built on" in answer.text
    assert "the most downloaded" not in answer.text


@pytest.mark.parametrize("question", ["What is helper-x?", "Tell me about helper-x."])
def test_an_ambiguous_name_offers_every_holder_and_not_the_base_its_facts_name(chat, question):
    answer = chat.ask(question)
    assert "is the name of 2 FDOs" in answer.text
    assert offered(answer) == pids("ann/helper-x", "bob/helper-x")
    assert model_pid("acme/sage-2") in {c.pid for c in answer.citations}  # named in a fact, as context


@pytest.mark.parametrize("question", ["What is helper-x?", "What licence does helper-x have?"])
def test_a_fine_tune_whose_card_repeats_its_bases_name_is_no_other_holder_of_the_name(chat, question):
    answer = chat.ask(question)
    assert "is the name of 2 FDOs" in answer.text
    assert model_pid("dan/helper-x-dpo") not in offered(answer)


def test_a_named_model_is_offered_without_its_base(chat):
    answer = chat.ask("What is acme/sage-2-carer?")
    assert offered(answer) == pids("acme/sage-2-carer")


@pytest.mark.parametrize("question", ["Is there a model that knows the law of Nevada?",
                                      "Which models answer questions on the statutes of Nevada?"])
def test_a_proper_name_held_shortened_in_a_models_name_leaves_the_partial_matches_closest(chat, question):
    answer = chat.ask(question)
    assert offered(answer) == pids("acme/NevLaw-7b")


def test_a_proper_name_is_read_shortened_to_half_its_letters_or_three_at_least():
    assert _shortened("the law of Texas and California", ("law", "texa", "california")) == {
        "texa": ["texa", "tex"], "california": ["californi", "californ", "califor", "califo", "calif"]}
    assert _shortened("Texas law", ("texa", "law")) == {}  # a sentence's first word may be capitalised for no name


@pytest.mark.parametrize("question", [
    "Our firm sells software in Wales. Which Welsh-speaking models may we use commercially?",
    "Our firm sells ticketing software. Which Welsh-speaking models may we use commercially?"])
def test_the_askers_business_is_no_topic_of_a_question_about_terms_of_use(chat, question):
    answer = chat.ask(question)
    assert answer.answerable
    assert offered(answer) == pids("acme/cymraeg-chat", "acme/cymraeg-writer")


@pytest.mark.parametrize("question", [
    "Our firm sells ticketing software. Which ticketing models for llama.cpp may we use commercially?",
    "Our firm sells ticketing software. Which ticketing models of version 2.0 may we use commercially?",
    "Our firm sells ticketing software. Which Llama-3.1 ticketing models may we use commercially?"])
def test_a_dot_inside_a_word_ends_no_question_sentence_when_the_askers_business_is_read(chat, question):
    # the question sentence says "ticketing" too: it is what the models are asked about, not only the business
    business = _business_words(read(question, chat.retriever.search.understand))
    assert "softwar" in business
    assert "ticket" not in business


@pytest.mark.parametrize("question", ["show me all the models that deal with sound, whether it goes in or comes out",
                                      "Which models deal with sound, whether it goes in or comes out?"])
def test_words_no_model_can_show_ask_nothing_beyond_the_field(chat, question):
    answer = chat.ask(question)
    assert answer.answerable
    assert offered(answer) == pids("acme/voice-maker", "acme/listener")
