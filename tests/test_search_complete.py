"""A model meeting every job and subject the question asks goes before those meeting one of them, when the job is one
many models do: "an assistant for people who work in libraries" puts the librarians' model stating no task before the
chat models matching "assistant", "people" and "work"; a model stating no task meets a common job only (text
generation), not a rarer one ("generate a profile photo": a social media model stating no task is no image maker)."""

from __future__ import annotations

import pytest
from pyoxigraph import Literal, NamedNode, Triple

from registry.vocab import SCHEMA
from tests.factories import concepts_searcher, model_doing, model_pid

LIBRARY_QUESTION = "Is there an assistant for people who work in libraries?"
PHOTO_QUESTION = "I need a profile photo for LinkedIn. Can something generate one?"
ASSISTANTS = [f"chat/helper-{i}" for i in range(30)]  # text generation, saying "assistant", "people", "work"
PAINTERS = [f"art/painter-{i}" for i in range(12)]  # text to image, saying "generate" and "photo"


def tagged(name: str, task: str | None, *tags: str, **kwargs):
    pid = NamedNode(model_pid(name))
    return model_doing(name, task, extra=[Triple(pid, SCHEMA.keywords, Literal(t)) for t in tags], **kwargs)


MODELS = [
    tagged("shelf/catalogue-aid", None, "librarian", downloads=0, description="Finds books on the shelves."),
    *(tagged(n, "text-generation", downloads=1_000 * (i + 1),
             description="An assistant for people at work: drafts notes and replies.") for i, n in enumerate(ASSISTANTS)),
    tagged("art/portrait-linkedin", "text-to-image", "linkedin", downloads=2, description="Head shots."),
    tagged("post/caption-writer", None, "linkedin", downloads=500, description="Writes captions for posts."),
    *(tagged(n, "text-to-image", downloads=100 * (i + 1),
             description="Generate a photo from a prompt: a photo of anything.") for i, n in enumerate(PAINTERS)),
    *(tagged(f"misc/sorter-{i}", "text-classification", downloads=10, description=f"Sorts reviews, batch {i}.")
      for i in range(120)),  # image making is then a job of 8% of the index, text generation of 18%
]


@pytest.fixture(scope="module")
def searcher():
    yield from concepts_searcher(MODELS)


def ranked(searcher, query: str, mode: str = "hybrid") -> list[str]:
    return [h.pid for h in searcher.search(query, per_page=30, mode=mode).results]


@pytest.mark.parametrize("mode", ["hybrid", "keyword", "dense"])
def test_a_model_showing_the_subject_and_stating_no_task_meets_a_common_job(searcher, mode):
    # it holds none of the question's words; thirty chat models hold three of them
    assert ranked(searcher, LIBRARY_QUESTION, mode)[0] == model_pid("shelf/catalogue-aid")


@pytest.mark.parametrize("mode", ["hybrid", "keyword"])
def test_a_model_meeting_the_job_and_the_subject_goes_before_those_meeting_one(searcher, mode):
    # the caption writer shows the subject but states no task: it does not meet a job as rare as making pictures
    # (taken as meeting it, it would go first by its downloads)
    assert ranked(searcher, PHOTO_QUESTION, mode)[0] == model_pid("art/portrait-linkedin")


# the same registry with a DreamBooth model of one toy, and an image editor: the rules read "generate photos" as text to
# image, the concepts as image to image and image making from nothing too
PLUSH = "studio/plushie_dreambooth"


@pytest.fixture(scope="module")
def plush_searcher():
    yield from concepts_searcher(MODELS + [
        tagged(PLUSH, "text-to-image", "dreambooth", downloads=1, description="Pictures of one toy."),
        tagged("edit/restyle", "image-to-image", downloads=50, description="Restyles a photo."),
    ])


@pytest.mark.parametrize("question", [
    "Could something generate photos of a particular teddy bear in new settings?",
    "generate pictures of my plush toy on a beach",
    "Can a model generate photos of a specific stuffed toy in different places?",
])
def test_the_tasks_read_from_the_same_words_are_one_job(plush_searcher, question):
    # two readings of "generate photos" (by rule: text to image; by the concepts: image to image, image making from
    # nothing) were two jobs a model had to meet both of: none did, and the toy's one model went after the painters
    assert ranked(plush_searcher, question)[0] == model_pid(PLUSH), question
