"""A model the registry holds only as a stub, asked for by its name written as words: the models built on it first,
then its family's nearest releases, the same size before another; and, in the chat, a name copies share means the
original they are built on."""

from __future__ import annotations

import pytest

from harvesters.huggingface.refs import Stubs
from registry.search import get_searcher
from tests.factories import BASE, model_doing, model_pid, registry_holding, task_record


def stub_base(model_id: str):
    """Return the stub the Hugging Face harvester records for a base model it only sees named."""
    stubs = Stubs(BASE, None)
    stubs.model(model_id)
    return list(stubs.records.values())


MODELS = stub_base("windco/Gale-7B-Instruct-v0.3") + stub_base("windco/Gale-7B-v0.1") + \
    stub_base("hillco/Hill-Ridge-2-70b-chat-hf") + stub_base("acme/Orca-R1") + [
    model_doing("ann/breeze-notes", "text-generation", base_model="windco/Gale-7B-Instruct-v0.3", downloads=3,
                description="Writes meeting notes."),
    model_doing("bob/zephyrish-7b-beta", "text-generation", base_model="windco/Gale-7B-v0.1", downloads=900,
                description="A helpful assistant."),
    # another size of the family, far more downloaded, with a name holding every word asked but the size
    model_doing("windco/Gale-Small-24B-Instruct-2501", "text-generation", downloads=50000,
                description="A larger instruction model."),
    model_doing("cat/Gale-Small-24B-Instruct-2501-tuned", "text-generation", downloads=40000,
                base_model="windco/Gale-Small-24B-Instruct-2501", description="Instruct tune."),
    model_doing("hillco/Hill-Ridge-3-70B-Instruct", "text-generation", downloads=500, description="Chat model."),
    model_doing("hillco/Hill-Ridge-2-7b-chat-hf", "text-generation", downloads=800, description="Chat model."),
    # a copy under the stub's own name, more downloaded than anything built on the original
    model_doing("quant/Orca-R1", "text-generation", base_model="acme/Orca-R1", downloads=9000,
                description="A copy in another format."),
    # a stub whose very name a harvested copy holds: the name is held
    *stub_base("deepco/Jano-Pro-7B"),
    model_doing("wm/Jano-Pro-7B", "any-to-any", base_model="deepco/Jano-Pro-7B", downloads=2,
                description="Understands and makes images."),
    model_doing("wm/jano-tune", "text-generation", base_model="deepco/Jano-Pro-7B", downloads=800,
                description="Tuned on chats."),
    model_doing("eve/orca-pt", "text-generation", base_model="acme/Orca-R1", languages=("pt",), downloads=4,
                description="Answers in Portuguese."),
    # a copy of a harvested release under its very name, found beside the original by the same words
    model_doing("lakeco/Lake-2-7b-chat-hf", "text-generation", downloads=800, description="Chat model."),
    model_doing("joe/Lake-2-7b-chat-hf", "text-generation", base_model="lakeco/Lake-2-7b-chat-hf",
                downloads=5, description="Chat model. Lake 2 chat, 7b."),
    # a conversion of a family's release, its card saying the family's name most
    model_doing("conv/Gale-Small-24B-Instruct-2501-fp16-ov", "text-generation", downloads=60000,
                base_model="windco/Gale-Small-24B-Instruct-2501",
                description="Gale converted for a runtime. Gale Gale Gale in fp16."),
]


@pytest.fixture(scope="module")
def registry():
    yield from registry_holding([task_record("text-generation")] + MODELS)


def ranked(registry, question: str) -> list[str]:
    return [h.pid for h in get_searcher(registry).search(question).results]


@pytest.mark.parametrize("question", [
    "I'm looking for Gale 7B Instruct v0.3. Is it here?",
    "Do you have Gale-7B-Instruct v0.3?",
    "Is gale 7b instruct v0.3 in the registry?",
])
def test_a_name_only_a_stub_carries_ranks_what_is_built_on_it_first(registry, question):
    got = ranked(registry, question)
    assert got[:2] == [model_pid("ann/breeze-notes"), model_pid("bob/zephyrish-7b-beta")]


