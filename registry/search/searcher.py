"""The searcher: query understanding, hybrid ranking (RRF), facets and suggestions for one query.

Ranking: exact id/name/PID matches first; then reciprocal rank fusion of the keyword ranking
(BM25 over hashed terms), the dense neighbours (cosine to the query embedding; for an embedder with
``min_z`` scored by how far they stand out from the query's similarities, ``_dense_key``), the
concept list and popularity. The result set (``total``, facet counts) is every FDO that passes the
filters and matches enough query words, is among the ``DENSE_K`` nearest above the embedder's
floor, or is among the concept list's first ``BOOST_K``.
"""

from __future__ import annotations

import math
import re
import time
from collections import OrderedDict
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import replace
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np

from registry.errors import BadRequest
from registry.search.name_words import (add_name_words, add_near_name_words, named_compound, named_together,
                                        term_holders, versioned_names)
from registry.search.concepts import (HUB_TAG, LANGUAGE_GROUP, SYSTEM, TOPIC, TOPICS, ConceptIndex, ConceptMatch,
                                     set_aside)
from registry.search.copy_words import EXPORT_FORMATS, QUANTISED_FORMATS, QUANTISERS, one_of
from registry.search.document import MANY_LANGUAGES, MULTILINGUAL
from registry.search.engine import Candidates, _top_set, first_in_order, sorted_unique
from registry.search.facets import FACETS, RANGE_FACETS, facet_name, kind_label, parse_count, parse_range
from registry.search.follow import follow_notes
from registry.search.index import SearchIndex
from registry.search.library_tags import library_tags
from registry.search.names import own_name_records, refused_variant
from registry.search.snippets import best_snippet, matched_words
from registry.search.stubs import named_stubs, stub_kin
from registry.search.results import (Facet, FacetValue, QueryUnderstanding, RecognisedFilter, SearchHit,
                                     SearchResponse, SuggestedFilter)
from registry.search.text import (STOPWORDS, QueryTerms, mark_term, query_terms, shortened_names, stem_term, tag_term, term_id,
                                  tokens)
from registry.search.patterns import (COMMERCIAL_USE, GENERIC, LANGUAGE_ALIASES, LICENCE_TALK, LINK_FACETS, METHODS,
                                      NOT_COMMERCIAL, SOUND_AS_SEEM, UNDER_CHARS, UNDER_LICENCE, VERB_UNDER)
from registry.search.patterns import MULTILINGUAL as MULTILINGUAL_WORDS
from registry.search.understand import (EXPANSIONS, FORMATS, Understander, apposed, blanked, business_told,
                                         follow_up_questions, writes_licence_id)
from registry.search.versions import asked_version, release_version, size_distance

if TYPE_CHECKING:
    from registry.search.llm import OllamaUnderstander

__all__ = ["Searcher", "MODES", "RRF_K", "DENSE_K", "MIN_SIM", "MAX_PER_PAGE", "TOPIC"]

MODES = ("hybrid", "keyword", "dense")
RRF_K = 60
# counts this close in log scale (5%) are the same size for an order of size: the most downloaded of them first
SIZE_ORDER_STEP = 0.05
DENSE_K = 100
MIN_SIM = 0.25  # all-MiniLM-L6-v2: unrelated texts mostly score below this (an embedder may say otherwise)
MAX_PER_PAGE = 100
POPULARITY_WEIGHT = 0.5  # a third, weaker RRF list: the candidates ordered by downloads
POPULARITY_K = 1000  # only the most downloaded candidates get a popularity rank
DENSE_WEIGHT = 1.0  # the dense ranking's weight in the fusion (an embedder may say otherwise)
BOOST_WEIGHT = 1.0  # the list of FDOs carrying a boosted value (a concept the question speaks of) counts fully
BOOST_K = 100  # at most this many boosted FDOs get a rank (and join the results)
# in hybrid mode the concept list orders its FDOs by the keyword key plus this share of their dense credit and
# ``CONCEPT_POPULARITY_SHARE`` of their popularity key (then by those credits alone, then downloads); 0 is the words
# first (docs/search.md, "Ranking")
CONCEPT_MEANING_SHARE = 0.5
# less than the dense share: popularity alone put a base's most downloaded build before the copies the question
# names (set 10 0.932 -> 0.934, set 1 0.930 -> 0.931; docs/search.md, "Ranking")
CONCEPT_POPULARITY_SHARE = 0.375
LINK_LEVEL = 8  # the boost weight of a linked FDO the question names (a dataset, base model, paper): above all others
# the facets whose filter read from the question brings in every FDO passing it, first, as a linked value does: the
# linked FDOs, and the fields a record states ("Which models have a DOI?": the words left rank them, they do not decide)
JOINING_FACETS = frozenset(LINK_FACETS) | {"states"}
BOOST_FACET_WEIGHTS = {"task": 2, **{f: LINK_LEVEL for f in JOINING_FACETS}}  # what a model does says more than its
# language or library; what it is linked to (trained on, derived from, cites) decides
# a task a model stating none is taken to do, from its bases' or its tags (``document.inferred_tasks``): below a
# stated task (2), a guess from its lineage; above none, as a copy of a text generator most likely writes text
INFERRED_TASK_WEIGHT = 1
TAG_WEIGHT = 1  # a Hub tag read for a format ("Core ML": coreml) boosts like a library
# a kind of task or subject area shown by a model's tags, name or data ("gsm8k", "chemistry") says what it is for,
# as a task does (measured: a subject area at 1, as a library, lost set 4's legal question and gained nothing)
TOPIC_WEIGHT = 2
MARKER_SHARE = 0.05  # a marker held by more of the index says nothing of a concept ("code" if most names held it)
MARKER_FLOOR = 25  # ... unless few FDOs hold it all the same (a small registry)
GENERIC_TASK_SHARE = 0.1  # a kind of task's own task held by more of the index (text generation) is not boosted
STATED_WEIGHT = 3  # a lenient filter the question states (a language): above a task read from loose words (2) ...
# the filters read from a question leaving at most this many FDOs, and nothing else read that ranks: every one of them
# is a result, after those the question's other words match (``Searcher._listed``)
FEW_LISTED = 30
LISTED_BESIDE = frozenset({"kind"})  # a filter saying only what kind of FDO is asked ("models") narrows too little
FEW_LANGUAGES = 5  # a model stating at most this many languages is for them (Llama 4 lists 12, Llama 3.1 eight)
# a language stated by more than this share of the FDOs stating a language (English) is a side of a job asked beside it
# (``Searcher._job_boost``)
COMMON_SHARE = 0.5
STATED_SHARE = 0.1  # ... when few FDOs state its value: "English" (most models) would outrank the task asked for
# the lenient filters whose value, stated by few FDOs, puts those stating it first (``_boost_score``): a language, and a
# library the question names as one ("plain PyTorch as their library": the one model whose card names it, before the
# many tagged pytorch for shipping PyTorch weights under transformers)
STATED_FIRST = frozenset({"language", "library"})
# a keyword match's rank credit, when the words' best match holds none of the question, runs from this share (a
# match scored near nothing) to all of it (one scored as the best); when it holds all of it, all (docs/search.md)
UNSURE_FLOOR = 0.5
# a keyword match holding neither the words a concept of the question was read from nor a concept's boost keeps
# (1 - their share of the question) to this power of its rank credit (docs/search.md, "Ranking")
CORE_POWER = 2
LINK_BONUS = 1.0  # added to the fused key of an FDO linked to what the question names: above any fused key (< 0.1)
KIND_BONUS = 0.5  # added to the fused key of a model showing a kind of task the question names by its words
# added to the fused key of a model meeting every job and subject the question was read as asking (``_complete``)
COMPLETE_BONUS = 0.5
COMMON_JOB_SHARE = 0.05  # ... when more of the index states the job: a rarer job narrows enough, the words decide
LINK_TIER = 0.1  # and this much per weight of the question's other boosts but a task it carries (above any fused key)
LENIENT_FACETS = frozenset({"task", "language", "library"})  # see _Filters
FACET_VALUES_SHOWN = 10
COMMERCIAL_FAMILY = "commercial-use"  # the licence group of the licences allowing commercial use (licences.ttl)
NEGATION_CHARS = 30  # how far before a commercial use a negation denies it ("we do not plan to sell")
# the facets of a concept that say what models are about or do: not read from the asker's business (``business_told``)
BUSINESS_FREE_FACETS = frozenset({"domain", "task", "task-kind", "task-family", "modality"})
CONCEPT_MAX_SHARE = 0.5  # a concept's boost standing for more than this share of a facet's values says nothing
# a proper name of several words written with capitals, joined by nothing or by "and", "of", "the", "&"
# ("Wallace and Gromit", "Lord of the Rings"); ``Searcher._phrase_named``
_NAME_JOINS = frozenset(("and", "of", "the"))
_PROPER_NAME = re.compile(r"\b[A-Z][A-Za-z0-9]+(?:(?:\s+(?:and|of|of\s+the|&)\s+|\s+)[A-Z][A-Za-z0-9]+)+")
PHRASE_NAMED_MAX = 5  # FDOs whose names hold such a name: more, and it is a common name's words, not one thing
PHRASE_NAMED_SCAN = 2000  # FDOs holding its rarest word whose names are checked; more, and the name is no rare one
# the concepts an apposition describing a library names for the library, not for the models asked for
DESCRIBED_FACETS = frozenset({"task", "task-family", "task-kind", "domain", "modality"})
CONCEPT_NOTE = "read from the meaning of the question"  # the note of a boost a concept of the question added
PLACE_NOTE = "read from a place its speakers live in"  # the note of a language a place stands for ("Hong Kong")
GROUP_NOTE = "read from a group of languages"  # the note of the languages a group stands for ("Indian languages")
# how many of a group's languages a model lists -> its boost (``_group_score``): one or two (a model for Hindi, or
# English and Hindi) 1; several 2; five or more (a model for the group) 3, as a stated language weighs
GROUP_LEVELS = ((1, 1), (3, 2), (5, 3))
MANY_NOTE = "read as many languages"  # the note of "multilingual", "many languages", "dozens of languages"
# how many languages a model lists -> its boost when the question asks for many languages (``_many_score``): a few
# (English and Chinese) 1; five or more 2; dozens (``document.MANY_LANGUAGES``, or the tag multilingual) 3
MANY_LEVELS = ((2, 1), (5, 2), (MANY_LANGUAGES, 3))  # (first as linked ones are from five: ``_boost_score``)
# the words of a format or precision in a copy's name ("-FP4", "-bf16", "-Q4_K_M-GGUF", "-i1-GGUF", "-mlx-8Bit")
_COPY_WORDS = rf"{one_of(QUANTISED_FORMATS + QUANTISERS + EXPORT_FORMATS)}|fp4|fp8|fp16|fp32|bf16|" \
              r"(?:int|float)\d+(?:bits?)?|\d+[ -]?bits?|q\d+(?:_[a-z0-9]+)*|i\d|imatrix|quanti[sz]ed|quants?"
# (and the letters of a quant's size, parts of a name split at "_": "Q4_K_M"; in a question they are other words: the
# "s" of "Acme's", ``COPY_SAID``)
# ("smashed", "ov": the words a compressing service and OpenVINO's exports write in copies' names, no question's)
COPY_WORD = re.compile(rf"\b(?:{_COPY_WORDS}|smashed|ov|k|m|s|l|xs|xl)\b", re.I)
# the Hub tags naming a format weights are copied into ("gguf", "mlx", "coreml"): a question reading one asks for
# copies; the tag of a training method or a library ("dpo", "trl", "unsloth") does not (it made a DPO question about
# a base's fine-tunes rank the base's copies first)
FORMAT_TAG = re.compile(rf"{FORMATS}|coreml|tflite", re.I)
COPY_SAID = re.compile(rf"\b(?:{_COPY_WORDS})\b", re.I)  # a question asking for copies in a format or fewer bits
# a format or precision holding weights in fewer bits than trained in, in a name or a question (not fp16, bf16, onnx)
FEWER_BITS = re.compile(rf"(?:^|(?<=[^a-z0-9]))(?:{one_of(QUANTISED_FORMATS + QUANTISERS)}|fp4|fp8|int[1-8]|"
                        r"[1-8][ -]?bits?|q[1-8](?:_[a-z0-9]+)*|quanti[sz]ed|(?:low|lower|fewer|reduced)[ -]bits?)(?![a-z0-9])", re.I)
# an OpenML object named by its kind and number ("OpenML dataset 61"), and the platform its kind is harvested under
OPENML_NAMED = re.compile(r"\bopenml(?:['’]s)?\s+(tasks?|data\s*sets?|flows?|runs?)\s+(?:id\s+|no\.?\s*|number\s+|#)?"
                          r"(\d{1,9})\b", re.I)
OPENML_PLATFORMS = {"task": "openml-task", "dataset": "openml-dataset", "flow": "openml", "run": "openml-run",
                    "tasks": "openml-task", "datasets": "openml-dataset", "flows": "openml", "runs": "openml-run"}
CARRIED_MIN = 4  # letters of a one-word name looked for inside longer words of names (``Searcher._carried``)
FACET_LABELS = {"task": "Task", "library": "Library", "language": "Language"}


