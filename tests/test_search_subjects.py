"""Subjects and things a model shows only by its identifier, tags or data sets ("mri", "kanji", "enron", "trump"): each
content word of the demo snapshot's model names, tags and data set names that says what a model is about is a marker
of a subject area, whose names hold the everyday words a question uses for it ("brain scan", "e-mail", "president"),
so such a question reaches the model through the concept (docs/search.md, "Concepts")."""

from __future__ import annotations

import gzip
import json

import pytest

from harvesters.vocabularies import VOCABULARY_DIR
from registry.search.text import tokens, word_parts
from tests.factories import concepts_searcher, model_doing, topic, weights, word_concepts

SNAPSHOT = VOCABULARY_DIR.parents[2] / "harvesters" / "data" / "hf_snapshot" / "models.jsonl.gz"

# content words of the snapshot's model names, tags and data set names, each saying what a model is about, and the
# subject area it shows
SNAPSHOT_SUBJECT_WORDS = {
    "mri": "medical-imaging", "oasis-3": "medical-imaging", "skin": "dermatology", "circulatory": "cardiology",
    "infectious": "infectious-diseases", "nervous": "neurology", "respiratory": "respiratory-medicine",
    "eye": "ophthalmology", "ear": "ear-nose-throat", "musculoskeletal": "orthopaedics", "ehr": "medicine",
    "mediqa": "medicine", "wikidoc": "medicine", "healthsearch": "medicine", "mental": "mental-health",
    "emotional": "mental-health", "esconv": "mental-health", "psy": "mental-health", "self harm": "mental-health",
    "invasive": "plants", "plant": "plants", "animal": "animals", "pet": "animals", "dog": "dogs",
    "dogbooth": "dogs", "frenchbulldog": "dogs", "cat": "cats", "enron": "email", "scrubbed": "privacy",
    "trump": "politics", "kanji": "writing-systems", "solidity": "blockchain", "smartcontracts": "blockchain",
    "reentrancy": "blockchain", "robotics": "robotics", "embodiment": "robotics", "robopoint": "robotics",
    "news": "news", "xsum": "news", "mlsum": "news", "dailymail": "news", "cartoon": "cartoons", "anime": "cartoons",
    "simpsons": "cartoons", "flintstones": "cartoons", "gromit": "cartoons", "plushie": "plush-toys", "statuetka": "plush-toys",
    "mountans": "landscapes", "hypersim": "interiors", "electrical engineering": "electrical-engineering",
    "dictionary": "word-meanings", "emoji": "emoji", "unblocked": "games", "sprites": "games", "discord": "social-media",
    "webshop": "commerce", "supermarket": "commerce", "seo": "commerce", "publicity": "commerce",
    "product comparison": "commerce", "dining": "cooking", "food order": "cooking", "air jordan": "fashion",
    "picasso": "art", "van gogh": "art", "concept art": "art", "enhypen": "music", "sdgs": "climate",
    "mathqa": "mathematics", "arithmetic": "mathematics", "aime": "mathematics", "qphysics": "physics",
    "crystal": "materials-science", "cif": "materials-science", "scitldr": "science", "edu": "education",
    "flashcards": "education", "textbook": "education", "exam": "education", "studying": "education",
    "ohlcv": "finance", "usdt": "finance", "futures": "finance", "med": "medicine",
    "malicious": "cybersecurity", "dogs": "dogs", "plants": "plants", "llamat": "materials-science",
    "slither": "blockchain", "billsum": "law", "rct": "medicine", "sunoo": "music",
}


@pytest.fixture(scope="module")
def concepts():
    return word_concepts()


def test_the_subject_words_are_words_of_the_snapshot():
    held: set[str] = set()
    with gzip.open(SNAPSHOT, "rt") as f:
        for line in f:
            model = json.loads(line)
            texts = [model["id"]] + [t.split("/")[-1] if t.startswith("dataset:") else t for t in model.get("tags", [])]
            for text in texts:
                held.update(tokens(text.replace("_", " ")), word_parts(text))
    assert [w for w in SNAPSHOT_SUBJECT_WORDS if not set(tokens(w)) <= held] == []


def test_every_subject_word_of_the_snapshot_is_a_marker_of_its_subject_area(concepts):
    markers = {c.key: {m.lower() for m in c.markers} for c in concepts._build().concepts if c.facet == "domain"}
    assert [(w, key) for w, key in SNAPSHOT_SUBJECT_WORDS.items() if w not in markers.get(key, ())] == []


