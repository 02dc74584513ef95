"""Concepts in search: reach models through what a question means, not only through their words.

The concept FDOs harvested from `registry/ontology/vocabularies` (tasks, libraries, licences and their
families, languages, modalities, kinds of task, subject areas) carry labels, synonyms and plain-language jobs. A question is
matched against those phrases twice: by words (every informative word of a phrase in the
question, after stemming) and by meaning (the embedding of the question close to a phrase's).
A matched concept becomes a *boost* on the facet values it stands for: a task, every task of a
family ("models that analyse text": classification, tagging, extractive answering, ...) or of a modality ("vision models"), the task a kind of task narrows ("positive or negative reviews", sentiment
analysis: text classification), every licence of a family ("share-alike"), the licences that allow
commercial use ("for a commercial product"), forbid derivative works ("no derivatives") or ask nothing
at all ("public domain or no conditions"), the tasks a library serves; a kind of task or a subject area
("chemical questions": chemistry) also stands for the models whose tags, name or data sets hold its markers
(a ``topic`` boost). A data set named or described ("grade-school maths word problems": GSM8K) stands for the models
trained on it (a ``dataset`` boost) and those whose name or tags name it ("mmlu"). Boosts rank models up and may add
them to the results; they never remove one.
"""

from __future__ import annotations

import re
import threading
from collections import Counter, defaultdict
from collections.abc import Callable, Collection
from dataclasses import dataclass, field, replace
from functools import lru_cache

import numpy as np

from registry.search.patterns import IDIOM_BEFORE_LANGUAGE, IDIOM_CHARS, IDIOM_LANGUAGES, SET_ASIDE as _SET_ASIDE
from registry.search.signatures import signatures
from registry.search.ways import media_ways
from registry.search.text import normalise, root, same_family, stem, tokens
from registry.search.verb_forms import CEASED_CLAUSE, ceased, verb_form
from registry.vocab import MLFDO, SCHEMA, SKOS

__all__ = ["Concept", "ConceptMatch", "ConceptIndex", "set_aside", "MIN_PHRASE_SIM", "GROUPED_BY", "TOPICS", "TOPIC", "SYSTEM",
           "ORGANISATION", "OPEN_SCHEME", "LANGUAGE_GROUP", "HUB_TAG", "DATA_SET"]

TOPIC = "topic"  # the boost of a kind of task or subject area: the models whose facts hold its markers
ROOTED_LESS = 0.05  # a phrase matched only by another adjective form ("sociable" for social) ranks below one written out
# the facets whose plain descriptions of several words a question also meets with their first word, the verb, in
# another of its forms ("reading text aloud" for "read text aloud", "describing pictures" for "describe pictures"): jobs
# and subject areas; a name ("text generation") and a phrase's other words ("search sentences by meaning" is not
# "what a sentence means") are met only as written
FORMED = frozenset({"task", "task-family", "task-kind", "domain", "data-set"})
JOBS = frozenset({"task", "task-family", "task-kind"})  # the facets of concepts naming a job (``_Built.all_words``)
# the facets whose plain descriptions are also met by their words spread over a sentence ("say whether movie reviews
# are favourable": a review, favourable): two words or more that the phrases of few concepts hold (``_own_words``)
COVERED = frozenset({"task-kind", "task-family"})
MIN_COVER = 2
COVER_SCORE = 1.0  # below a phrase written out (1.0 and 0.1 a word)
MIN_OWN = 4  # letters a word needs to say something of its own
MAX_HOLDERS = 2  # concepts whose phrases may hold a word that still says which of them is meant
MIN_PHRASE_SIM = 0.78  # cosine of the question to a phrase: below it the static embedder's neighbours were mostly wrong
# the languages of a region or country ("Indian languages"): its members (``Concept.members``) are languages, its
# names matched only written whole ("an Indian recipe language model" names none)
LANGUAGE_GROUP = "language-group"
# what a place written after says of a model's making or its maker, not of its languages ("made in France", "from
# Google in India", "a startup based in Quebec"), read in the ``MAKER_CHARS`` before the place (``_maker_place``)
MAKER_BEFORE_PLACE = re.compile(r"\b(?:made|built|developed|trained|created|produced|designed|released|published|based|"
                                r"headquartered|located|company|companies|firm|lab|labs|startup|team|university|from)\b"
                                r"[^.?!;]{0,40}\b(?:in|at)\s+(?:the\s+)?$")
MAKER_CHARS = 60
FACET_OF_SCHEME = {"hf-task": "task", "openml-task-type": "task", "library": "library", "licence": "licence",
                   "language": "language", "modality": "modality", "licence-family": "licence-family",
                   "task-kind": "task-kind", "domain": "domain", "system": "system", "open-model": "system",
                   "task-family": "task-family", "organisation": "organisation", "language-group": LANGUAGE_GROUP,
                   "hub-tag": "hub-tag", "dataset": "data-set"}
# a data set models are trained on (``datasets.ttl``; the concept is the data set's FDO): named by its names written
# whole (its label, other names, its id's words joined by "_" or "-": "orca_dpo_pairs" is "Orca DPO pairs"), described
# by its plain descriptions (every informative word, the verb in any form) or by two or more words of its own (held by
# the definitions and descriptions of few data sets: ``_data_words``) in one sentence ("bills of the US Congress ...
# summaries": BillSum). It stands for the models trained on it (a ``dataset`` boost) and those whose name or tags name
# it (its markers, as a ``topic``: "mmlu"). At most ``DATA_SET_LIMIT`` are read (a name several copies share), besides the other concepts.
DATA_SET = "data-set"
DATA_SET_LIMIT = 6
DATA_COVER = 2  # own words of a data set in one sentence that describe it
_DATA_DESCRIBING = frozenset({"domain", "task-kind", DATA_SET})  # the concepts whose words also describe a data set
_CAPITALISED_RUN = re.compile(r"\b[A-Z][\w-]*(?:\s+[A-Z][\w-]*)+")  # "Stable Diffusion", "United States Congress"
NEAR_WORDS = 4  # a data set's description this long is met by all its words but one ("school maths word problems")
# the words of a data set's id that are no name of it: where it is kept and in what format ("llama2", "sft", "v1")
_ID_NOISE = frozenset("data dataset datasets set v1 v2 v3 sft dpo jsonl hf llama2 llama 2 7b format style final "
                      "filtered cleaned dedup".split())
# a Hub tag saying how a model is built, trained, loaded or served ("custom_code": it ships code of its own), called by
# its plain meaning ("allow remote code to load"); its boost, and that of a library no FDO holds as its library but the
# Hub shows as a tag (mergekit), is the models carrying the tag (``Concept.tags``)
HUB_TAG = "hub-tag"
# a well-known system the registry does not hold (a closed service, or an open model family no record is of: scheme
# ``open-model``): stands for the tasks it does
SYSTEM = "system"
OPEN_SCHEME = "open-model"  # the scheme of the open model families not held (``Concept.open``)
ORGANISATION = "organisation"  # a company or lab and the Hub accounts it publishes under: no phrase of a question
# what a concept matched only by meaning is dropped beside (``match``): one of the same kind matched by words; a kind
# of task counts as a task there
_JOB_KIND = {"task-kind": "task"}
TOPICS = ("task-kind", "domain")  # the facets of concepts a model shows only by markers in its facts (``Concept.markers``)
# words that alone say nothing about a concept ("text", "model"): a one-word phrase made of them never matches
_GENERIC = frozenset("text model data image audio video language other custom open licence license "
                     "classification generation learning words document documents".split())
_VOCAB = "https://w3id.org/mlfdo/vocab/"
CONVERSION = "media-conversion"  # the family of tasks carrying content from one medium into another
DIRECTION_SCORE = 1.2  # a direction between two media ("words into pictures") scores as a two-word phrase
_FRAME = frozenset(tokens("model system tool"))
# a question's words around a name asked for ("is bark here", "can I find whisper in the registry")
_FRAME_WORDS = frozenset(tokens("here there registry available find get have model models weights"))
# what follows a name where it stands as one: a version or size ("falcon 7b", "falcon-40b"), or what it names
_AS_NAME = re.compile(r"(?:[\s-]*v?\d|\s+(?:models?|weights|checkpoints?|fine-?tunes?|family|variants?)\b)")  # words naming what is asked for, not what it does (``_said``)
# what precedes a name where it stands as one: a comparison with it ("an open alternative to cursor", "something like
# gemini"); a word would have an article between ("sounds like a bark")
_BEFORE_NAME = re.compile(r"\b(?:like|alternatives?\s+to|similar\s+to|instead\s+of|such\s+as|compared\s+(?:to|with)|"
                          r"vs\.?|versus|than)\s+$")
# licence families whose members are (also) the licences with a property, whatever their own family: a licence
# has one family (CC-BY-NC-ND is non-commercial) but may also forbid derivatives, ask nothing at all or allow
# commercial use
GROUPED_BY = {"no-derivatives": lambda licence: licence.derivatives is False,
              "public-domain": lambda licence: licence.unconditional,
              "commercial-use": lambda licence: licence.commercial is True}
_TRUE = ("true", "1")
_QUALIFIER = re.compile(r"\s*\([^)]*\)$")  # a label's qualifier in brackets: "Nepali (macrolanguage)"
_VERSION = re.compile(r"\s+v?\d+(?:\.\d+)*[a-z]?$", re.I)  # a name's trailing version: "... License 3.0", "... v2"
# a phrase naming a direction: "speech to text", "turn a photo into a 3D model"
# (a word read from its start: begun inside a long word, the match would be tried once per letter)
_DIRECTION = re.compile(r"(?<!\w)(\w+)\s+(?:in)?to\s+(?:(?:a|an|the)\s+)?(\w+)")
# "images from text": what is made, from what ("from" read from a word's start: begun inside a long word, the match
# would be tried once per letter)
_FROM = re.compile(r"(?<!\w)(\w+)\s+from\s+(?:(?:a|an|the|my|some|any)\s+)?(\w+)")
# a list of three or more items of one or two words each: "text, images, sound or table rows"
_ITEM = r"[a-z0-9]+(?:\s+[a-z0-9]+)?"
_LIST_SEP = re.compile(r"\s*,\s*(?:(?:or|and)\s+)?|\s+(?:or|and)\s+")  # between a list's items
# (at most LIST_MAX items: a match tried at each item of a long list without "or" reads the rest of it)
LIST_MAX = 16
_LIST = re.compile(rf"\b{_ITEM}(?:\s*,\s*{_ITEM}){{1,{LIST_MAX - 2}}},?\s+(?:or|and)\s+{_ITEM}\b")
# a word referring back to something the question named before ("voicemails ... turn them into written notes")
_BACK = frozenset("them it these those this that".split())
# how far back the medium referred to is looked for: the question's start, per "them", was quadratic on 10 kB
BACK_CHARS = 300
_NEXT_WORD = re.compile(r"\s+(\w+)")
# "take a picture and give back something visual, a new image or a 3D shape": a direction from one medium to those
# named after the verb of giving, up to the end of the sentence; the thing taken may be two words ("an audio clip",
# "a short video"), its medium the first's or, when the first names none, the pair's
_TAKE_GIVE = re.compile(r"\btakes?\s+(?:in\s+)?(?:(?:a|an|the|one|my|some)\s+)?(\w+(?:\s+\w+)?)\s+and\s+(?:gives?|returns?|hands?|"
                        r"sends?|produces?|makes?)\s+(?:back\s+|out\s+)?([^.?!;:]+)")