class Searcher:
    """Search over one registry's index. Get it with ``registry.search.get_searcher(registry)``."""

    def __init__(self, index: SearchIndex, llm: "OllamaUnderstander | None" = None) -> None:
        self.index = index
        # the tasks the index holds: a medium a job named works on is the job's only while the index holds one of the
        # job's tasks (``ConceptIndex._sources``)
        self.concepts = ConceptIndex(index.store, index.embedder, held=lambda: self.vocabulary("task"))
        self.rules = Understander(self.vocabulary, keyword_papers=self.keyword_papers,
                                  licence_family=self.concepts.licences_of, owns=self.owns,
                                  means=self.means, paper_keys=self.paper_keys, accounts=self.concepts.accounts,
                                  tag_holders=self.tag_holders, licence_names=self.concepts.licence_names)
        self.llm = llm
        index.store.on_change(self._concepts_changed)
        self._understood: OrderedDict[str, QueryUnderstanding] = OrderedDict()
        self._topic_masks: dict[str, tuple[object, int, np.ndarray]] = {}  # key -> (engine, generation, score)
        self._kin_masks: dict[tuple, tuple[object, int, tuple[np.ndarray, np.ndarray]]] = {}  # ``_kin``
        self._copy_masks: dict[tuple, tuple[object, int, np.ndarray]] = {}  # ``_copies``
        self._few_masks: dict[str, tuple[object, int, np.ndarray]] = {}  # ``_few_languages``
        # the query is embedded (torch, outside the GIL) while the keyword side is scored
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="mlfdo-embed-query")

    @property
    def engine(self):
        return self.index.engine

    def vocabulary(self, facet: str) -> dict[str, tuple[str, int]]:
        """Return key -> (label, count) of a term facet over the whole index."""
        return self.engine.facet_vocabulary(facet)

    def paper_keys(self, arxiv_id: str) -> tuple[str, ...]:
        """Return the paper values holding an arXiv id whole (``MemoryEngine.paper_keys``)."""
        return self.engine.paper_keys(arxiv_id)

    def tag_holders(self, tag: str) -> int:
        """Return how many FDOs of the index carry the Hub tag ``tag`` (whole: "alignment-handbook")."""
        return self.engine.document_frequencies([tag_term(tag)])[1][tag_term(tag)]

    def keyword_papers(self, keyword: str) -> tuple[int, dict[str, int]]:
        """Return how many FDOs carry a keyword, and the paper facet keys most of them cite (key -> how many)."""
        from registry.fdo.model import refs_for

        store = self.index.store
        total, cited = store.papers_cited_with_keyword(keyword)
        refs = refs_for(store, [pid for pid, _ in cited]) if cited else {}
        return total, {refs[pid].key: n for pid, n in cited if pid in refs}

    def means(self, words: str, owners: tuple[str, ...] = ()) -> bool:
        """Say whether ``words`` name a concept of the registry by its words ("segment anything": mask generation).

        A system the registry does not hold ("Gemini") is such a concept only when ``owners`` (the accounts of the
        owner a question gives it, "Meta's MusicGen") hold no model of what it does: then the models of its tasks
        are the closest, not the owner's other models; when they hold some, the owner's FDOs stay the closest."""
        return any(m.how == "words" and (m.concept.facet != SYSTEM or (
            owners and not self.owns((), m.phrase) and not self._owners_do(list(owners), m.concept)))
            for m in self.concepts.match(words))

    def not_held(self, text: str) -> list:
        """Return the matches of ``text`` to systems the registry does not hold (``concepts.SYSTEM``: "Midjourney"),
        without those a record carries the name of: an FDO whose name or identifier holds the phrase's words wins
        over the entry."""
        return [m for m in self.concepts.match(text) if m.concept.facet == SYSTEM and not self.owns((), m.phrase)]

    def _mentioned(self, phrase: str) -> bool:
        """Say whether an FDO of the index holds every word of ``phrase`` anywhere in its text."""
        wanted = tokens(phrase, keep_stopwords=True)
        if not wanted:
            return False
        with self.engine.lock:
            sel = self.engine.alive[:self.engine.size].copy()
            for w in wanted:
                sel = sel & self.engine.word_mask(w)
            return bool(sel.any())

    def owns(self, authors: tuple[str, ...], word: str, *, records_only: bool = False) -> bool:
        """Say whether an FDO of one of ``authors`` (of any author when none is given) has ``word`` in its name
        or identifier: its words in their order, one after the other ("Code Llama" is no name of
        llama_2_llama_2_code_math). ``records_only``: a stub (a name another record gives, never harvested) does
        not count."""
        wanted = tokens(word, keep_stopwords=True)
        if not wanted:
            return False
        with self.engine.lock:
            sel = self.engine.facet_masks({"author": list(authors)}, {}).get("author") if authors else \
                self.engine.alive[:self.engine.size].copy()
            if sel is None:
                return False
            if records_only:
                sel = sel & ~self.engine.stub[:len(sel)]
            for w in wanted:
                sel = sel & self.engine.word_mask(w)
            for slot in np.flatnonzero(sel):
                doc = self.engine.docs[slot]
                if doc is not None and any(holds_run(tokens(n, keep_stopwords=True), wanted)
                                           for n in (doc.name, doc.identifier or "")):
                    return True
        return False

    def document_frequencies(self, terms: list[str]) -> tuple[int, dict[str, int]]:
        """Return (FDOs in the index, index term -> how many of them hold it): the keyword side's IDF inputs."""
        return self.engine.document_frequencies(terms)

    # ---------------------------------------------------------------- understanding
    def understand(self, query: str) -> QueryUnderstanding:
        """Return what the query says: recognised filters, expansions, suggestions, questions."""
        query = query.strip()
        cached = self._understood.get(query)
        if cached is not None:
            return cached
        result = self.rules.understand(query)
        if self.llm is not None and query:
            result = self.llm.understand(query, result, self.vocabulary) or result
        if query:
            result = self._without_compounds(_many_languages(self._with_concepts(result)))
        self._understood[query] = result
        if len(self._understood) > 256:
            self._understood.popitem(last=False)
        return result

    def _concepts_changed(self, results) -> None:
        if any(r.status in ("new", "changed") for r in results):
            self.concepts.refresh()
            self._understood.clear()
            self._topic_masks.clear()
            self._kin_masks.clear()
            self._copy_masks.clear()
            self._few_masks.clear()

    def _with_concepts(self, qu: QueryUnderstanding) -> QueryUnderstanding:
        """Add a boost for every facet value a concept of the question stands for (docs/search.md)."""
        # the topic: the question's frame says nothing; a format read as a Hub tag ("GGUF") is matched by the tag,
        # the tasks its runtime serves would rank every text generator above the GGUF build asked for
        text = qu.text or qu.query
        if qu.tags:
            # (a training method's acronym, "MoE", is its concept's words too: taken out, "a MoE design" read the
            # subject area building design)
            text = " ".join(w for w in text.split() if w.lower() not in qu.tags or w.lower() in METHODS)
        # "to sound more like a person" says how it comes across: the word "sound" is no audio
        text = SOUND_AS_SEEM.sub(lambda m: m.group(0).replace(m.group(0).split()[0], "seem", 1), text)
        # a system not held stands for its tasks unless a record carries its name (the record wins); when its owner's
        # possessive names an owner holding models of those tasks ("Salesforce's BLIP-2": Salesforce's BLIP captioner;
        # "Google's Gemini": Gemma), the owner's models doing them are its closest kin, first (``_kin``), and the
        # tasks' other models follow
        owners = self._possessive_owners(qu)
        matches = [m for m in self.concepts.match(text, written_as=qu.query)
                   if m.concept.facet != SYSTEM or not self.owns((), m.phrase)]
        # a system names the tasks it does: a modality the question also speaks of ("ElevenLabs' voice model": audio)
        # adds no other task of that modality; so does a kind of task named by its words, through the task it narrows
        # ("from a voice recording, is the speaker a man or a woman": audio classification, not every audio task)
        served = {pid for m in matches if m.concept.facet == SYSTEM for pid in m.concept.serves}
        served |= {pid for m in matches if m.concept.facet == "task-kind" and m.how == "words" for pid in m.concept.broader}
        if served:
            matches = [m for m in matches if m.concept.facet != "modality" or not any(
                c.facet == "task" and m.concept.pid in c.modalities and c.pid in served
                for c in (self.concepts.concept(pid) for pid in served) if c is not None)]
        # a task the rules read from the same words ("make images without being given any prompt": unconditional image
        # generation) is the narrower reading: the tasks a verb of making reads from any of them ("make images": every
        # task making images) stand back; a rule reading no more words than the making phrase says no more ("video
        # generators", "generate videos": every task making clips, not text to video alone)
        ruled = [(frozenset(tokens(r.span)), set(r.values)) for r in qu.recognised
                 if r.facet == "task" and r.applied and r.values and r.note != CONCEPT_NOTE and r.span]
        if ruled:
            matches = [m for m in matches if not m.making or not any(
                span & set(tokens(m.phrase)) and not span <= set(tokens(m.phrase)) and m.concept.key not in keys
                for span, keys in ruled)]
        # a licence family's words inside the span a rule read another licence constraint from ("commercially" of
        # "non-commercially": the non-commercial licences) name no family of their own
        read = [r.span for r in qu.recognised if r.facet == "licence" and r.applied and r.note != CONCEPT_NOTE and r.span]
        if read:
            matches = [m for m in matches if m.concept.facet != "licence-family" or not _inside_spans(m.phrase, read,
                                                                                                   qu.query)]
        # a library the question names ("SetFit") is what it asks for; another only in the apposition describing it
        # ("SetFit, the few-shot sentence-transformer method") is no library asked for (``understand._appositions``)
        # what an apposition ending in a word for a library says ("TRL, Hugging Face's reinforcement-learning and
        # fine-tuning library") is what the library does, no task or subject the models asked for have
        # (a library named and held as no FDO's library, read as its Hub tag, is named all the same)
        libraries = [r for r in qu.recognised if r.facet == "library" and r.span and r.note != CONCEPT_NOTE]
        described = {t for r in libraries if r.values for t in tokens(apposed(qu.query, r.span))}
        if described:
            asked = {v for r in libraries for v in r.values}
            matches = [m for m in matches if m.concept.facet != "library" or m.concept.key in asked
                       or not set(tokens(m.phrase)) <= described]
        said = {t for r in libraries for t in tokens(apposed(qu.query, r.span, tool=True))}
        if said:
            matches = [m for m in matches if m.concept.facet not in DESCRIBED_FACETS
                       or not set(tokens(m.phrase)) <= said]
        # a licence the question calls by its name ("the Academic Free License", "the Microsoft Public License") is
        # that licence, a filter as "MIT" is; a looser reading of its words (the families "academic use", "free to
        # use") is dropped
        named = _named_licences(qu.query, matches)
        if named:
            said = {t for _, span in named for t in tokens(span)}
            matches = [m for m in matches if m.concept.facet != "licence-family" or not said & set(tokens(m.phrase))]
        # the asker's business in a question about the terms of use ("Our accounting firm ...", "... sells software
        # in the Gulf") says why a commercial licence is needed: no subject or task of the models asked for
        # (``understand.business_told``); a concept the rest of the question names too ("Our law firm wants legal
        # models") stays
        told = business_told(qu.query)
        if told and any(m.concept.facet in BUSINESS_FREE_FACETS for m in matches):
            rest = blanked(qu.query, told)
            kept = {m.concept.pid for m in self.concepts.match(rest, written_as=rest)}
            matches = [m for m in matches if m.concept.facet not in BUSINESS_FREE_FACETS or m.concept.pid in kept]
        matches += self._commercial_use(qu, matches)
        if not matches:
            return qu
        recognised = list(qu.recognised)
        if named:
            recognised = self._licence_names(recognised, named)
        family = self._licence_family_filter(qu, matches)
        added = [family] if family is not None else []
        added += self._language_groups([m for m in matches if m.concept.facet == LANGUAGE_GROUP])
        tags: dict[str, str] = {}
        for facet, values in self._concept_boosts(matches).items():
            if facet == TOPIC:
                topic = self._topic_boost(values)
                if topic is not None:
                    added.append(topic)
                continue
            if facet == HUB_TAG:
                # a Hub tag the question means in plain words ("allow remote code to load": custom_code) ranks up the
                # models carrying it, as a tag the question writes does (``qu.tags``); one no FDO carries is left
                tags = {t: p for t, p in values.items() if t not in qu.tags and self.tag_holders(t)}
                for tag, phrase in tags.items():
                    # shown as a tag read from a format's name is (not applied: it filters nothing), so that the
                    # chat takes a record carrying it as holding the words it was read from
                    added.append(RecognisedFilter("library", (), f"Hub tag: {tag}", phrase, False,
                                                  f"{CONCEPT_NOTE}: matched as the tag {tag!r}", mode="boost"))
                continue
            vocab = self.vocabulary(facet)
            held = [k for k in values if k in vocab]
            if facet == "dataset":
                # (a data set no model is trained on may still be one some are named after: MMLU)
                with self.engine.lock:
                    held += [k for k in values if k not in vocab and self._data_named([k]).any()]
            # a filter read from the same words as the concept, meaning part of it (a licence family the LLM
            # reader read in part) is widened to all of it, and the concept's boost keeps them all, so each
            # joins the results whatever its words
            widened = narrowed = False
            for i, r in enumerate(recognised):
                if r.facet != facet or r.mode != "filter" or not r.applied or not r.values or facet == "dataset":
                    continue
                same = [k for k in held if _same_words(r.span, values[k])]  # what the concept of its words holds
                family = len(same) > 1 and len({values[k] for k in same}) == 1  # one phrase, several values
                if family and set(r.values) < set(same) and (_names_more(r.span, values[same[0]]) or (
                        facet == "licence" and len(r.values) == 1 and writes_licence_id(r.span, r.values[0]))):
                    # the words name a member of the family, a version ("the Llama 3 community licences") or a
                    # licence by its exact id ("OpenRAIL++": openrail++, not the family its stem names): the
                    # reader's narrower reading stands, and the family's other members are not preferred either
                    narrowed = True
                    continue
                if family and set(r.values) <= set(same):
                    if set(same) - set(r.values):
                        wide = tuple(r.values) + tuple(k for k in same if k not in r.values)
                        label = f"{facet}: " + " or ".join(vocab[k][0] for k in wide)
                        recognised[i] = RecognisedFilter(r.facet, wide, label, r.span, r.applied, r.note, r.mode)
                    # a family (the reader may already read all of it): its boost is kept all the same; one licence
                    # named exactly ("MIT") or values named one by one ("German or English") need none (measured:
                    # set 3 dense -0.02 with it for a licence)
                    widened = True
            taken = {(r.facet, v) for r in recognised for v in r.values} if not widened else set()
            if facet == "dataset" and any(r.facet == facet and r.applied and r.values for r in recognised):
                # a data set the rules read by its name is the one asked for: the concepts' readings of its copies'
                # names or of other words are looser guesses, and would link their models first beside it
                held = []
            if facet == "dataset":
                # a data set the base model a question names was made with ("AmberYifan's Gemma 7B that went through
                # safe RLHF on UltraChat": its name holds "ultrachat") says what the base is, not what the models asked
                # for were trained on
                bases = [set(tokens(v)) for r in recognised if r.facet == "base_model" and r.applied for v in r.values]
                held = [k for k in held if not any(set(tokens(values[k])) <= base for base in bases)]
            keys = [k for k in held if (facet, k) not in taken] if not narrowed else []
            said = {r.span.lower() for r in recognised if r.facet == facet}
            # (nor one whose name names a language held too: "Filipino" is Filipino and Tagalog, which the Hub tags)
            held_names = {values[k].lower() for k in values if k in vocab}
            missing = [k for k in values if k not in vocab and values[k].lower() not in said | held_names] \
                if facet == "language" else []
            if missing:
                # a language the vocabulary knows and no record is tagged with ("the Otomi language"): said, not
                # applied, as the rules say it of a language name they know ("Swahili")
                concepts = [self.concepts.of("language", k) for k in missing]
                names = ", ".join(c.label for c in concepts if c is not None) or ", ".join(missing)
                added.append(RecognisedFilter(facet, (), f"language: {names}", " / ".join(dict.fromkeys(
                    values[k] for k in missing)), False, "no indexed FDO is tagged with language " + " or ".join(
                    repr(k) for k in missing)))
            if facet == "language":
                # a language called by one of its names ("Nepali", "Nepalese") is named exactly, as the rules' short
                # list names "Marathi": a lenient filter like theirs, not a preference (set 9: Nepali 0 -> 1.00)
                # (not a word of a name the rules read, "the 110k Chinese reasoning traces": a data set's name)
                spans = [r.span for r in qu.recognised if r.applied and r.values and r.note != CONCEPT_NOTE and r.span]
                named = [k for k in keys if self._language_named(k, values[k]) and not _only_within(values[k], spans,
                                                                                                     qu.query)]
                if named:
                    added.append(RecognisedFilter(facet, tuple(named), "language: " + " or ".join(
                        vocab[k][0] for k in named), " / ".join(dict.fromkeys(values[k] for k in named))))
                    keys = [k for k in keys if k not in named]
                # a language called by a place its speakers live in ("for Hong Kong speakers": Cantonese) is stated,
                # as a name is, but a place may speak several (Kenya: Swahili and English): a preference weighing as
                # a stated language does, never a filter (``_boost_score``)
                placed = [k for k in keys if self._language_placed(k, values[k])]
                if placed:
                    added.append(RecognisedFilter(facet, tuple(placed), "language: " + " or ".join(
                        vocab[k][0] for k in placed), " / ".join(dict.fromkeys(values[k] for k in placed)),
                        mode="boost", note=PLACE_NOTE))
                    keys = [k for k in keys if k not in placed]
            if not keys:
                continue
            keys.sort(key=lambda k: -vocab.get(k, ("", 0))[1])
            spans = " / ".join(dict.fromkeys(values[k] for k in keys))
            # (a data set by its concept's label: its FDO is named by its id)
            labels = list(dict.fromkeys(self.concepts.data_set(k).label if facet == "dataset" and self.concepts.data_set(k)
                                        else vocab[k][0] for k in keys))
            # (copies of a data set share its label)
            shown = ", ".join(labels[:4]) + (f" and {len(labels) - 4} more" if len(labels) > 4 else "")
            # (a data set named or described: the models trained on it, as the rules' "trained on X" says)
            added.append(RecognisedFilter(facet, tuple(keys), f"{'trained on' if facet == 'dataset' else facet}: {shown}",
                                          spans, mode="boost", note=CONCEPT_NOTE))
        # the name of a system not held that stands for its tasks is carried by no record (else the record would
        # win); when no record mentions it either, its words ("Qwen" of "Qwen2-VL") would only rank records holding
        # part of it (words naming another concept as well stay: "segment anything" is also mask generation). One a
        # record mentions ("an open alternative to Sora") keeps its words: that record speaks of it
        kin = tuple(m.concept.pid for m in matches if m.concept.facet == SYSTEM and (
            m.concept.base or (owners and self._owners_do(owners, m.concept))))
        names = [m.phrase for m in matches if m.concept.facet == SYSTEM and not self._mentioned(m.phrase)]
        meant = [m.phrase for m in matches if m.concept.facet != SYSTEM and m.how == "words"]
        if owners and kin:
            # the owner's word stays when its models are the system's kin ("Google's Gemini", matched as "Google
            # Gemini"): it finds the owner's other models, next after the kin
            meant += [r.span for r in qu.recognised if r.facet == "author" and not r.values and r.note]
        text, sentence = (_without_name(qu.text, names, meant), _without_name(qu.sentence, names, meant)) if names \
            else (qu.text, qu.sentence)
        kinds = tuple(dict.fromkeys(m.concept.key for m in matches if m.concept.facet == "task-kind" and m.how == "words"))
        if not added and recognised == list(qu.recognised) and text == qu.text and not kin:
            return qu
        return replace(qu, recognised=tuple(recognised) + tuple(added), text=text, sentence=sentence, kin=kin,
                       kinds=kinds, tags=qu.tags + tuple(tags), expansions=_unexpanded(qu.expansions, tags.values()))

    def _language_groups(self, matches: list[ConceptMatch]) -> list[RecognisedFilter]:
        """Return a preference for the languages of each group of languages the question names ("Indian languages":
        Hindi, Tamil, ...) that the index holds models of; the models listing more of them rank first
        (``_group_score``)."""
        vocab = self.vocabulary("language")
        out = []
        for m in matches:
            keys = [c.key for c in (self.concepts.concept(pid) for pid in m.concept.members)
                    if c is not None and c.key in vocab]
            if keys:
                out.append(RecognisedFilter("language", tuple(dict.fromkeys(keys)), f"languages: {m.concept.label}",
                                            m.phrase, mode="boost", note=GROUP_NOTE))
        return out

    def _group_score(self, keys: list[str]) -> np.ndarray:
        """Return, per slot, the boost of a model listing some of a group's languages ``keys`` (``GROUP_LEVELS``)."""
        count = np.zeros(self.engine.size, dtype=np.int16)
        for key in keys:
            count += self.engine.facet_masks({"language": [key]}, {}, frozenset())["language"].view(np.int8)
        score = np.zeros(self.engine.size, dtype=np.int16)
        for least, level in GROUP_LEVELS:
            score[count >= least] = level
        return score

    def _language_counts(self) -> tuple[np.ndarray, np.ndarray]:
        """Return, per slot, how many languages the FDO lists other than the tag multilingual, and whether it holds
        that tag; from the facet's pairs, as the filters read it, once per state of the index (reading every
        record's languages in Python took 0.4 s at 100k FDOs, again after each change of the index)."""
        engine = self.engine
        cached = self._few_masks.get("counts")
        if cached is not None and cached[0] is engine and cached[1] == engine.generation:
            return cached[2]
        tagged = engine.facet_masks({"language": [MULTILINGUAL]}, {}, frozenset())["language"][:engine.size]
        count = engine.value_counts("language").astype(np.int16) - tagged.view(np.int8)
        self._few_masks["counts"] = (engine, engine.generation, (count, tagged))
        return count, tagged

    def _many_score(self) -> np.ndarray:
        """Return, per slot, the boost of a model by how many languages it lists (``MANY_LEVELS``); the tag
        multilingual counts as dozens."""
        engine = self.engine
        cached = self._few_masks.get("many")
        if cached is not None and cached[0] is engine and cached[1] == engine.generation:
            return cached[2]
        count, tagged = self._language_counts()
        count = count.copy()
        count[tagged] = MANY_LANGUAGES
        score = np.zeros(engine.size, dtype=np.int16)
        for least, level in MANY_LEVELS:
            score[count >= least] = level
        self._few_masks["many"] = (engine, engine.generation, score)
        return score

    def _of_index(self, share: float) -> float:
        """Return ``share`` of the FDOs indexed (of one at least): the count a task or language is weighed against."""
        return share * max(1, len(self.engine.slot_of))

    def _without_compounds(self, qu: QueryUnderstanding) -> QueryUnderstanding:
        """Return ``qu`` without the languages whose name the question writes only as the first word of the name of a
        thing (``_names_thing``: "French bulldogs", "a German shepherd"): no language is asked there."""
        recognised = []
        for r in qu.recognised:
            parts = [p.strip() for p in r.span.split(" / ") if p.strip()] if r.facet == "language" and r.span and \
                r.note not in (MANY_NOTE, GROUP_NOTE) else []
            things = {p.lower() for p in parts if self._names_thing(p, qu.query)}
            if not things:
                recognised.append(r)
                continue
            if things >= {p.lower() for p in parts}:
                continue
            kept = tuple(v for v in r.values if not self._called(v, things))
            if kept:
                vocab = self.vocabulary("language")
                recognised.append(replace(r, values=kept, label="language: " + " or ".join(
                    vocab[k][0] if k in vocab else k for k in kept), span=" / ".join(
                    p for p in parts if p.lower() not in things)))
        if len(recognised) == len(qu.recognised) and all(a is b for a, b in zip(recognised, qu.recognised)):
            return qu
        return replace(qu, recognised=tuple(recognised))

    def _names_thing(self, phrase: str, query: str) -> bool:
        """Say whether ``phrase``, a language's name, stands in ``query`` only before a word with which the names of
        FDOs stating no language write it as one word or joined by a hyphen ("French bulldogs":
        frenchbulldog_dreambooth, a text-to-image model stating none): a thing so named (a breed, a dish) is no
        language asked for. A name whose FDO states a language runs the language into its model or data ("TamilGPT",
        "GermanQuAD"), and a word no name joins to it leaves the language read ("French text")."""
        written = list(re.finditer(rf"(?i)(?<!\w){re.escape(phrase)}(?!\w)", query))
        after = [re.match(r"[\s-]+([^\W\d_]+)", query[m.end():]) for m in written]
        if not written or not all(after) or not phrase.isalpha():
            return False
        engine = self.engine
        with engine.lock:
            for m in after:
                word = m.group(1).lower()
                if word in LANGUAGE_ALIASES:
                    return False  # "English-Tamil": two languages
                slots = named_compound(engine, phrase, word)
                if not slots or any(engine.docs[s] is None or engine.docs[s].facets.get("language") for s in slots):
                    return False
        return True

    def _called(self, key: str, names: set[str]) -> bool:
        """Say whether the language ``key`` is called by one of ``names`` (lower-case)."""
        code = key.lower().split("-")[0]
        concept = self.concepts.of("language", key)
        return any(LANGUAGE_ALIASES.get(n) == code for n in names) or (
            concept is not None and bool(names & {n.lower() for n in concept.names}))

    def _language_placed(self, key: str, phrase: str) -> bool:
        """Say whether ``phrase`` is one of the places whose speakers name the language ``key`` (its hidden labels)."""
        concept = self.concepts.of("language", key)
        return concept is not None and phrase.strip().lower() in {p.lower() for p in concept.places}

    def _language_named(self, key: str, phrase: str) -> bool:
        """Say whether ``phrase`` is one of the names of the language ``key`` (not a phrase meaning it)."""
        concept = self.concepts.of("language", key)
        return concept is not None and phrase.strip().lower() in {n.lower() for n in concept.names}

    def _licence_names(self, recognised: list[RecognisedFilter], named) -> list[RecognisedFilter]:
        """Return ``recognised`` with a filter on the licences the question calls by name (``_named_licences``), unless
        a licence filter read from the text holds them already; a licence reading of words inside their names is
        dropped."""
        vocab = self.vocabulary("licence")
        # a name inside the words a rule read a licence from names that licence, its version aside ("the GNU Lesser
        # General Public License 3.0": LGPL-3.0 only, not every LGPL the name without version calls)
        ruled = [r.span.lower() for r in recognised if r.facet == "licence" and r.span and r.note != CONCEPT_NOTE]
        named = [(c, span) for c, span in named if not any(_words_within(span, r) for r in ruled)]
        spans = [span.lower() for _, span in named]
        kept = [r for r in recognised if r.facet != "licence" or not r.span or not any(
            r.span.lower() in span for span in spans)]
        read = {v for r in kept if r.facet == "licence" and r.mode == "filter" and r.applied for v in r.values}
        keys = [c.key for c, _ in named if c.key not in read]
        if not keys:
            return kept
        held = [k for k in keys if k in vocab]
        span = " / ".join(dict.fromkeys(span for c, span in named if c.key in keys))
        if not held:
            return kept + [RecognisedFilter("licence", (), "licence: " + " or ".join(c.label for c, _ in named), span,
                                            False, f"no indexed FDO has licence {' or '.join(keys)}")]
        label = "licence: " + " or ".join(vocab[k][0] for k in held)
        return kept + [RecognisedFilter("licence", tuple(held), label, span, mode="filter")]

    def _possessive_owners(self, qu: QueryUnderstanding) -> list[str]:
        """Return the author keys of an owner's possessive the reader noted as holding nothing so named ("Google's
        Gemini": google, google-bert...), [] when there is none."""
        noted = [r for r in qu.recognised if r.facet == "author" and not r.values and r.note]
        if not noted:
            return []
        word = re.sub(r"['’]s?$", "", noted[0].span.strip().lower())
        vocab = self.vocabulary("author")
        accounts = [k for k in self.concepts.accounts(word) if k in vocab]  # an organisation's accounts (Meta: facebook)
        return list(dict.fromkeys([k for k in vocab if k.lower() == word or k.lower().startswith(word + "-")]
                                  + accounts))

    def _owners_do(self, owners: list[str], system) -> bool:
        """Say whether an FDO of ``owners`` has one of the tasks ``system`` (a system not held) does, and, when it
        does a kind of task or is for a subject area (Codestral: code; MusicGen: music), shows one of those too: a
        company's chat models are not its code model's closest kin."""
        served = [c for c in (self.concepts.concept(pid) for pid in system.serves + system.related) if c is not None]
        tasks = [c.key for c in served if c.facet == "task"]
        topics = [c.key for c in served if c.facet in TOPICS and c.markers]
        if not tasks:
            return False
        with self.engine.lock:
            masks = self.engine.facet_masks({"author": owners, "task": tasks}, {})
            held = masks["author"] & masks["task"]
            if topics and held.any():
                held = held & self._topics_mask(topics)
            return bool(held.any())

    def _commercial_use(self, qu: QueryUnderstanding, matches) -> list[ConceptMatch]:
        """Return the family of licences allowing commercial use when a question about the terms of use says in other
        words that the model is to earn money ("We are a German company. Which models does the licence let us use in
        what we sell?": ``COMMERCIAL_USE``), else []. Not when the family's own words are matched already, nor beside
        a licence filter the rules read ("Which MIT-licensed models may my firm use?" asks for MIT, which the family
        would widen), nor for a use the question denies ("we will not sell it")."""
        if any(m.concept.facet == "licence-family" and m.concept.key == COMMERCIAL_FAMILY for m in matches) or any(
                r.facet == "licence" and r.mode == "filter" for r in qu.recognised) or not LICENCE_TALK.search(qu.query):
            return []
        concept = self.concepts.of("licence-family", COMMERCIAL_FAMILY)
        if concept is None:
            return []
        text = set_aside(qu.query)
        said = next((m for m in COMMERCIAL_USE.finditer(text)
                     if not NOT_COMMERCIAL.search(text, max(0, m.start() - NEGATION_CHARS), m.start())), None)
        return [ConceptMatch(concept, said.group(0), 1.0, "words")] if said else []

    def _licence_family_filter(self, qu: QueryUnderstanding, matches) -> RecognisedFilter | None:
        """Return the filter on the licences of the licence families a question about licences names by their words
        ("a Creative Commons licence", "under a permissive open-source licence", "may I use in a commercial
        product"), or None. Families named together narrow each other (permissive and open source) unless no licence
        is in both; a family whose words the rules already read a filter from (a version of it, "the Llama 3
        community licences") is left to that filter."""
        if not LICENCE_TALK.search(qu.query):
            return None
        vocab = self.vocabulary("licence")
        read = [r for r in qu.recognised if r.facet == "licence" and r.mode == "filter" and r.applied]
        named = []
        for m in matches:
            if m.concept.facet != "licence-family" or m.how != "words" or any(_same_words(r.span, m.phrase)
                                                                              for r in read):
                continue
            keys = [k for k in self.concepts.licences_of(m.concept.key) if k in vocab]
            if keys:
                named.append((m, keys))
        if not named:
            return None
        common = set.intersection(*(set(keys) for _, keys in named))
        keys = [k for _, ks in named for k in ks if k in common] if common else [k for _, ks in named for k in ks]
        keys = sorted(dict.fromkeys(keys), key=lambda k: -vocab[k][1])
        label = "licence: " + " and ".join(m.concept.label for m, _ in named)
        return RecognisedFilter("licence", tuple(keys), label, " / ".join(m.phrase for m, _ in named),
                                note=CONCEPT_NOTE, mode="filter")

    def _concept_boosts(self, matches) -> dict[str, dict[str, str]]:
        """Return the concepts' boosts (``ConceptIndex.boosts``) without the task a kind of task narrows when more than
        ``GENERIC_TASK_SHARE`` of the index has it and no other concept of the question names it: "maths homework"
        means the models showing math problem solving, not every text generator."""
        # a library the index holds is named for its own models: the tasks it serves (fairseq: translation) would
        # weigh more than it (a task's boost is 2, a library's 1) and rank others' translators above its models
        held = self.vocabulary("library")
        named_libraries = {m.concept.key: m.phrase for m in matches if m.concept.facet == "library" and m.concept.key in held}
        boosts = self.concepts.boosts([m for m in matches if m.concept.key not in named_libraries
                                       or m.concept.facet != "library"])
        if named_libraries:
            boosts.setdefault("library", {}).update(named_libraries)
        kinds = [m for m in matches if m.concept.facet == "task-kind"]
        if not kinds or "task" not in boosts:
            return boosts
        named = self.concepts.boosts([m for m in matches if m not in kinds]).get("task", {})
        vocab, most = self.vocabulary("task"), self._of_index(GENERIC_TASK_SHARE)
        boosts["task"] = {k: p for k, p in boosts["task"].items() if k in named or vocab.get(k, ("", 0))[1] <= most}
        return {f: v for f, v in boosts.items() if v}

    def _topic_boost(self, values: dict[str, str]) -> RecognisedFilter | None:
        """Return the boost of the kinds of task and subject areas ``values`` names (key -> phrase) that some FDO's
        facts show, or None."""
        with self.engine.lock:
            keys = [k for k in values if self._topic_mask(k).any()]
        if not keys:
            return None
        labels = list(dict.fromkeys(self.concepts.topic(k).label for k in keys))
        return RecognisedFilter(TOPIC, tuple(keys), f"{TOPIC}: " + ", ".join(labels),
                                " / ".join(dict.fromkeys(values[k] for k in keys)), mode="boost", note=CONCEPT_NOTE)

    def _topic_mask(self, key: str) -> np.ndarray:
        """Return the slots whose facts hold a marker of the kind of task or subject area ``key`` (``_topic_score``)."""
        return self._topic_score(key) > 0

    def _topic_score(self, key: str) -> np.ndarray:
        """Return, per slot, the weight of the kind of task or subject area ``key`` in what the FDO's facts show:
        ``TOPIC_WEIGHT`` when its tags or name hold one of the concept's markers (it says so itself: "Coder",
        "GSM8K" in its name), 1 when only its training data sets do (an embedder trained on code search pairs
        among thirty other sets), else 0.

        A marker held by more than ``MARKER_SHARE`` of the index (and more than ``MARKER_FLOOR`` FDOs) is left out:
        it would boost half the registry. A model showing a kind of task under another task than the kind's counts
        all the same (measured: Flan-T5, text-to-text, trained on GSM8K answers set 6's maths question; such models
        counting less lost 0.1 on two questions and gained nothing the split by field above does not).
        """
        engine = self.engine
        cached = self._topic_masks.get(key)
        if cached is not None and cached[0] is engine and cached[1] == engine.generation:
            return cached[2]
        named = np.zeros(engine.size, dtype=bool)
        trained = np.zeros(engine.size, dtype=bool)
        concept = self.concepts.topic(key)
        if concept is not None:
            most = max(MARKER_SHARE * len(engine.slot_of), MARKER_FLOOR)
            for marker in concept.markers:
                own, data = engine.marker_masks(marker)
                if np.count_nonzero(own | data) <= most:
                    named |= own
                    trained |= data
                near = engine.near_tags(marker)  # a tag misspelt by a letter ("Literatue") shows it as well
                if np.count_nonzero(near) <= most:
                    named |= near
        if concept is not None:  # a model trained on a data set the vocabulary says is for it (the store's links)
            trained |= self._trained_for(concept.facet, [concept.key])
        score = np.where(named, np.int16(TOPIC_WEIGHT), np.where(trained, np.int16(1), np.int16(0))).astype(np.int16)
        self._topic_masks[key] = (engine, engine.generation, score)  # read-only from here: callers combine copies
        return score

    def _data_named(self, keys: list[str]) -> np.ndarray:
        """Return the slots whose facts show one of the data sets ``keys`` by its markers (``Concept.markers``: its id,
        the words a model's name uses for it, "mmlu"), the data sets the vocabulary knows."""
        sel = np.zeros(self.engine.size, dtype=bool)
        for key in keys:
            if self.concepts.data_set(key) is not None:
                sel |= self._topic_score(key) > 0
        if sel.any():  # (the data set's own FDO holds its id too: what was trained on it is asked for, not it)
            sel &= ~self.engine.facet_masks({"kind": ["dataset"]}, {}, frozenset())["kind"]
        return sel

    def _kinds_shown(self, qu: QueryUnderstanding) -> np.ndarray | None:
        """Return the slots whose tags or name show a kind of task the question names by its words and still boosts
        (``QueryUnderstanding.kinds``), or None when there is none."""
        boosted = {v for r in qu.recognised if r.facet == TOPIC and r.applied for v in r.values}
        keys = [k for k in qu.kinds if k in boosted]
        # (a task read from one of its own names, "chatbot", is a kind the question names by its words too: the
        # models saying it in their name show it)
        sel = self._task_named(qu)
        if sel is not None:
            # (stating no task, and showing a subject area or kind the question asks besides: the name says both what
            # it is and what it is about; a name saying only the task's words, "medical-question-answering-datasets"
            # for "question answering on scanned documents", is matched by those words already)
            topics = [v for r in qu.recognised if r.facet == TOPIC and r.applied for v in r.values]
            sel = sel & self.engine.facet_masks({"task": []}, {}, frozenset({"task"}))["task"] & \
                (self._topics_mask(topics) if topics else np.zeros(self.engine.size, dtype=bool))
        if not keys and sel is None:
            return None
        sel = np.zeros(self.engine.size, dtype=bool) if sel is None else sel.copy()
        for key in keys:
            sel |= self._topic_score(key) >= TOPIC_WEIGHT
        return sel if sel.any() else None

    def _complete(self, qu: QueryUnderstanding, explicit: dict[str, list[str]]) -> np.ndarray | None:
        """Return the slots meeting every job (task) and subject (kind of task, subject area) the question was read as
        asking, when it was read as asking a subject and a job more than ``COMMON_JOB_SHARE`` of the index states (a
        rarer job narrows enough: the words and popularity decide among its models), or None.

        A subject is met by its marker in the FDO's own tags or name (``TOPIC_WEIGHT``); a job by stating one of its
        tasks, or by stating no task at all when the job is one most models do (more than ``GENERIC_TASK_SHARE`` of
        the index: text generation; "an assistant for people who work in libraries": LibrarianAI states none). A model
        meeting only one of them, however many of the question's words it holds, is half of what was asked."""
        asked = [r for r in qu.recognised if r.applied and r.mode == "boost" and r.values and r.facet in ("task", TOPIC)
                 and r.facet not in explicit and not self._broad(r)]
        if len(asked) < 2 or not any(r.facet == TOPIC for r in asked):
            return None
        # the tasks read from the same words are one job, whichever reading found them ("generate photos": text to
        # image by rule, image to image by meaning): a model doing one of them meets it
        merged: dict[str, RecognisedFilter] = {}
        for r in asked:
            key = f"task:{r.span}" if r.facet == "task" and r.span else str(id(r))
            held = merged.get(key)
            merged[key] = r if held is None else replace(held, values=tuple(dict.fromkeys(held.values + r.values)))
        asked = list(merged.values())
        vocab, most = self.vocabulary("task"), self._of_index(GENERIC_TASK_SHARE)
        met = np.ones(self.engine.size, dtype=bool)
        said = np.zeros(self.engine.size, dtype=bool)
        jobs = np.zeros(self.engine.size, dtype=bool)
        for r in asked:
            if r.facet == TOPIC:
                sel = np.zeros(self.engine.size, dtype=bool)
                for key in r.values:
                    sel |= self._topic_score(key) >= TOPIC_WEIGHT
                met &= sel
                said |= sel
            else:
                stated = self.engine.facet_masks({"task": list(r.values)}, {})["task"]
                # (stating none meets a job most models do, text generation: a model of unknown task most likely does
                # it; not a rarer one, "generate a photo": a title writer stating no task is no image generator)
                common = max(vocab.get(v, ("", 0))[1] for v in r.values) > most
                met &= self.engine.facet_masks({"task": list(r.values)}, {}, frozenset({"task"}))["task"] \
                    if common else stated
                said |= stated
                jobs |= stated
        if np.count_nonzero(jobs) <= self._of_index(COMMON_JOB_SHARE):
            return None
        met &= said
        return met if met.any() else None

    def _topics_mask(self, keys) -> np.ndarray:
        """Return the slots whose facts hold a marker of any of the kinds of task and subject areas ``keys``."""
        sel = np.zeros(self.engine.size, dtype=bool)
        for key in keys:
            sel |= self._topic_mask(key)
        return sel

    def named(self, name: str) -> list[tuple[str, str, int]]:
        """Return (pid, identifier, downloads) of the indexed FDOs called exactly ``name``, most downloaded first.

        The keys are the ones exact matches are ranked first by: name, identifier, alternate names,
        FDO id and PID, lower-cased.
        """
        with self.engine.lock:
            found = [(self.engine.docs[s], int(self.engine.downloads[s])) for s in self.engine.exact_slots(name)]
        found = [(doc.pid, doc.identifier or doc.name, dl) for doc, dl in found if doc is not None]
        return sorted(found, key=lambda f: (-f[2], f[0]))

    def joined_name_holders(self, name: str) -> int:
        """Return how many FDOs' names or tags hold ``name``, a family's word and its version written apart ("GPT-4"),
        as one word (``alpaca-gpt4``, the tag gpt4: ``name_words.versioned_names``); 0 when ``name`` is no such
        name."""
        joined = versioned_names(name)
        if len(joined) != 1 or len(joined[0][1]) + len(joined[0][2]) + 1 != len(name.strip()):
            return 0
        with self.engine.lock:
            return term_holders(self.engine, mark_term(joined[0][0]))

    def judge(self, pids: list[str], qu: QueryUnderstanding) -> dict[str, tuple[bool, int]]:
        """Return pid -> (passes the filters ``qu`` applies, weight of the boosted facets it matches).

        Only indexed FDOs are in the answer. Filters read from the text are lenient as in a search
        (an FDO stating no language passes "in German").
        """
        with self.engine.lock:
            mask = _Masks(self.engine, _Filters({}, qu.filters())).combined()
            boost = self._boost_score(qu, {})
            out: dict[str, tuple[bool, int]] = {}
            for pid in pids:
                slot = self.engine.slot_of.get(pid)
                if slot is not None and slot < len(mask):
                    out[pid] = (bool(mask[slot]), int(boost[slot]) if boost is not None else 0)
        return out

    def met(self, pids: list[str], qu: QueryUnderstanding) -> dict[str, frozenset[int]]:
        """Return pid -> the positions in ``qu.recognised`` of the applied constraints the FDO really has.

        Unlike :meth:`judge` nothing is lenient here: an FDO stating no language does not meet "in
        German". Boosts count as well as filters (the chat cites what has what the question means); an order of
        size (mode ``order``) is no constraint an FDO meets ("near:1B" is no parameter range).
        """
        with self.engine.lock:
            masks = {i: self._topics_mask(r.values) if r.facet == TOPIC else
                     _Masks(self.engine, _Filters({r.facet: list(r.values)}, {})).per_facet.get(r.facet)
                     for i, r in enumerate(qu.recognised) if r.applied and r.values and r.mode != "order"}
            for i, r in enumerate(qu.recognised):
                if masks.get(i) is not None and r.facet == "language":
                    # a model whose facts name a data set in the language meets it (``_language_data``)
                    masks[i] = masks[i] | self._language_data(list(r.values))[:len(masks[i])]
            out: dict[str, frozenset[int]] = {}
            for pid in pids:
                slot = self.engine.slot_of.get(pid)
                if slot is not None:
                    out[pid] = frozenset(i for i, m in masks.items() if m is not None and slot < len(m) and m[slot])
        return out

    # ---------------------------------------------------------------- searching
    def search(self, query: str, filters: dict[str, list[str]] | None = None, page: int = 1, per_page: int = 10,
               *, mode: str = "hybrid", understand: bool = True, drop: "set[str] | frozenset[str]" = frozenset()
               ) -> SearchResponse:
        """Return one page of results for ``query`` with ``filters`` (facet -> values).

        ``mode`` is ``hybrid`` (default), ``keyword`` or ``dense``; ``understand=False`` applies no
        constraint read from the query text, ``drop`` ignores those read on the given facets (the
        user removed them). Raises BadRequest for an unknown facet, a malformed range value, or a
        page/per_page out of bounds.
        """
        started = time.perf_counter()
        if mode not in MODES:
            raise BadRequest(f"mode must be one of {', '.join(MODES)}")
        if page < 1 or not 1 <= per_page <= MAX_PER_PAGE:
            raise BadRequest(f"page must be >= 1 and per_page between 1 and {MAX_PER_PAGE}")
        self.index.maybe_sync()
        query = (query or "").strip()
        explicit = _clean_filters(filters or {})
        qu = self.understand(query) if (understand and query) else QueryUnderstanding(query, query)
        qu = qu.without(frozenset(facet_name(f) or f for f in drop))
        notes: list[str] = []
        building = self.index.building
        if building is not None and building[0] < building[1]:
            notes.append(f"The search index is being built ({building[0]:,} of {building[1]:,} FDOs indexed so far): "
                         "results may be missing.")
        notes.extend(follow_notes(self.index))
        vector = self._embed(self._dense_text(qu)) if qu.text and mode != "keyword" else None
        with self.engine.lock:
            applied = {f: v for f, v in qu.filters().items() if f not in explicit}
            masks = _Masks(self.engine, _Filters(explicit, applied))
            tiers: list[np.ndarray] = []
            masks.boost = self._boost_score(qu, explicit, masks.filters.lenient(), tiers)
            # the FDOs named by a proper name of the question ("the Wallace and Gromit style"): matches by their own
            # words, and next to exact matches in the ranking
            phrased = self._phrase_named(qu)
            cand = self._candidates(qu, mode, vector, phrased)
            depth = max(10, page * per_page)
            # a model's own name written alone ("what's gemma-7b-openhermes?"): every record of it, of any account
            own = own_name_records(self.engine, qu.text) if qu.text else None
            if own is not None and own.note:
                notes.append(own.note)
            # (a version of a family read from capitalised words first: its nearest releases are ranked already)
            carried = self._platform_named(query) or (own.slots if own is not None else []) or self._carried(qu) or \
                self._nearest_versions(query, qu) or self._stub_kin(query, qu) or [int(x) for x in phrased]
            shown = self._kinds_shown(qu)
            complete = self._complete(qu, explicit)
            sizes = self._size_order(qu.orders())
            linked = masks.linked()
            ranked = self._rank(cand, masks.combined(), masks.combined(explicit_only=True), query, depth, masks.boost,
                                carried, linked, tiers[0] if tiers else None, shown, complete, sizes,
                                self._job_boost(qu, explicit, masks) if cand.core else None,
                                self._listed(qu, applied, masks, linked))
            if not ranked.total and applied:
                notes.append("No result matched the filters read from the query; they are shown as suggestions.")
                qu = _relax(qu, set(applied))
                boost = masks.boost
                masks = _Masks(self.engine, _Filters(explicit, {}))
                masks.boost = boost
                ranked = self._rank(cand, masks.combined(), masks.combined(explicit_only=True), query, depth, boost,
                                    carried, tier=tiers[0] if tiers else None, shown=shown, complete=complete,
                                    sizes=sizes)
            total = ranked.total
            start = (page - 1) * per_page
            hits = tuple(self._hit(int(ranked.slots[i]), float(ranked.scores[i]), ranked.how(i), qu.text or query)
                         for i in range(start, min(len(ranked.slots), start + per_page)))
            facets = self._facets(cand, masks, query, ranked)
            top = [self.engine.doc(int(s)) for s in ranked.slots[:10]]
        effective = masks.filters.all()
        counts = {f.name: list(f.values) for f in facets}
        suggested = self._suggestions(qu, counts, set(effective), top)
        questions = tuple(follow_up_questions(counts, set(effective))) if total > 1 else ()
        return SearchResponse(query=query, page=page, per_page=per_page, total=total, results=hits, facets=facets,
                              filters={f: list(v) for f, v in effective.items()}, understanding=qu,
                              suggested=suggested, questions=questions,
                              took_ms=(time.perf_counter() - started) * 1000, mode=mode, notes=tuple(notes))

    def _listed(self, qu: QueryUnderstanding, applied: dict[str, list[str]], masks: "_Masks",
                linked: np.ndarray | None) -> np.ndarray | None:
        """Return every FDO passing the filters read from the question when they leave at most ``FEW_LISTED`` and
        the question asks nothing else that ranks (no job, subject or tag read, no name linked, no filter read from the
        meaning of words): its other words are
        the asker's context ("on my laptop", "what fits?"), which few records say, and the filters are the question
        (``_rank`` lists them after those its words match). None otherwise."""
        if not set(applied) - LISTED_BESIDE or masks.boost is not None or qu.tags or linked is not None:
            return None
        if any(r.applied and r.mode == "filter" and r.note == CONCEPT_NOTE for r in qu.recognised):
            return None  # a filter read from the meaning of words ("ship in a commercial product") leaves them asked
        passing = np.flatnonzero(masks.combined())
        return passing if 0 < len(passing) <= FEW_LISTED else None

    def _dense_text(self, qu: QueryUnderstanding) -> str:
        """Return what the query embedding is made of: the topic, or the whole question for a model that reads one.

        A static model averages its words: the frame ("Which model can") only pulls the vector away
        from the topic. MiniLM reads a sentence in context and found more with the frame kept
        (docs/benchmarks.md).
        """
        if getattr(self.index.embedder, "reads_questions", True):
            return qu.sentence or qu.text
        return qu.text

    def _embed(self, text: str) -> Future:
        """Start embedding the query: in a worker thread (MiniLM, outside the GIL), or here when it is cheap.

        A static model takes ~0.1 ms; handing that to a thread cost more (the searching thread then
        waits for the GIL, up to Python's 5 ms switch interval).
        """
        embedder = self.index.embedder
        if not getattr(embedder, "inline", False):
            return self._pool.submit(embedder.embed_query, text)
        done: Future = Future()
        done.set_result(embedder.embed_query(text))
        return done

    def _candidates(self, qu: QueryUnderstanding, mode: str, vector: "Future | None",
                    phrased: np.ndarray | None = None) -> Candidates:
        text = qu.text
        if not text:
            return Candidates(None, None, None)
        kw_scores = kw_ok = kw_own = kw_full = sims = None
        words: tuple[tuple[int, int | None, float], ...] = ()
        core: tuple[tuple[int, int | None, float], ...] = ()
        if mode != "dense":
            # words a filter already guarantees ("trained on squad", "models") need not be matched again; a filter read
            # from the meaning of words ("a commercial product": the licences allowing it) leaves them to the count of
            # words a match needs (taken out, "text generator I can ship" let a model match by "generator" alone)
            covered = {t for r in qu.recognised if r.applied and r.mode == "filter" and r.note != CONCEPT_NOTE
                       for t in tokens(r.span)}
            n = len(set(tokens(text)) - covered)
            if not n and covered and not any(r.facet in LENIENT_FACETS for r in qu.recognised
                                             if r.applied and r.mode == "filter"):
                # every word is a strict filter's ("models with more than 5 billion parameters"): no word is left
                # to match, so the filters alone decide, as for a query of constraints only (a model need not also
                # spell "billion" to be listed). A lenient filter ("for Urdu") lets through models stating no
                # value: the words still find those that state it
                return Candidates(None, None, None)
            min_match = 1 if n <= 3 else math.ceil(n / 3)
            terms = query_terms(text, qu.expansions, licences=_asks_licence(qu))
            self._shortened(qu.query, terms)  # the question as asked: "Texas law" of "Which models know Texas law?"
            add_name_words(self.engine, text, terms)  # "FAQ bot", "frequently asked questions": FAQBOT
            # "mountain" in ids spelt "mountans"
            add_near_name_words(self.engine, text, terms, getattr(self.index.embedder, "known_word", None))
            kw_scores, kw_ok, kw_own, held = self.engine.keyword_match(terms, min_match)
            if min_match == 1 and kw_ok.any():
                # a short question, one of whose words makes a match, naming a match by a word of its name that runs two
                # of its words together ("test planner": TestPlannerPhi2): those holding the most of its words (the
                # name's word counts as the two) are the matches that earn a popularity rank (``_rank``)
                # (a record holding both "faq" and "bot" and the name's "faqbot" holds the question's two words, not four)
                held = np.minimum(held, n)
                full = held >= held[kw_ok].max()
                together = named_together(self.engine, text)
                if together and (kw_ok & full)[together].any():
                    kw_full = full
            if phrased is not None and len(phrased):
                # a name the question writes as a proper name of several words ("the Wallace and Gromit style") that an
                # FDO's name holds in that order ("CogVideoX-LoRA-Wallace_and_Gromit") is a match by its own words
                # however many of the question's other words its record lacks
                kw_ok = kw_ok.copy()
                kw_ok[phrased] = True
                if kw_own is not None:
                    kw_own = kw_own.copy()
                    kw_own[phrased] = True
            named = self._named_links(qu)
            ranking = _without_words(terms, named)
            if ranking is not terms:
                # the words naming a base model (dataset, paper) the question applies still make a match, but rank
                # nothing: every FDO passing the filter derives from it, one repeating its name no more so
                kw_scores, _, kw_own, _ = self.engine.keyword_match(ranking, min_match)
            words = self._informative_words(text, covered | named)
            read = {term_id(t) for r in qu.recognised if r.applied and r.mode == "boost" and r.facet not in LINK_FACETS
                    for t in tokens(r.span)}
            core = tuple(w for w in words if w[0] in read)
        spread = None
        if vector is not None:
            sims = self.engine.similarities(vector.result())
            if getattr(self.index.embedder, "min_z", None) is not None:
                spread = self.engine.spread(sims)
        return Candidates(kw_scores, kw_ok, sims, spread=spread, words=words, core=core, kw_own=kw_own,
                          kw_full=kw_full)

    def _phrase_named(self, qu: QueryUnderstanding) -> np.ndarray:
        """Return the slots whose name or identifier holds a proper name of the topic in its order ("Wallace and
        Gromit": CogVideoX-LoRA-Wallace_and_Gromit, however its words are joined), for a proper name of two words
        or more written with capitals that at most ``PHRASE_NAMED_MAX`` FDOs' names hold and none of whose words a
        constraint was read from ("build on Stable Video Diffusion": the base model, whose derivatives the
        linked-first rule ranks); none otherwise."""
        engine = self.engine
        text = qu.text or ""
        read = {t for r in qu.recognised if r.applied and r.values for t in tokens(r.span)}
        found: set[int] = set()
        for m in _PROPER_NAME.finditer(text):
            said = [w for w in re.findall(r"[A-Za-z0-9]+", m.group(0)) if w.lower() not in _NAME_JOINS]
            if len(said) < 2 or all(w.lower() in GENERIC for w in said) or re.match(r"['’]s\b", text[m.end():]):
                continue  # the frame's words ("Hugging Face"), or an owner's possessive ("Hugging Face's diffusers")
            if set(tokens(" ".join(said))) & read:
                continue
            # the rarest word's FDOs are the only ones that may hold the whole name
            postings = [engine.terms.get(term_id(t)) for t in tokens(" ".join(said))]
            if not postings or any(p is None for p in postings):
                continue
            rarest = min(postings, key=lambda p: len(p.arrays()[0]))
            slots = rarest.arrays()[0]
            if len(slots) > PHRASE_NAMED_SCAN:
                continue
            joined = re.compile(r"(?<![a-z0-9])" + r"[\W_]*(?:(?:and|of|the)[\W_]+)?".join(
                re.escape(w.lower()) for w in said) + r"(?![a-z0-9])")
            held = {int(s) for s in slots if engine.alive[s] and
                    any(joined.search(str(x).lower()) for x in (engine.docs[s].name, engine.docs[s].identifier))}
            if 0 < len(held) <= PHRASE_NAMED_MAX:
                found |= held
        return np.fromiter(sorted(found), dtype=np.int64, count=len(found))

    def _informative_words(self, text: str, covered: set[str]) -> tuple[tuple[int, int | None, float], ...]:
        """Return (term id, stem term id, idf) of the query's own words but those ``covered`` and those in more
        than a third of the index (they make no match). A word no FDO holds stays: the question says it in words
        the records do not use."""
        n_alive = max(1, len(self.engine))
        out = []
        for word in dict.fromkeys(tokens(text)):
            df, idf = self.engine.idf(term_id(word))
            if word not in covered and df <= n_alive / 3:
                stem = stem_term(word)
                out.append((term_id(word), None if stem is None else term_id(stem), idf))
        return tuple(out)

    def _shortened(self, question: str, terms: QueryTerms) -> None:
        """Add to ``terms`` the longest held shortened form of each proper name of the question no FDO holds in full
        (``text.shortened_names``, the chat's reading too): "the law of Texas" meets ``TexLawLLM`` by its ``tex``, as
        the name's own word (a match by it counts as one by the name)."""
        names = {said[0]: forms for name, forms in shortened_names(question).items()
                 if len(said := tokens(name)) == 1 and term_id(said[0]) in terms}  # as indexed: "texas" -> texa
        if not names:
            return
        _, df = self.engine.document_frequencies([t for name, forms in names.items() for t in (name, *forms)])
        for name, forms in names.items():
            short = next((f for f in forms if df.get(f, 0)), None)
            if not df.get(name, 0) and short is not None and term_id(short) not in terms:
                terms[term_id(short)] = terms[term_id(name)]

    def _named_links(self, qu: QueryUnderstanding) -> set[str]:
        """Return the question's words that name a linked value (base model, dataset, paper) it applies.

        The words the reader took for it (its span) and those of the values' labels: a span read short
        ("Diffusion 2.1 fine-tunes") leaves out no word of the name ("Stable"). As a filter or as a boost
        (the linked FDOs then come first, ``LINK_BONUS``): either way the words do not rank those FDOs.
        """
        named: set[str] = set()
        for r in qu.recognised:
            if r.applied and r.facet in LINK_FACETS:
                named.update(tokens(r.span))
                for value in r.values:
                    named.update(tokens(self.engine.labels.get((r.facet, value), value)))
        return named

    def _broad(self, r: RecognisedFilter) -> bool:
        """Say whether a concept's boost stands for most of the values its facet holds (``CONCEPT_MAX_SHARE``: the
        text modality, read from "words", is most tasks). It prefers nearly everything, so it ranks nothing: it
        only put the popular first, above what the words match. It stays in the reading (the chat reads the
        field a question names from it)."""
        if r.note != CONCEPT_NOTE or r.facet == TOPIC:
            return False
        vocab = self.vocabulary(r.facet)
        return bool(vocab) and len(r.values) > CONCEPT_MAX_SHARE * len(vocab)

    def _boost_score(self, qu: QueryUnderstanding, explicit: dict[str, list[str]],
                     lenient: frozenset[str] = frozenset(), tiers: list | None = None) -> np.ndarray | None:
        """Return, per slot, how many boosted facets the FDO matches (None when nothing is boosted).

        The filters read from the text on the ``lenient`` facets count as boosts too: such a filter
        lets through an FDO stating no value ("in German": a model stating no language), and
        those stating the value rank above it. ``tiers`` gets, when a linked value is boosted, what each FDO carries
        of the question's other boosts but a task (``LINK_TIER``).
        """
        boosts: dict[str, list[str]] = {}
        grouped = [r for r in qu.recognised if r.applied and r.note in (GROUP_NOTE, MANY_NOTE)
                   and r.facet not in explicit]
        groups = [list(r.values) for r in grouped]
        many = {i for i, r in enumerate(grouped) if r.note == MANY_NOTE}
        for r in qu.recognised:
            if not r.applied or r.mode != "boost" or r.facet in explicit or self._broad(r) or r.note in (GROUP_NOTE,
                                                                                                         MANY_NOTE):
                continue
            boosts.setdefault(r.facet, []).extend(v for v in r.values if v not in boosts[r.facet])
        topics = boosts.pop(TOPIC, [])
        stated = set()
        rare_of: dict[str, list[str]] = {}  # a stated facet -> its values few FDOs state, when others are common
        placed = [v for r in qu.recognised if r.applied and r.note == PLACE_NOTE and r.facet not in explicit
                  for v in r.values]
        vocab = self.vocabulary("language")
        if placed and sum(vocab[v][1] for v in placed if v in vocab) <= self._of_index(STATED_SHARE):
            stated.add("language")  # a language a place stands for is stated, as its name would be
        for facet, values in qu.filters().items():
            if facet in JOINING_FACETS and facet not in explicit:
                # a linked FDO the question names as a filter ("Which models mention arXiv 2009.03300?") brings its
                # FDOs in as a linked boost does: the words left ("mention") rank them, they do not decide (the
                # filter already says what is asked; docs/search.md, "Ranking")
                boosts.setdefault(facet, []).extend(v for v in values if v not in boosts[facet])
            if facet in lenient and facet not in explicit:
                vocab = self.vocabulary(facet)
                few = self._of_index(STATED_SHARE)
                if sum(vocab[v][1] for v in values if v in vocab) <= few:
                    stated.add(facet)
                elif facet == "language":
                    # a language few state beside one most state ("signs in Arabic ... tell me in English", "from
                    # English into Tamil"): the rare one is what the question asks for, as if named alone; the common
                    # one, which most models state, ranks up as a preference only
                    rare = [v for v in values if v in vocab and vocab[v][1] <= few]
                    if rare:
                        stated.add(facet)
                        rare_of[facet] = rare
                boosts.setdefault(facet, []).extend(v for v in values if v not in boosts[facet])
        if not boosts and not qu.tags and not topics and not qu.kin and not groups:
            return None
        score = np.zeros(self.engine.size, dtype=np.int16)
        for key in topics:  # each kind of task or subject area the question means counts once, whatever its markers
            score += self._topic_score(key)
        for tag in qu.tags:  # a format no FDO holds as library, read as its Hub tag: those holding the word rank up
            score += self.engine.marker_masks(tag)[0].view(np.int8) * np.int16(TAG_WEIGHT)
        asked = score.copy()  # what the FDO carries of the question's other asks but the task (the base's task, mostly)
        links = based = None
        for i, keys in enumerate(groups):  # a group of languages, or many: the models listing more of them first
            level = self._many_score() if i in many else self._group_score(keys)
            score += level
            asked += level
            if not self._loose_topic(qu) or self._loose_task_only(qu, boosts):
                # the group is what the question prefers beside a task at most ("models covering many Indian
                # languages", "speech recognition for Indian languages"): the models listing its languages are what it
                # asks for and come first, as linked ones do; among them those doing the task, then those listing
                # more of the languages (their level is what they carry of the question's asks: ``tiers``)
                # (many languages: those listing five or more; two, "English and Chinese", rank up only)
                listing = level >= (MANY_LEVELS[1][1] if i in many else 1)
                if boosts.get("task"):
                    for task in self.engine.facet_masks({"task": boosts["task"]}, {}, frozenset()).values():
                        asked += (listing & task).view(np.int8) * np.int16(GROUP_LEVELS[-1][1] + 1)
                listing = listing.view(np.int8) * np.int16(LINK_LEVEL)
                links = listing if links is None else links + listing
        # a range boosted (an approximate size's nearest counts) is a span of the facet's column, not a value
        spans = {f: [parse_range(f, v) for v in boosts.pop(f)] for f in RANGE_FACETS if f in boosts}
        for facet, sel in self.engine.facet_masks(boosts, spans, frozenset()).items():
            # a value the question states ("in Indonesian") outranks one read from loose words ("chat": a task)
            weight = max(BOOST_FACET_WEIGHTS.get(facet, 1), STATED_WEIGHT if facet in stated else 0)
            data = None
            if facet == "dataset":
                # a data set the question names or describes: the models trained on it and those named after it
                # ("llama-2-7b-chat-hf-mmlu"), linked either way
                sel = sel | self._data_named(boosts[facet])
            if facet == "language":
                # a model stating no language linked to a data set in the language ranks up by one, a boost below what
                # a model stating it gets and no fact it states (``_data_shows``); one stating its own keeps it (the
                # same for a task cost set 10 0.013: QA fine-tunes of Llama 2 above the ones judged; docs/search.md)
                shown = self._data_shows(facet, boosts[facet]).view(np.int8)
                score += shown
                asked += shown
            if facet == "language":
                if facet in rare_of:
                    # (every language asked ranks up those stating it; the rare ones are what is stated: below)
                    common = sel.view(np.int8) * np.int16(BOOST_FACET_WEIGHTS.get(facet, 1))
                    score += common
                    asked += common
                    sel = self.engine.facet_masks({facet: rare_of[facet]}, {}, frozenset())[facet]
                # a model stating no language whose facts name a data set in it states it as well (``_language_data``)
                data = self._language_data(rare_of.get(facet) or boosts["language"])
                sel = sel | data
            if facet in JOINING_FACETS or (facet in stated and facet in STATED_FIRST and (
                    not self._loose_topic(qu) or self._loose_task_only(qu, boosts))):
                if facet == "base_model":
                    based = sel
                if facet not in JOINING_FACETS:
                    # a language few state, with no task or topic preferred beyond what the filters hold ("Which
                    # text-to-image models take prompts in Chinese?"): the models stating it, and what the other
                    # lenient filters ask (a text-to-image model stating Chinese, not a chat model stating Chinese and
                    # no task), are what is asked and come first, as linked ones do; those stating none follow
                    weight = LINK_LEVEL
                    # (and those stating few languages beside it before those listing a dozen: the language is their
                    # point, not one of many a general model lists; "a Hindi model")
                    asked += sel.view(np.int8) * np.int16(STATED_WEIGHT)
                    if facet == "language":
                        # (a model shown to work in it by its data is for it, as one stating few languages is, and
                        # more: it was made for data in that language, where a model stating Korean and English is
                        # made for both)
                        asked += (sel & self._few_languages()).view(np.int8)
                        if any(_of_data(part, qu.query) for r in qu.recognised if r.facet == "language" and r.applied
                               for part in r.span.split(" / ")):
                            # (when the language is the data's, "Korean movie reviews", not the model's, "Korean-capable
                            # models", where a model stating it is surer than one whose data shows it)
                            asked += data.view(np.int8) * np.int16(2)
                    if self._loose_topic(qu):
                        # a task read from loose words beside it ("an assistant that speaks Korean", "a language model
                        # for Hong Kong speakers"): among the models stating the language, those doing the task go
                        # first (loose words say the task loosely: Llama 4 "chat models" answer images and text)
                        for task in self.engine.facet_masks({"task": boosts["task"]}, {}, frozenset()).values():
                            asked += (sel & task).view(np.int8) * np.int16(BOOST_FACET_WEIGHTS["task"])
                    others = {f: v for f, v in qu.filters().items() if f in lenient and f != facet and f not in explicit}
                    for mask in self.engine.facet_masks(others, {}, frozenset()).values():
                        sel = sel & mask
                links = sel.view(np.int8) * np.int16(weight) if links is None else links + sel.view(np.int8) * weight
                continue
            score += sel.view(np.int8) * np.int16(weight)  # int16 throughout, no int64 temporary
            if facet != "task":
                asked += sel.view(np.int8) * np.int16(weight)
        if boosts.get("task"):
            taken = self._unstated_task(topics, boosts["task"]) if topics else np.zeros(self.engine.size, np.int16)
            if "task" not in explicit:
                taken += self._named_task(qu, boosts["task"])
            # a model stating no task that its bases or tags say does a boosted one (a fine-tune of a text generator):
            # less credit than stating it, more than nothing (docs/search.md, "Inferred tasks")
            inferred = self.engine.inferred_mask(boosts["task"]) & (taken == 0)
            score += taken + inferred.view(np.int8) * np.int16(INFERRED_TASK_WEIGHT)
        if based is not None and self._asks_beyond_link(qu):
            # the base's own copies in other formats carrying nothing else the question asks are not what it asks
            # for: they are not linked first (docs/search.md, "Ranking", linked first)
            links -= (self._copies(boosts["base_model"], based) & (asked == 0)).view(np.int8) * np.int16(LINK_LEVEL)
        if based is not None and links is not None:
            refused = refused_variant(qu.text or "")
            if refused is not None:
                # "the plain Gemma 7B, not the instruct one": the base's models named as the variant refused
                # (gemma-7b-it) are not linked first (docs/search.md, "Ranking")
                links -= self._named_like(refused, based).view(np.int8) * np.int16(LINK_LEVEL)
        if based is not None and self._asks_copies(qu):
            # "a low-bit copy of the plain Gemma 7B", "X in GGUF": the base's own copies in a format or precision
            # (named as the base is but for such words) are what is asked, before its fine-tunes (docs/search.md)
            copies = self._copies(boosts["base_model"], based)
            if FEWER_BITS.search(qu.text or "") or "quantized" in qu.tags:
                # fewer bits asked ("low-bit", "quantised", "4-bit"): the derivatives whose names hold fewer bits
                # (1bit, HQQ, GGUF, GPTQ, "Quantized"), copies or not, carry the ask; another copy (a half-precision
                # export: fp16, bf16) is nearer it than a fine-tune
                asked += self._named_like(FEWER_BITS, based).view(np.int8) * np.int16(STATED_WEIGHT)
                asked += copies.view(np.int8)
            else:
                asked += copies.view(np.int8) * np.int16(STATED_WEIGHT)
        if qu.kin and "task" not in explicit:
            # the models of the family a model not held is built on, or of the owner the question gives it, that do
            # what it does: first, as linked ones are; the owner's other models next, above the job's other models
            kin, owned = self._kin(qu.kin, self._possessive_owners(qu))
            score += owned.view(np.int8) * np.int16(STATED_WEIGHT)
            kin = kin.view(np.int8) * np.int16(LINK_LEVEL)
            links = kin if links is None else np.maximum(links, kin)
        if links is not None:
            # the concepts' weights stay below a link's, so the rest of a division by LINK_LEVEL is what an FDO
            # carries of the concepts (``_holds_core``)
            np.minimum(score, np.int16(LINK_LEVEL - 1), out=score)
            score += links
            if tiers is not None:
                tiers.append(np.minimum(asked, np.int16(LINK_LEVEL - 1)))
        return score

    def _kin(self, systems: tuple[str, ...], owners: list[str] = ()) -> tuple[np.ndarray, np.ndarray]:
        """Return the slots of the closest kin of the open model families not held ``systems`` (PIDs) built on a family
        of their own (``schema:isBasedOn``: Code Llama on Llama 2, LLaVA on Llama): the models of that family (their
        name, or a base model's name after its owner, holds the family's words in their order: "llama_2_code",
        "Llama-4-Scout", fine-tuned from "Llama-2-7b") showing the kind of task or subject area the system does, in
        their own tags or name (Code Llama: code), or, when it does none, stating one of its tasks (LLaVA: image-text
        to text). The models of ``owners`` (the accounts of the owner a question gives it: "Salesforce's BLIP-2")
        doing so are its kin too: its maker's own models of what it does (Salesforce's BLIP captioner; "Google's
        Gemini": Gemma). Returns the kin, and the owner's models when some of them are kin (its other models, Google's
        Flan-T5, are nearer than another account's model of the job), else no slot."""
        engine = self.engine
        key = (systems, tuple(owners))
        cached = self._kin_masks.get(key)
        if cached is not None and cached[0] is engine and cached[1] == engine.generation:
            return cached[2]
        out = np.zeros(engine.size, dtype=bool)
        owned = np.zeros(engine.size, dtype=bool)
        bases = self.vocabulary("base_model")
        for pid in systems:
            system = self.concepts.concept(pid)
            if system is None:
                continue
            served = [c for c in (self.concepts.concept(p) for p in system.serves + system.related) if c is not None]
            topics = [c.key for c in served if c.facet in TOPICS and c.markers]
            tasks = [c.key for c in served if c.facet == "task"]
            if topics:
                purpose = np.zeros(engine.size, dtype=bool)
                for topic in topics:
                    purpose |= self._topic_score(topic) >= TOPIC_WEIGHT
            elif tasks:
                purpose = engine.facet_masks({"task": tasks}, {})["task"].copy()
            else:
                continue
            if owners:
                mine = engine.facet_masks({"author": list(owners)}, {})["author"]
                if (purpose & mine).any():
                    out |= purpose & mine
                    owned |= mine
            for family in system.base:
                words = tokens(family, keep_stopwords=True)
                if not words:
                    continue
                keys = [k for k in bases if holds_run(_short_name_tokens(k), words)]
                member = engine.facet_masks({"base_model": keys}, {})["base_model"].copy() if keys else \
                    np.zeros(engine.size, dtype=bool)
                named = purpose & ~member
                for w in words:
                    named &= engine.word_mask(w)
                for s in np.flatnonzero(named):
                    doc = engine.docs[s]
                    if doc is not None and holds_run(tokens((doc.identifier or doc.name).rsplit("/", 1)[-1],
                                                            keep_stopwords=True), words):
                        member[s] = True
                out |= purpose & member
        alive = engine.alive[:engine.size]
        found = (out & alive, owned & alive & ~out)
        # (a family's members are read from the names of the models doing the job: kept until the index changes)
        self._kin_masks[key] = (engine, engine.generation, found)
        if len(self._kin_masks) > 64:
            self._kin_masks.pop(next(iter(self._kin_masks)))
        return found

    @staticmethod
    def _loose_topic(qu: QueryUnderstanding) -> bool:
        """Say whether the question prefers a task, library or topic its filters do not already hold ("chat models":
        a task read from loose words), besides what it filters on."""
        strict = {r.facet for r in qu.recognised if r.applied and r.mode == "filter" and r.values}
        return any(r.applied and r.mode == "boost" and r.values and r.facet in ("task", "library", TOPIC)
                   and r.facet not in strict for r in qu.recognised) or bool(_other_tags(qu))

    @classmethod
    def _loose_task_only(cls, qu: QueryUnderstanding, boosts: dict[str, list[str]]) -> bool:
        """Say whether what the question prefers beyond its filters is a task alone, read from loose words ("chat
        models", "an assistant"): no library, topic or format's tag."""
        strict = {r.facet for r in qu.recognised if r.applied and r.mode == "filter" and r.values}
        loose = {r.facet for r in qu.recognised if r.applied and r.mode == "boost" and r.values
                 and r.facet in ("task", "library", TOPIC) and r.facet not in strict}
        return loose == {"task"} and bool(boosts.get("task")) and not _other_tags(qu)

    @staticmethod
    def _asks_beyond_link(qu: QueryUnderstanding) -> bool:
        """Say whether the question asks the models derived from a base for something more (a language, a task, a
        topic) and not for copies in a format ("in GGUF", "quantised"): then the base's own copies, which carry only
        what the base does, are not linked first."""
        if Searcher._asks_copies(qu):
            return False
        return any(r.applied and r.facet not in ("kind", "base_model", "author") for r in qu.recognised)

    def _named_like(self, pattern: "re.Pattern", among: np.ndarray) -> np.ndarray:
        """Return, per slot, the models ``among`` whose own name (after the owner) ``pattern`` finds."""
        engine = self.engine
        out = np.zeros(len(among), dtype=bool)
        for slot in np.flatnonzero(among).tolist():
            doc = engine.docs[slot]
            if doc is not None and doc.kind == "model" and \
                    pattern.search((doc.identifier or doc.name).rsplit("/", 1)[-1]) is not None:
                out[slot] = True
        return out

    @staticmethod
    def _asks_copies(qu: QueryUnderstanding) -> bool:
        """Say whether the question asks for copies in a format or fewer bits ("quantized" read from "low-bit
        copy", "in GGUF", a format's tag)."""
        return any(FORMAT_TAG.fullmatch(tag) for tag in qu.tags) or COPY_SAID.search(qu.text or "") is not None or \
            FEWER_BITS.search(qu.text or "") is not None

    def _copies(self, bases: list[str], derived: np.ndarray) -> np.ndarray:
        """Return, per slot, the FDOs among ``derived`` that are copies of one of ``bases``: named as the base is
        after its owner but for format and precision words (nvidia/DeepSeek-R1-FP4, unsloth/DeepSeek-R1)."""
        # (a popular base has thousands of derived models at scale, each name read: kept until the index changes)
        engine = self.engine
        key = tuple(sorted(bases))
        cached = self._copy_masks.get(key)
        if cached is not None and cached[0] is engine and cached[1] == engine.generation \
                and len(cached[2]) == len(derived):
            return cached[2]
        names = {_copy_name(b.rsplit("/", 1)[-1]) for b in bases}
        # (a copy's name may write the base's owner first: PrunaAI/google-gemma-7b-HQQ-1bit-smashed)
        names |= {_copy_name(b.replace("/", "-")) for b in bases}
        firsts = {n[0] for n in names if n}  # a copy's name holds its base's first word: most derivatives' do not
        out = np.zeros(len(derived), dtype=bool)
        docs = engine.docs
        for slot in np.flatnonzero(derived).tolist():
            doc = docs[slot]
            if doc is None:
                continue
            name = (doc.identifier or doc.name).rsplit("/", 1)[-1]
            low = name.lower()
            if any(f in low for f in firsts) and _copy_name(name) in names:
                out[slot] = True
        self._copy_masks[key] = (engine, engine.generation, out)
        if len(self._copy_masks) > 64:
            self._copy_masks.pop(next(iter(self._copy_masks)), None)
        return out

    def _unstated_task(self, topics: list[str], tasks: list[str]) -> np.ndarray:
        """Return, per slot, the task boost's weight for the FDOs that name a kind of task of the question themselves
        (its marker in their name or tags: "ControlNet") and state no task: they are taken at their word, as if they
        stated the kind's own task, when that task is boosted; 0 for the others."""
        out = np.zeros(self.engine.size, dtype=np.int16)
        for key in topics:
            concept = self.concepts.topic(key)
            broader = (self.concepts.concept(p) for p in concept.broader) if concept is not None else ()
            own = [t.key for t in broader if t is not None and t.facet == "task" and t.key in tasks]
            if not own:
                continue
            stated = self.engine.facet_masks({"task": own}, {})["task"]
            unstated = self.engine.facet_masks({"task": own}, {}, frozenset({"task"}))["task"] & ~stated
            out = np.maximum(out, ((self._topic_score(key) >= TOPIC_WEIGHT) & unstated).view(np.int8)
                             * np.int16(BOOST_FACET_WEIGHTS["task"]))
        return out

    def _named_task(self, qu: QueryUnderstanding, tasks: list[str]) -> np.ndarray:
        """Return, per slot, the task boost's weight for the models stating no task whose name or tags hold the word
        the question read a boosted task from, when that word is one of the task's own names ("chatbot", a name of
        text generation: jcantu217/gemma-2-7b-invasive-plant-chatbot); 0 for the others. Such a model says what it
        is in its name; taken at its word, it is not outranked by the models stating the task and nothing else asked.
        """
        named = self._task_named(qu, tasks)
        if named is None:
            return np.zeros(self.engine.size, dtype=np.int16)
        # (a lenient filter on no task: the models stating none)
        unstated = self.engine.facet_masks({"task": []}, {}, frozenset({"task"}))["task"]
        return (named & unstated).view(np.int8) * np.int16(BOOST_FACET_WEIGHTS["task"])

    def _task_named(self, qu: QueryUnderstanding, tasks: list[str] | None = None) -> np.ndarray | None:
        """Return the slots whose name or tags hold the words a boosted task (of ``tasks``, or any) was read from, when
        those words are one of the task's own names ("chatbot" of text generation), or None when no task was read
        so."""
        out = None
        for r in qu.recognised:
            if not r.applied or r.mode != "boost" or r.facet != "task" or not r.span:
                continue
            span = " ".join(tokens(r.span, keep_stopwords=True))
            for key in r.values:
                concept = self.concepts.of("task", key)
                if (tasks is not None and key not in tasks) or concept is None or not span or \
                        span not in {" ".join(tokens(p, keep_stopwords=True)) for p in (concept.label, *concept.phrases)}:
                    continue
                named = self.engine.marker_masks(span)[0]
                out = named if out is None else out | named
        return out

    def _nearest_versions(self, query: str, qu: QueryUnderstanding) -> list[int]:
        """Return the slots of the closest records to a version (and size) of a family the question names that no
        record holds ("Do you have Stable Diffusion 1.5?", "Can I get Microsoft's Phi-3 Mini here?"): the family's
        own releases, the nearest version first and, within it, the nearest size (1.4, then 2.1; Llama 3.1 8B, then
        Llama 3 70B for 3.1 405B), the owner the question names first; then the models whose names carry the version
        asked though they are built on something (``phi3-chat-adapter``); then the other owners' releases. A stub (a
        name another record gives, not harvested) holds nothing. Empty when the question names no such version, when
        a record holds it (under another spelling too: "2.1" as stable-diffusion-2-1), or when it asks what was built
        on it (the lineage rule ranks that)."""
        asked = asked_version(query)
        if asked is None or any(r.applied and r.facet in LINK_FACETS for r in qu.recognised):
            return []
        said = f"{asked.written} {asked.size}".strip()
        if self.owns((), said, records_only=True):
            return []
        engine = self.engine
        sel = engine.alive[:engine.size] & ~engine.stub[:engine.size]
        for w in asked.family:
            sel = sel & engine.word_mask(w)
        owners = {o.lower() for o in self._possessive_owners(qu)}
        near = []
        for slot in np.flatnonzero(sel).tolist()[:PHRASE_NAMED_SCAN]:
            doc = engine.docs[slot]
            if doc is None or doc.kind != "model":
                continue
            identifier = doc.identifier or doc.name
            named = release_version(identifier, asked.family)
            if named is None:
                continue
            size = size_distance(asked.size, named.size)
            if named.own and named.version == asked.version and not size:
                return []  # (held after all, written otherwise: "2.1" as stable-diffusion-2-1)
            if named.own:
                mine = not owners or identifier.split("/", 1)[0].lower() in owners
                tier = 0 if mine else 2
            elif named.version == asked.version:
                tier, size = 1, 0.0  # built on the version asked, or about it: its name says so
            else:
                continue
            near.append((tier, abs(named.version - asked.version), size, -int(engine.downloads[slot]), slot))
        return [slot for *_, slot in sorted(near)][:PHRASE_NAMED_MAX]

    def _stub_kin(self, query: str, qu: QueryUnderstanding) -> list[int]:
        """Return the slots of the records nearest a model the question names that the registry holds only as a stub
        (a base model other records name: "I'm looking for Mistral 7B Instruct v0.3"): the models built on it, then
        the family's nearest releases, the same size first (``stubs.stub_kin``). Empty when it names no stub, or asks
        what was built on a base (the lineage rule ranks that)."""
        if any(r.applied and r.facet in LINK_FACETS for r in qu.recognised):
            return []
        named = named_stubs(self.engine, query)
        if named is None:
            return []
        return stub_kin(self.engine, named, self.vocabulary("base_model"))

    def _job_boost(self, qu: QueryUnderstanding, explicit: dict[str, list[str]], masks: "_Masks") -> np.ndarray | None:
        """Return the boost of the question without the languages read from it that most FDOs stating a language state
        (``COMMON_SHARE``: English), or None when it reads none: a keyword match stating such a language, or naming it
        ("...-sst-2-english"), carries no concept of the question by that alone. The language is a side of the job ("summarisers for English text"):
        a match holding only the rest of the question ("text") yields to the job's models as any other match does
        (``_holds_core``). A language few state is what the question asks for ("Korean reasoning model": the models
        stating Korean) and still counts."""
        if not any(r.facet == "language" and r.applied and r.values for r in qu.recognised):
            return None
        vocab = self.vocabulary("language")
        count, tagged = self._language_counts()
        most = COMMON_SHARE * np.count_nonzero((count > 0) | tagged)  # of the FDOs stating a language
        common = [r for r in qu.recognised if r.facet == "language" and r.applied and r.values
                  and all(v in vocab and vocab[v][1] > most for v in r.values)]
        if not common:
            return None
        jobs = replace(qu, recognised=tuple(r for r in qu.recognised if r not in common))
        return self._boost_score(jobs, explicit, masks.filters.lenient())

    def _language_data(self, keys: list[str]) -> np.ndarray:
        """Return the slots of the models stating no language whose name, tags or training data name a data set in one
        of the languages ``keys`` (``Concept.data_names``, ``mlfdo:dataSetName``: lora-llama-2-7b-nsmc, the Naver
        movie reviews, works in Korean)."""
        engine = self.engine
        cache = ("data", tuple(sorted(keys)))
        cached = self._few_masks.get(cache)
        if cached is not None and cached[0] is engine and cached[1] == engine.generation:
            return cached[2]
        sel = np.zeros(engine.size, dtype=bool)
        for key in keys:
            concept = self.concepts.of("language", key)
            for name in concept.data_names if concept is not None else ():
                own, data = engine.marker_masks(name)
                sel |= own | data
        sel &= engine.facet_masks({"language": []}, {}, frozenset({"language"}))["language"]
        sel &= engine.facet_masks({"kind": ["model"]}, {}, frozenset())["kind"]
        self._few_masks[cache] = (engine, engine.generation, sel)
        return sel

    def _trained_for(self, facet: str, keys: list[str]) -> np.ndarray:
        """Return the slots linked to a data set the vocabulary gives in the language or for the task, kind of task or
        subject area ``keys`` of ``facet`` (``ConceptIndex.data_sets_for``: the store's links, not names).

        For a language or a task the data must be the model's point: a value most FDOs stating the facet state
        (English, text generation: ``COMMON_SHARE``) tells nothing, a data set in more than ``FEW_LANGUAGES``
        languages (African UltraChat's eight) is for none in particular, and a model also linked to data in another
        language, or for another task, only (an embedder trained on thirty data sets) is not shown by them."""
        engine = self.engine
        none = np.zeros(engine.size, dtype=bool)
        if facet in ("language", "task"):
            vocab = self.vocabulary(facet)
            stating = np.count_nonzero(~engine.facet_masks({facet: []}, {}, frozenset({facet}))[facet])
            keys = [k for k in keys if k in vocab and vocab[k][1] <= COMMON_SHARE * stating]
        data = list(dict.fromkeys(d for key in keys for d in self.concepts.data_sets_for(facet, key)))
        if facet == "language":
            data = [d for d in data if len(self.concepts.data_set(d).languages) <= FEW_LANGUAGES]
        if not data:
            return none
        sel = engine.facet_masks({"dataset": data}, {}, frozenset())["dataset"]
        if facet in ("language", "task"):
            asked = set(self.concepts.data_sets_for(facet, k) for k in keys)
            asked = {d for ds in asked for d in ds}
            others = [d for d in self.concepts.data_sets_for(facet, "") if d not in asked]
            if others:
                sel &= ~engine.facet_masks({"dataset": others}, {}, frozenset())["dataset"]
        return sel

    def _data_shows(self, facet: str, keys: list[str]) -> np.ndarray:
        """Return the slots of the models stating no value of ``facet`` (task, language) linked to a data set for one
        of ``keys`` (``_trained_for``: a Llama adapter trained on BillSum summarises, one trained on KazNERD works in
        Kazakh), cached per engine generation as ``_language_data`` is."""
        engine = self.engine
        cache = ("shown", facet, tuple(sorted(keys)))
        cached = self._few_masks.get(cache)
        if cached is not None and cached[0] is engine and cached[1] == engine.generation:
            return cached[2]
        sel = self._trained_for(facet, keys)
        if sel.any():
            sel &= engine.facet_masks({facet: []}, {}, frozenset({facet}))[facet]
            sel &= engine.facet_masks({"kind": ["model"]}, {}, frozenset())["kind"]
        self._few_masks[cache] = (engine, engine.generation, sel)
        return sel

    def _few_languages(self) -> np.ndarray:
        """Return the slots of the FDOs stating at least one and at most ``FEW_LANGUAGES`` languages."""
        count, _ = self._language_counts()
        return (count > 0) & (count <= FEW_LANGUAGES)

    def _platform_named(self, query: str) -> list[int]:
        """Return the slots of the OpenML objects the question names by kind and number ("OpenML dataset 61", "OpenML
        task 31", "OpenML's flow 4253"): the record whose platform id that is, pinned first as an exact name is (the
        number alone is the exact name of an object of every kind)."""
        engine = self.engine
        out = []
        for m in OPENML_NAMED.finditer(query):
            platform = OPENML_PLATFORMS[re.sub(r"\s+", "", m.group(1).lower())]
            out += [s for s in engine.exact_slots(m.group(2)) if engine.docs[s] is not None
                    and engine.docs[s].identifier == m.group(2)
                    and platform in {k for k, _ in engine.docs[s].facets.get("platform", [])}]
        return out

    def _carried(self, qu: QueryUnderstanding) -> list[int]:
        """Return the slots of the models whose name or identifier carries the query's one word only inside a longer
        word ("Hermes": DeepHermes-3-..., gemma-7b-openhermes), when no FDO's name or identifier is it or holds it as
        a word of its own.

        The word is a name asked for that records carry in compounds of their names; the keyword side, matching
        whole words, finds none of them. Words that also carry it in a data set's name (OpenHermes, data) come after
        the others (the models named after the data); records with facts before stubs, most downloaded first.
        """
        words = (qu.text or "").split()
        if len(words) != 1 or not words[0].isalpha() or len(words[0]) < CARRIED_MIN or \
                any(r.applied and r.values for r in qu.recognised):
            return []
        word = words[0].lower()
        engine = self.engine
        # a word a name holds as a word of its own ("bert") is found by the keyword side
        if engine.exact_slots(word):
            return []
        if self.owns((), word):
            return self._named_beside_account(word)
        # the names holding the word, from the index of the words inside names (``MemoryEngine.names``): as many
        # as hold it, not every name (a scan of 3M names at 1M FDOs)
        keys = engine.names.holding(word)
        if keys is None:  # (a word whose lower case is no word of letters: "İ" lowers to i and a dot above)
            keys = [key for key in list(engine.exact) if word in key]
        inside = re.compile(rf"[a-z]*{re.escape(word)}[a-z]*")
        by_word: dict[str, set[int]] = {}
        for key in keys:
            slots = tuple(engine.exact.get(key, ()))  # a copy: an update may add to the set meanwhile
            for w in set(inside.findall(key)):
                by_word.setdefault(w, set()).update(s for s in slots if engine.alive[s])
        if by_word.pop(word, None):  # a name holds it as a word of its own: the keyword side finds those
            by_word = {}
        data = {w for w, slots in by_word.items() if any(engine.docs[s].kind == "dataset" for s in slots)}
        order = {}
        for w, slots in by_word.items():
            for s in slots:
                if engine.docs[s].kind == "model":
                    order[s] = min(order.get(s, 2), int(w in data))
        return sorted(order, key=lambda s: (order[s], bool(engine.stub[s]), -engine.downloads[s], s))

    def _named_beside_account(self, word: str) -> list[int]:
        """Return the models whose own name (after the owner) holds ``word`` as a word, when the word is also the
        account of FDOs of the index none of which is a model ("What is medalpaca?": the medalpaca account's data sets,
        and eleven models of another author named medalpaca_...): the question asks what the models so called are;
        the account's data sets, whose short records the keyword side ranked first, follow. [] otherwise."""
        engine = self.engine
        posting = engine.terms.get(term_id(word))
        if posting is None or len(posting.arrays()[0]) > PHRASE_NAMED_SCAN:
            return []
        named, account = [], []
        for s in map(int, posting.arrays()[0]):
            doc = engine.docs[s] if engine.alive[s] else None
            if doc is None:
                continue
            owner, _, short = (doc.identifier or doc.name).rpartition("/")
            if word in tokens(short, keep_stopwords=True):
                if doc.kind == "model":
                    named.append(s)
            elif owner.lower() == word:
                account.append(s)
        if not named or not account or any(engine.docs[s].kind == "model" for s in account):
            return []
        return sorted(named, key=lambda s: (bool(engine.stub[s]), -engine.downloads[s], s))

    def _size_order(self, orders: list[str]) -> np.ndarray | None:  # (``size_place`` is the same for one count)
        """Return per slot its place in the order of size the question asks (lower first; None: no order).

        "near:7B" puts the counts nearest 7B first (log scale), "ascending" the smallest, "descending" the largest;
        counts within ``SIZE_ORDER_STEP`` (log) of each other tie, so the most downloaded of near-equal sizes lead;
        an FDO with no count goes last."""
        if not orders:
            return None
        n = self.engine.size
        with np.errstate(invalid="ignore", divide="ignore"):
            logs = np.log(self.engine.params[:n])
        order = orders[0]
        if order.startswith("near:"):
            target = parse_count(order[5:])
            if not target:
                return None
            key = np.abs(logs - math.log(target))
        else:
            key = logs if order == "ascending" else -logs
        key = np.floor(key / SIZE_ORDER_STEP)
        return np.where(np.isfinite(key), key, np.inf)

    def _rank(self, cand: Candidates, mask: np.ndarray, exact_mask: np.ndarray, query: str, depth: int,
              boost: np.ndarray | None = None, carried: list[int] = (),
              joined: np.ndarray | None = None, tier: np.ndarray | None = None,
              shown: np.ndarray | None = None, complete: np.ndarray | None = None,
              sizes: np.ndarray | None = None, job: np.ndarray | None = None,
              listed: np.ndarray | None = None) -> "_Ranked":
        """Rank the result set: exact matches, then the models carrying a name asked for inside longer words of their
        names (``_carried``), then RRF of keyword, dense and popularity ranks.

        ``joined`` (per slot) marks the FDOs passing a linked value read from the question as a filter: the boosted
        among them join the result set beyond the first ``BOOST_K``, with no rank of any list: after the ranked,
        the most downloaded first. ``tier`` (per slot) is what a linked FDO carries of the question's other asks:
        the more, the earlier among the linked. ``job`` (per slot) is the boost without the languages read from the
        question (``_job_boost``), which says whether a keyword match carries a concept of the question. ``listed``
        (slots) join the result set whatever their words, after the ranked, the most downloaded first
        (``_listed``).

        Only the best ``depth`` results are put in order (the page asked for and the ones before
        it); the rest of the result set is kept as its slots, for counts and facets. Scores are
        kept for the candidates only (the keyword matches, the dense neighbours and the boosted),
        in slot order: at 1M FDOs arrays over every slot cost more than the candidates' work.
        """
        engine = self.engine
        n = engine.size
        downloads = engine.downloads[:n]
        late = None  # the FDOs a linked filter adds past the concept list's first BOOST_K (``joined``)
        pinned = [s for s in engine.exact_slots(query) if exact_mask[s]] if query else []
        pinned = np.asarray(list(dict.fromkeys(pinned + [s for s in carried if mask[s]])), dtype=np.int64)
        if cand.kw_ok is None and cand.sims is None:
            # no words left to match (empty query, or only constraints): list what passes the filters
            member = mask.copy()
            member[pinned] = False
            total = int(np.count_nonzero(member)) + len(pinned)
            slots = np.flatnonzero(member)
            members = np.flatnonzero(mask | _marked(n, pinned)) if len(pinned) else slots
            if not depth:
                return _Ranked(pinned, np.ones(len(pinned)), total, members, len(pinned))
            # what the question means (a boost: the tasks of a system not held, whose name was all its words) goes
            # first, the most downloaded first within it
            first = slots[boost[slots] > 0] if boost is not None else slots[:0]
            # an order of size asked ("about ten billion", "the tiniest") goes before popularity: the nearest first
            size = sizes if sizes is not None else np.zeros(n)
            if len(first):
                first = first[np.lexsort((first, -downloads[first], size[first], -boost[first]))][:depth]
                slots = slots[~np.isin(slots, first)]
            slots = slots[first_in_order((size[slots], -downloads[slots], slots), depth)]  # (the same at any depth)
            slots = np.concatenate([first, slots])[:max(depth, len(first))]
            scores = np.concatenate([np.ones(len(pinned)), np.zeros(len(slots))])
            return _Ranked(np.concatenate([pinned, slots]), scores, total, members, len(pinned))
        # a membership-only ranking (facet counts, depth 0) needs no order unless boosts depend on it
        fused = bool(depth) or boost is not None
        embedder = self.index.embedder
        min_sim = getattr(embedder, "min_sim", MIN_SIM)
        if cand.spread is not None:
            # a neighbour standing out from this query's similarities passes too: the static model's
            # cosines shift from query to query (their mean ran from 0.03 to 0.38 on sets 1 and 2)
            min_sim = min(min_sim, cand.spread[0] + embedder.min_z * cand.spread[1])
        kw, top, dense = engine.ranked(cand, mask, DENSE_K, min_sim, order=fused)
        # the candidates in slot order (which list found a ranked one is looked up at the end)
        cands, added = _merge(kw, dense)
        dense_at = np.searchsorted(cands, dense)
        key = other = np.zeros(0, dtype=np.float64)
        if fused:
            # the keyword list: the top matches by rank, every other match shares the next rank
            key = np.full(len(cands), 1.0 / (RRF_K + len(top) + 1))
            key[added] = 0.0
            unranked = cand.kw_scores[kw] <= 0 if len(kw) else None  # matched by words naming a linked value only
            if unranked is not None and unranked.any():
                key[np.searchsorted(cands, kw[unranked])] = 0.0
                top = top[~unranked[top]]
            at_top = np.searchsorted(cands, kw[top])
            key[at_top] = 1.0 / (RRF_K + np.arange(1, len(top) + 1))
            if len(top) and len(dense):
                # as far as the words are unsure (their best match holds little of the question), a keyword rank
                # counts by the match's score against the best one's too: weak matches of a few words make room
                # for the dense neighbours and the concept list (docs/search.md, "Ranking")
                floor = UNSURE_FLOOR + (1.0 - UNSURE_FLOOR) * _word_confidence(engine, cand, int(kw[top[0]]))
                scores = cand.kw_scores[kw[top]].astype(np.float64)
                key[at_top] *= floor + (1.0 - floor) * scores / scores[0]
            if boost is not None and cand.core and len(top):
                # a match neither holding the words a concept of the question was read from ("chemical": Chemistry)
                # nor carrying a concept's boost holds only the rest of the question ("questions"): its rank credit
                # keeps the square of the share of the question left to it (docs/search.md, "Ranking")
                key[at_top[~_holds_core(engine, cand, kw[top], boost if job is None else job)]] *= \
                    (1.0 - _core_share(cand)) ** CORE_POWER
            # the dense list, kept apart until the boosted are ordered (they go by the words first)
            other = np.zeros(len(cands))
            credit = _dense_key(cand, dense, embedder)
            if getattr(embedder, "yields_to_words", False) and len(top) and len(dense):
                # the words' best match keeps its credit; another keyword match gets the share of its credit
                # the words leave open, and never more than lifts it to the best match's keyword key
                best = np.searchsorted(cands, kw[top[0]])
                others = _within(dense, kw) & (dense_at != best)
                room = np.maximum(key[best] - key[dense_at], 0.0)
                yielded = np.minimum(credit * (1.0 - _keyword_share(cand, kw, top, dense)), room)
                credit = np.where(others, yielded, credit)
            own = _own_words(cand, kw)
            if own is not None and len(dense):
                # a match the words find only through a concept's words ("draw": every text-to-image model), while
                # others hold the question's own words ("cats"), is not lifted by the dense side: the neighbours
                # the concept's words reach are near for the concept, not for what the question asks of it
                credit = np.where(_within(dense, kw) & ~own[dense], 0.0, credit)
            other[dense_at] = credit
        if boost is not None:
            # FDOs carrying what the question means: best matched first, then by the keyword rank, then by
            # the dense list and popularity together, then the most downloaded
            if cand.boosted is None:
                cand.boosted = np.flatnonzero(boost[:n] > 0)
            pool = cand.boosted[mask[cand.boosted]]
            at, found = _lookup(cands, pool)
            pool_key = np.zeros(len(pool), dtype=np.float64)
            pool_key[found] = key[at[found]]
            # (a neighbour's faint credit used to go before the words and before any download count, and
            # then earned a boost rank on top: the dense side counted twice; docs/search.md, "Ranking")
            pool_then = np.zeros(len(pool), dtype=np.float64)
            if cand.kw_ok is not None:  # (dense-only mode keeps its own order: the dense key, then downloads)
                pool_then = _popularity_key(downloads[pool], downloads[cands], downloads[pool[~found]])
            pool_near = np.zeros(len(pool), dtype=np.float64)
            pool_near[found] = other[at[found]]
            hybrid = cand.kw_ok is not None and cand.sims is not None
            levels = boost[pool].astype(np.int32)
            if complete is not None:
                # within a level, those meeting every job and subject asked go first (``_complete``)
                levels = levels * 2 + complete[pool]
            boosted = _first_boosted(pool, levels, _concept_key(pool_key, pool_near, pool_then, hybrid),
                                     downloads[pool], then=pool_then + pool_near)
            key = key + other
            cands, added = _merge(cands, boosted)
            if depth:  # (a membership-only ranking needs the boosted, not their fused key)
                key = np.insert(key, added - np.arange(len(added)), 0)
                key[np.searchsorted(cands, boosted)] += BOOST_WEIGHT / (RRF_K + np.arange(1, len(boosted) + 1))
                # "models trained on X": those linked to X come first, in the order fused so far
                linked = boosted[boost[boosted] >= LINK_LEVEL]
                # those also carrying what else the question asks (a language it states, a format's tag, a topic; not a
                # task, which the base's copies and adapters often leave unstated) go first, the more of it the earlier
                key[np.searchsorted(cands, linked)] += LINK_BONUS + (LINK_TIER * tier[linked] if tier is not None else 0)
                if shown is not None and len(boosted):
                    # a kind of task the question names by its words: among the FDOs carrying the most of what the
                    # question asks, those showing the kind in their tags or name go first (not before those carrying
                    # more: "Korean reasoning model" keeps the Korean models before the other reasoning ones)
                    levels = boost[boosted]
                    key[np.searchsorted(cands, boosted[shown[boosted] & (levels >= levels.max())])] += KIND_BONUS
                if complete is not None:
                    # a model meeting every job and subject the question asks goes before those meeting one of them,
                    # however well the words match these ("a profile photo for LinkedIn": the portrait generator
                    # tuned on LinkedIn photos, not image models matching "photo" or "generate")
                    key[np.searchsorted(cands, boosted[complete[boosted]])] += COMPLETE_BONUS
            if joined is not None:
                # a linked value read as a filter ("Which models mention arXiv 2009.03300?"): every FDO passing it
                # joins the results, those past the concept list's first BOOST_K after the ranked ones
                cands, more = _merge(cands, pool[joined[pool]])
                if depth:
                    key = np.insert(key, more - np.arange(len(more)), 0)
                    late = np.zeros(len(cands), dtype=bool)  # they take no popularity rank either: the ranked
                    late[more] = True  # keep their order, these follow them, the most downloaded first
        elif fused:
            key = key + other
        if listed is not None:
            cands, more = _merge(cands, listed)
            if depth and len(more):
                key = np.insert(key, more - np.arange(len(more)), 0)
                late = np.zeros(len(cands), dtype=bool) if late is None else \
                    np.insert(late, more - np.arange(len(more)), False)
                late[more] = True
        # the pinned (exact matches) are ranked apart: the candidates among them are not members here
        is_member = None
        if len(pinned):
            at, found = _lookup(cands, pinned)
            if found.any():
                is_member = np.ones(len(cands), dtype=bool)
                is_member[at[found]] = False
        total = (len(cands) if is_member is None else int(np.count_nonzero(is_member))) + len(pinned)
        members = _merge(cands, pinned)[0] if len(pinned) else cands
        if not depth:
            return _Ranked(pinned, np.ones(len(pinned)), total, members, len(pinned))
        has_downloads = downloads[cands] > 0
        if late is not None:
            has_downloads &= ~late
        own = _own_words(cand, kw)
        if own is not None:
            # a keyword match through its concepts' words alone earns no popularity rank (near in meaning or not)
            # while some match holds the question's words itself: a task's words reach every model of the task, and
            # the most downloaded of them went before the records saying the words (docs/search.md, "Ranking")
            # (being a dense neighbour too earned it one until 2026-12-07: the neighbours of "draw cats" inside
            # a base's fine-tunes are its dog models, which then went before the cat ones; docs/search.md)
            has_downloads &= own[cands] | ~_within(cands, kw)
        if cand.kw_full is not None:
            # a match of a short question holding fewer of its words than one named by them run together does earns no
            # popularity rank either: the popular models named "test" went before TestPlannerPhi2 for "test planner",
            # which the words found first by far (a first keyword rank is worth little more than a 30th beside
            # downloads). Not for every short question: the popular "t5" models lacking "instruction tuned" (set 1),
            # the coder models lacking "coding assistant" (set 2) were the models asked for
            has_downloads &= cand.kw_full[cands] | ~_within(cands, kw)
        if boost is not None and cand.kw_ok is not None:
            # a neighbour only the dense side finds, carrying none of what the question means, takes no popularity
            # rank while the question was read as meaning something (docs/search.md, "Ranking"): popular neighbours
            # pushed the popularity ranks of the concept list's own models down past those of models carrying less
            has_downloads &= _within(cands, kw) | (boost[cands] > 0)
        popular = np.flatnonzero(has_downloads if is_member is None else is_member & has_downloads)
        if len(popular) > POPULARITY_K:
            popular = popular[np.argpartition(-downloads[cands[popular]], POPULARITY_K - 1)[:POPULARITY_K]]
        popular = popular[np.argsort(-downloads[cands[popular]], kind="stable")]
        key[popular] += POPULARITY_WEIGHT / (RRF_K + np.arange(1, len(popular) + 1))
        # (without pinned candidates every candidate is chosen: the same partition of the same keys)
        chosen = np.arange(len(cands)) if is_member is None else np.flatnonzero(is_member)
        # the first ``depth`` of one order (key, downloads, slot) whatever ``depth`` is: a page is the same slice of
        # the ranking at any page size (a partition by key alone kept any of those tied at the cut)
        slots = cands[chosen]
        chosen = chosen[first_in_order((-key[chosen], -downloads[slots], slots), depth)]
        in_kw = _within(cands[chosen], kw)
        if own is not None:
            in_kw &= own[cands[chosen]]  # found through its concepts' words alone: by meaning, not by the words
        return _Ranked(np.concatenate([pinned, cands[chosen]]), np.concatenate([np.ones(len(pinned)), key[chosen]]),
                       total, members, len(pinned), in_kw, np.isin(cands[chosen], dense))

    def _facets(self, cand: Candidates, masks: "_Masks", query: str, ranked: "_Ranked") -> tuple[Facet, ...]:
        engine = self.engine
        merged = masks.filters.all()
        shared = ranked.members  # the result set (alive slots), counted by every facet without a filter of its own
        # the term facets without a filter of their own share it: counted in one pass
        unfiltered = [f.name for f in FACETS if not f.range and not merged.get(f.name)]
        counted_all = engine.facets_counts(shared, unfiltered, FACET_VALUES_SHOWN)
        out = []
        for fdef in FACETS:
            selected = merged.get(fdef.name, [])
            if selected:
                # counts for a filtered facet come from the results without that facet's filter,
                # so the other values show what choosing them instead would give
                slots = self._rank(cand, masks.combined(without=fdef.name),
                                   masks.combined(without=fdef.name, explicit_only=True), query, 0, masks.boost,
                                   joined=masks.linked()).members  # (a linked value's count: all it joins)
            else:
                slots = shared
            if fdef.range:
                values = [FacetValue(key, _bucket_label(fdef.name, key), n, key in selected)
                          for key, n in engine.range_counts(None, fdef.name, slots)]
                values += [FacetValue(v, v, 0, True) for v in selected if v not in {x.value for x in values}]
            else:
                counted = counted_all[fdef.name] if not selected else \
                    engine.facet_counts(None, fdef.name, FACET_VALUES_SHOWN, tuple(selected), slots)
                values = [FacetValue(k, label, n, k in selected) for k, label, n in counted]
                keys = {k for k, _, _ in counted}
                values += [FacetValue(v, engine.labels.get((fdef.name, v), v), 0, True)
                           for v in selected if v not in keys]
            if values:
                out.append(Facet(fdef.name, fdef.label, tuple(values)))
        return tuple(out)

    def _hit(self, slot: int, score: float, how: str, text: str) -> SearchHit:
        doc = self.engine.doc(slot)
        tags = tuple(f"{FACET_LABELS.get(f, f)}: " + ", ".join(label for _, label in doc.facets[f][:8])
                     for f in ("task", "library", "language") if doc.facets.get(f))
        text_shown = best_snippet(text, doc.description, tags)
        return SearchHit(pid=doc.pid, name=doc.name, kind=doc.kind, score=score, snippet=text_shown,
                         matched=matched_words(text_shown, text),
                         identifier=doc.identifier, url=doc.url, match=how,
                         tasks=tuple(label for _, label in doc.facets.get("task", [])),
                         licences=tuple(label for _, label in doc.facets.get("licence", [])),
                         params=doc.params, downloads=doc.downloads,
                         kind_label=kind_label(doc.kind, next((k for k, _ in doc.facets.get("platform", [])), "")))

    def _suggestions(self, qu: QueryUnderstanding, counts: dict[str, list[FacetValue]], constrained: set[str],
                     top: list) -> tuple[SuggestedFilter, ...]:
        out = [s for s in qu.suggested if s.facet not in constrained]
        for rec in qu.recognised:
            if not rec.applied and rec.values and rec.mode != "order":  # (an order of size is no filter value)
                out.extend(SuggestedFilter(rec.facet, v, rec.label, rec.note or "read from the query", None)
                           for v in rec.values[:5])
        if "task" not in constrained and len(top) >= 4:
            tally: dict[str, int] = {}
            for doc in top:
                for key, _ in doc.facets.get("task", [])[:1]:
                    tally[key] = tally.get(key, 0) + 1
            if tally:
                key, n = max(tally.items(), key=lambda kv: kv[1])
                if n / len(top) >= 0.5 and len(counts.get("task", [])) > 1:
                    label = self.engine.labels.get(("task", key), key)
                    total = next((v.count for v in counts.get("task", []) if v.value == key), None)
                    out.append(SuggestedFilter("task", key, label, f"{n} of the top {len(top)} results are {label}",
                                               total))
        seen, unique = set(), []
        for s in out:
            if (s.facet, s.value) not in seen:
                seen.add((s.facet, s.value))
                unique.append(s)
        return tuple(unique[:6])

    def close(self) -> None:
        """Stop following the store and release the index, the embedder and the LLM client."""
        self._pool.shutdown(wait=True)
        self.index.close()
        if self.llm is not None:
            self.llm.close()


