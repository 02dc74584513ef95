"""Keyword side of the index: tokens, light stemming, stem terms, hashed term ids and BM25-weighted sparse vectors.

Each word is indexed as written (plural ``s`` removed) and, beside it, as a stem term
(``~translat``) that every form of the word shares; a query uses a word's stem term only when the
word as written is rare, and at a lower weight (``query_terms``, ``MemoryEngine.keyword_scores``).

The same sparse vectors go to Qdrant (a sparse vector with the IDF modifier) and to the
in-process engine, so both score keywords the same way: sum over query terms of
``idf(term) * w(doc, term)``, where ``w`` is BM25's saturated term frequency.
"""

from __future__ import annotations

import functools
import re
import threading
import zlib
from collections import Counter
from collections.abc import Iterable

import Stemmer

from registry.search.patterns import ACRONYMS

__all__ = ["tokens", "word_parts", "term_id", "sparse_vector", "query_terms", "spellings", "STOPWORDS", "FIELD_WEIGHTS", "normalise", "stem",
           "morph", "root", "same_family", "stem_term", "PART_FIELDS", "licence_term", "LICENCE_FIELDS", "CONCEPT_WEIGHT", "CONCEPT_FIELDS",
           "concept_term", "QueryTerms", "compounds", "agent_nouns",
           "KEYWORDS_FORMAT", "STEM_WEIGHT", "STEM_WHEN_RARER", "MARK_FIELDS", "tag_term", "mark_term", "marker_terms",
           "flow_term", "flows", "FLOW_MODALITIES", "TERM_FIELDS", "shortened_names", "derived_forms"]

# BM25 parameters; the average document length is fixed so a vector never depends on the corpus.
K1 = 1.2
B = 0.75
AVG_LENGTH = 60.0

# What a query's stem term weighs against the word as written: a form of the same word ranks below it.
STEM_WEIGHT = 0.5
# A query word's stem counts when the word as written is in fewer than 1/STEM_WHEN_RARER of the
# FDOs holding the stem (or in none): "translating" meets "translation", "translation" needs no help.
STEM_WHEN_RARER = 4
MIN_STEM = 5  # shorter stems join unrelated words ("animate", "anime", "animal" -> "anim")
STEM_MARK = "~"  # stem terms live apart from words: the stem "detect" is not the word "detect"
# The version of the keyword vectors: an index written in another format is re-indexed, not read.
KEYWORDS_FORMAT = 18  # 18: documents carry the states facet (the fields a record states); 4: words written as one (EntityLinking, Hunyuan3D) also index their parts; 5: one term
# for the spellings of a term (``spellings``: "mixture of experts" also as moe, "int8" and "8-bit" also as 8bit);
# 6: the text of the concepts a model points at (its task's and library's: ``document.read_concepts``)
# 7: marked terms for whole tags and the words of names and data sets (``marker_terms``)
# 8: the kinds of data a model's task takes in and gives back, one term per direction (``flow_term``), not as words
# 9: licence ids and the licence names a description states are indexed as licence terms (``licence_term``), not words
# 10: a model without a parameter count takes the size its id states (``document.size_in_name``)
# 11: the compounds a name or tag writes in parts ("K-Pop") are also indexed as one word (``compounds``: kpop)
# 12: a word glued in small letters to a model family ("codealpaca", "tinyllama") also indexes the word (``GLUED_FAMILIES``)
# 13: a tag's words joined by "+" (a space in a URL: "mobilier+de+bureau") are its words apart in its whole-tag term
# 14: a part of a word written as one glues a word to a family or a benchmark's ending in turn ("truthbench1": truth);
# a model listing ``document.MANY_LANGUAGES`` languages also has the language multilingual
# 15: a paper is also called exactly by its id without the scheme ("2501.07954"); OpenML tasks and runs are indexed
# 16: a word ending in a run of capitals after small letters also indexes the word before them ("LibrarianAI": librarian)
# 17: a model stating no task carries the tasks inferred from its bases and task-naming tags (``IndexDoc.inferred``)