@pytest.mark.parametrize("question, key", [
    ("We need more brain scan images, can a model make synthetic ones?", "medical-imaging"),
    ("Is there a chatbot that knows about plant species that don't belong in my garden?", "plants"),
    ("Has anyone trained a model to answer like a former US president?", "politics"),
    ("a model trained on corporate e-mail", "email"),
    ("with the personal details scrubbed out", "privacy"),
    ("Could a model dream up kanji characters?", "writing-systems"),
    ("Which models are meant for emotional support or mental wellbeing?", "mental-health"),
    ("help me audit a smart contract on ethereum", "blockchain"),
    ("show a robot where to pick up things", "robotics"),
    ("summarise news articles", "news"),
    ("pictures in the style of a cartoon", "cartoons"),
    ("answer questions about skin conditions and rashes", "dermatology"),
    ("advice on blood pressure and heart disease", "cardiology"),
    ("models for anime fans", "cartoons"),
    ("make pictures of my puppy", "dogs"),
    ("draw cats", "cats"),
    ("generate photos of plush toys", "plush-toys"),
    ("paint mountains and waterfalls", "landscapes"),
    ("questions about electric circuits in electrical engineering", "electrical-engineering"),
    ("explain what a word means, like a dictionary definition", "word-meanings"),
    ("make new emoji", "emoji"),
    ("a bot for my discord server", "social-media"),
])
def test_a_subject_is_read_from_the_everyday_words_people_ask_with(concepts, question, key):
    assert key in {m.concept.key for m in concepts.match(question)}


def test_words_that_only_look_like_a_subject_do_not_name_it(concepts):
    for question, key in [("joint embeddings of text and images", "orthopaedics"),
                          ("keep an eye on my server logs", "ophthalmology"),
                          ("which transformer architecture is fastest", "interiors"),
                          ("a toy example of a classifier", "plush-toys"),
                          ("turn a python dictionary into JSON", "word-meanings"),
                          ("a model zoo for vision", "animals"),
                          ("train decision trees on my table", "plants"),
                          # "publicity" as an asking word stemmed to "public": every public-domain question read commerce
                          ("Which models are public domain?", "commerce"),
                          # the index reads "news" as "new": every question after new models read news
                          ("Which new models are there for translation?", "news"),
                          ("pictures of my dog in new scenes", "news"),
                          # "buildings" read as "building": every question building something read architecture
                          ("I am building a chatbot for my shop", "interiors")]:
        assert key not in {m.concept.key for m in concepts.match(question)}, question


MODELS = [
    model_doing("lab/sd-mri-oasis", "text-to-image", downloads=5, description="An image generator."),
    model_doing("lab/sd-portraits", "text-to-image", downloads=900, description="An image generator."),
    model_doing("lab/gemma-invasive-plant-chatbot", "text-generation", downloads=5, description="A chat model."),
    model_doing("lab/gemma-chatbot", "text-generation", downloads=900, description="A chat model."),
    model_doing("lab/llama-chat-Trump-v1", "text-generation", downloads=5, description="A chat model."),
    model_doing("lab/llama-2-enron-scrubbed", "text-generation", downloads=5, description="A chat model."),
    model_doing("lab/sd-japanese-kanji", "text-to-image", downloads=5, description="An image generator."),
    model_doing("lab/medalpaca_skin_model", "text-generation", downloads=5, description="A chat model."),
]


@pytest.fixture(scope="module")
def searcher():
    yield from concepts_searcher(MODELS)


@pytest.mark.parametrize("question, key, named, other", [
    ("We need more brain scan images. Can a model make some?", "medical-imaging", "lab/sd-mri-oasis",
     "lab/sd-portraits"),
    ("Is there a chatbot that knows about weeds in my garden?", "plants", "lab/gemma-invasive-plant-chatbot",
     "lab/gemma-chatbot"),
    ("a chatbot answering like a former president", "politics", "lab/llama-chat-Trump-v1", "lab/gemma-chatbot"),
    ("Has anyone trained a chat model on company e-mail?", "email", "lab/llama-2-enron-scrubbed", "lab/gemma-chatbot"),
    ("Could a model dream up kanji?", "writing-systems", "lab/sd-japanese-kanji", "lab/sd-portraits"),
    ("Which chat model knows about rashes and acne?", "dermatology", "lab/medalpaca_skin_model", "lab/gemma-chatbot"),
])
def test_everyday_words_reach_the_model_whose_identifier_names_the_subject(searcher, question, key, named, other):
    assert key in topic(searcher.understand(question)).values
    got = weights(searcher, question, [named, other])
    assert got[named] > got[other]


def test_recorded_lectures_are_no_subject_of_the_question(concepts):
    # "lectures" as an asking word of education made "I record my lectures. What could type them up?" rank teaching
    # chat models over the speech recognisers it asks for (set 7: 1.00 -> 0); a lecture is what the asker records
    assert "education" not in {m.concept.key for m in concepts.match("I record my lectures. What could type them up?")}
