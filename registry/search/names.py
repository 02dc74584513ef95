"""A model's own name written alone, without its account ("what's gemma-7b-openhermes?", "Tell me about sd-laion-art"):
every record of that name, whoever holds it (docs/search.md, "Ranking", "A name written without its account")."""

from __future__ import annotations

import re

from registry.search.copy_words import TUNED_VARIANTS, one_of, variant_name

__all__ = ["OwnName", "written_name", "own_name_records", "refused_variant"]

# a name as identifiers write it: one run of letters, digits and the separators ids use, with a digit or a separator
# inside (a plain word, "results", "deepseek", "chatbot", is a word of the question: several accounts name their
# models so, and the question asks about the word)
_WRITTEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._\-]*[A-Za-z0-9]")
_SHAPED = re.compile(r"[0-9._\-]")
# a tuned variant the question refuses ("the plain Gemma 7B, not the instruct one", "but not the chat version"), as
# ``copy_words.TUNED_VARIANTS`` writes it in questions
_REFUSED = re.compile(r"\b(?:not|but\s+not|except|excluding|other\s+than|rather\s+than|instead\s+of)\s+(?:the\s+|an?\s+|any\s+)?"
                      rf"({one_of(said for said, _ in TUNED_VARIANTS.values())})\b", re.I)


class OwnName:
    """The records an own name written alone names, and the note saying that several accounts hold it."""

    def __init__(self, name: str, slots: list[int], accounts: list[str], models: bool) -> None:
        self.name = name
        self.slots = slots
        self.accounts = accounts
        self.models = models  # every record of the name is a model

    @property
    def note(self) -> str:
        """Say which accounts hold a model of that name when more than one does; "" otherwise."""
        if len(self.accounts) < 2:
            return ""
        shown = ", ".join(self.accounts[:5]) + (f" and {len(self.accounts) - 5} more" if len(self.accounts) > 5 else "")
        what = "a model" if self.models else "records"
        return f"Several accounts hold {what} called {self.name}: {shown}."


def written_name(text: str) -> str:
    """Return the question's remaining text when it is one name written as identifiers write them, else ""."""
    text = (text or "").strip().rstrip(".?!,;:").strip()
    if _WRITTEN.fullmatch(text) is None or _SHAPED.search(text) is None:
        return ""
    return text


def own_name_records(engine, text: str) -> OwnName | None:
    """Return the records called by the question's whole remaining text (a name, any case: the identifier, its own
    name without the account, or an alternate name), those whose identifier's own name it is first, the harvested
    before the stubs, the most downloaded first; None when the text is no such name. The note's accounts are those
    whose identifier's own name it is."""
    name = written_name(text)
    if not name:
        return None
    slots = [s for s in engine.exact_slots(name) if engine.docs[s] is not None]
    if not slots:
        return None
    low = name.lower()

    def own(slot: int) -> bool:  # the identifier's own name is it (not only an alternate name a card gives)
        return (engine.docs[slot].identifier or engine.docs[slot].name).rsplit("/", 1)[-1].lower() == low

    slots.sort(key=lambda s: (not own(s), bool(engine.stub[s]), -int(engine.downloads[s]), s))
    accounts = list(dict.fromkeys((engine.docs[s].identifier or engine.docs[s].name).split("/", 1)[0]
                                  for s in slots if own(s)))
    return OwnName(name, slots, accounts, all(engine.docs[s].kind == "model" for s in slots))


def refused_variant(text: str) -> "re.Pattern | None":
    """Return a pattern finding the tuned variant the question refuses in a model's own name ("not the instruct one":
    ``gemma-7b-it``, ``Llama-3-8B-Instruct``), or None when it refuses none."""
    said = _REFUSED.search(text or "")
    if said is None:
        return None
    word = re.split(r"[ -]", said.group(1).lower().lstrip("-"))[0]
    return variant_name(TUNED_VARIANTS["instruct" if word.startswith("instruct") else word][1])
