"""The chat quotes a description's words, not its Markdown (a card's opening is often a bullet list)."""

from __future__ import annotations

import pytest

from tests.factories import model_doing, model_pid, registry_holding, task_record

CARD = "- Architecture family: `gemma`\n- Licence: `mit`\n\n**Tuned** to answer [support](https://example.org) tickets."


@pytest.fixture(scope="module")
def registry():
    yield from registry_holding([task_record("text-generation"),
                                 model_doing("org/ticket-helper", "text-generation", downloads=10, description=CARD),
                                 model_doing("org/poem-writer", "text-generation", downloads=5,
                                             description="Writes short poems.")])


def test_a_listed_models_description_is_quoted_without_its_markdown(chat):
    answer = chat.ask("Which models answer support tickets?")
    assert model_pid("org/ticket-helper") in {c.pid for c in answer.answers}
    line = next(line for line in answer.text.splitlines() if "ticket-helper" in line)
    assert "`" not in line and "**" not in line and "](https://example.org)" not in line
    assert "Architecture family: gemma" in line and "Tuned to answer support tickets" in line