class _Filters:
    """The filters of one search: explicit ones (strict) and ones read from the query text.

    A filter read from the text on a facet in ``LENIENT_FACETS`` also lets through FDOs that
    have no value for that facet: "English NER" should not drop an NER model whose card does
    not state its language. Explicit filters (a facet clicked, an API parameter) are strict.
    """

    def __init__(self, explicit: dict[str, list[str]], recognised: dict[str, list[str]]) -> None:
        self.explicit = explicit
        self.recognised = {f: v for f, v in recognised.items() if f not in explicit}

    def all(self) -> dict[str, list[str]]:
        return {**self.recognised, **self.explicit}

    def lenient(self) -> frozenset[str]:
        return frozenset(f for f in self.recognised if f in LENIENT_FACETS)

    def without(self, facet: str) -> "_Filters":
        return _Filters({f: v for f, v in self.explicit.items() if f != facet},
                        {f: v for f, v in self.recognised.items() if f != facet})


class _Masks:
    """The filter masks of one search, computed once per facet and combined as needed."""

    def __init__(self, engine, filters: _Filters) -> None:
        self.filters = filters
        merged = filters.all()
        terms = {f: v for f, v in merged.items() if f not in RANGE_FACETS}
        ranges = {f: [parse_range(f, x) for x in v] for f, v in merged.items() if f in RANGE_FACETS}
        self.per_facet = engine.facet_masks(terms, ranges, filters.lenient())
        self.alive = engine.alive[:engine.size]
        self.boost: np.ndarray | None = None

    def combined(self, without: str | None = None, explicit_only: bool = False) -> np.ndarray:
        mask = self.alive.copy()
        for facet, sel in self.per_facet.items():
            if facet != without and (not explicit_only or facet in self.filters.explicit):
                mask &= sel
        return mask

    def linked(self) -> np.ndarray | None:
        """Return the FDOs passing the linked values (dataset, base model, paper) read from the question as filters,
        None without one: they all join the results (``Searcher._rank``)."""
        sel = None
        for facet in self.filters.recognised:
            if facet in JOINING_FACETS and facet in self.per_facet:
                sel = self.per_facet[facet] if sel is None else sel & self.per_facet[facet]
        return sel


