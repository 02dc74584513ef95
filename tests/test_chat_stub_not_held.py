"""A name only another record gives (a stub, never harvested) is not held: asked for, the chat says so and names the
family's nearest releases as the closest records, the search's order (docs/chat.md, "not in the registry")."""

from __future__ import annotations

import pytest

from harvesters.huggingface.refs import Stubs
from tests.factories import BASE, model_doing, model_pid, registry_holding, task_record


def stub_of(model_id: str):
    """Return the stub the Hugging Face harvester records for a model it only sees named."""
    stubs = Stubs(BASE, None)
    stubs.model(model_id)
    return list(stubs.records.values())


MODELS = stub_of("inkworks/paintbox-9.5-large") + [
    # an older release, much downloaded, and the release nearest the version asked, hardly downloaded
    model_doing("inkworks/paintbox-7-1", "text-to-image", downloads=90_000, description="Draws pictures from prompts."),
    model_doing("inkworks/paintbox-9-medium", "text-to-image", downloads=40, description="Draws pictures from prompts."),
    # a well-known family the vocabulary knows (Phi): a release, and an adapter whose name carries the version asked
    model_doing("microsoft/phi-2", "text-generation", downloads=5_000, description="A small model that writes text."),
    model_doing("dora/phi3-notes-adapter", None, downloads=1, description="Adapter weights for note taking."),
    model_doing("zed/tiny-writer", "text-generation", downloads=80_000, description="Writes short replies."),
]


@pytest.fixture(scope="module")
def registry():
    yield from registry_holding([task_record("text-to-image"), task_record("text-generation")] + MODELS)


def test_a_name_only_a_stub_carries_is_not_held(chat):
    answer = chat.ask("Do you have Paintbox 9.5 Large?")
    assert not answer.answerable
    assert answer.text.startswith("“Paintbox 9.5 Large” is not in the registry")
    assert "inkworks/paintbox-9.5-large" in answer.text.split("\n\n")[0]  # the name, linked, as only a name
    assert answer.answers == []


def test_the_closest_records_of_a_version_not_held_are_the_nearest_releases_first(chat):
    answer = chat.ask("Is Paintbox 9.5 Large here?")
    assert [c.pid for c in answer.closest][:2] == [model_pid("inkworks/paintbox-9-medium"),
                                                  model_pid("inkworks/paintbox-7-1")]
    assert model_pid("inkworks/paintbox-9.5-large") not in {c.pid for c in answer.closest}


def test_a_name_carrying_the_version_asked_is_closest_without_a_task(chat):
    answer = chat.ask("Can I get Microsoft's Phi-3 Mini here?")
    assert not answer.answerable
    assert model_pid("dora/phi3-notes-adapter") in {c.pid for c in answer.closest}
    assert [c.pid for c in answer.closest][:1] == [model_pid("microsoft/phi-2")]
