"""The question reader for search and chat: constraints, names, what is asked, topical words. No LLM.

One reading serves both. ``Understander.understand`` finds the constraints a query states
(licences, tasks, languages, libraries, size limits, base models, authors, datasets, dates,
kinds); the longest non-overlapping ones win. A constraint is *applied* only when the index
holds FDOs with that value; weak hints ("small", "commercial use", "recent") become suggested
filters instead. Facet values seen in the index (task ids, libraries, base models, authors,
datasets) are recognised too, so the vocabulary grows with the registry. Explicit constraints
("only", "must", an exact facet name, a licence, a size) filter; those read from loose words
boost. ``read`` adds the shape of a question for the chat (which attribute it asks for,
comparisons, lists, names written like model ids, topical words) and, given a searcher's
``understand``, the same constraints search applies. Words are matched by their Snowball stems
(``registry.search.text.stem``), the stemmer under the index's stem terms (``text.morph``).
The word lists and patterns are in ``patterns.py``.
"""

from __future__ import annotations

import bisect
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import NamedTuple
from datetime import datetime, timezone

from registry.search.copy_words import EXPORT_FORMATS, QUANTISED_FORMATS, TUNED_NAME, one_of
from registry.search.facets import LANGUAGE_NAMES, STATED_LABELS, format_count, parse_count, parse_range, range_label
from registry.search.licence_names import licence_names
from registry.search.patterns import (
    ACRONYMS, ANAPHORA, COMMERCIAL_USE, LICENCE_TALK, NOT_COMMERCIAL, UNDER_CHARS, UNDER_LICENCE, VERB_UNDER, APPROX, APPROX_NEAR_SHARE, ATTRIBUTE_RES, CHILDREN, COMPARE, DIRECTION, EXPANSIONS, EXPLICIT, GENERIC, KEEP_IN_FRAME, LANGUAGE_ALIASES, LANGUAGE_VERBS, IDIOM_BEFORE_LANGUAGE, IDIOM_CHARS, IDIOM_LANGUAGES, LARGE, LIBRARY_PATTERNS, APPROX_FACTOR,
    LICENCE_FAMILIES, LICENCE_PATTERNS, METHODS, LINK_ADVERB, LINK_FACETS, LINK_NOUNS, LINK_RELATIONS, LINK_STOP, LIST, LOOSE_FACETS, ML_TERM_WORDS, PAPER_PHRASES, MULTILINGUAL, NAME, NAME_TOKEN, NOT_A_NAME, NUM, NUMBER_WORDS, ORG_NAME, PARAMS,
    PERMISSIVE_HINT, PERMISSIVE_LICENCES, QUESTION_STOPWORDS, QUOTED, RECENT, SEPARATORS, SET_ASIDE, NOT_ASIDE, SIZE_CLASS, SIZE_RANGE, SIZE_VERB, SMALL, SMALLEST, LARGEST,
    VAGUE_COUNT, TASK_PATTERNS, VERB_LANGUAGES, JOB_FOR_LANGUAGE, EMISSIONS_OF, STANDARD_ONES, STATED_FIELDS,
    STATING_CHARS, STATING_VERB,
    WORD)
from registry.search.library_tags import library_tags
from registry.search.method_terms import methods
from registry.search.results import FacetValue, FollowUp, QueryUnderstanding, RecognisedFilter, SuggestedFilter
from registry.search.text import normalise, spellings, stem, tokens

__all__ = ["Understander", "follow_up_questions", "apposed", "blanked", "business_told", "writes_licence_id",
           "PERMISSIVE_LICENCES", "Vocabulary", "LOOSE_FACETS", "Question", "read", "sentences", "words", "stem",
           "topical_terms", "QUESTION_STOPWORDS", "GENERIC", "NOT_A_NAME", "defined_acronyms"]

# weight formats and precisions a derived copy is built in ("a GGUF build of X", "X in 4-bit")
FORMATS = rf"(?:{one_of(QUANTISED_FORMATS + EXPORT_FORMATS)}|int[48]|fp8|fp16|bf16|\d+[ -]?bit|quanti[sz]ed)"
PAPER_RELATION = next(p for p, facets in LINK_RELATIONS if facets == ("paper",))  # "cites", "points to", ...
# words saying a copy holds its weights in fewer bits without naming a format ("lower-precision builds of X",
# "compressed copies of X", "X squeezed into 4 bits"): read as the word quantized (its expansions name the formats)
# ("low-bit", "fewer-bit": a number of bits not said)
LOWER_PRECISION = r"(?:(?:lower|low|reduced|smaller)[ -]precision|(?:lower|low|reduced|fewer|few)[ -]bits?|" \
                  r"compressed|squeezed|shrunk|quanti[sz]ed)"
COPY_OF = rf"\b(?:{FORMATS}|{LOWER_PRECISION})\s+(?:builds?|versions?|cop(?:y|ies)|conversions?|exports?|ports?|" \
          rf"releases?|weights|files?|checkpoints?|quants?)\s+(?:of|for)\b"
# formats and precisions that hold weights in fewer bits than the model was trained in
QUANT_FORMATS = rf"\b(?:{one_of(QUANTISED_FORMATS)}|int[248]|fp[48]|[1-8][ -]?bits?|quanti[sz]ed)\b"
# a list of formats before the copies' noun ("4-bit, 8-bit or GGML builds of"; groups: the formats, the noun on)
# (at most FORMATS_LISTED formats: a match tried at each item of a long list with no noun after it read the rest of it,
# quadratic in the list)
FORMATS_LISTED = 8
FORMATS_COPY_OF = re.compile(rf"\b((?:{FORMATS}(?:\s*,\s*(?:or\s+|and\s+)?|\s+(?:or|and)\s+|\s*/\s*)){{0,{FORMATS_LISTED - 1}}}"
                             rf"{FORMATS})\s+"
                             r"((?:builds?|versions?|cop(?:y|ies)|conversions?|exports?|ports?|releases?|weights|"
                             r"files?|checkpoints?|quants?)\s+(?:of|for))\b")
IN_FORMAT = rf"\s(?:in|as)\s+(?:the\s+|an?\s+)?(?:{FORMATS}|({LOWER_PRECISION}))" \
            r"(?:\s+(?:format|form|files?|builds?|versions?|cop(?:y|ies)))?\b"
# words between a model's name and the format it is asked in ("X available as a GGUF file")
OFFERED = re.compile(r"(?:available|offered|released|published|shipped|provided|downloadable|out)?")
# (a number of bits: "cut to a bit under 50 ms" is "a little", no precision)
# a head noun a description of one model ends with before "of" and the model it was made from ("the pruned 411B
# coder version of DeepSeek-R1", "the 32B Qwen distillation of DeepSeek-R1"), the words that end a description
# going backwards (it must begin with "the"), and how many words it has at most
DESCRIBED_HEAD = re.compile(r"\b(version|variant|edition|build|release|distillation)\s+(?:of|from)\s+"
                            r"(?:the\s+)?$")
# a participle after a data set's name saying what the data was made from ("traces distilled from DeepSeek-R1",
# "answers generated by GPT-4"), and the words between them that end the data set's clause ("trained on X and
# distilled from Y": the models were distilled)
DATA_MADE = re.compile(r"(?:distill?ed|generated|sampled|produced|made|created|collected|written|taken|drawn|"
                       r"derived|translated|labell?ed|annotated)\s+(?:from|by|with|using|out\s+of)\b")
DATA_CLAUSE_END = re.compile(r"[,;?!()]|\.(?:\s|$)|\b(?:and|or|but|which|that|who|whose|then|also|are|is|were|was|"
                             r"have|has|do|does)\b")
# the source a data set came from, said after its name ("the Guanaco conversations from OpenAssistant")
FROM_SOURCE = re.compile(r"\s+(?:[\w-]+\s+){0,2}?from\s+(?:the\s+)?([\w][\w\-]*)")
DESCRIBED_STOP = frozenset("the a an its their this that these those any some one anyone anybody someone".split())
DESCRIBED_MAX = 5
TOLD_APART_WORDS = 4  # the words after a name of several bases read for what tells them apart (``_told_apart``)
INTO_BITS = r"\s((?:squeezed|compressed|shrunk|cut|reduced)(?:\s+down)?\s+(?:in)?to)\s+(?:[\w.]+\s+){0,2}?" \
            r"(?:\d{1,2}|one|two|three|four|five|six|eight|sixteen)[\s-]bits?\b"
# a tag names a paper when this many FDOs carry it and cite the paper, this share of the tag's FDOs cite it, and
# this share of the paper's citing FDOs carry the tag (docs/search.md, "Papers named by a word")
TAG_PAPER_MIN = 3
TAG_PAPER_SHARE = 0.8
TAG_PAPER_COVER = 0.5
TAG_PAPER_NOTE = "the paper the models tagged {tag!r} cite; the registry holds no title for it"
DATA_PHRASE = r"\b([\w][\w .:\-/]{1,80}?)\s+(?:data(?:sets?)?|corp(?:us|ora))\b"  # "the X data", "the X corpus"
# the words before a name that ask for the things it names ("which", "are there any"): "X data" is then the kind
ASKED_FOR = re.compile(r"\b(?:which|what|any|list|show|find|all|some|there|have)\s+(?:(?:the|of|me|all)\s+)*$")
DATA_NAME_MAX = 3  # a dataset named in loose words before "data" is one of at most this many holding the words
# "from X's Y" where Y is a thing of the owner, not its people (team, lab, researchers ...)
OWNERS_THING = re.compile(r"['’]s\s+(?!(?:own\s+)?(?:(?:ai|ml|research|science|engineering|core)\s+)?"
                          r"(?:teams?|labs?|laborator(?:y|ies)|researchers?|research|engineers?|scientists?|groups?|"
                          r"divisions?|departments?|people|staff|own)\b)")
# a word written as a Hub tag: parts joined by dashes or underscores ("alignment-handbook", "generated_from_trainer"),
# not inside a longer name or path ("org/alignment-handbook-x", "llama-3.1")
# an acronym written in capitals ("NNCF", "ONNX"): a tool or format a few models carry as a tag (``_acronym_tags``)
ACRONYM_WRITTEN = re.compile(r"(?<![\w.\-/:])[A-Z][A-Z0-9]{2,7}(?![\w\-/]|\.\w)")
# a word of letters and digits as written, not inside a longer name or path: an acronym, or a name cased inside it
CASED_WRITTEN = re.compile(r"(?<![\w.\-/:])[A-Za-z][A-Za-z0-9]{2,23}(?![\w\-/]|\.\w)")
INNER_CAPITAL = re.compile(r"[a-z][A-Z]")  # "exBERT", "fastText", "NeMo": cased inside, a name
# an OpenML study or benchmark suite named by its number ("OpenML study 14", "benchmark suite 99"): its tag study_N
STUDY_WRITTEN = re.compile(r"\b(?:openml(?:['’]s)?\s+)?(?:study|benchmark(?:ing)?\s+suite|suite)\s+(?:id\s+|no\.?\s*|number\s+|#)?"
                           r"(\d{1,6})\b")
# the words before a tool named by its acronym: "with", "by", "using", "through", "via", an owner's possessive between
TOOL_BEFORE = re.compile(r"\b(?:with|by|using|through|via)\s+(?:[\w-]+['’]s\s+)?(?:the\s+)?$", re.I)
TOOL_BEFORE_CHARS = 40
ACRONYM_TAG_SHARE = 0.01
ACRONYM_TAG_FLOOR = 25
TAG_WRITTEN = re.compile(r"(?<![\w.\-/:])[a-z0-9]+(?:[_-][a-z0-9]+)+(?![\w\-/]|\.\w)")
# everyday prefixes and words English makes compounds with: a dashed word holding one is no Hub tag ("fine-tuned",
# "self-hosted", "well-known", "state-of-the-art"), though a model somewhere may carry it as one
COMPOUND_PARTS = frozenset("""fine pre post non self multi well low high long short real open state step follow
one two so co re e semi sub super ultra over under cross up down out end top all full half""".split())
# a word for what a tool holds, right after its tag ("alignment-handbook recipes", "axolotl configs")
TOOL_THINGS = re.compile(r"\s+(?:recipes?|scripts?|configs?|configurations?|notebooks?|templates?|code|"
                         r"repo(?:sitor(?:y|ies))?|setups?|pipelines?)\b")
# a library named as the models' library itself ("name plain PyTorch as their library", "whose library is timm",
# "with the library set to fastai"): the facet is stated, a filter as a value written as the index spells it is
AS_LIBRARY = re.compile(r"\s+(?:as|for)\s+(?:its|their|the)\s+(?:own\s+|only\s+|main\s+|stated\s+|declared\s+)?"
                        r"(?:librar(?:y|ies)|framework|library[ _]name)\b", re.I)
LIBRARY_IS = re.compile(r"\b(?:librar(?:y|ies)|library[ _]name)\s+(?:is|are|was|of|set\s+to|given\s+as|stated\s+as|"
                        r"named|called|=|:)\s+(?:the\s+|just\s+|plain\s+|simply\s+)?$", re.I)
LIBRARY_IS_CHARS = 40  # the look-behind reads this many characters before the library's name
# a word for data right after a method's acronym: the method names the data made for it ("the 7k DPO mix")
# what follows a method's word when it names the model the method was applied to ("distilled from DeepSeek-R1", "a
# merge of X and Y", "a distilled version of Qwen", "merged with Mistral"): the children of that model are asked
# (unless what follows is no model's name but a count or kind of models: "a merge of several models", "distilled from
# larger models", "merged with other checkpoints" ask for the method)
BUILT_FROM = re.compile(r"\s+(?:(?:version|variant|model|checkpoint|build|copy)s?\s+)?(?:of|from|with|between|into)\b"
                        r"(?!\s+(?:(?:an?|the|two|three|four|several|many|multiple|other|different|existing|various|some|a few|"
                        r"bigger|larger|smaller|teacher|\d+)\s+){0,3}(?:models?|checkpoints?|llms?|networks?|ones|"
                        r"teachers?)\b)")
# a method's word inside a data set's name, another word between at most ("ServiceNow's R1 distillation SFT data")
METHOD_WORD_DATA = re.compile(r"(?:\s+[\w-]+)?(?=\s+(?:mix(?:ture)?|data(?:sets?)?|pairs|corpus|samples|examples|traces)\b)")
METHOD_DATA = re.compile(r"\s+(?:mix(?:ture)?|data(?:sets?)?|pairs|sets?|corpus|preferences?|samples|examples|"
                         r"collection)\b")
# a verb of being bound by terms right before "by" ("bound by", "covered by", "governed by", "subject to and bound by"):
# what follows is a licence or its owner's terms, not who made the models (``Understander._authors``)
BOUND_BY = re.compile(r"\b(?:bound|covered|governed|restricted|constrained|regulated|limited|controlled|encumbered|"
                      r"obliged|obligated)\s+(?:(?:only|solely|also|still|strictly|legally)\s+)?$")
BOUND_CHARS = 40  # the look-behind reads this many characters before "by"
# an owner's possessive whose thing is terms of use ("by Google's own Gemma licence terms", "by Meta's licence")
# (the words between name the terms, never a clause: "by Mistral's team under any licence" names the makers; nor are
# they people, ``OWNERS_THING``)
OWNERS_TERMS = re.compile(r"['’]s\s+(?:own\s+)?(?:(?!(?:under|with|without|and|or|but|for|in|on|of|to|from|by|"
                          r"using|uses?|that|which|who|whose|any|is|are|was|were)\b)[\w.+-]+\s+){0,3}?"
                          r"(?:licen[cs]es?|licensing|terms|conditions|agreements?|polic(?:y|ies))\b")
# words after a base model's name adding its other versions ("X, including its multimodal instruct version", "X and
# the instruct variant"; group: the words naming the version) and an apposition describing the version named ("X,
# the version trained with reinforcement learning only"); both at most a few words (read once, at the name's end)
INCLUDING_VERSION = re.compile(r"\s*,?\s*(?:including|plus|and|as well as|along with|together with)\s+(?:also\s+)?"
                               r"(?:its|their|the)\s+((?:[\w.\-]+\s+){1,4}?)(?:versions?|variants?|editions?|"
                               r"releases?|checkpoints?|builds?)\b")
DESCRIBED_VERSION = re.compile(r"\s*(?:,|\(|--?|–|—)\s*(?:the|its)\s+(?:[\w.\-]+\s+){0,3}?(?:version|variant|"
                               r"edition|release|checkpoint|one)\b[^,.;:?!()]{0,120}")
NEAR_NOTE = "the counts nearest the size asked first"
ORDER_NOTE = "results that otherwise tie are put in this order of size"
# someone said to have made a copy of a model, the verb in the active voice: its object is the base ("has anybody
# fine-tuned X", "did anyone quantise X", "who has merged X"); at most three words between them, the article after
ACTIVE_DERIVED = re.compile(r"\b(?:anybody|anyone|someone|somebody|people|who|you)\s+(?:(?:has|have|had|ever|already|"
                            r"actually|else|really|yet)\s+){0,3}(?:fine[ -]?tuned?|finetuned?|quanti[sz]ed?|"
                            r"distill?(?:ed)?|merged?|adapt(?:ed)?|pruned?|convert(?:ed)?)\s+(?:the\s+|an?\s+)?")
# a verb of training or use, then a word naming a dataset and a word for data ("taught maths with the FineMath web
# pages"; ``Understander._dataset_names``)
TRAINING_VERB = re.compile(r"\b(?:(?:pre-?|fine[ -]?)?train(?:ed|ing)?|taught|learn(?:ed|t|s|ing)?|(?:fine[ -]?)?tun(?:ed|ing)|"
                           r"use[ds]?|using|saw|seen|fed)\b")
SENTENCE_END = re.compile(r"[?!;]|\.(?:\s|$)")
NAME_WORD = re.compile(r"(?<![\w.\-/])[A-Za-z0-9][\w.\-]*[A-Za-z0-9]")
DATA_AFTER = re.compile(r"(?:[\s-]+[\w-]+){0,2}?[\s-]+(?:(?:data)?sets?|data|corp(?:us|ora)|collections?|pages|"
                        r"questions|problems|examples|samples|instructions|conversations|dialogues|pairs|texts|documents|"
                        r"recordings|benchmarks?|splits?)\b")
