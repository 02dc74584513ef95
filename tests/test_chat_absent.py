"""A question asking for a name the registry does not hold says so, and names what was found as the closest records."""

from __future__ import annotations


import pytest

from pyoxigraph import Literal, NamedNode, Triple

from registry.chat.absent import asked_name, without_frame
from registry.pid import mint_id, pid_iri
from registry.record import Record, SourceInfo
from registry.search.understand import read
from registry.vocab import FAIR4ML, RDF, SCHEMA
from tests.factories import BASE, dataset_pid, dataset_record, model_doing, model_pid, registry_holding, task_record
from tests.cpu import assert_cpu_within

ACME = NamedNode(pid_iri(BASE, mint_id("hf-user", "acme")))
SHARED = [Triple(ACME, RDF.type, SCHEMA.Organization), Triple(ACME, SCHEMA.name, Literal("acme")),
          Triple(ACME, SCHEMA.identifier, Literal("acme"))]
ORGANISATION = Record(ACME.value, SHARED, kind="organisation", platform="hf-user", platform_id="acme", stub=True,
                      source=SourceInfo("test", "1", "https://huggingface.co/acme", "sha-1"))


def shared_by_acme(name: str, task: str, **kwargs) -> Record:
    """Return a model of acme's (the author an owner's possessive names)."""
    s = NamedNode(model_pid(name))
    return model_doing(name, task, extra=[Triple(s, FAIR4ML.sharedBy, ACME)], **kwargs)


TASKS = ("text-generation", "image-segmentation", "fill-mask")
MODELS = [
    shared_by_acme("acme/outliner", "image-segmentation", downloads=700,
                description="Segments every object in a photo and outlines it."),
    model_doing("acme/tale-spinner", "text-generation", languages=("en",), downloads=900,
                description="Continues English prompts into short tales."),
    model_doing("acme/zephyr-chat", "text-generation", downloads=300, description="A small chat assistant."),
    model_doing("acme/imitator", "text-generation", downloads=50, datasets=("acme/claude-replies",),
                description="Learned to reply from a collection of assistant replies."),
    model_doing("acme/lueckenfueller", "fill-mask", languages=("de",), downloads=500,
                description="Guesses a hidden word in German sentences."),
]


@pytest.fixture(scope="module")
def registry():
    replies = dataset_record("acme/claude-replies", stub=False)
    yield from registry_holding([task_record(t) for t in TASKS] + [ORGANISATION, replies] + MODELS)


@pytest.mark.parametrize("question, name, owner", [
    ("Do you have PhotoMagic?", "PhotoMagic", ""),
    ("Is Stable Diffusion XL in the registry?", "Stable Diffusion XL", ""),
    ("Is GPT-4 here?", "GPT-4", ""),
    ("Tell me about Zephyr.", "Zephyr", ""),
    ("What is spaCy?", "spaCy", ""),
    ("Does the registry have the Dexter data?", "Dexter", ""),
    ("I need one for pictures. Is Segment Anything available here?", "Segment Anything", ""),
])
def test_asked_name_reads_a_name_asked_for_as_a_whole(question, name, owner):
    asked = asked_name(read(question))
    assert asked is not None and (asked.name, asked.owner) == (name, owner)


@pytest.mark.parametrize("question", [
    "Do you have a model that outlines objects in photos?",  # a topic, not a name
    "What is the licence of acme/outliner?",  # asks about a name, not for it as a whole
    "Is Fisher's iris flower data in the registry?",  # lower-case words: a description
    "Do you have any fastText models?",  # "any": a kind of models
    "What is GPT-2 trained on?",
    "What is DPO?",  # a method's acronym: a term, not a record's name
    "Tell me about RLHF",
])
def test_asked_name_reads_no_name_from_a_topic_or_an_attribute_question(question):
    assert asked_name(read(question)) is None


def test_asked_name_reads_a_dataset_when_the_question_calls_it_data():
    assert asked_name(read("Do you have the Dexter data?")).kind == "dataset"
    assert asked_name(read("Do you have PhotoMagic?")).kind == "model"