# The words of the concepts a model points at (its task's definition and jobs, its library's purpose) are indexed
# apart from its record's words, as concept terms (``^`` and the word's stem: ``^listen``), so they never change how
# many records hold a word (a question word no record held stays one, ``MemoryEngine.keyword_scores``). A query
# word meets them at ``CONCEPT_WEIGHT`` of its own weight: a model is found through its task's words, below
# models whose records say them.
CONCEPT_WEIGHT = 0.5
CONCEPT_MARK = "^"
# The kinds of data a task takes in and gives back (``mlfdo:inputModality``/``outputModality``) are indexed as one
# concept term per direction and kind (``^input:image``, ``flow_term``), never as the words "input" and "image": a
# text-to-image model holds those words too. A question stating a direction ("take an image as input", "image in,
# text out", "output audio": ``flows``) asks for the term, and its words only rank while an FDO holds it.
# the words a question names a kind of data by -> the modality's code (skos:notation in vocabularies/modalities.ttl)
FLOW_MODALITIES = {
    "image": "image", "picture": "image", "photo": "image", "photograph": "image",
    "audio": "audio", "sound": "audio", "speech": "audio", "voice": "audio", "music": "audio",
    "text": "text", "video": "video", "table": "tabular", "tabular": "tabular", "spreadsheet": "tabular",
    "3d": "3d", "time series": "time-series", "graph": "graph",
}
_FLOW_WORD = "(" + "|".join(sorted((re.escape(w) for w in FLOW_MODALITIES), key=len, reverse=True)) + ")s?"
_FLOW_PATTERNS = (
    # "an image as their input", "audio output", "text as the output"
    re.compile(rf"\b{_FLOW_WORD}\s+(?:as\s+)?(?:(?:their|its|the|an?|my|your)\s+)?(input|output)s?\b"),
    # "output audio", "inputs are images", "input is an image"
    re.compile(rf"\b(input|output)s?\s+(?:(?:is|are|as|in)\s+)?(?:(?:an?|the|some)\s+)?{_FLOW_WORD}\b"),
    # "image in, text out": the short forms only before a pause or the end ("text in French" says no direction)
    re.compile(rf"\b{_FLOW_WORD}\s+(in|out)\b(?=\s*(?:[,.;:?!]|and\b|$))"),
)
_FLOW_OF = {"in": "input", "out": "output", "input": "input", "output": "output"}
# How much one occurrence counts in each field (a simple BM25F).
FIELD_WEIGHTS: dict[str, float] = {
    "name": 3.0, "identifier": 2.0, "keywords": 1.5, "task": 2.0, "library": 1.5, "base_model": 1.5,
    "dataset": 1.0, "author": 1.0, "language": 1.0, "licence": 1.0, "description": 1.0, "card": 0.5,
}
# fields indexed as concept terms (``concept_term``), outside the document's length: the concepts' text is the same
# for every model of a task, and must not make a model's own words count for less
CONCEPT_FIELDS = frozenset({"concepts"})
# fields whose words are indexed as licence terms (``licence_term``): counted in the document's length as before, but
# met only by a question about licences; a licence's name says on what terms a model is shared, not what it is about
LICENCE_FIELDS = frozenset({"licence"})
LICENCE_MARK = "\u00a7"
# fields whose entries are index terms already (``flow_term``), indexed as given, outside the document's length
TERM_FIELDS = frozenset({"flows"})

STOPWORDS = frozenset("""
a an and are as at be by can could do does for from has have how i in into is it its me my need needs of on
or our please show some that the their them these this those to use used using want was we what which with
would you your find give looking look search any good best similar like get
""".split())