# the thing a picture or clip shows is no medium: "a photo of a cluttered table" is a picture of furniture, not a table
# of data
_DEPICTED = re.compile(r"\b(?:photo|photograph|picture|image|video|clip|snapshot|scan|shot)s?\s+of\s+"
                       r"(?:(?:a|an|the|my|our|some|this|that)\s+)?(\w+(?:\s+\w+)?)")
GENERATION = "media-generation"  # the family of tasks making new pictures, clips, sound or shapes
CLASSIFYING = "classification"  # the family of tasks giving an input labels from a set of classes
# "make a clip", "generate a short video", "draw a picture": a verb of making before a medium (two words may come
# between: "a short", "some new")
_MAKING = re.compile(r"\b(?:make|makes|making|create|creates|creating|generate|generates|generating|produce|produces|"
                     r"producing|draw|draws|drawing|compose|composes|composing)\s+((?:\w+\s+){0,2}\w+)")
# "a video generator", "image makers": the medium a maker of things is named by, a word or two before its doer noun
_MAKER = re.compile(r"\b((?:\w+\s+)?\w+)\s+(?:generator|maker|creator)s?\b")
# what a thing is made from, right after it ("from a still photo"): two words may come before the medium
_MADE_OF = re.compile(r"\s*from\s+((?:\w+\s+){0,2}\w+)")
# a figure of speech whose word of a medium names none: "in their own words" is freely phrased, not text ("the big
# picture" only: "draws a big picture of a cat" makes one)
_FIGURATIVE = re.compile(r"\bin\s+(?:(?:my|your|his|her|its|our|their|one\s*s)\s+own|other)\s+words\b|"
                         r"\bin\s+a\s+word\b|\bthe\s+big(?:ger)?\s+picture\b|\bget\s+the\s+picture\b", re.I)
# an example given of what a question asks for, up to the end of its clause ("two kinds of input, such as a picture plus
# a question"): a medium named there is one case of the job, no narrowing of it (``_sources``)
# ("e.g." with its dots, which end no clause)
_EXAMPLE = re.compile(r"\b(?:such\s+as|for\s+example|for\s+instance|e\.?\s?g\b\.?)[^.;:?!]*")
# words ending the thing made ("captions for images", "a video of a person")
_NOT_MADE = frozenset("for of from with to into in on about and or that which as by where while".split())


def set_aside(text: str) -> str:
    """Return ``text`` without what it sets aside ("rather than text", "instead of writing freely")."""
    return re.sub(r"\s+", " ", _SET_ASIDE.sub(" ", text)).strip(" ,")


@dataclass(frozen=True)
class Concept:
    """One concept FDO as search uses it."""

    pid: str
    # task | task-family | library | licence | language | modality | licence-family | task-kind | domain | system |
    # organisation
    facet: str
    key: str  # the facet value it stands for (task id, SPDX id or licence key, language code, library)
    label: str
    phrases: tuple[str, ...]
    modalities: tuple[str, ...] = ()  # PIDs of modality concepts
    family: str = ""  # PID of the licence family concept
    groups: tuple[str, ...] = ()  # a licence: PIDs of the other groups it belongs to (Creative Commons, GNU, open source)
    commercial: bool | None = None
    derivatives: bool | None = None  # a licence: may changed versions be distributed (False: an ND licence)
    unconditional: bool = False  # a licence asking nothing (a public-domain dedication, WTFPL)
    serves: tuple[str, ...] = ()  # PIDs of the tasks a library is built for
    # PIDs of the tasks a kind of task narrows (sentiment analysis: text classification), or of the subject area a
    # subject area narrows (dentistry: medicine)
    broader: tuple[str, ...] = ()
    # PIDs of the tasks a family of tasks groups (text understanding: text classification, ...), or of the languages a
    # group of languages holds (Indian languages: Hindi, Tamil, ...)
    members: tuple[str, ...] = ()
    inputs: tuple[str, ...] = ()  # a task: PIDs of the modalities it takes in
    outputs: tuple[str, ...] = ()  # a task: PIDs of the modalities it gives back
    # words by which a model's facts (tags, name, data sets) show a kind of task ("sentiment", "sst2") or a subject
    # area ("chemistry", "gsm8k"); a subject area's other names ("chemist") are how people ask, not how models show it
    markers: tuple[str, ...] = ()
    provider: str = ""  # a system not held: who makes it ("OpenAI")
    category: str = ""  # a system not held: what kind of system it is ("image generator")
    open: bool = False  # a system not held that is an open model family (its weights are published), not a service
    related: tuple[str, ...] = ()  # a system not held: PIDs of the subject areas it is for (MusicGen: music)
    accounts: tuple[str, ...] = ()  # an organisation: the Hub accounts it publishes under (Meta: meta-llama, facebook)
    # an open model family not held: the model families it is built on, in words (Code Llama: "Llama 2")
    base: tuple[str, ...] = ()
    # a system not held, or a language, whose one-word name is also an everyday word ("Bark", "Cursor", "Polish")
    everyday: bool = False
    # what the concept is called: its label, code and other labels (not its plain descriptions); a licence also by its
    # label without the version ("Academic Free License" for "Academic Free License 3.0")
    names: tuple[str, ...] = ()
    # a language's places: where its speakers live, a question's way of naming it ("Hong Kong": Cantonese;
    # ``skos:hiddenLabel``), matched as its phrases, never its names
    places: tuple[str, ...] = ()
    # a language: the names of data sets in it (``mlfdo:dataSetName``: nsmc, KLUE) by which a model stating no language
    # shows it in its name, tags or training data
    data_names: tuple[str, ...] = ()
    # a modality: the words naming the medium only as a direction's or a list's end ("voicemails", "transcripts"),
    # never matched alone (``skos:hiddenLabel``)
    media_words: tuple[str, ...] = ()
    # a Hub tag or a library: the Hub tags showing a model it stands for (``mlfdo:hubTag``: custom_code; mergekit)
    tags: tuple[str, ...] = ()
    # a data set: what it holds (``skos:definition``), whose words of its own describe it (``_data_words``)
    definition: str = ""
    # a data set: the languages it is in (``schema:inLanguage``, codes) and the concepts it is for (``schema:about``:
    # the PIDs of tasks, kinds of task, subject areas), which a model trained on it and stating none shows by its data
    languages: tuple[str, ...] = ()
    about: tuple[str, ...] = ()


@dataclass(frozen=True)
class ConceptMatch:
    concept: Concept
    phrase: str
    score: float
    how: str  # words | meaning
    # a family of tasks the question narrows to some media ("put things into categories, whether text, images or
    # sound"): the PIDs of those modalities; it then stands for its members that take one of them in
    within: tuple[str, ...] = ()
    # read from a verb of making before a medium ("make images": every task making images), a loose reading that a
    # task the rules read from the same words takes the place of (``Searcher._with_concepts``)
    making: bool = False
    # a medium the question gives a model ("from a voice recording": "in") or wants back ("answers in words": "out"):
    # it stands for the tasks taking it in, or giving it back, not for every task touching it (``_ways``)
    way: str = ""
    to: tuple[str, ...] = ()  # a medium going in: the PIDs of the media wanted back ("a picture ... in words": text)
    # the PIDs of the tasks the match stands for instead of its concept's own: of a kind of task, those working on the
    # medium the question names ("a grainy video made sharper": super-resolution's video to video, not image to image);
    # of a medium given with another wanted, those going that way (``_ways``)
    instead: tuple[str, ...] = ()
    # a medium a job the question names works on ("a depth map from a photo"): the PID of that job; the medium is the
    # job's, no job of its own, and boosts nothing (``_sources``: only while the index holds a model of the job's tasks)
    job: str = ""


@dataclass
class _Built:
    concepts: list[Concept] = field(default_factory=list)
    by_pid: dict[str, Concept] = field(default_factory=dict)
    phrase_tokens: list[tuple[int, frozenset[str], str]] = field(default_factory=list)  # concept, tokens, phrase
    # by the same position as phrase_tokens: the tokens of a kind of task's or subject area's phrase, which an adjective
    # of the same family matches too (``text.same_family``), else None
    phrase_roots: list[frozenset[str] | None] = field(default_factory=list)
    # by the same position: of a plain description of a job or field, of several words, the form (``verb_form``) of its
    # first word, its verb, and its other words; else None
    phrase_forms: list[tuple[str, frozenset[str]] | None] = field(default_factory=list)
    whole: set[int] = field(default_factory=set)  # phrases (by place in phrase_tokens) matched only written whole
    # a job's phrase of several words of which the index's stopwords leave one ("tool use": tool) -> how its words are
    # written, in either order, inflected, at most one word between (``_all_words``): the one word left alone names a
    # thing the asker uses ("a tool that shows attention"), not the job
    all_words: dict[int, re.Pattern] = field(default_factory=dict)
    # a word of the plain descriptions of a kind or family of tasks (``COVERED``) that few concepts' phrases hold ->
    # the places of those concepts
    own_words: dict[str, frozenset[int]] = field(default_factory=dict)
    # the same for data sets, from their definitions and plain descriptions (``_data_words``)
    data_words: dict[str, frozenset[int]] = field(default_factory=dict)
    data_sets: dict[str, Concept] = field(default_factory=dict)  # a data set's id -> its concept
    # (facet, key) of a language, task, kind of task or subject area -> the ids of the data sets in it or for it
    # (``ConceptIndex.data_sets_for``), read once per build
    data_for: dict[tuple[str, str], tuple[str, ...]] | None = None
    # a data set (by place in concepts) -> the stems of each name of several capitalised words its definition writes
    # ("Stable Diffusion", "Common Crawl"): what it was made with or from, whose words alone do not describe it
    data_names: dict[int, list[frozenset[str]]] = field(default_factory=dict)
    # a data set's plain description of ``NEAR_WORDS`` words or more (by place in phrase_tokens) -> the stems of its
    # words, all but one of which a question describing the data set says (``match``)
    near: dict[int, frozenset[str]] = field(default_factory=dict)
    vectors: np.ndarray | None = None
    organisations: dict[str, list[str]] = field(default_factory=dict)  # a name of an organisation -> its accounts
    # the word of a modality's one-word phrase ("pictures": image) -> (the modality's place in concepts, the modality)
    media: dict[str, tuple[int, Concept]] = field(default_factory=dict)
    # the same for a modality's words naming it only as a direction's end or a list's item ("voicemails", "notes")
    hidden_media: dict[str, tuple[int, Concept]] = field(default_factory=dict)
    # the words of a modality's two-word phrase ("moving pictures": video), which name it over the modality the last
    # word names alone ("pictures": image)
    media_pairs: dict[tuple[str, str], tuple[int, Concept]] = field(default_factory=dict)
    vector_owner: list[tuple[int, str]] = field(default_factory=list)
    # a language's names in letters the index's tokens do not spell ("中文", "हिन्दी", "Tiếng Việt": its tokens keep
    # ASCII letters only), matched written whole: each name (normalised) -> the places of its languages in concepts
    spelled: dict[str, list[int]] = field(default_factory=dict)
    spelled_re: re.Pattern | None = None


