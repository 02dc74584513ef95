"""A library or framework a question names is met by the models' library or by the Hub tag naming it: the Hub keeps
the frameworks a model ships weights for (jax, tf, pytorch) and the tools it was made with (trl, pruna-ai) as tags,
and what an apposition says the library is ("TRL, Hugging Face's reinforcement-learning and fine-tuning library")
asks for no task."""

from __future__ import annotations

import pytest
from pyoxigraph import Literal, NamedNode, Triple

from registry.search.understand import Understander
from registry.vocab import MLFDO, SCHEMA
from tests.factories import BASE, concepts_searcher, model_doing, model_pid
from tests.cpu import assert_cpu_within

TRL_QUESTION = "Which models were trained with TRL, Hugging Face's reinforcement-learning and fine-tuning library?"


def reader(**facets: list[str]) -> Understander:
    vocab = {facet: {key: (key, 1) for key in keys} for facet, keys in facets.items()}
    return Understander(lambda facet: vocab.get(facet, {}))


@pytest.mark.parametrize("query, tag", [
    ("Which models ship weights for JAX or Flax?", "jax"),
    ("Anything with Flax checkpoints?", "jax"),
    ("I work in TensorFlow. Which models come with TensorFlow weights?", "tf"),
    ("models fine-tuned with the TRL library", "trl"),
    ("Which models were compressed with Pruna AI?", "pruna-ai"),
    ("Which checkpoints come as safetensors files?", "safetensors"),
    ("models with TensorBoard training logs", "tensorboard"),
])
def test_a_framework_or_tool_no_fdo_holds_as_library_is_read_as_its_hub_tag(query, tag):
    u = reader(library=["transformers", "keras"], task=["reinforcement-learning"]).understand(query)
    shown = [r for r in u.recognised if r.facet == "library"]
    assert shown and all(not r.applied and not r.values and f"matched as the tag {tag!r}" in r.note for r in shown)
    assert u.tags == (tag,) and tag in u.text.lower().split()


def test_tf_idf_is_no_tensorflow():
    # the term weighting TF-IDF was read as the Hub tag tf, boosting the TensorFlow weights
    for query in ("Which model computes TF-IDF keyword weights?", "a tf idf baseline for search"):
        u = reader(library=["transformers"]).understand(query)
        assert u.tags == () and not [r for r in u.recognised if r.facet == "library"], query
    assert reader(library=["transformers"]).understand("models with TF weights").tags == ("tf",)


def test_tensorflow_is_not_read_as_the_keras_library():
    # Keras is another library (two models of the demo): TensorFlow weights are what the Hub tags tf
    u = reader(library=["keras"]).understand("Which models come with TensorFlow weights?")
    assert not u.boosts().get("library") and not u.filters().get("library") and u.tags == ("tf",)
    # Keras named is still the library keras
    keras = reader(library=["keras"]).understand("Is there anything built with Keras?")
    assert keras.boosts().get("library") == ["keras"]


def test_a_framework_held_as_a_library_boosts_the_library_and_its_tag():
    u = reader(library=["pytorch", "transformers"]).understand("Which models ship PyTorch weights?")
    assert u.boosts().get("library") == ["pytorch"] and u.tags == ("pytorch",)


def test_a_task_in_an_apposition_describing_the_library_named_is_not_read():
    rules = reader(task=["reinforcement-learning"])
    u = rules.understand(TRL_QUESTION)
    assert not [r for r in u.recognised if r.facet == "task"]
    assert u.tags == ("trl",)
    for question in ("Which models were made with Stable-Baselines3, a reinforcement-learning library?",
                     "Any models trained with TRL (the reinforcement-learning toolkit)?"):
        assert not [r for r in rules.understand(question).recognised if r.facet == "task"], question


@pytest.mark.parametrize("question", [
    # the task is what the models do: after the library, not describing it
    "Which reinforcement-learning models were trained with TRL?",
    # an apposition that is no library's description ("agents")
    "models trained with TRL, Hugging Face's reinforcement-learning agents",
])
def test_a_task_outside_a_library_description_is_still_read(question):
    found = [r for r in reader(task=["reinforcement-learning"]).understand(question).recognised if r.facet == "task"]
    assert [r.values for r in found] == [("reinforcement-learning",)]


