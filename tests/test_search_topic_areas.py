"""Fields and narrow jobs asked for in everyday words: every subject area the demo snapshot's tags and names show is
a concept whose names hold the words people ask with (money, spending; recipes, kitchen; teeth), and a question
using them reaches the models showing the field (docs/search.md, "Concepts")."""

from __future__ import annotations

import pytest
from pyoxigraph import Literal, NamedNode, Triple

from registry.search.engine import NEAR_TAG_LETTERS, one_edit
from registry.search.text import sparse_vector, tag_term, term_id
from registry.vocab import SCHEMA
from tests.factories import concepts_searcher, model_doing, model_pid, topic, weights, word_concepts


def tagged(name: str, task: str | None, *tags: str, **kwargs):
    pid = NamedNode(model_pid(name))
    return model_doing(name, task, extra=[Triple(pid, SCHEMA.keywords, Literal(t)) for t in tags], **kwargs)


MODELS = [
    tagged("lab/HouseholdFinance-Sorter", "text-classification", downloads=5, description="A classifier."),
    tagged("lab/ticket-sorter", "text-classification", downloads=900, description="Sorts entries into headings."),
    tagged("lab/orthodontist-helper", "text-classification", downloads=5, description="A classifier."),
    tagged("lab/clinic-chat", "text-generation", "medical", downloads=800, description="Answers patients."),
    tagged("lab/bureau-llm", "text-generation", "chaises+de+bureau", "ergonomie+au+travail", downloads=5,
           description="A chat model."),
    tagged("lab/plain-llm", "text-generation", downloads=700, description="A chat model for office work."),
    tagged("lab/jsonformer-llama", "text-generation", "json mode", downloads=5, description="A chat model."),
    tagged("lab/critic-llama", "text-generation", downloads=5, description="A chat model."),
    tagged("lab/answer-llama", "text-generation", downloads=900, description="A chat model that answers."),
]


@pytest.fixture(scope="module")
def searcher():
    yield from concepts_searcher(MODELS)


@pytest.fixture(scope="module")
def concepts():
    return word_concepts()


# the subject-area tags of the demo snapshot (harvesters/data/hf_snapshot), one or more models each, as written there
SNAPSHOT_FIELD_TAGS = ("art", "biology", "finance", "medical", "Medicine", "legal", "music", "chemistry", "climate",
                       "math", "Math", "physics", "agriculture", "history", "commerce", "Education", "university",
                       "materials science", "material science", "science", "scientific literature", "clinical trials",
                       "pubmed", "anamnesis", "farming", "crop", "crop-optimization", "ecom", "sales", "products",
                       "mobilier+de+bureau", "ergonomie+au+travail", "KPOP", "Literatue", "photographer",
                       "product shoot", "mockup design", "#resume")


def test_every_field_tag_of_the_demo_snapshot_is_a_marker_of_a_subject_area(concepts):
    markers = {tag_term(m) for c in concepts._build().concepts if c.facet == "domain" for m in c.markers}
    # (a tag one letter off a long marker, "Literatue", is taken for it: ``MemoryEngine.near_tags``)
    markers |= {tag_term(v) for c in concepts._build().concepts if c.facet == "domain" for m in c.markers
                if len(m) >= NEAR_TAG_LETTERS and m.isalpha() for v in one_edit(m.lower())}
    assert [t for t in SNAPSHOT_FIELD_TAGS if tag_term(t) not in markers] == []


@pytest.mark.parametrize("question, key", [
    ("Can a model keep track of my spending and sort my expenses?", "finance"),
    ("a helper for household budgeting", "finance"),
    ("Is there anything for a dentist's office, about teeth and fillings?", "dentistry"),
    ("Suggest a dish from the recipes I keep in my kitchen", "cooking"),
    ("Which models are about ergonomic office chairs?", "workplace"),
    ("I want someone to talk to about my anxiety", "mental-health"),
    ("spot malware in network logs", "cybersecurity"),
    ("Which models produce famous quotations?", "literature"),
    ("screen job applications and resumes", "recruitment"),
    ("answer questions about the quran", "religion"),
    ("help me design new alloys and polymers", "materials-science"),
    ("write tweets for my followers", "social-media"),
    ("characters for my video game", "games"),
    ("virtual try-on of clothes and outfits", "fashion"),
    ("product photography for my web store", "photography"),
    ("plan my holiday itinerary", "travel"),
    ("help a sysadmin keep the servers running", "it-operations"),
    ("questions about 3GPP standards for mobile networks", "telecommunications"),
])
def test_a_field_is_read_from_the_everyday_words_people_ask_with(concepts, question, key):
    assert key in {m.concept.key for m in concepts.match(question)}