_TOKEN = re.compile(r"[a-z0-9]+(?:[.'][a-z0-9]+)*")
_ALPHA_DIGIT = re.compile(r"^([a-z]{3,})(\d[a-z0-9.]*)$")
# a word written as one, as its writer cased it: "EntityLinking", "ShapeNeRF", "XMLParser", "img2vid"
_CASED_WORD = re.compile(r"[A-Za-z0-9]+")
# where a word written as one joins two: a small letter before a capitalised word or a capital and digits
# (Entity|Linking, Shape|NeRF, Net|V2, but not LLa|NA or Ne|RF), a run of capitals before a capitalised word
# (XML|Parser), letters against digits (img|2|vid)
_JOINS = re.compile(r"(?<=[a-z])(?=[A-Z][a-z\d])|(?<=[A-Z]{2})(?=[A-Z][a-z])|(?<=[A-Za-z])(?=\d)|(?<=\d)(?=[A-Za-z])")
# a word of three small letters or more before capitals saying only that it is a model, ending the part (Librarian|AI,
# Tamil|GPT, Solidity|GPT; not Ne|RF, LLa|NA, nor the account TitleOS): the word is the subject ("DialoGPT" is no GPT-4)
MODEL_ACRONYMS = ("AI", "GPT", "LLM", "LM", "ML", "NLP", "BOT")
_ACRONYM_TAIL = re.compile(rf"([A-Za-z]*[a-z]{{3}})(?:{'|'.join(MODEL_ACRONYMS)})")
MIN_PART = 3  # shorter parts ("7b" of "7B", "v" of "V2") are too common to say anything
# the fields whose words written as one are names (a model's, a tag's, a base model's); a tag with a colon
# ("diffusers:StableDiffusionPipeline") names code, prose writes its words apart, and a data set's name
# ("GPTeacher") gave its models words of another subject ("teacher" for "distilled from a teacher model")
PART_FIELDS = frozenset({"name", "identifier", "keywords", "base_model"})
# the fields whose words are an FDO's own facts about what it is (its name, the data it was trained on): a concept's
# markers ("gsm8k", "safe") are looked up there and in whole tags, never in prose ("chat history" is no history)
MARK_FIELDS = {"name": "=", "identifier": "=", "dataset": "+"}  # field -> the mark of its words' marked terms
TAG_MARK = "#"  # marked terms live apart from words (no query word starts with a mark)


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
    words with it (``registry.search.understand``); the keyword index keeps words as written
    (``tokens``) and uses stems only beside them (``morph``, ``stem_term``; docs/search.md).
    """
    if len(word) < 4 or not word.isalpha():
        return word
    stemmer = getattr(_local, "stemmer", None)
    if stemmer is None:
        stemmer = _local.stemmer = Stemmer.Stemmer("english")
    return stemmer.stemWord(_BRITISH.sub(r"iz\1", word))


def morph(token: str) -> str | None:
    """Return the stem a token shares with the other forms of its word, or None for a token without one.

    Snowball's stem, with ``-i`` dropped (``summari``/``summar``, ``classifi``/``classif``) and
    ``-ector`` read as ``-ect`` (``detector``/``detect``). Tokens with digits, under 4 letters, or
    whose stem is under ``MIN_STEM`` letters have none.
    """
    if len(token) < 4 or not token.isalpha():
        return None
    root = stem(token)
    if root.endswith("i"):
        root = root[:-1]
    elif root.endswith("ector") and len(root) > 6:
        root = root[:-2]
    return root if len(root) >= MIN_STEM else None


# the endings that make an adjective of a word ("sociable", "social"; "clinical", "clinic"; "physical", "physics"), on
# Snowball stems, longest first; ``root`` strips one while ``MIN_ROOT`` letters or more are left
_ADJECTIVE_ENDINGS = ("abl", "ibl", "al", "ic")
MIN_ROOT = 4


@functools.lru_cache(maxsize=1 << 14)
def root(word: str) -> str | None:
    """Return the root an adjective shares with the other words of its family: its Snowball stem without the ending
    that makes the adjective (``_ADJECTIVE_ENDINGS``), or None when the stem has none or too little is left.

    sociable, social, socially -> soci; clinical, clinic -> clin; physical, physics -> phys; legal -> None (leg is
    too short to say anything). People-nouns are left alone: "physicist" and "physician" share a root and not a
    field, a "teacher" model is no teaching; a vocabulary names the people of its fields itself. The concepts'
    phrases are matched with it (``registry.search.concepts``), never the index's words.
    """
    if len(word) < 4 or not word.isalpha():
        return None
    found = stem(word)
    ending = next((e for e in _ADJECTIVE_ENDINGS if found.endswith(e) and len(found) - len(e) >= MIN_ROOT), None)
    return None if ending is None else found[:-len(ending)]


def same_family(word: str, other: str) -> bool:
    """Say whether two words are adjective forms of one family, or one is an adjective of the other (``root``), or
    an adverb of it: sociable and social, clinical and clinic, legally and legal; not sell and selling (no adjective: the concepts' phrases fold plurals
    only, and name the other forms they mean)."""
    if word == other:
        return True
    if word.endswith("ly") != other.endswith("ly") and stem(word) == stem(other):
        return True  # an adverb and its adjective: legally, legal; medically, medical
    a, b = root(word), root(other)
    return (a is not None and a in (b, stem(other))) or (b is not None and b == stem(word))


def verb_forms(token: str) -> tuple[str, ...]:
    """Return the other regular verb forms of a token whose stem is too short for a stem term, as index tokens.

    "link" (of "links") -> linking, linked; "code" -> coding, coded; "spot" -> spotting, spotted; never the bare
    stem ("named" does not meet "name"). Only -ing and -ed
    are added to a stem, and only forms Snowball gives the same stem are kept: a short stem's other endings join
    unrelated words (``MIN_STEM``), a verb's -ing and -ed are the same word. A form no FDO holds matches nothing.
    """
    if len(token) < 4 or not token.isalpha() or morph(token) is not None:
        return ()
    root = stem(token)
    if len(root) < 4 or not root.isalpha():
        return ()
    if root.endswith("e"):  # code: coding, coded
        found = (root[:-1] + "ing", root + "d")
    elif _SHORT_VOWEL_END.search(root):  # spot: spotting, spotted
        found = (root + root[-1] + "ing", root + root[-1] + "ed")
    else:  # link: linking, linked
        found = (root + "ing", root + "ed")
    return tuple(f for f in found if f != token and _stem(f) == f and stem(f) == root)


_SHORT_VOWEL_END = re.compile(r"(?:^|[^aeiou])[aeiou][^aeiouwxy]$")  # one vowel before a last consonant doubles it

# the noun endings Snowball leaves on a word it derives from a verb (it folds -ation, -ment, -ity, -ness itself:
# "information", "improvement", "activity" stem as "inform", "improv", "activ"), as (the noun's stem ends with, the
# verb's stem ends with instead, the noun as written ends with): compare/comparison, define/definition,
# describe/description, decide/decision
_DERIVED_ENDINGS = (("ison", "", "ison"), ("it", "", "ition"), ("ript", "rib", "ription"), ("is", "id", "ision"),
                    ("us", "ud", "usion"))


@functools.lru_cache(maxsize=1 << 14)
def derived_forms(token: str) -> tuple[tuple[str, str | None], ...]:
    """Return the stem terms of the other words of a token's family that Snowball does not fold into its stem, each
    with the word as written where it is known: the noun a verb makes with -ison, -ition, -ription, -ision or -usion
    (written so), and the verb of such a noun (None: "compare", "compared" or "comparing").

    compare -> ~comparison (comparison); comparison -> ~compar; define -> ~definit (definition); definition ->
    ~defin; describe -> ~descript (description); decide -> ~decis (decision); include -> ~inclus (inclusion). Only
    stems of ``MIN_STEM`` letters or more; a form no FDO holds matches nothing (``MemoryEngine.keyword_match``
    counts a held one as the word).
    """
    own = morph(token)
    if own is None:
        return ()
    found: dict[str, str | None] = {}
    for noun_end, verb_end, written in _DERIVED_ENDINGS:
        if token.endswith(written) and own.endswith(noun_end):
            verb = own[:len(own) - len(noun_end)] + verb_end
            if len(verb) >= MIN_STEM:
                found.setdefault(verb, None)
        elif own.endswith(verb_end) and not token.endswith(("ion", "ison")):  # a noun makes no other noun
            base = own[:len(own) - len(verb_end)]
            found.setdefault(base + noun_end, base + written)
    return tuple((STEM_MARK + f, w) for f, w in found.items() if f != own)



@functools.lru_cache(maxsize=1 << 14)
def agent_nouns(token: str) -> tuple[tuple[str, str], ...]:
    """Return the marked term of the noun naming what does a verb's work ("-er": the tool or model) as a word of an
    FDO's name (``mark_term``), with the noun as written, where Snowball gives the noun a stem of its own: plan, planning -> planner; code -> coder; write ->
    writer; test -> tester; read -> reader. A model is often named by it ("TestPlanner", "StoryWriter") while a
    question says the verb ("plan software tests"). Verbs whose noun shares their stem ("generate", "generator";
    "summarise", "summariser") need none; only a name counts (prose says "trainer", "speaker" or "timer" of
    other things than a model); a noun no name holds matches nothing. The question side only.
    """
    if len(token) < 3 or not token.isalpha() or token.endswith(("er", "or", "ion")):
        return ()
    root = stem(token)
    if token not in (root, root + "e") and not token.endswith(("ing", "ed")):
        return ()  # a noun or an adjective ("analysis", "neural"): no verb to name the doer of
    if root.endswith("e"):
        noun = root + "r"
    elif len(root) <= 4 and _SHORT_VOWEL_END.search(root):  # one syllable ending in one vowel and a consonant
        noun = root + root[-1] + "er"
    else:
        noun = root + "er"
    if len(noun) < 5 or stem(noun) == root or noun in STOPWORDS:
        return ()
    return ((mark_term(noun), noun),)


# a capitalised word inside a sentence (not its first word): a proper name ("the law of Texas")
PROPER_NAME = re.compile(r"(?<![.!?]\s)(?<!^)(?<![.!?])\b([A-Z][a-z]{3,})\b")
MIN_SHORT = 3  # letters a shortened name keeps at least ("Tex" of Texas)


def shortened_names(text: str) -> dict[str, list[str]]:
    """Return, for each proper name the text writes (lower-cased), its shortened forms, longest first: the first
    letters, at least ``MIN_SHORT`` and half of the name, as model names write a place or a subject ("TexLaw": Texas
    law; their parts are indexed apart, ``word_parts``). Meant only for a name no FDO holds in full: the search
    (``Searcher._shortened``) and the chat (``evidence.read_topic``) then read it as its longest held form."""
    out: dict[str, list[str]] = {}
    for m in PROPER_NAME.finditer(text.strip()):
        name = m.group(1).lower()
        if name not in out:
            shortest = max(MIN_SHORT, (len(name) + 1) // 2)
            out[name] = [name[:n] for n in range(len(name) - 1, shortest - 1, -1)]
    return out


@functools.lru_cache(maxsize=1 << 16)  # indexing asks for the same few thousand words again and again
def stem_term(token: str) -> str | None:
    """Return the index term of a token's stem (``~translat``), or None when it has no stem."""
    root = morph(token)
    return None if root is None else STEM_MARK + root


