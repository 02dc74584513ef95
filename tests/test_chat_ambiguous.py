"""Chat: a name several FDOs carry is read as the most downloaded one, the answer says so and offers the others."""

from __future__ import annotations

import pytest

from registry.chat import ChatService
from registry.pid import mint_id
from registry.rdfio import format_by_name, parse_text
from registry.records_from_rdf import records_from_quads
from tests.data.chat.fixture import chat_registry

# A second model whose short name is the one of facebook/bart-large-cnn (3,000,000 downloads in the fixture).
SAME_NAME = f"""
@prefix fair4ml: <https://w3id.org/fair4ml#> .
@prefix schema: <https://schema.org/> .
@prefix mlfdo: <https://w3id.org/mlfdo/ns#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
<fdo/{mint_id('hf', 'jdoe/bart-large-cnn')}> a fair4ml:MLModel ; schema:name "jdoe/bart-large-cnn" ;
    schema:identifier "jdoe/bart-large-cnn" ; schema:alternateName "bart-large-cnn" ;
    schema:url <https://huggingface.co/jdoe/bart-large-cnn> ;
    schema:description "A copy of a news summariser retrained by one person on a handful of local papers." ;
    schema:license <https://spdx.org/licenses/GPL-3.0> ;
    mlfdo:downloads "40"^^xsd:integer .
"""


@pytest.fixture(scope="module")
def chat():
    registry = chat_registry()
    quads = parse_text(SAME_NAME, format_by_name("ttl"), base_iri=registry.store.base_url + "/")
    results = registry.store.ingest_many(records_from_quads(quads, registry.store.base_url, "same-name.ttl"))
    assert [r.status for r in results] == ["new"]
    yield ChatService(registry, llm="extractive")
    registry.close()


def href(model_id: str) -> str:
    return f"/fdo/{mint_id('hf', model_id)}"


def test_ambiguous_name_answer_says_which_fdo_it_chose_and_names_the_other(chat):
    answer = chat.ask("What licence does bart-large-cnn have?")
    first = answer.text.splitlines()[0]
    assert "“bart-large-cnn” is the name of 2 FDOs" in first
    assert "this answer is about `facebook/bart-large-cnn`, the most downloaded" in first
    assert "`jdoe/bart-large-cnn`" in first
    assert "MIT" in answer.text and "GPL-3.0" not in answer.text  # the chosen model's licence, not the other's
    assert href("facebook/bart-large-cnn") in {c.href for c in answer.citations}


def test_ambiguous_name_offers_the_same_question_about_the_other_fdo(chat):
    answer = chat.ask("What licence does bart-large-cnn have?")
    assert "What licence does jdoe/bart-large-cnn have?" in answer.follow_ups
    other = chat.ask(answer.follow_ups[answer.follow_ups.index("What licence does jdoe/bart-large-cnn have?")])
    assert "GPL-3.0" in other.text and "is the name of" not in other.text


def test_a_name_one_fdo_carries_gets_no_ambiguity_note(chat):
    answer = chat.ask("What licence does whisper-tiny have?")
    assert "is the name of" not in answer.text
    assert "Apache-2.0" in answer.text
