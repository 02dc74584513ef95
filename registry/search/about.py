"""What a task or an evaluation run is, said in words: the text the index holds for records that have no prose.

An OpenML task's record states facts (its type, its data set, the feature to predict, how it is estimated and
measured), and so does a run's, an evaluation (the flow it ran, its task, its data set, the measures it reports);
neither has a description. ``describe`` says in a few sentences what the record is, from those facts and the
description of the data set it is on, so the words a question names it by ("a classification task on the anneal
data", "evaluations of a Bayes net on optdigits") meet it, it has a meaning to embed and a snippet to show.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from pyoxigraph import NamedNode

from registry.fdo.model import Fdo
from registry.vocab import FAIR4ML, MLFDO, SCHEMA

__all__ = ["About", "ABOUT_KINDS", "describe", "linked_data", "DATA_CHARS", "MEASURES_SHOWN"]

ABOUT_KINDS = ("task", "evaluation")  # the kinds whose records are facts only
DATA_CHARS = 300  # of the data set's description: what the data is, not its whole card
MEASURES_SHOWN = 6  # an OpenML run reports 20-30 measures; the first few say what it found
# the measures people look for first; others follow in the record's order
_FIRST_MEASURES = ("predictive_accuracy", "area_under_roc_curve", "f_measure", "kappa", "root_mean_squared_error",
                   "mean_absolute_error")
_DATA = {"task": (MLFDO.taskDataset.value,), "evaluation": (FAIR4ML.evaluationDataset.value,)}


@dataclass(frozen=True)
class About:
    """The text of a record that states facts only: a description, and the words of the fields it fills."""

    description: str
    datasets: list[str] = field(default_factory=list)  # the names of the data sets it is on
    task_types: list[str] = field(default_factory=list)  # "Supervised Classification"
    data_text: str = ""  # what its data set's own description says


def linked_data(fdos: Iterable[Fdo]) -> list[str]:
    """Return the data sets the tasks and evaluations among ``fdos`` are on (their descriptions are read too)."""
    return list(dict.fromkeys(o.value for f in fdos if f.kind in _DATA for prop in _DATA[f.kind]
                              for o in f.properties.get(prop, []) if isinstance(o, NamedNode)))


def describe(fdo: Fdo, data: dict[str, Fdo]) -> About | None:
    """Return what a task or an evaluation is in words (``data``: the FDOs of the data sets it is on), else None."""
    if fdo.kind not in _DATA:
        return None
    datasets = [fdo.ref(o.value) for prop in _DATA[fdo.kind] for o in fdo.properties.get(prop, [])
                if isinstance(o, NamedNode)]
    names = [d.label for d in datasets]
    data_text = " ".join(data[d.iri].description for d in datasets if d.iri in data)[:DATA_CHARS]
    on = f" on the data set {', '.join(names)}" if names else ""
    if fdo.kind == "task":
        types = fdo.strings(MLFDO.taskType.value)
        parts = [f"{' and '.join(types) or 'A'} task{on}"]
        targets = fdo.strings(MLFDO.targetFeature.value)
        if targets:
            parts[0] += f": predict {', '.join(targets)}"
        procedures = fdo.strings(MLFDO.estimationProcedure.value)
        if procedures:
            parts.append(f"Estimated by {'; '.join(procedures)}")
        measures = [_words(m) for m in fdo.strings(MLFDO.evaluationMeasure.value)]
        if measures:
            parts.append(f"Measured by {', '.join(measures)}")
    else:
        types = fdo.strings(MLFDO.evaluationTask.value)
        flows = [fdo.ref(o.value).label for o in fdo.properties.get(FAIR4ML.evaluatedMLModel.value, [])]
        tasks = [fdo.ref(o.value).label for o in fdo.properties.get(MLFDO.evaluationTaskOf.value, [])]
        parts = [f"Evaluation run of {', '.join(flows) or 'a flow'}"
                 + (f" on {', '.join(tasks)}" if tasks else "")
                 + (f" ({' and '.join(types)})" if types else "") + (f", with the data set {', '.join(names)}"
                                                                     if names else "")]
        results = _results(fdo)
        if results:
            parts.append("Results: " + ", ".join(results))
    if parts in (["A task"], ["Evaluation run of a flow"]):
        return About("", names, types, data_text)  # a stub: no fact to say it with (its name says what it is)
    return About(". ".join(parts) + ".", names, types, data_text)


def _results(fdo: Fdo) -> list[str]:
    """Return "measure value" for the measures a run reports, the commonly sought first."""
    found: dict[str, str] = {}
    for o in fdo.properties.get(FAIR4ML.evaluationResults.value, []):
        node = fdo.owned.get(o.value, {})
        names = [v.value for v in node.get(SCHEMA.name.value, [])]
        values = [v.value for v in node.get(SCHEMA.value.value, [])]
        if names and values:
            found.setdefault(names[0], _number(values[0]))
    order = sorted(found, key=lambda n: (_FIRST_MEASURES.index(n) if n in _FIRST_MEASURES else len(_FIRST_MEASURES),
                                         n))
    return [f"{_words(n)} {found[n]}" for n in order[:MEASURES_SHOWN]]


def _words(name: str) -> str:
    """Return a measure's identifier as words ("predictive_accuracy": predictive accuracy)."""
    return name.replace("_", " ").strip()


def _number(text: str) -> str:
    try:
        return f"{float(text):.4g}"
    except ValueError:
        return text