@functools.lru_cache(maxsize=1 << 16)
def concept_term(token: str) -> str:
    """Return the term under which a word of a concept's text is indexed: ``^`` and its stem (``^listen``)."""
    return CONCEPT_MARK + (morph(token) or token)


def flow_term(direction: str, modality: str) -> str:
    """Return the concept term of a kind of data taken in or given back: ``^input:image``, ``^output:audio``.

    ``direction`` is "input" or "output", ``modality`` a modality's code (``FLOW_MODALITIES``' values).
    """
    return f"{CONCEPT_MARK}{direction}:{modality}"


def flows(text: str) -> list[tuple[str, str, tuple[str, ...]]]:
    """Return (direction, modality code, the index tokens saying it) for each direction ``text`` states.

    "Which models take an image as their input?" -> ("input", "image", ("image", "input")); "image in,
    text out" -> input image, output text; "output audio" -> output audio. A kind of data named without
    a direction ("image models") states none.
    """
    low = normalise(text)
    out: list[tuple[str, str, tuple[str, ...]]] = []
    for pattern in _FLOW_PATTERNS:
        for m in pattern.finditer(low):
            a, b = m.group(1), m.group(2)
            word, direction = (b, a) if a in _FLOW_OF else (a, b)
            found = (_FLOW_OF[direction], FLOW_MODALITIES[word], tuple(tokens(f"{word} {direction}")))
            if found[:2] not in [f[:2] for f in out]:
                out.append(found)
    return out


