"""A Hub tag a question means in plain words ("allow remote code to load": custom_code; "fine-tuned with DreamBooth":
dreambooth) ranks up the models carrying it: the tags are concepts (registry/ontology/vocabularies/hub-tags.ttl), as a
library the Hub shows only as a tag is (mergekit); a data set is not read from the relation's own verb ("trained with
the diffusers training scripts": no data set named "training"); an imageboard is a subject area shown by 4chan data."""

from __future__ import annotations

import pytest
from pyoxigraph import Literal, NamedNode, Triple

from registry.search.concepts import HUB_TAG
from registry.vocab import MLFDO, SCHEMA
from tests.factories import BASE, concepts_searcher, dataset_record, model_doing, model_pid

TAGGED = {"acme/remote-arch": "custom_code", "acme/dog-booth": "dreambooth", "acme/pet-painter": "diffusers-training",
          "acme/two-in-one": "mergekit", "acme/tgi-chat": "text-generation-inference"}


def _model(name: str, task: str, tag: str | None, description: str, downloads: int = 10, datasets=()):
    pid = NamedNode(model_pid(name, BASE))
    extra = [Triple(pid, MLFDO.library, Literal("transformers"))]
    if tag:
        extra.append(Triple(pid, SCHEMA.keywords, Literal(tag)))
    return model_doing(name, task, downloads=downloads, description=description, datasets=datasets, extra=extra)


@pytest.fixture(scope="module")
def searcher():
    records = [
        _model("acme/remote-arch", "text-generation", "custom_code", "A chat model with a new attention layout."),
        _model("acme/dog-booth", "text-to-image", "dreambooth", "Draws one corgi in many scenes."),
        _model("acme/pet-painter", "text-to-image", "diffusers-training", "Paints pets in watercolour."),
        _model("acme/two-in-one", "text-generation", "mergekit", "Two chat models averaged into one."),
        _model("acme/tgi-chat", "text-generation", "text-generation-inference", "Answers support tickets."),
        # what the question's words would find without the tags: code writers, a popular painter, a data set of
        # training text
        _model("acme/python-coder", "text-generation", None, "Writes Python code and custom scripts; load it and "
               "run it on remote code bases.", downloads=5000),
        _model("acme/painter", "text-to-image", None, "Paints pictures from prompts, trained with care.",
               downloads=5000, datasets=("acme/training-corpus",)),
        dataset_record("acme/training-corpus", stub=False),
    ]
    yield from concepts_searcher(records)


def _over(searcher, question: str, first: str, other: str) -> bool:
    """Say whether ``first`` gets a greater boost than ``other`` for ``question``."""
    qu = searcher.understand(question)
    a, b = model_pid(first, BASE), model_pid(other, BASE)
    judged = searcher.judge([a, b], qu)
    return judged[a][1] > judged[b][1]


@pytest.mark.parametrize("question", [
    "Which models ship their own modelling code, so that I'd have to allow remote code to load them?",
    "Which models need trust_remote_code?",
    "models that run custom Python on load",
    "Which repos come with custom code for their architecture?",
])
def test_a_question_meaning_custom_code_boosts_the_tagged_model(searcher, question):
    qu = searcher.understand(question)
    assert "custom_code" in qu.tags, question
    assert [r for r in qu.recognised if r.label == "Hub tag: custom_code" and r.mode == "boost"]
    # "code" here is the model's own Python: no programming asked for
    assert "programming" not in qu.expansions
    assert _over(searcher, question, "acme/remote-arch", "acme/python-coder")


@pytest.mark.parametrize("question, tag", [
    ("Which image models were fine-tuned with DreamBooth?", "dreambooth"),
    ("Which models were trained with the diffusers training scripts?", "diffusers-training"),
    ("models fine-tuned with diffusers", "diffusers-training"),
    ("Which chat models can I serve with TGI?", "text-generation-inference"),
])
def test_a_tag_named_or_described_is_read_as_the_tag(searcher, question, tag):
    assert tag in searcher.understand(question).tags, question


def test_a_library_shown_only_as_a_tag_boosts_the_tag_by_its_plain_words(searcher):
    # mergekit's job in words ("merge the weights of several models") is no library any model holds: its tag is met
    qu = searcher.understand("Which models merge the weights of several models?")
    assert "mergekit" in qu.tags
    assert _over(searcher, "Which models merge the weights of several models?", "acme/two-in-one", "acme/tgi-chat")


@pytest.mark.parametrize("question", [
    "fast inference for text generation",  # the server's name is matched only written whole
    "a model that writes code for my own project",
    "Which models were trained on legal text?",
])
def test_words_of_a_tag_s_phrases_said_otherwise_read_no_tag(searcher, question):
    qu = searcher.understand(question)
    assert not {"custom_code", "text-generation-inference", "diffusers-training"} & set(qu.tags), question


def test_the_relation_s_own_verb_names_no_data_set(searcher):
    # "training" of "trained with the diffusers training scripts" named the data sets holding the word
    qu = searcher.understand("Which models were trained with the diffusers training scripts?")
    assert not [r for r in qu.recognised if r.facet == "dataset"]
    # a data set's own name after the relation is still read
    named = searcher.understand("Which models were trained on the training-corpus data?")
    assert [r.values for r in named.recognised if r.facet == "dataset"] == [("acme/training-corpus",)]


def test_imageboard_posts_are_a_subject_area_shown_by_4chan_data():
    records = [_model("acme/chan-talk", "text-generation", None, "A chat model.", datasets=("someone/4chan",)),
               dataset_record("someone/4chan", stub=False),
               _model("acme/board-games", "text-generation", None, "Explains board games from images.")]
    for s in concepts_searcher(records):
        for question in ("Has anyone trained a model on imageboard posts?", "models that learned from 4chan threads",
                         "a model trained on posts from anonymous forums"):
            qu = s.understand(question)
            assert [r for r in qu.recognised if r.facet == "topic" and "imageboards" in r.values], question
            assert _over(s, question, "acme/chan-talk", "acme/board-games"), question


def test_every_hub_tag_concept_carries_a_tag_and_plain_phrases():
    from harvesters.vocabularies import concept_records

    terms = [r for r in concept_records(BASE) if r.platform == "hub-tag"]
    assert len(terms) >= 6
    for record in terms:
        predicates = {t.predicate for t in record.triples}
        assert MLFDO.hubTag in predicates and MLFDO.plainDescription in predicates, record.platform_id
    assert HUB_TAG == "hub-tag"
