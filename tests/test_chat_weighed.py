"""What the chat puts forward: the question's words weighed by their rarity in the search index, a tag or acronym read
in their place, a filter the search left out because nothing meets it, the task the question means with its filters."""

from __future__ import annotations

from dataclasses import replace

import pytest

from pyoxigraph import Literal, NamedNode, Triple

from harvesters.vocabularies import harvest
from registry.pid import mint_id, pid_iri
from registry.record import Record, SourceInfo
from registry.service import Registry
from registry.vocab import CODEMETA, RDF, SCHEMA
from registry.search.understand import read
from tests.chatting import after_first_search
from tests.data.search.records import BASE, model_records, pid_of

# (id, tasks, languages, parameters, keywords, description): written for these tests
MODELS = [
    ("acme/seed-grader", ["image-classification"], [], 90_000_000, [], "Grades seeds by size from photos of a tray."),
    ("acme/crop-advisor", ["text-generation"], ["en"], 1_000_000_000, [],
     "Suggests which crops to sow in spring and when to water them."),
    ("acme/kind-helper", ["text-generation"], ["en"], 7_000_000_000, ["rlhf"],
     "Assistant tuned with RLHF on replies that people rated."),
    ("acme/pocket-vision", ["image-classification"], [], 5_000_000, ["coreml"], "Names the dog breed in a picture."),
    ("acme/loud-reader", ["text-to-speech"], ["en"], 300_000_000, [], "Reads written lines aloud in a calm voice."),
    ("acme/story-voice", ["text-to-speech"], ["en"], 900_000_000, [], "Reads bedtime stories aloud."),
    # chat models stating no language, models of another task stating Indonesian, one chat model stating it
    *[(f"acme/chatty-{i}", ["text-generation"], [], 2_000_000_000, [], "Chat assistant meant for short replies.")
      for i in range(4)],
    *[(f"acme/pandang-{i}", ["image-text-to-text"], ["id"], 8_000_000_000, [],
       "Chat about pictures, meant for Indonesian and English.") for i in range(4)],
    ("acme/cerita", ["text-generation"], ["id"], 3_000_000_000, [], "Continues stories written in Indonesian."),
    # two models named for a training method, one citing a paper
    ("acme/helper-dpo", ["text-generation"], ["en"], 1_000_000_000, [], "Chat assistant tuned with DPO."),
    ("acme/rival-dpo", ["text-generation"], ["en"], 1_000_000_000, [], "Chat assistant tuned with DPO on more pairs."),
    ("acme/many-minds", ["text-generation"], ["en"], 40_000_000_000, ["moe"], "Large chat model routing to experts."),
    # a word most records hold ("meant") says little
    *[(f"acme/filler-{i}", ["fill-mask"], ["en"], 100_000_000, [], "Meant for guessing a hidden word.")
      for i in range(4)],
]


@pytest.fixture(scope="module")
def registry():
    registry = Registry.open({"BASE_URL": BASE, "LLM": "extractive"}, in_memory=True, environ={})
    records = []
    for i, (model_id, tasks, languages, params, keywords, description) in enumerate(MODELS):
        spec = {"id": model_id, "task": tasks, "languages": languages, "params": params, "keywords": keywords,
                "created": "2024-01-01", "downloads": 1000 - i, "description": description, "licence": "MIT"}
        records += model_records(spec)
    paper = pid_iri(BASE, mint_id("arxiv", "2399.00001"))  # held by its arXiv id alone, as Hub tags name papers
    records.append(Record(paper, [Triple(NamedNode(paper), RDF.type, SCHEMA.ScholarlyArticle),
                                  Triple(NamedNode(paper), SCHEMA.identifier, Literal("arXiv:2399.00001"))],
                          kind="paper", platform="arxiv", platform_id="2399.00001", source=SourceInfo("test", "1")))
    cite = Triple(NamedNode(pid_of("acme/helper-dpo")), CODEMETA.referencePublication, NamedNode(paper))
    records = [replace(r, triples=[*r.triples, cite]) if r.pid == pid_of("acme/helper-dpo") else r for r in records]
    registry.store.ingest_many(records)
    harvest(registry.store)  # the concepts ("speech synthesiser": text to speech)
    yield registry
    registry.close()


def offered(answer) -> set[str]:
    return {c.pid for c in answer.answers}


