"""A model naming a kind of task of the question itself ("ControlNet") but stating no task counts as a model of the
kind's task: it is taken at its word, as a lenient filter lets through a model stating no language."""

from __future__ import annotations

import pytest

from tests.factories import concepts_searcher, model_doing, model_pid

GUIDED = "lab/ControlNet-weights"  # its name shows the kind, no task stated
EDITORS = [f"lab/photo-editor-{i}" for i in range(5)]  # image-to-image, no marker of the kind
SILENT = "lab/weights-only"  # no task, no marker

MODELS = [
    model_doing(GUIDED, None, description="Weights."),
    model_doing(SILENT, None, description="Weights."),
    *(model_doing(n, "image-to-image", description="Edits photos.", downloads=1000 * (i + 1))
      for i, n in enumerate(EDITORS)),
    # models of other tasks: a kind's own task held by a tenth of the index is not boosted (``GENERIC_TASK_SHARE``)
    *(model_doing(f"lab/other-{task}-{i}", task, description="Does something else.")
      for task in ("translation", "text-classification", "summarization", "object-detection") for i in range(15)),
]


@pytest.fixture(scope="module")
def searcher():
    yield from concepts_searcher(MODELS)


def test_a_model_naming_the_kind_but_no_task_is_boosted_as_one_of_the_kinds_task(searcher):
    question = "Which model can paint a picture from a sketch?"
    qu = searcher.understand(question)
    assert "controlled-image-generation" in {v for r in qu.recognised if r.facet == "topic" for v in r.values}
    judged = searcher.judge([model_pid(GUIDED), model_pid(SILENT), model_pid(EDITORS[0])], qu)
    # the kind (2) and its task (2) for the model naming it, the task alone for the editors, nothing for the other
    assert judged[model_pid(GUIDED)][1] > judged[model_pid(EDITORS[0])][1] > judged[model_pid(SILENT)][1] == 0
    got = [h.pid for h in searcher.search(question, per_page=10).results]
    assert model_pid(GUIDED) in got and model_pid(SILENT) not in got  # its card holds none of the words
