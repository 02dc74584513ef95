"""Licences a question calls by their full, short or spoken names, with a version or without.

The names come from the licence vocabulary (``registry/ontology/vocabularies/licences.ttl``: each licence's label,
Hub id and SPDX id), never from a hand list. From them this module learns:

- the *forms* of a licence's name without its version ("GNU Lesser General Public License", "lgpl", "CC BY-NC-SA",
  "Creative Commons Attribution-NonCommercial-ShareAlike"), a licence word ("licence", "terms", "agreement") optional;
- the acronyms one name spells of another's words (LGPL: Lesser General Public License; CC: Creative Commons; NC:
  NonCommercial), so that a question mixing them ("the GNU Lesser GPL", "Creative Commons BY-NC") is read too;
- each licence's version (the number its name carries: 3.0, 2.1, 1.3c, the 3 of "BSD 3-Clause", the 3.1 of "Llama
  3.1 Community License").

A question naming a form reads every licence of that form whose version is the one written ("version 3", "v3",
"3.0", "three"), or every version when none is written; "or later" reads that version and the later ones. The longest
form written wins ("GNU Lesser GPL" over "GPL"). A version the vocabulary does not hold for the licence named is
noted, never read as another licence (``Named.note``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import lru_cache

__all__ = ["Named", "LicenceNames", "licence_names"]

# words saying "a licence" that a name may carry or leave out ("Apache License 2.0", "Apache 2.0"; "Gemma Terms of Use",
# "the Gemma terms")
LICENCE_WORD = r"(?:licen[cs](?:e|es|ed|ing)|terms(?:[\s_-]+of[\s_-]+(?:use|service))?|agreement)"
_LICENCE_WORDS = frozenset({"license", "licence", "terms", "agreement"})
_DROPPED = frozenset({"the", "family"})  # "The Unlicense", "OpenRAIL family"
# keys that name no licence ("other", "unknown"): never read from a question's words
_NO_LICENCE = frozenset({"other", "unknown"})
_NUMBER_WORDS = {"one": "1", "two": "2", "three": "3", "four": "4", "five": "5"}
_NUMBER = r"(?:\d+(?:\.\d+)*c?|one|two|three|four|five)"
_SEP = r"[\s_-]*"
# a version written after a name: "3", "3.0", "v3", "version 3", ", version 3", "-3.0"; a size ("7B") is none
_VERSION = rf"(?:[\s_,-]*(?:(?:version|ver\.?|v\.?)[\s_-]*)?(?P<v>{_NUMBER})(?![\w]|\.\d))"
# what may follow a version: "or later", "+", "or any later version", "and later", "or newer"; "only"
_LATER = r"(?P<later>[\s_-]*(?:\+|or[\s_-]+(?:any[\s_-]+)?(?:later|newer)(?:[\s_-]+versions?)?|and[\s_-]+later)|-or-later)"
_ONLY = r"(?:[\s_-]*only\b)"
_WRITTEN_VERSION = re.compile(r"[\s_,-]*(?:version|ver\.?|v\.?)?[\s_-]*$")  # the words saying a version comes
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")
_TOKEN = re.compile(r"[a-z]+|\d+(?:\.\d+)*c?")


@dataclass(frozen=True)
class Named:
    """Licences a question names: the span of their words, the keys read (() when none is held) and a note."""

    start: int
    end: int
    keys: tuple[str, ...]
    label: str
    note: str = ""
    named: tuple[str, ...] = ()  # every licence the words name, held or not
    words: int = 0  # how many words the name has (a licence word aside)
    version: str = ""  # the version written ("3", "2.1"), "" when none is


@dataclass(frozen=True)
class _Form:
    words: tuple[str, ...]  # the name's words (acronyms as written), the version's place as "#"
    licences: tuple[tuple[str, str], ...]  # (key, version) of every licence called so


def _tokens(name: str) -> list[str]:
    """Return a name's words, lower-cased, compound words split where their case changes ("ShareAlike": share alike),
    a number glued to letters apart ("llama3.1": llama 3.1), brackets dropped."""
    name = re.sub(r"\([^)]*\)", " ", name)
    name = re.sub(r"(?i)\bterms\s+of\s+(?:use|service)\b", "terms", name)  # "Gemma Terms of Use": one licence word
    return [w for w in _TOKEN.findall(_CAMEL.sub(" ", name).lower()) if w not in _DROPPED]


def _split(words: list[str]) -> tuple[tuple[str, ...], str]:
    """Return a name's words with its version's place as "#", and the version ("" when it has none): the last
    number among its words."""
    at = max((i for i, w in enumerate(words) if w[0].isdigit()), default=-1)
    if at < 0:
        return tuple(words), ""
    return tuple(words[:at]) + ("#",) + tuple(words[at + 1:]), words[at]


def _acronyms(names: Iterable[tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
    """Return the acronyms one name of a licence spells of another's words: "lgpl" -> lesser general public license
    (LGPL-3.0-only and its label), "cc" -> creative commons, "nc" -> non commercial."""
    out: dict[str, tuple[str, ...]] = {}
    for group in names:
        words = [w for name in group for w in name]
        shorts = {w for w in words if w.isalpha() and 2 <= len(w) <= 5}
        for name in group:
            for i in range(len(name)):
                for j in range(i + 2, min(len(name), i + 5) + 1):
                    run = name[i:j]
                    if any(not w.isalpha() for w in run):
                        break
                    initials = "".join(w[0] for w in run)
                    if initials in shorts and initials not in run:
                        out.setdefault(initials, run)
    return out


def _variants(words: tuple[str, ...], acronyms: dict[str, tuple[str, ...]]) -> set[tuple[str, ...]]:
    """Return a name's words, and the same with an acronym written for its words or its words for an acronym, whole or
    in part ("lesser general public license": lgpl, lesser gpl)."""
    out = {words}
    for short, run in acronyms.items():
        for form in list(out):
            n = len(run)
            for i in range(len(form) - n + 1):
                if form[i:i + n] == run:
                    for k in range(n - 1):  # the first k words written out, the rest as their initials
                        part = "".join(w[0] for w in run[k:])
                        if k == 0 or len(part) >= 2:
                            out.add(form[:i] + run[:k] + (part,) + form[i + n:])
            if short in form:
                i = form.index(short)
                out.add(form[:i] + run + form[i + 1:])
    return out


def _pattern(words: tuple[str, ...]) -> str:
    """Return the regex of a form: words apart or joined, a licence word optional between them; the version's place
    an optional version."""
    parts = []
    for w in words if "#" in words else (*words, "#"):
        if w == "#":
            parts.append(_VERSION + "?")
        elif w in _LICENCE_WORDS:
            parts.append(rf"(?:{_SEP}{LICENCE_WORD})?")
        else:
            parts.append(_SEP + re.escape(w) if parts else re.escape(w))
    return "".join(parts)


class LicenceNames:
    """The licence vocabulary's names, as a question may write them."""

    def __init__(self, licences: Iterable[tuple[str, tuple[str, ...]]]) -> None:
        named = [(key, [_tokens(n) for n in names]) for key, names in licences if key.lower() not in _NO_LICENCE]
        self._trailing: set[str] = set()
        acronyms = _acronyms(tuple(tuple(n) for n in names if n) for _, names in named)
        forms: dict[tuple[str, ...], dict[str, str]] = {}
        for key, names in named:
            version = ""
            shorts = {w for words in names[1:] for w in words}  # the words of its ids ("lgpl", "cc by nc")
            covered = {w for words in names for short, run in acronyms.items() if short in shorts for w in run}
            for n, words in enumerate(names):
                if not words:
                    continue
                form, v = _split(words)
                version = version or v
                if n == 0 and v and (form[-1] == "#" or all(w in _LICENCE_WORDS for w in form[form.index("#") + 1:])):
                    self._trailing.add(key)  # the label ends with its version ("Apache License 2.0")
                variants = _variants(form, acronyms)
                # a first word of the label no id of it writes ("GNU", "Meta", "SIL") may be left out, when two words
                # that name something stay ("the Lesser GPL", "the Llama 3 community licence")
                if n == 0 and form[0] not in shorts and form[0] not in covered and \
                        sum(w != "#" and w not in _LICENCE_WORDS for w in form[1:]) >= 2:
                    variants |= _variants(form[1:], acronyms)
                for variant in variants:
                    # a version's place at the end is where every form has one (``_pattern``): "gpl" and "gpl 3.0"
                    # are one form
                    forms.setdefault(variant[:-1] if variant[-1:] == ("#",) else variant, {})[key] = v
            for variant in forms:
                if key in forms[variant] and not forms[variant][key]:
                    forms[variant][key] = version  # "Apache License" (label without version) is 2.0 still
        # a licence standing for a family with no version of its own ("GNU GPL (unversioned)", "Creative Commons
        # (unversioned)", "BSD family", "OpenRAIL family") is called by the words every licence of the family begins
        # with, or that a licence's id holds ("creativeml-openrail-m"): they read them all (not words of a label or
        # what an acronym spells: the GNU "Lesser General Public License" is no "General Public License" of its own)
        umbrellas = {key for key, names in licences if re.search(r"\bunversioned\b|\bfamily\b", names[0] if names else "", re.I)}
        own = [(key, _split(_tokens(n))) for key, names in licences if key.lower() not in _NO_LICENCE
               for n in names if _is_id(n) and _tokens(n)]
        for head, ks in forms.items():
            if umbrellas & set(ks):
                for other, more in forms.items():
                    if len(other) > len(head) and other[:len(head)] == head:
                        for k, v in more.items():
                            ks.setdefault(k, v)
                for k, (words, v) in own:
                    if len(words) > len(head) and _holds(words, head):
                        ks.setdefault(k, v)
        self.forms = [_Form(w, tuple(sorted(ks.items()))) for w, ks in forms.items()]
        self.acronyms = acronyms
        self._compiled = [(f, re.compile(rf"(?<![\w.+-]){_pattern(f.words)}(?P<lw>{_SEP}{LICENCE_WORD})?"
                                         rf"(?:{_LATER}|{_ONLY})?(?![\w+])"))
                          for f in self.forms if self._callable(f)]
        # one scan finds where a form's first word begins (longest first: "openrail" before "open"); only the forms
        # beginning with a word written there are matched, there (the ~240 forms matched one by one, each over the
        # whole question, took 0.6 ms a question and 120 ms of a 10 kB one). A form opening with a licence word or
        # its version is searched for alone
        self._by_first: dict[str, list[int]] = {}
        self._alone: list[int] = []
        for i, (form, _) in enumerate(self._compiled):
            first = form.words[0]
            if first == "#" or first in _LICENCE_WORDS:
                self._alone.append(i)
            else:
                self._by_first.setdefault(first, []).append(i)
        firsts = sorted(self._by_first, key=lambda w: (-len(w), w))
        self._scan = re.compile(r"(?<![\w.+-])(?=(" + "|".join(map(re.escape, firsts)) + "))") if firsts else None

    def _callable(self, form: _Form) -> bool:
        """Say whether a form can name a licence at all: some word besides a licence word."""
        return any(w != "#" and w not in _LICENCE_WORDS for w in form.words)

    def read(self, low: str, held: dict[str, str]) -> list[Named]:
        """Return the licences ``low`` (a lower-cased question) names by a form of two words or more, or of one word
        with a licence word or a version after it; ``held``: the keys the index holds, lower-cased -> as held."""
        found: dict[tuple[int, int], list[Named]] = {}
        for i, m in self._matches(low):
            form = self._compiled[i][0]
            words = [w for w in form.words if w != "#" and w not in _LICENCE_WORDS]
            written = m.group(0)
            version = _NUMBER_WORDS.get(m.groupdict().get("v") or "", m.groupdict().get("v") or "")
            if version and not any(v for _, v in form.licences):
                continue  # a number after a name that carries none is no version of it
            licence_word = m.group("lw") or re.search(LICENCE_WORD, written)
            if len(words) < 2 and not licence_word and not (version and self._ends_with_version(form)) \
                    and not (words and words[0] in self.acronyms and len(words[0]) >= 3):
                continue
            named = replace(self._named(m, form, version, bool(m.groupdict().get("later")), held),
                            words=len(words), version=version)
            found.setdefault((named.start, named.end), []).append(named)
        return [_merged(same) for same in found.values()]

    def _matches(self, low: str) -> list[tuple[int, re.Match]]:
        """Return (form's place in ``_compiled``, match) of every form written in ``low``, by form then place: what
        each form's own search finds (a form's matches do not overlap)."""
        out = [(i, m) for i in self._alone for m in self._compiled[i][1].finditer(low)]
        if self._scan is not None:
            ends: dict[int, int] = {}
            for at in self._scan.finditer(low):
                longest = at.group(1)  # the other first words written here begin it ("open" of "openrail")
                for k in range(1, len(longest) + 1):
                    for i in self._by_first.get(longest[:k], ()):
                        if at.start() < ends.get(i, 0):
                            continue
                        m = self._compiled[i][1].match(low, at.start())
                        if m is not None:
                            ends[i] = m.end()
                            out.append((i, m))
        out.sort(key=lambda im: (im[0], im[1].start()))
        return out

    def _ends_with_version(self, form: _Form) -> bool:
        """Say whether the form's name ends with its version ("Apache License 2.0"), not a model family's name that
        goes on after it ("Llama 3 Community License"): a one-word name with a version only is then a licence."""
        return all(k in self._trailing for k, _ in form.licences)

    def _named(self, m: re.Match, form: _Form, version: str, later: bool, held: dict[str, str]) -> Named:
        written = m.group(0).strip()
        versions = {k: v for k, v in form.licences}
        if version:
            keys = [k for k, v in versions.items() if _same_version(version, v) or (later and _later(v, version))]
        else:
            keys = list(versions)
        if not keys:
            known = sorted({v for v in versions.values() if v}, key=_version_key)
            return Named(m.start(), m.end(), (), f"licence: {written}",
                         f"the licence vocabulary holds no version {version} of {_WRITTEN_VERSION.sub('', written[:m.start('v') - m.start()]) or written!r}"
                         + (f" (it holds {', '.join(known)})" if known else ""))
        present = [held[k.lower()] for k in keys if k.lower() in held]
        called = tuple(keys)
        note = ""
        if later:
            note = f"no 'or later' licence id is held: read as version {version} and the later ones"
        if not present:
            return Named(m.start(), m.end(), (), f"licence: {written}", f"no indexed FDO has licence {' or '.join(keys)}",
                         called)
        return Named(m.start(), m.end(), tuple(present), "licence: " + " or ".join(present), note, called)


