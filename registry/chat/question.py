"""Read a question: what it asks about (attributes), whether it compares, which names it mentions.

Rules, not a model: they are cheap, predictable and testable, and the search package's own
query understanding (facets such as task or licence) is used beside them in retrieval.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

__all__ = ["Question", "analyse", "words", "stem", "topical_terms", "STOPWORDS", "GENERIC", "NOT_A_NAME"]

# Attribute -> patterns that ask for it.
ATTRIBUTES: dict[str, str] = {
    "licence": r"licen[cs]e[sd]?|licensing|terms of use|commercial(?:ly)?|open[ -]source|permissive|"
               r"\b(?:apache|mit|gpl|agpl|lgpl|bsd|cc[ -]by|openrail)\b",
    "task": r"\btasks?\b|what (?:is|are) (?:it|they|\S+) (?:for|used for)|what does \S+ do|pipeline",
    "datasets": r"trained on|training (?:data|set|corpus)|datasets?|corpus|corpora|data (?:was|were) used",
    "evaluation": r"evaluat\w*|benchmark\w*|accuracy|score[sd]?|metric\w*|perform\w*|results?\b|\bf1\b|"
                  r"\bwer\b|rouge|bleu|leaderboard",
    "size": r"\bsize\b|how (?:big|large|small)|parameters?|\bparams?\b|smallest|largest|biggest",
    "base": r"based on|fine[ -]?tuned from|derived from|base model|parent|quantized from|quantised from|"
            r"adapter of|merged from|lineage|comes from|built on|originat\w*",
    "derivatives": r"fine[ -]?tunes? of|fine[ -]?tuned (?:versions?|models?)|derivatives?|children|descendants|"
                   r"quantized (?:versions?|models?)|quantised (?:versions?|models?)|adapters? (?:for|of)|"
                   r"built on top|based on it|(?:models?|which) (?:are |is )?(?:fine[ -]?tuned|derived) from",
    "paper": r"papers?|publications?|arxiv|cite|citation|published in|article",
    "author": r"who (?:made|created|built|trained|published|released|shares|shared|maintains)|authors?|"
              r"organi[sz]ation|publisher|shared by",
    "downloads": r"downloads?|popular\w*|most used|likes",
    "languages": r"languages?|multilingual|which language",
    "library": r"librar(?:y|ies)|framework|transformers library|run (?:it|this) with",
}
_ATTRIBUTE_RES = {name: re.compile(p, re.I) for name, p in ATTRIBUTES.items()}

_COMPARE = [
    re.compile(r"\bcompare\s+(?P<a>.+?)\s+(?:and|with|to|vs\.?|versus|against)\s+(?P<b>.+?)\s*[?.!]*$", re.I),
    re.compile(r"\b(?:differences?|difference)\s+between\s+(?P<a>.+?)\s+and\s+(?P<b>.+?)\s*[?.!]*$", re.I),
    re.compile(r"^(?:how does\s+)?(?P<a>.+?)\s+(?:vs\.?|versus|compared (?:to|with))\s+(?P<b>.+?)\s*[?.!]*$", re.I),
    re.compile(r"\bhow does\s+(?P<a>.+?)\s+(?:compare|differ)\s+(?:to|with|from)\s+(?P<b>.+?)\s*[?.!]*$", re.I),
    re.compile(r"\b(?:which is|what is|which one is)\s+(?:better|smaller|larger|bigger|more \w+)\s*[,:]?\s*"
               r"(?P<a>.+?)\s+or\s+(?P<b>.+?)\s*[?.!]*$", re.I),
]
# "which models are fine-tuned from X": the question asks for children, not for X's base.
_CHILDREN = re.compile(r"\b(?:models?|which|what|any)\b(?:\s+\w+){0,2}\s+(?:are|is|were|was|have been)\s+"
                       r"(?:fine[ -]?tuned|derived|quantized|quantised|based|built|adapters?)\s+(?:from|on|of)\b", re.I)
_LIST = re.compile(r"\b(?:which|list|show|find|recommend|suggest|any|what)\b.*\bmodels?\b|"
                   r"\bmodels?\s+(?:for|that|which|"
                   r"trained|fine|with|under|from)\b|\b(?:recommend|suggest)\b", re.I)
_ANAPHORA = re.compile(r"\b(?:it|its|it's|this model|that model|this one|that one|they|them|their|these|those|"
                       r"the same|both|the first|the second|the latter|the former)\b", re.I)
# Names written the way model ids are: org/name, or a token with digits or separators (gpt-5, t5-small).
_QUOTED = re.compile(r"[\"“”'`]([^\"“”'`]{2,80})[\"“”'`]")
_ORG_NAME = re.compile(r"(?<![\w/.-])([A-Za-z0-9][\w.-]*/[A-Za-z0-9][\w.-]*)(?![\w/-])")
_NAME_TOKEN = re.compile(r"(?<![\w/.-])([A-Za-z][\w]*(?:[-_.][\w]+)+|[A-Za-z]+\d[\w]*|\d+[A-Za-z][A-Za-z]+[\w]*)"
                         r"(?![\w/-])")
# Tokens shaped like names that are not names: sizes, versions, years, common compounds.
NOT_A_NAME = re.compile(r"^(?:\d+(?:\.\d+)?[kmbt]b?|v\d+(?:\.\d+)*|\d{4}s?|"
                         r"(?:apache|gpl|lgpl|agpl|mpl|cc|cc0|bsd|epl|afl|ecl|artistic|openrail|creativeml|bigscience|"
                         r"bigcode|cdla|odc|pddl|osl|eupl|bsl|ms|wtfpl)[-.][\w.+-]*|[a-z]+-(?:based|tuned|trained|source|"
                         r"of-the-art|to-\w+|like|free|level|scale|specific|friendly|language|commercial|domain|shot|"
                         r"end|quality|purpose|time|world|date|wise|aware)|e\.g|i\.e|etc|fine-tune[ds]?|"
                         r"(?:non|pre|multi|cross|self|semi|zero|few|one)-\w+|state-of-the-art|open-source|"
                         r"question-answering|text-\w+|\w+-generation|\w+-classification|\w+-recognition|"
                         r"\w+-to-\w+|\w+-ml|co2|ml|gpt-like)$", re.I)

STOPWORDS = frozenset("""
a about above after again all also am an and any are as at be because been before being between both but by
can could did do does doing down during each few for from further had has have having he her here hers him his
how i if in into is it its itself just me more most my no nor not of off on once only or other our out over own
same she should so some such than that the their them then there these they this those through to too under
until up very was we were what when where which while who whom why will with would you your yours please tell
show give list find me know let lets let's get got there's what's which's it's i'm can't don't doesn't isn't
""".split())
# Words that say "this is a question to the registry" but carry no topic of their own.
GENERIC = frozenset("""
model models registry registries fdo fdos ml machine learning ai hub hugging face huggingface recommend recommended
suggest suggestion best good better great top use used using want need looking look like something anything one
ones available exist exists existing kind kinds type types thing things compare comparison difference differences
versus vs describe description explain information info details detail say says record records recorded
answer question many much number count
""".split())
_WORD = re.compile(r"[a-z0-9]+(?:[.'][a-z0-9]+)*")


def stem(word: str) -> str:
    """Return a light stem: plurals and -ing/-ed/-ation endings cut, British -is- spellings as -iz-."""
    w = word.lower().replace("isation", "ization").replace("ise", "ize") if len(word) > 5 else word.lower()
    for suffix in ("ations", "ation", "ings", "ing", "ies", "ers", "ed", "es", "er", "s"):
        if len(w) > len(suffix) + 3 and w.endswith(suffix):
            return w[: -len(suffix)] + ("y" if suffix == "ies" else "")
    return w


def words(text: str) -> list[str]:
    """Return the lower-cased words of ``text``, separators (-_/) splitting words."""
    return _WORD.findall(re.sub(r"[-_/]+", " ", text.lower()))


@dataclass
class Question:
    """What a question asks, read by :func:`analyse`."""

    text: str
    attributes: list[str] = field(default_factory=list)
    compare: tuple[str, str] | None = None
    listing: bool = False
    anaphora: bool = False
    mentions: list[str] = field(default_factory=list)  # name-shaped strings, as written
    quoted: list[str] = field(default_factory=list)
    terms: list[str] = field(default_factory=list)  # topical words (stemmed), without stopwords or generic words

    @property
    def wants(self) -> str:
        """Return the main kind of answer: compare, list or about."""
        if self.compare:
            return "compare"
        if self.listing and not self.mentions:
            return "list"
        return "about"


# Words that ask for an attribute: they choose the facts to state, they are not a topic to match.
_ATTRIBUTE_WORDS = frozenset(stem(w) for w in """
licence licences license licenses licensed licensing terms commercial commercially permissive task tasks pipeline
dataset datasets trained training train data corpus corpora evaluation evaluations evaluated evaluate benchmark
benchmarks accuracy score scores metric metrics performance perform performs result results size big bigger large
larger largest small smaller smallest parameters parameter params based base fine tuned finetuned tune derived
derivative derivatives parent parents quantized quantised adapter adapters merged lineage children descendants
built paper papers publication publications arxiv cite citation published article author authors made created
organisation organization publisher shared downloads download downloaded popular popularity likes languages
language library libraries framework frameworks version versions
""".split())


def analyse(text: str) -> Question:
    """Return what ``text`` asks."""
    text = " ".join(text.split())
    q = Question(text=text)
    q.attributes = [name for name, rx in _ATTRIBUTE_RES.items() if rx.search(text)]
    if _CHILDREN.search(text):
        q.attributes = [a for a in q.attributes if a != "base"]
        if "derivatives" not in q.attributes:
            q.attributes.append("derivatives")
    elif "derivatives" in q.attributes and "base" in q.attributes and not re.search(
            r"based on|fine[ -]?tuned from|derived from|base model", text.replace("based on it", ""), re.I):
        q.attributes.remove("base")
    for rx in _COMPARE:
        m = rx.search(text)
        if m:
            a, b = _trim(m.group("a")), _trim(m.group("b"))
            if a and b and a.lower() != b.lower():
                q.compare = (a, b)
                break
    q.listing = bool(_LIST.search(text))
    q.anaphora = bool(_ANAPHORA.search(text))
    q.quoted = [s.strip() for s in _QUOTED.findall(text) if s.strip()]
    seen: set[str] = set()
    for rx in (_ORG_NAME, _NAME_TOKEN):
        for m in rx.finditer(text):
            token = m.group(1).strip(".-_")
            if not token or NOT_A_NAME.match(token) or token.lower() in seen:
                continue
            if rx is _NAME_TOKEN and any(token.lower() in s for s in seen):
                continue  # part of an org/name already taken
            seen.add(token.lower())
            q.mentions.append(token)
    for s in q.quoted:
        if s.lower() not in seen:
            seen.add(s.lower())
            q.mentions.append(s)
    q.terms = topical_terms(text)
    return q


def topical_terms(text: str) -> list[str]:
    """Return the stemmed words of ``text`` that name a topic (not stopwords, generic or attribute words)."""
    out = []
    for w in words(text):
        if w in STOPWORDS or w in GENERIC or len(w) < 2:
            continue
        s = stem(w)
        if s in _ATTRIBUTE_WORDS or w in _ATTRIBUTE_WORDS or s in GENERIC:
            continue
        if s not in out:
            out.append(s)
    return out


def _trim(part: str) -> str:
    part = re.sub(r"^(?:the|models?|between)\s+", "", part.strip(), flags=re.I)
    part = re.sub(r"\s+(?:models?|in terms of .*|for .*|on .*)$", "", part, flags=re.I)
    return part.strip(" ,;:?.!\"'`")
