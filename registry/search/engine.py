"""The in-process query engine: exact dense search (numpy), a keyword inverted index, facet postings.

Why not query Qdrant for every search: qdrant-client's local mode scans in Python (~115 ms per
query at 100k vectors, >1 s with a filter), and facet counts over a ranked result set are not
something Qdrant computes. This engine keeps everything it needs in numpy arrays and answers
in a few milliseconds; Qdrant stays the persisted copy (and the shared copy in server mode).

Slots are append-only: re-indexing an FDO gives it a new slot and marks the old one dead;
postings that point at dead slots are masked at query time and dropped by ``compact``.
"""

from __future__ import annotations

import math
import re
import threading
from array import array
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
from threadpoolctl import ThreadpoolController

from registry.search.document import IndexDoc
from registry.search.facets import PARAM_BUCKETS, TERM_FACETS
from registry.search.substrings import SubstringIndex
from registry.search.text import CONCEPT_WEIGHT, STEM_WHEN_RARER, marker_terms, tag_term, term_id

NEAR_TAG_LETTERS = 7  # the shortest marker whose tags one letter off are taken for it (``near_tags``)
_LETTERS = "abcdefghijklmnopqrstuvwxyz"


def one_edit(word: str) -> set[str]:
    """Return the words one letter off ``word``: one left out, added or changed, or two neighbours swapped."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    out = {a + b[1:] for a, b in splits if b}
    out |= {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    out |= {a + c + b[1:] for a, b in splits if b for c in _LETTERS}
    out |= {a + c + b for a, b in splits for c in _LETTERS}
    out.discard(word)
    return out

__all__ = ["MemoryEngine", "Candidates"]

_GROW = 1.5
# an arXiv-like id in a paper's key: four digits not after a digit or a dot, a dot, the digits after it
_ARXIV_ID = re.compile(r"(?<![\d.])(\d{4}\.\d+)")
# a question word held by at most this share of the FDOs counts twice toward a match for those named by it (the words
# of their name or identifier: ``text.QueryTerms.named``)
NAMED_SHARE = 0.01
REDUCE_AT = 20_000  # from this many FDOs on, the dense scan runs on reduced vectors first
REDUCED_DIM = 128
RERANK = 4_000  # candidates of the reduced scan re-scored exactly
# From this many FDOs on (when the projection is fitted), a narrower first pass and a deeper
# re-rank: at 1M the 128-d pass alone read 512 MB per query (35 ms of CPU); 64 dimensions and
# 8,000 re-scored kept recall@100 against the exact scan at 1.000 (bench/search_speed.py).
LARGE = 500_000
LARGE_REDUCED_DIM = 64
LARGE_RERANK = 8_000
# The spread of a query's similarities is read from at most this many FDOs (a fixed sample), and only
# when at least MIN_SPREAD have a vector worth comparing (not stubs): fewer say nothing about it.
SPREAD_SAMPLE = 10_000
MIN_SPREAD = 50
_blas = ThreadpoolController()


def _one_blas_thread():
    """Run a query's scan on one BLAS thread (the searching thread).

    On 2 cores shared with other work a second BLAS thread has to wait for a core: the 100k scan
    took 36 ms p50 with two threads and 24 ms with one at load 9 (identical results; on an idle
    machine two threads are faster). Concurrent searches then use the cores side by side.
    """
    return _blas.limit(limits=1, user_api="blas")



def sorted_unique(values: np.ndarray) -> np.ndarray:
    """Return the distinct ``values``, ascending: ``np.unique`` by a sort and a comparison of neighbours.

    NumPy 2.4's ``np.unique`` hashes integers: 0.38 s for 140k of them and 0.5 ms for 500, against 1.3 ms and
    a few microseconds by sorting (measured on this machine), in code run once per search or per change.
    """
    if len(values) < 2:
        return np.array(values, copy=True)
    ordered = np.sort(values)
    keep = np.empty(len(ordered), dtype=bool)
    keep[0] = True
    np.not_equal(ordered[1:], ordered[:-1], out=keep[1:])
    return ordered[keep]

class _Postings:
    """An append-only posting list (slot, weight) in compact arrays, with a cached numpy copy.

    ``array`` rather than ``list``: a Python int and float per posting cost ~60 bytes, a machine
    int and a float32 12 (at 1M FDOs the term postings alone took gigabytes as lists).
    """

    __slots__ = ("slots", "weights", "_arrays", "_df")

    def __init__(self) -> None:
        self.slots = array("q")
        self.weights = array("f")
        self._arrays: tuple[np.ndarray, np.ndarray] | None = None
        self._df: tuple[int, int] | None = None  # (engine generation, alive slots)

    def add(self, slot: int, weight: float = 1.0) -> None:
        self.slots.append(slot)
        self.weights.append(weight)
        self._arrays = None

    def arrays(self) -> tuple[np.ndarray, np.ndarray]:
        if self._arrays is None:
            self._arrays = (np.array(self.slots, dtype=np.int64), np.array(self.weights, dtype=np.float32))
        return self._arrays

    def alive_count(self, alive: np.ndarray, generation: int) -> int:
        """Return how many of the slots are alive (cached until the engine changes)."""
        if self._df is None or self._df[0] != generation:
            self._df = (generation, int(np.count_nonzero(alive[self.arrays()[0]])))
        return self._df[1]


@dataclass(frozen=True)
class _Codes:
    """Every term facet's values per slot, as codes in one table (see ``MemoryEngine._facet_codes``)."""

    size: int  # slots covered
    table: np.ndarray  # (slots, width) uint16 or int32: row s holds slot s's first codes, padded with ``values``
    over_slots: np.ndarray  # ascending slots with more codes than the table is wide
    over_codes: np.ndarray  # their codes beyond the table's width; over_slots[i] owns over_codes[over_offsets[i]:over_offsets[i + 1]]
    over_offsets: np.ndarray
    bases: dict[str, int]
    sizes: dict[str, int]  # value ids per facet
    values: int  # distinct codes in all (the padding code is this number)