@functools.lru_cache(maxsize=1 << 12)  # every model of a task carries the same phrases: tokenised once
def _concept_terms(text: str) -> tuple[str, ...]:
    return tuple(concept_term(tok) for tok in tokens(text))


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


# an acronym's expansions as index tokens ("mixture of experts": mixture, expert) -> the acronym (``ACRONYMS``),
# by first token, longest first
_EXPANDED: dict[str, list[tuple[tuple[str, ...], str]]] = {}
# a weight precision written as one token: int8, fp16, bf16, int8bit, float8bit, q4 (a GGUF quant), 8bit
_PRECISION = re.compile(r"^(?:u?int|fp|bf|float|q)?(\d{1,2})(?:bits?)?$")
_BITS = frozenset({"1", "2", "3", "4", "5", "6", "8", "16", "32"})
# a precision's number written as a word ("one or two bits", "four-bit")
_BIT_WORDS = {"one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "eight": "8",
              "sixteen": "16"}
# two numbers sharing one unit: "one or two bits", "4 to 8 bits" ("the top 5 4-bit models" are five, in 4 bits)
_NUMBER = r"(?:\d{1,2}|one|two|three|four|five|six|eight|sixteen)"
_JOINED_BITS = re.compile(rf"\b{_NUMBER}\s*(?:or|and|to|,|/)\s*{_NUMBER}[\s-]*bits?\b")


def _expanded() -> dict[str, list[tuple[tuple[str, ...], str]]]:
    if not _EXPANDED:
        found: dict[tuple[str, ...], str] = {}
        for acronym, phrases in ACRONYMS.items():
            for phrase in phrases:
                found.setdefault(tuple(tokens(phrase)), acronym)
        for words, acronym in sorted(found.items(), key=lambda kv: -len(kv[0])):
            if len(words) > 1:
                _EXPANDED.setdefault(words[0], []).append((words, acronym))
    return _EXPANDED


def spellings(toks: list[str], spoken: bool = False, shared: bool = True) -> list[tuple[int, int, str]]:
    """Return (start, end, term) for the runs of ``toks`` that spell a term another way, and that term.

    Either spelling then meets the other (docs/search.md, "Query understanding"): an acronym's
    expansion (``ACRONYMS``: mixture, expert -> ``moe``) is also its acronym, and a weight precision
    however written ("8-bit": 8, bit; "8bit", "int8", "int8bit", "fp8", "q8") is also ``8bit``. A
    document indexes the term beside its words (``sparse_vector``); a query matches the term in place
    of the words (``query_terms``). ``spoken`` (a query's words) also reads a precision's number written as a word
    or shared by two numbers ("one or two bits": 1bit, 2bit; not when ``shared`` is false: the text joins no two
    numbers so); documents write their precisions in ids and tags.
    """
    out: list[tuple[int, int, str]] = []
    table = _expanded()
    i, n = 0, len(toks)
    while i < n:
        tok = toks[i]
        found = next(((words, acronym) for words, acronym in table.get(tok, ())
                      if tuple(toks[i:i + len(words)]) == words), None)
        if found is not None:
            out.append((i, i + len(found[0]), found[1]))
            i += len(found[0])
            continue
        if tok[-1:].isdigit() or tok.endswith(("bit", "bits")):  # the precisions' shapes, before the pattern
            if tok in _BITS and i + 1 < n and toks[i + 1] == "bit":
                out.append((i, i + 2, tok + "bit"))
                i += 2
                continue
            m = _PRECISION.match(tok)
            if m and m.group(1) in _BITS and tok != m.group(1) and tok != m.group(1) + "bit":
                # "int8" is also the token "int" (``tokens``): the letters belong to the precision
                end = i + 2 if i + 1 < n and tok.startswith(toks[i + 1]) and toks[i + 1].isalpha() else i + 1
                out.append((i, end, m.group(1) + "bit"))
                i = end
                continue
        if spoken:
            number = _BIT_WORDS.get(tok, tok if tok in _BITS else None)
            if number is not None and i + 1 < n and toks[i + 1] == "bit" and tok in _BIT_WORDS:
                out.append((i, i + 2, number + "bit"))  # "two bits"
                i += 2
                continue
            j = i + 2 if i + 1 < n and toks[i + 1] in ("or", "and", "to") else i + 1  # (a query's "or" may be gone)
            if shared and number is not None and j + 1 < n and toks[j + 1] == "bit" and \
                    (toks[j] in _BITS or toks[j] in _BIT_WORDS):
                out.append((i, i + 1, number + "bit"))  # "one or two bits": the first number shares the unit
                i += 1
                continue
        i += 1
    return out


