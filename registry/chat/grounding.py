"""Grounding: link every FDO an answer names, check every cited PID, catch what a model invented.

A language model's text is checked against the facts it was given before it is returned:
  - names shaped like model ids (``org/name``, ``gpt-5``) must be in the facts, the question or
    the registry's name index;
  - numbers of two or more digits must appear in the facts or the question;
  - licence names (MIT, Apache, GPL, CC-BY...) must appear in the facts.
  - at least ``MIN_SUPPORT`` of its content words (not stopwords or phrasing words) must occur
    in the facts or the question: prose about things the facts do not mention fails.
An answer that fails is replaced by the extractive one (the answer says so). Then every FDO the
text names is linked to ``/fdo/{id}``, bracketed fact numbers ``[n]`` become links to the n-th
fact's FDO, and every linked PID is checked with ``store.exists`` (a link to anything else is
unlinked).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from registry.chat.facts import FdoFacts, fdo_href
from registry.chat.names import NameIndex
from registry.search.understand import GENERIC, NOT_A_NAME, QUESTION_STOPWORDS, stem, words
from registry.pid import id_from_pid, pid_iri
from registry.store import Store

__all__ = ["Citation", "check_answer", "link_answer", "citations", "LINK"]

LINK = re.compile(r"\[((?:\\.|[^\]\\])*)\]\((/fdo/[a-z2-7]+)\)")
_ANY_LINK = re.compile(r"\[(?:\\.|[^\]\\])*\]\([^)]*\)")
_NAME = re.compile(r"(?<![\w/.-])([A-Za-z0-9][\w.-]*/[A-Za-z0-9][\w.-]*|[A-Za-z][\w]*(?:[-_][\w]+)+|"
                   r"[A-Za-z]+\d[\w.-]*)(?![\w/-])")
_NUMBER = re.compile(r"(?<![\w.\[])(\d[\d,]*(?:\.\d+)?)(?![\w\]])")
_LICENCES = re.compile(r"\b(apache|mit|gpl|agpl|lgpl|bsd|cc[- ]by|cc0|openrail|llama ?[23] community|mpl|"
                       r"creative commons|unlicense)\b", re.I)
_MARKER = re.compile(r"\[(\d{1,2})\](?!\()")
# Parts of model names: a hyphenated word made of these is read as a model name ("roberta-large").
_MODELISH = frozenset("""
bert gpt llama t5 bart roberta mistral mixtral gemma phi qwen whisper vit clip base large small tiny mini medium
uncased cased instruct chat distil distilbert xl xxl electra deberta albert falcon bloom opt mpt stable diffusion
sdxl minilm mpnet e5 bge coder smollm olmo pythia gptj neox flan ul2 mt5 byt5 marian opus wav2vec hubert yolo detr
sam dino swin convnext resnet efficientnet
""".split())


MIN_CONTENT_WORDS = 4  # shorter answers are judged by their names, numbers and licences only
MIN_SUPPORT = 0.7  # share of an answer's content words that must occur in the facts or the question
# Words an answer may use without the facts saying them: how answers are phrased, not what they claim.
_PHRASING = frozenset(stem(w) for w in """
registry record records recorded fact facts according listed list given shows show based information mlfdo
answer question reply released licensed license licence under model models trained fine tuned fine-tuned
parameters parameter reports reported report called named also both each other which whose available
number size evaluation result results dataset datasets task tasks paper described shared quantized adapter
merged version versions like similar use used using can may might help helpful sure here yes no not does do
one two three first second following include includes including known
""".split())


@dataclass(frozen=True)
class Citation:
    pid: str
    href: str
    name: str
    kind: str

    def to_dict(self) -> dict:
        return {"pid": self.pid, "href": self.href, "name": self.name, "kind": self.kind}


def _norm_number(text: str) -> str:
    return text.replace(",", "").rstrip(".")


def check_answer(text: str, facts_text: str, question: str, names: NameIndex,
                 min_support: float = MIN_SUPPORT, keep: str = "") -> list[str]:
    """Return the problems of a generated answer (empty when every checked claim is in the facts).

    ``keep`` is an answer the text rephrases (the local mode's task): its numbers and at least one of
    the names it links must survive, or the rephrasing lost what the answer was for.
    """
    problems = []
    if keep:
        problems.extend(_lost(text, keep))
    known = (facts_text + "\n" + question).lower()
    known_numbers = {_norm_number(n) for n in _NUMBER.findall(known)}
    known_digits = re.sub(r"[,]", "", known)
    known_parts = set(re.findall(r"[a-z0-9]+", known))
    for m in _NAME.finditer(text):
        token = m.group(1).strip(".-_")
        low = token.lower()
        if not token or low in known or names.lookup(low):
            continue
        if NOT_A_NAME.match(token) or re.fullmatch(r"\d+(?:\.\d+)?[kmbt]?", low):
            continue
        parts = [p for p in re.split(r"[-_.]", low) if p]
        # a hyphenated word is a name when it looks like one, or mangles a name of the facts ("cnn_dalymel")
        if "/" not in token and not any(c.isdigit() for c in token) and \
                not any(p in _MODELISH or (len(p) >= 3 and p in known_parts) for p in parts):
            continue
        problems.append(f"names {token!r}, which is not in the facts")
    for m in _NUMBER.finditer(text):
        number = _norm_number(m.group(1))
        if len(number.replace(".", "")) < 2 or number in known_numbers or number in known_digits:
            continue
        problems.append(f"states the number {m.group(1)}, which is not in the facts")
    for m in _LICENCES.finditer(text):
        if m.group(1).lower().replace(" ", "") not in known.replace(" ", ""):
            problems.append(f"names the licence {m.group(1)!r}, which is not in the facts")
    content = [w for w in words(text) if w not in QUESTION_STOPWORDS and w not in GENERIC and not w.isdigit()]
    content = [w for w in content if stem(w) not in _PHRASING and w not in _PHRASING]
    if len(content) >= MIN_CONTENT_WORDS:
        known_words = set(words(known))
        known_words |= {stem(w) for w in known_words}
        missing = [w for w in content if w not in known_words and stem(w) not in known_words]
        support = 1 - len(missing) / len(content)
        if support < min_support:
            problems.append(f"uses words the facts do not support ({', '.join(dict.fromkeys(missing[:5]))})")
    if not text.strip():
        problems.append("is empty")
    return problems


def _lost(text: str, keep: str) -> list[str]:
    first = keep.split("\n\n", 1)[0]
    low = text.lower().replace(",", "")
    out = []
    shown = _ANY_LINK.sub(lambda m: m.group(0)[1:m.group(0).index("](")], first)  # link texts, not URLs
    for number in dict.fromkeys(_norm_number(n) for n in _NUMBER.findall(shown)):
        if len(number.replace(".", "")) >= 2 and number not in low:
            out.append(f"leaves out the number {number} of the registry's answer")
            break
    linked = [re.sub(r"\\(.)", r"\1", m.group(1)).lower() for m in LINK.finditer(first)]
    shorts = {n.split("/", 1)[-1] for n in linked}
    if linked and not any(n in text.lower() for n in set(linked) | shorts):
        out.append("names none of the FDOs of the registry's answer")
    return out


def _escape(text: str) -> str:
    return text.replace("[", "\\[").replace("]", "\\]")


def link_answer(text: str, numbered: list[FdoFacts], others: list[FdoFacts], names: NameIndex,
                base_url: str) -> str:
    """Return Markdown with ``[n]`` markers and the names of known FDOs linked to their landing pages."""

    def marker(m: re.Match) -> str:
        n = int(m.group(1))
        if 1 <= n <= len(numbered):
            return f"[\\[{n}\\]]({numbered[n - 1].href})"
        return ""

    by_name: dict[str, str] = {}
    for f in numbered + others:
        for label in {f.name, f.identifier, f.name.split("/", 1)[-1] if "/" in f.name else ""}:
            if label and len(label) >= 3:
                by_name.setdefault(label.lower(), f.href)
    pieces = []
    last = 0
    for m in _ANY_LINK.finditer(text):
        pieces.append(("text", text[last:m.start()]))
        pieces.append(("link", m.group(0)))
        last = m.end()
    pieces.append(("text", text[last:]))
    out = []
    pattern = _names_pattern(by_name)
    for kind, piece in pieces:
        if kind == "link":
            out.append(piece)
            continue
        piece = _MARKER.sub(marker, piece)
        if pattern is not None:
            piece = _link_plain(piece, pattern, by_name)
        piece = _link_registry_names(piece, names, base_url, by_name)
        out.append(piece)
    return "".join(out)


def _names_pattern(by_name: dict[str, str]) -> re.Pattern | None:
    if not by_name:
        return None
    alternatives = "|".join(re.escape(n) for n in sorted(by_name, key=len, reverse=True))
    return re.compile(rf"(?<![\w/.\[-])({alternatives})(?![\w/-])", re.I)


def _link_plain(piece: str, pattern: re.Pattern, by_name: dict[str, str]) -> str:
    out, last = [], 0
    for m in pattern.finditer(piece):
        if _inside_link(piece, m.start()):
            continue
        out.append(piece[last:m.start()])
        out.append(f"[{_escape(m.group(1))}]({by_name[m.group(1).lower()]})")
        last = m.end()
    out.append(piece[last:])
    return "".join(out)


def _inside_link(text: str, pos: int) -> bool:
    for m in _ANY_LINK.finditer(text):
        if m.start() <= pos < m.end():
            return True
    return False


def _link_registry_names(piece: str, names: NameIndex, base_url: str, by_name: dict[str, str]) -> str:
    """Link model-id-shaped tokens that name a registry FDO outside the facts."""
    out, last = [], 0
    for m in _NAME.finditer(piece):
        token = m.group(1).strip(".-_")
        if "/" not in token or _inside_link(piece, m.start()):
            continue
        matches = names.lookup(token)
        if not matches:
            continue
        out.append(piece[last:m.start()])
        out.append(f"[{_escape(token)}]({fdo_href(matches[0].pid, base_url)})")
        last = m.start() + len(token)
    out.append(piece[last:])
    return "".join(out)


def citations(text: str, store: Store, facts: dict[str, FdoFacts]) -> tuple[str, list[Citation]]:
    """Return the text with links to unknown PIDs removed, and the FDOs it links to (each checked to exist)."""
    found: dict[str, Citation] = {}
    base = store.base_url

    def check(m: re.Match) -> str:
        label, href = m.group(1), m.group(2)
        fdo_id = href.rsplit("/", 1)[-1]
        pid = pid_iri(base, fdo_id)
        if not id_from_pid(base, pid) or not store.exists(pid):
            return label
        if pid not in found:
            f = facts.get(pid)
            name = f.name if f else label.replace("\\", "").strip("`")
            found[pid] = Citation(pid, href, name, (f.kind if f else store.kind(pid)) or "other")
        return m.group(0)

    checked = LINK.sub(check, text)
    return checked, list(found.values())
