"""The words inside FDO names a question says otherwise: run together ("FAQ bot": FAQBOT) or by their initials
("frequently asked questions": FAQ, inside FAQBOT).

A name writes words as one that a question writes apart, and shortens a phrase to its initials; the keyword index
holds the name's token whole (``faqbot``), and its parts only where capitals or digits show them (``text.word_parts``:
TestPlannerPhi2). ``add_name_words`` reads, at question time, what the index holds: two adjacent words of the
question joined, when an FDO holds them as one token; the initials of a run of three or four of the question's words,
when a name holds them as a word of its own or at the start or end of a run of letters whose rest is a word the
index holds elsewhere ("faq" + "bot"). Each such term counts as a match of the
words it stands for (``QueryTerms.words_of``); the question's words still match as themselves.
"""

from __future__ import annotations

import re
import weakref
from collections.abc import Callable

import numpy as np

from registry.search.engine import NAMED_SHARE, NEAR_TAG_LETTERS, MemoryEngine, one_edit
from registry.search.text import MIN_PART, STOPWORDS, QueryTerms, _stem, mark_term, term_id, tokens

__all__ = ["add_name_words", "add_near_name_words", "initials", "joined_pairs", "named_compound", "named_together",
           "term_holders", "versioned_names"]

# a phrase's initials are read from runs of this many words (two words' initials say too little)
INITIAL_WORDS = (3, 4)
# the runs of letters of names holding a word are read only when its rarest trigram is in at most this many runs
RUNS_LIMIT = 2_000
# a name's run may hold at most this many runs holding the word, beyond which the word is too common inside names
SEGMENTS_MAX = 20
_WORD = re.compile(r"[a-z]+")
_POSSESSIVE = re.compile(r"['\u2019]s\b")
# the FDOs whose names are read for the initials written in capitals (a name holding them is rare: a few)
CAPITALS_SCAN = 200
_SPOKEN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def joined_pairs(words: list[str]) -> list[tuple[str, int]]:
    """Return (two adjacent words written as one, 2): "faq bot" -> faqbot. Stopwords join nothing."""
    return [(_stem(a + b), 2) for a, b in zip(words, words[1:])
            if a.isalpha() and b.isalpha() and a not in STOPWORDS and b not in STOPWORDS]


# a family's word and its version written apart ("GPT-4", "phi 2", "Llama-3.1"), which names, tags and data set ids
# join ("alpaca-gpt4", "phi2", tag gpt4): the whole version, not the start of a longer one ("GPT-4o", "3.1" of "3.10")
_NAME_VERSION = re.compile(r"(?<![\w.])([a-z]{2,})[ -]v?(\d+(?:\.\d+)?)(?![\w.]|\.\d)", re.I)


def versioned_names(text: str) -> list[tuple[str, str, str]]:
    """Return (the word and version joined, the word, the version) for each family word the question writes apart
    from its version ("GPT-4": gpt4, "Phi 2": phi2); a joined name is one word of the index ("gpt4" of
    ``alpaca-gpt4``), and "gpt4o" or "gpt4chan" are others."""
    return [(f"{m.group(1).lower()}{m.group(2)}", m.group(1).lower(), m.group(2))
            for m in _NAME_VERSION.finditer(text) if m.group(1).lower() not in STOPWORDS]


def initials(text: str) -> list[tuple[str, int]]:
    """Return (initials, how many words) of each run of ``INITIAL_WORDS`` words of ``text`` with no stopword or
    punctuation between them: "answer frequently asked questions" -> faq (3), afaq (4), ..."""
    out: list[tuple[str, int]] = []
    # a possessive's s is no word ("Google's original T5" is no s-o-t)
    for clause in re.split(r"[^\w\s-]+", _POSSESSIVE.sub("", text.lower())):
        words = _SPOKEN.findall(clause)  # a hyphened word is one word: "small fine-tunes" is no s-f-t
        for size in INITIAL_WORDS:
            for i in range(len(words) - size + 1):
                run = words[i:i + size]
                if all(w[0].isalpha() and w not in STOPWORDS for w in run):
                    out.append(("".join(w[0] for w in run), size))
    return list(dict.fromkeys(out))


def term_holders(engine: MemoryEngine, term: str) -> int:
    """Return how many live FDOs hold ``term``."""
    posting = engine.terms.get(term_id(term))
    return 0 if posting is None else posting.alive_count(engine.alive[:engine.size], engine.generation)