# words joined by hyphens, two of letters side by side read as one ("K-pop", "e-mail", "k-pop-lyrics": kpop,
# poplyrics), or a lone letter written apart from the word it belongs to ("K pop", "e mail"; not the words "a", "I")
_HYPHENED = re.compile(r"(?<![\w-])([a-z0-9]+(?:-[a-z0-9]+)+)(?![\w-])")
_LONE_LETTER = re.compile(r"(?<![\w-])([b-hj-z])\s+([a-z]{2,})(?![\w-])")


def compounds(text: str) -> list[tuple[str, int]]:
    """Return (the word written as one, 2) for each two words ``text`` joins by a hyphen (or a lone letter by a space).

    "K-pop fans" -> [("kpop", 2)]; "role-play", "co-pilot", "e-mail"; "K pop" and "e mail" too (a lone letter
    belongs to the next word); not a phrase written with hyphens ("text-to-speech": "to" is no part of a word). A
    question matches the word written as one beside its parts (``query_terms``), so it meets a tag or name writing
    it as one ("KPOP", "roleplay": set 4's role-play question 0 -> 0.62); a name or tag writing it in parts is also
    indexed as one (``sparse_vector``), so a question writing it as one meets that. An FDO holding both forms
    counts twice (unseen's "phi-2 fine-tunes for writing code" 0.58 -> 0.38, a model tagged finetune first).
    """
    low = text.lower()
    found = []
    for m in _HYPHENED.finditer(low):
        parts = m.group(1).split("-")
        found += [(a + b, 2) for a, b in zip(parts, parts[1:])  # text-to-speech is a phrase, not a word
                  if a.isalpha() and b.isalpha() and a not in STOPWORDS and b not in STOPWORDS]
    found += [(m.group(1) + m.group(2), 2) for m in _LONE_LETTER.finditer(low)]
    return [(_stem(word), parts) for word, parts in dict.fromkeys(found)]


# model families a name glues a word to, in small letters ("codealpaca", "medalpaca", "tinyllama", "biobert"): such a
# word also yields the word before the family (``word_parts``)
GLUED_FAMILIES = ("alpaca", "llama", "bert", "roberta", "deberta", "mistral", "gemma", "qwen", "bart", "whisper",
                  "vicuna", "falcon", "bloom", "electra", "diffusion", "coder",
                  # and the endings of benchmark names, glued the same way ("truthbench", "truthfulqa", "scienceqa")
                  "bench", "qa")


def _family_glued(low: str) -> list[str]:
    """Return [word, family] for a word written in small letters that ends in a model family after a word of
    ``MIN_PART`` letters or more ("codealpaca" -> code, alpaca), else []."""
    for family in GLUED_FAMILIES:
        head = low[:-len(family)]
        if low.endswith(family) and len(head) >= MIN_PART and head.isalpha() and head not in STOPWORDS:
            return [head, family]
    return []


def word_parts(text: str) -> list[str]:
    """Return the parts of the words in ``text`` written as one, lower-cased: "OneGen-EntityLinking" -> one, gen,
    entity, linking; "VideoPainter" -> video, painter; "img2vid" -> img, vid.

    A part starts where a capitalised word follows a small letter or a run of capitals, or where letters
    meet digits; parts of letters only, of ``MIN_PART`` letters or more, are kept (a word with no join
    gives none). Documents index them beside the whole word (``sparse_vector``), so the words of a name
    or tag written as one meet a question; a query keeps its words whole (it meets the whole word).
    """
    out: list[str] = []
    for word in _CASED_WORD.findall(text):
        pieces = _JOINS.split(word)
        heads = [m.group(1) for m in map(_ACRONYM_TAIL.fullmatch, pieces) if m]
        if len(pieces) < 2:
            pieces = _family_glued(word.lower())
        else:  # a part may glue a word to a family in turn ("truthbench1": truthbench, truth, bench)
            pieces = pieces + [p for piece in pieces for p in _family_glued(piece.lower())]
        if len(pieces) < 2 and not heads:
            continue
        pieces = pieces + heads
        for piece in pieces:
            low = piece.lower()
            if len(low) >= MIN_PART and low.isalpha() and low not in STOPWORDS:
                out.append(_stem(low))
    return out


def term_id(token: str) -> int:
    """Return the stable 31-bit id of a token (Qdrant sparse indices are unsigned 32-bit)."""
    return zlib.crc32(token.encode("utf-8")) & 0x7FFFFFFF


