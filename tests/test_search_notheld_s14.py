"""A version or size of a family the registry does not hold ("Do you have Stable Diffusion 3.5 Large?", "Can I get
Microsoft's Phi-3 Mini here?"): the family's own releases nearest in version, then in size, the owner named first;
then the names carrying the version asked; a stub (a name another record gives) holds nothing (session 14)."""

from __future__ import annotations

import pytest

from pyoxigraph import Literal, NamedNode, Triple

from registry.pid import mint_id, pid_iri
from registry.record import Record, SourceInfo
from registry.search.versions import asked_version, name_version, size_distance
from registry.vocab import FAIR4ML, RDF, SCHEMA
from tests.factories import BASE, concepts_searcher, model_doing, model_pid

ACME = NamedNode(pid_iri(BASE, mint_id("hf-user", "acme")))
ORGANISATION = Record(ACME.value, [Triple(ACME, RDF.type, SCHEMA.Organization), Triple(ACME, SCHEMA.name, Literal("acme")),
                                   Triple(ACME, SCHEMA.identifier, Literal("acme"))],
                      kind="organisation", platform="hf-user", platform_id="acme", stub=True,
                      source=SourceInfo("test", "1", "https://huggingface.co/acme", "sha-1"))


def _acmes(name: str, task: str, **kwargs) -> Record:
    """Return a model acme shares (the author the question's possessive names)."""
    return model_doing(name, task, extra=[Triple(NamedNode(model_pid(name)), FAIR4ML.sharedBy, ACME)], **kwargs)


# ------------------------------------------------------------ reading versions and sizes
def test_a_question_names_a_family_its_version_and_the_size_after_it():
    asked = asked_version("Do you have Pixel Forge 3.5 Large?")
    assert (asked.family, asked.version, asked.size) == (("pixel", "forge"), 3.5, "large")
    asked = asked_version("Is Wordsmith 3.1 405B in the registry?")
    assert (asked.family, asked.version, asked.size) == (("wordsmith",), 3.1, "405b")
    # a word after the version that is no size is no size asked
    assert asked_version("Which Wordsmith 2 models answer questions?").size == ""


@pytest.mark.parametrize("identifier, family, expected", [
    ("maker/pixel-forge-3-medium", ("pixel", "forge"), (3.0, True, "medium")),
    ("maker/pixel-forge-v1-4", ("pixel", "forge"), (1.4, True, "")),
    ("maker/Maker-Wordsmith-3-70B-Instruct", ("wordsmith",), (3.0, True, "70b")),  # the owner's word before it
    ("lab/wordsmith-2-7b-chat-hf", ("wordsmith",), (2.0, True, "7b")),
    ("someone/quill3-chat-adapter", ("quill",), (3.0, False, "")),  # the version written with the word; built on
    ("lab/pixel-forge-2-1-openvino", ("pixel", "forge"), (2.1, False, "")),  # a format's copy
    ("lab/lora-pixel-forge-2-1-cats", ("pixel", "forge"), (2.1, False, "")),  # another word before the family
])
def test_a_name_says_which_version_it_is_and_whether_it_is_a_release_of_its_own(identifier, family, expected):
    named = name_version(identifier, family)
    assert (named.version, named.own, named.size) == expected


def test_a_name_without_a_version_after_the_family_names_none():
    assert name_version("maker/pixel-forge-turbo", ("pixel", "forge")) is None


def test_sizes_are_as_far_apart_as_their_ratio_or_their_steps():
    assert size_distance("405b", "70b") < size_distance("405b", "8b")
    assert size_distance("large", "medium") == 1.0
    assert size_distance("large", "") > size_distance("large", "tiny")  # unsaid: after every size compared
    assert size_distance("", "70b") == 0.0