TUNED_FROM = re.compile(r"(?:tun|train)(?:ed|ing)\s+(?:\w+\s+)?from$")  # "fine-tuned from", "trained from": a base model
MONTH_NAMES = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
               "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sept?", "oct", "nov", "dec")
MONTHS = {name[:3]: i % 12 + 1 for i, name in enumerate(MONTH_NAMES[:12])}
MAX_LINKS = 8  # relation phrases read per pattern: a 10 kB question is not read for a hundred links
Vocabulary = Callable[[str], dict[str, tuple[str, int]]]  # facet -> key -> (label, count)



@dataclass
class _Match:
    start: int
    end: int
    facet: str
    values: tuple[str, ...]
    label: str
    strong: bool = True
    remove: bool = False  # drop the words from the text used for matching
    reason: str = ""
    note: str = ""
    loose: bool = False  # a linked FDO's name read inside looser words: it ranks, it does not filter
    replace: str | None = None  # the words matched in place of the span (a library's Hub tag, an acronym)
    tag: str = ""  # the Hub tag a library no FDO holds is read as
    more_tags: tuple[str, ...] = ()  # other tags and name words showing the same (a method's: merge, mergekit)
    name_start: int | None = None  # where the words naming a linked FDO begin (after a relation's words), when known
    near: str = ""  # an approximate size's nearer counts, ranked first within its band (a params range)
    order: str = ""  # the order of size the words ask for: "near:7B" (the nearest 7B first), "ascending", "descending"


RELATION_CHARS = 40  # how far before a linked name its relation's verbs are read ("trained further with the")