@pytest.mark.parametrize("question, key", [
    ("Which model answers in JSON that fits a schema?", "structured-output"),
    ("I need replies in a machine-readable format", "structured-output"),
    ("Is there a model that can critique an essay?", "critique-and-revision"),
    ("a model that improves a draft answer", "critique-and-revision"),
    ("generate fake customer data for testing", "synthetic-data"),
    ("Which models learned from synthetic examples?", "synthetic-data"),
    ("flag the TODO comments and quick hacks in our codebase", "technical-debt-detection"),
    ("Can a model write the minutes of our weekly meeting?", "meeting-summarisation"),
])
def test_a_narrow_job_is_read_from_its_plain_description(concepts, question, key):
    assert key in {m.concept.key for m in concepts.match(question)}


def test_words_that_only_look_like_a_field_do_not_name_it(concepts):
    for question, key in [("a model that runs on a low budget", "finance"), ("a novel approach to translation", "literature"),
                          ("stress test a chat model", "mental-health"), ("course materials for my class", "materials-science"),
                          ("models by the authors of the paper", "literature"), ("a model for my office documents", "workplace"),
                          ("narrate my e-book as an audiobook", "literature")]:
        assert key not in {m.concept.key for m in concepts.match(question)}, question


def test_everyday_money_words_reach_the_model_named_for_personal_finance(searcher):
    question = "Could a model file each line of my spending diary under a heading?"
    assert topic(searcher.understand(question)).values == ("finance",)
    got = weights(searcher, question, ["lab/HouseholdFinance-Sorter", "lab/ticket-sorter"])
    assert got["lab/HouseholdFinance-Sorter"] > got["lab/ticket-sorter"]


def test_a_narrower_field_stands_before_its_broader_one(searcher, concepts):
    question = "Which model could triage patient emails for a dental clinic?"
    assert topic(searcher.understand(question)).values == ("dentistry",)  # "patient" alone would be medicine
    got = weights(searcher, question, ["lab/orthodontist-helper", "lab/clinic-chat"])
    assert got["lab/orthodontist-helper"] > got["lab/clinic-chat"]
    # the broader field is no task to boost
    assert concepts.boosts(concepts.match("dental practice")).get("task", {}) == {}
    # alone, the broader field's word still names it
    assert topic(searcher.understand("a model that answers patient questions")).values == ("medicine",)


def test_a_tag_joining_its_words_with_plus_holds_the_marker_written_with_spaces(searcher):
    held = set(sparse_vector({"keywords": ["ergonomie+au+travail", "c++"]})[0])
    assert term_id(tag_term("ergonomie au travail")) in held and tag_term("c++") == "#c++"
    question = "Which models know about workplace ergonomics?"
    assert topic(searcher.understand(question)).values == ("workplace",)
    got = weights(searcher, question, ["lab/bureau-llm", "lab/plain-llm"])
    assert got["lab/bureau-llm"] > got["lab/plain-llm"]


def test_a_kind_of_task_reaches_the_models_showing_it_by_tag_or_name(searcher):
    got = weights(searcher, "Which models reply with JSON my code can read?", ["lab/jsonformer-llama", "lab/answer-llama"])
    assert got["lab/jsonformer-llama"] > got["lab/answer-llama"]
    got = weights(searcher, "Which model points out the flaws in an answer and rewrites it?",
                  ["lab/critic-llama", "lab/answer-llama"])
    assert got["lab/critic-llama"] > got["lab/answer-llama"]


@pytest.mark.parametrize("question", ["Which models answer support tickets?", "models for warehouse operations"])
def test_an_acronym_read_as_a_stopword_names_its_field_only_in_the_whole_phrase(concepts, question):
    assert "it-operations" not in {m.concept.key for m in concepts.match(question)}
    assert "it-operations" in {m.concept.key for m in concepts.match("help with IT operations")}
