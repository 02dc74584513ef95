"""The question reader: a base named as the object of an active verb, and the words after a base's name that speak of
its versions ("including its X version", "the version trained with ...")."""

import pytest

from registry.search.understand import Understander


def reader(**facets: list[str]) -> Understander:
    """Return an Understander over an index holding these facet values (one FDO each)."""
    vocab = {facet: {key: (key, 1) for key in keys} for facet, keys in facets.items()}
    return Understander(lambda facet: vocab.get(facet, {}))


BASES = ["acme/Orca-9", "acme/Orca-9-vision-chat", "acme/Orca-9-chat", "other/Orca-9-vision-chat-gguf",
         "acme/Orca-9-Zero", "acme/Orca-90"]


def _bases(query: str, **facets: list[str]) -> set[str]:
    u = reader(kind=["model"], base_model=BASES, **facets).understand(query)
    return {v for r in u.recognised if r.facet == "base_model" and r.applied for v in r.values}


@pytest.mark.parametrize("query", [
    "Has anybody fine-tuned Orca-9-Zero?",
    "Did someone quantize Orca-9-Zero yet?",
    "Who has merged Orca-9-Zero with something else?",
])
def test_a_base_after_an_active_verb_of_copying_is_read(query):
    assert _bases(query) == {"acme/Orca-9-Zero"}


@pytest.mark.parametrize("query", [
    "Did someone adapt Orca-9-Zero to Japanese?",
    "Did anyone convert Orca-9-Zero to GGUF?",
])
def test_a_base_after_an_active_verb_in_the_present_is_read(query):
    # "adapted?" and "converted?" read "adapte(d)", "converte(d)": the present "adapt", "convert" read no base
    assert _bases(query) == {"acme/Orca-9-Zero"}


def test_an_active_verb_reads_no_base_from_words_further_on():
    # the verb's object is no held base: a name later in the clause is not taken for it
    u = reader(kind=["model"], base_model=BASES).understand("Has anyone fine-tuned something small for Orca-9 users?")
    assert not [r for r in u.recognised if r.facet == "base_model"]


def test_an_apposition_describing_the_base_is_no_task():
    u = reader(kind=["model"], base_model=BASES, task=["reinforcement-learning"]).understand(
        "Has anybody fine-tuned Orca-9-Zero, the version trained with reinforcement learning only?")
    assert {v for r in u.recognised if r.facet == "base_model" for v in r.values} == {"acme/Orca-9-Zero"}
    assert not [r for r in u.recognised if r.facet == "task"]


def test_including_its_version_adds_the_owners_base_with_those_words():
    u = reader(kind=["model"], base_model=BASES, task=["image-text-to-text"]).understand(
        "Is anything derived from Orca-9, including its vision chat version?")
    read = [r for r in u.recognised if r.facet == "base_model"]
    # the owner's version first: another account's build with more words is not it
    assert set(read[0].values) == {"acme/Orca-9", "acme/Orca-9-vision-chat"}
    assert read[0].mode == "filter"
    assert not [r for r in u.recognised if r.facet == "task"]  # "vision" names the version, not a task


def test_including_a_version_no_base_carries_leaves_the_base():
    assert _bases("Is anything derived from Orca-9, including its audio version?") == \
        _bases("Is anything derived from Orca-9?")