class Understander:
    """Rule-based query understanding over the index's facet vocabulary."""

    def __init__(self, vocabulary: Vocabulary, now: Callable[[], datetime] | None = None,
                 keyword_papers: Callable[[str], tuple[int, dict[str, int]]] | None = None,
                 licence_family: Callable[[str], tuple[str, ...]] | None = None,
                 owns: Callable[[tuple[str, ...], str], bool] | None = None,
                 means: Callable[..., bool] | None = None,
                 paper_keys: Callable[[str], tuple[str, ...]] | None = None,
                 accounts: Callable[[str], tuple[str, ...]] | None = None,
                 tag_holders: Callable[[str], int] | None = None,
                 licence_names: Callable[[], tuple[tuple[str, tuple[str, ...]], ...]] | None = None) -> None:
        self.vocabulary = vocabulary
        self.licence_names = licence_names  # the licence vocabulary's (key, names) (``licence_names.LicenceNames``)
        self.tag_holders = tag_holders  # a Hub tag -> how many FDOs of the index carry it
        # an arXiv id -> the paper values holding it whole, in the vocabulary's order (``MemoryEngine.paper_keys``);
        # without it the paper vocabulary is read through for each id
        self.paper_keys = paper_keys
        self.owns = owns  # (author keys or (), a word) -> whether those authors (anyone) hold an FDO named with it
        # (words, the accounts of the owner the question gives them) -> whether they name a concept of the registry
        self.means = means
        self.accounts = accounts  # an organisation's name ("Meta") -> the Hub accounts it publishes under
        self.licence_family = licence_family  # a licence family's key -> its licences' keys (the concepts')
        self.keyword_papers = keyword_papers  # keyword -> (FDOs carrying it, paper key -> how many of them cite it)
        self._tag_papers: dict[str, tuple[dict, tuple[str, ...]]] = {}
        self.now = now or (lambda: datetime.now(timezone.utc))
        self._indexes: dict[str, tuple[dict, tuple[dict[str, set[str]], dict[str, list[str]]]]] = {}

    def understand(self, query: str) -> QueryUnderstanding:
        """Return what the query says (no search is run)."""
        low = query.lower()
        matches = _asked(_appositions(_linked_kind(_data_described(self._resolve(
            self._candidates(low) + self._owners(query) + self._dataset_names(query) + self._acronym_tags(query)
            + self._context_tags(low)),
            low), low), low), low)
        recognised: list[RecognisedFilter] = []
        suggested: list[SuggestedFilter] = []
        by_facet: dict[str, list[_Match]] = {}
        for m in matches:
            if m.strong and m.values:
                by_facet.setdefault(m.facet, []).append(m)
            elif m.values:
                for value in m.values:
                    suggested.append(SuggestedFilter(m.facet, value, self._value_label(m.facet, value), m.reason,
                                                     self._count(m.facet, value)))
            elif m.note:
                recognised.append(RecognisedFilter(m.facet, (), m.label, query[m.start:m.end], False, m.note))
        for m in matches:
            if m.near and (m.facet in by_facet if m.strong else m.facet not in by_facet):
                # (a count stated alone, beside no size filter, ranks its nearest first as an approximate one does)
                # an approximate size: the counts nearest it rank first within the band the filter takes
                near = parse_range("params", m.near)
                recognised.append(RecognisedFilter("params", (m.near,), range_label("params", *near),
                                                   query[m.start:m.end], mode="boost", note=NEAR_NOTE))
        for m in matches:
            if m.order and not any(r.mode == "order" for r in recognised):
                recognised.append(RecognisedFilter("params", (m.order,), order_label(m.order), query[m.start:m.end],
                                                   mode="order", note=ORDER_NOTE))
        for facet, group in by_facet.items():
            if facet == "language" and _direction(group, low):
                # "from German into English": a translation direction asks for both languages, each its own
                # constraint (met apart), where "German or English" would accept either
                recognised.extend(self._combine(facet, [m], query) for m in group)
            else:
                recognised.append(self._combine(facet, group, query))
        edits = sorted((m.start, m.end, " " if m.remove else f" {m.replace} ") for m in matches
                       if m.remove or m.replace is not None)
        text = query
        for start, end, new in reversed(edits):
            text = text[:start] + new + text[end:]
        # the words left for matching are the question's topic: its frame ("Which model can", "Do you have a")
        # would match records named "model" and blur the meaning (docs/search.md, "Query understanding")
        sentence = re.sub(r"\s+", " ", text).strip(" ,.;")
        text = unframe(sentence)
        if edits and not topical_terms(text):
            # a constraint took the question's words ("Which models have more than 100 billion parameters?"):
            # what is left is frame only and there is no topic to match (the constraints alone decide)
            text = ""
        elif edits:
            text = _untail(text)  # "code models with [more than 7B parameters]": the words that led to it
        applied_facets = {r.facet for r in recognised if r.applied}
        suggested = [s for s in suggested if s.facet not in applied_facets]
        return QueryUnderstanding(query=query, text=text, recognised=tuple(recognised),
                                  suggested=tuple(_dedupe(suggested)), expansions=self._expansions(text),
                                  questions=tuple(self._questions(applied_facets)),
                                  sentence=sentence if sentence != text else "",
                                  tags=tuple(dict.fromkeys(t for m in matches if m.tag for t in (m.tag, *m.more_tags))),
                                  tagged=tuple((m.replace, query[m.start:m.end]) for m in matches if m.tag and m.replace))

    # ---------------------------------------------------------------- candidates
    def _candidates(self, low: str) -> list[_Match]:
        out: list[_Match] = []
        out += self._size(low)
        out += self._dates(low)
        out += self._phrases(low, "task", TASK_PATTERNS)
        out += self._vocab_words(low, "task")
        out += self._job_nouns(low)
        out += self._licences(low)
        out += self._languages(low)
        out += self._phrases(low, "library", LIBRARY_PATTERNS)
        out += self._vocab_words(low, "library")
        out += [self._version_said(low, self._versioned(low, self._told_apart(low, self._owned_base(
                low, self._described(low, self._partial_is_loose(m, low)))))) for m in self._lineage(low)]
        out += [self._version_said(low, self._versioned(low, self._told_apart(low, self._owned_base(
                low, self._described(low, m))))) for m in self._links(low)]
        out += self._authors(low)
        out += self._kinds(low)
        out += self._stated(low)
        out += self._study_tags(low)
        out += _askers_papers(low)
        out += self._hub_tags(low)
        methods = self._methods(low)
        # words naming how a model was trained ("reinforcement learning from human feedback", "LoRA") are no task
        # and, unless a value is called exactly that, no dataset's or base model's name ("human" is not
        # Human-Like-DPO-Dataset); "the ORPO paper" may still name the method's paper
        # ("human-like DPO data" names the dataset by more than the method's word: it stays)
        out = [m for m in out if not (m.facet == "task" or (m.facet in ("dataset", "base_model") and m.loose))
               or not any((m.start < x.end and x.start < m.end) if m.facet == "task" else
                          (x.start <= m.start and m.end <= x.end) or _only_method(m, x, low) for x in methods)]
        # a linked FDO's name that is a library or tool the question names ("fine-tuned with Unsloth", "trained with
        # the Axolotl fine-tuning tool") is that tool, not a base model under its account nor a data set holding "tool"
        tools = [m for m in out if m.facet == "library"]
        out = [m for m in out if m.facet not in LINK_FACETS or not any(
            x.start <= (m.name_start if m.name_start is not None else m.start) and m.end <= x.end for x in tools)]
        return out + methods

    def _present(self, facet: str, keys) -> tuple[str, ...]:
        vocab = self.vocabulary(facet)
        lowered = {k.lower(): k for k in vocab}
        return tuple(dict.fromkeys(lowered[k.lower()] for k in keys if k.lower() in lowered))

    def _phrases(self, low: str, facet: str, patterns) -> list[_Match]:
        out = []
        for pattern, keys in patterns:
            for m in re.finditer(pattern, low):
                present = self._present(facet, keys)
                label = f"{facet}: " + " or ".join(self._value_label(facet, k) for k in (present or keys))
                note = "" if present else f"no indexed FDO has {facet} {' or '.join(keys)}"
                written = "".join(tokens(m.group(0)))
                # a library or format no indexed FDO holds as its library is read as the Hub tag its concept gives
                # (``mlfdo:hubTag``): the tag replaces the words matched, so "Core ML" meets a model tagged coreml
                # (the words as written, joined, are looked up first: "LoRA" is tagged lora, though its library is peft)
                hub = library_tags() if facet == "library" else {}
                tag = hub.get(written) or next((hub[k] for k in keys if k in hub), None)
                if tag is not None and not present:
                    # the Hub puts formats and runtimes (Core ML, TF Lite, GGUF) in tags: the tag is matched instead
                    note += f": matched as the tag {tag!r}"
                replace = tag if tag is not None and not present and tokens(m.group(0)) != [tag] else None
                # a format held as a library is its tag as well: a copy converted for it (MLX, GGUF) often keeps the
                # library it came from and shows the format as a tag only
                out.append(_Match(m.start(), m.end(), facet, present, label, note=note, replace=replace,
                                  tag=tag or ""))
        return out

    def _partial_is_loose(self, m: _Match, low: str) -> _Match:
        """Mark a lineage match loose (it ranks, it does not filter) unless a value is called what the question
        names: "trained on human preference data" is not a filter on every dataset with "human" in its name."""
        said = [w for w in re.findall(r"[\w][\w.\-/]*", low[m.start:m.end])]
        while said and said[-1] in LINK_NOUNS:
            said.pop()
        names = {" ".join(said[i:]) for i in range(max(0, len(said) - 6), len(said))}
        if not any(_same_name(n, k, self._value_label(m.facet, k)) for n in names for k in m.values):
            m.loose = True
        return m

    def _described(self, low: str, m: _Match) -> _Match:
        """Read a base model described by the words before "version of X" ("the pruned 411B coder version of
        DeepSeek-R1", "the 32B Qwen distillation of DeepSeek-R1") as the held model whose name carries X and every
        one of those words (huihui-ai/DeepSeek-R1-Pruned-Coder-411B, deepseek-ai/DeepSeek-R1-Distill-Qwen-32B):
        X itself is only what it was made from. The fewest other words win; none holding them all, X stands."""
        if m.facet != "base_model" or m.name_start is None:
            return m
        head = DESCRIBED_HEAD.search(low, max(0, m.name_start - 60), m.name_start)
        if head is None:
            return m
        window = max(0, head.start() - 80)
        said = list(re.finditer(r"[\w][\w.\-]*", low[window:head.start()]))[-DESCRIBED_MAX:]
        modifiers: list[str] = []
        start = head.start()
        definite = False  # "the ... version of X" names one model; "uncensored versions of X" asks for many
        for w in reversed(said):
            word = w.group(0)
            definite = word == "the"
            if word in DESCRIBED_STOP or word in QUESTION_STOPWORDS or LINK_STOP.fullmatch(word) \
                    or re.fullmatch(FORMATS, word) or re.search(r"[,;?!]|\.(?:\s|$)", low[window + w.end():start]):
                break
            modifiers.insert(0, word)
            start = window + w.start()
        if head.group(1).startswith("distil"):
            modifiers.append(head.group(1))
        if not modifiers or not definite:
            return m
        wanted = {stem(w) for w in modifiers}
        named = self._match_names("base_model", low[m.name_start:m.end])
        fits = []
        for key in named:
            held = {stem(t) for t in tokens(key.rsplit("/", 1)[-1], keep_stopwords=True)}
            if wanted <= held:
                fits.append((len(held - wanted), key))
        if not fits:
            return m
        fewest = min(n for n, _ in fits)
        keys = tuple(k for n, k in fits if n == fewest)
        return _Match(min(start, m.start), m.end, "base_model", keys, self._names_label("derived from", keys),
                      name_start=start)

    def _owned_base(self, low: str, m: _Match) -> _Match:
        """Keep, of the bases a name read, those its owner's possessive says ("Mistral's Small 24B base": the
        mistralai model, not unsloth's copy of it), when some are under the owner's accounts: the accounts called
        so or beginning with the owner's word, and those the organisations vocabulary gives it."""
        if m.facet != "base_model" or len(m.values) < 2:
            return m
        said = re.search(r"([a-z0-9][\w.\-]*)['’]s\s", low[m.start:m.end])
        if said is None:
            return m
        owner = said.group(1)
        accounts = {a.lower() for a in self._organisation_accounts(owner)}
        keys = tuple(k for k in m.values if "/" in k and (
            k.split("/", 1)[0].lower() in accounts or k.split("/", 1)[0].lower().startswith(owner)))
        if not keys or len(keys) == len(m.values):
            return m
        return _Match(m.start, m.end, m.facet, keys, self._names_label("derived from", keys), strong=m.strong,
                      loose=m.loose, name_start=m.name_start)

    def _told_apart(self, low: str, m: _Match) -> _Match:
        """Keep, of several bases a name read, those whose names hold the words right after it that tell them apart
        ("huihui-ai's 411B code-pruned DeepSeek-V3": of the R1 and the V3 pruned coders, the one whose name holds
        "v3"); words every base holds, or none, choose nothing."""
        if m.facet != "base_model" or len(m.values) < 2:
            return m
        end = SENTENCE_END.search(low, m.end)
        rest = list(re.finditer(r"[\w][\w.\-]*", low[m.end:end.start() if end else len(low)]))[:TOLD_APART_WORDS]
        names = {k: {stem(t) for t in tokens(k.rsplit("/", 1)[-1], keep_stopwords=True)} for k in m.values}
        said: set[str] = set()  # (not the name's own words: "DeepSeek" of "built from DeepSeek's Janus-Pro-7B")
        for w in rest:
            words = {stem(t) for t in tokens(w.group(0), keep_stopwords=True)}
            if w.group(0) in QUESTION_STOPWORDS or w.group(0) in ("one", "version", "build"):
                continue  # ", the R1 one"
            if not words or LINK_STOP.fullmatch(w.group(0)) or not any(words & held for held in names.values()):
                break
            said |= words
        apart = {t for t in said if 0 < sum(t in held for held in names.values()) < len(names)}
        if not apart:
            return m
        most = max(len(apart & held) for held in names.values())
        keys = tuple(k for k in m.values if len(apart & names[k]) == most)
        # (the span stays: the words after it may be a method's or a format's of their own, "code-pruned")
        return _Match(m.start, m.end, "base_model", keys, self._names_label("derived from", keys), strong=m.strong,
                      loose=m.loose, name_start=m.name_start)

    def _versioned(self, low: str, m: _Match) -> _Match:
        """Read a base model whose dated or numbered checkpoint the question states ("the March 2025 update of
        DeepSeek-V3 (V3-0324)", "Mistral Small 24B's base checkpoint of January 2025") as the held checkpoints
        carrying it: the bases read and those whose name after the owner extends one of theirs
        (DeepSeek-V3-0324 extends DeepSeek-V3), kept when their name holds a code of four or more digits the
        sentence writes, or a date code (YYMM or MMDD) of a month (and year) it names. So named, they filter, as an
        exact name does; no checkpoint carrying it leaves the match as it was."""
        if m.facet != "base_model" or not m.values:
            return m
        start = max((e.end() for e in SENTENCE_END.finditer(low, 0, m.start)), default=0)
        end = SENTENCE_END.search(low, m.end)
        sentence = low[start:end.start() if end else len(low)]
        codes, dates = _stated_versions(sentence)
        if not codes and not dates:
            return m
        reads = {k.rsplit("/", 1)[-1].lower() for k in m.values}
        vocab = self.vocabulary("base_model")
        held = [k for k in vocab if k in m.values or any(
            k.rsplit("/", 1)[-1].lower().startswith(r) and k.rsplit("/", 1)[-1][len(r):len(r) + 1] in ("-", "_", ".")
            for r in reads)]
        carrying = tuple(k for k in held if _carries_version(k, codes, dates))
        if not carrying:
            return m
        keys = tuple(sorted(carrying, key=lambda k: (k not in m.values, -vocab[k][1], k)))
        return _Match(m.start, m.end, "base_model", keys, self._names_label("derived from", keys),
                      name_start=m.name_start)

    def _version_said(self, low: str, m: _Match) -> _Match:
        """Read the words right after a base model's name that speak of its versions as the base's words.

        "X, including its multimodal instruct version" adds the held bases whose name extends X's with those words
        (microsoft/Phi-4-multimodal-instruct beside microsoft/phi-4): their derivatives are asked for too. "X, the
        version trained with reinforcement learning only" describes X. Either way the words are the base's, not a
        task or a topic of their own ("multimodal", "reinforcement learning"): the match takes them in."""
        if m.facet != "base_model" or not m.values:
            return m
        including = INCLUDING_VERSION.match(low, m.end)
        if including is not None:
            wanted = {stem(w) for w in tokens(including.group(1), keep_stopwords=True)}
            reads = {k.rsplit("/", 1)[-1].lower(): k.split("/", 1)[0].lower() for k in m.values}
            fits = []
            for key in self.vocabulary("base_model"):
                name, owner = key.rsplit("/", 1)[-1].lower(), key.split("/", 1)[0].lower()
                extends = [r for r in reads if name.startswith(r) and name[len(r):len(r) + 1] in ("-", "_", ".")]
                held = {stem(t) for t in tokens(name[len(extends[0]) + 1:], keep_stopwords=True)} if extends else set()
                if key not in m.values and extends and wanted <= held:
                    # the same owner's first ("its"), then the fewest other words
                    fits.append((owner not in {reads[r] for r in extends}, len(held - wanted), key))
            if fits:
                best = min(fits)[:2]
                keys = m.values + tuple(k for *rank, k in sorted(fits) if tuple(rank) == best)
                return _Match(m.start, including.end(), "base_model", keys, self._names_label("derived from", keys),
                              strong=m.strong, loose=m.loose, name_start=m.name_start)
        described = DESCRIBED_VERSION.match(low, m.end)
        if described is not None:
            return _Match(m.start, described.end(), m.facet, m.values, m.label, strong=m.strong, loose=m.loose,
                          name_start=m.name_start)
        return m

    def _job_nouns(self, low: str) -> list[_Match]:
        """Read a job named by its doer ("text generator", "image classifier", "summariser") as the job's name.

        An agent noun (-or, -er) whose stem begins a task word of the index or the task phrases
        ("generat-or": "generat-ion", "classifi-er": "classifi-cation", "caption-er": "caption-ing") is read as
        that word; the task phrases are then matched on the question so rewritten.
        """
        jobs = self._job_words()
        pieces, offsets, changed = [], [], False
        pos = 0
        for w in re.finditer(r"[a-z]+", low):
            word = w.group(0)
            action = _action_noun(word, jobs)
            if action is None:
                continue
            pieces.append(low[pos:w.start()])
            offsets.extend(range(pos, w.start()))
            pieces.append(action)
            offsets.extend([w.start()] * (len(action) - 1) + [w.end() - 1])
            pos, changed = w.end(), True
        if not changed:
            return []
        pieces.append(low[pos:])
        offsets.extend(range(pos, len(low)))
        offsets.append(len(low))
        read = "".join(pieces)
        out = []
        for m in self._phrases(read, "task", TASK_PATTERNS) + self._vocab_words(read, "task"):
            m.start, m.end = offsets[m.start], offsets[m.end - 1] + 1
            out.append(m)
        # a language's name between the job and its medium ("classifiers for Spanish text": text classification for
        # Spanish) splits the job's name: the medium is read before the job, as the task's name writes it
        for m in JOB_FOR_LANGUAGE.finditer(read):
            if m.group("language") not in LANGUAGE_ALIASES:
                continue
            medium = m.group("medium")[:-1] if m.group("medium").endswith("s") else m.group("medium")
            joined = f"{medium} {m.group('job')}"
            for found in self._phrases(joined, "task", TASK_PATTERNS):
                if found.start == 0 and found.end == len(joined):
                    # (the job's words are the span: the language's name stays its own reading)
                    found.start, found.end = offsets[m.start("job")], offsets[m.end("job") - 1] + 1
                    out.append(found)
        return out

    def _job_words(self) -> frozenset[str]:
        vocab = self.vocabulary("task")
        cached = self._indexes.get("_jobs")
        if cached is not None and cached[0] is vocab:
            return cached[1]
        found = {w for pattern, _ in TASK_PATTERNS for w in re.findall(r"[a-z]{5,}(?:ion|ing)\b", pattern)}
        found |= {w for key, (label, _) in vocab.items() for w in re.findall(r"[a-z]+", f"{key} {label}".lower())
                  if len(w) > 5 and w.endswith(("ion", "ing"))}
        jobs = frozenset(found)
        self._indexes["_jobs"] = (vocab, jobs)
        return jobs

    def _task_words(self) -> frozenset[str]:
        """Return the words of the held tasks' keys and labels ("speech" of automatic-speech-recognition)."""
        vocab = self.vocabulary("task")
        cached = self._indexes.get("_task_words")
        if cached is not None and cached[0] is vocab:
            return cached[1]
        words = frozenset(w for key, (label, _) in vocab.items() for w in re.findall(r"[a-z]+", f"{key} {label}".lower()))
        self._indexes["_task_words"] = (vocab, words)
        return words

    def _methods(self, low: str) -> list[_Match]:
        """Return the spans naming a training method or design (the method concepts, ``method_terms``), by acronym
        or written out; a written-out one is matched as its acronym, the form names and tags use ("trained with
        RLHF"). A method is met by its concept's Hub tags and name markers. A method of no acronym ("distilled",
        "a merge") is one only where no model is named as what it was made from ("distilled from DeepSeek-R1", "a
        merge of X and Y" ask for X's children: ``BUILT_FROM``)."""
        out = []
        norm = low.translate(SEPARATORS)
        for method in methods():
            tag, more = (method.markers[0], method.markers[1:]) if method.markers else ("", ())
            if method.acronym and not method.everyday:
                for m in re.finditer(rf"\b{method.key}\b", norm):
                    # (a method naming the data made for it, "Argilla's 7k DPO mix", "the Capybara DPO pairs", is a
                    # word of that data's name: the models trained on it are asked for, not every model with the tag)
                    data = METHOD_DATA.match(norm, m.end()) is not None
                    out.append(_Match(m.start(), m.end(), "method", (), method.key.upper(),
                                      tag="" if data else tag, more_tags=() if data else more))
                for phrase in method.phrases:
                    for m in re.finditer(r"\b" + r"[\s]+".join(map(re.escape, phrase.split())) + r"\b", norm):
                        out.append(_Match(m.start(), m.end(), "method", (), method.key.upper(),
                                          replace=method.key.upper(), tag=tag, more_tags=more))
            elif not method.acronym:
                for phrase in (method.key, *method.phrases):
                    for m in re.finditer(r"\b" + r"[\s]+".join(map(re.escape, phrase.split())) + r"\b", norm):
                        if not BUILT_FROM.match(norm, m.end()) and not METHOD_WORD_DATA.match(norm, m.end()):
                            out.append(_Match(m.start(), m.end(), "method", (), method.key, tag=tag, more_tags=more))
        known = {m.key for m in methods()}
        return out + [_Match(start, end, "method", (), acronym.upper(), replace=acronym.upper(), tag=acronym)
                      for acronym, start, end in defined_acronyms(norm) if acronym not in known]

    def _hub_tags(self, low: str) -> list[_Match]:
        """Return the Hub tags the question writes as the Hub does ("alignment-handbook", "generated_from_trainer",
        "autotrain-compatible"): a word joined by dashes or underscores that FDOs of the index carry as a tag, a dash
        and an underscore alike. A word other rules read whole (a task id, a library) is theirs (the longest reading
        wins, a value first); one made with an everyday prefix ("fine-tuned", "self-hosted") or a number ("4-bit",
        "llama-2") is no tag. A word for what the tool holds right after it ("recipes", "scripts", "configs") is the
        tag's too: "alignment-handbook recipes" are no cooking."""
        if self.tag_holders is None:
            return []
        out = []
        for m in list(TAG_WRITTEN.finditer(low))[:MAX_LINKS * 4]:
            parts = re.split(r"[-_]", m.group(0))
            if any(p.isdigit() or p in COMPOUND_PARTS for p in parts):
                continue
            held = next((t for t in dict.fromkeys((m.group(0), m.group(0).replace("-", "_"),
                                                    m.group(0).replace("_", "-"))) if self.tag_holders(t)), None)
            # (a word naming FDOs is a name: "DeepSeek-V3" is no architecture tag deepseek_v3; asked only of a word
            # some FDO holds as a tag: reading the names of every FDO holding its words took 100 ms at 100k FDOs)
            if held is None or (self.owns is not None and self.owns((), m.group(0))):
                continue
            tool = TOOL_THINGS.match(low, m.end())
            end = tool.end() if tool else m.end()
            # (shown as a library is that the index holds as a tag: the chat and the removal of the reading (✕) treat
            # both alike, the words put back in place of the tag)
            out.append(_Match(m.start(), end, "library", (), f"Hub tag: {held}", note=f"matched as the tag {held!r}",
                              tag=held, replace=held if tool or held != m.group(0) else None))
        return out

    def _study_tags(self, low: str) -> list[_Match]:
        """Return an OpenML study or benchmark suite named by its number in words ("the data of OpenML study 14",
        "suite 99") as the tag OpenML gives its members (study_14), when FDOs carry it: read as a tag written so is."""
        if self.tag_holders is None:
            return []
        out = []
        for m in STUDY_WRITTEN.finditer(low):
            tag = f"study_{m.group(1)}"
            if self.tag_holders(tag):
                out.append(_Match(m.start(), m.end(), "library", (), f"Hub tag: {tag}", note=f"matched as the tag {tag!r}",
                                  tag=tag, replace=tag))
        return out

    def _acronym_tags(self, query: str) -> list[_Match]:
        """Return the tools a question names by a word written as a name that a few FDOs carry whole as a tag, read as
        that tag, as a tag written with dashes is (``_hub_tags``): an acronym in capitals after "with", "by", "using",
        "through" or "via" ("compressed with Intel's NNCF": the tag nncf), or a word cased inside ("exBERT", "fastText")
        wherever it stands: nobody writes an everyday word so. Not an acronym other rules read (a method, "NER"), nor
        a word naming FDOs ("DeepSeek"), nor one many FDOs carry ("LLM": at most ``ACRONYM_TAG_SHARE`` of the index):
        a tag that common says nothing of what was asked."""
        if self.tag_holders is None:
            return []
        size = sum(n for _, n in self.vocabulary("kind").values())
        out = []
        for m in list(CASED_WRITTEN.finditer(query))[:MAX_LINKS * 4]:
            written = m.group(0)
            if ACRONYM_WRITTEN.fullmatch(written):
                if not TOOL_BEFORE.search(query, max(0, m.start() - TOOL_BEFORE_CHARS), m.start()):
                    continue  # "detect NSFW images": a subject; "compressed with Intel's NNCF": a tool
            elif not (INNER_CAPITAL.search(written) and not written.isupper()):
                continue
            word = written.lower()
            if word in ACRONYMS or word in METHODS or word in QUESTION_STOPWORDS:
                continue
            held = self.tag_holders(word)
            if not held or held > max(ACRONYM_TAG_FLOOR, size * ACRONYM_TAG_SHARE):
                continue
            if not written.isupper() and self.owns is not None and self.owns((), word):
                continue  # a word naming FDOs is a name ("DeepSeek"), read as one
            out.append(_Match(m.start(), m.end(), "library", (), f"Hub tag: {word}", note=f"matched as the tag {word!r}",
                              tag=word))
        return out

    def _context_tags(self, low: str) -> list[_Match]:
        """Return a context size the question states ("a million tokens of context", "128k context", "a context window
        of 32 thousand tokens") as the tag FDOs carry for it ("1m", "128k", "32k"), when some FDO carries it: the Hub
        shows a model's context length so, and the registry holds it nowhere else."""
        if self.tag_holders is None:
            return []
        out = []
        for m in list(CONTEXT_SIZE.finditer(low))[:MAX_LINKS]:
            around = low[max(0, m.start() - CONTEXT_WORDS_CHARS):m.end() + CONTEXT_WORDS_CHARS]
            if not CONTEXT_WORDS.search(around) or TRAINED_ON.search(low, max(0, m.start() - CONTEXT_WORDS_CHARS),
                                                                         m.start()):
                continue  # "trained on 15 million tokens": its data; "32,000 tokens of input": a context
            number, unit = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
            held = next((t for t in context_tags(number, unit or "") if self.tag_holders(t)), None)
            if held is not None:
                out.append(_Match(m.start(), m.end(), "library", (), f"Hub tag: {held}",
                                  note=f"matched as the tag {held!r}", tag=held))
        return out

    def _vocab_words(self, low: str, facet: str) -> list[_Match]:
        """Recognise facet values that appear verbatim (``text-classification``, ``sentence-transformers``)."""
        out = []
        norm = low.translate(SEPARATORS)  # same length as the query, so spans stay aligned
        for key, (label, _) in self.vocabulary(facet).items():
            for form in {normalise(key), normalise(label)}:
                if len(form) < 4:
                    continue
                for m in re.finditer(r"(?<![\w])" + re.escape(form) + r"(?![\w])", norm):
                    out.append(_Match(m.start(), m.end(), facet, (key,), f"{facet}: {label}"))
        return out

    def _licences(self, low: str) -> list[_Match]:
        vocab = self.vocabulary("licence")
        out = []
        for pattern, accept in LICENCE_PATTERNS:
            for m in re.finditer(pattern, low):
                keys = tuple(k for k in vocab if accept(k.lower()))
                start = m.start()
                # the owner before the name ("BigCode's OpenRAIL-M", "the BigScience OpenRAIL-M licence") names its
                # own licence of those so called, the one whose key begins with the owner (bigcode-openrail-m)
                # (read in the few letters before the name: a 10 kB question was searched back to its start per name)
                owner = _OWNER.search(low, max(0, m.start() - OWNER_CHARS), m.start())
                own = tuple(k for k in keys if owner and k.lower().startswith(owner.group(1) + "-")) if owner else ()
                if own:
                    keys, start = own, owner.start()
                keys = _exact_licence(m.group(0), keys)
                keys = _this_licence_only(low, m, keys)
                label = "licence: " + (" or ".join(vocab[k][0] for k in keys) if keys else m.group(0))
                out.append(_Match(start, m.end(), "licence", keys, label,
                                  note="" if keys else f"no indexed FDO has a licence matching {m.group(0)!r}"))
        for pattern, family, accept in LICENCE_FAMILIES:
            for m in re.finditer(pattern, low):
                members = {k.lower() for k in self.licence_family(family)} if self.licence_family else set()
                keys = tuple(k for k in vocab if (k.lower() in members if members else accept(k.lower())))
                label = "licence: " + (" or ".join(vocab[k][0] for k in keys) if keys else m.group(0))
                out.append(_Match(m.start(), m.end(), "licence", keys, label,
                                  note="" if keys else f"no indexed FDO has a licence matching {m.group(0)!r}"))
        out = self._licences_named(low, vocab, out)
        # the verb putting models under the licence ("released under the") is the filter's word too: left as a word to
        # match, it kept out the licence's holders whose records say neither it nor the name the question used ("the
        # GNU Lesser GPL, version 3" of a record saying "LGPL-3.0-only")
        out = [replace(m, start=verb.start()) if m.values and (
            verb := UNDER_LICENCE.search(low, max(0, m.start - UNDER_CHARS), m.start)) else m for m in out]
        for m in re.finditer(PERMISSIVE_HINT, low):
            keys = tuple(k for k in vocab if k.lower() in PERMISSIVE_LICENCES)
            out.append(_Match(m.start(), m.end(), "licence", keys, "permissive licence", strong=False,
                              reason=f"{m.group(0)!r} suggests a permissive licence"))
        return out

    def _licences_named(self, low: str, vocab, read: list[_Match]) -> list[_Match]:
        """Return ``read`` (the licences the patterns read) with those the question calls by a name of the licence
        vocabulary, a version with it or not (``licence_names``: "the GNU Lesser GPL, version 3", "Apache two",
        "Creative Commons attribution share-alike 4.0"). A longer name wins as any match does ("GNU Lesser GPL" over
        "GPL"); of a pattern's words, the name reads the licences only when they are fewer ("CC BY-NC-SA": the
        share-alike ones, not every non-commercial one). A version not held is noted, no other licence read."""
        if self.licence_names is None:
            return read
        names = self.licence_names()
        if not names:
            return read
        held = {k.lower(): k for k in vocab}
        out = list(read)
        for n in licence_names(names).read(low, held):
            same = [m for m in out if m in read and n.start <= m.start and m.end <= n.end]
            # (a pattern's reading of the same words, or of some of them, stays unless it reads licences the name
            # does not call, a name of two words or more or with its version: "CC BY-NC-SA" is no CC BY-NC-ND, "LGPL
            # 2.1" no LGPL 3.0; "OpenRAIL" alone is the family's word, in "an OpenRAIL licence" too)
            if same and ((n.words < 2 and not n.version) or all(
                    m.values and {v.lower() for v in m.values} <= {k.lower() for k in n.named} for m in same)):
                if n.words >= 2:
                    # its words are the whole name's ("GPL" of "the GNU GPL"): no other reading of them ("GNU": every
                    # GNU licence) stands beside it
                    out = [replace(m, start=min(m.start, n.start), end=max(m.end, n.end)) if m in same else m
                           for m in out]
                continue
            out = [m for m in out if m not in same]
            label = "licence: " + (" or ".join(vocab[k][0] for k in n.keys) if n.keys else low[n.start:n.end])
            out.append(_Match(n.start, n.end, "licence", n.keys, label, note=n.note))
        return out

    def _languages(self, low: str) -> list[_Match]:
        vocab = self.vocabulary("language")
        out = []
        for name, code in LANGUAGE_ALIASES.items():
            for m in re.finditer(r"\b" + re.escape(name) + r"\b", low):
                if name in VERB_LANGUAGES and LANGUAGE_VERBS.match(low, m.end()):
                    continue  # "polish my rough drafts": the verb
                if name in IDIOM_LANGUAGES and IDIOM_BEFORE_LANGUAGE.search(low[max(0, m.start() - IDIOM_CHARS):m.start()]):
                    continue  # "in plain English": everyday words
                keys = tuple(k for k in vocab if k.lower() == code or k.lower().startswith(code + "-"))
                out.append(_Match(m.start(), m.end(), "language", keys, f"language: {LANGUAGE_NAMES.get(code, code)}",
                                  note="" if keys else f"no indexed FDO is tagged with language {code!r}"))
        for m in re.finditer(MULTILINGUAL, low):
            # (the Hub harvester writes the tag multilingual as BCP-47's "mul")
            keys = tuple(k for k in vocab if k.lower() in ("multilingual", "mul"))
            # "polyglot", "dozens of languages" say what the filter says and leave the text ("languages ... models"
            # is no language model); the word "multilingual" stays, names hold it
            out.append(_Match(m.start(), m.end(), "language", keys, "language: Multilingual",
                              note="" if keys else "no indexed FDO is tagged multilingual",
                              remove=bool(keys) and "lingual" not in m.group(0)))
        return out

    def _size(self, low: str) -> list[_Match]:
        out = []
        below = r"(?:under|below|less than|smaller than|fewer than|up to|at most|max(?:imum)?|no more than|<=?|≤)"
        above = r"(?:over|above|more than|larger than|bigger than|at least|min(?:imum)?|>=?|≥)"
        # a range: "between 30 and 100 billion", "from one to three billion", "7-13B parameters"; the first count
        # may leave its unit to the second's
        for m in re.finditer(SIZE_RANGE, low):
            first, unit, sep, high_unit = m.group("n1"), m.group("u1"), m.group("sep").strip(), m.group("u2")
            low_n = _count(first, unit or high_unit)
            high_n = _count(m.group("n2"), high_unit)
            if (low_n is None or high_n is None or low_n >= high_n
                    or (sep == "and" and not m.group(0).startswith("between"))  # "7B and 13B models": two sizes
                    or (sep in ("-", "–") and not m.group("param") and len(high_unit) < 3)  # "llama 3-8b": a name
                    or (not unit and first in ("a", "half a"))  # "from a 7B ...": no first count
                    or not re.match(NOT_PARAMS, low[m.end():])):
                continue
            out.append(self._range_match(m, f"{format_count(low_n)}-{format_count(high_n)}"))
        inclusive = ("<=", "≤", "up to", "at most", "max", "no more", ">=", "≥", "at least", "min")
        for pattern, strict_op, incl_op in ((below, "<", "<="), (above, ">", ">=")):
            # a bound before an approximation ("under about 8 billion", "no more than roughly 3B") is the bound: the
            # approximation says the bound is loose, not that the counts sit near it
            for m in re.finditer(rf"{pattern}\s*(?:{APPROX}\s*)?{NUM}{PARAMS}{NOT_PARAMS}", low):
                count = _count(m.group(1), m.group(2))
                if count is not None:
                    op = incl_op if m.group(0).startswith(inclusive) else strict_op
                    out.append(self._range_match(m, op + format_count(count)))
        # a bound written after the count ("7B parameters or less", "1B parameters or more", "3B and up")
        for m in re.finditer(rf"{NUM}{PARAMS}\s+(?:(or\s+(?:less|fewer|smaller|below|under))|"
                             rf"(or\s+(?:more|larger|bigger|above|over)|and\s+(?:up|above|over|larger|bigger)))\b", low):
            count = _count(m.group(1), m.group(2))
            if count is not None:
                out.append(self._range_match(m, ("<=" if m.group(3) else ">=") + format_count(count)))
        # a count said to be approximate ("roughly seven billion parameters", "about 1.5B parameters") is the counts
        # that round to it as written: 6.5B to 7.5B (a filter, as "under 7B" is)
        bounded = [x for x in out if x.strong]
        for m in re.finditer(rf"{APPROX}\s*{NUM}(?=[\s-]*(?:param(?:eter)?s?|weights)\b){PARAMS}{NOT_PARAMS}", low):
            span = _about(m.group(1), m.group(2))
            if span is not None and not any(x.start < m.start() and m.end() <= x.end for x in bounded):
                out.append(self._range_match(m, f"{format_count(span[0])}-{format_count(span[1])}", near=_near(
                    m.group(1), m.group(2)), order=_closest(m.group(1), m.group(2))))
        # a size class ("the 24-billion-parameter class", "in the 7B range", "70B-class models") is the same
        # approximate count; a range already read ("the 5 to 10 billion parameter range") keeps its bounds
        ranges = [x for x in out if x.strong]
        for m in re.finditer(SIZE_CLASS, low):
            span = _about(m.group(1), m.group(2))
            within = [x for x in ranges if x.start < m.end() and m.start() < x.end]
            for x in within:
                x.end = max(x.end, m.end())  # the class word is the range's word, not a topic
            if span is not None and not within:
                out.append(self._range_match(m, f"{format_count(span[0])}-{format_count(span[1])}", near=_near(
                    m.group(1), m.group(2)), order=_closest(m.group(1), m.group(2))))
        # a count stated alone ("7B parameters", "T5 with 11 billion parameters") names a size as a model's name does:
        # a suggestion, and the counts nearest it ranked first (a boost, as an approximate count's nearest)
        for m in re.finditer(rf"{NUM}(?=[\s-]*(?:param(?:eter)?s?)\b){PARAMS}", low):
            count = _count(m.group(1), m.group(2))
            if count is None or any(x.start <= m.start() and m.end() <= x.end for x in out) or (
                    not m.group(1)[:1].isdigit() and m.group(1) in ("a", "half a")):
                continue
            shown = format_count(count)
            near = _near(m.group(1), m.group(2))
            out.append(_Match(m.start(), m.end(), "params", (shown,), f"about {shown} parameters", strong=False,
                              remove=True, reason=f"{m.group(0)!r} names a size", near=near,
                              order=_closest(m.group(1), m.group(2))))
        # a superlative of size ("the tiniest models", "the largest you have") orders by size; with a size written out
        # it orders within it
        for pattern, order in ((SMALLEST, "ascending"), (LARGEST, "descending")):
            for m in re.finditer(pattern, low):
                out.append(_Match(m.start(), m.end(), "params", (), "size", strong=False, remove=True, order=order))
        strong = [m for m in out if m.strong]
        if strong:
            # a size word beside a size written out ("really tiny, under 50 million parameters") is that
            # constraint's word: it is read with it, not searched for; one before a number is part of a name
            # ("Mistral Small 24B")
            for m in re.finditer(rf"(?:{SMALL}|{LARGE})(?![\s-]*\d)", low):
                out.append(_Match(m.start(), m.end(), "params", (), "size", strong=False, remove=True))
            # so are a verb placing the models in it ("sit between 10 and 30 billion parameters") and a vague
            # count restating it ("a few hundred million parameters, between 100 million and one billion")
            for s in strong:
                verb = SIZE_VERB.search(low, max(0, s.start - 40), s.start)  # a window: the verb ends where it starts
                if verb:
                    s.start = verb.start()
            for m in re.finditer(VAGUE_COUNT, low):
                if not any(m.start() < s.end and s.start < m.end() for s in strong):
                    out.append(_Match(m.start(), m.end(), "params", (), "size", strong=False, remove=True))
            return out
        for m in re.finditer(SMALL, low):
            out.append(_Match(m.start(), m.end(), "params", ("<500M",), "under 500M parameters", strong=False,
                              reason=f"{m.group(0)!r} suggests a small model"))
        for m in re.finditer(LARGE, low):
            out.append(_Match(m.start(), m.end(), "params", (">=1B",), "1B parameters or more", strong=False,
                              reason=f"{m.group(0)!r} suggests a large model"))
        return out

    def _range_match(self, m: re.Match, value: str, near: str = "", order: str = "") -> _Match:
        low, high = parse_range("params", value)
        return _Match(m.start(), m.end(), "params", (value,), range_label("params", low, high), remove=True,
                      near=near if near != value else "", order=order)

    def _dates(self, low: str) -> list[_Match]:
        out = []
        year = r"((?:19|20)\d\d)"
        for m in re.finditer(rf"\b(?:between\s+)?{year}\s*(?:-|–|to|and)\s*{year}\b", low):
            out.append(self._date_match(m, f"{m.group(1)}-{m.group(2)}"))
        for m in re.finditer(rf"\b(?:since|after|newer than|later than|from)\s+{year}\s+(?:on(?:wards?)?|or later)\b|"
                             rf"\b(?:since|newer than|later than)\s+{year}\b", low):
            out.append(self._date_match(m, ">=" + (m.group(1) or m.group(2))))
        for m in re.finditer(rf"\bafter\s+{year}\b", low):
            out.append(self._date_match(m, ">" + m.group(1)))
        for m in re.finditer(rf"\b(?:before|until|older than|prior to|earlier than)\s+{year}\b", low):
            out.append(self._date_match(m, "<" + m.group(1)))
        for m in re.finditer(rf"\b(?:(?:released|published|created|made|from)\s+)?in\s+{year}\b|\bfrom\s+{year}\b", low):
            out.append(self._date_match(m, m.group(1) or m.group(2)))
        for m in re.finditer(RECENT, low):
            since = str(self.now().year - 1)
            out.append(_Match(m.start(), m.end(), "date", (">=" + since,), f"created since {since}", strong=False,
                              reason=f"{m.group(0)!r} suggests recent FDOs"))
        return out

    def _date_match(self, m: re.Match, value: str) -> _Match:
        low, high = parse_range("date", value)
        return _Match(m.start(), m.end(), "date", (value,), range_label("date", low, high), remove=True)

    def _lineage(self, low: str) -> list[_Match]:
        out = []
        verbs = (r"(?:fine[ -]?tun(?:ed|es?|ing)|finetun(?:ed|es?|ing)|trained|built|based|derived|distill?ed|"
                 r"quanti[sz]ed|adapted|merged|pre-?trained)")
        # (a long text is read for its first few relations, as for links: each reads the name that follows)
        # (an adverb after "built", "based" or "derived" only: "built directly on X"; "trained specifically on
        # sentences" names no data set)
        for m in list(re.finditer(rf"(?:{verbs}|(?:built|based|derived)\s+{LINK_ADVERB})\s*(?:version\s+)?"
                                  rf"(from|of|on|upon|on top of|off)\s+(?:the\s+|a\s+)?{NAME}", low))[:MAX_LINKS]:
            name = m.group(2).rstrip(".,;")
            prep = m.group(1)
            if prep == "on":
                datasets = _whole_named(name, self._match_names("dataset", name))
                if datasets and re.match(r"built|based", m.group(0)) and self._match_names("base_model", name):
                    datasets = ()  # "built on Llama 2": a model is built on a model, trained on a data set
                if datasets:
                    out.append(_Match(m.start(), m.end(), "dataset", datasets, self._names_label("trained on", datasets)))
                    continue
                if not re.match(r"(?:fine|finetun|built|based)", m.group(0)):
                    continue
            bases = _pretrained(self._match_names("base_model", name), low[m.end():])
            if bases:
                out.append(_Match(m.start(), m.end(), "base_model", bases, self._names_label("derived from", bases)))
        for m in list(re.finditer(rf"(?:fine[ -]?tunes?|finetunes?|quants?|quantizations?|distillations?|adapters?|"
                                  rf"derivatives?|variants?|merges?|(?<!newer )(?<!older )(?<!other )(?<!later )"
                                  rf"(?<!earlier )(?<!previous )(?<!all )versions?)\s+(?:of|for)\s+(?:the\s+)?{NAME}", low))[:MAX_LINKS]:
            # the longest run of words naming base models ("stable diffusion 2.1", not every "stable" one), else
            # the first word and a size
            stop = LINK_STOP.search(low, m.start(1))
            found = self._linked_name(low, m.start(1), stop.start() if stop else len(low), ("base_model",))
            if found is not None:
                out.append(_Match(m.start(), found.end, *found[:2], found.label, name_start=found.start))
                continue
            bases = self._match_names("base_model", m.group(1).rstrip(".,;"))
            if bases:
                out.append(_Match(m.start(), m.end(), "base_model", bases, self._names_label("derived from", bases)))
        for m in list(re.finditer(rf"(?<![\w.\-/]){NAME}\s+(?:fine[ -]?tunes|finetunes|quants|derivatives|adapters|"
                                  rf"(?:fine[ -]?tuned|finetuned|adapted)(?=\s+(?:for|to|on)\b))", low))[:MAX_LINKS]:
            # "gemma 7b fine-tunes": the whole name first, "7b" alone would be every 7B base
            bases = self._match_names("base_model", m.group(1)) or self._match_names("base_model",
                                                                                    m.group(1).split()[-1])
            if bases:
                out.append(_Match(m.start(), m.end(), "base_model", bases, self._names_label("derived from", bases)))
        for m in list(ACTIVE_DERIVED.finditer(low))[:MAX_LINKS]:
            # "has anybody fine-tuned DeepSeek-R1-Zero", "did someone quantise X": the verb's object is the base (a
            # name held as one, right after the verb)
            stop = LINK_STOP.search(low, m.end())
            found = self._linked_name(low, m.end(), stop.start() if stop else len(low), ("base_model",))
            if found is not None and not low[m.end():found.start].strip():
                out.append(_Match(m.start(), found.end, *found[:2], found.label, name_start=found.start))
        out += self._format_copies(low)
        for m in re.finditer(rf"\b(?:on|the)\s+{NAME}\s+(?:dataset|corpus|benchmark)\b", low):
            datasets = self._match_names("dataset", m.group(1))
            if datasets:
                out.append(_Match(m.start(), m.end(), "dataset", datasets, self._names_label("trained on", datasets)))
        return out

    def _format_copies(self, low: str) -> list[_Match]:
        """Read "a GGUF build of X", "a 4-bit version of X", "X in MLX" as derived from X (the longest run of
        words naming base models, as for a relation); the format word stays in the text, where it ranks."""
        out = []
        for m in list(re.finditer(COPY_OF, low))[:MAX_LINKS]:
            stop = LINK_STOP.search(low, m.end())
            found = self._linked_name(low, m.end(), stop.start() if stop else len(low), ("base_model",))
            if found is not None:
                out.append(_Match(found.start, found.end, *found[:2], found.label))
            said = re.compile(LOWER_PRECISION).match(low, m.start())
            # "compressed", "squeezed", "shrunk" say fewer bits of a copy of a model named after them only
            # ("compressed files for OCR" are zip files); "lower-precision" and "quantized" say it alone; the words
            # up to the name ("lower-precision builds of") are matched as "quantized"
            if said is not None and (found is not None or re.search(r"precision|bit|quanti", said.group(0))):
                out.append(_quantised(m.start(), m.end()))
        for m in list(re.finditer(FORMATS_COPY_OF, low))[:MAX_LINKS]:
            # "4-bit, 8-bit or GGML builds of X": a list of formats, some holding weights in fewer bits, asks for the
            # quantised copies; the noun and its "of" are matched as "quantized" (the formats stay words of the
            # topic), so those whose names write another format or precision (int4, GPTQ) rank too. One format
            # named ("a GGUF build of X") asks for that format alone
            if len(re.findall(FORMATS, m.group(1))) > 1 and re.search(QUANT_FORMATS, m.group(1)) and not any(x.start <= m.start(2) < x.end for x in out
                                                                  if x.facet == "method"):
                out.append(_quantised(m.start(2), m.end()))
        for m in list(re.finditer(INTO_BITS, low))[:MAX_LINKS]:
            # "phi-2 squeezed into 4 or 8 bits": the name before, as for a format
            out.append(_quantised(m.start(1), m.end(1), "quantized to"))
            start = 0
            for stop in LINK_STOP.finditer(low, 0, m.start()):
                start = max(start, stop.end())
            found = self._linked_name(low, start, m.start(), ("base_model",), last=True)
            if found is not None and not low[found.end:m.start()].strip():
                out.append(_Match(found.start, found.end, *found[:2], found.label))
        for m in list(re.finditer(IN_FORMAT, low))[:MAX_LINKS]:
            start = 0
            for stop in LINK_STOP.finditer(low, 0, m.start()):
                if stop.group(0) not in ("in", "for"):
                    start = max(start, stop.end())
            found = self._linked_name(low, start, m.start(), ("base_model",), last=True)
            if found is not None and OFFERED.fullmatch(low[found.end:m.start()].strip()):
                out.append(_Match(found.start, found.end, *found[:2], found.label))
                if m.group(1):  # "X in a lower-precision form": fewer bits, matched as "quantized"
                    out.append(_quantised(m.start() + 1, m.end()))
        return out

    def _links(self, low: str) -> list[_Match]:
        """Return the FDOs a model links to that the question names after a relation ("learned from the Alpaca
        instructions", "builds on Stable Video Diffusion") or as a paper ("the LoRA paper", "arXiv 2106.09685").

        The name is the longest run of the following (for a paper, the preceding) words that names facet
        values, descriptive words ("instructions", "paper") left out; a value called exactly that wins.
        """
        out = []
        for pattern, facets in LINK_RELATIONS:
            for m in list(re.finditer(pattern, low))[:MAX_LINKS]:  # a long text is read for its first few
                stop = LINK_STOP.search(low, m.end())
                if TUNED_FROM.search(m.group(0)):
                    # a model is tuned or trained *from* a model, *on* data: "fine-tuned from Llama 2 7B chat" is
                    # the base, not the data set named after it (calibration-tuning/Llama-2-7b-chat-hf-20k-choice)
                    facets = tuple(sorted(facets, key=lambda f: f != "base_model"))
                found = self._linked_name(low, m.end(), stop.start() if stop else len(low), facets)
                if found is not None and found.facet == "dataset" and not found.exact and len(found.values) > 1:
                    found = self._from_source(low, found, stop.start() if stop else len(low))
                if found is not None:
                    out.append(_Match(m.start(), found.end, *found[:2], found.label, loose=not found.exact,
                                      name_start=found.start))
        for m in list(re.finditer(DATA_PHRASE, low))[:MAX_LINKS]:
            # "with the human-like DPO data": the words before "data", back to the start of its clause, naming a
            # dataset by the name index of datasets (as "the X paper" names a paper); a loose name only when few
            # datasets hold all its words and it has two words at least ("tabular data" names no dataset)
            start = m.start(1)
            for stop in LINK_STOP.finditer(low, 0, m.end(1)):
                start = max(start, stop.end())
            found = self._linked_name(low, start, m.end(1), ("dataset",), last=True)
            if found is not None and ASKED_FOR.search(low, max(0, found.start - 40), found.start):
                continue  # "which alpaca datasets do you have?": the datasets are what is asked for, no link
            if found is not None and (found.exact or (len(found.values) <= DATA_NAME_MAX and
                                                      len(re.findall(r"[a-z0-9]+", low[found.start:found.end])) > 1)):
                out.append(_Match(found.start, m.end(), "dataset", found.values, found.label, loose=not found.exact,
                                  name_start=found.start))
        for pattern in PAPER_PHRASES:
            for m in list(re.finditer(pattern, low))[:MAX_LINKS]:
                if m.group(1)[:1].isdigit() and re.fullmatch(r"\d{4}\.\d{4,5}", m.group(1)):
                    # the id itself, not one it begins (an old-style 2005.1287 is no part of 2005.12872)
                    if self.paper_keys is not None:
                        keys = self.paper_keys(m.group(1))
                    else:
                        same = re.compile(rf"(?<![\d.]){re.escape(m.group(1))}(?![\d])")
                        keys = tuple(k for k in self.vocabulary("paper") if same.search(k))
                    if keys:
                        out.append(_Match(m.start(), m.end(), "paper", keys, self._names_label("citing", keys)))
                    continue
                # the words before "paper", back to the start of its clause
                start = m.start(1)
                for stop in LINK_STOP.finditer(low, 0, m.end(1)):
                    start = max(start, stop.end())
                found = self._linked_name(low, start, m.end(1), ("paper",), last=True)
                if found is not None:
                    out.append(_Match(found.start, m.end(), "paper", found.values, found.label, loose=not found.exact))
                    continue
                tagged = _paper_tag(low[start:m.end(1)])
                keys = self._tag_paper(tagged[1]) if tagged else ()
                if keys:
                    tag = tagged[1]
                    out.append(_Match(start + tagged[0], m.end(), "paper", keys,
                                      self._names_label("citing", keys) + f" (cited by the models tagged {tag!r})",
                                      loose=True, note=TAG_PAPER_NOTE.format(tag=tag)))
        return out

    def _from_source(self, low: str, found: "_Link", end: int) -> "_Link":
        """Narrow the data sets a loose name read to those also named after the source said after it ("the Guanaco
        conversations from OpenAssistant": timdettmers/openassistant-guanaco, not every Guanaco set): those whose
        name after the owner holds the name's words and the source's and nothing else, else those holding them."""
        said = FROM_SOURCE.match(low, found.end, end)
        if said is None:
            return found
        wanted = set(tokens(low[found.start:found.end] + " " + said.group(1), keep_stopwords=True))
        holding = [(set(tokens(k.rsplit("/", 1)[-1], keep_stopwords=True)), k) for k in found.values]
        keys = tuple(k for held, k in holding if held == wanted) or tuple(k for held, k in holding if wanted <= held)
        if not keys:
            return found
        return found._replace(values=keys, label=self._names_label("trained on", keys), end=said.end())

    def _dataset_names(self, query: str) -> list[_Match]:
        """Return the datasets a word names exactly in a question about training ("taught maths with the FineMath web
        pages", "used the small s1K set of hard reasoning questions"): after a verb of training or use, a word
        written as a name (a capital or a digit inside it) that is the name of a held dataset (its part after the
        owner), with a word for data at most two words after it."""
        low = query.lower()
        parts = self._dataset_parts()
        out: list[_Match] = []
        for verb in list(TRAINING_VERB.finditer(low))[:MAX_LINKS]:
            end = SENTENCE_END.search(low, verb.end())
            for w in NAME_WORD.finditer(query, verb.end(), end.start() if end else len(query)):
                word = w.group(0)
                keys = parts.get(word.lower())
                if not keys or not re.search(r"(?<=\w)[A-Z0-9]", word) or not DATA_AFTER.match(low, w.end()):
                    continue
                out.append(_Match(verb.start(), w.end(), "dataset", keys, self._names_label("trained on", keys),
                                  name_start=w.start()))
        return out

    def _dataset_parts(self) -> dict[str, tuple[str, ...]]:
        """Return a held dataset's name after its owner, lower-cased -> the datasets so named."""
        vocab = self.vocabulary("dataset")
        cached = self._indexes.get("_dataset_parts")
        if cached is not None and cached[0] is vocab:
            return cached[1]
        parts: dict[str, list[str]] = {}
        for key in vocab:
            parts.setdefault(key.rsplit("/", 1)[-1].lower(), []).append(key)
        found = {p: tuple(keys) for p, keys in parts.items()}
        self._indexes["_dataset_parts"] = (vocab, found)
        return found

    def _tag_paper(self, word: str) -> tuple[str, ...]:
        """Return the paper a tag names ("the ORPO paper": the models tagged ``orpo`` cite arXiv:2403.07691), or ().

        Papers are often held by their arXiv id alone. A tag names one when nearly every FDO carrying it cites
        the paper and most FDOs citing the paper carry it, with a few FDOs at least: the registry's own usage,
        not a guess from the word.
        """
        if self.keyword_papers is None or len(word) < 3 or word in QUESTION_STOPWORDS or word in GENERIC \
                or word in LINK_NOUNS:
            return ()
        vocab = self.vocabulary("paper")
        cached = self._tag_papers.get(word)
        if cached is not None and cached[0] is vocab:
            return cached[1]
        total, cited = self.keyword_papers(word)
        keys = tuple(k for k, n in cited.items() if k in vocab and n >= TAG_PAPER_MIN and n >= TAG_PAPER_SHARE * total
                     and n >= TAG_PAPER_COVER * vocab[k][1])
        if len(self._tag_papers) > 256:
            self._tag_papers.clear()
        self._tag_papers[word] = (vocab, keys[:1])
        return keys[:1]

    def _linked_name(self, low: str, start: int, end: int, facets: tuple[str, ...], last: bool = False):
        """Return the facet values named by the longest run of words in ``low[start:end]`` (the latest run
        first when ``last``), or None."""
        # a possessive joins an owner to its model ("tencent's hunyuanvideo": tencent/HunyuanVideo), its "s" is no word
        text = re.sub(r"['’]s\b", "  ", low[start:end])
        # a size written out names the size part of an id ("the 20-billion-parameter NeoX": gpt-neox-20b)
        text = re.sub(rf"{NUM}{PARAMS}{NOT_PARAMS}", _size_word, text)
        found = [(w.start(), w.end(), w.group(0)) for w in re.finditer(r"[\w][\w.\-/]*", text)][:8]
        spans = sorted(((i, j) for i in range(len(found)) for j in range(i + 1, len(found) + 1)),
                       key=lambda ij: (-(ij[1] - ij[0]), -ij[0] if last else ij[0]))
        # the relation's own verbs, just before the name ("trained with the"): a name made only of their forms
        # ("the diffusers training scripts": "training") repeats the relation and names no data set holding the word
        verbs = {stem(w) for w in re.findall(r"[a-z]+", low[max(0, start - RELATION_CHARS):start])[-3:]}
        for i, j in spans:
            if found[i][2] in LINK_NOUNS or found[j - 1][2] in LINK_NOUNS:
                continue
            if all(w in QUESTION_STOPWORDS or w in GENERIC for _, _, w in found[i:j]):
                continue  # "build on it": a pronoun or a frame word names nothing
            name = " ".join(w for _, _, w in found[i:j]).rstrip(".")
            repeated = all(w in QUESTION_STOPWORDS or w in GENERIC or stem(w) in verbs for _, _, w in found[i:j])
            for facet in facets:
                keys = self._match_names(facet, name)
                if facet == "dataset" and j - i == 1:
                    # one word names a data set whose name it opens ("the alpaca instructions": alpaca-chats), not
                    # one holding it further in or in another form ("people" of unsupervised_peoples_speech), unless
                    # the source said after it is in that name too ("the Guanaco conversations from OpenAssistant":
                    # openassistant-guanaco, narrowed by ``_from_source``)
                    said = FROM_SOURCE.match(low, start + found[j - 1][1], end)
                    sourced = tuple(k for k in keys if said is not None and said.group(1) in
                                    tokens(k.rsplit("/", 1)[-1], keep_stopwords=True))
                    keys = sourced or _whole_named(name, keys, opening=True, inside=self._task_words())
                if not keys:
                    continue
                exact = tuple(k for k in keys if _same_name(name, k, self._value_label(facet, k)))
                if repeated and not exact:
                    continue
                stop = start + found[j - 1][1]
                variant = _variant(keys, name, low[start:start + found[i][0]], low[stop:end]) \
                    if facet == "base_model" else None
                if variant is not None:  # "the instruction-tuned Gemma 7B", "Gemma 7B instruct": google/gemma-7b-it
                    exact, stop = variant[0], stop + variant[1]
                elif not exact and facet == "base_model":
                    keys = _pretrained(keys, low[stop:end])
                keys = exact or keys
                relation = {"dataset": "trained on", "base_model": "derived from", "paper": "citing"}[facet]
                return _Link(facet, keys, self._names_label(relation, keys), start + found[i][0], stop, bool(exact))
        return None

    def _authors(self, low: str) -> list[_Match]:
        out = []
        for m in re.finditer(r"\b(?:made by|published by|released by|created by|developed by|trained by|shared by|"
                             r"by|from)\s+(?:the\s+)?([a-z0-9][\w.\-]*)", low):
            name = m.group(1).rstrip(".,;")
            if (m.group(0).startswith("by") and BOUND_BY.search(low, max(0, m.start() - BOUND_CHARS), m.start())) \
                    or (OWNERS_TERMS.match(low, m.end()) and OWNERS_THING.match(low, m.end())):
                # "bound by Google's Gemma licence terms", "covered by the Llama 2 licence": what binds a model is
                # its licence, not its maker; nor is the owner of terms named after "by" ("by Meta's licence")
                continue
            if m.group(0).startswith("from") and name in {k.lower() for k in self.vocabulary("library")}:
                continue  # "models from the ESPnet toolkit": what they come from is a library (its org may share the name)
            if m.group(0).startswith("from") and OWNERS_THING.match(low, m.end()):
                # "models from Meta's fairseq toolkit": what they come from is the owner's thing, whose owner made
                # the thing, not the models (the thing's own reading says what it is); the owner's people ("from
                # Google's research team") made the models
                continue
            words, exact = self._name_index("author")
            keys = set(exact.get(name, ()))
            # a company publishing under accounts not spelled like it ("Meta": meta-llama and facebook) means them all
            keys |= set(self._organisation_accounts(name))
            called = bool(keys)
            if len(name) >= 3 and not name.isdigit():
                keys |= {k for k in words.get(name, ()) if k.lower().startswith(name + "-")}
            if keys:
                vocab = self.vocabulary("author")
                ordered = tuple(sorted(keys, key=lambda k: (-vocab[k][1], k)))
                # no account is called so ("from Meta": meta-llama only begins with it): a guess at the owner's
                # accounts, which ranks them first and filters nothing (the company may publish under others)
                out.append(_Match(m.start(), m.end(), "author", ordered,
                                  "author: " + " or ".join(vocab[k][0] for k in ordered[:5]), loose=not called))
        return out

    def _owners(self, query: str) -> list[_Match]:
        """Return the owners' possessives naming nothing the owner holds ("Meta's Segment Anything", "OpenAI's
        Sora"): the owner's word is dropped from the text matched, with a note that the thing is not held.

        The owner is an author of the index called so, or whose key starts with the word and a dash ("meta":
        meta-llama). The name is the words after it, up to a clause or a descriptive word ("model"); the owner
        holds it when one of its FDOs has the name's first word in its name. Otherwise, when the name's words mean
        something else the registry knows (a concept, another FDO's name), the owner's word would rank its other
        FDOs (Meta's chat models) first: the rest of the words ("segment anything") are the topic. When they mean
        nothing ("Google's Gemini"), the owner's FDOs are the closest and the owner's word stays. Either way the
        note says the thing is not held.
        """
        if self.owns is None:
            return []
        out = []
        low = query.lower()
        # (an owner's word of at most 80 characters: tried from each part of a long hyphenated word, an unbounded
        # one was read to that word's end each time)
        possessives = list(re.finditer(r"\b([a-z0-9][\w.\-]{0,79})['’]s\s+", low))[:MAX_LINKS]
        if not possessives:  # (most questions: the accounts are not read, 50,000 of them at 1M FDOs)
            return []
        lowered = self._lowered_accounts()
        for m in possessives:
            word = m.group(1)
            owners = tuple(dict.fromkeys(lowered.get(word, []) + lowered.get(word + "-", []) +
                                         list(self._organisation_accounts(word))))
            if not owners or word in QUESTION_STOPWORDS or word in GENERIC:
                continue
            written = _owned_name(query, m.end())
            first = written.split()[0] if written else ""
            if not first or first.lower() in QUESTION_STOPWORDS or first.lower() in GENERIC or not (
                    first[0].isupper() or any(c.isdigit() for c in first) or query.islower()):
                continue  # "Meta's latest model", "Meta's own": no name (a name is capitalised, unless nothing is)
            named = written.lower()
            if self.owns(owners, named.split()[0]):
                continue
            # when the words name nothing the registry knows ("Google's Gemini"), the owner's FDOs are the closest
            # and the owner's word stays
            elsewhere = any(self.owns((), w) for w in named.split() if w not in QUESTION_STOPWORDS and w not in GENERIC) \
                or (self.means is not None and self.means(named, owners))
            out.append(_Match(m.start(), m.end(1) + 2, "author", (), "author: " + " or ".join(owners[:3]),
                              remove=elsewhere, note=f"nothing by {' or '.join(owners[:3])} called {named!r} is held"))
        return out

    def _lowered_accounts(self) -> dict[str, list[str]]:
        """Return the author keys of the index by their lower case, and by their lower-case word before a dash with
        the dash ("meta-": meta-llama); kept while the vocabulary is the same (it is remade when the index changes)."""
        vocab = self.vocabulary("author")
        cached = getattr(self, "_accounts_by_lower", None)
        if cached is not None and cached[0] is vocab and cached[2] == len(vocab):
            return cached[1]
        lowered: dict[str, list[str]] = {}
        for key in vocab:
            k = key.lower()
            lowered.setdefault(k, []).append(key)
            if "-" in k:
                lowered.setdefault(k.split("-", 1)[0] + "-", []).append(key)
        self._accounts_by_lower = (vocab, lowered, len(vocab))
        return lowered

    def _organisation_accounts(self, name: str) -> tuple[str, ...]:
        """Return the accounts of the index that the organisation called ``name`` publishes under (the organisations
        vocabulary: "meta" -> meta-llama, facebook), or ()."""
        if self.accounts is None:
            return ()
        vocab = self.vocabulary("author")
        return tuple(k for k in self.accounts(name) if k in vocab)

    def _stated(self, low: str) -> list[_Match]:
        """Read a question about what records state ("Which models have a DOI?", "... state how much CO2 was emitted
        ...", "... ship with a custom licence of their own ...", "... name their training data?") as the ``states``
        facet: a filter on the field's presence, shown and removable as any other. A field named by everyday words
        (a paper, a licence, a base model, a model card) is one only after a verb of having or stating and a
        determiner ("cite a paper", "have a base model"; not "the LoRA paper", "Llama 2 as their base model")."""
        vocab = self.vocabulary("states")
        out: list[_Match] = []
        for key, rx, verbed in STATED_FIELDS:
            for m in rx.finditer(low):
                if m.end() < len(low) and low[m.end()] in "'’":
                    continue  # "a paper's method": the thing it says, not the field
                if key == "emissions" and EMISSIONS_OF.match(low, m.start()):
                    continue  # "the carbon emissions of machine learning": what a paper is about
                before = low[max(0, m.start() - STATING_CHARS):m.start()]
                if verbed and (not STATING_VERB.search(before) or re.search(r"\bas\s+$", before)):
                    continue
                end = m.end()
                if key == "custom_licence":
                    standard = STANDARD_ONES.match(low, end)
                    end = standard.end() if standard else end  # "rather than one of the standard ones": its words
                label = f"states {STATED_LABELS[key]}"
                present = (key,) if key in vocab else ()
                out.append(_Match(m.start(), end, "states", present, label, remove=bool(present),
                                  note="" if present else f"no indexed FDO states {STATED_LABELS[key]}"))
        if any(m.label.endswith((STATED_LABELS["no_licence"], STATED_LABELS["custom_licence"])) for m in out):
            # "no licence at all, nothing about their licence": the licence's other mentions are that one
            out = [m for m in out if not m.label.endswith(" " + STATED_LABELS["licence"])]
        return out

    def _kinds(self, low: str) -> list[_Match]:
        vocab = self.vocabulary("kind")
        if len(vocab) < 2:
            return []
        # a platform's own kinds, named with the platform ("Which OpenML task evaluates ... on dataset 3"): the
        # kind asked for, before any other kind word (there "dataset" is what the task is evaluated on)
        for m in re.finditer(r"\bopenml\s+(task|run|flow|dataset)s?\b", low):
            kind = {"flow": "model", "run": "evaluation"}.get(m.group(1), m.group(1))  # the registry's kinds
            if kind in vocab:
                return [_Match(m.start(), m.end(), "kind", (kind,), f"kind: {vocab[kind][0]}")]
        # records of runs named as such ("evaluation runs on the optdigits data", "experiment results recorded with
        # Weka"): evaluation records (an OpenML run), when no model is asked for
        if "evaluation" in vocab and not re.search(r"\bmodels?\b|\bcheckpoints?\b", low):
            m = _RUN_RECORDS.search(low)
            if m:
                return [_Match(m.start(), m.end(), "kind", ("evaluation",), f"kind: {vocab['evaluation'][0]}")]
        # a task named as set on a data set ("a classification task on the anneal data", "tasks using dataset 3"): a
        # task record (an OpenML task), when no model is asked for; "for a ... task on ..." is what a model is for
        if "task" in vocab and not re.search(r"\bmodels?\b|\bcheckpoints?\b", low):
            for m in _TASK_ON_DATA.finditer(low):
                if not _FOR_A_TASK.search(low, max(0, m.start() - FOR_A_TASK_CHARS), m.start()):
                    return [_Match(m.start(), m.start() + len(m.group(1)), "kind", ("task",), f"kind: {vocab['task'][0]}")]
        for pattern, kind in ((r"\bmodels?\b|\bcheckpoints?\b", "model"), (r"\bdatasets?\b|\bcorp(?:us|ora)\b", "dataset"),
                              (r"\bpapers?\b|\barticles?\b|\bpublications?\b", "paper")):
            for m in re.finditer(pattern, low):
                if kind == "paper" and _WORKED_ON.search(low[:m.start()]):
                    continue  # "summarise news articles": the texts a job works on, not the kind of FDO asked for
                if kind == "paper" and (_ASKERS_PAPER_AFTER.match(low, m.end()) or _ASKERS_PAPER_BEFORE.search(
                        low, max(0, m.start() - ASKERS_PAPER_CHARS), m.start())):
                    continue  # "a paper I'm reading uses ...": where the question comes from, not what it asks for
                if kind in vocab:
                    return [_Match(m.start(), m.end(), "kind", (kind,), f"kind: {vocab[kind][0]}")]
                break
        return []

    def _name_index(self, facet: str) -> tuple[dict[str, set[str]], dict[str, list[str]]]:
        """Return (token -> keys, lower-cased key or label -> keys) for a facet, rebuilt when the index changes."""
        vocab = self.vocabulary(facet)
        cached = self._indexes.get(facet)
        if cached is not None and cached[0] is vocab:
            return cached[1]
        words: dict[str, set[str]] = {}
        exact: dict[str, list[str]] = {}
        for key, (label, _) in vocab.items():
            for form in {key, label}:
                exact.setdefault(form.lower(), []).append(key)
                for tok in tokens(form, keep_stopwords=True):
                    words.setdefault(tok, set()).add(key)
        self._indexes[facet] = (vocab, (words, exact))
        return words, exact

    def _match_names(self, facet: str, name: str) -> tuple[str, ...]:
        """Return facet keys whose name has every word of ``name`` (``llama`` -> ``meta-llama/Llama-2-7b``)."""
        n = normalise(name).strip()
        if len(n) < 2 or n in ("a", "the", "model", "models", "dataset", "data"):
            return ()
        words, _ = self._name_index(facet)
        hits: set[str] = set()
        for form in (n, re.sub(r"([a-z])(\d)", r"\1 \2", n)):  # "llama2" also as "llama 2"
            toks = tokens(form, keep_stopwords=True)
            if toks and all(t in words for t in toks):
                found = set.intersection(*(words[t] for t in toks))
                hits |= found
        # "stable diffusion 2.1" names stable-diffusion-2-1, whose version is two words; "styletts 2" names
        # StyleTTS2-LJSpeech, whose version is part of the word: when the name as written matches nothing
        for form in (re.sub(r"(\d)\.(?=\d)", r"\1 ", n), re.sub(r"([a-z]) (?=\d)", r"\1", n)):
            toks = tokens(form, keep_stopwords=True)
            if not hits and form != n and toks and all(t in words for t in toks):
                hits = set.intersection(*(words[t] for t in toks))
        vocab = self.vocabulary(facet)
        return tuple(sorted(hits, key=lambda k: (-vocab[k][1], k))[:50])

    def _names_label(self, relation: str, keys: tuple[str, ...]) -> str:
        shown = ", ".join(keys[:3])
        more = f" and {len(keys) - 3} more" if len(keys) > 3 else ""
        return f"{relation} {shown}{more}"

    # ---------------------------------------------------------------- assembling
    def _resolve(self, candidates: list[_Match]) -> list[_Match]:
        """Keep the longest non-overlapping matches (a strong match beats a weak one of the same length)."""
        # the chosen spans, sorted: they do not overlap, so their ends rise with their starts, and the one starting
        # last before ``m`` ends is the only one that can overlap it (checking every chosen one per candidate was
        # quadratic: 2,700 licence names in a 15 kB question took ~0.7 s)
        chosen: list[_Match] = []
        spans: list[tuple[int, int]] = []
        for m in sorted(candidates, key=lambda m: (-(m.end - m.start), not m.strong, not m.values, m.start)):
            at = bisect.bisect_left(spans, (m.end, -1))
            if at == 0 or spans[at - 1][1] <= m.start:
                bisect.insort(spans, (m.start, m.end))
                chosen.append(m)
        return sorted(chosen, key=lambda m: m.start)

    def _combine(self, facet: str, group: list[_Match], query: str) -> RecognisedFilter:
        span = " / ".join(query[m.start:m.end] for m in group)
        if facet in ("params", "date"):
            low, high = -math.inf, math.inf
            for m in group:
                for value in m.values:
                    a, b = parse_range(facet, value)
                    low, high = max(low, a), min(high, b)
            value = group[0].values[0] if len(group) == 1 else _range_text(facet, low, high)
            return RecognisedFilter(facet, (value,), range_label(facet, low, high), span)
        values = tuple(dict.fromkeys(v for m in group for v in m.values))
        label = group[0].label if len(group) == 1 else f"{facet}: " + " or ".join(
            self._value_label(facet, v) for v in values[:5])
        note = "; ".join(dict.fromkeys(m.note for m in group if m.note))  # how a value was read, when not by name
        return RecognisedFilter(facet, values, label, span, note=note, mode=self._mode(facet, group, query))

    @staticmethod
    def _mode(facet: str, group: list[_Match], query: str) -> str:
        """Return ``filter`` for an explicit constraint, ``boost`` for one read from loose words.

        A task or library filters only when the words before it say so ("only", "must")
        or the query names the value exactly as the index spells it (``text-classification``); libraries also when
        named one by one as alternatives ("fastai or Flair").
        """
        if (facet in LINK_FACETS or facet == "author") and all(m.loose for m in group) and not any(
                _explicit_before(query, m.start) for m in group):
            return "boost"
        if facet not in LOOSE_FACETS:
            return "filter"
        if facet == "library" and _alternatives(group, query):
            return "filter"  # "run on fastai or Flair": the libraries accepted, listed
        for m in group:
            if _explicit_before(query, m.start):
                return "filter"
            if facet == "library" and (AS_LIBRARY.match(query, m.end) or LIBRARY_IS.search(
                    query, max(0, m.start - LIBRARY_IS_CHARS), m.start)):
                return "filter"  # "name PyTorch as their library", "whose library is timm": the facet itself
            if query[m.start:m.end].lower() in {v.lower() for v in m.values} and "-" in query[m.start:m.end]:
                return "filter"
        return "boost"

    def _value_label(self, facet: str, value: str) -> str:
        if facet in ("params", "date"):
            try:
                return range_label(facet, *parse_range(facet, value))
            except Exception:
                return value
        entry = self.vocabulary(facet).get(value)
        return entry[0] if entry else value

    def _count(self, facet: str, value: str) -> int | None:
        entry = self.vocabulary(facet).get(value) if facet not in ("params", "date") else None
        return entry[1] if entry else None

    def _expansions(self, text: str) -> tuple[str, ...]:
        out: list[str] = []
        seen = set(tokens(text))
        flat = " " + " ".join(words(text)) + " "
        for tok in tokens(text):
            for extra in ACRONYMS.get(tok, ()) + EXPANSIONS.get(tok, ()):
                if extra not in out and extra not in seen:
                    out.append(extra)
        for acronym, phrases in ACRONYMS.items():  # the other way: "mixture of experts" is also "moe"
            if acronym not in seen and acronym not in out and any(f" {p} " in flat for p in phrases):
                out.append(acronym)
        return tuple(out[:12])

    def _questions(self, constrained: set[str]) -> list[FollowUp]:
        """Questions from the whole index (the searcher replaces them with result-aware ones)."""
        counts = {facet: [FacetValue(k, label, n) for k, (label, n) in
                          sorted(self.vocabulary(facet).items(), key=lambda kv: -kv[1][1])[:6]]
                  for facet in ("task", "licence", "language") if facet not in constrained}
        return follow_up_questions(counts, constrained)