def _is_id(name: str) -> bool:
    """Say whether a licence's name is an id ("LGPL-3.0-only", "creativeml openrail m"), not a label written in words
    ("GNU Lesser General Public License")."""
    return name == name.lower() or not re.search(r"\s", name.strip())


def _holds(words: tuple[str, ...], run: tuple[str, ...]) -> bool:
    """Say whether ``words`` hold the words ``run`` together, in their order."""
    return any(words[i:i + len(run)] == run for i in range(len(words) - len(run) + 1))


def _merged(same: list[Named]) -> Named:
    """Return the licences the forms matching the same words read, together; the first note when none reads one."""
    keys = tuple(dict.fromkeys(k for n in same for k in n.keys))
    if not keys:
        return replace(same[0], named=tuple(dict.fromkeys(k for n in same for k in n.named)),
                       words=max(n.words for n in same))
    first = next(n for n in same if n.keys)
    return Named(first.start, first.end, keys, "licence: " + " or ".join(keys), first.note,
                 tuple(dict.fromkeys(k for n in same for k in n.named)), max(n.words for n in same), first.version)


def _version_key(v: str) -> tuple:
    return tuple(int(p) if p.isdigit() else 0 for p in re.findall(r"\d+", v))


def _same_version(asked: str, held: str) -> bool:
    """Say whether a version asked ("3", "3.0", "2") is the licence's ("3.0"; "2.0" or "2.1"; "1.3" of "1.3c")."""
    if not held:
        return False
    asked = asked.removesuffix(".0") if held.count(".") < asked.count(".") else asked
    return held == asked or held.startswith(asked + ".") or (held.startswith(asked) and held[len(asked):].isalpha())


def _later(held: str, asked: str) -> bool:
    return bool(held) and _version_key(held) >= _version_key(asked)


@lru_cache(maxsize=8)
def licence_names(licences: tuple[tuple[str, tuple[str, ...]], ...]) -> LicenceNames:
    """Return the reader of the licences ``licences`` names ((key, names) each), built once per vocabulary."""
    return LicenceNames(licences)
