"""Names: a bare name several records carry, a name that is also an account, and the closest records of a model
family the registry does not hold (docs/search.md, "Ranking" and "Concepts")."""

from __future__ import annotations

import numpy as np
import pytest

from tests.factories import (concepts_searcher, dataset_pid, dataset_record, model_doing, model_pid, task_record,
                             vocabulary_registry)

DATA = [dataset_record(f"medwidget/meadow_{x}", stub=False) for x in ("qa", "flashcards", "wiki", "advice")]
NAMED = [model_doing(f"solo/medwidget_{x}", None, downloads=3, description="Fine-tuned from a chat model.")
         for x in ("base", "eye_model", "ear_model")]


@pytest.fixture(scope="module")
def searcher():
    yield from concepts_searcher([task_record("text-generation"), *DATA, *NAMED,
                                  model_doing("acme/chatter", "text-generation", downloads=900,
                                              description="A chat model compared with medwidget.")])


def test_a_bare_name_an_account_of_data_sets_and_models_own_names_both_hold_ranks_the_models_first(searcher):
    # "medwidget" is the account of four data sets and the own name of three models of another author: the question
    # asks what the models so called are
    top = [h.pid for h in searcher.search("What is medwidget?").results[:3]]
    assert set(top) == {model_pid(m.platform_id) for m in NAMED}


def test_an_account_that_publishes_models_keeps_the_keyword_order(searcher):
    assert searcher._named_beside_account("solo") == []  # the account's own records are models: nothing pinned
    assert dataset_pid("medwidget/meadow_qa") in [h.pid for h in searcher.search("What is medwidget?").results]


KIN = [task_record("text-generation"), task_record("image-text-to-text"),
       model_doing("meta-llama/Llama-2-7b", "text-generation", stub=True),
       model_doing("solo/tuned-helper", "text-generation", base_model="meta-llama/Llama-2-7b", keywords=("code",),
                   downloads=5, description="Completes functions."),
       model_doing("solo/chat-ft", "text-generation", base_model="meta-llama/Llama-2-7b", downloads=50,
                   description="A chat fine-tune."),
       model_doing("solo/llama-3-2-coder", "text-generation", keywords=("code",), downloads=40,
                   description="Completes functions."),  # "llama 3 2": no Llama 2
       model_doing("zeta/py-coder", "text-generation", keywords=("code",), downloads=900,
                   description="Completes functions."),
       model_doing("zeta/looker", "image-text-to-text", downloads=900, description="Talks about pictures."),
       model_doing("meta-llama/Llama-4-Scout", "image-text-to-text", downloads=30, description="Sees and chats.")]


@pytest.fixture(scope="module")
def kin_searcher():
    yield from concepts_searcher(KIN)


def test_the_models_of_the_family_a_model_not_held_is_built_on_doing_its_job_come_first(kin_searcher):
    # Code Llama is Llama 2 trained on code: a Llama 2 fine-tune tagged code is its closest kin, before a more
    # downloaded coder of another family, and before a Llama 2 fine-tune for chat
    hits = [h.pid for h in kin_searcher.search("Can I find Meta's Code Llama here?").results]
    assert hits[0] == model_pid("solo/tuned-helper")
    assert hits.index(model_pid("zeta/py-coder")) < hits.index(model_pid("solo/chat-ft"))


def test_a_family_is_named_by_its_words_in_their_order_in_a_model_or_base_name(kin_searcher):
    # LLaVA is built on Llama: Llama-4-Scout (its own name holds the word) doing image-text to text comes first
    assert kin_searcher.search("Do you have LLaVA?").results[0].pid == model_pid("meta-llama/Llama-4-Scout")
    code_llama = kin_searcher.not_held("Code Llama")[0].concept
    with kin_searcher.engine.lock:
        kin, _ = kin_searcher._kin((code_llama.pid,))
    slots = {kin_searcher.engine.docs[s].identifier for s in np.flatnonzero(kin)}
    assert slots == {"solo/tuned-helper"}  # not solo/llama-3-2-coder: "llama 3 2" holds no "llama 2" in order


@pytest.mark.parametrize("question", ["detect a dog's bark in my recordings", "models with low perplexity on wiki text",
                                      "a falcon flying over a field", "sounds like a bark in my recordings"])
def test_an_everyday_word_that_is_a_name_in_a_question_all_in_small_letters_is_the_word(searcher, question):
    assert searcher.not_held(question) == []


@pytest.mark.parametrize("question, name", [("is bark here", "Bark"), ("do you have falcon", "Falcon"),
                                            ("falcon 7b fine-tunes", "Falcon"), ("whisper models for german", "Whisper"),
                                            ("something like midjourney", "Midjourney"),
                                            # a comparison with it: before, only a capital read these
                                            ("is there an open alternative to cursor", "Cursor"),
                                            ("something like gemini but open", "Gemini")])
def test_a_name_in_a_question_all_in_small_letters_is_the_name_where_it_stands_as_one(searcher, question, name):
    assert [m.concept.label for m in searcher.not_held(question)] == [name]


@pytest.fixture(scope="module")
def chat():
    from registry.chat.service import ChatService

    registry = vocabulary_registry()
    registry.store.ingest_many([task_record("text-to-video"), model_doing("facebook/Mover-9", None, stub=True),
                                model_doing("copycat/Mover-9", "text-to-video", downloads=500,
                                            description="A copy of Mover-9."),
                                model_doing("acme/mover-dance", "text-to-video", base_model="facebook/Mover-9",
                                            downloads=3, description="Makes dance clips.")])
    service = ChatService(registry, llm="extractive")
    yield service
    service.close()
    registry.close()


def test_an_owners_possessive_names_the_accounts_the_organisations_vocabulary_gives_it(chat):
    # Meta publishes under facebook (organisations.ttl): "Meta's Mover-9" is facebook/Mover-9, not the more
    # downloaded copy of another account; before, only an account beginning with the owner's word counted
    answer = chat.ask("What has been built from Meta's Mover-9?")
    assert {c.pid for c in answer.answers} == {model_pid("acme/mover-dance")}
    assert "is the name of" not in answer.text  # the question said which one: no ambiguity to report


def test_a_frame_asking_for_a_name_may_give_its_owner_first():
    from registry.chat.absent import framed

    # "Can I find Meta's Code Llama here?" asks whether Code Llama is held: the answer put a Llama 2 fine-tune forward
    # as if it were Code Llama
    assert framed("Can I find Meta's Code Llama here?", "Code Llama")
    assert framed("Do you have ElevenLabs' voice model?", "ElevenLabs")  # the possessive is the name
    assert not framed("Can I find Meta's chat model for Code Llama users here?", "Code Llama")


def test_the_base_models_names_are_tokenised_for_a_familys_kin_once_across_index_changes(kin_searcher, monkeypatch):
    import registry.search.searcher as module

    module._short_name_tokens.cache_clear()
    read: list[str] = []
    real = module.tokens
    monkeypatch.setattr(module, "tokens", lambda text, **kw: read.append(text) or real(text, **kw))
    llava = kin_searcher.not_held("LLaVA")[0].concept.pid
    kin_searcher._kin_masks.clear()
    shorts = {k.rsplit("/", 1)[-1] for k in kin_searcher.vocabulary("base_model")}
    first = kin_searcher._kin((llava,))
    assert shorts and shorts <= set(read)  # every base model's name was read
    read.clear()
    kin_searcher.engine.generation += 1  # any change of the index (a harvest every few seconds)
    again = kin_searcher._kin((llava,))
    assert all((a == b).all() for a, b in zip(first, again))
    assert not shorts & set(read)  # and not again