# a count of something other than parameters ("more than a million downloads", "under 10k examples")
NOT_PARAMS = r"(?![\s-]*(?:downloads?|likes?|tokens?|examples?|samples?|rows?|images?|hours?|words?|sentences?|" \
             r"documents?|users?|pairs?|instances?|records?|stars?|times?)\b)"


_NUMBER = r"(\d+(?:[.,]\d+)*|an?|one|two|three|four|five|six|eight|ten|sixteen|thirty[ -]two|sixty[ -]four)"
_UNIT = r"(?:\s*(k|thousand|m|mn|million)\b)?"
# a context size: "128k context", "a million tokens (of context)", "32 thousand-token window", "context of 8k" (the
# number of tokens before the words for context, or after them, at most two words between)
CONTEXT_SIZE = re.compile(rf"\b{_NUMBER}{_UNIT}[\s-]*(?:[a-z]+\s+){{0,2}}?(?:tokens?|context|ctx)\b|"
                          rf"\bcontext(?:[\s-]+(?:window|length|size|of|up|to|about|around|roughly|at|least))*\s+"
                          rf"{_NUMBER}{_UNIT}(?=[\s-]*(?:tokens?\b|[,.?!;]|$))")
# what says a count of tokens is what a model takes in at once, near it: else a count of data or of output
CONTEXT_WORDS = re.compile(r"\b(?:context|ctx|window|inputs?|prompts?|takes?\s+in|read\s+in|long)\b")
CONTEXT_WORDS_CHARS = 60
TRAINED_ON = re.compile(r"\b(?:(?:pre-?)?train(?:ed|ing)|(?:fine[ -]?)?tun(?:ed|ing)|seen|saw|fed)\s+(?:on|with)\b")
_NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "eight": 8, "ten": 10,
                 "sixteen": 16, "thirty two": 32, "thirty-two": 32, "sixty four": 64,
                 "sixty-four": 64}
