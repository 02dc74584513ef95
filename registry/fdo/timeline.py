"""The history of an FDO in plain words: each version with what changed since the one before.

Changes come from the store's triple diff between consecutive versions, read property by
property: one value replaced by another ("licence: MIT → Apache-2.0"), values added or removed
("trained on: glue added"), evaluation results counted ("3 evaluation results added").
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from pyoxigraph import NamedNode

from registry.fdo.view import humanise
from registry.store.results import Diff, VersionInfo
from registry.vocab import FAIR4ML, RDF, SCHEMA

__all__ = ["TimelineEntry", "Timeline", "timeline_of", "describe_diff", "MAX_DESCRIBED", "AXIS_WIDTH"]

MAX_DESCRIBED = 30  # versions described in words (the newest); older ones are listed with their diff link
VALUE_CHARS = 40
AXIS_WIDTH = 1100
_EVAL = FAIR4ML.MLModelEvaluation.value
_REWRITTEN = {SCHEMA.description.value}  # long text: say it changed, do not quote it
_LABELS = {SCHEMA.license.value: "licence", FAIR4ML.mlTask.value: "task", FAIR4ML.sharedBy.value: "shared by"}


@dataclass
class TimelineEntry:
    """One version on the timeline."""

    version: VersionInfo
    changes: list[str] = field(default_factory=list)
    described: bool = True
    x: float = 0.0  # position on the time axis, 0..AXIS_WIDTH

    @property
    def number(self) -> int:
        return self.version.number


@dataclass
class Timeline:
    entries: list[TimelineEntry]  # newest first
    start: datetime | None = None
    end: datetime | None = None


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= VALUE_CHARS else text[:VALUE_CHARS - 1] + "…"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def describe_diff(diff: Diff, label) -> list[str]:
    """Return the changes of ``diff`` in plain words; ``label(iri)`` names an IRI value."""
    def value(term) -> str:
        return label(term.value) if isinstance(term, NamedNode) else _short(term.value)

    main_added: dict[str, list] = defaultdict(list)
    main_removed: dict[str, list] = defaultdict(list)
    evals_added, evals_removed, owned_changed = set(), set(), set()
    for triples, main, evals in ((diff.added, main_added, evals_added), (diff.removed, main_removed, evals_removed)):
        for t in triples:
            subject = t.subject.value
            if subject == diff.pid:
                main[t.predicate.value].append(t.object)
            elif t.predicate == RDF.type and t.object.value == _EVAL:
                evals.add(subject)
            else:
                owned_changed.add(subject)
    changes = []
    for prop in sorted(set(main_added) | set(main_removed), key=lambda p: _LABELS.get(p, humanise(p))):
        name = _LABELS.get(prop, humanise(prop))
        added, removed = main_added.get(prop, []), main_removed.get(prop, [])
        if prop in _REWRITTEN:
            changes.append(f"{name} {'rewritten' if added and removed else 'added' if added else 'removed'}")
        elif len(added) == 1 and len(removed) == 1:
            changes.append(f"{name}: {value(removed[0])} → {value(added[0])}")
        else:
            if added:
                changes.append(f"{name}: {', '.join(sorted(value(o) for o in added)[:5])} added")
            if removed:
                changes.append(f"{name}: {', '.join(sorted(value(o) for o in removed)[:5])} removed")
    if evals_added:
        changes.append(f"{_plural(len(evals_added), 'evaluation result')} added")
    if evals_removed:
        changes.append(f"{_plural(len(evals_removed), 'evaluation result')} removed")
    edited = owned_changed - evals_added - evals_removed
    if edited:
        changes.append(f"{_plural(len(edited), 'detail')} of evaluations or other parts changed")
    return changes


def timeline_of(service, located, versions: list[VersionInfo] | None = None) -> Timeline:
    """Return the timeline of an FDO: every version, the newest ``MAX_DESCRIBED`` described in words.

    ``versions``: the FDO's versions when the caller has read them already.
    """
    versions = service.versions(located) if versions is None else versions
    entries = [TimelineEntry(v) for v in versions]
    described = [e.number for e in entries[-MAX_DESCRIBED:] if e.number > 1]
    graphs = {n: set(service.triples(located, n)) for n in {m for d in described for m in (d - 1, d)}}
    diffs = {n: Diff(located.pid, n - 1, n, tuple(graphs[n] - graphs[n - 1]), tuple(graphs[n - 1] - graphs[n]))
             for n in described}  # each version read once, not twice
    iris = sorted({t.object.value for d in diffs.values() for t in (*d.added, *d.removed)
                   if isinstance(t.object, NamedNode) and t.subject.value == located.pid})
    labels = service.labels(iris)
    for entry in entries:
        if entry.number == 1:
            entry.changes = ["first harvested"]
        elif entry.number in diffs:
            entry.changes = describe_diff(diffs[entry.number], lambda iri: labels[iri].label)
        else:
            entry.described = False
    timeline = Timeline(list(reversed(entries)))
    if versions:
        timeline.start, timeline.end = versions[0].generated_at, versions[-1].generated_at
        span = (timeline.end - timeline.start).total_seconds() or 1.0
        for entry in entries:
            entry.x = 10 + (AXIS_WIDTH - 20) * (entry.version.generated_at - timeline.start).total_seconds() / span
    return timeline
