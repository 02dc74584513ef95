"""Subject areas and kinds of task in search: a question naming a field or a narrow job in its own words reaches
the models whose tags, names or training data show it (a ``topic`` boost), and only those."""

from __future__ import annotations

import pytest
from pyoxigraph import Literal, NamedNode, Triple

from harvesters.vocabularies import harvest
from registry.search import get_searcher
from registry.search.concepts import ConceptIndex
from registry.search.searcher import MARKER_FLOOR
from registry.search.text import mark_term, sparse_vector, tag_term, term_id
from registry.service import Registry
from registry.store import Store
from registry.vocab import SCHEMA
from tests.factories import BASE, dataset_record, model_doing, model_pid, topic, weights


def tagged(name: str, task: str | None, *tags: str, **kwargs):
    pid = NamedNode(model_pid(name))
    return model_doing(name, task, extra=[Triple(pid, SCHEMA.keywords, Literal(t)) for t in tags], **kwargs)


MODELS = [
    tagged("lab/molecule-chat", "text-generation", "chemistry", downloads=5, description="A chat model."),
    tagged("lab/answer-bot", "text-generation", downloads=900,
           description="A chat model that answers questions of every sort."),
    tagged("lab/particle-chat", "text-generation", "physics", downloads=5, description="A chat model."),
    tagged("lab/canvas-diffusion", "text-to-image", "art", downloads=5, description="An image generator."),
    tagged("lab/sota-diffusion", "text-to-image", "state-of-the-art", downloads=800,
           description="A state of the art image generator with artistic flair."),
    tagged("lab/llama-tutor", "text-generation", downloads=5, datasets=("openai/gsm8k",),
           description="A chat model."),
    tagged("lab/tiny-coder", "text-generation", downloads=5, description="A chat model."),
    tagged("lab/search-embedder", "sentence-similarity", downloads=5, datasets=("code_search_net",),
           description="A sentence encoder."),
    tagged("lab/friendly-llama", "text-generation", "social", downloads=5, description="A chat model."),
    tagged("lab/small-llama", "text-generation", downloads=700, description="A small chat model."),
    tagged("lab/dungeon-llama", "text-generation", "adventure", "roleplay", downloads=5, description="A chat model."),
    tagged("lab/persona-llama", "text-generation", "roleplay", downloads=5, description="A chat model."),
    tagged("lab/roteirista", "text-generation", "roteiro", downloads=5, description="A chat model."),
]


@pytest.fixture(scope="module")
def registry():
    registry = Registry.open({"BASE_URL": BASE}, in_memory=True, environ={})
    harvest(registry.store)
    registry.store.ingest_many([dataset_record("openai/gsm8k"), dataset_record("code_search_net"), *MODELS])
    yield registry
    registry.close()


@pytest.fixture(scope="module")
def searcher(registry):
    return get_searcher(registry)


def test_a_subject_area_asked_for_by_its_adjective_reaches_the_models_tagged_with_it(searcher):
    qu = searcher.understand("Which models are meant for chemical questions?")
    boost = topic(qu)
    assert boost is not None and boost.values == ("chemistry",) and boost.mode == "boost"
    assert "Chemistry" in boost.label
    got = weights(searcher, "Which models are meant for chemical questions?", ["lab/molecule-chat", "lab/answer-bot"])
    assert got["lab/molecule-chat"] > 0 == got["lab/answer-bot"]
    # the popular model saying "questions" no longer outranks the one tagged with the field
    assert searcher.search("Which models are meant for chemical questions?").results[0].pid == model_pid("lab/molecule-chat")


def test_the_person_working_in_a_field_names_it_too(searcher):
    assert topic(searcher.understand("Which models would a physicist find useful?")).values == ("physics",)


def test_a_marker_is_a_whole_tag_or_a_word_of_a_name_never_a_word_of_prose_or_part_of_a_longer_tag(searcher):
    got = weights(searcher, "Which artistic models are there?", ["lab/canvas-diffusion", "lab/sota-diffusion"])
    assert got["lab/canvas-diffusion"] > 0 == got["lab/sota-diffusion"]


def test_a_kind_of_task_reaches_the_models_trained_on_its_data_or_named_for_it(searcher):
    maths = weights(searcher, "My kid needs help with maths homework, worked step by step",
                    ["lab/llama-tutor", "lab/tiny-coder"])
    assert topic(searcher.understand("help with maths homework")).values[0] == "math-problem-solving"
    assert maths["lab/llama-tutor"] > maths["lab/tiny-coder"]
    code = weights(searcher, "Which model is built for programming?", ["lab/tiny-coder", "lab/llama-tutor"])
    assert code["lab/tiny-coder"] > code["lab/llama-tutor"]


def test_a_model_named_or_tagged_for_a_kind_outranks_one_only_trained_on_its_data(searcher):
    got = weights(searcher, "Which model is built for programming?",
                  ["lab/tiny-coder", "lab/search-embedder", "lab/answer-bot"])
    assert got["lab/tiny-coder"] > got["lab/search-embedder"] > got["lab/answer-bot"]


def test_removing_the_topic_boost_leaves_no_boost_of_it(searcher):
    qu = searcher.understand("Which models are meant for chemical questions?").without({"topic"})
    assert topic(qu) is None
    assert searcher.judge([model_pid("lab/molecule-chat")], qu)[model_pid("lab/molecule-chat")][1] == 0
    response = searcher.search("Which models are meant for chemical questions?", drop={"topic"})
    assert topic(response.understanding) is None