_UNITS = {"": 1, "k": 1_000, "thousand": 1_000, "m": 1_000_000, "mn": 1_000_000, "million": 1_000_000}


def context_tags(number: str, unit: str) -> tuple[str, ...]:
    """Return the tags a context of ``number`` ``unit`` tokens may be shown by ("a", "million": 1m, 1000k;
    "128,000": 128k), largest unit first; none for a count too small to be a context size (under a thousand)."""
    if number in _NUMBER_WORDS:
        value = float(_NUMBER_WORDS[number])
    else:
        try:
            value = float(number.replace(",", ""))
        except ValueError:
            return ()
    value *= _UNITS[unit]
    if value < 1_000:
        return ()
    out = []
    for size, suffix in ((1_000_000, "m"), (1_000, "k")):
        if value >= size and (value / size).is_integer():
            out.append(f"{int(value // size)}{suffix}")
    return tuple(out)


def _owned_name(text: str, start: int) -> str:
    """Return the name written after an owner's possessive at ``start`` ("Meta's Segment Anything model":
    Segment Anything): the words up to a clause or a descriptive word ("model"), as written; when the name
    begins with a capital, the capitalised words (or words with digits) only ("Google's Gemini available here")."""
    stop = LINK_STOP.search(text.lower(), start)
    named = []
    for w in re.findall(r"[\w][\w.\-]*", text[start:stop.start() if stop else len(text)])[:6]:
        if w.lower() in LINK_NOUNS or (named and named[0][0].isupper() and not (w[0].isupper() or
                                                                              any(c.isdigit() for c in w))):
            break
        named.append(w)
    return " ".join(named).rstrip(".")


