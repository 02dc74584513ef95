"""The training methods a question may name, read from the method concepts of the shipped vocabulary.

`registry/ontology/vocabularies/methods.ttl` (harvested as concept FDOs like the other vocabularies) describes each
way a model is trained or built: its acronym (`mlfdo:acronym`), its written-out names (`skos:prefLabel`, then the
`skos:altLabel`s), the Hub tags the models made so carry (`mlfdo:hubTag`) and words their names hold
(`mlfdo:nameMarker`). Search reads an acronym and its written-out names as one another and a method named as its
tags and markers to meet (docs/search.md, "Training methods and acronyms").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from pyoxigraph import Literal, RdfFormat, parse

from registry.paths import ONTOLOGY_DIR
from registry.vocab import MLFDO, SKOS

__all__ = ["METHODS_FILE", "Method", "methods", "methods_of"]

METHODS_FILE = ONTOLOGY_DIR / "vocabularies" / "methods.ttl"
_SCHEME = "https://w3id.org/mlfdo/vocab/method"


@dataclass(frozen=True)
class Method:
    """A training method as a question names it and as the Hub shows it."""

    key: str  # the concept's notation: its acronym in small letters ("dpo"), or its word ("distillation")
    acronym: str  # as written ("SimPO"); "" for a method with none
    phrases: tuple[str, ...]  # its written-out names, small letters, words parted by single spaces
    markers: tuple[str, ...]  # the Hub tags, then the name words, that show a model made so
    everyday: bool  # its acronym is also an everyday word ("spin"): no method read from the acronym alone


def _written(label: str) -> str:
    return " ".join(re.split(r"[\s\-_]+", label.lower())).strip()


@lru_cache(maxsize=1)
def methods() -> tuple[Method, ...]:
    """Return the methods of the shipped vocabulary, in the file's order."""
    return methods_of(METHODS_FILE)


def methods_of(path: Path) -> tuple[Method, ...]:
    """Return the method concepts of the Turtle file ``path``, in the file's order."""
    props: dict[str, dict[str, list[str]]] = {}
    for t in parse(path.read_bytes(), format=RdfFormat.TURTLE):
        values = props.setdefault(t.subject.value, {})
        values.setdefault(t.predicate.value, []).append(
            t.object.value if isinstance(t.object, Literal) else t.object.value)
    out = []
    for values in props.values():
        if _SCHEME not in values.get(SKOS.inScheme.value, ()):
            continue
        key = values[SKOS.notation.value][0]
        acronym = next(iter(values.get(MLFDO.acronym.value, ())), "")
        names = values.get(SKOS.prefLabel.value, []) + values.get(SKOS.altLabel.value, [])
        phrases = tuple(dict.fromkeys(p for p in map(_written, names) if p and p != key))
        markers = tuple(dict.fromkeys(values.get(MLFDO.hubTag.value, []) + values.get(MLFDO.nameMarker.value, [])))
        everyday = values.get(MLFDO.everydayWord.value, ["false"])[0] == "true"
        out.append(Method(key=key, acronym=acronym, phrases=phrases, markers=markers, everyday=everyday))
    return tuple(out)
