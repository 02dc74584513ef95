"""A thing the question asks about by name that the registry does not hold ("Do you have Meta's Segment Anything
model?", "Is Claude here?").

Such a question must not be answered with the nearest record as if it were the thing: the answer says the name is
not in the registry and names what the search found nearest as the closest records (``Context.absent``). A name is
read only from a question that asks for it as a whole ("Do you have X?", "Is X in the registry?", "Tell me about
X", "What is X?", "I'm looking for X. Is it here?"), written as a name (every word capitalised or with a digit: "Segment Anything", "Stable Diffusion
XL", "GPT-4", "spaCy"), and not read by the search as a constraint (a language, a licence, a library).

A well-known system the vocabulary of systems not held describes (a closed service: "Midjourney", "ElevenLabs"; an
open model family no record is of: "MusicGen", "Qwen2-VL") is known for what it is (``NotHeld``): the answer says what kind of system it is and who makes it, and the closest
records are models of the tasks it does. Such a name is also read when the question's frame is followed by it in a
possessive ("Do you have ElevenLabs' voice model?": ``framed``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from registry.search.patterns import ACRONYMS
from registry.search.understand import Question

__all__ = ["AskedName", "NotHeld", "asked_name", "framed", "without_frame"]

# a word written as a name: capitalised (also in a Latin letter with an accent, Greek or Cyrillic: "Éclair-7B",
# "Ωmega-7B"), with a digit, or with a capital inside ("spaCy")
_CAPITAL = "A-Z\u00c0-\u00d6\u00d8-\u00de\u0391-\u03a9\u0400-\u042f"
# or a version written with a lower-case v ("v0.3" of "Mistral 7B Instruct v0.3")
_WORD = rf"(?:[{_CAPITAL}0-9][\w.\-]*|[a-z]+[{_CAPITAL}][\w.\-]*|v\d[\w.\-]*)"
_NAME = rf"{_WORD}(?:\s+{_WORD}){{0,4}}"
_OWNER = r"(?:(?P<owner>[\w.\-]+)['’]s\s+)?"
_KIND = r"(?:\s+(?P<kind>(?i:models?|checkpoints?|data|datasets?|papers?)))?"
_END = r"\s*(?:[?.!,]|$)"
# "Do you have X?", "Tell me about X", "What is X?"
_LEAD = re.compile(rf"^\s*(?i:do you (?:have|hold|know)|have you got|does the registry (?:have|hold|know)|"
                   rf"tell me about|what is|what's|what are)\s+(?:(?i:the)\s+)?{_OWNER}(?P<name>{_NAME}){_KIND}{_END}")
# "Is X in the registry?", "Is X here?", "Is X available here?"
_TAIL_FRAME = r"(?i:in (?:the|your|this) registry|here|available(?: here| in the registry)?|listed(?: here)?)"
# a name going on in lower case after its size or version ("Llama 2 13B chat", "Mistral 7B instruct"), where the frame
# after it ("in the registry") says where the name stops
_NOT_NAME = r"(?!(?:in|here|available|listed|models?|checkpoints?|data|datasets?|papers?)\b)"  # the frame, a kind
_SIZED = rf"(?:{_WORD}\s+){{0,3}}[{_CAPITAL}a-z.\-]*\d[\w.\-]*(?:\s+{_NOT_NAME}[a-z][\w.\-]*){{1,2}}"
_TAIL = re.compile(rf"^\s*(?i:is|are)\s+(?:(?i:the)\s+)?{_OWNER}(?P<name>{_NAME}|{_SIZED}){_KIND}\s+{_TAIL_FRAME}{_END}")
_TAIL_WORDS = re.compile(rf"\s+{_TAIL_FRAME}\s*$")
# "I'm looking for X. Is it here?": the thing named in a sentence saying what the asker looks for, asked for as a whole
# by the question right after it, which refers back to it
_LOOKING = re.compile(rf"^\s*(?i:i'?m looking for|i am looking for|i'?m searching for|i am searching for|i need|"
                      rf"i want)\s+(?:(?i:the)\s+)?{_OWNER}(?P<name>{_NAME}){_KIND}\s*[.!]?\s*$")
_IT_HELD = re.compile(rf"^\s*(?i:is it\s+{_TAIL_FRAME}|do you (?:have|hold) it|have you got it|"
                      rf"does the registry (?:have|hold) it)\s*\?\s*$")
_SENTENCES = re.compile(r"(?<=[?!.])\s+")
_FRAME_LEAD = re.compile(r"^\s*(?i:do you (?:have|hold|know)|have you got|does the registry (?:have|hold|know)|"
                         r"tell me about|what is|what's|what are)\s+(?:(?i:the|an?)\s+)?")
# "Can I find X in the registry?", "Could I get X here?": a frame only with the words asking whether it is held after,
# or with nothing after the name ("Could we get Whisper?")
_FRAME_FIND = re.compile(r"^\s*(?i:can|could|may) (?i:i|we|you) (?i:find|get|see|download)\s+(?:(?i:the|an?)\s+)?")
_FRAME_IS = re.compile(r"^\s*(?i:is|are)\s+(?:(?i:the)\s+)?")


@dataclass(frozen=True)
class NotHeld:
    """A well-known system the registry does not hold (a closed service, or an open model family no record is of), as
    the vocabularies of systems and open models say."""

    label: str
    category: str  # what kind of system it is: "image generator"
    provider: str  # who makes it: "Midjourney, Inc."
    tasks: tuple[str, ...]  # the task keys of what it does (text-to-image)
    task_labels: tuple[str, ...]  # their labels ("Text to image")
    open: bool = False  # an open model family (published weights) the registry has no record of, not a service


@dataclass(frozen=True)
class AskedName:
    """A name a question asks for as a whole, with the owner it is said to be by ("Meta" of "Meta's ...")."""

    name: str
    owner: str = ""
    kind: str = "model"  # what the question calls it: model, dataset or paper ("the Dexter data": dataset)
    unknown_owner: str = ""  # a possessive whose word the reader knows as no owner ("Anthropic's"): not X's words
    system: NotHeld | None = None  # what the name is, when it is a known system the registry does not hold
    stub: str = ""  # the record called so that another record only names (a stub, never harvested): its identifier
    stub_href: str = ""  # and its page's link


def asked_name(q: Question) -> AskedName | None:
    """Return the name ``q`` asks for as a whole, or None (a question about a topic, or a name read as a constraint).

    A possessive's owner is kept only when the search's reader says the owner holds nothing so named (its note on
    the owner's words): an owner the reader does not know, or one holding it, leaves the name alone.
    """
    sentences = _SENTENCES.split(q.text.strip())
    for i, sentence in enumerate(sentences):
        m = _LEAD.match(sentence) or _TAIL.match(sentence)
        if m is None and i + 1 < len(sentences) and _IT_HELD.match(sentences[i + 1]):
            m = _LOOKING.match(sentence)
        if m is not None:
            break
    else:
        return None
    name = _without_constraints(q, m.group("name").strip(".-"))
    owner = m.group("owner") or ""
    if not name or all(w.lower() in ACRONYMS for w in name.split()):
        return None  # a method's acronym ("What is DPO?") is a term, not the name of a record
    unknown = ""
    if owner and not _owner_noted(q, owner):
        owner, unknown = "", owner
    word = (m.group("kind") or "model").lower()
    kind = "dataset" if word.startswith("data") else "paper" if word.startswith("paper") else "model"
    return AskedName(name, owner, kind, unknown)


def framed(text: str, phrase: str) -> bool:
    """Say whether ``text`` asks whether the registry holds what ``phrase`` names, the phrase right after the
    question's frame ("Do you have ElevenLabs' voice model?", "Is Midjourney here?"), not a thing like it ("Do you
    have a model like Midjourney?")."""
    want = [w.lower().strip(".") for w in re.findall(r"[\w.\-]+", phrase)]
    for sentence in _SENTENCES.split(text.strip()):
        m = _FRAME_LEAD.match(sentence)
        tail = m is None
        find = m is None and _FRAME_FIND.match(sentence)
        m = m or _FRAME_IS.match(sentence) or find
        if m is None:
            continue
        said = re.findall(r"[\w.\-]+(?:['’]s?)?", sentence[m.end():])
        if len(said) > len(want) and re.search(r"['’]s?$", said[0]) and \
                re.sub(r"['’]s?$", "", said[0]).lower() != (want or [""])[0]:
            said = said[1:]  # an owner's possessive before the name ("Can I find Meta's Code Llama here?")
        got = [w.lower().strip(".") for w in said][:len(want)]
        if not want or [re.sub(r"['’]s?$", "", w) for w in got] != want:
            continue
        # the words asking whether it is held after it ("Is X here?"), or, after "Can I get", nothing ("Could we get
        # Whisper?": the sentence asks for the thing itself, not for something to do with it)
        if not tail or re.search(rf"\s{_TAIL_FRAME}{_END}", sentence) or (find and len(said) == len(want)):
            return True
    return False


def without_frame(text: str, owner: str = "") -> str:
    """Return a search text without the words that ask whether the registry holds it ("in the registry", "here"),
    nor the possessive of ``owner`` (one the reader knows as no owner: its word is not the thing's)."""
    out = _TAIL_WORDS.sub("", " ".join(text.split()).strip(" ?!.")).strip()  # one space: no quadratic scan
    if owner:
        out = re.sub(rf"\b{re.escape(owner)}['’]s\s+", "", out).strip()
    return out or text


def _without_constraints(q: Question, name: str) -> str:
    """Return ``name`` without the words the search read as a filter or a tag ("Dutch" of "Dutch BERT"; "MIT",
    "GGUF": nothing left). A concept read only as a preference leaves the name whole ("Stable Diffusion" of
    "Stable Diffusion XL" prefers text-to-image models; the name is still asked for)."""
    if q.understanding is None:
        return name
    read = set()
    for r in q.understanding.recognised:
        if (r.values and getattr(r, "mode", "filter") == "filter") or (r.facet == "library" and q.understanding.tags):
            read |= {w.lower() for w in r.span.split()}
    kept = [w for w in name.split() if w.lower() not in read]
    return " ".join(kept)


def _owner_noted(q: Question, owner: str) -> bool:
    """Say whether the reader noted that ``owner`` holds nothing called what follows its possessive."""
    if q.understanding is None:
        return False
    low = owner.lower()
    return any(r.facet == "author" and not r.values and r.note and r.span.lower().startswith(low)
               for r in q.understanding.recognised)
