"""An in-memory index of FDO names, to find which registry entries a question names.

Keys are lower-cased ``schema:name``, ``schema:identifier`` and ``schema:alternateName`` values
(``google-bert/bert-base-uncased``, ``bert-base-uncased``). Built on first use from the store's
PID listing and ``Store.names``, a page at a time, kept current through the store's change listener. At 100k models it holds ~300k keys
(~40 MB); a lookup is a dict access. The keys are also listed by the words inside them (``SubstringIndex``), so a
word asked for inside longer names (``carrying``) reads the names holding it, not every name. The concepts of
systems and open models the registry does not hold (``concepts.SYSTEM``: "Midjourney", "MusicGen") are left out:
they describe what is not here, so a question naming one never reads it as held; so are the organisations
("Meta"), which name who publishes, not a record.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable

from registry.search.concepts import OPEN_SCHEME, ORGANISATION, SYSTEM
from registry.search.substrings import GRAM, SubstringIndex
from registry.store import IngestResult, Store
from registry.store.results import Names

__all__ = ["NameIndex", "Match"]

PAGE = 5000


class Match(tuple):
    """(pid, downloads) of one FDO a name points at."""

    __slots__ = ()

    def __new__(cls, pid: str, downloads: int):
        return super().__new__(cls, (pid, downloads))

    @property
    def pid(self) -> str:
        return self[0]

    @property
    def downloads(self) -> int:
        return self[1]


class NameIndex:
    """Lower-cased name -> FDOs with that name, most downloaded first."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._keys: dict[str, dict[str, int]] = {}
        self._by_pid: dict[str, set[str]] = {}
        self._joined: str | None = None
        self._words = SubstringIndex()  # every key ever held, by the words inside it (``carrying``)
        self._listed: set[str] = set()  # the keys listed in ``_words`` (a key dropped and held again is listed once)
        self._built = False
        self._lock = threading.Lock()
        self._absent: set[str] = set()  # concepts of systems not held and organisations: never keys
        store.on_change(self._on_change)

    def _ensure(self) -> None:
        if self._built:
            return
        with self._lock:
            if self._built:
                return
            self._absent = {pid for pid in self.store.pids(kind="term") if self._describes_absent(pid)}
            offset = 0
            while True:
                pids = self.store.pids(offset=offset, limit=PAGE)
                self._add(self.store.names(pids).values())
                if len(pids) < PAGE:
                    break
                offset += PAGE
            self._built = True

    def _describes_absent(self, pid: str) -> bool:
        known = self.store.platform_id(pid)
        return bool(known) and known[0] in (SYSTEM, OPEN_SCHEME, ORGANISATION)

    def _add(self, found: Iterable[Names]) -> None:
        for entry in found:
            if entry.pid in self._absent:
                continue
            for name in {n.strip().lower() for n in entry.names} - {""}:
                self._keys.setdefault(name, {})[entry.pid] = entry.downloads
                if name not in self._listed:
                    self._listed.add(name)
                    self._words.add(name)
                self._by_pid.setdefault(entry.pid, set()).add(name)
        self._joined = None

    def _remove(self, pid: str) -> None:
        for key in self._by_pid.pop(pid, set()):
            entry = self._keys.get(key)
            if entry is not None:
                entry.pop(pid, None)
                if not entry:
                    del self._keys[key]
        self._joined = None

    def _on_change(self, results: list[IngestResult]) -> None:
        if not self._built:
            return
        with self._lock:
            pids = [r.pid for r in results]
            for pid in pids:
                self._remove(pid)
            self._absent |= {r.pid for r in results if r.status in ("new", "changed") and self.store.kind(r.pid) == "term"
                             and self._describes_absent(r.pid)}
            self._add(self.store.names(r.pid for r in results if r.status != "withdrawn").values())

    def lookup(self, name: str) -> list[Match]:
        """Return the FDOs called exactly ``name`` (case-insensitive), most downloaded first."""
        self._ensure()
        entry = self._keys.get(name.strip().lower(), {})
        return [Match(pid, dl) for pid, dl in sorted(entry.items(), key=lambda kv: (-kv[1], kv[0]))]

    def _holding(self, frag: str) -> list[tuple[str, dict[str, int]]] | None:
        """Return (key, FDOs) of the names holding ``frag`` (lower-case) anywhere inside them, read through the words
        of the names (``SubstringIndex``): a fragment's longest run of letters lies inside a run of letters of every
        name holding the fragment ("llama" of ``llama-2``), so only the names holding that run are read; None when
        the fragment has no run of ``GRAM`` letters or more ("r1", "7b": every name is read then)."""
        runs = [r for r in re.findall(r"[^\W\d_]+", frag) if len(r) >= GRAM]
        if not runs:
            return None
        with self._lock:
            listed = self._words.holding(max(runs, key=len))
            if listed is None:
                return None
            return [(key, self._keys[key]) for key in listed if frag in key and key in self._keys]

    def contains(self, fragment: str) -> bool:
        """Tell whether some FDO name contains ``fragment`` (case-insensitive): a family such as ``llama-2``."""
        self._ensure()
        frag = fragment.strip().lower()
        held = self._holding(frag)
        if held is not None:
            return bool(held)
        if self._joined is None:
            with self._lock:
                self._joined = "\n".join(self._keys)
        return frag in self._joined

    def containing(self, fragment: str, limit: int = 5) -> list[Match]:
        """Return FDOs whose name contains ``fragment`` as a whole part (``llama-2`` in ``llama-2-7b-hf``)."""
        best: dict[str, int] = {}
        for _, entry in self.holders(fragment):
            for pid, dl in entry.items():
                best[pid] = max(dl, best.get(pid, 0))
        ranked = sorted(best.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]
        return [Match(pid, dl) for pid, dl in ranked]

    def holders(self, fragment: str) -> list[tuple[str, dict[str, int]]]:
        """Return (name, its FDOs with their downloads) of the names holding ``fragment`` as a whole part."""
        self._ensure()
        frag = fragment.strip().lower()
        if not frag:
            return []
        held = self._holding(frag)
        if held is None:
            if not self.contains(frag):
                return []
            held = [(key, entry) for key, entry in list(self._keys.items()) if frag in key]
        out = []
        for key, entry in held:
            pos = key.find(frag)
            while pos >= 0:  # a whole part somewhere: "llama-2" in "codellama-2-llama-2-7b" at its second place
                before = key[pos - 1] if pos else ""
                after = key[pos + len(frag)] if pos + len(frag) < len(key) else ""
                if not (before.isalnum() or after.isalnum()):
                    break
                pos = key.find(frag, pos + 1)
            if pos >= 0:
                out.append((key, entry))
        return out

    def carrying(self, fragment: str) -> dict[str, dict[str, int]]:
        """Return, for each word of FDO names holding ``fragment`` inside it (``deephermes``, ``openhermes`` for
        ``hermes``), the FDOs whose names have that word, with their downloads; {} when none does."""
        self._ensure()
        frag = fragment.strip().lower()
        if len(frag) < 3:
            return {}
        with self._lock:  # the names holding it, from the words inside names: as many as hold it, not every name
            listed = self._words.holding(frag)
            found = None if listed is None else [(key, self._keys[key]) for key in listed if key in self._keys]
        if found is None:  # not a word of letters ("llama-2"): the names holding its longest run of letters
            found = self._holding(frag)
        if found is None:  # no run of letters long enough ("r1"): every name is read
            if not self.contains(frag):
                return {}
            found = [(key, entry) for key, entry in list(self._keys.items()) if frag in key]
        inside = re.compile(rf"[a-z]*{re.escape(frag)}[a-z]*")
        out: dict[str, dict[str, int]] = {}
        for key, entry in found:
            for word in set(inside.findall(key)) - {frag}:
                held = out.setdefault(word, {})
                for pid, dl in entry.items():
                    held[pid] = max(dl, held.get(pid, 0))
        return out

    def names_of(self, pid: str) -> set[str]:
        """Return the lower-cased names of ``pid``."""
        self._ensure()
        return set(self._by_pid.get(pid, set()))