def test_the_api_shows_the_topic_boost_and_drops_it_when_asked(registry, searcher):
    from registry.web import create_app

    client = create_app({"REGISTRY": registry, "TESTING": True}).test_client()
    read = client.get("/api/search?q=Which+models+are+meant+for+chemical+questions").get_json()["recognised"]
    assert [r["values"] for r in read if r["facet"] == "topic"] == [["chemistry"]]
    dropped = client.get("/api/search?q=Which+models+are+meant+for+chemical+questions&drop=topic")
    assert dropped.status_code == 200 and "topic" not in {r["facet"] for r in dropped.get_json()["recognised"]}


def test_a_marker_most_of_the_registry_holds_boosts_nothing():
    registry = Registry.open({"BASE_URL": BASE}, in_memory=True, environ={})
    try:
        harvest(registry.store)
        many = [tagged(f"org/model-{i}", "text-generation", "code", description="A chat model.")
                for i in range(MARKER_FLOOR + 5)]
        registry.store.ingest_many(many + [tagged("lab/tiny-coder", "text-generation", description="A chat model.")])
        searcher = get_searcher(registry)
        got = weights(searcher, "Which model is built for programming?", ["org/model-0", "lab/tiny-coder"])
        # both do text generation (the kind's task); "code" is every model's tag, "coder" one name
        assert got["lab/tiny-coder"] > got["org/model-0"]
    finally:
        registry.close()


def test_an_index_document_holds_each_tag_whole_and_the_words_of_its_name_and_data_sets_as_marked_terms():
    ids, _ = sparse_vector({"keywords": ["art", "state-of-the-art"], "name": ["Llama-2-7b-chat_FFT_GSM8K"],
                            "dataset": ["PKU-Alignment/PKU-SafeRLHF"], "description": ["history of art"]})
    held = set(ids)
    assert term_id(tag_term("art")) in held and term_id(tag_term("state-of-the-art")) in held
    assert term_id(mark_term("gsm8k")) in held and term_id(mark_term("saferlhf", "dataset")) in held
    assert term_id(tag_term("history")) not in held and term_id(mark_term("history")) not in held  # prose: no marker


def test_subject_areas_are_concepts_with_markers_and_keys_no_kind_of_task_shares():
    store = Store.open(None, BASE)
    harvest(store)
    index = ConceptIndex(store)
    chemistry = index.topic("chemistry")
    assert chemistry is not None and chemistry.facet == "domain" and "chemistry" in chemistry.markers
    assert "chemist" not in chemistry.markers  # how people ask, not how a model shows it
    built = index._build().concepts
    keys = [c.key for c in built if c.facet in ("domain", "task-kind")]
    assert len(keys) == len(set(keys))
    assert {c.key for c in built if c.facet == "domain"} >= {"art", "biology", "chemistry", "physics", "medicine",
                                                            "law", "finance", "music", "history", "commerce"}


def test_a_kind_of_task_does_not_boost_its_task_when_most_models_have_it_unless_the_question_names_the_task(searcher):
    def tasks(question):
        return {v for r in searcher.understand(question).recognised if r.facet == "task" and r.applied for v in r.values}

    # most of this registry generates text: "maths homework" means the models showing maths, not every generator
    assert "text-generation" not in tasks("help with maths homework")
    assert "text-generation" in tasks("text generation models for maths homework")


def test_an_adjective_of_a_fields_word_names_the_field_and_a_phrase_names_a_kind_of_talk(searcher):
    # "sociable" is an adjective of the family of "social" (``text.same_family``); "small talk" is a phrase of
    # social chat, not the word "small" of a model's name
    assert topic(searcher.understand("Which models are sociable?")).values == ("social-chat",)
    question = "Which models are sociable, made for small talk?"
    assert topic(searcher.understand(question)).values == ("social-chat",)
    got = weights(searcher, question, ["lab/friendly-llama", "lab/small-llama"])
    assert got["lab/friendly-llama"] > got["lab/small-llama"]
    assert "medicine" in {m.concept.key for m in searcher.concepts.match("models for clinic notes")}  # clinical


def test_another_form_of_a_word_names_a_field_only_as_its_adjective_or_adverb():
    from registry.search.text import same_family

    assert same_family("sociable", "social") and same_family("socially", "social")
    assert same_family("clinic", "clinical") and same_family("legally", "legal")
    # people-nouns share roots across fields (physicist, physician), and a teacher model is no teaching; verb forms
    # are left to the vocabularies too (sell, selling)
    assert not same_family("physicist", "physician") and not same_family("teacher", "teaching")
    assert not same_family("sell", "selling") and not same_family("commercially", "commerce")


def test_interactive_fiction_prefers_the_text_adventures_to_the_role_players(searcher):
    qu = searcher.understand("Which models are for interactive fiction?")
    assert set(topic(qu).values) == {"interactive-fiction", "role-play"}
    got = weights(searcher, "Which models are for interactive fiction?",
                  ["lab/dungeon-llama", "lab/persona-llama", "lab/answer-bot"])
    assert got["lab/dungeon-llama"] > got["lab/persona-llama"] > got["lab/answer-bot"]


def test_a_screenplay_reaches_the_models_tagged_for_scripts_in_another_language(searcher):
    question = "I'm writing a screenplay. Is there a model that helps with scripts?"
    assert topic(searcher.understand(question)).values == ("creative-writing",)
    got = weights(searcher, question, ["lab/roteirista", "lab/answer-bot"])
    assert got["lab/roteirista"] > got["lab/answer-bot"]