def _concept(pid: str, triples) -> Concept | None:
    values: dict[str, list] = defaultdict(list)
    for t in triples:
        if t.subject.value == pid:
            values[t.predicate.value].append(t.object.value)
    schemes = [v[len(_VOCAB):] for v in values.get(SCHEMA.inDefinedTermSet.value, []) if v.startswith(_VOCAB)]
    if not schemes or schemes[0] not in FACET_OF_SCHEME or not values.get(SCHEMA.termCode.value):
        return None
    facet, code = FACET_OF_SCHEME[schemes[0]], values[SCHEMA.termCode.value][0]
    spdx = values.get(MLFDO.spdxId.value)
    # (a data set's FDO is named by its id, as its stub was; its label is the concept's ``skos:prefLabel``)
    label = ((values.get(SKOS.prefLabel.value) if facet == DATA_SET else None) or values.get(SCHEMA.name.value)
             or [code])[0]
    # (a group of languages is named by its labels only: its code is a place, "india", "africa", and "crop yields in
    # India" or "Google in India" asks for no Indian language)
    names = [label, *([code.replace("-", " ")] if facet != LANGUAGE_GROUP else [])] + \
        values.get(SCHEMA.alternateName.value, [])
    if facet == "licence":
        names.append(_VERSION.sub("", label))
    if facet == "language":  # "Nepali (macrolanguage)", "Occitan (post 1500)": called by the name before the brackets
        names.append(_QUALIFIER.sub("", label))
    if facet == DATA_SET:
        # called by its label, its other names and its id's words joined ("orca_dpo_pairs"), not by the id whole
        # (a label that is the id itself, "preference-data", is no name people use: an upload known by its id alone)
        # (its label whole: "DPO mix (low quality part)" is not the DPO mix)
        names = [*([label] if label != code else []), *values.get(SCHEMA.alternateName.value, []),
                 *_id_names(code)]
    phrases = names + values.get(MLFDO.plainDescription.value, [])
    if facet == "language":
        # the places whose speakers a question may name a language by ("for Hong Kong speakers": Cantonese), matched
        # as its phrases and never its names: read as a preference for the language, not the lenient filter a name is
        phrases += values.get(SKOS.hiddenLabel.value, [])
    commercial = values.get(MLFDO.commercialUse.value)
    derivatives = values.get(MLFDO.derivativesAllowed.value)
    return Concept(pid=pid, facet=facet, key=spdx[0] if spdx else code, label=label,
                   phrases=tuple(dict.fromkeys(p for p in phrases if p)),
                   modalities=tuple(values.get(MLFDO.modality.value, [])),
                   family=(values.get(MLFDO.licenceFamily.value) or [""])[0],
                   groups=tuple(values.get(MLFDO.licenceGroup.value, [])),
                   commercial=None if not commercial else commercial[0].lower() in _TRUE,
                   derivatives=None if not derivatives else derivatives[0].lower() in _TRUE,
                   unconditional=any(v.lower() in _TRUE for v in values.get(MLFDO.noConditions.value, [])),
                   serves=tuple(values.get(MLFDO.servesTask.value, [])),
                   broader=tuple(values.get(SKOS.broader.value, [])),
                   members=tuple(values.get(SKOS.narrower.value, [])),
                   inputs=tuple(values.get(MLFDO.inputModality.value, [])),
                   outputs=tuple(values.get(MLFDO.outputModality.value, [])),
                   markers=_markers(facet, label, values),
                   provider=(values.get(SCHEMA.provider.value) or [""])[0],
                   category=(values.get(SCHEMA.category.value) or [""])[0],
                   open=schemes[0] == OPEN_SCHEME, related=tuple(values.get(SKOS.related.value, [])),
                   accounts=tuple(values.get(MLFDO.hubAccount.value, [])),
                   base=tuple(values.get(SCHEMA.isBasedOn.value, [])),
                   everyday=any(v.lower() in _TRUE for v in values.get(MLFDO.everydayWord.value, [])),
                   names=tuple(dict.fromkeys(n for n in names if n)),
                   places=tuple(values.get(SKOS.hiddenLabel.value, [])) if facet == "language" else (),
                   data_names=tuple(values.get(MLFDO.dataSetName.value, [])) if facet == "language" else (),
                   media_words=tuple(values.get(SKOS.hiddenLabel.value, [])) if facet == "modality" else (),
                   tags=tuple(values.get(MLFDO.hubTag.value, [])) if facet in ("library", HUB_TAG) else (),
                   definition=(values.get(SCHEMA.description.value) or [""])[0] if facet == DATA_SET else "",
                   languages=tuple(values.get(SCHEMA.inLanguage.value, [])) if facet == DATA_SET else (),
                   about=tuple(values.get(SCHEMA.about.value, [])) if facet == DATA_SET else ())


def _markers(facet: str, label: str, values: dict[str, list]) -> tuple[str, ...]:
    hidden = values.get(SKOS.hiddenLabel.value, [])
    if facet == "task-kind":
        return tuple(dict.fromkeys([label] + values.get(SCHEMA.alternateName.value, []) + hidden))
    if facet == "domain":
        return tuple(dict.fromkeys([label] + hidden))
    if facet == DATA_SET:  # its id, and the words a model's name uses for it ("mmlu")
        return tuple(dict.fromkeys(values.get(SCHEMA.termCode.value, [])[:1] + hidden))
    return ()


def _id_names(code: str) -> list[str]:
    """Return the name a data set's id says in words: its part after the owner, its words joined by "_" or "-" read
    apart, when two or more of them name it ("orca_dpo_pairs": "orca dpo pairs"); a single word is no name of its own
    ("generator", "Products")."""
    part = code.rsplit("/", 1)[-1]
    words = [w for w in re.split(r"[_\-\s]+", part) if w]
    if len([w for w in words if w.lower() not in _ID_NOISE and not w.isdigit()]) < 2:
        return []
    return [" ".join(words)]


def _data_words(built: "_Built", informative: Callable[[str], bool] | None = None) -> dict[str, frozenset[int]]:
    """Return the words of the data sets' definitions and plain descriptions that those of at most ``MAX_HOLDERS``
    data sets hold (copies of one data set count once: the same definition), that name no medium and say something of
    their own (``informative``): each with the places of the data sets holding it."""
    held: dict[str, set[str]] = defaultdict(set)
    places: dict[str, set[int]] = defaultdict(set)
    media = set(built.media) | set(built.hidden_media)
    for i, concept in enumerate(built.concepts):
        if concept.facet != DATA_SET or not concept.definition:
            continue
        said = {t for text in (concept.definition, *concept.phrases) if text not in concept.names for t in tokens(text)
                if len(t) >= MIN_OWN and t.isalpha() and t not in _GENERIC and t not in media
                and (informative is None or informative(t))}
        for t in said:  # by stem: "summaries", "summary"; "preferred", "preferences"
            held[stem(t)].add(concept.definition)
            places[stem(t)].add(i)
    return {t: frozenset(places[t]) for t, defs in held.items() if len(defs) <= MAX_HOLDERS}


def _own_words(built: _Built, informative: Callable[[str], bool] | None = None) -> dict[str, frozenset[int]]:
    """Return the words of the plain descriptions of kinds and families of tasks (``COVERED``) that the phrases of at
    most ``MAX_HOLDERS`` concepts hold, and no medium's, and that say something of their own (``informative``, when
    given): each with the places of the kinds and families holding it."""
    held: dict[str, set[int]] = defaultdict(set)
    for i, toks, _ in built.phrase_tokens:
        if built.concepts[i].facet == DATA_SET:
            continue  # a data set's words are its own (``_data_words``), not another job's
        for t in toks:
            held[t].add(i)
    media = set(built.media) | set(built.hidden_media)
    out = {}
    for i, concept in enumerate(built.concepts):
        if concept.facet not in COVERED:
            continue
        for phrase in concept.phrases:
            if phrase in concept.names:
                continue
            for t in tokens(phrase):
                if len(t) >= MIN_OWN and t.isalpha() and t not in _GENERIC and t not in media \
                        and len(held[t]) <= MAX_HOLDERS and (informative is None or informative(t)):
                    out[t] = frozenset(out.get(t, frozenset()) | {i})
    return out


def _worked(family: Concept, task: Concept) -> tuple[str, ...]:
    """Return the media by which the media a question names narrow a family to a member task: what it gives back for a
    family making media (``outputModality``), what it takes in or gives back for one declaring both (things over time:
    a clip made or a clip read), else what it takes in."""
    if family.inputs and family.outputs:
        return task.inputs + task.outputs
    return task.outputs if family.outputs else task.inputs


def _member(licence: Concept, group: Concept) -> bool:
    """Say whether a licence belongs to a licence family or group: its family, one of its groups, or the property the
    group stands for (``GROUPED_BY``)."""
    held = GROUPED_BY.get(group.key)
    return licence.family == group.pid or group.pid in licence.groups or (held is not None and held(licence))


