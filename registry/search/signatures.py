"""Families of tasks a question names by what goes in and what comes out, not by a task's name.

"Write text from something that isn't text: a picture, a video or a recording" names the tasks giving text back from
another medium; "models whose output is an image but whose input is not" those making pictures out of something else;
"what turns speech into something else" those taking speech in and giving another medium back; "change something
that already exists, a picture or a recording, instead of making it from nothing" those giving back the medium they
take in. The concept index (``ConceptIndex._signatures``) turns such a reading into the tasks whose input and output
modalities (``mlfdo:inputModality``/``outputModality``) match: a boost, never a filter.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Signature", "signatures"]

# a negation of a medium: "isn't text", "is not text", "non-text" (normalised: "non text"), "anything but text"
_NOT = (r"(?:isn't|isnt|aren't|arent|(?:is|are)\s+not|not|non|other\s+than|anything\s+(?:but|except|other\s+than)|"
        r"something\s+(?:other\s+than|besides)|except)")
# what stands for the thing a model is given, before its negation ("something that isn't text", "an input that is not")
_THING = r"(?:something|anything|things?|inputs?|media|content|data|sources?|stuff)"
# "text from something that isn't text", "text out of anything but text", "text from non-text input"
_FROM_NOT = re.compile(rf"(?<!\w)(\w+)\s+(?:from|out\s+of)\s+(?:(?:a|an|any|some)\s+)?"
                       rf"(?:{_THING}\s+(?:that|which)\s+)?{_NOT}\s+(?:(?:a|an)\s+)?(\w+)")
# "turn a non-text input into text", "convert anything but text to text"
_NOT_INTO = re.compile(rf"(?<!\w){_NOT}\s+(\w+)\s+(?:{_THING}\s+)?(?:in)?to\s+(?:(?:a|an|the)\s+)?(\w+)")
# "output is an image but whose input is not", "gives back images but does not take them in"
_ROLE_NOT = re.compile(r"\b(output|input)s?\s+(?:is|are)\s+(?:(?:a|an)\s+)?(\w+)\s*,?\s+(?:but|and|while|whereas|yet)\s+"
                       r"(?:whose\s+|its\s+|their\s+|the\s+)?(?:output|input)s?\s+(?:is|are)\s*(?:not|n't)\b")
# "turns speech into something else", "converts pictures to another medium"
_INTO_ELSE = re.compile(r"(?<!\w)(\w+)\s+(?:in)?to\s+(?:(?:something|anything)\s+else|(?:an)?other\s+(?:media|medium|"
                        r"kinds?\s+of\s+(?:data|media))|a\s+different\s+(?:medium|kind\s+of\s+data))\b")
# a verb of changing what exists ("change", "edit", "improve an existing recording")
_CHANGE = re.compile(r"\b(?:change|changes|changing|edit|edits|editing|alter|alters|altering|modify|modifies|modifying|"
                     r"transform|transforms|transforming|improve|improves|improving|enhance|enhances|enhancing|restore|"
                     r"restores|restoring|retouch|retouches|retouching|rework|reworks|reworking|clean\s+up|cleans\s+up|"
                     r"touch\s+up|fix|fixes|fixing)\b")
# what says the thing changed exists already, or that nothing new is made from nothing
_EXISTING = re.compile(r"\b(?:already\s+exists?|existing|already\s+(?:have|made|recorded|taken|shot)|instead\s+of\s+"
                       r"(?:making|creating|generating)|rather\s+than\s+(?:making|creating|generating)|"
                       r"(?:from|out\s+of)\s+(?:nothing|scratch))\b")
_SENTENCE = re.compile(r"[^.?!;]+")


@dataclass(frozen=True)
class Signature:
    """Which media a question's tasks take in and give back: each side a set of media words (the question's own) or
    every medium but one (``not_in``/``not_out``); ``same`` asks for tasks giving back the medium they take in."""

    span: tuple[int, int]
    into: str = ""  # the medium word given back ("text"), or "" for any
    taken: str = ""  # the medium word taken in, or "" for any
    not_in: str = ""  # a medium word the input is not
    not_out: str = ""  # a medium word the output is not
    same: bool = False
    rest: tuple[int, int] = (0, 0)  # the rest of the sentence, where a list of media narrows the open side


def signatures(low: str, names_medium) -> list[Signature]:
    """Return the signatures a normalised question states, in order; ``names_medium(word)`` says whether a word
    names a medium."""
    found: list[Signature] = []
    for s in _SENTENCE.finditer(low):
        text, base = s.group(0), s.start()

        def span(m: re.Match) -> tuple[int, int]:
            return base + m.start(), base + m.end()

        def rest(m: re.Match) -> tuple[int, int]:
            return base + m.end(), s.end()

        for m in _FROM_NOT.finditer(text):
            if names_medium(m.group(1)) and names_medium(m.group(2)):
                found.append(Signature(span(m), into=m.group(1), not_in=m.group(2), rest=rest(m)))
        for m in _NOT_INTO.finditer(text):
            if names_medium(m.group(1)) and names_medium(m.group(2)):
                found.append(Signature(span(m), into=m.group(2), not_in=m.group(1), rest=rest(m)))
        for m in _ROLE_NOT.finditer(text):
            if names_medium(m.group(2)):
                out = m.group(1) == "output"
                found.append(Signature(span(m), into=m.group(2) if out else "", taken="" if out else m.group(2),
                                       not_in=m.group(2) if out else "", not_out="" if out else m.group(2)))
        for m in _INTO_ELSE.finditer(text):
            if names_medium(m.group(1)):
                found.append(Signature(span(m), taken=m.group(1), not_out=m.group(1)))
        change, existing = _CHANGE.search(text), _EXISTING.search(text)
        if change and existing:
            a, b = min(change.start(), existing.start()), max(change.end(), existing.end())
            found.append(Signature((base + a, base + b), same=True, rest=(base, s.end())))
    return sorted(found, key=lambda f: f.span)
