"""A model the registry holds only as a stub (a base model other records name, never harvested), asked for by its
name written as words ("I'm looking for Mistral 7B Instruct v0.3", "Is Llama 2 70B chat here?"): the models built on
it are what the registry holds of it, then the nearest releases of its family, the same size first
(``Searcher._stub_kin``, docs/search.md "Ranking", "A name only a stub carries")."""

from __future__ import annotations

from itertools import takewhile

import numpy as np

from registry.search.text import tokens
from registry.search.versions import PARAMS, SIZE_WORDS, TUNING_WORDS, UNKNOWN_SIZE, name_words, size_distance, version

__all__ = ["NamedStub", "StubRelease", "is_release", "named_stubs", "release_of", "stub_kin"]

STUB_SCAN = 2000  # stubs holding one of the question's words whose names are read; more, and the word is a common one
STUB_KIN_MAX = 10  # records carried for a name only a stub holds
RELEASE_KIN_MAX = 2  # models built on each nearer release carried before the next release (the releases are nearer)
_STUB_WORD_MIN = 3  # letters of a question's word looked up among the stubs' words (not "i", "m", "is")


class StubRelease:
    """What a model's own name says of its release: its family's word, its size (a count of parameters) and its
    version ("Mistral-7B-Instruct-v0.3": mistral, 7b, 0.3; "Llama-2-70b-chat-hf": llama, 70b, 2)."""

    def __init__(self, family: tuple[str, ...], size: str, number: float | None) -> None:
        self.family = family
        self.size = size
        self.number = number

    def distance(self, other: "StubRelease") -> tuple[float, float]:
        """Return how far ``other`` is from this release: by size first, then by version (unknown: after all)."""
        size = size_distance(self.size, other.size) if self.size else 0.0
        if self.number is None or other.number is None:
            return size, UNKNOWN_SIZE
        return size, abs(self.number - other.number)


class NamedStub:
    """The stubs a question names (several accounts may hold one name) and the release their name says."""

    def __init__(self, slots: list[int], identifiers: list[str], release: StubRelease) -> None:
        self.slots = slots
        self.identifiers = identifiers
        self.release = release


def _own_words(identifier: str) -> list[str]:
    """Return a model's own name's words (``versions.name_words``), the owner's words before its family's word and the
    tuning word every maker's export ends with ("-hf") dropped: what a question writes of the name."""
    owner, _, short = identifier.rpartition("/")
    words, owner_words = name_words(short), set(name_words(owner))
    while len(words) > 1 and words[0] in owner_words and words[1].isalpha():  # (Meta-Llama-3-70B; not Llama-3.1-8B)
        words = words[1:]
    while words and words[-1] == "hf":
        words = words[:-1]
    return words


def release_of(identifier: str) -> StubRelease | None:
    """Return the family (the words of letters its name starts with, a size word after them left out: "Mistral-Small-
    24B" is of mistral), size and version a model's own name says, or None when it starts with no word of letters."""
    words = _own_words(identifier)
    lead = list(takewhile(str.isalpha, words))
    while len(lead) > 1 and lead[-1] in SIZE_WORDS:
        lead.pop()
    if not lead:
        return None
    size = next((w for w in words[len(lead):] if PARAMS.fullmatch(w)), "")
    numbers = [version(w) for w in words[len(lead):] if w.replace(".", "").isdigit()]
    number = next((n for n in numbers if n is not None), None)
    return StubRelease(tuple(lead), size, number)


def _holds_run(words: list[str], wanted: list[str]) -> bool:
    n = len(wanted)
    return any(words[i:i + n] == wanted for i in range(len(words) - n + 1))


