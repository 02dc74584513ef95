"""What a record must show for the chat to put it forward when a question states a job: a property (its language) is
never alone the job, and a model asked to write gives back text."""

from __future__ import annotations

import pytest

from tests.factories import model_doing, model_pid, registry_holding, task_record

MODELS = [
    # a much-used generator listing Spanish among its languages, no word of the interview questions below
    model_doing("acme/big-talker", "text-generation", languages=("es", "en", "fr"), downloads=5000,
                description="Chats about travel plans and cooking."),
    # a speech recogniser listing Spanish, no other word of the questions either
    model_doing("acme/ear", "automatic-speech-recognition", languages=("es",), downloads=10,
                description="Turns recorded speech into text."),
    # holds "interview", states no language
    model_doing("acme/interview-notes", "text-generation", downloads=3,
                description="Tidies up interview notes."),
    # social media: a picture maker and a text generator holding the same words
    model_doing("acme/feed-painter", "text-to-image", downloads=7000,
                description="Instagram post pictures in pastel colours."),
    model_doing("acme/feed-helper", "text-generation", downloads=6,
                description="Instagram post helper for small shops."),
] + [model_doing(f"acme/filler-{i}", "text-generation", languages=("es",), downloads=i,
                description=f"Rhymes about the {w}.")
     for i, w in enumerate(("river", "mountain", "harbour", "orchard"))]


@pytest.fixture(scope="module")
def registry():
    yield from registry_holding([task_record(t) for t in ("text-generation", "automatic-speech-recognition",
                                                          "text-to-image")] + MODELS)


def _offered(answer) -> set[str]:
    return {c.pid for c in answer.answers}


@pytest.mark.parametrize("question", [
    "We recorded interviews in Spanish. Can anything write down what people said?",
    "I have interviews recorded in Spanish; could something write them down?",
    "Our interviews are in Spanish. Is there anything to put them into writing?",
])
def test_a_language_alone_does_not_put_a_model_forward(chat, question):
    answer = chat.ask(question)
    assert model_pid("acme/big-talker") not in _offered(answer)


@pytest.mark.parametrize("question", ["Which models speak Spanish?", "Do you have anything that understands Spanish?"])
def test_a_question_about_the_language_alone_still_offers_models_stating_it(chat, question):
    answer = chat.ask(question)
    assert model_pid("acme/big-talker") in _offered(answer)


@pytest.mark.parametrize("question", [
    "We post on Instagram every day. What could write the short blurb that goes with each post?",
    "Could a model draft the text for each Instagram post?",
    "Is there something to write our Instagram post texts?",
])
def test_a_model_asked_to_write_gives_back_text(chat, question):
    answer = chat.ask(question)
    assert model_pid("acme/feed-painter") not in _offered(answer)
    assert model_pid("acme/feed-helper") in _offered(answer)


def test_a_model_asked_to_make_pictures_may_give_back_pictures(chat):
    answer = chat.ask("What could make the pictures for each Instagram post?")
    assert model_pid("acme/feed-painter") in _offered(answer)