def _goes(task: Concept, medium: str, m: ConceptMatch) -> bool:
    """Say whether a task works on a medium the way a match reads it (``ConceptMatch.way``): taking it in (and giving
    back the media wanted, but not it again), giving it back, or either when no way was read."""
    if m.way == "in":
        return medium in task.inputs and (not m.to or (bool(set(m.to) & set(task.outputs))
                                                       and medium not in task.outputs))
    if m.way == "out":
        return medium in task.outputs
    return medium in task.modalities


def _media_read(built: _Built, words: list[str]) -> list[tuple[int, Concept]]:
    """Return the modalities ``words`` (a question's words in order) name, each with the place of its last word, in
    order: a two-word phrase of a modality ("moving pictures": video) before the modality its last word names alone
    ("pictures": image)."""
    heads = [_head(w) for w in words]
    found: list[tuple[int, Concept]] = []
    k = 0
    while k < len(heads):
        pair = built.media_pairs.get((heads[k], heads[k + 1])) if k + 1 < len(heads) else None
        if pair is not None:
            found.append((k + 1, pair[1]))
            k += 2
            continue
        if heads[k] in built.media:
            found.append((k, built.media[heads[k]][1]))
        k += 1
    return found


def _unlike_its_token(phrase: str) -> bool:
    """Say whether a word of ``phrase`` is made another word by the index's plural rule (``tokens``): "news" is
    "new", not a form of it (their stems differ), where "plants" is "plant" and "weaknesses" (read "weaknesse") is
    "weakness"."""
    return any(len(found) == 1 and found[0] != w and stem(w) not in (stem(found[0]), stem(found[0].removesuffix("e")))
               for w in re.findall(r"[a-z]+", phrase.lower()) for found in [tokens(w)])


def _words_of(phrase: str) -> list[str]:
    """Return the words of two letters or more of ``phrase``, lower-cased (the "s" of "alzheimer's" is none)."""
    return [w for w in re.findall(r"[a-z]+", phrase.lower()) if len(w) > 1]


def _all_words(phrase: str) -> re.Pattern:
    """Return a pattern finding every word of ``phrase`` written, inflected ("use": uses, using, used), in its order or
    the other (two words: "tool use", "use tools"), at most one word between two ("uses external tools")."""
    forms = [rf"{re.escape(w[:-1] if w.endswith('e') and len(w) > 3 else w)}[a-z]{{0,4}}" for w in _words_of(phrase)]
    gap = r"[\s-]+(?:[a-z]+\s+)?"
    ways = [forms, forms[::-1]] if len(forms) == 2 else [forms]
    return re.compile("|".join(r"(?<![a-z])" + gap.join(way) + r"(?![a-z])" for way in ways))


# the asker or a person as the subject right before a job's words: "I use a tool called ...", "we call tools"
_ASKER_DOES = re.compile(r"\b(?:i|we|you|they|my\s+\w+|our\s+\w+)\s+(?:\w+\s+)?$")
ASKER_CHARS = 30


def _done_by_model(pattern: re.Pattern, text: str) -> bool:
    """Say whether ``text`` writes a job's words (``_all_words``) with no person as their subject: "models that use
    tools" is the job; "I use a tool called Netron" is the asker's doing."""
    return any(not _ASKER_DOES.search(text, max(0, m.start() - ASKER_CHARS), m.start())
               for m in pattern.finditer(text))


def _said(phrase: str) -> frozenset[str]:
    """Return the words of a phrase but those naming the thing asked for, not its job ("model" of "chat model")."""
    return frozenset(tokens(phrase)) - _FRAME


def _made_from(text: str) -> frozenset[tuple[str, str]]:
    """Return the (thing made, what from) word pairs ``text`` states ("images from text": ("image", "text"))."""
    pairs = {(_head(f.group(1)), _head(f.group(2))) for f in _FROM.finditer(normalise(text))}
    return frozenset((x, y) for x, y in pairs if x and y and x != y)


@lru_cache(maxsize=4096)
def _head(word: str) -> str:
    """Return a word's index token ("images": image), or "" for a stopword."""
    found = tokens(word)
    return found[0] if found else ""


def _reversed(phrase: str, text: str, made_from: frozenset[tuple[str, str]] = frozenset()) -> bool:
    """Say whether ``text`` states the direction a phrase names the other way round.

    Words are matched as a set, so "speech to text" would match "text to speech". A phrase naming a
    direction ("A to B", "A into B") is not matched by a text saying "B to A", nor by one saying "A from B"
    ("images from text" is no image to text); "a video from a text prompt" still matches "text to video".
    """
    low = normalise(phrase)
    m = _DIRECTION.search(low)
    if m is None:
        return False
    a, b = (re.escape(w) for w in m.groups())
    if re.search(rf"\b{b}s?\s+(?:in)?to\s+(?:(?:a|an|the)\s+)?{a}s?\b", normalise(text)) is not None:
        return True
    # "B from A" is A to B: "images from text" is no image to text (and no image-text to text), "a video from a text
    # prompt" no video-text to text (``made_from``: the pairs ``_made_from`` reads from the text)
    taken, given = frozenset(tokens(low[:m.end(1)])), tokens(m.group(2))
    return bool(given) and any(x in taken and y == given[0] for x, y in made_from)


def _acronym_unsaid(phrase: str, text: str, media: Collection[str] = ()) -> bool:
    """Say whether ``phrase`` is an acronym or name in capitals ("CLIP", "RAG") that ``text`` does not write so.

    Its lower-case form may be a plain word ("a short clip of", "a rag"): a question that writes some word
    in capitals writes an acronym in capitals too. A question all in lower case may mean either, unless the word
    names a medium (``media``: "video clips"): then the acronym is read only where it stands as a name, singular,
    before a version or a word such as "model" or after a comparison ("clip models", "something like clip").
    """
    if not (phrase.isupper() and phrase.isalpha() and len(phrase) > 1):
        return False
    if text.lower() == text:
        word = phrase.lower()
        if _head(word) not in media:
            return False
        return not any(_AS_NAME.match(text, m.end()) or _BEFORE_NAME.search(text, max(0, m.start() - 20), m.start())
                       for m in re.finditer(rf"\b{re.escape(word)}\b", text))
    return re.search(rf"\b{re.escape(phrase)}s?\b", text) is None


def _name_unsaid(phrase: str, text: str, everyday: bool = False) -> bool:
    """Say whether ``phrase``, a one-word name written with a capital ("Bark", "Falcon", "Whisper"), is written in
    ``text`` only in small letters: then it is the word ("a dog's bark"), not the name. A question all in lower case
    may mean either; there a name that is also an everyday word (``everyday``: "bark", "cursor", "perplexity") is the
    name only where it stands as one: alone but for frame words ("is bark here"), before a version, a size or a
    word such as "model" ("falcon 7b", "whisper models"), or after a comparison with it ("an open alternative to
    cursor", "something like gemini")."""
    if not phrase[:1].isupper() or not phrase.isalpha():
        return False
    if text.lower() == text:
        if not everyday:
            return False
        word = phrase.lower()
        if not set(tokens(text)) - {word, word + "s"} - _FRAME_WORDS:
            return False
        return not any(_AS_NAME.match(text, m.end()) or _BEFORE_NAME.search(text, max(0, m.start() - 20), m.start())
                       for m in re.finditer(rf"\b{re.escape(word)}\b", text))
    return not any(w[:1].isupper() for w in re.findall(rf"(?i)\b{re.escape(phrase)}s?\b", text))


def _language_word_unsaid(phrase: str, text: str) -> bool:
    """Say whether ``phrase``, a language's name that is also an everyday word (``Concept.everyday``: "Polish",
    "Afar", "Ewe"), is written in ``text`` only as the word: never with its capital nor after "in" ("polish my drafts",
    "from afar"; "in polish", "Polish models" name the language)."""
    return not any(m.group(0)[:1].isupper() or re.search(r"\bin\s+$", text[max(0, m.start() - 4):m.start()], re.I)
                   for m in re.finditer(rf"(?i)(?<!\w){re.escape(phrase)}(?!\w)", text))


def _language_idiom_only(phrase: str, text: str) -> bool:
    """Say whether ``phrase``, a language's name, stands in ``text`` only in an idiom for everyday words ("in plain
    English": what is asked in plain words, no language of a model)."""
    if phrase.lower() not in IDIOM_LANGUAGES:
        return False
    found = list(re.finditer(rf"(?i)(?<!\w){re.escape(phrase)}(?!\w)", text))
    return bool(found) and all(IDIOM_BEFORE_LANGUAGE.search(text[max(0, m.start() - IDIOM_CHARS):m.start()].lower())
                               for m in found)


def _maker_place(place: str, text: str) -> bool:
    """Say whether ``place``, a place a language's speakers live in, stands in ``text`` only as where a model or its
    maker is ("a model made in France", "models from Google in India", "a lab based in Quebec"): no language asked."""
    found = list(re.finditer(rf"(?i)(?<!\w){re.escape(place)}(?!\w)", text))
    return bool(found) and all(MAKER_BEFORE_PLACE.search(text[max(0, m.start() - MAKER_CHARS):m.start()].lower())
                               for m in found)