@pytest.fixture(scope="module")
def searcher():
    def tagged(name: str, tag: str, downloads: int):
        pid = NamedNode(model_pid(name, BASE))
        return model_doing(name, "text-generation", downloads=downloads, description="A chat model for short answers.",
                           extra=[Triple(pid, SCHEMA.keywords, Literal(tag)),
                                  Triple(pid, MLFDO.library, Literal("transformers"))])
    records = [tagged("acme/chat-trl", "trl", 3), tagged("acme/chat-plain", "conversational", 900),
               model_doing("acme/cartpole-agent", "reinforcement-learning", downloads=500,
                           description="An agent that balances a pole by reinforcement learning.")]
    yield from concepts_searcher(records)


def test_the_models_tagged_with_the_library_named_are_boosted_and_its_description_boosts_no_task(searcher):
    qu = searcher.understand(TRL_QUESTION)
    assert not [r for r in qu.recognised if r.facet == "task"]  # neither by rule nor by meaning
    pids = [model_pid(name, BASE) for name in ("acme/chat-trl", "acme/chat-plain", "acme/cartpole-agent")]
    judged = searcher.judge(pids, qu)
    # the reinforcement-learning agent only shares the description's words: no boost (it had the task's before)
    assert judged[pids[0]][1] > judged[pids[1]][1] == judged[pids[2]][1] == 0


def test_the_chat_takes_no_topical_word_from_a_library_description():
    from registry.search.text import stem
    from registry.search.understand import read

    # the models asked for carry the library's tag, not "reinforcement" nor "library": the chat refused them
    assert read(TRL_QUESTION).terms == ["trl"]
    assert stem("reinforcement") in read("Which reinforcement-learning models were trained with TRL?").terms


def test_a_long_question_of_libraries_with_dashes_is_read_for_descriptions_in_linear_time():

    from registry.search.understand import read
    read("warm up")
    # an apposition read to the end of the clause from each library would be quadratic
    assert_cpu_within(lambda: read("trl - " * 3_000), 0.6)


@pytest.fixture(scope="module")
def framework_searcher():
    def model(name: str, library: str | None, tags: tuple[str, ...], downloads: int):
        pid = NamedNode(model_pid(name, BASE))
        extra = [Triple(pid, SCHEMA.keywords, Literal(tag)) for tag in tags]
        extra += [Triple(pid, MLFDO.library, Literal(library))] if library else []
        return model_doing(name, "text-generation", downloads=downloads, extra=extra,
                           description="A PyTorch chat model fine-tuned for short answers in PyTorch.")
    # many ship PyTorch weights under another library (the Hub tags them pytorch) or name no library; one card names
    # plain PyTorch as its library
    records = [model(f"fans/chat-{i}", "transformers" if i % 2 else None, ("pytorch",), 5_000 + i) for i in range(12)]
    records += [model(f"studio/clip-{i}", "diffusers", ("pytorch",), 3_000 + i) for i in range(4)]
    records.append(model("lab/plain-torch-video", "pytorch", ("pytorch", "video"), 2))
    yield from concepts_searcher(records)


@pytest.mark.parametrize("question", [
    "Which models name plain PyTorch as their library rather than transformers or diffusers?",
    "Which models list PyTorch as their library?",
    "models whose library is plain PyTorch",
    "Which models have PyTorch as their library?",
])
def test_the_models_holding_a_library_named_as_one_come_before_those_only_tagged_with_it(framework_searcher,
                                                                                         question):
    # the tag a library is also read as ("pytorch") is that library's reading, no preference beside it: the few
    # models holding it as their library are what is asked and come first, as for a language few state
    hits = framework_searcher.search(question, per_page=10).results
    assert hits and hits[0].pid == model_pid("lab/plain-torch-video", BASE), [h.name for h in hits]