def _segments(engine: MemoryEngine, word: str) -> list[str]:
    """Return the runs of letters of names that start or end with ``word`` and whose rest is a word of
    ``MIN_PART`` letters or more the index holds: "faq" -> faqbot (bot)."""
    runs = engine.names.runs_holding(word, RUNS_LIMIT)
    if not runs:
        return []
    found = []
    for run in dict.fromkeys(runs):
        if run == word or not _WORD.fullmatch(run):
            continue
        rest = run[len(word):] if run.startswith(word) else run[:-len(word)] if run.endswith(word) else ""
        if len(rest) >= MIN_PART and rest not in STOPWORDS and term_holders(engine, _stem(rest)):
            found.append(_stem(run))
    return found if len(found) <= SEGMENTS_MAX else []


def named_together(engine: MemoryEngine, text: str) -> list[int]:
    """Return the slots of the FDOs one word of whose name holds two adjacent words of ``text`` run together ("test
    planner": TestPlannerPhi2, "FAQ bot": FAQBOT), read from the index of the words inside names."""
    words = tokens(text)
    found: dict[int, None] = {}
    for a, b in zip(words, words[1:]):
        if not (a.isalpha() and b.isalpha()) or a in STOPWORDS or b in STOPWORDS:
            continue
        for key in engine.names.holding(a + b) or ():
            found.update((s, None) for s in engine.exact.get(key, ()) if engine.alive[s])
    return list(found)


def named_compound(engine: MemoryEngine, first: str, second: str) -> list[int]:
    """Return the slots of the FDOs a name of which writes ``first`` and ``second`` (or its singular) as one word or
    joined by a hyphen or an underscore ("french bulldogs": frenchbulldog_dreambooth, german-shepherd-lora)."""
    first, second = first.lower(), second.lower()
    if not (first.isalpha() and second.isalpha()) or second in STOPWORDS:
        return []
    found: dict[int, None] = {}
    # a name writing both holds each inside its runs of letters: the names holding the rarer of the two are read, not
    # every name holding a common second word ("French text": every name holding "text" grows with the index)
    holding_first = engine.names.holding(first)
    for word in dict.fromkeys((second, second[:-1] if second.endswith("s") else second)):
        together = re.compile(rf"(?<![a-z]){re.escape(first)}[-_]?{re.escape(word)}")
        holding_word = engine.names.holding(word)
        if holding_word is None:
            continue
        fewer = holding_word if holding_first is None or len(holding_word) <= len(holding_first) else holding_first
        for key in fewer:
            if together.search(key):
                found.update((s, None) for s in engine.exact.get(key, ()) if engine.alive[s])
    return list(found)


def _joined_in_names(engine: MemoryEngine, joined: str, word: str, version: str) -> bool:
    """Say whether names write a family's version joined ("gpt4" of ``alpaca-gpt4``) more often than apart (the names
    holding both "llama" and "3": ``Meta-Llama-3-8B``, more than ``Llama3-24B``): only then is the joined word how the
    registry names it; matched beside the words apart, it would put the few joined names first. The answer is kept
    until the index changes: the postings of "llama" and "3" grow with the index and are read once per generation."""
    generation, known = _JOINED_SEEN.get(engine, (None, {}))
    if generation != engine.generation:
        known = {}
        _JOINED_SEEN[engine] = (engine.generation, known)
    if joined not in known:
        known[joined] = _joined_more_often(engine, joined, word, version)
    return known[joined]


# per engine: (its generation, joined word -> whether names write it joined more often than apart)
_JOINED_SEEN: "weakref.WeakKeyDictionary[MemoryEngine, tuple[int, dict[str, bool]]]" = weakref.WeakKeyDictionary()


def _joined_more_often(engine: MemoryEngine, joined: str, word: str, version: str) -> bool:
    together = term_holders(engine, mark_term(joined))
    if not together:
        return False
    posting = engine.terms.get(term_id(mark_term(word)))
    other = engine.terms.get(term_id(mark_term(version)))
    if posting is None or other is None:
        return True
    both = np.intersect1d(posting.arrays()[0], other.arrays()[0])
    apart = int(np.count_nonzero(engine.alive[both])) if len(both) else 0
    return together > apart