_LICENCE_WORD = re.compile(r"[\s_-]*\blicen[sc](?:e|ed|es)\b$")
_ID_SEPARATORS = re.compile(r"[\s_-]+")


def writes_licence_id(written: str, key: str) -> bool:
    """Say whether ``written`` (a licence word "licence" aside) is the licence id ``key`` ("OpenRAIL++": openrail++,
    "CC BY-NC 4.0": cc-by-nc-4.0), dashes, underscores and spaces alike."""
    said = _licence_said(written)
    return bool(said) and _ID_SEPARATORS.sub("-", key.lower()) == said


def _licence_said(written: str) -> str:
    """Return licence words as ids are compared: lower-cased, a licence word after them and a verb before them
    ("released under the") aside, dashes, underscores and spaces as one dash."""
    return _ID_SEPARATORS.sub("-", _LICENCE_WORD.sub("", VERB_UNDER.sub("", written.lower())).strip())


def _exact_licence(written: str, keys: tuple[str, ...]) -> tuple[str, ...]:
    """Return the one licence of ``keys`` the words name by its exact id ("OpenRAIL++": openrail++, "CC-BY-NC-4.0":
    cc-by-nc-4.0), else ``keys``: the pattern reads a family's stem ("openrail", "cc-by-nc"), and an id written whole
    asks for that licence, not for its family. An id that is a part of another id held ("openrail" of
    bigcode-openrail-m, "cc-by-nc" of cc-by-nc-4.0) is the family's own word and keeps them all."""
    said = _licence_said(written)
    exact = [k for k in keys if writes_licence_id(written, k)]
    if len(exact) != 1 or len(keys) == 1:
        return keys
    part = re.compile(rf"(?:^|-){re.escape(said)}(?:-|$)")
    if any(part.search(_ID_SEPARATORS.sub("-", k.lower())) for k in keys if k != exact[0]):
        return keys
    return tuple(exact)


# a licence asked for as itself, not its family's: "plain OpenRAIL", "the original X", "X itself", "X, not one of its
# variants"
THIS_ONLY_BEFORE = re.compile(r"\b(?:plain|pure|vanilla|bare|basic|original|strictly|exactly)\s+(?:the\s+)?$")
THIS_ONLY_AFTER = re.compile(r"(?:[\s-]+licen[sc]e)?(?:\s+(?:itself|proper|as\s+such|exactly)\b|[\s,;(]+(?:but\s+|and\s+)?"
                             r"(?:not|no|none\s+of)\s+(?:one\s+of\s+|any\s+of\s+)?(?:its|the|their)\s+"
                             r"(?:[^\s.?!;]+\s+){0,5}?(?:variants?|versions?|flavou?rs?|derivatives?|relatives?|"
                             r"offshoots?|spin-?offs?|siblings?|famil(?:y|ies)|editions?|cousins?)\b)")
THIS_ONLY_CHARS = 20



def _this_licence_only(low: str, m: re.Match, keys: tuple[str, ...]) -> tuple[str, ...]:
    """Return the one licence of ``keys`` written by its exact id when the words around ask for it as itself ("plain
    OpenRAIL", "OpenRAIL itself", "OpenRAIL, not one of its -M or ++ variants"), else ``keys`` (the family's word
    reads the family)."""
    if len(keys) < 2:
        return keys
    exact = [k for k in keys if writes_licence_id(m.group(0), k)]
    if len(exact) != 1:
        return keys
    if THIS_ONLY_BEFORE.search(low, max(0, m.start() - THIS_ONLY_CHARS), m.start()) or \
            THIS_ONLY_AFTER.match(low, m.end()):
        return tuple(exact)
    return keys


def _only_method(m: _Match, method: _Match, low: str) -> bool:
    """Say whether the words of link match ``m`` that name something are those of ``method`` only (its name's other
    words descriptive or frame words; any overlap when ``m`` does not say where its name begins)."""
    if not (m.start < method.end and method.start < m.end):
        return False
    if m.name_start is None:
        return True  # where its name begins is not known: overlapping the method is enough
    outside = low[m.name_start:method.start] + " " + low[method.end:m.end]
    return not [w for w in re.findall(r"[a-z0-9]+", outside)
                if w not in LINK_NOUNS and w not in QUESTION_STOPWORDS and w not in GENERIC]


def _quantised(start: int, end: int, word: str = "quantized") -> _Match:
    """Return the span of words saying a copy is quantised without naming how, matched as ``word`` ("quantized",
    whose expansions are the formats and precisions names and tags use: gguf, 4bit, 8bit...). Like a format read
    as its Hub tag, it is the tag ``quantized``: the tasks of the format concept the word also names (GGUF: text
    generation) are not boosted, the derivatives asked for state no task."""
    return _Match(start, end, "method", (), "quantized", replace=word, tag="quantized")


def _joined(m: re.Match) -> str:
    """Return what joins a count's number to its unit in a ``NUM`` match ("-" in "20-billion")."""
    return m.string[m.end(1):m.start(2)]


# what joins values named one by one as alternatives ("fastai or Flair", "spaCy, Flair or fastai")
_ALTERNATIVE = re.compile(r"\s*(?:,\s*(?:or\s+)?|\bor\s+|/\s*)")
# an owner's name, possessive or not, right before a licence's name (``_licences``), within OWNER_CHARS letters
_OWNER = re.compile(r"([a-z][\w-]*)(?:['’]s)?\s+$")
OWNER_CHARS = 64


def _size_word(m: re.Match) -> str:
    """Return a size written out ("20-billion-parameter", "seven billion") as ids write it ("20b"), padded to
    the length of the words it replaces (spans stay aligned)."""
    count = _count(m.group(1), m.group(2))
    word = format_count(count).lower() if count is not None else m.group(0)
    return word.ljust(len(m.group(0))) if len(word) <= len(m.group(0)) else m.group(0)


def _about(number: str, unit: str, factor: float = APPROX_FACTOR) -> tuple[float, float] | None:
    """Return the counts an approximate size means: those within ``factor`` of it either way (log scale), as a model's
    name rounds its count ("32B": 32.8B; "7B": Gemma's 8.5B) and people round what they ask ("about ten billion")."""
    count = _count(number, unit)
    if count is None:
        return None
    return count / factor, count * factor


def _near(number: str, unit: str) -> str:
    """Return the counts nearest an approximate size, as a range value: those within ``APPROX_NEAR_SHARE`` of it
    ("" for no count)."""
    count = _count(number, unit)
    if count is None:
        return ""
    return f"{format_count(count * (1 - APPROX_NEAR_SHARE))}-{format_count(count * (1 + APPROX_NEAR_SHARE))}"


def _closest(number: str, unit: str) -> str:
    """Return the order value putting the counts nearest ``number`` ``unit`` first ("near:10B"), "" for no count."""
    count = _count(number, unit)
    return f"near:{format_count(count)}" if count is not None else ""


def order_label(order: str) -> str:
    """Return the words shown for an order of size ("nearest 10B first", "smallest first")."""
    if order.startswith("near:"):
        return f"nearest {order[5:]} parameters first"
    return "smallest first" if order == "ascending" else "largest first"


def _rounding(number: str, unit: str) -> tuple[float, float] | None:
    """Return the counts that round to ``number`` ``unit`` as written: "seven billion" and "7B" are 6.5B to 7.5B,
    "1.5B" 1.45B to 1.55B, "70 billion" 65B to 75B, "two and a half billion" 2.25B to 2.75B; None for no count."""
    count = _count(number, unit)
    if count is None:
        return None
    one = _count("1", unit) or 1.0  # the unit's size
    value = count / one
    if number[:1].isdigit():
        digits = number.replace(",", ".")
        step = 10.0 ** -len(digits.split(".")[1]) if "." in digits else \
            10.0 ** (len(digits) - len(digits.rstrip("0")))
    elif value != int(value):
        step = 0.5
    else:
        whole = str(int(value))
        step = 10.0 ** (len(whole) - len(whole.rstrip("0")))
    return (value - step / 2) * one, (value + step / 2) * one