def _runs(offsets: np.ndarray, slots: np.ndarray, lengths: np.ndarray | None = None) -> np.ndarray:
    """Return the positions of the runs ``offsets[s]:offsets[s + 1]`` of ``slots``, concatenated.

    ``lengths``, when given, is ``np.diff(offsets)`` (saves a gather); positions have the dtype of ``offsets``.
    """
    lo = offsets[slots]
    lengths = offsets[slots + 1] - lo if lengths is None else lengths[slots]
    ends = np.cumsum(lengths, dtype=offsets.dtype)
    starts = np.repeat(lo - ends + lengths, lengths)
    starts += np.arange(len(starts), dtype=offsets.dtype)
    return starts


def _top_set(values: np.ndarray, k: int) -> np.ndarray:
    """Return the positions of the ``k`` largest ``values``, ascending: those of ``np.argpartition(-values, k - 1)[:k]``.

    The threshold is guessed from every 64th value, and only the values above it are partitioned
    (at 1M values 1 ms instead of 3-4 for the full partition). When the guess leaves fewer than
    ``k`` or when the ``k``-th value has a tie (then which of the tied the full partition keeps is
    its own affair), the full partition decides, so the set is always the same.
    """
    n = len(values)
    if n >= 64 * k // 4 and k >= 64:
        sample = values[::64]
        rank = min(len(sample) - 1, (k // 64) * 3 // 2 + 8)  # a sample rank comfortably below the k-th of all
        guess = np.partition(sample, len(sample) - 1 - rank)[len(sample) - 1 - rank]
        above = np.flatnonzero(values >= guess)
        if k <= len(above) <= 8 * k:
            part = values[above]
            order = np.argpartition(-part, k - 1)
            kth = part[order[k - 1]]
            if np.count_nonzero(part == kth) == 1:
                return above[np.sort(order[:k])]
    return np.sort(np.argpartition(-values, k - 1)[:k])


def first_in_order(columns: tuple[np.ndarray, ...], k: int) -> np.ndarray:
    """Return the positions of the first ``k`` in the order of ``columns`` (ascending, the first column first), in order.

    Exactly ``np.lexsort(columns[::-1])[:k]`` whatever ``k`` is, so a page of a ranking is the same
    slice of it at any page size; the last column must tell every position apart (a slot number).
    A partition instead of a full sort: the next column is looked at only among those tied with
    the ``k``-th on this one, when the tie crosses the cut (which of them a partition keeps is its
    own affair).
    """
    if len(columns[0]) <= k:
        return np.lexsort(columns[::-1])
    out = _head(columns, k, None)
    return out[np.lexsort(tuple(c[out] for c in columns[::-1]))]


def _head(columns: tuple[np.ndarray, ...], k: int, among: np.ndarray | None) -> np.ndarray:
    """Return the positions (in any order) of the first ``k`` of ``among`` (None: all) in the order of ``columns``."""
    values = columns[0] if among is None else columns[0][among]
    part = np.argpartition(values, k - 1)
    kth = values[part[k - 1]]
    part = part[:k]
    if len(columns) > 1 and np.count_nonzero(values == kth) > np.count_nonzero(values[part] == kth):
        # the tie crosses the cut: those before it are in, the next column picks among the tied
        sure = part[values[part] < kth]
        tied = np.flatnonzero(values == kth)
        if among is not None:
            sure, tied = among[sure], among[tied]
        return np.concatenate([sure, _head(columns[1:], k - len(sure), tied)])
    return part if among is None else among[part]


@dataclass
class Candidates:
    """Per-query scores over all slots, computed once and reused for every filter mask."""

    kw_scores: np.ndarray | None  # BM25 score per slot (0 = no match)
    kw_ok: np.ndarray | None  # slot matches enough query terms
    sims: np.ndarray | None  # cosine similarity per slot
    # the slots of kw_ok and of the similar enough non-stubs, found once: a ranking under a mask reads only these
    kw_slots: np.ndarray | None = None
    dense_slots: np.ndarray | None = None
    boosted: np.ndarray | None = None  # the slots a boost of the query applies to (set by the searcher)
    # mean and standard deviation of the query's similarities over the FDOs with a meaning to compare
    # (``MemoryEngine.spread``); None when there are too few of them to say (``MIN_SPREAD``)
    spread: tuple[float, float] | None = None
    # the question's informative words as (term id, stem term id or None, idf): how much of the question the
    # keyword side's best match holds tells how sure the words are (``searcher._word_confidence``)
    words: tuple[tuple[int, int | None, float], ...] = ()
    # those of them a concept boost of the question was read from ("chemical" for the subject area Chemistry): an FDO
    # carrying the boost holds them by meaning (``searcher._core_share``)
    core: tuple[tuple[int, int | None, float], ...] = ()
    # per slot: the FDO's record's own words match an uncommon query word, not only the concepts it points at
    # (``MemoryEngine.keyword_match``); None when not known
    kw_own: np.ndarray | None = None
    # per slot: the keyword match holds as many of a short question's words as any match does ("test planner":
    # TestPlannerPhi2, not the models named "test"); None when not known or the question is not short
    kw_full: np.ndarray | None = None


class MemoryEngine:
    """All indexed FDOs in memory. Thread-safe: one lock around writes and reads."""

    def __init__(self, dim: int, capacity: int = 1024) -> None:
        self.dim = dim
        self.lock = threading.RLock()
        self._reset(capacity)

    def _reset(self, capacity: int) -> None:
        self.vectors = np.zeros((capacity, self.dim), dtype=np.float32)
        self.alive = np.zeros(capacity, dtype=bool)
        self.params = np.full(capacity, np.nan)
        self.dates = np.full(capacity, np.nan)
        self.downloads = np.zeros(capacity, dtype=np.float64)
        self.stub = np.zeros(capacity, dtype=bool)
        self.basis: np.ndarray | None = None  # dim x REDUCED_DIM, fitted when the index grows large
        self.reduced = np.zeros((capacity, 0), dtype=np.float32)
        self._basis_size = 0
        self._rerank = RERANK
        self.size = 0  # slots used (alive or dead)
        self.docs: list[IndexDoc | None] = []
        self.slot_of: dict[str, int] = {}
        self.terms: dict[int, _Postings] = {}
        self.values: dict[tuple[str, str], _Postings] = {}  # (facet, key) -> slots
        self.inferred: dict[str, _Postings] = {}  # task key -> the slots taking it as inferred (``IndexDoc.inferred``)
        self.labels: dict[tuple[str, str], str] = {}
        self.exact: dict[str, set[int]] = {}
        self.names = SubstringIndex()  # the keys of ``exact``, by the words written inside them
        self.paper_ids: dict[str, list[str]] = {}  # arXiv id -> the paper facet's keys holding it whole (``paper_keys``)
        # per facet: parallel arrays (slot, value id) in slot order, for counting with bincount
        self.pairs: dict[str, tuple[array, array]] = {f: (array("q"), array("q")) for f in TERM_FACETS}
        self.value_ids: dict[str, dict[str, int]] = {f: {} for f in TERM_FACETS}
        self.value_keys: dict[str, list[str]] = {f: [] for f in TERM_FACETS}
        self._pair_arrays: dict[str, tuple[int, np.ndarray, np.ndarray, np.ndarray]] = {}
        self._codes: _Codes | None = None
        self._ranges: dict[str, tuple[int, tuple[np.ndarray, int, int]]] = {}
        self.dead = 0
        self.generation = getattr(self, "generation", 0) + 1
        self._vocab: dict[str, tuple[int, dict]] = {}
        self._spread_slots: tuple[int, np.ndarray] | None = None  # (generation, sampled slots)

    # ---------------------------------------------------------------- writing
    def __len__(self) -> int:
        return len(self.slot_of)

    def version_of(self, pid: str) -> int | None:
        """Return the indexed version of ``pid``, or None."""
        slot = self.slot_of.get(pid)
        return None if slot is None else self.docs[slot].version  # type: ignore[union-attr]

    def versions(self) -> dict[str, int]:
        """Return pid -> indexed version for every indexed FDO."""
        with self.lock:
            return {pid: self.docs[s].version for pid, s in self.slot_of.items()}  # type: ignore[union-attr]

    def upsert(self, docs: Iterable[IndexDoc], vectors: np.ndarray) -> None:
        """Add or replace documents with their (normalised) vectors."""
        docs = list(docs)
        with self.lock:
            self.generation += 1
            self._ensure(self.size + len(docs))
            for doc, vec in zip(docs, vectors):
                self._remove(doc.pid)
                slot = self.size
                self.size += 1
                self.docs.append(doc)
                self.slot_of[doc.pid] = slot
                self.alive[slot] = True
                self.vectors[slot] = vec
                if self.basis is not None:
                    self.reduced[slot] = vec @ self.basis
                self.params[slot] = np.nan if doc.params is None else doc.params
                self.dates[slot] = np.nan if doc.date is None else doc.date
                self.downloads[slot] = doc.downloads
                self.stub[slot] = doc.stub
                for tid, w in zip(*doc.sparse):
                    posting = self.terms.get(tid)
                    if posting is None:
                        posting = self.terms[tid] = _Postings()
                    posting.add(slot, w)
                for facet, vals in doc.facets.items():
                    if facet not in self.value_ids:
                        continue
                    for key, label in vals:
                        self._add_value(facet, key, label, slot)
                for key, _ in doc.inferred:
                    posting = self.inferred.get(key)
                    if posting is None:
                        posting = self.inferred[key] = _Postings()
                    posting.add(slot)
                for key in doc.exact:
                    held = self.exact.get(key)
                    if held is None:  # a key is kept once listed (emptied, not dropped): listed once under its words
                        held = self.exact[key] = set()
                        self.names.add(key)
                    held.add(slot)
            if self.size >= REDUCE_AT and self.size >= 2 * self._basis_size:
                self._fit_basis()

    def _add_value(self, facet: str, key: str, label: str, slot: int) -> None:
        posting = self.values.get((facet, key))
        if posting is None:
            posting = self.values[(facet, key)] = _Postings()
        posting.add(slot)
        self.labels[(facet, key)] = label
        ids = self.value_ids[facet]
        vid = ids.get(key)
        if vid is None:
            vid = ids[key] = len(ids)
            self.value_keys[facet].append(key)
            if facet == "paper":
                for found in _ARXIV_ID.finditer(key):
                    if len(found.group(1)) - 5 in (4, 5):  # four digits, a dot, four or five digits
                        self.paper_ids.setdefault(found.group(1), []).append(key)
        slots, vids = self.pairs[facet]
        slots.append(slot)
        vids.append(vid)
        self._pair_arrays.pop(facet, None)

    def delete(self, pids: Iterable[str]) -> int:
        """Remove FDOs from the engine; return how many were present."""
        with self.lock:
            self.generation += 1
            removed = sum(1 for pid in pids if self._remove(pid))
            if self.dead > max(1000, self.size // 4):
                self.compact()
            return removed

    def _remove(self, pid: str) -> bool:
        slot = self.slot_of.pop(pid, None)
        if slot is None:
            return False
        self.alive[slot] = False
        doc = self.docs[slot]
        for key in doc.exact if doc else ():
            self.exact.get(key, set()).discard(slot)
        self.dead += 1
        return True

    def compact(self) -> None:
        """Rebuild the arrays without dead slots."""
        with self.lock:
            live = [(self.docs[s], self.vectors[s].copy()) for s in range(self.size) if self.alive[s]]
            self._reset(max(1024, int(len(live) * _GROW)))
            if live:
                self.upsert([d for d, _ in live], np.stack([v for _, v in live]))

    def _ensure(self, needed: int) -> None:
        cap = len(self.alive)
        if needed <= cap:
            return
        new = max(needed, int(cap * _GROW) + 1)
        self.vectors = np.concatenate([self.vectors, np.zeros((new - cap, self.dim), dtype=np.float32)])
        self.alive = np.concatenate([self.alive, np.zeros(new - cap, dtype=bool)])
        self.params = np.concatenate([self.params, np.full(new - cap, np.nan)])
        self.dates = np.concatenate([self.dates, np.full(new - cap, np.nan)])
        self.downloads = np.concatenate([self.downloads, np.zeros(new - cap)])
        self.stub = np.concatenate([self.stub, np.zeros(new - cap, dtype=bool)])
        self.reduced = np.concatenate([self.reduced, np.zeros((new - cap, self.reduced.shape[1]), dtype=np.float32)])

    # ---------------------------------------------------------------- reading
    def doc(self, slot: int) -> IndexDoc:
        return self.docs[slot]  # type: ignore[return-value]

    def mask(self, terms: dict[str, list[str]], ranges: dict[str, list[tuple[float, float]]],
             lenient: frozenset[str] = frozenset()) -> np.ndarray:
        """Return the alive slots that pass the filters (OR within a facet, AND across facets)."""
        mask = self.alive[:self.size].copy()
        for sel in self.facet_masks(terms, ranges, lenient).values():
            mask &= sel
        return mask

    def document_frequencies(self, terms: list[str]) -> tuple[int, dict[str, int]]:
        """Return (alive FDOs, index term -> how many alive FDOs hold it) for keyword index terms."""
        with self.lock:
            alive = self.alive[:self.size]
            found: dict[str, int] = {}
            for term in dict.fromkeys(terms):
                posting = self.terms.get(term_id(term))
                found[term] = 0 if posting is None else posting.alive_count(alive, self.generation)
            return max(1, len(self.slot_of)), found

    def word_mask(self, word: str) -> np.ndarray:
        """Return the slots whose indexed words hold ``word`` (a Hub tag read from a question: "coreml")."""
        sel = np.zeros(self.size, dtype=bool)
        posting = self.terms.get(term_id(word))
        if posting is not None:
            sel[posting.arrays()[0]] = True
        return sel

    def marker_masks(self, marker: str) -> tuple[np.ndarray, np.ndarray]:
        """Return the alive slots whose own facts hold a concept's marker (a tag that is the marker whole, or a name
        or identifier holding all of its words), and those whose data sets hold all of its words
        (``text.marker_terms``)."""
        tag, named, trained = marker_terms(marker)
        alive = self.alive[:self.size]
        return (self.word_mask(tag) | self._all_words(named)) & alive, self._all_words(trained) & alive

    def near_tags(self, marker: str) -> np.ndarray:
        """Return the alive slots carrying a tag one letter off a marker of one long word (``NEAR_TAG_LETTERS`` or
        more): a letter left out, added, changed or two swapped ("Literatue" for literature). Tags are typed by hand,
        and a misspelt one still says what its model is about; a word that long is not another word one letter off.
        """
        word = marker.lower()
        sel = np.zeros(self.size, dtype=bool)
        if len(word) < NEAR_TAG_LETTERS or not word.isalpha() or not word.isascii():
            return sel
        for variant in one_edit(word):
            posting = self.terms.get(term_id(tag_term(variant)))
            if posting is not None:
                sel[posting.arrays()[0]] = True
        return sel & self.alive[:self.size]

    def _all_words(self, terms: tuple[str, ...]) -> np.ndarray:
        if not terms:
            return np.zeros(self.size, dtype=bool)
        held = self.word_mask(terms[0])
        for term in terms[1:]:
            held &= self.word_mask(term)
        return held

    def facet_masks(self, terms: dict[str, list[str]], ranges: dict[str, list[tuple[float, float]]],
                    lenient: frozenset[str] = frozenset()) -> dict[str, np.ndarray]:
        """Return facet -> the slots passing that facet's filter (values OR-ed).

        For a facet in ``lenient`` an FDO without any value of that facet passes too: a filter read
        from the query text ("English NER") should not drop models whose metadata says nothing.
        """
        n = self.size
        out: dict[str, np.ndarray] = {}
        for facet, keys in terms.items():
            sel = np.zeros(n, dtype=bool)
            for key in keys:
                posting = self.values.get((facet, key))
                if posting is not None:
                    sel[posting.arrays()[0]] = True
            if facet in lenient:
                sel |= ~self._has_value(facet)
            out[facet] = sel
        for facet, spans in ranges.items():
            column = self.params[:n] if facet == "params" else self.dates[:n]
            sel = np.zeros(n, dtype=bool)
            with np.errstate(invalid="ignore"):
                for low, high in spans:
                    sel |= (column >= low) & (column < high)
            if facet in lenient:
                sel |= np.isnan(column)
            out[facet] = sel
        return out

    def inferred_mask(self, tasks: Iterable[str]) -> np.ndarray:
        """Return the slots of the models stating no task taken to do one of ``tasks`` (``IndexDoc.inferred``)."""
        sel = np.zeros(self.size, dtype=bool)
        for key in tasks:
            posting = self.inferred.get(key)
            if posting is not None:
                sel[posting.arrays()[0]] = True
        return sel

    def value_counts(self, facet: str) -> np.ndarray:
        """Return, per slot, how many distinct values of ``facet`` the FDO there holds."""
        slots, vids, _ = self._pairs(facet)
        if not len(slots):
            return np.zeros(self.size, dtype=np.int64)
        base = int(vids.max()) + 1
        distinct = sorted_unique(slots * base + vids)  # a value written twice counts once
        return np.bincount(distinct // base, minlength=self.size)[:self.size]

    def _has_value(self, facet: str) -> np.ndarray:
        _, _, offsets = self._pairs(facet)
        return offsets[1:] > offsets[:-1]

    def _pairs(self, facet: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Return (slot, value id) pairs of a facet as arrays, and where each slot's run of pairs starts.

        Pairs are appended in slot order, so slot ``s`` owns ``pairs[offsets[s]:offsets[s + 1]]``.
        """
        cached = self._pair_arrays.get(facet)
        if cached is None or cached[0] != self.size:
            pair_slots, vids = self.pairs[facet]
            slots = np.array(pair_slots, dtype=np.int64)
            offsets = np.searchsorted(slots, np.arange(self.size + 1), "left")
            cached = self._pair_arrays[facet] = (self.size, slots, np.array(vids, dtype=np.int64), offsets)
        return cached[1], cached[2], cached[3]

    def set_stubs(self, flags: dict[str, bool]) -> None:
        """Update which FDOs are stubs (the store's status can change without a new version being indexed)."""
        with self.lock:
            for pid, flag in flags.items():
                slot = self.slot_of.get(pid)
                if slot is not None:
                    flag = flag or bool(getattr(self.docs[slot], "standin", False))  # (a described data set stays one)
                    self.stub[slot] = flag
                    self.docs[slot].stub = flag  # type: ignore[union-attr]
                    self._spread_slots = None

    def paper_keys(self, arxiv_id: str) -> tuple[str, ...]:
        """Return the keys of the paper facet held by alive FDOs that hold ``arxiv_id`` ("2005.12872") whole: not
        after a digit or a dot, not before a digit (an old-style 2005.1287 is no part of 2005.12872), in the order
        of ``facet_vocabulary("paper")``. A lookup: the ids were listed as the values were added."""
        with self.lock:
            return tuple(key for key in self.paper_ids.get(arxiv_id, ())
                         if self.alive[self.values[("paper", key)].arrays()[0]].any())

    def exact_slots(self, key: str) -> list[int]:
        """Return alive slots whose name, identifier, id or PID equals ``key`` (lower-cased)."""
        return sorted(s for s in self.exact.get(key.lower().strip(), ()) if self.alive[s])

    def candidates(self, terms: dict[int, float], vector: np.ndarray | None, min_match: int) -> Candidates:
        """Score every slot once: BM25 over the query terms and cosine similarity to the query vector."""
        kw_scores, kw_ok = self.keyword_scores(terms, min_match) if terms else (None, None)
        return Candidates(kw_scores, kw_ok, self.similarities(vector) if vector is not None else None)

    def idf(self, tid: int) -> tuple[int, float]:
        """Return how many alive FDOs hold a term, and its BM25 idf (as in ``keyword_scores``; a term none holds too)."""
        n_alive = max(1, len(self.slot_of))
        posting = self.terms.get(tid)
        df = 0 if posting is None else posting.alive_count(self.alive[:self.size], self.generation)
        return df, math.log(1.0 + (n_alive - df + 0.5) / (df + 0.5))

    def keyword_scores(self, terms: dict[int, float], min_match: int) -> tuple[np.ndarray, np.ndarray]:
        """Return (BM25 score per slot, whether the slot matches enough informative query terms) (``keyword_match``)."""
        scores, ok, _, _ = self.keyword_match(terms, min_match)
        return scores, ok

    def keyword_match(self, terms: dict[int, float], min_match: int
                      ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """Return (BM25 score per slot, whether the slot matches enough informative query terms, whether its record's
        own words match an uncommon query term, not only the words of the concepts it points at; a match whose
        concepts say more of the question's words than any record's own words does counts as such too; how many of
        the question's uncommon words the slot holds, a term standing for several of them counting as those words:
        "FAQ bot" held as faqbot is two, as faq and bot are).

        A query word's stem term (``terms.stem_of``, see ``text.query_terms``) counts only when the
        word as written is rare beside the other forms of it (``STEM_WHEN_RARER``): in fewer than a
        quarter of the FDOs holding its stem, or in none. It then ranks, at its lower weight, but
        never decides membership (measured: docs/benchmarks.md, "Word forms in keyword search").
        When none of the query's uncommon words is held by any FDO, an FDO matching only common words
        (in more than a third of the FDOs) is no match: the keyword side then has nothing to say.
        """
        n = self.size
        alive = self.alive[:n]
        n_alive = max(1, len(self.slot_of))  # the alive slots
        kw_scores = np.zeros(n, dtype=np.float32)
        hits = np.zeros(n, dtype=np.int16)
        informative = absent = 0
        uncommon = np.zeros(n, dtype=bool)  # matched by a term in at most a third of the FDOs
        stem_of: dict[int, int] = getattr(terms, "stem_of", {})
        words_of: dict[int, int] = getattr(terms, "words_of", {})  # a term spelled another way stands for its words
        repeats: dict[int, int] = getattr(terms, "repeats", {})  # a word the question says n times counts n times
        named: dict[int, int] = getattr(terms, "named", {})  # a word -> its marked term as a word of a name
        named_hit: list[np.ndarray] = []  # the slots the rarest word's name bonus went to (no word held)
        rarest: list[tuple[int, int]] = []  # (how many FDOs hold a rare word, its marked term as a word of a name)
        # terms that rank, never decide: stems, and the words of a term spelled another way that an FDO holds
        # (the term decides for them: "mixture of experts" is matched as moe, by FDOs spelling either)
        spelled: dict[int, int] = getattr(terms, "spelled", {})
        held = {t for t in set(spelled.values()) if t in self.terms and self.terms[t].alive_count(alive, self.generation)}
        decided = {w for w, t in spelled.items() if t in held}  # words whose term decides for them
        rank_only = stem_of.keys() | decided
        undecided = np.zeros(n, dtype=bool)  # matched by a term other than those words
        # a word no FDO holds as written -> the slots holding a verb form of it (``text.verb_forms``)
        stand_ins: set[int] = getattr(terms, "forms", set())
        stand_in: dict[int, np.ndarray] = {}
        derived: set[int] = getattr(terms, "derived", set())  # stem terms of a word's family (``text.derived_forms``)
        family: dict[int, np.ndarray] = {}
        # concept terms (``text.concept_term``): the words of the concepts an FDO points at, per query word
        concept_of: dict[int, int] = getattr(terms, "concept_of", {})
        by_concept: dict[int, np.ndarray] = {}
        for tid, qweight in terms.items():
            posting = self.terms.get(tid)
            df = 0 if posting is None else posting.alive_count(alive, self.generation)
            if df == 0:
                # a term spelled another way that no FDO holds leaves the decision to its words
                absent += qweight >= 1.0 and tid not in rank_only and tid not in words_of
                continue  # a word no FDO has cannot be required
            if tid in concept_of and df > n_alive / 3:
                # a word the concepts of more than a third of the FDOs say ("text") tells nothing; skipping it
                # saves a scan of its long posting (measured: sets 1, 3-6 same or higher, docs/benchmarks.md)
                continue
            slots, weights = posting.arrays()
            if tid in derived and df <= n_alive / 3:
                # another word of the query word's family ("comparison" for "compare"): a hit for the word where the
                # record does not write the word itself; it ranks at its stem weight
                family.setdefault(stem_of[tid], np.zeros(n, dtype=bool))[slots] = True
                if tid in named and df <= n_alive * NAMED_SHARE:
                    rarest.append((df, named[tid]))
            elif tid in stem_of:
                written = self.terms.get(stem_of[tid])
                written_df = 0 if written is None else written.alive_count(alive, self.generation)
                if written_df * STEM_WHEN_RARER >= df or (written_df and tid in stand_ins):
                    continue  # the word as written is common enough (a verb form: held at all): no other form needed
                if not written_df and tid in stand_ins and df <= n_alive / 3:
                    # no FDO holds the word as written: a verb form of it counts as it for the FDOs holding it
                    standing = stand_in.setdefault(stem_of[tid], np.zeros(n, dtype=bool))
                    standing[slots] = True
            idf = math.log(1.0 + (n_alive - df + 0.5) / (df + 0.5))
            if tid not in decided:
                undecided[slots] = True
            if tid in concept_of:
                np.add.at(kw_scores, slots, np.float32(qweight * idf) * weights)
                if qweight >= CONCEPT_WEIGHT:
                    by_concept[concept_of[tid]] = slots
                continue
            # ``add.at`` with values of the array's own type: the same float32 sums as ``a[slots] += v``
            # (a posting names a slot once), without the gather and scatter copies (1.8x faster at 1M)
            np.add.at(kw_scores, slots, np.float32(qweight * idf) * weights)
            # terms in more than a third of the corpus rank but do not decide membership
            if df <= n_alive / 3 and tid not in decided:
                uncommon[slots] = True
                if qweight >= 1.0 and tid not in rank_only:
                    said = words_of.get(tid, 1) * repeats.get(tid, 1)
                    np.add.at(hits, slots, np.full(len(slots), said, dtype=np.int16))
                    informative += said
                    if tid in named and df <= n_alive * NAMED_SHARE:
                        rarest.append((df, named[tid]))
        least = min(rarest)[0] if rarest else 0  # (once: taken per word it was quadratic in the question's words)
        for df, mark_id in rarest:
            mark = self.terms.get(mark_id)
            if df == least and mark is not None:
                # the question's rarest word, where an FDO is named by it ("myra/negation_llama_chat" for "sentences
                # that contain negation"), counts twice: the name says what the model is, and the question's other
                # words ("specifically", "sentences") need not be in its record; a commoner word of the question
                # naming other FDOs ("sentence-transformers") does not
                np.add.at(hits, mark.arrays()[0], np.int16(1))
                named_hit.append(mark.arrays()[0])
        for standing in stand_in.values():  # a hit where a form is held; the bar stays where the word left it
            uncommon |= standing
            hits += standing
        for word, standing in family.items():  # a hit where only another word of the family is held
            written = self.terms.get(word)
            if written is not None and written.alive_count(alive, self.generation):
                standing[written.arrays()[0]] = False
            if word in stand_in:
                standing &= ~stand_in[word]
            uncommon |= standing
            hits += standing
        own_uncommon = uncommon.copy()  # matched by an uncommon word of the record's own (before the concepts')
        for word, slots in by_concept.items():
            # an FDO whose concepts say a query word no more than a third of the records say is a hit for it where
            # its record does not say it; the bar stays where the records' words left it (a concept's word is said
            # by every model of the task, and must not make a question's rare word count for more)
            written = self.terms.get(word)
            written_df = 0 if written is None else written.alive_count(alive, self.generation)
            if written_df > n_alive / 3:
                continue
            said = np.zeros(n, dtype=bool)
            said[slots] = True
            if written_df:
                said[written.arrays()[0]] = False
            uncommon |= said
            hits += said
        held = hits.copy()
        for slots in named_hit:
            np.subtract.at(held, slots, np.int16(1))
        if informative:
            need = max(1, min(min_match, informative))
            ok = (hits >= need) & (kw_scores > 0)
            owned = ok & own_uncommon
            if owned.any():
                # a match whose concepts say more of the question's words than any record does counts as the records'
                own_uncommon |= ok & (hits > hits[owned].max())
            return kw_scores, ok, own_uncommon, held
        if absent:
            # none of the query's own uncommon words is held as written ("turn a recording into text"):
            # what a stem or an expansion matched is a match, a common word alone ("text") is none
            return kw_scores, uncommon & (kw_scores > 0), own_uncommon, held
        # a query of common words only ("text model"); words a term decides for make no match by themselves
        return kw_scores, undecided & (kw_scores > 0), own_uncommon, held

    def similarities(self, vector: np.ndarray) -> np.ndarray:
        """Return the cosine similarity of every slot to a (normalised) query vector.

        Below ``REDUCE_AT`` FDOs an exact scan. Above, the scan runs on vectors projected onto
        their top ``REDUCED_DIM`` principal directions (half the memory traffic of the static
        model's 256) and the best ``RERANK`` are re-scored exactly; the others keep the approximate
        score. From ``LARGE`` FDOs on: ``LARGE_REDUCED_DIM`` and ``LARGE_RERANK``.
        """
        n = self.size
        rerank = self._rerank
        # under the lock: threadpoolctl restores the thread count it found, so two limits must not interleave
        with self.lock, _one_blas_thread():
            if self.basis is None or n <= rerank:
                return self.vectors[:n] @ vector
            sims = self.reduced[:n] @ (vector @ self.basis)
            # re-scored in slot order: the rows are read front to back (0.4 ms less at 1M); each row's
            # product is the same whatever its place among the re-scored (measured bit for bit)
            top = _top_set(sims, rerank)
            sims[top] = self.vectors[top] @ vector
        return sims

    def spread(self, sims: np.ndarray) -> tuple[float, float] | None:
        """Return the mean and standard deviation of ``sims`` over the FDOs that have a meaning to compare.

        Read from a fixed sample of at most ``SPREAD_SAMPLE`` live non-stub slots (drawn again when the
        index changes); None when fewer than ``MIN_SPREAD`` FDOs have one.
        """
        with self.lock:
            cached = self._spread_slots
            if cached is None or cached[0] != self.generation:
                live = np.flatnonzero(self.alive[:self.size] & ~self.stub[:self.size])
                if len(live) > SPREAD_SAMPLE:
                    live = np.sort(np.random.default_rng(0).choice(live, SPREAD_SAMPLE, replace=False))
                cached = self._spread_slots = (self.generation, live)
        sample = cached[1]
        sample = sample[sample < len(sims)]
        if len(sample) < MIN_SPREAD:
            return None
        values = sims[sample]
        return float(values.mean()), max(float(values.std()), 1e-6)

    def _fit_basis(self) -> None:
        """Fit the projection used by the first pass of the dense scan (uncentred PCA of a sample)."""
        live = np.flatnonzero(self.alive[:self.size])
        sample = live if len(live) <= 20_000 else np.random.default_rng(0).choice(live, 20_000, replace=False)
        rows = self.vectors[sample]
        _, vecs = np.linalg.eigh(rows.T @ rows)
        dims, self._rerank = (LARGE_REDUCED_DIM, LARGE_RERANK) if self.size >= LARGE else (REDUCED_DIM, RERANK)
        self.basis = np.ascontiguousarray(vecs[:, ::-1][:, :dims]).astype(np.float32)
        self.reduced = np.zeros((len(self.alive), dims), dtype=np.float32)
        for start in range(0, self.size, 20_000):
            self.reduced[start:start + 20_000] = self.vectors[start:start + 20_000] @ self.basis
        self._basis_size = self.size

    def ranked(self, cand: Candidates, mask: np.ndarray, dense_k: int, min_sim: float, kw_k: int = 1000,
               order: bool = True) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Return (keyword matches by slot, positions of the top ones ranked, dense slots ranked) within ``mask``.

        Only the best ``kw_k`` keyword matches are sorted: deeper ranks add next to nothing to a
        reciprocal-rank fusion, and sorting every match of a common word costs milliseconds at 100k.
        The top ones are given as positions in the first array. With ``order=False`` only
        membership is wanted: no top positions, and the ``dense_k`` nearest unsorted.
        """
        kw = top = dense = np.zeros(0, dtype=np.int64)
        if cand.kw_ok is not None:
            if cand.kw_slots is None:
                cand.kw_slots = np.flatnonzero(cand.kw_ok)
            kw = cand.kw_slots[mask[cand.kw_slots]]
            if order:
                top = np.arange(len(kw))
                if len(kw) > kw_k:
                    top = np.sort(np.argpartition(-cand.kw_scores[kw], kw_k - 1)[:kw_k])
                best = kw[top]
                top = top[np.lexsort((-self.downloads[best], -cand.kw_scores[best]))]
        if cand.sims is not None:
            # stubs hold a name only: their vectors say nothing about meaning, so only words find them
            if cand.dense_slots is None:
                near = np.flatnonzero(cand.sims >= min_sim)
                cand.dense_slots = near[~self.stub[near]]
            pool = cand.dense_slots[mask[cand.dense_slots]]
            if len(pool) > dense_k:
                pool = pool[np.argpartition(-cand.sims[pool], dense_k - 1)[:dense_k]]
            dense = pool[np.argsort(-cand.sims[pool], kind="stable")] if order else pool
        return kw, top, dense

    def facet_counts(self, member: np.ndarray | None, facet: str, limit: int,
                     include: tuple[str, ...] = (), slots: np.ndarray | None = None) -> list[tuple[str, str, int]]:
        """Return the ``limit`` most frequent (key, label, count) of a term facet over the slots in ``member``.

        ``member`` is a boolean array over slots (``slots``, when given, its true positions: several
        facets counted over one result set share them; ``member`` may then be None); values in
        ``include`` are returned too when counted.
        """
        pair_slots, vids, offsets = self._pairs(facet)
        if not len(pair_slots):
            return []
        if slots is None:
            slots = np.flatnonzero(member)
        if len(slots) * 4 < len(pair_slots):
            picked = vids[_runs(offsets, slots)]
        else:
            if member is None:
                member = np.zeros(self.size, dtype=bool)
                member[slots] = True
            picked = vids[member[pair_slots]]
        return self._top_values(facet, np.bincount(picked, minlength=len(self.value_keys[facet])), limit, include)

    def facets_counts(self, slots: np.ndarray, facets: Iterable[str], limit: int,
                      include: dict[str, tuple[str, ...]] | None = None) -> dict[str, list[tuple[str, str, int]]]:
        """Return :meth:`facet_counts` of several term facets over one result set, counted in one pass.

        ``slots`` are the result set's slots in ascending order. Their rows of the code table are
        gathered and counted together (the padding code has a count of its own).
        """
        codes = self._facet_codes()
        counts = np.zeros(codes.values + 1, dtype=np.int64)
        # ``add.at`` takes the narrow codes as they are (``bincount`` would first copy them to int64)
        np.add.at(counts, codes.table.take(slots, axis=0).ravel(), np.int64(1))
        if len(codes.over_slots):
            at = np.searchsorted(slots, codes.over_slots)
            found = at < len(slots)
            found[found] = slots[at[found]] == codes.over_slots[found]
            np.add.at(counts, codes.over_codes[_runs(codes.over_offsets, np.flatnonzero(found))], np.int64(1))
        include = include or {}
        return {facet: self._top_values(facet, counts[codes.bases[facet]:codes.bases[facet] + codes.sizes[facet]],
                                        limit, include.get(facet, ()))
                for facet in facets}

    def _top_values(self, facet: str, counts: np.ndarray, limit: int,
                    include: tuple[str, ...]) -> list[tuple[str, str, int]]:
        """Return the ``limit`` highest (key, label, count) of ``counts`` (ties by value id), then ``include``."""
        nonzero = np.flatnonzero(counts)
        if len(nonzero) > limit:
            nonzero = nonzero[np.argpartition(-counts[nonzero], limit - 1)[:limit]]
        order = nonzero[np.lexsort((nonzero, -counts[nonzero]))]
        keys = self.value_keys[facet]
        out = [(keys[i], self.labels[(facet, keys[i])], int(counts[i])) for i in order]
        shown = {k for k, _, _ in out}
        ids = self.value_ids[facet]
        for key in include:
            vid = ids.get(key)
            if key not in shown and vid is not None and vid < len(counts) and counts[vid]:
                out.append((key, self.labels[(facet, key)], int(counts[vid])))
        return out

    def _facet_codes(self) -> "_Codes":
        """Return the values of every term facet per slot as rows of one code table (cached until the index grows).

        A value's code is its id within its facet plus the facet's base, so one count over a
        result set's rows counts every facet at once. Codes are uint16 while they fit (int32
        beyond): gathering 300,000 rows of 13 codes took 1 ms as uint16, 3-5 ms as int64. Rows
        are as wide as the most codes a slot has, unless a few slots have so many that the table
        would take more than twice the codes: then the table is twice the mean wide and those
        slots' further codes are kept apart (``over_*``).
        """
        cached = self._codes
        if cached is not None and cached.size == self.size:
            return cached
        n = self.size
        per_facet = {facet: self._pairs(facet) for facet in TERM_FACETS}
        runs = {facet: np.diff(offsets) for facet, (_, _, offsets) in per_facet.items()}
        lengths = sum(runs.values(), np.zeros(n, dtype=np.int64))
        total = int(lengths.sum())
        offsets = np.zeros(n + 1, dtype=np.int64)
        np.cumsum(lengths, out=offsets[1:])
        codes = np.empty(total, dtype=np.int64)
        bases, sizes, base = {}, {}, 0
        start = offsets[:-1].copy()  # where the next facet's run begins within each slot's run
        for facet, (pair_slots, vids, facet_offsets) in per_facet.items():
            bases[facet], sizes[facet] = base, len(self.value_keys[facet])
            codes[start[pair_slots] + np.arange(len(pair_slots)) - facet_offsets[pair_slots]] = vids + base
            start += runs[facet]
            base += sizes[facet]
        longest = int(lengths.max()) if n else 0
        width = max(1, min(longest, 2 * -(-total // max(n, 1))))
        dtype = np.uint16 if base < 2**16 else np.int32
        table = np.full((n, width), base, dtype=dtype)
        rows = np.repeat(np.arange(n), lengths)
        cols = np.arange(total) - offsets[rows]
        inside = cols < width
        table[rows[inside], cols[inside]] = codes[inside]
        over_slots = np.flatnonzero(lengths > width)
        over_offsets = np.zeros(len(over_slots) + 1, dtype=np.int64)
        np.cumsum(lengths[over_slots] - width, out=over_offsets[1:])
        self._codes = _Codes(n, table, over_slots, codes[~inside].astype(dtype), over_offsets, bases, sizes, base)
        return self._codes

    def range_counts(self, member: np.ndarray | None, facet: str,
                     slots: np.ndarray | None = None) -> list[tuple[str, int]]:
        """Return (bucket key, count) of a range facet over ``member`` (or ``slots``): parameter buckets or years."""
        codes, first, width = self._range_codes(facet)
        counts = np.zeros(width + 1, dtype=np.int64)
        np.add.at(counts, codes[member if slots is None else slots], np.int64(1))  # narrow codes, no int64 copy
        counts = counts[1:]
        if facet == "params":
            return [(key, int(count)) for (key, _, _), count in zip(PARAM_BUCKETS, counts) if count]
        return [(str(first + int(i)), int(counts[i])) for i in np.flatnonzero(counts)[::-1]]

    def _range_codes(self, facet: str) -> tuple[np.ndarray, int, int]:
        """Return per slot 1 + its parameter bucket or year as an index (0: none), the first year, and how many indexes.

        Computed once per index size: bucketing the result set's values anew took 15 ms per search
        at 1M FDOs (300,000 results), counting their precomputed indexes takes one ``bincount``
        (uint8 while the years fit, and shifted by one: no pass dropping the slots without a value).
        """
        cached = self._ranges.get(facet)
        if cached is not None and cached[0] == self.size:
            return cached[1]
        n = self.size
        codes = np.zeros(n, dtype=np.int32)
        if facet == "params":
            column = self.params[:n]
            with np.errstate(invalid="ignore"):
                for i, (_, low, high) in enumerate(PARAM_BUCKETS):
                    codes[(column >= low) & (column < high)] = i + 1
            out = (codes, 0, len(PARAM_BUCKETS))
        else:
            column = self.dates[:n]
            known = np.flatnonzero(np.isfinite(column))  # (an infinite date has no year)
            years = column[known].astype("datetime64[s]").astype("datetime64[Y]").astype(np.int64) + 1970
            first = int(years.min()) if len(years) else 0
            codes[known] = years - first + 1
            out = (codes, first, int(codes.max()) if len(years) else 0)
        if out[2] < 255:
            out = (codes.astype(np.uint8), out[1], out[2])
        self._ranges[facet] = (n, out)
        return out

    def facet_vocabulary(self, facet: str) -> dict[str, tuple[str, int]]:
        """Return key -> (label, number of alive FDOs) for every value of a term facet (cached per change)."""
        with self.lock:
            cached = self._vocab.get(facet)
            if cached is not None and cached[0] == self.generation:
                return cached[1]
            out = {}
            for key in self.value_keys.get(facet, []):
                slots = self.values[(facet, key)].arrays()[0]
                count = int(self.alive[slots].sum())
                if count:
                    out[key] = (self.labels[(facet, key)], count)
            self._vocab[facet] = (self.generation, out)
            return out