class _Ranked:
    """The ranked result set: the first slots in order with their scores, and every member's slot in slot order.

    ``in_kw`` and ``in_dense`` say, for each ranked slot after the pinned ones, which lists found it
    (None when the query had no words to match).
    """

    def __init__(self, slots: np.ndarray, scores: np.ndarray, total: int, members: np.ndarray, pinned: int,
                 in_kw: np.ndarray | None = None, in_dense: np.ndarray | None = None) -> None:
        self.slots, self.scores, self.total, self.members, self.pinned = slots, scores, total, members, pinned
        self.in_kw, self.in_dense = in_kw, in_dense

    def how(self, i: int) -> str:
        if i < self.pinned:
            return "exact"
        if self.in_kw is None or self.in_dense is None:
            return "browse"
        kw, dense = bool(self.in_kw[i - self.pinned]), bool(self.in_dense[i - self.pinned])
        return "hybrid" if kw and dense else ("keyword" if kw else "semantic")


def holds_run(toks: list[str], wanted: list[str]) -> bool:
    """Say whether ``wanted`` (words) occur in ``toks`` one after the other, in their order."""
    n = len(wanted)
    return any(toks[i:i + n] == wanted for i in range(len(toks) - n + 1))


def _lookup(ascending: np.ndarray, values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Return where each of ``values`` sits in ``ascending`` (sorted, unique), and whether it is there."""
    at = np.searchsorted(ascending, values)
    found = at < len(ascending)
    found[found] = ascending[at[found]] == values[found]
    return at, found


def _copy_name(name: str) -> tuple[str, ...]:
    """Return a model's name after its owner without the words of a format or precision ("DeepSeek-R1-FP4",
    "EXAONE-Deep-32B-Q4_K_M-GGUF": its base's name)."""
    return tuple(w for w in re.split(r"[^a-z0-9.]+", name.lower()) if w and not _copy_word(w))


@lru_cache(maxsize=131072)
def _short_name_tokens(key: str) -> list[str]:
    """Return the tokens of a name after its owner ("meta-llama/Llama-2-7b": llama, 2, 7b); remembered across index
    changes: ``Searcher._kin`` reads every base model's (25,000 at 1M FDOs, ~70 ms) after each one. Not to be changed
    by the caller."""
    return tokens(key.rsplit("/", 1)[-1], keep_stopwords=True)


@lru_cache(maxsize=65536)
def _copy_word(word: str) -> bool:
    """Say whether ``word`` (lower case) is a format or precision word (``COPY_WORD``); remembered, names repeat
    their words ("llama", "8b", "gguf") and the pattern's alternation cost ~4 microseconds a word."""
    return COPY_WORD.fullmatch(word) is not None


def size_place(count: float | None, order: str) -> float:
    """Return a count's place in an order of size ("near:7B", "ascending", "descending"; lower first), as
    ``Searcher._size_order`` puts a slot: counts within ``SIZE_ORDER_STEP`` (log) of each other share a place, no
    count (or an order not understood) goes last. The chat lists the models it offers in the same order."""
    if not count or count <= 0:
        return math.inf
    if order.startswith("near:"):
        target = parse_count(order[5:])
        if not target:
            return math.inf
        key = abs(math.log(count) - math.log(target))
    elif order in ("ascending", "descending"):
        key = math.log(count) if order == "ascending" else -math.log(count)
    else:
        return math.inf
    return math.floor(key / SIZE_ORDER_STEP)


def _merge(slots: np.ndarray, extra: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Return ``slots`` (ascending, unique) with the ``extra`` slots not yet in it, and where those were placed.

    A few insertions into a long sorted array, without sorting it again.
    """
    present = _lookup(slots, extra)[1]
    new = sorted_unique(extra[~present])
    where = np.searchsorted(slots, new)
    return np.insert(slots, where, new), where + np.arange(len(new))


def _within(slots: np.ndarray, ascending: np.ndarray) -> np.ndarray:
    """Return whether each of ``slots`` is in ``ascending`` (sorted, unique): a few lookups in a long array."""
    at = np.minimum(np.searchsorted(ascending, slots), max(len(ascending) - 1, 0))
    return ascending[at] == slots if len(ascending) else np.zeros(len(slots), dtype=bool)


def _dense_key(cand: Candidates, dense: np.ndarray, embedder) -> np.ndarray:
    """Return the fusion score of the dense neighbours ``dense`` (ranked).

    By rank (reciprocal rank at the embedder's ``dense_weight``) unless the embedder scores by how far a
    neighbour stands out (``min_z``, ``full_z``) and the query's spread is known: then a neighbour
    ``min_z`` standard deviations above the mean similarity scores nothing, one ``full_z`` above scores
    what the first rank would, linearly between. A rank gives the same credit to the first neighbour of a
    query whose neighbours are all alike as to one far above the rest; the standing-out does not.
    """
    weight = getattr(embedder, "dense_weight", DENSE_WEIGHT)
    if cand.spread is None or not len(dense):
        return weight / (RRF_K + np.arange(1, len(dense) + 1))
    mean, sd = cand.spread
    z = (cand.sims[dense] - mean) / sd
    return weight / (RRF_K + 1) * np.clip((z - embedder.min_z) / (embedder.full_z - embedder.min_z), 0.0, 1.0)


def _without_name(text: str, names: list[str], meant: list[str] = ()) -> str:
    """Return ``text`` without the words made only of the tokens of ``names`` ("Qwen2-VL", "MusicGen") but those of
    the phrases ``meant`` (of other concepts)."""
    if not text:
        return text
    held = {t for name in names for t in tokens(name, keep_stopwords=True)} - \
        {t for phrase in meant for t in tokens(phrase, keep_stopwords=True)}
    return " ".join(w for w in text.split() if not ((said := set(tokens(w, keep_stopwords=True))) and said <= held))


def _without_words(terms: QueryTerms, words: set[str]) -> QueryTerms:
    """Return ``terms`` without the terms of ``words`` (and their stems); ``terms`` itself when none or all would go."""
    drop = {term_id(t) for w in words for t in (w, stem_term(w)) if t is not None}
    if not drop & terms.keys():
        return terms
    kept = QueryTerms()
    kept.update((tid, weight) for tid, weight in terms.items() if tid not in drop)
    kept.stem_of.update((sid, tid) for sid, tid in terms.stem_of.items() if sid in kept)
    kept.forms.update(sid for sid in terms.forms if sid in kept)
    kept.derived.update(sid for sid in terms.derived if sid in kept)
    for cid, tid in terms.concept_of.items():  # a dropped word's concept term goes with it
        if tid in kept:
            kept[cid] = terms[cid]
            kept.concept_of[cid] = tid
        else:
            kept.pop(cid, None)
    if not any(weight >= 1.0 and tid not in kept.stem_of for tid, weight in kept.items()):
        return terms  # the question is all name ("fine-tunes of Stable Diffusion 2.1"): its words rank as before
    return kept


def _own_words(cand: Candidates, kw: np.ndarray) -> np.ndarray | None:
    """Return per slot whether its record's own words match an uncommon word of the question, or None when no
    keyword match ``kw`` does (then a match through the concepts' words is all the words found)."""
    if cand.kw_own is None or not len(kw) or not cand.kw_own[kw].any():
        return None
    return cand.kw_own


def _word_confidence(engine, cand: Candidates, best: int) -> float:
    """Return the share (by idf) of the question's informative words (``Candidates.words``) the keyword match
    ``best`` holds, as written or by a stem; 1 when the question has none."""
    total = sum(idf for _, _, idf in cand.words)
    if not total:
        return 1.0
    held = set(engine.docs[best].sparse[0])
    return sum(idf for tid, stem, idf in cand.words if tid in held or stem in held) / total


def _core_share(cand: Candidates) -> float:
    """Return the share (by idf) of the question's informative words that a concept boost was read from
    (``Candidates.core``)."""
    total = sum(idf for _, _, idf in cand.words)
    return sum(idf for _, _, idf in cand.core) / total if total else 0.0


def _holds_core(engine, cand: Candidates, slots: np.ndarray, boost: np.ndarray) -> np.ndarray:
    """Return, for each of ``slots`` (keyword matches), whether it carries a concept's boost (a linked value's
    weight, ``LINK_LEVEL``, does not count: "Llama-2-7b-chat fine-tunes": every one of them) or holds one of the
    words a concept was read from (``Candidates.core``), as written or by a stem. The postings of those words are
    read, not the matches' documents, through a table over the slots (at 1M slots: np.isin sorting a posting of
    100k slots took 100 ms, the table 1 ms)."""
    holds = boost[slots] % LINK_LEVEL > 0
    for tid, stem, _ in cand.core:
        for t in (tid, stem):
            posting = engine.terms.get(t) if t is not None else None
            if posting is not None:
                holds |= np.isin(slots, posting.arrays()[0], kind="table")
    return holds


_LICENCE_WORDS = re.compile(r"\blicen[cs](?:e|es|ed|ing)\b", re.I)


def _asks_licence(qu: QueryUnderstanding) -> bool:
    """Say whether a question is about licences: it says licence, or a licence constraint was read from it. Only such
    a question's words meet the words of licence names (``text.licence_term``)."""
    return bool(_LICENCE_WORDS.search(qu.query)) or any(r.facet == "licence" for r in qu.recognised)


def _marked(n: int, slots: np.ndarray) -> np.ndarray:
    """Return a boolean array of ``n`` slots, true at ``slots``."""
    out = np.zeros(n, dtype=bool)
    out[slots] = True
    return out


def _first_boosted(boosted: np.ndarray, levels: np.ndarray, key: np.ndarray, downloads: np.ndarray,
                   limit: int = BOOST_K, then: np.ndarray | None = None) -> np.ndarray:
    """Return the first ``limit`` of ``boosted`` (ascending slots) ordered by boost, key, ``then``, downloads, slot.

    ``levels``, ``key``, ``then`` (zeros when not given) and ``downloads`` are given for each of
    ``boosted`` (same positions). The order of a full stable sort on those keys, without sorting all
    of them: a common task boosts a tenth of a large index, and only the first ``limit`` get a rank.
    Within each boost level only the slots whose key reaches the ``limit``-th best (ties included)
    are sorted.
    """
    if then is None:
        then = np.zeros(len(boosted))
    out: list[np.ndarray] = []
    need = limit
    for level in sorted_unique(levels)[::-1]:
        at = np.flatnonzero(levels == level)
        if len(at) > need:
            kth = np.partition(key[at], len(at) - need)[len(at) - need]
            at = at[key[at] >= kth]
        at = at[np.lexsort((-downloads[at], -then[at], -key[at]))][:need]
        out.append(boosted[at])
        need -= len(at)
        if not need:
            break
    return np.concatenate(out) if out else boosted[:0]


def _concept_key(words: np.ndarray, near: np.ndarray, popular: np.ndarray, hybrid: bool) -> np.ndarray:
    """Return the key ordering the concept list's FDOs within a boost level (before the credits, then downloads).

    ``words`` is each FDO's keyword key, ``near`` its dense credit, ``popular`` its popularity key. In hybrid mode
    the meaning counts beside the words: the dense credit at ``CONCEPT_MEANING_SHARE``, the popularity key at the
    smaller ``CONCEPT_POPULARITY_SHARE``. Put after every keyword match, a popular model near the question in
    meaning went after near-equal matches of a frame word ("assistant that speaks Korean": the assistants matching
    "assistant" before the Korean model the question asks for); at the same share as the dense credit, downloads
    alone put a popular model before one as near to the question. Keyword-only keeps the words first, as the
    dense-only mode keeps its own order (``words`` are zeros there).
    """
    return words + CONCEPT_MEANING_SHARE * near + CONCEPT_POPULARITY_SHARE * popular if hybrid else words


def _keyword_share(cand: Candidates, kw: np.ndarray, top: np.ndarray, slots: np.ndarray) -> np.ndarray:
    """Return, for each of ``slots``, its keyword score as a share of the best keyword match's (0: not a match).

    ``kw`` are the keyword matches (ascending slots), ``top`` the positions of the best of them, best
    first. The dense credit of a match other than the best is scaled by one minus this share: where
    the words already found what was asked, a neighbour's faint similarity only reshuffled them.
    """
    out = np.zeros(len(slots))
    if not len(top) or not len(slots):
        return out
    best = float(cand.kw_scores[kw[top[0]]])
    if best <= 0:
        return out
    matched = _within(slots, kw)
    out[matched] = np.minimum(cand.kw_scores[slots[matched]].astype(np.float64) / best, 1.0)
    return out


# the words after a language's name that make it a model's, not its data's ("a Korean chatbot", "Korean-capable
# models", "Korean speakers"): the frame's words for a model (``GENERIC``) and these
_MODEL_NOUNS = GENERIC | frozenset("""llm llms chatbot chatbots bot bots assistant assistants system systems tool tools
speaker speakers speaking capable language languages version versions variant variants""".split())
# an agent noun names what a model is ("summarizer", "classifier", "translator"), not the data it reads
_AGENT_NOUN = re.compile(r"(?:er|or)s?$")
_DATA_WORDS = 3  # the words after a language's name read as the noun it describes


def _of_data(phrase: str, query: str) -> bool:
    """Say whether the question writes the language's name ``phrase`` of the data a model works on: before a noun
    naming no model ("Korean movie reviews", "German tweets", "Japanese passages"), or after "in" following one
    ("passages in Japanese"); not of a model ("Korean reasoning model", "a Korean summarizer", "Korean-capable")."""
    low = query.lower()
    for m in re.finditer(rf"(?<!\w){re.escape(phrase.strip().lower())}(?!\w)", low):
        rest = low[m.end():]
        if rest.startswith("-"):
            continue
        words = []
        for w in re.findall(r"[a-z]+|[^a-z\s]", rest[:80]):
            if not w.isalpha() or w in STOPWORDS or len(words) == _DATA_WORDS:
                break
            words.append(w)
        if not words:
            before = re.search(r"([a-z]+)\s+in\s+$", low[max(0, m.start() - 40):m.start()])
            words = [before.group(1)] if before and before.group(1) not in STOPWORDS else []
        if words and not any(w in _MODEL_NOUNS or _AGENT_NOUN.search(w) for w in words):
            return True
    return False


def _many_languages(qu: QueryUnderstanding) -> QueryUnderstanding:
    """Return ``qu`` with the language read from "multilingual", "many languages", "dozens of languages" made a
    preference for the models listing more languages (``MANY_LEVELS``), not a filter on the tag multilingual: few
    models carry the tag, and one listing forty languages is as multilingual."""
    found = [i for i, r in enumerate(qu.recognised) if r.facet == "language" and r.span and r.note != MANY_NOTE
             and all(re.fullmatch(MULTILINGUAL_WORDS, part.strip()) for part in r.span.lower().split(" / "))]
    if not found:
        return qu
    recognised = list(qu.recognised)
    for i in found:
        r = recognised[i]
        recognised[i] = RecognisedFilter("language", r.values or (MULTILINGUAL,),
                                         "languages: many (those listing more first)", r.span, True, MANY_NOTE, "boost")
    return replace(qu, recognised=tuple(recognised))


def _popularity_key(target: np.ndarray, *groups: np.ndarray) -> np.ndarray:
    """Return the popularity list's key of FDOs with downloads ``target`` when ranked among the ``groups``' FDOs.

    As in the fusion: only the ``POPULARITY_K`` most downloaded with any downloads have a rank; a
    rank is one more than the number of FDOs downloaded more often. Each group's most downloaded
    are found apart (``_top_set``: one comparison pass, no partition of every candidate), then merged.
    """
    tops = []
    for downloads in groups:
        known = downloads[downloads > 0]
        tops.append(known[_top_set(known, POPULARITY_K)] if len(known) > POPULARITY_K else known)
    known = np.concatenate(tops)
    if len(known) > POPULARITY_K:
        known = np.partition(known, len(known) - POPULARITY_K)[len(known) - POPULARITY_K:]
    known = np.sort(known)
    rank = len(known) - np.searchsorted(known, target, side="right") + 1
    return np.where((target > 0) & (rank <= POPULARITY_K), POPULARITY_WEIGHT / (RRF_K + rank), 0.0)


def _clean_filters(filters: dict[str, list[str]]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for name, values in filters.items():
        facet = facet_name(name)
        if facet is None:
            raise BadRequest(f"unknown filter {name!r}; facets are: {', '.join(f.name for f in FACETS)}")
        if isinstance(values, str):
            values = [values]
        values = [v.strip() for v in values if v and v.strip()]
        if not values:
            continue
        if facet in RANGE_FACETS:
            for v in values:
                parse_range(facet, v)  # raises BadRequest when malformed
        out.setdefault(facet, [])
        out[facet].extend(v for v in values if v not in out[facet])
    return out


def _relax(qu: QueryUnderstanding, facets: set[str]) -> QueryUnderstanding:
    recognised = tuple(
        RecognisedFilter(r.facet, r.values, r.label, r.span, False, "not applied: no result had it", r.mode)
        if r.applied and r.facet in facets else r for r in qu.recognised)
    return replace(qu, recognised=recognised)


NEGATIONS = frozenset({"non", "not", "no"})  # words a licence span negates the rest of its words with




def _named_licences(query: str, matches) -> list[tuple["object", str]]:
    """Return (licence concept, the words calling it) for each licence the question calls by one of its names of two
    words or more, as the vocabulary writes it ("Microsoft Public License", "Academic Free License" for the Academic
    Free License 3.0, "AFL-3.0"): a licence named so, not a reading of loose words."""
    out = []
    for m in matches:
        if m.concept.facet != "licence" or m.how != "words":
            continue
        found = []
        for name in m.concept.names:
            words_ = re.findall(r"[a-z0-9]+(?:\.[a-z0-9]+)*", name.lower())
            if len(words_) < 2:
                continue
            pattern = r"[\s\-]+".join("licen[cs]e" if re.fullmatch(r"licen[cs]e", w) else re.escape(w) for w in words_)
            hit = re.search(rf"(?<![\w.-]){pattern}(?![\w-])", query, re.I)
            if hit:
                # the verb putting models under it is the constraint's word too ("released under the ..."): left to
                # match, it kept out the models under the licence whose records do not say "released"
                verb = UNDER_LICENCE.search(query, max(0, hit.start() - UNDER_CHARS), hit.start())
                found.append(query[verb.start() if verb else hit.start():hit.end()])
        if found:
            out.append((m.concept, max(found, key=len)))
    return out


def _words_within(span: str, outer: str) -> bool:
    """Say whether the words of ``span`` are all words of ``outer`` (a verb before a name aside: "released under")."""
    words = [t for t in tokens(VERB_UNDER.sub(" ", span)) if t]
    return bool(words) and set(words) <= set(tokens(outer))


def _only_within(phrase: str, spans: list[str], text: str) -> bool:
    """Say whether ``text`` writes the words of ``phrase`` only inside ``spans``."""
    rest = text.lower()
    for span in spans:
        rest = rest.replace(span.lower(), " ")
    return not set(tokens(phrase)) <= set(tokens(rest))


def _unexpanded(expansions: tuple[str, ...], phrases) -> tuple[str, ...]:
    """Return ``expansions`` without those of the words of ``phrases``, a Hub tag's plain words: the "code" of "allow
    remote code" is the model's own Python, no programming asked for."""
    dropped = {e for p in phrases for t in tokens(p) for e in EXPANSIONS.get(t, ())}
    return tuple(e for e in expansions if e not in dropped)


def _inside_spans(phrase: str, spans: list[str], text: str) -> bool:
    """Say whether ``text`` writes the words of ``phrase`` only where it overlaps one of ``spans`` and no span holds
    them as words ("commercially" of "non-commercially", the span "non-commercial"; not "non-commercial" itself:
    the concept of the rule's own words stays, it widens the rule's filter)."""
    words = set(tokens(phrase))
    # the span's own words, unless the span negates them and the phrase does not ("commercially" in the span
    # "non-commercially" says the opposite of it)
    if any(words <= set(tokens(span)) and not (set(tokens(span)) & NEGATIONS) - words for span in spans):
        return False
    rest = text.lower()
    for span in spans:
        rest = rest.replace(span.lower(), " ")
    return not words <= set(tokens(rest))


def _same_words(span: str, phrase: str) -> bool:
    """Say whether a filter's span shares a word with the phrase a concept was matched by (the verb before a licence's
    name aside: "released under")."""
    return bool(set(tokens(VERB_UNDER.sub(" ", span))) & set(tokens(phrase)))


def _names_more(span: str, phrase: str) -> bool:
    """Say whether a filter's span has words beyond the phrase a concept was matched by ("Llama 3 community
    licence" beyond "community licence"): it names part of what the concept stands for. The verb before a licence's
    name ("licensed under the GPL") names nothing more."""
    return bool(set(tokens(VERB_UNDER.sub(" ", span))) - set(tokens(phrase)))


def _bucket_label(facet: str, key: str) -> str:
    if facet == "params":
        labels = {"<100M": "under 100M", "100M-1B": "100M to 1B", "1B-10B": "1B to 10B", ">=10B": "10B or more"}
        return labels.get(key, key)
    return key


def _other_tags(qu: QueryUnderstanding) -> tuple[str, ...]:
    """Return the Hub tags read from the question but the tags of the libraries its filters hold: the tag a library
    filter is also read as ("PyTorch": pytorch) is that filter, no preference beside it."""
    own = {library_tags().get(v.lower()) for v in qu.filters().get("library", ())}
    return tuple(t for t in qu.tags if t not in own)