def test_words_weigh_by_their_rarity_in_the_index(chat):
    from registry.chat.evidence import read_topic

    q = read("Which model sorts seeds by chat?", chat.retriever.search.understand)
    topic = read_topic(q, chat.retriever.search.document_frequencies)
    # "chat": half the records hold it, it weighs little; "sort": no record holds it, it weighs nothing
    assert topic.weights["seed"] > 2 * topic.weights["chat"] > 0
    assert topic.weights["sort"] == 0


def test_words_a_few_records_hold_weigh_the_same_and_a_frame_word_is_no_topic(chat):
    from registry.chat.evidence import read_topic

    # one record holds "seeds", two hold "aloud": both say what the question is about, neither more than the
    # other; "meant for" is how the question is put
    q = read("Which model is meant for seeds or reading aloud?", chat.retriever.search.understand)
    topic = read_topic(q, chat.retriever.search.document_frequencies)
    assert topic.weights["seed"] == topic.weights["aloud"] > 0
    assert "meant" not in topic.weights


def test_a_model_with_the_rare_word_is_put_forward_though_it_lacks_the_filler_words(chat):
    # unweighed, seed-grader holds 1 of 3 words (under half) and the question was refused
    answer = chat.ask("Which model is meant for sorting seeds?")
    assert answer.answerable and offered(answer) == {pid_of("acme/seed-grader")}


def test_words_no_record_holds_and_plain_job_verbs_do_not_hide_the_one_that_counts(chat):
    answer = chat.ask("Which model helps decide how to manage crops?")
    assert offered(answer) == {pid_of("acme/crop-advisor")}


def test_a_question_no_record_holds_a_word_of_is_still_refused(chat):
    answer = chat.ask("What is the capital of France?")
    assert not answer.answerable and answer.answers == []


def test_an_acronym_written_out_is_held_by_a_model_tagged_with_it(chat):
    answer = chat.ask("Which models were trained with reinforcement learning from human feedback?")
    assert offered(answer) == {pid_of("acme/kind-helper")}


def test_a_format_read_as_a_hub_tag_is_held_by_a_model_tagged_with_it(chat):
    # "run" is a job verb, "iPhone" no record holds: the tag coreml is what the question asks
    answer = chat.ask("Which models can I run on an iPhone with Core ML?")
    assert offered(answer) == {pid_of("acme/pocket-vision")}


def test_a_size_no_model_meets_is_left_out_as_search_does_and_the_answer_says_so(chat):
    answer = chat.ask("I want a small speech synthesiser under 100 million parameters.")
    assert answer.answerable
    assert offered(answer) and offered(answer) <= {pid_of("acme/loud-reader"), pid_of("acme/story-voice")}
    assert "No record in the registry meets “under 100 million parameters”" in answer.text


def test_filters_and_the_task_meant_are_searched_together_when_no_first_hit_has_both(chat):
    retriever = chat.retriever
    # first hits: chat models stating no language
    q, ctx = after_first_search(retriever, "Which chat models speak Indonesian?", "chat assistant short replies", 3)
    assert {h.pid for h in ctx.search.hits} <= {pid_of(f"acme/chatty-{i}") for i in range(4)}
    found = [h.pid for h in retriever._stated_hits(q, ctx, {h.pid for h in ctx.search.hits})]
    # the models stating Indonesian that are no chat models (image-text to text) are not what it asks
    assert found == [pid_of("acme/cerita")]


def test_a_chat_model_stating_the_language_is_put_forward(chat):
    answer = chat.ask("Which chat models speak Indonesian?")
    assert pid_of("acme/cerita") in offered(answer)
    assert not offered(answer) & {pid_of(f"acme/pandang-{i}") for i in range(4)}


def test_a_list_of_models_citing_a_paper_offers_only_models_that_cite_one(chat):
    # the paper is not resolved from its name: both models show its words (DPO), only one cites a paper
    answer = chat.ask("Which models point to the Direct Preference Optimization paper?")
    assert offered(answer) == {pid_of("acme/helper-dpo")}


def test_an_acronym_written_out_with_hyphens_is_a_topic_not_an_unknown_name(chat):
    # "mixture-of-experts" is shaped like a model name; it is what "moe" stands for
    answer = chat.ask("Which models use a mixture-of-experts design?")
    assert "no model called" not in answer.text
    assert pid_of("acme/many-minds") in offered(answer)
