"""Keyword side of the index: tokens, light stemming, hashed term ids and BM25-weighted sparse vectors.

The same sparse vectors go to Qdrant (a sparse vector with the IDF modifier) and to the
in-process engine, so both score keywords the same way: sum over query terms of
``idf(term) * w(doc, term)``, where ``w`` is BM25's saturated term frequency.
"""

from __future__ import annotations

import re
import threading
import zlib
from collections import Counter
from collections.abc import Iterable

import Stemmer

__all__ = ["tokens", "term_id", "sparse_vector", "query_terms", "STOPWORDS", "FIELD_WEIGHTS", "normalise", "stem"]

# BM25 parameters; the average document length is fixed so a vector never depends on the corpus.
K1 = 1.2
B = 0.75
AVG_LENGTH = 60.0

# How much one occurrence counts in each field (a simple BM25F).
FIELD_WEIGHTS: dict[str, float] = {
    "name": 3.0, "identifier": 2.0, "keywords": 1.5, "task": 2.0, "library": 1.5, "base_model": 1.5,
    "dataset": 1.0, "author": 1.0, "language": 1.0, "licence": 1.0, "description": 1.0, "card": 0.5,
}

STOPWORDS = frozenset("""
a an and are as at be by can could do does for from has have how i in into is it its me my need needs of on
or our please show some that the their them these this those to use used using want was we what which with
would you your find give looking look search any good best similar like get
""".split())

_TOKEN = re.compile(r"[a-z0-9]+(?:[.'][a-z0-9]+)*")
_ALPHA_DIGIT = re.compile(r"^([a-z]{3,})(\d[a-z0-9.]*)$")


def normalise(text: str) -> str:
    """Return lower-cased text with separators (``-``, ``_``, ``/``) turned into spaces."""
    return re.sub(r"[-_/]+", " ", text.lower())


def _stem(token: str) -> str:
    if len(token) > 4 and token.endswith("ies"):
        return token[:-3] + "y"
    if len(token) > 3 and token.endswith("s") and not token.endswith(("ss", "us", "is")):
        return token[:-1]
    return token


_BRITISH = re.compile(r"(?<=[a-z]{3})is(ation|ations|e|es|ed|ing|er|ers)$")
_local = threading.local()  # a PyStemmer object is not safe to share between threads


def stem(word: str) -> str:
    """Return the Snowball (English) stem of a lower-cased word, British -ise/-isation read as -ize/-ization.

    Words with digits or under 4 letters are returned as given. The question reader matches
    words with it (``registry.search.understand``); the keyword index keeps its light stemming
    (``tokens``): Snowball stems in BM25 lowered the second relevance set (docs/search.md).
    """
    if len(word) < 4 or not word.isalpha():
        return word
    stemmer = getattr(_local, "stemmer", None)
    if stemmer is None:
        stemmer = _local.stemmer = Stemmer.Stemmer("english")
    return stemmer.stemWord(_BRITISH.sub(r"iz\1", word))


def tokens(text: str, keep_stopwords: bool = False) -> list[str]:
    """Return the index tokens of ``text``: lower-cased, split on punctuation, plural ``s`` removed.

    A token that glues letters to a version number (``llama3``, ``gpt2``) also yields its letters
    (``llama``), so "fine-tuned from llama" meets ``Llama3-8B``.
    """
    out: list[str] = []
    for raw in _TOKEN.findall(text.lower()):
        raw = raw.replace("'", "")
        for part in raw.split(".") if "." in raw and not raw.replace(".", "").isdigit() else (raw,):
            if not part or (not keep_stopwords and part in STOPWORDS):
                continue
            out.append(_stem(part))
            m = _ALPHA_DIGIT.match(part)
            if m:
                out.append(m.group(1))
    return out


def term_id(token: str) -> int:
    """Return the stable 31-bit id of a token (Qdrant sparse indices are unsigned 32-bit)."""
    return zlib.crc32(token.encode("utf-8")) & 0x7FFFFFFF


def sparse_vector(fields: dict[str, Iterable[str]]) -> tuple[list[int], list[float]]:
    """Return (term ids, BM25 weights) for a document given as field -> texts."""
    tf: Counter[str] = Counter()
    for field, texts in fields.items():
        weight = FIELD_WEIGHTS.get(field, 1.0)
        for text in texts:
            for tok in tokens(text):
                tf[tok] += weight
    length = sum(tf.values())
    norm = K1 * (1 - B + B * length / AVG_LENGTH)
    weights: dict[int, float] = {}
    for tok, f in tf.items():
        tid = term_id(tok)
        weights[tid] = weights.get(tid, 0.0) + f * (K1 + 1) / (f + norm)
    ids = sorted(weights)
    return ids, [round(weights[i], 5) for i in ids]


def query_terms(text: str, expansions: Iterable[str] = (), expansion_weight: float = 0.4) -> dict[int, float]:
    """Return term id -> query weight for a query and its expansion terms."""
    terms: dict[int, float] = {}
    for tok in tokens(text):
        terms[term_id(tok)] = 1.0
    for extra in expansions:
        for tok in tokens(extra):
            tid = term_id(tok)
            terms.setdefault(tid, expansion_weight)
    return terms
