"""A family's versions and sizes as model names write them ("Stable Diffusion 3.5 Large", ``stable-diffusion-3-medium``,
``Meta-Llama-3-70B-Instruct``, ``phi3-chat-adapter``), for the question naming a version or size the registry does not
hold (``Searcher._nearest_versions``, docs/search.md "Ranking")."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from registry.search.text import tokens

__all__ = ["AskedVersion", "NameVersion", "VERSIONED", "asked_version", "name_version", "name_words",
           "named_as_source", "release_version", "size_distance", "version"]

# a family's name written with capitals and a version number ("Stable Diffusion 1.5", "Whisper v3", "Phi-3")
VERSIONED = re.compile(r"\b([A-Z][A-Za-z]+(?:[ -][A-Z][A-Za-z]+)*)[ -]v?(\d+(?:\.\d+)?)(?![\w.])")
# the same, in two steps: each run of capitalised words is read once, then what follows it (searching VERSIONED
# retried the run from each of its words when no number followed: quadratic in a run's length)
_CAPITALISED_RUN = re.compile(r"\b[A-Z][A-Za-z]+(?:[ -][A-Z][A-Za-z]+)*")
_VERSION_AFTER = re.compile(r"[ -][vV]?(\d+(?:\.\d+)?)(?![\w.])")  # "Whisper v3", "DeepSeek-V2"
# a family written in lower case as identifiers write it, its version joined by a hyphen ("phi-1.5", "gpt-3"): the
# hyphen, not a capital, marks it as a name ("top 5" and "a 7b model" are no family's)
_HYPHENED = re.compile(r"(?<![\w.\-])([a-z]{2,})-[vV]?(\d+(?:\.\d+)?)(?![\w.])")
# sizes said in words, smallest first: how far apart two are is how many steps lie between them
SIZE_WORDS = {w: i for i, w in enumerate(("nano", "micro", "tiny", "mini", "small", "base", "medium", "large", "xl",
                                          "xxl", "huge", "giant"))}
# the words after a version that still make a maker's own release of it: a size, and the tuning every maker ships
# ("-Instruct", "-chat-hf"); any other word ("inpainting", "openvino", "adapter") makes it something built on it
TUNING_WORDS = frozenset({"instruct", "chat", "it", "hf"})
PARAMS = re.compile(r"(\d+(?:\.\d+)?)([mb])")  # a count of parameters ("405b", "1.3b", "125m")
_SIZE_AFTER = re.compile(r"[ -]+([A-Za-z]+|\d+(?:\.\d+)?[BbMm])\b")
_JOINED = re.compile(r"([a-z]{2,})(\d+(?:\.\d+)?)")  # a family's word written with its version ("phi3", "gpt2")
_SCALE = {"m": 1e6, "b": 1e9}
# what a model makes that other models learn from: a version named as its maker ("the answers of GPT-4") is a source of
# data or teaching, not a model asked for
OUTPUT_NOUNS = ("answers", "outputs", "responses", "replies", "generations", "completions", "conversations",
                "dialogues", "chats", "samples", "labels", "annotations", "explanations", "data", "traces",
                "predictions")
# a version named as the source: the doer of a participle ("written by", "taught by"), what something was drawn
# from ("distilled from", "learnt from"), or the maker of outputs ("outputs of", "answers from"), right before it
_SOURCE_BEFORE = re.compile(r"(?:\b[a-z]{2,}(?:ed|en|t)\s+(?:by|from)|\b(?:" + "|".join(OUTPUT_NOUNS) +
                            r")\s+(?:of|from|by))\s+(?:the\s+|an?\s+)?$", re.IGNORECASE)
# ... or its outputs named after it ("GPT-4's answers", "GPT-4 outputs")
_SOURCE_AFTER = re.compile(r"(?:['’]s)?\s+(?:generated\s+)?(?:" + "|".join(OUTPUT_NOUNS) + r")\b",
                           re.IGNORECASE)
_BEFORE_SPAN = 60  # the characters before a version where its source phrase is read (one phrase, a bounded regex)
UNKNOWN_SIZE = 99.0  # the distance of a size not said, or said one way against the other (after every size compared)


@dataclass(frozen=True)
class AskedVersion:
    """A family, a version and maybe a size a question names ("Stable Diffusion", 3.5, "large")."""

    family: tuple[str, ...]  # the family's words, lower case ("stable", "diffusion")
    written: str  # the family and version as written ("Stable Diffusion 3.5")
    version: float
    size: str = ""  # a size word or a count of parameters, lower case ("large", "405b"), "" when none is said


@dataclass(frozen=True)
class NameVersion:
    """What a model's name says of a family: the version after the family's words, and whether the name is a release
    of that version of its own (only sizes and tuning words after it, only its owner's words before it)."""

    version: float
    own: bool  # a release of its own ("stable-diffusion-3-medium"), not something built on it ("phi3-chat-adapter")
    size: str = ""


def version(text: str) -> float | None:
    """Return a version number as a number ("1.5": 1.5, "2.1": 2.1, "3": 3.0), or None (two dots and more: the first
    two parts)."""
    parts = text.split(".")
    if not all(p.isdigit() for p in parts):
        return None
    return float(".".join(parts[:2]))


def _is_size(word: str) -> bool:
    return word in SIZE_WORDS or PARAMS.fullmatch(word) is not None


def asked_version(query: str) -> AskedVersion | None:
    """Return the family and version (and the size right after it) the question names with capitals and a number
    ("Do you have Stable Diffusion 3.5 Large?"), or None. None too when the version is named as the source of data or
    teaching ("trained on outputs of GPT-4", "taught by Llama 3"): the models learning from it are asked, not it
    (``named_as_source``)."""
    found = _versioned(query)
    if found is None:
        return None
    name, number, start, end = found
    if named_as_source(query, start, end):
        return None
    words = re.split(r"[ -]", name)
    while words and not tokens(words[0]):  # a capitalised frame word before the name ("Is Whisper 4 here?")
        words.pop(0)
    family = tuple(w.lower() for w in words)
    asked = version(number)
    if asked is None or not family:
        return None
    after = _SIZE_AFTER.match(query, end)
    size = after.group(1).lower() if after and _is_size(after.group(1).lower()) else ""
    return AskedVersion(family, f"{' '.join(words)} {number}", asked, size)


def named_as_source(query: str, start: int, end: int) -> bool:
    """Tell whether the name at ``query[start:end]`` is named as the source of data or teaching: the doer of a
    participle, what something was drawn from, or the maker of outputs ("generated by X", "distilled from X",
    "responses of X", "X's answers")."""
    return bool(_SOURCE_BEFORE.search(query[max(0, start - _BEFORE_SPAN):start])
                or _SOURCE_AFTER.match(query, end))


def _versioned(query: str) -> tuple[str, str, int, int] | None:
    """Return the first (name, version, start, end) ``VERSIONED`` or ``_HYPHENED`` finds in ``query``, in time linear
    in its length: a shorter run than the longest from a word is followed by another capitalised word, never by a number, so
    only the longest run from each start can carry a version, and a run starting inside another ends where it ends."""
    found = None
    for run in _CAPITALISED_RUN.finditer(query):
        after = _VERSION_AFTER.match(query, run.end())
        if after:
            found = (run.start(), run.group(0), after.group(1), run.start(), after.end())
            break
    hyphened = _HYPHENED.search(query, 0, found[0] if found else len(query))
    if hyphened:  # the first of the two
        return hyphened.group(1), hyphened.group(2), hyphened.start(), hyphened.end()
    return found[1:] if found else None


def name_words(name: str) -> list[str]:
    """Return a name's words, lower case, a version's "v" dropped and a word joined to its version split ("phi3":
    phi, 3); dotted numbers stay whole ("3.5")."""
    out: list[str] = []
    for w in re.split(r"[^a-z0-9.]+", name.lower()):
        w = w.strip(".")
        if not w:
            continue
        joined = _JOINED.fullmatch(w)
        if re.fullmatch(r"v\d+(?:\.\d+)?", w):
            out.append(w[1:])
        elif joined:
            out.extend(joined.groups())
        else:
            out.append(w)
    return out


def name_version(identifier: str, family: tuple[str, ...]) -> NameVersion | None:
    """Return the version of ``family`` a model's identifier names ("stabilityai/stable-diffusion-2-1": 2.1, a release
    of its own; "Fardan/phi3-chat-adapter": 3, built on it), or None when its name has the family's words followed by
    no version."""
    for words, before, owner_words in _family_places(identifier, family):
        j = len(before) + len(family)
        parts = []
        while j < len(words) and words[j].replace(".", "").isdigit() and len(parts) < 2:
            parts.append(words[j])
            j += 1
        held = version(".".join(parts)) if parts else None
        if held is None:
            continue
        rest = words[j:]
        return NameVersion(held, _own_release(before, owner_words, rest), next((w for w in rest if _is_size(w)), ""))
    return None


def release_version(identifier: str, family: tuple[str, ...]) -> NameVersion | None:
    """Return the version of ``family`` a model's identifier names (``name_version``); a maker's own release whose
    name gives the family no version (only its owner's words before the family, only sizes and tuning words after:
    "google/gemma-7b-it", "huggyllama/llama-7b") is the family's first, version 1. None otherwise
    ("maker/pixel-forge-turbo": another word after it; "lab/gemma-7b-fp16-ov": a copy)."""
    named = name_version(identifier, family)
    if named is not None:
        return named
    for words, before, owner_words in _family_places(identifier, family):
        rest = words[len(before) + len(family):]
        if _own_release(before, owner_words, rest):
            return NameVersion(1.0, True, next((w for w in rest if _is_size(w)), ""))
    return None


def _family_places(identifier: str, family: tuple[str, ...]):
    """Yield (the words of the model's name, those before the family's words, the owner's words) for each place the
    name holds the family's words in a row."""
    owner, _, short = identifier.rpartition("/")
    words, owner_words = name_words(short), set(name_words(owner))
    n = len(family)
    for i in range(len(words) - n + 1):
        if tuple(words[i:i + n]) == family:
            yield words, words[:i], owner_words


def _own_release(before: list[str], owner_words: set[str], rest: list[str]) -> bool:
    """Tell whether a name holding a family is its maker's own release: only the owner's words before the family,
    only sizes and the tuning every maker ships after its version."""
    return set(before) <= owner_words and all(_is_size(w) or w in TUNING_WORDS for w in rest)


def size_distance(asked: str, held: str) -> float:
    """Return how far apart two sizes are: counts of parameters by their ratio (log 10), words by the steps between
    them; ``UNKNOWN_SIZE`` when either is not said or they are said in different ways; 0 when none is asked."""
    if not asked:
        return 0.0
    a, h = PARAMS.fullmatch(asked), PARAMS.fullmatch(held)
    if a and h:
        return abs(math.log10(float(h.group(1)) * _SCALE[h.group(2)] / (float(a.group(1)) * _SCALE[a.group(2)])))
    if asked in SIZE_WORDS and held in SIZE_WORDS:
        return float(abs(SIZE_WORDS[asked] - SIZE_WORDS[held]))
    return UNKNOWN_SIZE
