"""Word forms in the concepts' phrases: what the forms of a verb share, and a verb after one of ceasing.

A plain description of a job opens with its verb ("read text aloud", "describe pictures"); a question writes that
verb in any of its forms ("reading text aloud", "describing pictures"). ``verb_form`` gives the forms of a word one
key; ``ceased`` tells a verb written only after one of ceasing ("quit refusing harmful requests"), which asks for
the opposite of the job.
"""

from __future__ import annotations

import re
from functools import lru_cache

from registry.search.text import morph, stem, tokens

__all__ = ["verb_form", "ceased", "CEASED_CLAUSE"]


@lru_cache(maxsize=1 << 14)
def verb_form(token: str) -> str:
    """Return what the forms of a word share ("reading", "reads", "read": ~read; "describing", "describe": ~describ):
    its stem where the index keeps one (``text.morph``), its short stem where the word is that stem as a verb, with
    -e, -ing or -ed ("read", "erase", "erasing", "spotting"), else the token itself."""
    if token.endswith(("er", "or")) and stem(token) != token:  # a doer ("generator", "synthesiser") is no job's
        return token                                           # verb: "text generator" is no "generate text"
    found = morph(token)
    if found is not None:
        return "~" + found
    # a short stem joins only a word's own verb forms: "anime" and "animal" share "anim" and nothing else
    short = stem(token)
    if not short.isalpha() or len(short) < 3:
        return token
    bare = short[:-1] if short.endswith("e") else short  # "code": coding
    verb = {short, short + "e", bare + "ing", bare + "ed", short + "d", short + short[-1] + "ing", short + short[-1] + "ed"}
    return "~" + short if token in verb else token


# a verb of ceasing or leaving out before a gerund: "stop refusing harmful requests" asks for no refusing
CEASED = re.compile(r"\b(?:stop|stops|stopped|quit|quits|avoid|avoids|without|never|no\s+longer)\s+(\w+ing)\b")
CEASED_CLAUSE = re.compile(CEASED.pattern + r"[^,.;:?!]*")  # the same, to the end of its clause


def ceased(form: str, low: str) -> bool:
    """Say whether ``low`` (a normalised question) writes the verb of form ``form`` only after a verb of ceasing or
    leaving out ("stop refusing"): what is then asked is its opposite."""
    found = [w for w in re.findall(r"\w+", low) if verb_form(_head(w) or w) == form]
    return bool(found) and len(found) == sum(1 for m in CEASED.finditer(low) if verb_form(_head(m.group(1))) == form)


@lru_cache(maxsize=4096)
def _head(word: str) -> str:
    found = tokens(word)
    return found[0] if found else ""