def _apart(engine: MemoryEngine, joined: str, a: str, b: str) -> bool:
    """Say whether the joined word says more than ``a`` and ``b`` do: a rare one (in at most ``NAMED_SHARE`` of the
    FDOs: "clinicaltrial" of a tag), or one an FDO holds without holding both words. Every FDO holding
    "stablediffusion" (126 of the demo's) holds "stable" and "diffusion": counted again, it reordered the versions
    of Stable Diffusion for "Do you have Stable Diffusion XL?" (set 5, 0.92 -> 0.69)."""
    posting = engine.terms.get(term_id(joined))
    if posting is None:
        return False
    if term_holders(engine, joined) <= NAMED_SHARE * len(engine.slot_of):
        return True
    slots = posting.arrays()[0]
    both = np.ones(len(slots), dtype=bool)
    for word in (a, b):
        held = engine.terms.get(term_id(word))
        if held is None:
            return True
        both &= np.isin(slots, held.arrays()[0])
    alive = engine.alive
    return any(alive[s] and not b for s, b in zip(slots.tolist(), both.tolist()))


def _in_capitals(engine: MemoryEngine, term: str, letters: str) -> bool:
    """Say whether an FDO holding ``term`` as a word of a name writes ``letters`` in capitals in its name or
    identifier: initials are written so ("FAQBOT", "Phi2_RCT1M"); "PhilSad" holds no "steel annealing data"."""
    posting = engine.terms.get(term_id(mark_term(term)))
    if posting is None:
        return False
    upper = letters.upper()
    for s in posting.arrays()[0][:CAPITALS_SCAN].tolist():
        doc = engine.docs[s] if engine.alive[s] else None
        if doc is not None and (upper in (doc.name or "") or upper in (doc.identifier or "")):
            return True
    return False


def add_name_words(engine: MemoryEngine, text: str, terms: QueryTerms) -> None:
    """Add to ``terms`` the name words the question says apart or by initials (module docstring), as held."""
    words = tokens(text)
    found: list[tuple[str, int]] = [
        (_stem(a + b), 2) for a, b in zip(words, words[1:])
        if a.isalpha() and b.isalpha() and a not in STOPWORDS and b not in STOPWORDS
        and term_holders(engine, _stem(a + b)) and _apart(engine, _stem(a + b), a, b)]
    found += [(joined, 2) for joined, a, b in versioned_names(text) if _joined_in_names(engine, joined, a, b)]
    # (a rare word of the question is not looked up inside names: "put" is inside "output", "share" inside
    # "sharegpt", and set 2 lost 0.01 by such words)
    for word, n in initials(text):
        if term_holders(engine, mark_term(word)) and _in_capitals(engine, word, word):
            found.append((word, n))  # a name holds the initials as a word of its own
        found += [(run, n) for run in _segments(engine, word) if _in_capitals(engine, run, word)]
    for word, n in found:
        tid = term_id(word)
        if tid in terms:
            continue
        terms[tid] = float(n)  # it stands for n of the question's words, and weighs as they would together
        terms.words_of[tid] = n
        terms.named[tid] = term_id(mark_term(word))


NEAR_WORDS = 6  # the long words of a question looked up one letter off (each costs some 450 look-ups)


def add_near_name_words(engine: MemoryEngine, text: str, terms: QueryTerms,
                        known: Callable[[str], bool] | None = None) -> None:
    """Add to ``terms`` the words of FDO names or identifiers one letter off a long word of the question (seven letters
    or more: a letter left out, added, changed or two swapped), as the word itself: "mountain landscapes" meets
    ``me-mountans-sd21``. Ids are typed by hand, as tags are (``MemoryEngine.near_tags``). Only a word the language
    does not hold (``known``: the static model spells it in pieces): "fountain" is another word, not a slip. Not for a
    word some name holds as written: the names mean it ("deepseek" is no slip of ``DeepSeekV3``'s letters)."""
    if known is None:
        return
    long = [w for w in dict.fromkeys(tokens(text)) if len(w) >= NEAR_TAG_LETTERS and w.isalpha() and w.isascii()
            and w not in STOPWORDS][:NEAR_WORDS]
    for word in long:
        weight = terms.get(term_id(word))
        if weight is None or term_holders(engine, mark_term(word)):
            continue  # a word names hold as it is written is theirs: "deepseek" is no slip of DeepSeekV3's "deepseekv"
        for variant in one_edit(word):
            tid = term_id(variant)
            if variant == word or tid in terms or not term_holders(engine, mark_term(variant)) or known(variant):
                continue
            terms[tid] = weight