class ConceptIndex:
    """The concepts of one store, matched against questions. Rebuilt by ``refresh`` when the store changes."""

    def __init__(self, store, embedder=None, held: Callable[[], Collection[str]] | None = None) -> None:
        self.store = store
        self.embedder = embedder
        # the keys of the tasks the index holds models of (None: every task counts as held)
        self.held = held
        self._built: _Built | None = None
        self._lock = threading.Lock()

    def refresh(self) -> None:
        """Forget the concepts read so far; they are read again on the next match."""
        self._built = None

    def _build(self) -> _Built:
        with self._lock:
            if self._built is not None:
                return self._built
            built = _Built()
            # (a data set's concept is the data set's FDO, a record of kind dataset: ``DATA_SET``)
            for pid in self.store.pids(kind="term", include_stubs=False) + self.store.pids(kind="dataset",
                                                                                             include_stubs=False):
                concept = _concept(pid, self.store.current(pid))
                if concept is not None:
                    built.by_pid[pid] = concept
                    built.concepts.append(concept)
                    if concept.facet == DATA_SET:
                        built.data_sets[concept.key] = concept
            texts = []
            for i, concept in enumerate(built.concepts):
                if concept.facet == ORGANISATION:
                    for phrase in concept.phrases:
                        built.organisations.setdefault(phrase.lower(), []).extend(concept.accounts)
                    continue
                if concept.facet == "modality":
                    for toks in map(tokens, concept.phrases):
                        if len(set(toks)) == 1:
                            built.media.setdefault(toks[0], (i, concept))
                    for toks in map(tokens, concept.media_words):
                        if len(set(toks)) == 1:
                            built.hidden_media.setdefault(toks[0], (i, concept))
                    for toks in map(tokens, concept.phrases):
                        if len(toks) == 2:
                            built.media_pairs.setdefault((toks[0], toks[1]), (i, concept))
                acronyms = {w.lower() for p in concept.phrases for w in p.split() if w.isupper() and len(w) > 1
                            and not tokens(w)}
                for phrase in concept.phrases:
                    if concept.facet == "language" and not phrase.isascii():
                        built.spelled.setdefault(normalise(phrase), []).append(i)
                        continue
                    toks = frozenset(tokens(phrase))
                    if toks and not (len(toks) == 1 and (next(iter(toks)) in _GENERIC or len(next(iter(toks))) < 3)):
                        if any(w.lower() in acronyms for w in phrase.split()) or _unlike_its_token(phrase) or \
                                concept.facet == LANGUAGE_GROUP or (
                                concept.facet in ("library", SYSTEM, HUB_TAG) and phrase in concept.names
                                and len(toks) > 1) or (concept.facet == DATA_SET and phrase in concept.names):
                            # a library's, system's or Hub tag's name of several words ("open_clip", "open clip", "Text
                            # Generation Inference") names it only written whole: "sliced open ... a clip" is no
                            # OpenCLIP, "fast inference for text generation" no inference server
                            # an acronym in capitals that reads as a stopword ("IT" of "IT operations") leaves the
                            # phrase its other words: only the phrase written whole names the concept ("warehouse
                            # operations" is no IT operations)
                            # a word the index's plural rule makes another word ("news": new) names it only written
                            # so: "new models" is no news
                            built.whole.add(len(built.phrase_tokens))
                        if concept.facet == DATA_SET and phrase not in concept.names and len(toks) >= NEAR_WORDS:
                            built.near[len(built.phrase_tokens)] = frozenset(map(stem, toks))
                        if len(toks) == 1 and concept.facet in JOBS and len(_words_of(phrase)) > 1:
                            built.all_words[len(built.phrase_tokens)] = _all_words(phrase)
                        built.phrase_tokens.append((i, toks, phrase))
                        built.phrase_roots.append(toks if concept.facet in TOPICS else None)
                        verb = tokens(phrase)[0]
                        # (a phrase opening with a verb's -ing or -ed form, "what is happening in this video", is
                        # met as written: its first word is no verb to inflect)
                        built.phrase_forms.append((verb_form(verb), toks - {verb}) if concept.facet in FORMED
                                                  and len(toks) > 1 and phrase not in concept.names
                                                  and not verb.endswith(("ing", "ed")) else None)
                    if concept.facet in ("task", "task-family", "library", "modality", "licence-family", *TOPICS) \
                            and len(phrase) > 3:
                        texts.append(phrase)
                        built.vector_owner.append((i, phrase))
            # a word common everywhere ("whether", "just") says nothing of a concept, however few phrases hold it: the
            # embedder tells, where it can (``StaticEmbedder.informative_word``)
            built.own_words = _own_words(built, getattr(self.embedder, "informative_word", None))
            built.data_words = _data_words(built, getattr(self.embedder, "informative_word", None))
            built.data_names = {i: [frozenset(stem(w.lower()) for w in run.split()) for run in
                                    _CAPITALISED_RUN.findall(c.definition)]
                                for i, c in enumerate(built.concepts) if c.facet == DATA_SET and c.definition}
            if built.spelled:
                # one alternation, longest first ("norsk bokmål" before "norsk"): read once over a question
                built.spelled_re = re.compile(r"(?<!\w)(?:" + "|".join(
                    re.escape(p) for p in sorted(built.spelled, key=len, reverse=True)) + r")(?!\w)")
            if self.embedder is not None and texts:
                built.vectors = self.embedder.embed(texts)
            self._built = built
            return built

    def __len__(self) -> int:
        return len(self._build().concepts)

    def concept(self, pid: str) -> Concept | None:
        return self._build().by_pid.get(pid)

    def of(self, facet: str, key: str) -> Concept | None:
        """Return the concept standing for facet value ``key`` (a task id), or None."""
        return next((c for c in self._build().concepts if c.facet == facet and c.key == key), None)

    def accounts(self, name: str) -> tuple[str, ...]:
        """Return the Hub accounts of the organisation called ``name`` (any case: "Meta": meta-llama, facebook), or ()."""
        return tuple(dict.fromkeys(self._build().organisations.get(name.strip().lower(), ())))

    def made_by(self, concept: Concept, owner: str) -> bool:
        """Say whether ``owner`` (a question's possessive: "Meta" of "Meta's MusicGen") names the maker of a system not
        held: a word of its maker's name ("Mistral" of Mistral AI), or an organisation sharing an account with it."""
        maker, word = concept.provider.lower(), owner.strip().lower()
        if not maker or not word:
            return False
        if word == maker or word in re.findall(r"[\w.\-]+", maker):
            return True
        mine = set(self.accounts(maker)) | {maker}
        return bool(mine & ({word} | set(self.accounts(word))))

    def topic(self, key: str) -> Concept | None:
        """Return the kind of task or subject area with ``key`` (a ``topic`` boost's value), or None."""
        return next((c for c in self._build().concepts if (c.facet in TOPICS or c.facet == DATA_SET) and c.key == key),
                    None)

    def data_set(self, key: str) -> Concept | None:
        """Return the data set with id ``key`` (a ``topic`` boost's value naming one), or None."""
        return self._build().data_sets.get(key)

    def data_sets_for(self, facet: str, key: str) -> tuple[str, ...]:
        """Return the ids of the data sets in the language ``key`` (facet ``language``) or for the task, kind of task
        or subject area ``key`` (``schema:inLanguage``, ``schema:about`` of ``datasets.ttl``); with ``key`` "", those
        giving any value of ``facet``."""
        built = self._build()
        if built.data_for is None:
            data_for: dict[tuple[str, str], list[str]] = defaultdict(list)
            for data in built.data_sets.values():
                for code in data.languages:
                    data_for[("language", code)].append(data.key)
                    data_for[("language", "")].append(data.key)
                for pid in data.about:
                    concept = built.by_pid.get(pid)
                    if concept is not None:
                        data_for[(concept.facet, concept.key)].append(data.key)
                        data_for[(concept.facet, "")].append(data.key)
            built.data_for = {k: tuple(dict.fromkeys(v)) for k, v in data_for.items()}
        return built.data_for.get((facet, key), ())

    def licence_names(self) -> tuple[tuple[str, tuple[str, ...]], ...]:
        """Return each licence's key and names (label, Hub id, SPDX id), as the licence vocabulary gives them."""
        return tuple((c.key, c.names) for c in self._build().concepts if c.facet == "licence")

    def licences_of(self, family: str) -> tuple[str, ...]:
        """Return the licence keys of a licence family (``public-domain``): its members, and the licences holding
        the property it groups (``GROUPED_BY``: WTFPL asks nothing, so it is public-domain too); () if unknown."""
        built = self._build()
        group = next((c for c in built.concepts if c.facet == "licence-family" and c.key == family), None)
        if group is None:
            return ()
        return tuple(c.key for c in built.concepts if c.facet == "licence" and _member(c, group))

    def match(self, text: str, vector: np.ndarray | None = None, limit: int = 6,
              written_as: str | None = None) -> list[ConceptMatch]:
        """Return the concepts ``text`` speaks of, best first (one match per concept).

        ``written_as`` is the question as written, when ``text`` is a part of it (its topic without the frame "Which
        models"): whether it writes capitals is read from it. What the question sets aside ("rather than text",
        "instead of writing freely") is not matched."""
        built = self._build()
        written_as = written_as or text
        text = _FIGURATIVE.sub(" ", set_aside(text))
        words = set(tokens(text))
        derived = {w for w in words if root(w) is not None}
        best: dict[int, ConceptMatch] = {}
        low = normalise(text)
        whole_low = normalise(written_as)
        made_from = _made_from(low)
        forms = frozenset(map(verb_form, words))
        media_words = built.media.keys() | built.hidden_media.keys()
        stems = frozenset(map(stem, words)) if built.near else frozenset()
        for k, ((i, toks, phrase), rooted, formed) in enumerate(zip(built.phrase_tokens, built.phrase_roots,
                                                                    built.phrase_forms)):
            if k in built.whole and (not toks <= words or not re.search(
                    rf"(?<!\w){re.escape(normalise(phrase))}(?!\w)", low)):
                continue
            if k in built.all_words and not _done_by_model(built.all_words[k], whole_low):
                continue  # (read in the whole question: "Which models can use tools" leaves the topic "tools")
            # a field or a kind of task is also named by another adjective of its words' family: "sociable" for social,
            # "clinic" for clinical (``text.same_family``); a job's or field's plain description by another form of its
            # verb (``FORMED``: "reading text aloud": read text aloud; "summarising chats": summarise a chat)
            written = toks <= words
            # (a data set's long description, all its words but one: "school maths word problems" of "grade school
            # math word problems")
            near = not written and k in built.near and len(built.near[k] - stems) <= 1
            if (written or near or (formed is not None and formed[0] in forms and formed[1] <= words
                            and not ceased(formed[0], low)) or (
                    rooted is not None and derived and all(t in words or any(same_family(w, t) for w in derived)
                                                           for t in rooted))) and not _reversed(phrase, text, made_from) \
                    and not _acronym_unsaid(phrase, written_as, media_words) and not (
                        built.concepts[i].facet == SYSTEM and _name_unsaid(
                        built.concepts[i].label if phrase.lower() == built.concepts[i].label.lower() else phrase,
                        text, built.concepts[i].everyday)) and not (
                        # a data set's one-word name ("Alpaca", "Capybara") is the name only as a name is written
                        built.concepts[i].facet == DATA_SET and phrase in built.concepts[i].names
                        and _name_unsaid(phrase, text, True)) and not (
                        built.concepts[i].facet == "language" and built.concepts[i].everyday
                        and _language_word_unsaid(phrase, written_as)) and not (
                        built.concepts[i].facet == "language" and _language_idiom_only(phrase, written_as)) and not (
                        built.concepts[i].facet == "language" and phrase in built.concepts[i].places
                        and _maker_place(phrase, written_as)):
                # a phrase the question writes as it is written is the surer reading of a concept, and its words are
                # those the question was read from (the span)
                score = 1.0 + 0.1 * len(toks) - (0 if written else ROOTED_LESS)
                if i not in best or best[i].score < score:
                    best[i] = ConceptMatch(built.concepts[i], phrase, score, "words")
        if built.spelled_re is not None:
            for m in built.spelled_re.finditer(low):
                for i in built.spelled[m.group(0)]:
                    phrase = next(p for p in built.concepts[i].phrases if normalise(p) == m.group(0))
                    score = 1.0 + 0.1 * len(m.group(0).split())
                    if i not in best or best[i].score < score:
                        best[i] = ConceptMatch(built.concepts[i], phrase, score, "words")
        self._covered(built, text, best)
        self._data_covered(built, text, best)
        self._depicted(text, best)
        self._directions(built, text, best)
        self._given(built, text, best)
        self._made(built, text, best)
        self._lists(built, text, best)
        self._sources(built, text, best)
        self._ways(built, _FIGURATIVE.sub(" ", set_aside(written_as)), best)  # "I have", "From" are frame words of the topic
        self._swapped(built, text, best)
        if vector is None and self.embedder is not None and built.vectors is not None and words:
            vector = self.embedder.embed_query(text)
        if vector is not None and built.vectors is not None and len(built.vectors) == len(built.vector_owner):
            sims = built.vectors @ vector
            for j in np.flatnonzero(sims >= MIN_PHRASE_SIM):
                i, phrase = built.vector_owner[int(j)]
                score = float(sims[j])
                if i not in best or best[i].score < score:
                    best[i] = ConceptMatch(built.concepts[i], phrase, score, "meaning")
        self._signatures(built, text, best)
        # "non-commercial" also holds "commercial": a phrase inside a longer matched one does not count; nor does a
        # phrase of the same facet whose words, but for those naming the thing asked for ("chat model": chat), are inside
        # another's ("a screenshot in a chat": the chat is about a picture); a system not held takes only another's
        # place ("Open-Sora" holds Sora), not a concept's its name holds ("segment anything", mask generation, in
        # "Segment Anything Model")
        # (a name in letters the tokens do not spell, "中文", has no words to be inside another's)
        # a data set's words hold the words of the job it is for ("summaries of news articles": summarisation): the
        # job stays, and a data set takes only another data set's place
        kept = [m for m in best.values() if m.how != "words" or not tokens(m.phrase) or not any(
            o is not m and o.how == "words" and (frozenset(tokens(m.phrase)) < frozenset(tokens(o.phrase)) or (
                o.concept.facet == m.concept.facet and _said(m.phrase) < frozenset(tokens(o.phrase))))
            and (o.concept.facet != SYSTEM or m.concept.facet == SYSTEM)
            and (o.concept.facet != DATA_SET or m.concept.facet == DATA_SET) for o in best.values())]
        # meaning is the fallback for words: a concept only near the question is dropped when its words
        # name another of the same kind ("a video from a text prompt" names text-to-video; text generation
        # is only near it)
        # A kind of task is a job as a task is: "video generation" names text-to-video, and "question generation" or
        # "4D generation" are only near it
        worded = {_JOB_KIND.get(m.concept.facet, m.concept.facet) for m in kept if m.how == "words"}
        kept = [m for m in kept if m.how == "words" or _JOB_KIND.get(m.concept.facet, m.concept.facet) not in worded]
        # a field read beside a narrower field of its own stands back: the question names the narrower one, and the
        # broader one's word is a word of it ("patients" of a dental practice: dentistry, not all of medicine)
        narrower_of = {pid for m in kept if m.concept.facet == "domain" for pid in m.concept.broader}
        kept = [m for m in kept if m.concept.facet != "domain" or m.concept.pid not in narrower_of]
        kept.sort(key=lambda m: -m.score)
        # (data sets apart: a question naming one still reads its jobs and fields)
        return [m for m in kept if m.concept.facet != DATA_SET][:limit] + \
            [m for m in kept if m.concept.facet == DATA_SET][:DATA_SET_LIMIT]

    @staticmethod
    def _covered(built: _Built, text: str, best: dict[int, ConceptMatch]) -> None:
        """Add to ``best`` the kinds and families of tasks a sentence of ``text`` names by two or more of their own words
        (``_own_words``: held by the phrases of few concepts, and informative) ("say whether movie reviews are
        favourable": sentiment analysis, by "review" and "favourable"), the words in the sentence's order as the span."""
        # a word another concept's phrase was read from is that concept's ("stop refusing requests": no request of
        # the safety kind's own)
        taken = {t for m in best.values() if m.how == "words" and m.concept.facet != DATA_SET for t in tokens(m.phrase)}
        # (what follows a verb of ceasing, to the clause's end, is what is not asked: "quit refusing harmful requests")
        for sentence in re.split(r"[.?!;]+", CEASED_CLAUSE.sub(" ", normalise(text))):
            found: dict[int, list[str]] = defaultdict(list)
            for t in dict.fromkeys(tokens(sentence)):
                for i in () if t in taken else built.own_words.get(t, ()):
                    found[i].append(t)
            for i, said in found.items():
                if len(said) >= MIN_COVER and i not in best:
                    best[i] = ConceptMatch(built.concepts[i], " ".join(said), COVER_SCORE, "words")

    @staticmethod
    def _data_covered(built: _Built, text: str, best: dict[int, ConceptMatch]) -> None:
        """Add to ``best`` the data sets a sentence of ``text`` describes by ``DATA_COVER`` or more words of their own
        (``_data_words``: "bills of the US Congress, each summarised": BillSum), the words in the sentence's order as
        the span; none where a data set is named or described by a phrase already (that one is meant)."""
        if not built.data_words or any(m.concept.facet == DATA_SET for m in best.values()):
            return
        # a word another reading took is that reading's: of a job, a tool, a licence, a medium or a language ("stable
        # diffusion" is a text-to-image model, "commercially" a licence's terms), not of a data set's definition (a
        # subject area's word still describes data: "congress")
        taken = {t for m in best.values() if m.how == "words" and m.concept.facet not in _DATA_DESCRIBING
                 for t in tokens(m.phrase)}
        for sentence in re.split(r"[.?!;]+", CEASED_CLAUSE.sub(" ", normalise(text))):
            found: dict[int, list[str]] = defaultdict(list)
            for t in dict.fromkeys(tokens(sentence)):
                if t in taken:
                    continue
                for i in built.data_words.get(stem(t), ()):
                    if not any(stem(w) == stem(t) for w in found[i]):
                        found[i].append(t)
            for i, said in found.items():
                if len(said) >= DATA_COVER and i not in best and not any(
                        {stem(w) for w in said} <= run for run in built.data_names.get(i, ())):
                    best[i] = ConceptMatch(built.concepts[i], " ".join(said), COVER_SCORE, "words")

    @staticmethod
    def _depicted(text: str, best: dict[int, ConceptMatch]) -> None:
        """Drop from ``best`` the media named only as what a picture or clip shows ("a photo of a cluttered table":
        furniture, no table of data)."""
        shown = Counter(t for m in _DEPICTED.finditer(normalise(text)) for t in tokens(m.group(1)))
        if not shown:
            return
        said = Counter(tokens(text))
        for i, m in list(best.items()):
            toks = tokens(m.phrase)
            if m.concept.facet == "modality" and m.how == "words" and all(shown[t] >= said[t] for t in toks):
                del best[i]

    @staticmethod
    def _medium(built: _Built, words: frozenset[str]) -> Concept | None:
        """Return the modality a word or two name by one of its one-word phrases ("pictures", "table rows": tables),
        or None; the bare words a phrase alone never matches by ("text", "images") count here."""
        found = [built.media[w] for w in words if w in built.media] or [
            built.hidden_media[w] for w in words if w in built.hidden_media]  # "voice notes": a voice, not notes
        return min(found, key=lambda x: x[0])[1] if found else None

    def _directions(self, built: _Built, text: str, best: dict[int, ConceptMatch]) -> None:
        """Add to ``best`` the tasks a direction between two media names ("words into pictures": text to image; "a
        photo into a 3D model"): the tasks taking the first in and giving the second back, one way only (neither
        gives back what it takes in). The direction's words then hold the modalities' own words, which no longer
        count alone (``match``). A direction a task's own phrase names ("speech into text") is that task's alone."""
        named = {frozenset(tokens(m.phrase)) for m in best.values() if m.how == "words" and m.concept.facet == "task"}
        conversions = {pid for c in built.concepts if c.facet == "task-family" and c.key == CONVERSION
                       for pid in c.members}
        low = normalise(text)
        for d in _DIRECTION.finditer(low):
            if frozenset(tokens(d.group(0))) in named:
                continue
            first, second = d.groups()
            # "turn them into written notes": the medium referred back to is the last one named before
            source = self._medium(built, frozenset(tokens(first))) if first not in _BACK else next(
                (c for c in (self._medium(built, frozenset([t]))
                             for t in reversed(tokens(low[max(0, d.start() - BACK_CHARS):d.start()])))
                 if c is not None), None)
            # the medium may follow a word describing it ("into written notes")
            after = _NEXT_WORD.match(low, d.end())
            target = self._medium(built, frozenset(tokens(second))) or (
                self._medium(built, frozenset(tokens(after.group(1)))) if after else None)
            if source is None or target is None or source.pid == target.pid:
                continue
            ways = [i for i, c in enumerate(built.concepts)
                    if c.facet == "task" and source.pid in c.inputs and target.pid in c.outputs
                    and source.pid not in c.outputs and target.pid not in c.inputs]
            # those the family of conversions between media holds, when it holds some: a classifier of recordings
            # also gives back text, but a label, not the recording's content
            converting = [i for i in ways if built.concepts[i].pid in conversions]
            for i in converting or ways:
                if i not in best or best[i].score < DIRECTION_SCORE:
                    best[i] = ConceptMatch(built.concepts[i], d.group(0), DIRECTION_SCORE, "words")

    def _given(self, built: _Built, text: str, best: dict[int, ConceptMatch]) -> None:
        """Add to ``best`` the tasks "take a picture and give back a new image, a moving clip or a 3D shape" names:
        those taking the first medium in and giving one of the others back, of the families converting between media
        and making new media (a medium given back as it was taken, "a new image", is one the making family's tasks
        take and give: image to image, not depth estimation)."""
        families = {c.key: set(c.members) for c in built.concepts if c.facet == "task-family"}
        conversions, making = families.get(CONVERSION, set()), families.get(GENERATION, set())
        for g in _TAKE_GIVE.finditer(normalise(text)):
            taken = g.group(1).split()
            source = self._medium(built, frozenset(tokens(taken[0]))) or self._medium(built, frozenset(tokens(g.group(1))))
            if source is None:
                continue
            targets = {c.pid: c for c in (self._medium(built, frozenset([t])) for t in tokens(g.group(2))) if c}
            for target in targets.values():
                ways = [i for i, c in enumerate(built.concepts) if c.facet == "task" and source.pid in c.inputs
                        and target.pid in c.outputs and (c.pid in making if source.pid == target.pid
                                                         else c.pid in conversions | making)]
                for i in ways:  # the direction's words hold a task's own ("Image to 3D"): the direction is the span
                    if i not in best or best[i].score <= DIRECTION_SCORE:
                        best[i] = ConceptMatch(built.concepts[i], g.group(0), DIRECTION_SCORE, "words")

    def _made(self, built: _Built, text: str, best: dict[int, ConceptMatch]) -> None:
        """Add to ``best`` the tasks of the family making new media that give back the medium a verb of making names
        ("make a clip": text to video, image to video, video to video; not a video's captioner). Its words hold the
        medium's own word, which then boosts no task of its own (``match``)."""
        making = {pid for c in built.concepts if c.facet == "task-family" and c.key == GENERATION for pid in c.members}
        if not making:
            return
        low = normalise(text)
        found: list[tuple[str, Concept, int, bool]] = []  # (span, medium made, where the span ends, a maker named)
        for g in _MAKING.finditer(low):
            # the first of the next three words naming a medium by one of its own words ("a short clip"), within the
            # thing made: "generate captions for images" makes captions
            after = g.group(1).split()
            stop = next((k for k, w in enumerate(after) if w in _NOT_MADE), len(after))
            named = _media_read(built, after[:stop])
            if not named:
                continue
            at, medium = named[0]
            span = g.group(0)[:g.start(1) - g.start(0)] + " ".join(after[:at + 1])
            found.append((span, medium, g.start() + len(span), False))
        for g in _MAKER.finditer(low):
            # a maker named by the medium it makes ("video generators"; "moving picture makers"): the last medium
            # before the doer noun
            words = g.group(1).split()
            named = _media_read(built, words)
            if named and named[-1][0] == len(words) - 1:
                medium = named[-1][1]
                alone = _media_read(built, words[-1:])  # "which video": the medium is the last word's alone
                span = g.group(0)[len(words[0]) + 1:] if len(words) > 1 and alone and alone[0][1] is medium \
                    else g.group(0)
                found.append((span, medium, g.end(), True))
        for span, medium, end, maker in found:
            ways = [i for i, c in enumerate(built.concepts)
                    if c.facet == "task" and c.pid in making and medium.pid in c.outputs]
            if maker:  # a generator of clips makes them out of another medium: no editor of clips, no maker from nothing
                ways = [i for i in ways if built.concepts[i].inputs and medium.pid not in built.concepts[i].inputs] \
                    or ways
            # made from a medium named right after ("from a still photo"): the ways taking it in
            source = _MADE_OF.match(low, end)
            taken = _media_read(built, source.group(1).split()) if source else []
            if source and not taken:  # a word naming a medium only as a direction's end ("from written input": text)
                taken = [(k, built.hidden_media[h][1]) for k, h in enumerate(map(_head, source.group(1).split()))
                         if h in built.hidden_media][:1]
            if taken:
                ways = [i for i in ways if taken[0][1].pid in built.concepts[i].inputs] or ways
            if any(i in best and best[i].how == "words" for i in ways):
                continue  # the question names which of them by its own words ("images without any prompt")
            for i in ways:
                if i not in best or best[i].score < DIRECTION_SCORE:
                    best[i] = ConceptMatch(built.concepts[i], span, DIRECTION_SCORE, "words", making=True)

    def _signatures(self, built: _Built, text: str, best: dict[int, ConceptMatch]) -> None:
        """Add to ``best`` the tasks a question names by what they take in and give back (``signatures``): "text from
        something that isn't text: a picture, a video or a recording" (text given back, one of those media taken in),
        "output is an image but input is not", "turns speech into something else", "change something that already
        exists" (the medium taken in given back). A list of media after the reading narrows its open side. The media
        and tasks the reading's words named by themselves ("Text to video" of "text ... video") then stand back."""
        low = normalise(text)
        found = signatures(low, lambda w: self._medium(built, frozenset(tokens(w))) is not None)
        if not found:
            return
        families = {c.key: set(c.members) for c in built.concepts if c.facet == "task-family"}
        labels, making = families.get(CLASSIFYING, set()), families.get(GENERATION, set())
        text_pid = next((c.pid for c in built.concepts if c.facet == "modality" and c.key == "text"), "")
        place = {c.pid: i for i, c in enumerate(built.concepts)}
        for sig in found:
            def medium(word: str) -> str:
                c = self._medium(built, frozenset(tokens(word))) if word else None
                return c.pid if c is not None else ""

            into, taken, not_in, not_out = (medium(w) for w in (sig.into, sig.taken, sig.not_in, sig.not_out))
            listed = set(self._named_media(built, low[sig.rest[0]:sig.rest[1]])) if sig.rest != (0, 0) else set()
            ways = []
            for c in built.concepts:
                if c.facet != "task" or not c.inputs or not c.outputs:
                    continue
                if (into and into not in c.outputs) or (taken and taken not in c.inputs):
                    continue
                if not_in and (not set(c.inputs) - {not_in} or (listed - {not_in} and not set(c.inputs) & listed)):
                    continue
                if not_out and not_out in c.outputs:
                    continue
                if sig.same:
                    # a new picture, clip or sound made out of one of the same medium, not a map or mask drawn of it
                    shared = set(c.inputs) & set(c.outputs) - {text_pid}
                    if len(c.inputs) != 1 or not shared or c.pid not in making or (listed and not shared & listed):
                        continue
                ways.append(c)
            if into or sig.same:  # a label from a set of classes is no content written or made
                ways = [c for c in ways if c.pid not in labels] or ways
            if not ways:
                continue
            a, b = sig.span
            said = frozenset(tokens(low[a:max(b, sig.rest[1])]))
            for k, m in list(best.items()):  # the reading's words name no task or medium of their own, nor does
                # a task only near the question's meaning stand beside the tasks it names
                if (m.how == "words" and m.concept.facet in ("task", "modality") and frozenset(tokens(m.phrase)) <= said) \
                        or (m.how == "meaning" and m.concept.facet == "task"):
                    del best[k]
            # a changed medium is also what the kinds of task narrowing those tasks show by their markers (a video
            # tagged "video inpainting" or "super-resolution" and declaring no task)
            chosen = {c.pid for c in ways}
            kinds = tuple(c.pid for c in built.concepts if sig.same and c.facet == "task-kind" and c.markers
                          and set(c.broader) & chosen)
            # one match for them all (a match per task would crowd out the question's other concepts), on the medium
            # given back, or taken in
            anchor = into or taken or (ways[0].outputs[0] if ways[0].outputs else "")
            if anchor not in place:
                continue
            best[place[anchor]] = ConceptMatch(built.concepts[place[anchor]], low[a:b], DIRECTION_SCORE, "words",
                                               way="out" if into or not taken else "in",
                                               instead=tuple(c.pid for c in ways) + kinds)

    def _lists(self, built: _Built, text: str, best: dict[int, ConceptMatch]) -> None:
        """Read the lists of three or more items in ``text`` ("whether text, images, sound or table rows").

        A list names alternatives: a phrase whose words are spread over its items ("text to image" from "text,
        images") is not said, and is dropped from ``best``. Media listed after a family of tasks the question names
        outside the list ("put things into categories, whether text, images or sound") narrow the family to its
        members taking one of them in (when every item is a medium), and add no tasks of their own."""
        for found in _LIST.finditer(normalise(text)):
            items = [frozenset(tokens(x)) for x in _LIST_SEP.split(found.group(0))]
            items = [x for x in items if x]
            inside = frozenset().union(*items)
            for i, m in list(best.items()):
                toks = frozenset(tokens(m.phrase))
                if m.how == "words" and toks <= inside and not any(toks <= x for x in items):
                    del best[i]
            jobs = [i for i, m in best.items() if m.how == "words" and m.concept.facet == "task-family"
                    and not frozenset(tokens(m.phrase)) <= inside]
            if not jobs:
                continue
            for i, m in list(best.items()):
                if m.concept.facet == "modality" and any(frozenset(tokens(m.phrase)) <= x for x in items):
                    del best[i]  # a source of the job, not a job of its own
            # the list may begin with the end of the job's own clause ("into categories, whether text"): an item
            # holding a word of the job's phrase is no source
            said = frozenset().union(*(frozenset(tokens(best[i].phrase)) for i in jobs))
            while len(items) > 1 and items[0] & said:
                items = items[1:]
            media = [self._medium(built, x) for x in items]
            if None in media:
                continue  # a list naming other things than media too ("a passage, a table or a scan") leaves it whole
            within = tuple(dict.fromkeys(c.pid for c in media))
            for i in jobs:
                best[i] = replace(best[i], within=tuple(dict.fromkeys(best[i].within + within)))

    def _named_media(self, built: _Built, text: str) -> dict[str, Concept]:
        """Return the modalities ``text`` names by one of their one-word phrases or bare words ("video", "photos"),
        by PID, without those only shown in a picture or clip ("a photo of a cluttered table")."""
        low = normalise(text)
        shown = {t for m in _DEPICTED.finditer(low) for t in range(m.start(1), m.end(1))}
        words = [w for w in re.finditer(r"\w+", low) if w.start() not in shown]
        return {c.pid: c for _, c in _media_read(built, [w.group(0) for w in words])}

    def _sources(self, built: _Built, text: str, best: dict[int, ConceptMatch]) -> None:
        """Mark in ``best`` the media a job the question names by its words works on: a task or a kind of task
        taking it in or giving it back ("a depth map from a photo": depth estimation's pictures), a family taking it
        in (a family making media: giving it back). Such a medium is the job's, no job of its own; a family it is
        named with is narrowed to its members taking one of the media the question names ("label pieces of their
        input, single words in a sentence or regions in a photo": the family labelling parts, over text and
        pictures; the media of every task named, "words" and "photos", made the boost stand for most tasks). Only
        while the index holds a model of one of the job's tasks (``held``): else the medium's own tasks are the
        closest."""
        jobs = [i for i, m in best.items()
                if m.how == "words" and m.concept.facet in ("task", "task-family", "task-kind")]
        media = [i for i, m in best.items() if m.how == "words" and m.concept.facet == "modality" and not m.way
                 and not m.job]
        if not jobs or not media:
            return
        named: dict[str, Concept] | None = None
        held = self.held() if self.held is not None else None
        for i in media:
            medium = best[i].concept.pid
            for j in jobs:
                job = best[j].concept
                if job.facet == "task":
                    tasks = [job]
                else:
                    tasks = [t for t in (built.by_pid.get(p) for p in job.members + job.broader)
                             if t is not None and t.facet == "task"]
                if job.facet == "task-family":
                    worked = {p for t in tasks for p in _worked(job, t)}
                else:
                    worked = {p for t in tasks for p in t.inputs + t.outputs}
                # while the index holds no model of the job's tasks ("house prices from a table of features": no tabular
                # regressor), the medium's own tasks are the closest, and it boosts them
                if medium not in worked or (held is not None and not any(t.key in held for t in tasks)):
                    continue
                # marked, not dropped: its words stay read (a meaning of them is not matched instead)
                best[i] = replace(best[i], job=job.pid)
                if job.facet == "task-family" and not best[j].within:
                    # a medium named only as an example ("such as a picture plus a question") leaves the family whole
                    if named is None:
                        named = self._named_media(built, _EXAMPLE.sub(" ", normalise(text)))
                        in_examples = self._named_media(built, text).keys() - named.keys()
                        # a medium named by a phrase of several words ("streams of measurements": time series)
                        named.update({best[k].concept.pid: best[k].concept for k in media
                                      if len(tokens(best[k].phrase)) > 1 and best[k].concept.pid not in in_examples})
                    within = tuple(p for p in named if p in worked) or (
                        () if medium in in_examples else (medium,))
                    if within:
                        best[j] = replace(best[j], within=within)

    def _ways(self, built: _Built, text: str, best: dict[int, ConceptMatch]) -> None:
        """Read the way media go (``media_ways``): a medium the question gives a model ("from a voice recording", "I
        have a still photo", "take a sound recording as input") stands for the tasks taking it in, one it wants back
        ("answers in words") for those giving it back. With another medium named after the one given (or before it),
        or wanted back, they are a direction: the tasks taking the first in and giving the second back ("looks at a
        picture and answers in words": captioning, image chat, visual question answering; "a still photo ... like a
        short clip": image to video). Alone, a medium read so only narrows the match its own word made; a medium
        inside a task's words already read ("take a picture and give back ...") is left to them."""
        low = normalise(text)

        def medium_of(word: str) -> Concept | None:
            if " " in word:  # two words naming a medium together ("moving pictures": video)
                pair = built.media_pairs.get(tuple(_head(w) for w in word.split()))
                return pair[1] if pair else None
            return self._medium(built, frozenset([_head(word)]))

        found = [f for f in media_ways(low, lambda w: medium_of(w) is not None)]
        if not found:
            return
        claimed = {t for m in best.values() if m.how == "words" and m.concept.facet == "task" for t in tokens(m.phrase)}
        found = [f for f in found if not set(tokens(f.word)) & claimed]
        given = next((f for f in found if f.way == "in"), None)
        wanted = next((f for f in found if f.way == "out"), None)
        place = {c.pid: i for i, c in enumerate(built.concepts)}
        source = medium_of(given.word) if given else None
        target = medium_of(wanted.word) if wanted else None
        target_span = low[wanted.start:wanted.end] if wanted else ""
        if source is not None and (target is None or target.pid == source.pid):
            # another medium named after the one given, else before it: what is wanted from it
            shown = {t for m in _DEPICTED.finditer(low) for t in range(m.start(1), m.end(1))}
            words = [w for w in re.finditer(r"\w+", low) if w.start() not in shown
                     and not given.start <= w.start() < given.end]
            ordered = [w for w in words if w.start() >= given.end] + [w for w in reversed(words)
                                                                       if w.start() < given.start]
            other = next((w for w in ordered if (c := medium_of(w.group(0))) is not None and c.pid != source.pid
                          and not set(tokens(w.group(0))) & claimed), None)
            if other is not None:
                target, target_span = medium_of(other.group(0)), other.group(0)
            elif target is not None:
                target = None
        ways = [c.pid for c in built.concepts if source is not None and target is not None and c.facet == "task"
                and source.pid in c.inputs and target.pid in c.outputs and source.pid not in c.outputs]
        if ways:
            # a classifier gives back a label from its classes, not content in the medium wanted ("answers in words":
            # captioning, image chat, visual question answering; not image classification), unless it is all there is
            labels = {pid for c in built.concepts if c.facet == "task-family" and c.key == CLASSIFYING for pid in c.members}
            ways = [pid for pid in ways if pid not in labels] or ways
            span = f"{low[given.start:given.end]} / {target_span}"
            best[place[source.pid]] = ConceptMatch(source, span, DIRECTION_SCORE, "words", way="in", to=(target.pid,),
                                                   instead=tuple(ways))
            for k, m in list(best.items()):  # the medium wanted is the direction's, no job of its own
                if m.concept.pid == target.pid and m.how == "words" and not m.way:
                    del best[k]
            return
        for read, medium in ((given, source), (wanted, medium_of(wanted.word) if wanted else None)):
            k = place.get(medium.pid) if medium is not None else None
            if k is not None and k in best and best[k].how == "words" and not best[k].way and not best[k].job:
                best[k] = replace(best[k], phrase=low[read.start:read.end], way=read.way)

    def _swapped(self, built: _Built, text: str, best: dict[int, ConceptMatch]) -> None:
        """Let the medium a question names choose among the tasks of a kind of task: a kind stands for those of its
        tasks working on a medium named ("an old, grainy video ... make it sharper": super-resolution's video to
        video, not its image to image); a kind none of whose tasks does stands for the tasks of the same shape for
        the medium named, where some exist (a kind of image to image asked of a video: video to video). Text is no
        medium swapped: it is what labels and answers are written in."""
        text_pid = next((c.pid for c in built.concepts if c.facet == "modality" and c.key == "text"), "")
        named = {p: c for p, c in self._named_media(built, text).items() if p != text_pid}
        if not named:
            return
        for i, m in list(best.items()):
            c = m.concept
            if c.facet != "task-kind" or m.how != "words":
                continue
            tasks = [t for t in (built.by_pid.get(p) for p in c.broader) if t is not None and t.facet == "task"]
            chosen = [t.pid for t in tasks if set(t.inputs + t.outputs + t.modalities) & named.keys()]
            if chosen:  # those of its tasks working on a medium named ("a video": video to video, not image to image)
                if len(chosen) < len(tasks):
                    best[i] = replace(m, instead=tuple(chosen))
                continue
            instead = []
            for t in tasks:
                for x in set(t.inputs + t.outputs) - {text_pid}:
                    for medium in named:
                        shape = (sorted(medium if p == x else p for p in t.inputs),
                                 sorted(medium if p == x else p for p in t.outputs))
                        instead += [o.pid for o in built.concepts if o.facet == "task"
                                    and (sorted(o.inputs), sorted(o.outputs)) == shape]
            if instead:
                best[i] = replace(m, instead=tuple(dict.fromkeys(instead)))

    def boosts(self, matches: list[ConceptMatch]) -> dict[str, dict[str, str]]:
        """Return facet -> value -> the phrase that suggested it, for the facet values the matches stand for.

        A kind of task or subject area also stands for the models whose facts hold its markers: under ``topic``,
        its key (``ConceptIndex.topic``)."""
        built = self._build()
        out: dict[str, dict[str, str]] = defaultdict(dict)
        for m in matches:
            c = m.concept
            if c.facet in ("task", "licence", "language", "library"):
                out[c.facet].setdefault(c.key, m.phrase)
            if c.tags and m.how == "words" and (c.facet == HUB_TAG or c.facet == "library"):
                # the models carrying its Hub tags (a library comes here only when no FDO holds it as its library:
                # ``Searcher._concept_boosts``); read from its words only, the meaning of a tool's job being loose
                for tag in c.tags:
                    out[HUB_TAG].setdefault(tag, m.phrase)
            if c.facet in TOPICS and c.markers:
                out[TOPIC].setdefault(c.key, m.phrase)  # the models whose facts hold its markers
            if c.facet == DATA_SET:
                # the models trained on it, and those whose name or tags name it (its markers: ``Searcher._boost_score``)
                out["dataset"].setdefault(c.key, m.phrase)
            for task_pid in c.serves + (m.instead or c.broader) + c.members:
                task = built.by_pid.get(task_pid)
                if task is not None and task.facet in TOPICS and (task_pid in c.serves or task_pid in m.instead
                                                                   or task_pid in c.members):
                    # a system not held doing a kind of task (Codestral: code generation), or a family grouping one
                    # (acting: function calling, web agents), stands for the models showing it, as the kind would
                    if task.markers:
                        out[TOPIC].setdefault(task.key, m.phrase)
                elif task is not None and task.facet == "task" and (not m.within or set(
                        # a family making media is narrowed by what its tasks give back ("make new media, pictures,
                        # clips or sound"), any other by what they take in
                        _worked(c, task) or task.modalities) & set(m.within)):
                    # a field's broader field is no task
                    out["task"].setdefault(task.key, m.phrase)
            for area_pid in c.related:  # the subject areas a system not held is for (MusicGen: music)
                area = built.by_pid.get(area_pid)
                if area is not None and area.facet in TOPICS and area.markers:
                    out[TOPIC].setdefault(area.key, m.phrase)
            # a medium read as a job's, or as a direction's source standing for its tasks (``instead``, above)
            if c.facet == "modality" and not m.job and not m.instead:
                for other in built.concepts:
                    if other.facet == "task" and _goes(other, c.pid, m):
                        out["task"].setdefault(other.key, m.phrase)
            if c.facet == "licence-family":
                for other in built.concepts:
                    if other.facet == "licence" and _member(other, c):
                        out["licence"].setdefault(other.key, m.phrase)
        return {facet: dict(values) for facet, values in out.items()}