def named_stubs(engine, question: str) -> NamedStub | None:
    """Return the model stubs whose own name the question writes whole, its words in their order, however they are
    joined ("Mistral 7B Instruct v0.3": mistralai/Mistral-7B-Instruct-v0.3), the longest name when several are
    written (not Mistral-7B of it); None when it writes none, or when a harvested model is called so too. A name of
    one word, or of no number, is a word of the question, not a release."""
    said = name_words(question)
    if len(said) < 2:
        return None
    alive = engine.alive[:engine.size] & engine.stub[:engine.size]
    found: dict[tuple[str, ...], list[int]] = {}
    seen: set[int] = set()
    for word in dict.fromkeys(w for w in tokens(question) if w.isalpha() and len(w) >= _STUB_WORD_MIN):
        slots = np.flatnonzero(engine.word_mask(word) & alive)
        if len(slots) > STUB_SCAN:
            continue
        for slot in slots.tolist():
            if slot in seen:
                continue
            seen.add(slot)
            doc = engine.docs[slot]
            if doc is None or doc.kind != "model":
                continue
            words = _own_words(doc.identifier or doc.name)
            if len(words) < 2 or not any(any(c.isdigit() for c in w) for w in words) or not _holds_run(said, words):
                continue
            found.setdefault(tuple(words), []).append(slot)
    if not found:
        return None
    words = max(found, key=lambda k: (len(k), k))
    slots = sorted(found[words], key=lambda s: (-int(engine.downloads[s]), s))
    identifiers = [engine.docs[s].identifier or engine.docs[s].name for s in slots]
    for identifier in identifiers:
        # a harvested model under that very name holds it (wnma3mz/Janus-Pro-7B beside the stub of deepseek-ai's):
        # the words find it, nothing is pinned
        short = identifier.rsplit("/", 1)[-1]
        if any(not engine.stub[s] and engine.docs[s].kind == "model" for s in engine.exact_slots(short)):
            return None
    release = release_of(identifiers[0])
    if release is None:
        return None
    return NamedStub(slots, identifiers, release)


def stub_kin(engine, named: NamedStub, bases: dict[str, tuple[str, int]]) -> list[int]:
    """Return the records nearest a model only stubs hold: the models built on it, most downloaded first; then, of
    each nearest release of its family (same size first, then the nearest version: Zephyr on Mistral 7B v0.1 before
    Mistral Small 24B), the release itself when held, then the most downloaded models built on it. At most
    ``STUB_KIN_MAX``."""
    alive = engine.alive[:engine.size] & ~engine.stub[:engine.size]
    out: list[int] = []

    def built_on(identifiers: list[str]) -> list[int]:
        keys = [i for i in identifiers if i in bases]
        if not keys:
            return []
        mask = engine.facet_masks({"base_model": keys}, {})["base_model"][:engine.size] & alive
        return sorted(np.flatnonzero(mask).tolist(), key=lambda s: (-int(engine.downloads[s]), s))

    out.extend(built_on(named.identifiers))
    family = named.release
    near: list[tuple[tuple[float, float], int, str, int]] = []
    for slot in np.flatnonzero(engine.word_mask(family.family[0]) & engine.alive[:engine.size]).tolist()[:STUB_SCAN]:
        doc = engine.docs[slot]
        if doc is None or doc.kind != "model" or slot in named.slots:
            continue
        identifier = doc.identifier or doc.name
        held = release_of(identifier)
        if held is None or held.family != family.family or not is_release(identifier, len(held.family)):
            continue
        if not engine.stub[slot] or identifier in bases:
            near.append((family.distance(held), -int(engine.downloads[slot]), identifier, slot))
    for _, _, identifier, slot in sorted(near):
        if len(out) >= STUB_KIN_MAX:
            break
        group = ([] if engine.stub[slot] else [slot]) + built_on([identifier])[:RELEASE_KIN_MAX]
        out.extend(s for s in group if s not in out)
    return out[:STUB_KIN_MAX]


def is_release(identifier: str, family: int) -> bool:
    """Say whether a model's own name is a release's: after its family's ``family`` words, only sizes, versions and the
    tuning words ("zephyr-7b-beta" is its own family's; "Gale-7B-v0.1-medical" is built on a release)."""
    return all(w.replace(".", "").isdigit() or PARAMS.fullmatch(w) or w in TUNING_WORDS or w in SIZE_WORDS
               for w in _own_words(identifier)[family:])