# a "+" between two words of a tag: a space as a URL writes it ("mobilier+de+bureau"), never a "+" closing a name ("c++")
_URL_SPACE = re.compile(r"(?<=\w)\+(?=\w)")


def tag_term(tag: str) -> str:
    """Return the marked term of a whole tag: "art" is the tag art, never a part of "state-of-the-art".

    Words a tag joins with "+" are its words apart: the Hub keeps some tags as their URL wrote them, so the tag
    "ergonomie+au+travail" is the marker "ergonomie au travail"; "c++" stays itself.
    """
    return TAG_MARK + " ".join(_URL_SPACE.sub(" ", tag.lower()).split())


def licence_term(word: str) -> str:
    """Return the term of one word of a licence's name (``LICENCE_FIELDS``): "\u00a7artistic" for Artistic-2.0."""
    return LICENCE_MARK + word


def mark_term(word: str, field: str = "name") -> str:
    """Return the marked term of one token of a name, identifier or data set (``MARK_FIELDS``); a name and an
    identifier share theirs."""
    return MARK_FIELDS[field] + word


def marker_terms(marker: str) -> tuple[str, tuple[str, ...], tuple[str, ...]]:
    """Return how an FDO's facts hold a concept's marker: the whole tag, and the marked terms of its words, all of
    which its name (or identifier) must hold, or all of which its data sets must ("hh-rlhf": hh and rlhf)."""
    words = tuple(dict.fromkeys(tokens(marker)))
    return tag_term(marker), tuple(mark_term(t) for t in words), tuple(mark_term(t, "dataset") for t in words)


def sparse_vector(fields: dict[str, Iterable[str]]) -> tuple[list[int], list[float]]:
    """Return (term ids, BM25 weights) for a document given as field -> texts.

    Beside the words, the marked terms by which a concept's markers find the FDO (``marker_terms``): each tag
    whole, and the tokens and word parts of its name, identifier and data sets. No query holds them, so they
    weigh nothing in the keyword ranking."""
    tf: Counter[str] = Counter()
    extra: Counter[str] = Counter()  # stems and the parts of words written as one
    licence: Counter[str] = Counter()  # licence terms: in the length, as the licences' words were
    for field, texts in fields.items():
        weight = FIELD_WEIGHTS.get(field, 1.0)
        if field in TERM_FIELDS:
            for term in texts:
                extra[term] += weight
            continue
        if field in LICENCE_FIELDS:
            for text in texts:
                for tok in tokens(text):
                    licence[licence_term(tok)] += weight
            continue
        if field in CONCEPT_FIELDS:
            for text in texts:
                for term in _concept_terms(text):
                    extra[term] += weight
            continue
        for text in texts:
            words = tokens(text)
            for tok in words:
                tf[tok] += weight
                term = stem_term(tok)
                if term is not None:
                    extra[term] += weight
            for _, _, term in spellings(words):  # "mixture of experts" is also moe, "int8" also 8bit
                if term not in words:
                    extra[term] += weight
            parts = word_parts(text) if field in PART_FIELDS and ":" not in text else ()
            for part in parts:
                if part not in words:  # "Llama2" already yields "llama"
                    extra[part] += weight
                    term = stem_term(part)
                    if term is not None:
                        extra[term] += weight
            for joined, _ in compounds(text) if field in PART_FIELDS and ":" not in text else ():
                if joined not in words and joined not in parts:  # "K-Pop" is also kpop, as a question writes it
                    extra[joined] += weight
            if field == "keywords" and ":" not in text:
                extra[tag_term(text)] += weight
            if field in MARK_FIELDS:
                for word in dict.fromkeys([*words, *parts]):
                    extra[mark_term(word, field)] += weight
    length = sum(tf.values()) + sum(licence.values())
    norm = K1 * (1 - B + B * length / AVG_LENGTH)
    # every form of a word counts towards its stem, every part of a word written as one as that word
    # (the length is the words' alone: a part is another reading of a word already counted)
    tf.update(extra)
    tf.update(licence)
    weights: dict[int, float] = {}
    for tok, f in tf.items():
        tid = term_id(tok)
        weights[tid] = weights.get(tid, 0.0) + f * (K1 + 1) / (f + norm)
    ids = sorted(weights)
    return ids, [round(weights[i], 5) for i in ids]


