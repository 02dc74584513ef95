"""Names found by a word written inside them: the pieces of letters of every name, by their three-letter parts.

A query naming a word that records carry only inside longer words of their names ("hermes": DeepHermes-3,
gemma-7b-openhermes) asked for every name holding the word; a scan of every name costs as much as the index is
large (3M names at 1M FDOs). ``SubstringIndex`` keeps, once per name added, the runs of letters of the name
(``deephermes``, ``gemma``, ``openhermes`` of ``gemma-7b-openhermes``) and, per three-letter part (trigram), the
runs holding it. A word of letters lies inside one run of letters of any name holding it, so the names holding it
are those of the runs holding it, found among the runs of its rarest trigram: the cost grows with the names
sharing a trigram of the word, not with the index.

Names are only added (a name asked for again is not added twice): the owner says which of them still hold FDOs.
"""

from __future__ import annotations

import re
from array import array

__all__ = ["SubstringIndex", "GRAM"]

GRAM = 3  # letters of a part the runs are listed under; words shorter than this are not looked up
_RUN = re.compile(r"[^\W\d_]+")  # a run of letters: every character str.isalpha() holds is one of these


class SubstringIndex:
    """Names (lower-cased strings) -> found by a word of letters written inside them."""

    def __init__(self) -> None:
        self._run_id: dict[str, int] = {}
        self._runs: list[str] = []
        self._names: list[list[str] | str] = []  # per run: the name holding it, or the names (most hold one)
        self._grams: dict[str, array] = {}  # trigram -> ids of the runs holding it
        self.lookups = 0  # how many words were looked up (tests check a lookup went through the index)

    def __len__(self) -> int:
        return len(self._runs)

    def add(self, name: str) -> None:
        """List ``name`` under its runs of letters of ``GRAM`` letters or more; call it once per name."""
        for run in set(_RUN.findall(name)):
            if len(run) < GRAM:
                continue
            rid = self._run_id.get(run)
            if rid is None:
                rid = self._run_id[run] = len(self._runs)
                self._runs.append(run)
                self._names.append(name)
                for gram in {run[i:i + GRAM] for i in range(len(run) - GRAM + 1)}:
                    ids = self._grams.get(gram)
                    if ids is None:
                        ids = self._grams[gram] = array("I")
                    ids.append(rid)
                continue
            held = self._names[rid]
            if isinstance(held, str):
                self._names[rid] = [held, name]
            else:
                held.append(name)

    def runs_holding(self, word: str, limit: int) -> list[str] | None:
        """Return the runs of letters of the names added that hold ``word`` inside them (``deephermes`` for "hermes");
        None when ``word`` is no word of ``GRAM`` letters or more, or when its rarest trigram is in more than
        ``limit`` runs (a word that common is inside too many names to say which it belongs to)."""
        if len(word) < GRAM or not word.isalpha() or _RUN.fullmatch(word) is None:
            return None
        rarest = None
        for i in range(len(word) - GRAM + 1):
            ids = self._grams.get(word[i:i + GRAM])
            if ids is None:
                return []
            if rarest is None or len(ids) < len(rarest):
                rarest = ids
        if rarest is None or len(rarest) > limit:
            return None
        runs = self._runs
        return [runs[rid] for rid in rarest if word in runs[rid]]

    def holding(self, word: str) -> list[str] | None:
        """Return every name added holding ``word`` (lower-case letters) inside it, in no set order; None when
        ``word`` is not a word of ``GRAM`` letters or more (the caller scans its names then)."""
        if len(word) < GRAM or not word.isalpha() or _RUN.fullmatch(word) is None:
            return None
        self.lookups += 1
        rarest = None
        for i in range(len(word) - GRAM + 1):
            ids = self._grams.get(word[i:i + GRAM])
            if ids is None:
                return []
            if rarest is None or len(ids) < len(rarest):
                rarest = ids
        found: dict[str, None] = {}
        runs, names = self._runs, self._names
        for rid in rarest:
            if word in runs[rid]:
                held = names[rid]
                if isinstance(held, str):
                    found[held] = None
                else:
                    found.update(dict.fromkeys(held))
        return list(found)
