"""A name records carry only inside longer words of their names ("Hermes": the DeepHermes models, the OpenHermes
data and the models named after it or trained on it).

Such a name is not absent (records carry it) and not one record's (no record is called so, none has it as a whole
part of its name): it is ambiguous. Each word carrying it is one sense; the answer lists the senses, the models
named with the word first, then a word naming data with its data sets and the models trained on them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from registry.chat.facts import FdoFacts, gather
from registry.chat.names import NameIndex

__all__ = ["Sense", "senses_of", "SENSE_K", "MAX_SENSES"]

SENSE_K = 3  # records named per sense and per kind
MAX_SENSES = 4  # senses named in an answer
MIN_NAME = 4  # shorter names ("Phi") sit inside too many words to mean anything there


@dataclass
class Sense:
    """One word of records' names that carries the name asked for, with the records it names."""

    word: str  # as a record writes it ("DeepHermes")
    models: list[FdoFacts] = field(default_factory=list)  # models whose names have the word
    datasets: list[FdoFacts] = field(default_factory=list)  # data sets whose names have it
    trained: list[FdoFacts] = field(default_factory=list)  # models trained on those data sets, not named with it


def senses_of(name: str, names: NameIndex, store) -> list[Sense]:
    """Return the senses of ``name`` as records carry it inside longer words of their names, model senses first;
    [] for a name of several words or shorter than ``MIN_NAME``, or one no record carries so."""
    if len(name) < MIN_NAME or not name.isalpha():
        return []
    carried = names.carrying(name)
    if not carried:
        return []
    ranked = {word: sorted(held, key=lambda p: (-held[p], p))[:2 * SENSE_K] for word, held in carried.items()}
    facts = gather(store, [pid for pids in ranked.values() for pid in pids])
    senses = []
    for word, pids in ranked.items():
        found = [facts[p] for p in pids if p in facts]
        models = [f for f in found if f.kind == "model"][:SENSE_K]
        datasets = [f for f in found if f.kind == "dataset"][:SENSE_K]
        if not models and not datasets:
            continue
        senses.append(Sense(_as_written(word, [f.name for f in found]), models, datasets))
    named = {f.pid for s in senses for f in s.models}
    trained_on = {s.word: [r.iri for d in s.datasets for _, _, sample in d.inbound[:1] for r in sample
                           if r.local and r.iri not in named] for s in senses}
    more = gather(store, list(dict.fromkeys(p for pids in trained_on.values() for p in pids)))
    for s in senses:
        s.trained = [more[p] for p in dict.fromkeys(trained_on[s.word]) if p in more][:SENSE_K]
    # the models named with a word first, then words naming data; the most downloaded first within each
    senses.sort(key=lambda s: (bool(s.datasets), -sum(f.downloads or 0 for f in s.models + s.datasets), s.word))
    return senses[:MAX_SENSES]


def _as_written(word: str, names: list[str]) -> str:
    """Return ``word`` as the records' names write it, a form with capitals first ("OpenHermes" of
    "HuggingFaceH4/OpenHermes-2.5" rather than of "gemma-7b-openhermes"); else as given."""
    forms = [n[p:p + len(word)] for n in names if (p := n.lower().find(word)) >= 0]
    return next((f for f in forms if f != f.lower()), forms[0] if forms else word)