class QueryTerms(dict[int, float]):
    """Term id -> query weight, and for each word that has a stem term, stem term id -> the word's term id.

    ``words_of`` holds, for a term standing for several of the query's words (``spellings``: moe for
    "mixture of experts"), how many: matching it counts as matching them all. ``spelled`` maps those
    words to the term: while an FDO holds the term, the words only rank (an FDO may spell the term
    another way); when none does, the words decide as any other.
    """

    def __init__(self) -> None:
        super().__init__()
        self.stem_of: dict[int, int] = {}
        self.words_of: dict[int, int] = {}
        self.spelled: dict[int, int] = {}
        self.forms: set[int] = set()  # verb forms of a word whose stem is too short for a stem term
        self.concept_of: dict[int, int] = {}  # concept term id (``concept_term``) -> the query word's term id
        # a word the question says more than once ("upper case, lower case and title case") -> how many times: it is
        # what the question is about, and a record holding it counts that many of the question's words
        self.repeats: dict[int, int] = {}
        # a word of the question -> the marked term of it as a word of an FDO's own name or identifier (``mark_term``):
        # a rare word a model is named by says what the model is, and counts as two of the words a match needs
        self.named: dict[int, int] = {}
        # stem terms of another word of a query word's family Snowball does not fold (``derived_forms``): an FDO
        # holding one holds the word ("comparison" for "compare")
        self.derived: set[int] = set()


def query_terms(text: str, expansions: Iterable[str] = (), expansion_weight: float = 0.4,
                licences: bool = False) -> QueryTerms:
    """Return term id -> query weight for a query and its expansion terms, with their stems at ``STEM_WEIGHT``;
    with ``licences`` (the question is about licences) each word also meets the words of the FDOs' licence names
    (``licence_term``), at the word's weight.

    ``stem_of`` tells the engine which word a stem term stands for, so it can use the stem only
    when that word as written is rare (``MemoryEngine.keyword_scores``): an FDO tagged
    "translation" then meets the query word "translating".
    """
    terms = QueryTerms()
    words = tokens(text)
    # a term spelled another way ("mixture of experts", "8-bit") is matched as the one term every spelling
    # is indexed under (moe, 8bit); its words as written only rank
    spelled = spellings(words, spoken=True, shared=bool(_JOINED_BITS.search(text.lower())))
    inside = {j for start, end, _ in spelled for j in range(start, end)}
    weighed = [(t, 1.0) for t in dict.fromkeys([w for j, w in enumerate(words) if j not in inside] +
                                               [term for _, _, term in spelled])]
    weighed += [(w, 1.0) for j, w in enumerate(words) if j in inside]
    weighed += [(t, expansion_weight) for extra in expansions for t in tokens(extra)]
    for start, end, term in spelled:
        terms.words_of[term_id(term)] = max(terms.words_of.get(term_id(term), 1), end - start)
        for w in words[start:end]:
            if term_id(w) not in terms.words_of:
                terms.spelled.setdefault(term_id(w), term_id(term))
    said = Counter(words)
    for tok, weight in weighed:
        tid = term_id(tok)
        if tid in terms:
            continue
        terms[tid] = weight
        if weight >= 1.0 and said[tok] > 1:
            terms.repeats[tid] = said[tok]
        if weight >= 1.0:
            terms.named[tid] = term_id(mark_term(tok))
        term = stem_term(tok)
        for other in (term,) if term is not None else verb_forms(tok):
            sid = term_id(other)
            if sid not in terms:
                terms[sid] = weight * STEM_WEIGHT
                terms.stem_of.setdefault(sid, tid)
                if term is None and weight >= 1.0:
                    terms.forms.add(sid)
        for other, written in (*derived_forms(tok), *agent_nouns(tok)) if weight >= 1.0 else ():
            sid = term_id(other)
            if sid not in terms:
                terms[sid] = weight * STEM_WEIGHT
                terms.stem_of.setdefault(sid, tid)
                terms.derived.add(sid)
                if written is not None:  # an FDO named by the noun is named by the word ("product_comparison")
                    terms.named[sid] = term_id(mark_term(written))
    for joined, parts in compounds(text):
        # a compound written in parts also meets it written as one ("K-pop": the tag KPOP), as a match of all its
        # parts; its parts still decide as words of their own (an FDO writing it in parts holds them), but a lone
        # letter says nothing by itself: while an FDO holds the compound, the letter only ranks ("Q4_K_M" is no K-pop)
        jid = term_id(joined)
        if jid not in terms:
            terms[jid] = 1.0
            terms.words_of[jid] = parts
            for part in words:
                if len(part) == 1 and joined.startswith(part):
                    terms.spelled.setdefault(term_id(part), jid)
    for tok, weight in weighed if licences else ():
        lid = term_id(licence_term(tok))
        if lid not in terms:
            terms[lid] = weight
    for tok, weight in weighed:  # each word also meets the concepts' words (``concept_term``), at a lower weight
        cid = term_id(concept_term(tok))
        if cid not in terms:
            terms[cid] = weight * CONCEPT_WEIGHT
            terms.concept_of[cid] = term_id(tok)
    for direction, modality, said in flows(text):
        # the direction is matched as its concept term; a hit for it where no record says it (none does), and while
        # an FDO holds it the words saying it only rank (a text-to-image model says "image" too)
        fid = term_id(flow_term(direction, modality))
        terms[fid] = 1.0
        terms.concept_of[fid] = term_id(f"{direction}:{modality}")
        for w in said:
            terms.spelled.setdefault(term_id(w), fid)
    return terms