def test_the_same_size_of_the_family_comes_before_another_size(registry):
    got = ranked(registry, "I'm looking for Gale 7B Instruct v0.3. Is it here?")
    assert got.index(model_pid("bob/zephyrish-7b-beta")) < got.index(model_pid("windco/Gale-Small-24B-Instruct-2501"))


def test_a_stub_of_a_family_of_two_words_ranks_the_family_s_releases_first(registry):
    # (a version written after capitalised words is read by the nearest-versions rule first: version, then size)
    got = ranked(registry, "Is Hill Ridge 2 70B chat here?")
    assert set(got[:2]) == {model_pid("hillco/Hill-Ridge-3-70B-Instruct"), model_pid("hillco/Hill-Ridge-2-7b-chat-hf")}


def test_a_stub_name_a_harvested_model_holds_too_pins_nothing(registry):
    assert ranked(registry, "What is Jano-Pro-7B for?")[0] == model_pid("wm/Jano-Pro-7B")


@pytest.mark.parametrize("model_id, family, size, number", [
    ("mistralai/Mistral-7B-Instruct-v0.3", ("mistral",), "7b", 0.3),
    ("mistralai/Mistral-Small-24B-Instruct-2501", ("mistral",), "24b", 2501.0),
    ("meta-llama/Llama-2-70b-chat-hf", ("llama",), "70b", 2.0),
    ("meta-llama/Meta-Llama-3-70B", ("llama",), "70b", 3.0),
    ("meta-llama/Llama-3.1-8B", ("llama",), "8b", 3.1),
    ("google/gemma-3-27b-it", ("gemma",), "27b", 3.0),
    ("hillco/Hill-Ridge-2-70b-chat-hf", ("hill", "ridge"), "70b", 2.0),
])
def test_a_release_is_read_from_its_name(model_id, family, size, number):
    from registry.search.stubs import release_of  # (a module of this change: the other tests run on older code)

    release = release_of(model_id)
    assert (release.family, release.size, release.number) == (family, size, number)


def test_a_name_copies_share_means_the_original_they_are_built_on(chat):
    answer = chat.ask("Which Orca-R1 derivatives work in Portuguese?")
    assert model_pid("eve/orca-pt") in {c.pid for c in answer.answers}
    assert "the original the others are built on" in answer.text


def test_the_original_comes_before_its_copy_of_the_same_name(chat):
    # a size the registry lacks ("13B") is not held (tests/test_chat_absent_sized.py): among the closest records, the
    # original comes before its copy, which the question's words find beside it
    answer = chat.ask("Is Lake 2 13B chat in the registry?")
    closest = [c.pid for c in answer.closest]
    original, copy = model_pid("lakeco/Lake-2-7b-chat-hf"), model_pid("joe/Lake-2-7b-chat-hf")
    assert answer.answers == [] and original in closest
    if copy in closest:
        assert closest.index(original) < closest.index(copy)


@pytest.mark.parametrize("question", [
    "I'm looking for Gale 7B Instruct v0.3. Is it here?",
    "Do you have Gale 7B Instruct v0.3?",
    "Is Gale 7B Instruct v0.3 in the registry?",
])
def test_a_name_only_a_stub_carries_is_not_held_and_its_derivatives_are_closest(chat, question):
    answer = chat.ask(question)
    assert "is not in the registry" in answer.text
    assert not answer.answers
    assert [c.pid for c in answer.closest][:2] == [model_pid("ann/breeze-notes"), model_pid("bob/zephyrish-7b-beta")]


@pytest.mark.parametrize("question", ["What is Orca-R1?", "Tell me about acme/Orca-R1"])
def test_a_stub_s_answer_says_it_is_only_named_and_what_is_built_on_it(chat, question):
    answer = chat.ask(question)
    assert "only as a name other records give" in answer.text
    built = [model_pid(m).rsplit("/", 1)[-1] for m in ("eve/orca-pt", "quant/Orca-R1")]
    assert any(f"(/fdo/{b})" in answer.text for b in built)


@pytest.mark.parametrize("question", ["What is gale?", "Tell me about Gale.", "What's Gale?"])
def test_a_family_s_name_alone_means_its_own_releases_first(chat, question):
    answer = chat.ask(question)
    assert answer.answers and answer.answers[0].pid == model_pid("windco/Gale-Small-24B-Instruct-2501")
