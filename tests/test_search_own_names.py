"""A model's own name written alone, without its account, puts every record of that name first and says which
accounts hold it; a maker's release whose name gives its family no version is the family's first; a word such as "to"
inside a name's hyphens ("the image-to-video FrameGen 1.5 5B") does not end the base's name (docs/search.md,
"Ranking", "Query understanding")."""

from __future__ import annotations

import pytest

from pyoxigraph import Literal, NamedNode, Triple

from registry.search.names import written_name
from registry.search.versions import release_version
from registry.vocab import SCHEMA
from tests.factories import concepts_searcher, model_doing, model_pid, task_record

SHARED = ("alpha/quill-7b-openverse", "beta/quill-7b-openverse")
RECORDS = [
    task_record("text-generation"),
    model_doing("alpha/quill-7b-openverse", "text-generation", base_model="maker/quill-7b", downloads=3,
                description="A chat tune."),
    model_doing("beta/quill-7b-openverse", "text-generation", base_model="maker/quill-7b", downloads=1,
                description="Another chat tune."),
    # a card calling its model by the shared name: called so too, after the identifiers holding it, and no account of it
    model_doing("delta/openverse-next", "text-generation", downloads=500, description="A later tune.",
                extra=[Triple(NamedNode(model_pid("delta/openverse-next")), SCHEMA.alternateName,
                              Literal("quill-7b-openverse"))]),
    model_doing("gamma/sd-pixel-art", "text-to-image", downloads=2, description="Draws pixel art."),
    model_doing("maker/quill-7b", "text-generation", downloads=50_000, description="Quill 7B, an open verse writer."),
    model_doing("maker/quill-7b-it", "text-generation", base_model="maker/quill-7b", downloads=90_000,
                description="Quill 7B instruct: open verse, open chat, open hermes of text."),
    model_doing("someone/quill-2-7b-bot", "text-generation", base_model="maker/quill-7b", downloads=5,
                description="A bot."),
    model_doing("lab/quill-7b-fp16-ov", "text-generation", base_model="maker/quill-7b", downloads=800,
                description="A half-precision export."),
    model_doing("solo/results", "text-generation", downloads=1, description="Training results."),
    # bases named with a task written with hyphens before them, and a popular base whose name holds a task's word
    task_record("image-to-video"), task_record("image-classification"),
    model_doing("maker/FrameGen1.5-5B-I2V", "image-to-video", downloads=100, description="Animates a still."),
    model_doing("fans/framegen-painter", "image-to-video", base_model="maker/FrameGen1.5-5B-I2V", downloads=2,
                description="Paints over clips."),
    model_doing("acme/nsfw_image_detection", "image-classification", downloads=900_000, description="Flags images."),
    model_doing("fans/nsfw-detect-tuned", "image-classification", base_model="acme/nsfw_image_detection",
                downloads=20, description="Flags images."),
]
RECORDS += [model_doing(f"fans/quill-7b-openverse-tune-{i}", "text-generation", base_model="maker/quill-7b",
                        downloads=10_000 + i, description="Quill 7B openverse open verse tune.") for i in range(12)]


@pytest.fixture(scope="module")
def searcher():
    yield from concepts_searcher(RECORDS)


@pytest.mark.parametrize("question", ["what's quill-7b-openverse?", "Tell me about quill-7b-openverse.",
                                      "What is QUILL-7B-OpenVerse?", "quill-7b-openverse"])
def test_an_own_name_written_alone_puts_every_account_holding_it_first(searcher, question):
    response = searcher.search(question)
    assert {h.pid for h in response.results[:2]} == {model_pid(n) for n in SHARED}, \
        [h.name for h in response.results[:4]]
    assert any("alpha" in n and "beta" in n and "delta" not in n for n in response.notes), response.notes
    assert response.results[2].pid == model_pid("delta/openverse-next")


def test_an_own_name_one_account_holds_comes_first_without_a_note(searcher):
    response = searcher.search("What is sd-pixel-art?")
    assert response.results[0].pid == model_pid("gamma/sd-pixel-art")
    assert not any("Several accounts" in n for n in response.notes)


@pytest.mark.parametrize("text, expected", [
    ("gemma-7b-openhermes", "gemma-7b-openhermes"), ("mhGPT2", "mhGPT2"), ("sd-laion-art.", "sd-laion-art"),
    ("results", ""), ("deepseek", ""), ("two words-here", ""), ("", ""),
])
def test_a_name_is_written_as_identifiers_write_them(text, expected):
    # a plain word is a word of the question, however many accounts name a model so
    assert written_name(text) == expected


@pytest.mark.parametrize("identifier, expected", [
    ("maker/quill-7b-it", (1.0, True, "7b")),  # the family's unnumbered release: its first version
    ("huggyllama/llama-7b", (1.0, True, "7b")),
    ("maker/quill-2-9b", (2.0, True, "9b")),
])
def test_a_release_without_a_version_is_the_familys_first(identifier, expected):
    named = release_version(identifier, ("quill",) if "quill" in identifier else ("llama",))
    assert (named.version, named.own, named.size) == expected


@pytest.mark.parametrize("identifier", ["lab/quill-7b-fp16-ov", "maker/quill-turbo", "someone/my-quill-7b"])
def test_a_copy_or_another_word_makes_no_first_release(identifier):
    assert release_version(identifier, ("quill",)) is None


def test_a_version_not_held_puts_the_familys_first_release_before_a_name_merely_saying_the_version(searcher):
    # "Quill 2 9B" is not held: the maker's unnumbered (first) releases are the closest, not a bot whose name says 2
    hits = [h.pid for h in searcher.search("I was hoping to find Maker's Quill 2 9B. Is it here?").results]
    assert hits[:2] == [model_pid("maker/quill-7b-it"), model_pid("maker/quill-7b")], hits[:4]


@pytest.mark.parametrize("question", ["Which models start from the image-to-video FrameGen 1.5 5B?",
                                      "Anything fine-tuned from the image-to-video FrameGen1.5-5B?",
                                      "What builds on the image-to-video framegen 1.5 5b?"])
def test_a_task_written_with_hyphens_before_a_base_is_part_of_the_name_not_its_end(searcher, question):
    # the "to" of "image-to-video" ended the name read after the relation: "image-" read the base holding "image"
    bases = [v for r in searcher.understand(question).recognised if r.facet == "base_model" for v in r.values]
    assert "maker/FrameGen1.5-5B-I2V" in bases and "acme/nsfw_image_detection" not in bases, bases