def _count(number: str, unit: str) -> float | None:
    """Return the count ``number`` ``unit`` names, the number in digits or in words ("one", "a hundred",
    "half a", "twenty-five", "two and a half"), or None."""
    if number[:1].isdigit():
        return parse_count(number + unit)
    value, hundreds = 0.0, 0.0
    for w in re.split(r"[\s-]+", number):
        if w == "hundred":
            hundreds, value = (value or 1) * 100, 0.0
        elif w == "half":
            value += 0.5
        elif w in NUMBER_WORDS:
            value += NUMBER_WORDS[w]
        elif w == "a" and "half" not in number:
            value += 1
    total = hundreds + value
    return parse_count(f"{total:g}{unit}") if total else None


_AGENT = re.compile(r"(.{4,}?)(?:or|er)s?$")


def _action_noun(word: str, jobs: frozenset[str]) -> str | None:
    """Return the job word an agent noun names ("generator": "generation"), or None."""
    m = _AGENT.match(word)
    if m is None or word in jobs:
        return None
    stem_ = m.group(1)
    for ending in ("ion", "ation", "cation", "ing", "ption"):
        if stem_ + ending in jobs:
            return stem_ + ending
    if stem_.endswith("b") and stem_[:-1] + "ption" in jobs:  # transcriber: transcription
        return stem_[:-1] + "ption"
    return None


# a word beside a model's name saying which variant of it is meant: the instruction-tuned or chat one
_VARIANT_BEFORE = re.compile(r"\b(?:instruct(?:ion)?[ -]?(?:tuned|following)|instruct|chat)\s+$")
_VARIANT_AFTER = re.compile(r"\s+(?:instruct(?:ion[ -]?tuned)?|chat)\b")
VARIANT_SUFFIXES = ("it", "instruct", "chat")  # how ids name that variant: gemma-7b-it, Llama-3.1-8B-Instruct


def _variant(keys: tuple[str, ...], name: str, before: str, after: str) -> tuple[tuple[str, ...], int] | None:
    """Return (the keys of the variant the words beside ``name`` ask for, how far the words after it go), or None.

    "the instruction-tuned Gemma 7B", "Gemma 7B instruct", "the chat Llama 2 7B": among the models named with
    ``name``, those called ``name`` plus an instruction-tuned or chat suffix (google/gemma-7b-it); None when no
    such word stands beside the name or no such model is held (the name's own reading stands)."""
    said_after = _VARIANT_AFTER.match(after)
    if not (_VARIANT_BEFORE.search(before) or said_after):
        return None
    own = [w for w in re.findall(r"[a-z0-9]+(?:\.[a-z0-9]+)*", name.lower())]
    found = tuple(k for k in keys if (lambda ws: len(ws) > len(own) and ws[:len(own)] == own
                                      and ws[len(own)] in VARIANT_SUFFIXES and all(w == "hf" for w in ws[len(own) + 1:]))(
        re.findall(r"[a-z0-9]+(?:\.[a-z0-9]+)*", k.rsplit("/", 1)[-1].lower())))
    return (found, said_after.end() if said_after else 0) if found else None


# an acronym the question defines: the words it stands for, then it in brackets ("contrastive preference optimisation
# (CPO)"); read from the bracket back, so each is read once
_BRACKETED = re.compile(r"\(([a-z][a-z0-9]{1,7})\)")


def defined_acronyms(text: str) -> list[tuple[str, int, int]]:
    """Return (acronym in small letters, start, end) of each acronym the question defines in brackets after the words
    whose initials it spells ("contrastive preference optimisation (CPO)", "odds-ratio preference optimisation
    (ORPO)"), the span running from the first of those words to the bracket's end. Search reads it as a method named by
    its acronym: the question's words are matched as it, the form model names write, and the FDOs whose names or tags
    carry it rank up (its tag); the chat reads the words it stands for as it. A bracket spelling no initials of the
    words before it ("(GGUF)", "(7B)") is none."""
    low = text.lower()
    out = []
    for m in _BRACKETED.finditer(low):
        acronym = m.group(1)
        letters = [c for c in acronym if c.isalpha()]
        window = max(0, m.start() - 24 * len(acronym))  # (the words are read back from the bracket, a few at most)
        before = list(re.finditer(r"[a-z0-9]+", low[window:m.start()]))
        spelt = before[-len(letters):] if 2 <= len(letters) <= len(before) else []
        if spelt and all(w.group(0)[0] == c for w, c in zip(spelt, letters)):
            out.append((acronym, window + spelt[0].start(), m.end()))
    return out


def _stated_versions(sentence: str) -> tuple[set[str], set[tuple[int | None, int]]]:
    """Return the version codes a sentence writes (runs of four or more digits: "0324", "2501") and the months it
    names, with their year when given ("March 2025": (2025, 3); "the March update": (None, 3))."""
    codes = set(re.findall(r"(?<![\d.,])\d{4,8}(?![\d.,]\d)", sentence))
    dates = {(int(m.group(2)) if m.group(2) else None, MONTHS[m.group(1)[:3]])
             for m in re.finditer(rf"\b({'|'.join(MONTH_NAMES)})\b(?:\s+(?:of\s+)?((?:19|20)\d\d)\b)?", sentence)
             if m.group(2) or (len(m.group(1)) > 3 and m.group(1) != "may")}  # "may", "mar" alone are words
    return codes - {str(y) for y, _ in dates if y}, dates


def _carries_version(key: str, codes: set[str], dates: set[tuple[int | None, int]]) -> bool:
    """Whether a model's name after its owner holds one of ``codes`` or a date code of one of ``dates``: YYMM
    (Mistral's 2501, January 2025) or MMDD (DeepSeek's 0324, March 24th)."""
    for part in re.split(r"[-_./]", key.rsplit("/", 1)[-1]):
        if part in codes:
            return True
        if len(part) != 4 or not part.isdigit():
            continue
        first, second = int(part[:2]), int(part[2:])
        if 18 <= first <= 40 and 1 <= second <= 12 and ((2000 + first, second) in dates or (None, second) in dates):
            return True  # YYMM
        if 1 <= first <= 12 and 1 <= second <= 31 and any(mo == first for _, mo in dates):
            return True  # MMDD: the year is not written
    return False


def _pretrained(keys: tuple[str, ...], after: str) -> tuple[str, ...]:
    """Keep the pretrained models of ``keys`` when the name is followed by "base" ("the Llama 4 Scout base model":
    not its instruction-tuned versions); all of them when none is."""
    if not re.match(r"\s+base\b", after):
        return keys
    return tuple(k for k in keys if not TUNED_NAME.search(k.rsplit("/", 1)[-1])) or keys


def _data_described(matches: list[_Match], low: str) -> list[_Match]:
    """Drop a base model read from words describing the data set named just before ("tuned on the 110k Chinese
    reasoning traces distilled from DeepSeek-R1"): the data was made from it, not the models asked for."""
    datasets = [m for m in matches if m.facet == "dataset"]
    kept = []
    for m in matches:
        if m.facet == "base_model" and DATA_MADE.match(low, m.start) and any(
                d.end <= m.start and not DATA_CLAUSE_END.search(low, d.end, m.start)
                and len(low[d.end:m.start].split()) <= 4 for d in datasets):
            continue
        kept.append(m)
    return kept


def _linked_kind(matches: list[_Match], low: str) -> list[_Match]:
    """Drop a kind read from the word that names a linked FDO's kind ("linked to the Llama 2 paper, arXiv
    2307.09288", "trained on the X dataset"): the question asks for what links to it, and a paper cites no paper,
    so the kind and the link together would match nothing and both be relaxed away. A question for what cites a
    paper ("cite the DPO paper", its name unread) asks for no paper either."""
    linked = {m.facet for m in matches if m.facet in ("paper", "dataset") and m.values}
    if re.search(PAPER_RELATION, low):
        linked.add("paper")
    return [m for m in matches if not (m.facet == "kind" and set(m.values) & linked)]


# runs and their results named as records: "evaluation runs", "experiment runs", "experiment results", "runs of" a flow
# ("runs with", "runs on" are what a model does)
_RUN_RECORDS = re.compile(r"\b(?:evaluation|experiment(?:al)?|benchmark)\s+runs?\b|\bexperiment(?:al)?\s+results?\b|"
                          r"\bruns\s+of\b")
# "task(s)" set on a data set: "a classification task on the anneal data", "tasks using dataset 3", "the task over
# the iris data set"; up to three words name the data between
_TASK_ON_DATA = re.compile(r"\b(tasks?)\s+(?:on|over|using|uses|use|with|for|from)\s+(?:(?:the|a|an|this|that|my)\s+)?"
                           r"(?:[\w'.-]+\s+){0,3}?(?:data(?:\s*sets?)?|datasets?)\b")
# "for a classification task on ...", "can do a task on ...": the task is what something else is for or does
# (read in the FOR_A_TASK_CHARS letters before the task: the question up to each "task on ... data" was quadratic)
FOR_A_TASK_CHARS = 120
_FOR_A_TASK = re.compile(r"\b(?:for|in|to|of|do|does|doing|perform|performs|handle|handles|solve|solves)\s+(?:(?:a|an|the|this|that|my|our|your|any)\s+)?(?:[\w-]+\s+){0,2}$")
# a job's verb, or a kind of text, just before "papers"/"articles": they are what the job works on
# ("summarise news articles", "classify scientific papers"), not papers asked for
def _askers_papers(low: str) -> list[_Match]:
    """Return the words telling of a paper the asker reads ("A paper I'm reading uses ...", "I'm reading a paper
    that ..."): where the question comes from, taken out of the words matched (no kind, no topic)."""
    out = []
    for m in re.finditer(r"\bpapers?\b", low):
        after = _ASKERS_PAPER_AFTER.match(low, m.end())
        before = _ASKERS_PAPER_BEFORE.search(low, max(0, m.start() - ASKERS_PAPER_CHARS), m.start())
        if after or before:
            start = before.start() if before else max(0, m.start() - len(_ARTICLE.search(low, 0, m.start()).group(0))
                                                          if _ARTICLE.search(low, 0, m.start()) else m.start())
            out.append(_Match(start, after.end() if after else m.end(), "kind", (), "", strong=False, remove=True))
    return out


_ARTICLE = re.compile(r"\b(?:a|an|the|this|that|my|our)\s+$")
# a paper the asker reads or writes ("A paper I'm reading uses ...", "I'm reading a paper that ..."): where the
# question comes from, not the kind of record it asks for
_ASKERS_PAPER_AFTER = re.compile(r"s?\s+(?:that\s+|which\s+)?(?:i|we)(?:['’]m|['’]ve|['’]re|\s+am|\s+are|\s+have|"
                                 r"\s+was|\s+were)?(?:\s+been)?(?:\s+just)?\s+(?:read|reading|found|saw|seen|wrote|"
                                 r"writing|studying|reviewing|came\s+across|cite|citing)\b")
_ASKERS_PAPER_BEFORE = re.compile(r"\b(?:i|we)(?:['’]m|['’]re|\s+am|\s+are|\s+was|\s+have\s+been|['’]ve\s+been)?\s+"
                                  r"(?:read|reading|writing|wrote|studying|reviewing|found)\s+(?:a|an|the|this|that|my|our)"
                                  r"(?:\s+[\w-]+)?\s+$")
ASKERS_PAPER_CHARS = 60
_WORKED_ON = re.compile(r"\b(?:summari[sz]e[sd]?|summari[sz]ing|summar(?:y|ies)|classif(?:y|ies|ying)|translat(?:e|es|ing)|"
                        r"writ(?:e|es|ing)|generat(?:e|es|ing)|read(?:s|ing)?|analy[sz](?:e|es|ing)|tag(?:s|ging)?|"
                        r"label(?:s|ling|ing)?|extract(?:s|ing)?|pars(?:e|es|ing)|news|scientific|research|academic|"
                        r"medical|legal|long|short)(?:\s+\w+){0,2}\s*$")


# what lies between a name and an apposition describing it: "SetFit, the few-shot sentence-transformer method",
# "SetFit (a sentence-transformers method)"
# (after a comma, an article: "SetFit, sentence-transformers and more" is a list)
# (after a comma, an article or an owner's possessive: "TRL, Hugging Face's fine-tuning library"; "SetFit,
# sentence-transformers and more" is a list)
_APPOSITION_OPENS = r"(?:,\s*(?:(?:the|a|an)\s+|[\w.-]+(?:\s+[\w.-]+)?['’]s\s+)|(?:\(|--?|–|—)\s*(?:(?:the|a|an)\s+)?)"
_APPOSITION = re.compile(rf"\s*{_APPOSITION_OPENS}(?:[\w-]+\s+){{0,3}}$")


_APPOSED = re.compile(r"\s*(?:,\s*(?=(?:the|a|an)\s|[\w.-]+(?:\s+[\w.-]+)?['’]s\s)|\(|--?|–|—)\s*"
                      r"((?:(?:the|a|an)\s+)?[^,.;:?!()]*)")
_APPOSED_SHORT = re.compile(_APPOSED.pattern.replace("[^,.;:?!()]*", "[^,.;:?!()]{0,120}(?![^,.;:?!()])"))
# the head noun of an apposition saying what a named library is ("Hugging Face's reinforcement-learning and
# fine-tuning library"): the words before it describe the library, they ask for no task
_TOOL_HEAD = re.compile(r"\b(?:librar(?:y|ies)|toolkits?|frameworks?|tools?|packages?|trainers?|runtimes?|engines?|"
                        r"methods?)\s*$")


# how far before a commercial use a negation denies it ("we do not plan to sell")
BUSINESS_NEGATION_CHARS = 30
# the words a sell verb's clause runs on to: what is sold and where ("sells software in the Gulf"), up to the clause's end
_SOLD = re.compile(r"[^,;:.!?()]*")
_SELLS = re.compile(r"\b(?:sells?|selling|sold|resell(?:s|ing)?)\b", re.I)


def business_told(query: str) -> list[tuple[int, int]]:
    """Return the spans of ``query`` that describe the asker's business in a question about the terms of use ("Our
    accounting firm", "My insurance company", "sells software in the Gulf"), or [] when the question does not speak
    of licences (``LICENCE_TALK``).

    The business is why the asker needs a commercial licence, not a subject the models asked for must show: "Our
    accounting firm wants a French model. Which ones may we use commercially?" asks for French models under a licence
    allowing commercial use, not finance models. A business named where no licence is asked about ("We run a law
    firm. Which models summarise contracts?") is left alone: it may be what the models are for. A sell verb's clause
    runs on to its end (what is sold and where); a negated use ("we do not sell it") describes no business. One pass
    of linear-time patterns over the question."""
    if not LICENCE_TALK.search(query):
        return []
    spans = []
    for m in COMMERCIAL_USE.finditer(query):
        if NOT_COMMERCIAL.search(query, max(0, m.start() - BUSINESS_NEGATION_CHARS), m.start()):
            continue
        end = m.end()
        if _SELLS.fullmatch(m.group(0)):
            end = _SOLD.match(query, end).end()
        spans.append((m.start(), end))
    return spans


def blanked(text: str, spans: list[tuple[int, int]]) -> str:
    """Return ``text`` with the characters of ``spans`` (start, end) replaced by spaces."""
    chars = list(text)
    for a, b in spans:
        chars[a:b] = " " * (b - a)
    return "".join(chars)


def apposed(query: str, span: str, tool: bool = False) -> str:
    """Return the apposition right after ``span`` in ``query`` ("SetFit, the few-shot sentence-transformer method":
    "the few-shot sentence-transformer method"), or "". With ``tool``, only one ending in a word for a library
    ("Hugging Face's reinforcement-learning and fine-tuning library")."""
    at = query.lower().find(span.lower()) if span else -1
    m = _APPOSED.match(query, at + len(span)) if at >= 0 else None
    return m.group(1) if m and (not tool or _TOOL_HEAD.search(m.group(1).lower())) else ""


def _appositions(matches: list[_Match], low: str) -> list[_Match]:
    """Drop a library read from an apposition describing the library just named: "trained with SetFit, the few-shot
    sentence-transformer method" names SetFit; sentence-transformers is only what SetFit builds on (boosting both
    ranked the sentence-transformers models above the one SetFit model). A task read there when the apposition ends
    in a word for a library ("TRL, Hugging Face's reinforcement-learning and fine-tuning library") is what the
    library does, not what the models asked for do: read as a filter, it listed reinforcement-learning agents."""
    out: list[_Match] = []
    # the libraries kept, by where they end: the one just named is found by halving (a look back through all before
    # each match was quadratic in a long question of libraries, "mlx, mlx, ...")
    named_at: list[tuple[int, int]] = []
    for m in matches:
        named = None
        if m.facet in ("library", "task"):
            k = bisect.bisect_right(named_at, (m.start, len(out)))
            named = out[named_at[k - 1][1]] if k else None
        if named is not None and m.facet == "library" and (named.values or named.tag) \
                and _APPOSITION.fullmatch(low[named.end:m.start]) \
                and not set(m.values) & set(named.values) and not (m.tag and m.tag == named.tag):
            continue
        if named is not None and m.facet == "task" and _APPOSITION.fullmatch(low[named.end:m.start]):
            described = _APPOSED.match(low, named.end)
            if described is not None and _TOOL_HEAD.search(described.group(1)):
                continue
        if m.facet == "library":
            bisect.insort(named_at, (m.end, len(out)))
        out.append(m)
    return out


# the facets of values the rules read by name that a question may set aside ("Apache 2.0 rather than MIT", "but not in
# German"); a linked model or data set set aside ("rather than the base one") is left to the lineage rules
SET_ASIDE_FACETS = frozenset({"licence", "task", "language", "library"})


# a bare "not" right before a value, or its preposition or article ("not Apache or MIT", "not in German")
_NOT_BEFORE = re.compile(r"\bnot\s+(?:(?:under|in|with|using|on|for|from|by)\s+)?(?:(?:the|an?)\s+)?$")
NOT_BEFORE_CHARS = 40