# ------------------------------------------------------------ the closest records
@pytest.fixture(scope="module")
def families():
    records = [
        # a family whose 3.5 Large is only a name another record gives (a stub)
        model_doing("maker/pixel-forge-v1-4", "text-to-image", downloads=900_000, description="Draws pictures."),
        model_doing("maker/pixel-forge-2-1", "text-to-image", downloads=800_000, description="Draws pictures."),
        model_doing("maker/pixel-forge-3-medium", "text-to-image", downloads=10_000, description="Draws pictures."),
        model_doing("maker/pixel-forge-3.5-large", None, stub=True),
        model_doing("lab/cat-painter", "text-to-image", base_model="maker/pixel-forge-3.5-large", description="Cats."),
        # versions and sizes of another family
        model_doing("maker/wordsmith-3.1-8b-instruct", "text-generation", downloads=5_000, description="Writes."),
        model_doing("maker/wordsmith-3-70b-instruct", "text-generation", downloads=3_000, description="Writes."),
        model_doing("maker/wordsmith-3-8b-instruct", "text-generation", downloads=90_000, description="Writes."),
        model_doing("maker/wordsmith-2-7b-chat-hf", "text-generation", downloads=80_000, description="Writes."),
        # an owner's version, a copy by another owner, an adapter whose name says the version asked
        ORGANISATION,
        _acmes("acme/quill-2", "text-generation", downloads=1_000, description="Writes short texts."),
        model_doing("copies/quill-2", "text-generation", downloads=50_000, description="Writes short texts."),
        model_doing("copies/quill-4", "text-generation", downloads=60_000, description="Writes short texts."),
        model_doing("someone/quill3-chat-adapter", None, base_model="acme/quill-2", description="Chats."),
        _acmes("acme/other-helper", "text-classification", downloads=5, description="Sorts texts."),
    ]
    records += [model_doing(f"lab/painter-{i}", "text-to-image", downloads=100_000 + i,
                            description="Draws pictures from prompts, a pixel forge of its own.") for i in range(8)]
    records += [model_doing(f"lab/writer-{i}", "text-generation", downloads=200_000 + i,
                            description="A wordsmith and quill for any text, large or small.") for i in range(8)]
    yield from concepts_searcher(records)


def _top(searcher, question, n):
    return [h.pid for h in searcher.search(question, per_page=10).results][:n]


def test_a_stub_named_for_the_version_asked_holds_nothing(families):
    # the nearest version first (3 before 2.1 before 1.4), a size after a version ("-medium") still a release of its own
    got = _top(families, "Do you have Pixel Forge 3.5 Large?", 3)
    assert got == [model_pid(n) for n in ("maker/pixel-forge-3-medium", "maker/pixel-forge-2-1",
                                          "maker/pixel-forge-v1-4")], got


def test_a_size_not_held_puts_the_nearest_version_then_the_nearest_size_first(families):
    got = _top(families, "Is Wordsmith 3.1 405B in the registry?", 4)
    assert got == [model_pid(n) for n in ("maker/wordsmith-3.1-8b-instruct", "maker/wordsmith-3-70b-instruct",
                                          "maker/wordsmith-3-8b-instruct", "maker/wordsmith-2-7b-chat-hf")], got


def test_the_owners_release_comes_first_then_a_name_carrying_the_version_asked(families):
    got = _top(families, "Can I get Acme's Quill-3 Mini here?", 2)
    assert got == [model_pid("acme/quill-2"), model_pid("someone/quill3-chat-adapter")], got


def test_a_size_held_is_no_size_missing(families):
    qu = families.understand("Is Wordsmith 3 70B in the registry?")
    assert families._nearest_versions("Is Wordsmith 3 70B in the registry?", qu) == []


def test_a_question_about_what_was_built_on_a_stub_is_left_to_the_lineage_rule(families):
    question = "What has been fine-tuned from Pixel Forge 3.5 Large?"
    qu = families.understand(question)
    assert families._nearest_versions(question, qu) == []
    assert any(r.facet == "base_model" for r in qu.recognised), qu.recognised

