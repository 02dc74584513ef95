"""Which way a medium goes in a question: what a model is given and what it should give back.

"From a voice recording", "I have a still photo", "looks at a picture", "take a sound recording as input": the
medium goes in. "Answers in words", "gives back audio", "writes a sentence", "speech as output": it comes out. The concept index reads
these (``ConceptIndex._ways``) so that a medium named so stands for the tasks taking it in, or giving it back, not
for every task that touches it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Way", "media_ways"]

# what a model is given, after a verb or frame of giving or of looking, or of putting into words ("describe a video";
# not "describe what happens in my recording", whose medium follows "in my") (up to three words between: "a still photo",
# "an old, grainy low resolution video"), or the asker's own medium a job is done on ("the events in my dashcam
# recording", "the speakers of our podcast": "in my", "of our")
_TAKEN = re.compile(r"\b(?:i\s+have|we\s+have|i\s+ve\s+got|given|from|(?:in|of|on)\s+(?:my|our)|takes?(?:\s+in)?|taking(?:\s+in)?|"
                    r"looks?\s+at|looking\s+at|listens?\s+to|listening\s+to|watch(?:es|ing)?|"
                    r"upload(?:s|ing)?|(?:describ(?:e|es|ing)|caption(?:s|ing)?|transcrib(?:e|es|ing))"
                    r"(?!\s+(?:what|how|who|where|when|why|which))|feed(?:s|ing)?(?:\s+(?:it|them))?)\s+((?:\w+,?\s+){0,3}\w+)")
# what a model should give back, after a verb of answering, returning or writing ("answers in words", "gives back audio",
# "write a sentence")
_GIVEN = re.compile(r"\b(?:(?:answers?|answering|repl(?:y|ies|ying)|responds?|responding|speaks?|talks?)\s+"
                    r"(?:back\s+)?(?:in|with|using)|gives?\s+back|giving\s+back|returns?|returning|outputs?|writes?|writing)\s+"
                    r"((?:\w+,?\s+){0,3}\w+)")
# a medium before "as input" / "as its output" ("take a sound recording as input")
_AS_ROLE = re.compile(r"(?<!\w)((?:\w+\s+){0,2}\w+)\s+as\s+(?:(?:its|their|the|an?)\s+)?(input|output)s?\b")
WAYS_MAX = 8  # media read each way by each pattern: a 20 kB question of "from a text" was read 1,300 times
# words ending the thing given or given back ("from a model for images", "answers with a label for each image")
_ENDS = frozenset("for of from with to into in on about and or that which as by where while than".split())


@dataclass(frozen=True)
class Way:
    """A medium a question gives a model (``way`` "in") or wants back from it ("out")."""

    way: str
    word: str  # the word naming the medium ("recording"), or two words naming it together ("moving pictures")
    start: int  # where the words read start and end in the normalised question (the span)
    end: int


def media_ways(low: str, names_medium, limit: int = WAYS_MAX) -> list[Way]:
    """Return the media ``low`` (a normalised question) gives a model and wants back, in the order written: up to
    ``limit`` read each way by each pattern, the first of them being those a question means.

    ``names_medium(word)`` says whether a word, or two words in a row ("moving pictures"), name a medium. The thing given is the first such word within three
    words after the verb, before a word ending it ("from a model for images" gives no images)."""
    found: list[Way] = []
    for way, pattern in (("in", _TAKEN), ("out", _GIVEN)):
        read = 0
        for m in pattern.finditer(low):
            if read >= limit:
                break
            words = re.findall(r"\w+", m.group(1))
            stop = next((k for k, w in enumerate(words) if w in _ENDS), len(words))
            # a medium's name of two words ("moving pictures": video) before the one its last word names alone
            at = next((k for k, w in enumerate(words[:stop]) if names_medium(w) or (
                k + 1 < stop and names_medium(f"{w} {words[k + 1]}"))), None)
            if at is None:
                continue
            pair = at + 1 < stop and names_medium(f"{words[at]} {words[at + 1]}")
            # the span runs to the medium's word, and the next when it names the medium too ("a voice recording")
            last = at + 1 if at + 1 < stop and (pair or names_medium(words[at + 1])) else at
            end = m.start(1) + _word_end(m.group(1), last)
            found.append(Way(way, f"{words[at]} {words[at + 1]}" if pair else words[at], m.start(), end))
            read += 1
    read = 0
    for m in _AS_ROLE.finditer(low):
        if read >= limit:
            break
        words = re.findall(r"\w+", m.group(1))
        at = next((k for k in range(len(words) - 1, -1, -1) if names_medium(words[k])), None)
        if at is not None:
            read += 1
            found.append(Way("in" if m.group(2) == "input" else "out", words[at], m.start(1) + _word_start(
                m.group(1), at), m.end()))
    return sorted(found, key=lambda f: f.start)


def _word_end(text: str, k: int) -> int:
    return list(re.finditer(r"\w+", text))[k].end()


def _word_start(text: str, k: int) -> int:
    return list(re.finditer(r"\w+", text))[k].start()