def _asked(matches: list[_Match], low: str) -> list[_Match]:
    """Drop the constraints read inside what the question sets aside (``SET_ASIDE``: "under Apache 2.0 rather than
    MIT" asks for Apache 2.0 alone; "text classifiers, not MIT ones")."""
    aside = [(m.start(), m.end()) for m in SET_ASIDE.finditer(low)]
    # a bare "not" right before a value ("text classifiers not Apache or MIT", "a translator not in German") sets it
    # aside as far as SET_ASIDE would
    for m in matches:
        said = _NOT_BEFORE.search(low, max(0, m.start - NOT_BEFORE_CHARS), m.start) \
            if m.facet in SET_ASIDE_FACETS else None
        if said is not None:
            aside.append((said.start(), NOT_ASIDE.match(low, said.start()).end()))
    if not aside:
        return matches
    return [m for m in matches if m.facet not in SET_ASIDE_FACETS
            or not any(a <= m.start and m.end <= b for a, b in aside)]


# how far before a constraint ``EXPLICIT`` can open: its longest word (11 characters) and the 30 it allows after it,
# with room to spare, so that the character before that word is inside the window and ``\b`` reads it as in the
# whole question
_EXPLICIT_REACH = 60


def _explicit_before(query: str, start: int) -> bool:
    """Tell whether the words right before ``start`` make the constraint there explicit ("only", "must"): only the
    last ``_EXPLICIT_REACH`` characters are read (``EXPLICIT`` ends at the constraint), so that reading every
    constraint of a long question stays linear in its length (lower-casing the whole question before each took
    seconds for 40 kB)."""
    return EXPLICIT.search(query[max(0, start - _EXPLICIT_REACH):start].lower()) is not None


def _alternatives(group: list[_Match], query: str) -> bool:
    """Say whether the group is two or more values named by name, joined as alternatives ("fastai or Flair", "spaCy,
    Flair or fastai"); a format read as its tag is no value named."""
    ordered = sorted(group, key=lambda m: m.start)
    return len(ordered) > 1 and all(m.values and not m.tag for m in ordered) and all(
        _ALTERNATIVE.fullmatch(query[a.end:b.start].lower()) for a, b in zip(ordered, ordered[1:]))


def _direction(group: list[_Match], low: str) -> bool:
    """Say whether two language names of the query are joined as a direction ("German into English")."""
    ordered = sorted(group, key=lambda m: m.start)
    return any(DIRECTION.match(low[a.end:b.start]) for a, b in zip(ordered, ordered[1:]))


def _range_text(facet: str, low: float, high: float) -> str:
    fmt = format_count if facet == "params" else (
        lambda t: datetime.fromtimestamp(t, timezone.utc).strftime("%Y-%m-%d"))
    if low == -math.inf:
        return "<" + fmt(high)
    if high == math.inf:
        return ">=" + fmt(low)
    if facet == "date":
        return f"{fmt(low)}..{datetime.fromtimestamp(high - 86400, timezone.utc):%Y-%m-%d}"
    return f"{fmt(low)}-{fmt(high)}"


def _dedupe(items: list[SuggestedFilter]) -> list[SuggestedFilter]:
    seen, out = set(), []
    for s in items:
        if (s.facet, s.value) not in seen:
            seen.add((s.facet, s.value))
            out.append(s)
    return out


_QUESTION_TEXT = {
    "task": "Which task should it do: {options}?",
    "licence": "Do you need a particular licence, for example {options}?",
    "params": "How large may the model be: {options}?",
    "language": "Which language should it handle: {options}?",
    "library": "Which library will you use it with: {options}?",
    "base_model": "Should it derive from a particular base model, such as {options}?",
    "kind": "Are you looking for {options}?",
}


def follow_up_questions(counts: dict[str, list[FacetValue]], constrained: set[str], limit: int = 3) -> list[FollowUp]:
    """Return up to ``limit`` questions about the facets that split the results most evenly."""
    scored = []
    for facet, values in counts.items():
        if facet in constrained or facet not in _QUESTION_TEXT:
            continue
        values = [v for v in values if v.count > 0]
        if len(values) < 2:
            continue
        total = sum(v.count for v in values)
        shares = [v.count / total for v in values]
        entropy = -sum(p * math.log(p) for p in shares)
        if max(shares) > 0.9:
            continue  # nearly every result has the same value: the question would not narrow anything
        scored.append((entropy, facet, values[:3]))
    order = ["task", "params", "licence", "language", "library", "base_model", "kind"]
    scored.sort(key=lambda s: (-round(s[0], 1), order.index(s[1])))
    questions = []
    for _, facet, values in scored[:limit]:
        names = [f"{v.label} ({v.count})" for v in values]
        text = ", ".join(names[:-1]) + " or " + names[-1] if len(names) > 1 else names[0]
        questions.append(FollowUp(_QUESTION_TEXT[facet].format(options=text), facet, tuple(values)))
    return questions


class _Link(NamedTuple):
    facet: str
    values: tuple[str, ...]
    label: str
    start: int
    end: int
    exact: bool


def _same_name(name: str, key: str, label: str) -> bool:
    """Tell whether ``name`` is what ``key`` is called: the key, its last part ("tatsu-lab/alpaca": alpaca), the
    label up to a colon ("LoRA: Low-Rank Adaptation ..."), or the key after its scheme ("arXiv:2005.12872":
    2005.12872), separators (a slash too: "tatsu-lab alpaca") aside."""
    def flat(text: str) -> str:
        return re.sub(r"[\s_\-./]+", " ", text.lower()).strip()
    target = flat(name)
    last = flat(key.rsplit("/", 1)[-1])
    # "-hf" marks a model's copy in the Hub's transformers format (meta-llama/Llama-2-7b-chat-hf), no part of the name
    # people say: "Llama 2 7B chat" is what it is called
    return target in {flat(key), last, flat(label), flat(label.split(":", 1)[0]), flat(key.split(":", 1)[-1]),
                      re.sub(r" hf$", "", last)}


# ------------------------------------------------------------ the shape of a question
def words(text: str) -> list[str]:
    """Return the lower-cased words of ``text``, separators (-_/) splitting words."""
    return WORD.findall(re.sub(r"[-_/]+", " ", text.lower()))


@dataclass
class Question:
    """What a question asks, read by :func:`read`.

    ``understanding`` holds the constraints search reads from the same text (None when no
    searcher read it): ``filters`` are explicit and exclude what fails them, ``boosts`` only rank.
    """

    text: str
    attributes: list[str] = field(default_factory=list)
    compare: tuple[str, str] | None = None
    listing: bool = False
    anaphora: bool = False
    mentions: list[str] = field(default_factory=list)  # name-shaped strings, as written
    quoted: list[str] = field(default_factory=list)
    terms: list[str] = field(default_factory=list)  # topical words (stemmed), without stopwords or generic words
    understanding: QueryUnderstanding | None = None
    search_text: str = ""  # the question without its frame ("Which model can ...", "What do you have?")

    @property
    def filters(self) -> dict[str, list[str]]:
        """Return the explicit constraints (facet -> accepted values) read from the question."""
        return self.understanding.filters() if self.understanding is not None else {}

    @property
    def boosts(self) -> dict[str, list[str]]:
        """Return the constraints read from loose words or concepts (facet -> preferred values)."""
        return self.understanding.boosts() if self.understanding is not None else {}

    @property
    def wants(self) -> str:
        """Return the main kind of answer: compare, list or about."""
        if self.compare:
            return "compare"
        if self.listing and not self.mentions:
            return "list"
        if not self.mentions and self.understanding is not None and any(
                r.applied and r.facet == "params" and r.mode in ("filter", "order") for r in self.understanding.recognised):
            # a size band or order of size with no name ("anything with about a billion parameters?", "What do you
            # have at around 32 billion parameters?") asks for the models of that size, not a fact of one of them
            return "list"
        return "about"


# Words that ask for an attribute: they choose the facts to state, they are not a topic to match (the superlatives
# of size are all those ``SMALLEST`` and ``LARGEST`` read as an order: "the biggest model" was a topic no FDO showed).
_ATTRIBUTE_WORDS = frozenset(stem(w) for w in """
licence licences license licenses licensed licensing terms commercial commercially permissive task tasks pipeline
dataset datasets trained training train data corpus corpora evaluation evaluations evaluated evaluate benchmark
benchmarks accuracy score scores metric metrics performance perform performs result results size big bigger large
larger largest small smaller smallest biggest hugest heaviest tiniest littlest lightest parameters parameter params based base fine tuned finetuned tune derived
derivative derivatives parent parents quantized quantised adapter adapters merged lineage children descendants
built paper papers publication publications arxiv cite citation published article author authors made created
organisation organization publisher shared downloads download downloaded popular popularity likes languages
language library libraries framework frameworks version versions
""".split())


def read(text: str, understand: Callable[[str], QueryUnderstanding] | None = None) -> Question:
    """Return what ``text`` asks; ``understand`` (a searcher's) adds the constraints search reads from it."""
    text = " ".join(text.split())
    q = Question(text=text, understanding=understand(text) if understand is not None and text else None)
    q.attributes = [name for name, rx in ATTRIBUTE_RES.items() if rx.search(text)]
    if CHILDREN.search(text):
        q.attributes = [a for a in q.attributes if a != "base"]
        if "derivatives" not in q.attributes:
            q.attributes.append("derivatives")
    elif "derivatives" in q.attributes and "base" in q.attributes and not re.search(
            r"based on|fine[ -]?tuned from|derived from|base model", text.replace("based on it", ""), re.I):
        q.attributes.remove("base")
    for rx in COMPARE:
        m = rx.search(text)
        if m:
            a, b = _trim(m.group("a")), _trim(m.group("b"))
            if a and b and a.lower() != b.lower():
                q.compare = (a, b)
                break
    q.listing = bool(LIST.search(text))
    q.anaphora = bool(ANAPHORA.search(text))
    q.quoted = [s.strip() for s in QUOTED.findall(text) if s.strip()]
    seen: set[str] = set()
    for rx in (ORG_NAME, NAME_TOKEN):
        for m in rx.finditer(text):
            token = m.group(1).strip(".-_")
            if not token or NOT_A_NAME.match(token) or token.lower() in seen or _technical(token):
                continue
            if rx is NAME_TOKEN and any(token.lower() in s for s in seen):
                continue  # part of an org/name already taken
            seen.add(token.lower())
            q.mentions.append(token)
    for s in q.quoted:
        if s.lower() not in seen:
            seen.add(s.lower())
            q.mentions.append(s)
    q.terms = topical_terms(_undescribed(text))
    # the asker's business in a question about the terms of use ("Our accounting firm wants a French model. Which ones
    # may we use commercially?") is why a commercial licence is needed, no topic of the models asked for
    # (``business_told``); a word the rest of the question writes too stays
    told = business_told(text)
    if told:
        outside = set(topical_terms(blanked(text, told)))
        q.terms = [t for t in q.terms if t in outside]
    q.search_text = unframe(text)
    return q


def _undescribed(text: str) -> str:
    """Return ``text`` without the appositions saying what a library it names is ("TRL, Hugging Face's
    reinforcement-learning and fine-tuning library"): the models asked for carry the library (its tag), not the words
    describing it (the chat refused the TRL models, which hold no "reinforcement" nor "library")."""
    low = text.lower()
    cut = bytearray(len(text))
    for pattern, _ in LIBRARY_PATTERNS:
        for m in re.finditer(pattern, low):
            # (a short apposition only: one read to the end of the clause from each of many libraries named in a
            # long question without a comma, "trl - trl - ...", was quadratic in it)
            described = _APPOSED_SHORT.match(low, m.end())
            if described is not None and described.group(1) and _TOOL_HEAD.search(described.group(1)):
                cut[described.start(1):described.end(1)] = b"\x01" * (described.end(1) - described.start(1))
    if not any(cut):
        return text
    return "".join(" " if gone else ch for ch, gone in zip(text, cut))


def _technical(token: str) -> bool:
    """Say whether a token written like a name is a technical term: an acronym's expansion or a precision
    however written ("mixture-of-experts", "8-bit", "int8"), or a compound of common ML words
    ("encoder-decoder", "long-context"). The chat would otherwise look it up as a model and say there is none."""
    toks = tokens(token, keep_stopwords=True)
    covered = {j for start, end, _ in spellings(toks) for j in range(start, end)}
    if toks and len(covered) == len(toks):
        return True
    parts = re.split(r"[-_.]+", token.lower())
    return all(p.isalpha() for p in parts) and all(p in ML_TERM_WORDS or p in QUESTION_STOPWORDS for p in parts)


# a task's name may begin with a frame word ("question answering", "answer questions"): the frame ends there
# an acronym's expansion at the end of the words before "paper" ("direct preference optimization") -> the acronym
_WRITTEN_OUT = {phrase: acronym for acronym, phrases in ACRONYMS.items() for phrase in phrases}
_WRITTEN_OUT_END = re.compile(r"\b(" + "|".join(re.escape(p).replace(r"\ ", r"[\s\-]+")
                                               for p in sorted(_WRITTEN_OUT, key=len, reverse=True)) + r")\s*$")


def _paper_tag(words: str) -> tuple[int, str] | None:
    """Return (offset, tag) of the word naming a paper as a tag: an acronym written out ("the direct preference
    optimization paper": dpo) or else the last word ("the orpo paper"); None without a word."""
    written = _WRITTEN_OUT_END.search(words)
    if written:
        return written.start(1), _WRITTEN_OUT[re.sub(r"[\s\-]+", " ", written.group(1))]
    last = re.search(r"([a-z0-9][\w\-]*)\s*$", words)
    return (last.start(1), last.group(1)) if last else None


_TASK_AT = re.compile("|".join(f"(?:{p})" for p, _ in TASK_PATTERNS))
_SENTENCE = re.compile(r"(?:[^.?!]|\.(?=\w))+[.?!]*")  # a dot inside a word ("llama.cpp", "3.1") ends no sentence


def sentences(text: str) -> list[str]:
    """Return the sentences of ``text``, each with its closing marks; a dot inside a word ("llama.cpp", "3.1") ends
    none."""
    return _SENTENCE.findall(text)
_FRAME_WORD = re.compile(r"[\w'’-]+")


# generic words that are also jobs a model does when a topic follows them inside the frame ("can describe pictures")
_JOB_VERBS = frozenset("describe explain answer compare count".split())


def _topical(word: str) -> bool:
    return not (word in QUESTION_STOPWORDS or word in GENERIC)


def unframe(text: str) -> str:
    """Return ``text`` without the words that frame a question to the registry, for searching.

    Sentences without a topical word are dropped ("What do you have?"); in the others, leading
    stopwords and generic words ("Which model can", "Do you have a", "Is there a model that")
    are, up to a task's name ("question answering" keeps its "question"). Constraint words ("only",
    "without") stay. The frame otherwise weighs on the search:
    "model" matches records named "Model", and the question's meaning drifts from its topic.
    """
    kept = []
    for sentence in sentences(text):
        if not topical_terms(sentence):
            continue
        pos = 0
        low = sentence.lower()
        frame = list(_FRAME_WORD.finditer(sentence))
        for i, m in enumerate(frame):
            w = m.group(0).lower()
            if w in KEEP_IN_FRAME or not (w in QUESTION_STOPWORDS or w in GENERIC) or _TASK_AT.match(low, m.start()):
                break
            if w in _JOB_VERBS and pos and i + 1 < len(frame) and _topical(frame[i + 1].group(0).lower()):
                break  # "a model that can describe pictures": a job; "describe bert", at the start, asks about one
            pos = m.end()
        kept.append(sentence[pos:].strip())
    out = " ".join(k for k in kept if k).strip(" ?!.")
    return out or text


def _untail(text: str) -> str:
    """Return ``text`` without the stopwords it ends with ("code models with", "models that have"); a
    constraint word ("only", "not") stays."""
    words_ = text.split()
    while len(words_) > 1 and words_[-1].lower().strip(",;:") in QUESTION_STOPWORDS \
            and words_[-1].lower() not in KEEP_IN_FRAME:
        words_.pop()
    return " ".join(words_).rstrip(" ,;:")


def topical_terms(text: str) -> list[str]:
    """Return the stemmed words of ``text`` that name a topic (not stopwords, generic or attribute words)."""
    out = []
    # a size written out as one word is one word as ids write it ("the 20-billion-parameter NeoX": 20b, a word of
    # gpt-neox-20b); a size apart ("more than 5 billion parameters") is a constraint's words, as before
    text = re.sub(rf"{NUM}{PARAMS}{NOT_PARAMS}", lambda m: _size_word(m).strip() if "-" in _joined(m) else m.group(0),
                  text.lower())
    for w in words(text):
        w = re.sub(r"'s$", "", w)  # "the speaker's gender": the speaker
        if w in QUESTION_STOPWORDS or w in GENERIC or len(w) < 2:
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


# a version or size ending a data set's name after its words ("-2.5", "_v2", "-1k", "-17k"): no word of the name
_DATA_VERSION = re.compile(r"(?:[_\-.]v?\d+(?:\.\d+)?[km]?)+$")


def _whole_named(name: str, keys: tuple[str, ...], opening: bool = False,
                 inside: "frozenset[str] | None" = None) -> tuple[str, ...]:
    """Return the data sets ``keys`` that a one-word ``name`` read after "trained on" names whole: the data set's name
    after its owner is that word, but for a version ("alpaca" names tatsu-lab/alpaca, "openhermes"
    HuggingFaceH4/OpenHermes-2.5), or, for a word holding a digit ("gsm8k"), one of its name's words. A common word
    that is only a part of a longer name names no data set ("trained on people" is no Unsupervised People's Speech);
    with ``opening``, one that opens the name does ("alpaca" of alpaca-chats), and so does a word of the name as
    written that no task's name holds (``inside``: "guanaco" of openassistant-guanaco; not "speech" of
    unsupervised_peoples_speech, nor "people" of its "peoples"). A name of several words is read as
    ``_match_names`` reads it."""
    word = normalise(name).strip()
    if len(tokens(word, keep_stopwords=True)) != 1:
        return keys
    digit = any(c.isdigit() for c in word)
    out = []
    for key in keys:
        part = key.rsplit("/", 1)[-1].lower()
        parts = re.split(r"[_\-.\s]+", part)
        if _DATA_VERSION.sub("", part) == word or part == word or (digit and word in parts) or (
                opening and (parts[0] == word or (inside is not None and word not in inside and word in parts))):
            out.append(key)
    return tuple(out)