def test_without_frame_drops_the_words_asking_whether_the_registry_holds_it():
    assert without_frame("OpenAI's Sora in the registry") == "OpenAI's Sora"
    assert without_frame("Whisper available here") == "Whisper"
    assert without_frame("Segment Anything model") == "Segment Anything model"
    assert without_frame("Anthropic's Claude in the registry", "Anthropic") == "Claude"


def test_without_frame_takes_a_long_run_of_spaces_in_linear_time():
    assert without_frame("Whisper" + " " * 20_000 + "here") == "Whisper"
    # the frame's regex alone took seconds on such a run
    assert_cpu_within(lambda: without_frame("Whisper" + " " * 20_000 + "here"), 0.5)


def test_a_name_no_record_carries_is_said_absent_and_the_found_are_only_closest(chat):
    answer = chat.ask("Do you have Segment Anything?")  # the words find the segmenter, which is not it
    assert answer.text.startswith("“Segment Anything” is not in the registry")
    assert not answer.answerable and answer.answers == []
    assert model_pid("acme/outliner") in {c.pid for c in answer.closest}
    assert "none of them is “Segment Anything”" in answer.text


def test_an_owners_name_the_owner_does_not_hold_names_the_owner(chat):
    answer = chat.ask("Is Acme's Segment Anything in the registry?")
    assert answer.text.startswith("“Segment Anything” is not in the registry: it holds nothing by Acme called so.")
    assert answer.answers == []
    assert model_pid("acme/outliner") in {c.pid for c in answer.closest}


def test_a_name_only_a_dataset_carries_is_absent_and_the_models_trained_on_it_are_closest(chat):
    answer = chat.ask("Is Claude here?")  # no model has it in its name; a dataset does
    assert answer.text.startswith("“Claude” is not in the registry")
    assert answer.answers == []
    closest = [c.pid for c in answer.closest]
    assert dataset_pid("acme/claude-replies") in closest and model_pid("acme/imitator") in closest


def test_an_unknown_owners_word_is_not_searched_for_the_closest(chat):
    answer = chat.ask("Is Initech's Claude in the registry?")  # no owner called Initech: the name alone is searched
    assert answer.text.startswith("“Claude” is not in the registry")
    assert model_pid("acme/imitator") in {c.pid for c in answer.closest}


def test_a_name_held_as_part_of_a_model_name_is_answered_as_before(chat):
    answer = chat.ask("Tell me about Zephyr.")
    assert "not in the registry" not in answer.text
    assert model_pid("acme/zephyr-chat") in {c.pid for c in answer.answers}


def test_a_name_held_exactly_is_answered_as_before(chat):
    answer = chat.ask("Do you have tale-spinner?")
    assert "not in the registry" not in answer.text
    assert {c.pid for c in answer.answers} == {model_pid("acme/tale-spinner")}


def test_a_capitalised_constraint_is_no_name(chat):
    answer = chat.ask("Do you have German models?")
    assert "not in the registry" not in answer.text
    assert model_pid("acme/lueckenfueller") in {c.pid for c in answer.answers}


def test_a_hyphenated_description_before_a_noun_is_no_missing_name(chat):
    answer = chat.ask("Is there a photo-outline maker?")  # plain words describing the noun after them
    assert "called “photo-outline”" not in answer.text


def test_a_hyphenated_name_asked_alone_is_still_a_missing_name(chat):
    answer = chat.ask("Tell me about outliner-mega-pro")
    assert "no model called “outliner-mega-pro”" in answer.text and answer.answers == []


def test_a_hyphenated_word_after_a_possessive_is_the_askers_thing_not_a_missing_name(chat):
    # "my e-book" is something of the asker's, in plain lower-case words, not a model the registry lacks
    answer = chat.ask("Which model could narrate my e-book so I can listen to it?")
    assert "no model called" not in answer.text
    answer = chat.ask("Tell me about my outliner-mega-pro")  # still a lower-case thing of the asker's
    assert "no model called" not in answer.text
    answer = chat.ask("Tell me about the outliner-mega-pro")  # no possessive: a name, as before
    assert "no model called “outliner-mega-pro”" in answer.text
