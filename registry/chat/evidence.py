"""What a candidate shows of a question: its words, the constraints read from it, the search's word matches.

The chat cites what really has what the question asks for; these are the checks it uses.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field as dc_field
from typing import Callable

from registry.chat.context import Candidate, Topic
from registry.chat.facts import FdoFacts
from registry.chat.search_adapter import ConceptReading, input_words
from registry.search.copy_words import QUANTISED_FORMATS, QUANTISERS, one_of
from registry.search.name_words import versioned_names
from registry.search.patterns import ACRONYMS, COMMERCIAL_USE, LINK_NOUNS, PERMISSIVE_HINT, PERMISSIVE_LICENCES
from registry.search.searcher import CONCEPT_NOTE, size_place
from registry.search.text import STOPWORDS, licence_term, shortened_names, stem_term, tokens, word_parts
from registry.search.understand import NEAR_NOTE, Question, business_told, sentences, stem, words

# plain verbs and nouns of a job that say what a model does, not what about ("solve maths word problems")
JOB_WORDS = frozenset(stem(w) for w in """write writes writing written solve solves solving make makes making do does
doing help helps helping generate generates generating create creates creating produce produces turn turns handle
handles work works answer answers problem problems word words task tasks job jobs stuff run runs running use uses
using ship ships shipped shipping provide provides offer offers""".split())
# verbs asking a model to write ("write the blurb", "draft the adverts"): what it gives back is text (``writes``)
WRITING_WORDS = frozenset(stem(w) for w in """write writes writing draft drafts drafting compose composes
composing""".split())
# the words saying a copy is in fewer bits or another format ("lower-precision builds", "a quantised file", "an ONNX
# export"): with a format or precision read as a Hub tag, they name the copy, not what it is about
COPY_WORDS = frozenset(stem(w) for w in """lower low reduced smaller precision compressed squeezed shrunk quantized quantised
build builds version versions copy copies file files form forms conversion conversions export exports weights""".split())
# words of the question that say the relation, not its topic
# who asks ("Has anyone built something on X?"), no topic of the records asked for
ASKERS = frozenset(stem(w) for w in "anyone anybody someone somebody everyone everybody people".split())
# everyday words that say how much, how many, who or whether, not what a model is about ("two people talk over each
# other", "a short clip", "Possible?"): model cards seldom write them, so a small index holds them in a few records
# and would weigh them as rare, topical words no record found holds; they count only when the question has no other
# word the index holds (``read_topic``)
EVERYDAY_WORDS = frozenset(stem(w) for w in """one two three four five six seven eight nine ten dozen hundred hundreds
thousand thousands many much few several lot lots more most less least some any every each both either whole
people person persons someone somebody anyone anybody everyone everybody nobody myself yourself ourselves
short quick quickly easy easily simple simply
whether possible possibly impossible maybe perhaps probably really actually just also still even already almost
good better best bad worse great nice fine okay ok kind sort way thing things something anything everything nothing
want wants wanted need needs needed like likes would could should might able please thanks thank
""".split()) - {""}
RELATION_WORDS = frozenset(stem(w) for w in """fine tune tunes tuned tuning finetune finetuned trained training train
learned learnt learn taught extend extends extended build builds built upon top start starts started based derived
derive descend descends descended compressed quantized quantised pruned shrunk distilled merged slimmed cite cites
cited citing mention mentions mentioned mentioning point points pointing linked link links come comes accompany
accompanies go goes referenced reference references described introduced deal deals dealing handle handles speak speaks spoken understand
understands support supports available released licensed derivatives derivative variants variant versions version quants adapters merges
tie ties tied associated connected attached
""".split()) | frozenset(stem(w) for w in LINK_NOUNS)

__all__ = ["in_format", "read_constraints", "by_words", "has_evidence", "fitting", "Asked", "asked", "states_asked", "unstated",
           "shows_enough", "side_only", "writes", "gives_text", "fact_text", "task_forms", "asks_licence", "fact_words", "hosting_words", "Topic", "read_topic",
           "index_terms", "cover", "by_use", "does_job", "alternatives"]


def read_constraints(q: Question) -> tuple:
    """Return the constraints the search read from the question (filters and boosts, applied or not)."""
    return q.understanding.recognised if q.understanding is not None else ()


def by_words(hits) -> set[str]:
    """Return the hits a search matched by the words of its query (not only by meaning or a boost)."""
    return {h.pid for h in hits if h.match in ("exact", "keyword", "hybrid")}


def has_evidence(q: Question, cand: Candidate, topic: Topic | None = None) -> bool:
    """Say whether a candidate has any of the question's topical words or of the constraints read from it.

    With ``topic``, a word counts only when it weighs something (``read_topic``): a word no FDO holds in the index's
    forms, or a plain verb of a job, tells no record apart, and a record holding only such a word ("open" of "every
    opening" in a model card) is no closer to the question than any other."""
    read = read_constraints(q)
    if any(read[i].facet != "kind" for i in cand.met if i < len(read)):
        return True
    if topic is None or not topic.weights:
        return bool(cand.covered)
    return any(topic.weights.get(k, 0.0) > 0 for k in cand.covered)


_JOINED = re.compile(r"\w[-_]\w")  # a tag of words joined as the Hub joins them ("mlx-my-repo")


def fitting(q: Question, cands: list[Candidate]) -> list[Candidate]:
    """Keep the candidates that really have what the question asks for, when some do.

    First those with every filter read from the question (a filter read from text lets through an
    FDO that states no value, "in German" one that states no language: cite those only when no
    candidate states it), then those with one of the concepts the question prefers ("vision").

    Those carrying the most of the Hub tags read from the question, when it writes one as the Hub does, go first when
    that is more than any candidate with a preferred concept carries ("converted with the mlx-my-repo space": the models tagged so, not every MLX model).

    The nearest counts of an approximate size within its band (a params boost, ``NEAR_NOTE``) are no concept: the
    band is what is asked, and the order of size puts the nearest first (``by_use``); kept as a preference they cut
    "close to ten billion" to the 9B models and left out the 11.3B one the search ranks third.
    """
    read = read_constraints(q)
    filters = {i for i, r in enumerate(read) if r.applied and r.mode == "filter"}
    banded = any(i in filters and read[i].facet == "params" for i in filters)
    boosts = {i for i, r in enumerate(read) if r.applied and r.mode == "boost"
              and not (banded and r.facet == "params" and r.note == NEAR_NOTE)}
    cands = [c for c in cands if filters <= c.met] or cands
    # the Hub tags read from the question ("the mlx-my-repo space": mlx-my-repo, beside the library mlx) name what it
    # asks more closely than a library preferred: those carrying more of them than any preferred one go first
    # (only a tag the question writes as the Hub does, joined by dashes or underscores: "LoRA" reads the tags lora and
    # peft, which the models citing the LoRA paper need not carry)
    written = q.text.lower().replace("_", "-")
    tags = {t.lower() for t in q.understanding.tags if _JOINED.search(t)} if q.understanding is not None else set()
    if tags and any(t.replace("_", "-") in written for t in tags):
        tags = {t.lower() for t in q.understanding.tags}
        carried = [len(tags & {k.lower() for k in c.facts.keywords}) if c.facts is not None else 0 for c in cands]
        most = max(carried, default=0)
        if most > max((n for c, n in zip(cands, carried) if c.met & boosts), default=0):
            cands = [c for c, n in zip(cands, carried) if n == most]
    return [c for c in cands if c.met & boosts] or cands


MIN_COVERAGE = 0.5  # share of the question's topical words a model of a field must hold to show the job
PHRASE_WORDS = 2  # job words a phrase of a model's task must share with the question to count as the model's words


@dataclass(frozen=True)
class Asked:
    """What a question asks an answer's models to state: filters (positions in its read constraints) and tasks.

    ``job`` holds the tasks the question means (a task it names or a concept serving one: "animate a
    still photo"); ``field`` those it reaches only through a field it names ("photo": every image task);
    ``job_words`` the topical words (stems) beside the field's and the filters' ("write" in "writes a
    description of a photo"): the job a field question describes in its own words; ``kinds`` per kind
    of task the question means ("positive or negative": sentiment analysis), the words (marker
    phrases) one of which a model's facts must hold, since its task (text classification) does not say it.
    """

    filters: frozenset[int] = frozenset()
    job: frozenset[str] = frozenset()
    field: frozenset[str] = frozenset()
    job_words: frozenset[str] = frozenset()
    kinds: tuple[frozenset[str], ...] = ()
    task_words: dict[str, tuple[frozenset[str], ...]] = dc_field(default_factory=dict)
    paper: bool = False  # a list of the models citing a paper ("Which models point to the DPO paper?")
    derived: bool = False  # a list of derived models whose base was not resolved ("What has been made from ...?")
    libraries: frozenset[int] = frozenset()  # libraries the question names (positions in its read constraints)
    library_names: frozenset[str] = frozenset()  # those libraries' keys, lower-cased (a model's tags may list them)
    # the job words' weights (``read_topic``: a word no FDO holds weighs nothing); empty: the words are only counted
    job_weights: dict[str, float] = dc_field(default_factory=dict)
    # the words the question sets aside ("rather than with language, images or sound": languag, imag, sound)
    aside: frozenset[str] = frozenset()
    # the question's words (stems), those it sets aside left out
    said: frozenset[str] = frozenset()
    # of ``kinds``, those of a kind of task (``ConceptReading.job_kinds``); per task of ``job``, the stems of its
    # concept's names and jobs (``SearchAdapter.task_phrases``): what a record stating no task must show of the job
    job_kinds: tuple[frozenset[str], ...] = ()
    job_phrases: dict[str, tuple[frozenset[str], ...]] = dc_field(default_factory=dict)
    # of ``job``, the tasks read from the meaning of the question's own description of the job (a concept: "listen
    # to a song and tell me what kind of music it is"), not from a task's name it writes ("Chinese-language models")
    described: frozenset[str] = frozenset()
    # per kind of ``kinds``, the tasks it narrows (``ConceptReading.kind_tasks``): the kinds narrowing a record's task
    # are alternatives to it (``shows_kinds``)
    kind_tasks: tuple[frozenset[str], ...] = ()
    # the question joins what it asks with "or" ("flag spam or abusive messages"): kinds of task it means may be
    # alternatives; joined with "and" ("good at role-play and storytelling") each is asked
    either: bool = False


# where a question sets a job aside ("works out what a picture contains, rather than making pictures")
# ("not only", "not just" add to what is asked: "not only writes code but also explains it" sets nothing aside)
SET_ASIDE = re.compile(r"(?:\b(?:rather\s+than|instead\s+of|other\s+than|but\s+not)\b|"
                       r"((?:\bnot|n't)\b(?!\s+(?:only|just|merely|simply)\b)))([^,;.?!]*)", re.I)
# where a bare "not" stops setting words aside: the clause it negates ends at a conjunction or a relative word
CLAUSE_END = re.compile(r"\b(?:and|but|so|because|while|whereas|which|that|who|whose|where|when|since|though|"
                        r"although|yet|then)\b", re.I)


# a list going on after the words set aside: short items after commas, the last joined by "or", "nor" or "and"
# ("rather than with language, images or sound")
LIST_ITEM = re.compile(r"\s*,\s*([^,;.?!]+)")
LIST_ITEM_WORDS = 3
LIST_ITEMS = 16  # items a list set aside holds at most (a longer run of short items is read as no list)


def _list_rest(text: str, pos: int = 0) -> str:
    """Return the items of a list that ``text`` goes on with from ``pos`` (what follows the words set aside), or "".
    At most LIST_ITEMS are read: a question of 10 kB of short items after commas, "not" among them, was read to its
    end once per "not" (seconds)."""
    items = []
    while len(items) < LIST_ITEMS and (m := LIST_ITEM.match(text, pos)):
        item = m.group(1).strip()
        joined = re.search(r"\b(?:or|nor|and)\s+", item, re.I)
        n = len(item.split())
        if joined is None:
            if n > LIST_ITEM_WORDS or CLAUSE_END.match(item):
                return ""
            items.append(item)
            pos = m.end()
            continue
        # the last item: "images or sound", or "and sound" after "images," (not "and it should run fast")
        before, after = item[:joined.start()].split(), item[joined.end():].split()
        if len(before) > LIST_ITEM_WORDS or len(after) > LIST_ITEM_WORDS or (not before and not items):
            return ""
        return " ".join(items + [item])
    return ""


def set_aside(text: str, lists: bool = False) -> set[str]:
    """Return the stems of the words a question sets aside ("rather than making pictures": make, pictur). A bare
    "not" sets aside the words of its own clause only ("does not make pictures but describes them": make, pictur).
    With ``lists``, a list the words set aside begin goes on after commas to its last item joined by "or" or "and"
    ("rather than with language, images or sound": languag, imag, sound): what an answer says it lacks leaves them
    out. The job words keep them (``asked``): the search does not set them aside, and finds models of them."""
    out = set()
    text = text.replace("’", "'")
    for m in SET_ASIDE.finditer(text):
        after = m.group(2)
        if m.group(1):
            end = CLAUSE_END.search(after)
            if end:
                out |= {stem(w) for w in words(after[:end.start()])}
                continue
        out |= {stem(w) for w in words(after + (" " + _list_rest(text, m.end()) if lists else ""))}
    return out


def asked(q: Question, reading: ConceptReading | None = None, skip: frozenset[str] = frozenset(),
          topic: Topic | None = None, phrases: Callable[[frozenset[str]], dict] | None = None) -> Asked:
    """Return what ``q`` asks for; ``reading`` is what its concepts ask beyond the read constraints (the search
    adapter's ``concept_reading``: the tasks and words of a field it names, the kinds of task it means);
    ``skip`` names facets checked elsewhere; ``topic`` the question's words with their weights (``read_topic``), which
    the job words keep (``states_asked``); ``phrases`` gives the job's tasks' names and jobs
    (``SearchAdapter.task_phrases``).

    The job a field question describes in its own words leaves out the words it sets aside ("works out what a
    picture contains, rather than making pictures": not "make").
    """
    reading = reading or ConceptReading()
    field_tasks = reading.field_tasks
    read = read_constraints(q)
    filters = frozenset(i for i, r in enumerate(read) if r.applied and r.mode == "filter"
                        and r.facet not in skip | {"kind"})
    job: set[str] = set()
    field: set[str] = set()
    described: set[str] = set()
    # a list of models linked to a paper the reader did not resolve (chat.links answers those it did): the words
    # describe the paper, so a model showing them but citing no paper is not what is asked
    paper = "paper" in q.attributes and q.wants == "list"
    # a list of the models derived from a base the reader did not resolve (chat.lineage answers those it did):
    # a model that records no base model is not one, however well it shows the base's words (a question about
    # licences speaks of derivative works, not of models derived from another)
    derived = "derivatives" in q.attributes and q.wants == "list" and not asks_licence(q)
    # a library the question names by its name ("Meta's fairseq toolkit"), read as a preference: a model built with
    # another library does not come from it, whatever else it shares with the question (a concept's library, read
    # from the meaning of the question, is no name it wrote)
    named = frozenset(i for i, r in enumerate(read) if r.applied and r.mode == "boost" and r.facet == "library"
                      and r.values and r.note != CONCEPT_NOTE and "library" not in skip)
    names = frozenset(v.lower() for i in named for v in read[i].values)
    if any(read[i].facet == "task" for i in filters):  # the task is stated as a filter: a boost adds nothing sure
        return Asked(filters, kinds=reading.kinds, paper=paper, derived=derived, libraries=named, library_names=names,
                     kind_tasks=reading.kind_tasks, either=either(q.text))
    # a task read from a library's name ("scikit-learn": what the library serves) is not a job the question asks
    libraries = {r.span.lower() for r in read if r.applied and r.facet == "library" and r.note != CONCEPT_NOTE}
    for r in read:
        if r.applied and r.mode == "boost" and r.facet == "task" and r.span.lower() not in libraries:
            values = set(r.values)
            if r.note == CONCEPT_NOTE:
                field |= values & field_tasks
                job |= values - field_tasks
                described |= values - field_tasks
            else:  # read from the words ("text generation models")
                job |= values
    field -= job
    said = {stem(w) for i in filters for w in words(read[i].span)} | set(reading.field_words)
    said |= set_aside(q.text)
    # what the question's own input shows ("a table of sales figures") is no job a model does
    said |= {stem(w) for span in input_words(q.text, reading.field_words) for w in span}
    job_words = frozenset(t for t in q.terms if t not in said) if field else frozenset()
    weights = {t: topic.weights.get(t, 0.0) for t in job_words} if topic is not None else {}
    if weights and not any(weights.values()) and \
            not any(job_words & phrase for t in field for phrase in reading.task_words.get(t, ())):
        # words no FDO holds and no name or job of the field's tasks says ask for nothing a model can show: the
        # question is about the field ("that deal with sound, whether it goes in or comes out"); "make my blurry
        # photos sharper" keeps its words, which a task's job says
        job_words, weights = frozenset(), {}
    return Asked(filters, frozenset(job), frozenset(field), job_words, reading.kinds, reading.task_words, paper,
                 derived, named, names, weights, frozenset(set_aside(q.text, lists=True)),
                 frozenset(stem(w) for w in words(q.text)) - set_aside(q.text, lists=True), reading.job_kinds,
                 phrases(frozenset(job)) if phrases is not None and job else {}, frozenset(described - field),
                 reading.kind_tasks, either(q.text))


def states_library(cand: Candidate, wanted: Asked) -> bool:
    """Say whether a candidate is built with one of the libraries the question names: its library, or a framework
    its record lists among its tags (a transformers model whose weights are PyTorch's is "a PyTorch model")."""
    if wanted.libraries & cand.met:
        return True
    if cand.facts is None:
        return False
    return any(k.lower() in wanted.library_names for k in cand.facts.keywords)


def states_asked(cand: Candidate, wanted: Asked) -> bool:
    """Say whether a candidate's own facts state what the question asks for, so an answer can offer it.

    It is a record with facts (not a stub known only by name), it states every filter read from the
    question (a language, a licence: the search lets through an FDO stating none) and, when the
    question means a task, it has that task; when the question only names a field ("photo": any
    image task), it has one of the field's tasks and, when the question also describes a job in its own
    words ("writes a description of a photo"), at least half of those words in its facts or in what its
    task does (the task concept's names and jobs): the field alone does not say the job (an image
    classifier holds "photo" but not "write"; a captioner's task says "write a caption for a photo"). When the
    question lists the models citing a paper, or derived from a base, that no reader resolved, it cites a paper or
    records a base model.
    """
    if cand.facts is None or cand.facts.status == "stub" or not wanted.filters <= cand.met:
        return False
    if wanted.libraries and not states_library(cand, wanted):  # one of the libraries it names ("LoRA or PEFT")
        return False
    if wanted.paper and not cand.facts.papers:
        return False
    if wanted.derived and not cand.facts.bases:
        return False
    tasks = {t.key for t in cand.facts.tasks}
    if wanted.kinds and not shows_kinds(fact_words(cand.facts), wanted, tasks):
        return False
    if wanted.job:
        # a record stating no task shows the job by a marker of the kind of task the question means (held above:
        # "meetingbank" of meeting summarisation) and half of the question's words: the marker alone may name a
        # subject only ("mol" of chemistry for "predict a wine's grade from its chemical measurements")
        if tasks:
            return bool(tasks & wanted.job)
        if not wanted.kinds:
            return False
        # the marker of a kind of task (a job's own word: "vctrl" of controlled video generation) says the job itself,
        # as a task stated does: the question's other words need not be half shown (a list of examples, "an edge
        # map, a pose or a mask", is shown one item per model)
        if cand.coverage < MIN_COVERAGE and not _holds_job_kind(fact_words(cand.facts), wanted):
            return False
        # a subject's markers alone ("music" of songSystem for "tell me what kind of music a song is", "youtube" of a
        # title generator for "answer my questions about a YouTube video") say what it is about, not that it does
        # the job: a kind of task's marker does, or the words of one of the job's names or jobs, two or more
        # ("youtube-question-answer" holds "question" and "answer" of "video question answering")
        # (a task the question names, "Chinese-language models", is met by a record whose words say its subject, as
        # before: the rule holds for a job the question describes)
        if wanted.job_kinds or not wanted.job & wanted.described:
            return True
        held = fact_words(cand.facts)
        return any(len(phrase & held) >= PHRASE_WORDS for t in wanted.job for phrase in wanted.job_phrases.get(t, ()))
    if wanted.aside and _task_stems(cand.facts) & wanted.aside:
        return False  # its task is what the question sets aside ("rather than ... images": an image captioner)
    if wanted.field:
        if not tasks & wanted.field:
            return False
        if not wanted.job_words:  # a question about the field itself ("Which vision models do you hold?")
            return cand.coverage >= MIN_COVERAGE
        held = fact_words(cand.facts)
        # what its task does in words (a name or job of its concept) when that phrase says the job too: an
        # image-to-text model holds "write" through "write a caption for a photo"; a phrase sharing one word
        # of several ("name the object shown in a picture" for "build a 3D object") says another job
        enough = min(PHRASE_WORDS, len(wanted.job_words))
        for t in tasks & wanted.field:
            for phrase in wanted.task_words.get(t, ()):
                # the question says the job in the words of one of its task's names or jobs ("type a question about
                # a table and get the cell that answers it": question, table, answer), whatever else it says
                if said_in_full(phrase, wanted.said):
                    return True
                if len(phrase & wanted.job_words) >= enough:
                    held |= phrase
        found = [w for w in wanted.job_words if w in cand.covered or w in held or _same_root(w, held)]
        if len(found) >= MIN_COVERAGE * len(wanted.job_words):
            return True
        # or the words it holds weigh half of the job's: a word no FDO holds weighs nothing, since no model can show
        # it ("build a 3D scene from one still picture that changes over time": "3D" and "time" count, not "still",
        # "scene" or "changes")
        total = sum(wanted.job_weights.get(w, 0.0) for w in wanted.job_words)
        return total > 0 and sum(wanted.job_weights.get(w, 0.0) for w in found) >= MIN_COVERAGE * total
    return True


# "or" joining things asked ("spam or abuse", "either ... or"), not "or not" ("whether or not it is open")
EITHER = re.compile(r"\b(?:or|either)\b(?!\s+not\b)", re.I)


def either(text: str) -> bool:
    """Say whether the question joins what it asks with "or" (``EITHER``)."""
    return EITHER.search(text) is not None


def shows_kinds(held: set[str], wanted: Asked, tasks: set[str]) -> bool:
    """Say whether a record's facts (``held``) hold a marker of each kind of task the question means, where, in a
    question joining what it asks with "or" (``Asked.either``), the kinds narrowing one of the record's own ``tasks``
    are alternatives: one of them held is enough ("flag spam or abusive messages": a text classifier does one kind of
    classifying, not both). Joined with "and" ("good at role-play and storytelling") each is held; a kind narrowing
    none of its tasks, or a subject area, is held as before."""
    narrowing = [i for i, _ in enumerate(wanted.kinds)
                 if wanted.either and i < len(wanted.kind_tasks) and wanted.kind_tasks[i] & tasks]
    others = [kind for i, kind in enumerate(wanted.kinds) if i not in narrowing]
    if not all(any(_holds(held, marker) for marker in kind) for kind in others):
        return False
    return not narrowing or any(_holds(held, marker) for i in narrowing for marker in wanted.kinds[i])


def _holds_job_kind(held: set[str], wanted: Asked) -> bool:
    """Say whether ``held`` holds a marker of a kind of task the question means (not of a subject area)."""
    return any(_holds(held, marker) for kind in wanted.job_kinds for marker in kind)


SAID_WORDS = 3  # words of three letters or more a task's phrase has at least for the question to say it in full


def said_in_full(phrase: frozenset[str], said: frozenset[str]) -> bool:
    """Say whether the question's words (stems, ``said``) hold every word of a task's phrase of at least ``SAID_WORDS``
    words of three letters or more (the small words, "a", "in", "an", left out)."""
    full = {w for w in phrase if len(w) >= 3}
    return len(full) >= SAID_WORDS and full <= said


def _task_stems(facts: FdoFacts) -> set[str]:
    """Return the stems of the words of an FDO's task names of four letters or more ("Image to text": imag, text)."""
    return {stem(w) for t in facts.tasks for w in words(t.label or t.key) if len(w) >= 4}


ROOT = 5  # letters two stems must share to be forms of one word ("recogn" of recognise, "recognit" of recognition)


def _same_root(word: str, held: set[str]) -> bool:
    """Say whether ``held`` has another form of the stem ``word`` (one starts with the other, ``ROOT`` letters on)."""
    return len(word) >= ROOT and any(len(h) >= ROOT and (h.startswith(word) or word.startswith(h)) for h in held)


def task_forms(facts: FdoFacts, keys) -> set[str]:
    """Return the question's words (stems, ``keys``) that are another form of a word of the FDO's task names ("sort
    texts into classes": "class" of "Text classification"): what its task is called says it does that."""
    said = _with_stems(" ".join(t.label or t.key for t in facts.tasks)) if facts.tasks else set()
    return {k for k in keys if said and (k in said or _same_root(k, said))}


def _holds(held: set[str], phrase: str) -> bool:
    """Say whether the words ``held`` (words and stems of facts) hold every word of ``phrase``."""
    said = words(phrase)
    return bool(said) and all(w in held or stem(w) in held for w in said)


MIN_SHOWN = 1 / 3  # share of the question's words (by weight) a model offered for a topical question holds, at least
NEAR_BEST = 0.15  # share of the question's words (by weight) a model offered may hold less than the best found


# the facets of a constraint that say a property of a model (its language, licence, size, date), not what it does,
# what it is made with or what it is about: stated alone, such a constraint is a side of the question
SIDE_FACETS = frozenset({"language", "licence", "params", "date"})


def _constrained(q: Question, cand: Candidate, topic: Topic | None = None) -> bool:
    """Say whether a candidate states a constraint read from the question other than the kind it asks for, one that
    says what the question asks for: a task, a library, a subject area...; a property only (``SIDE_FACETS``) when the
    candidate also holds a word of the question beside the constraints' words, or the question has no such word that
    counts.

    A language or a licence is a side of the question, not its job: "type a question in plain English and get back
    the database query" is not shown by a model stating English alone, while "Which models speak Romanian?" is.
    """
    read = read_constraints(q)
    stated = [read[i] for i in cand.met if i < len(read) and read[i].facet != "kind"]
    if not stated:
        return False
    if topic is None or any(r.facet not in SIDE_FACETS for r in stated):
        return True
    spans = {stem(w) for r in stated for w in words(r.span)}
    beside = [k for k in topic.keys if k not in spans and topic.weights.get(k, 0.0) > 0]
    return not beside or any(k in cand.covered for k in beside)


def side_only(q: Question, cand: Candidate, topic: Topic) -> bool:
    """Say whether the question's words a candidate holds that weigh something are all words of a property read from
    the question (a language, a licence, a size, a date: ``SIDE_FACETS``), less than half of them by weight
    (``MIN_COVERAGE``), while the question has another word that weighs something, no word of a relation
    (``RELATION_WORDS``: "understands", "speaks", "handles" say how a model has a language): the property is a side
    of the question, not what it asks for.

    "We recorded interviews in Spanish. Can anything write down what people said?" is not shown by a text generator
    whose facts hold "Spanish" alone (40% of the words by weight), whatever its downloads; "Which models speak
    Romanian?", "anything that understands Zulu?" have no other word, and "Belarusian text" only one that weighs
    less than the language: a model stating the language shows them."""
    read = read_constraints(q)
    spans = {stem(w) for r in read if r.applied and r.facet in SIDE_FACETS for w in words(r.span)}
    if not spans:
        return False
    held = {k for k in cand.covered if topic.weights.get(k, 0.0) > 0}
    beside = [k for k in topic.keys if k not in spans | RELATION_WORDS and topic.weights.get(k, 0.0) > 0]
    return bool(held) and held <= spans and bool(beside) and cand.coverage < MIN_COVERAGE


def shows_enough(q: Question, cands: list[Candidate], topic: Topic, wanted: Asked | None = None,
                 publishers: dict[str, set[str]] | None = None) -> list[Candidate]:
    """Keep the candidates whose own facts show the question's words as fully as the best found does.

    The words count by weight (``read_topic``: a word few FDOs hold counts most, one none holds nothing). A
    candidate is kept when it holds at least ``MIN_SHOWN`` of them or states a constraint read from the
    question (a language, a licence, a task), and no less than ``NEAR_BEST`` below the candidate holding the
    most: a model showing "speech" and "toolkit" is no answer to "models from the ESPnet speech toolkit" when
    another found shows "ESPnet" too, nor one showing "meta" alone to "Meta's Segment Anything model". A
    question with no word that counts keeps every candidate; one listing the models linked to a paper
    (``wanted.paper``) is not held to the best found, since its words describe the paper, not the models.
    ``publishers`` maps a name written for the models (``written_names``) that is an organisation's to its Hub
    accounts: a model published under one of them is one of that name's ("Which Meta models ...": facebook/...).
    """
    if topic.total <= 0:
        return list(cands)
    enough = [c for c in cands if (c.coverage >= MIN_SHOWN and not side_only(q, c, topic))
              or _constrained(q, c, topic)]
    names = written_names(q, topic)
    if names:  # a name the question writes ("Which Mullein models are MIT-licensed?") is what it asks about
        publishers = publishers or {}
        enough = [c for c in enough if names & c.covered or _published_by(c, names, publishers)]
    if wanted is not None and wanted.paper:
        return enough
    best = max((c.coverage for c in enough), default=0.0)
    return [c for c in enough if c.coverage >= best - NEAR_BEST]


# a subject area read from the question ("illustrations": art) and what it is of: the subject the records are
# to make ("illustrations of crows"), up to four words before a stop word, a determiner left out
_MADE_OF = r"\w*\s+of\s+(?:the\s+|an?\s+|some\s+|many\s+)?([A-Za-z][\w'-]*(?:\s+[A-Za-z][\w'-]*){0,3})"


def made_subject_not_held(q: Question, topic: Topic) -> str:
    """Return the subject the question asks a model to make that no FDO holds: the words after "of" following a
    subject area read from it ("illustrations of crows": art) when some of them count as its
    topic and every one of those is held by no FDO (weight 0, ``read_topic``); "" otherwise. Records doing the job
    ("art", text to image) are then the closest, not answers: none shows the subject. The asker's situation is no
    subject made ("for my hiking blog": no "of" after a job's word), nor what a task's word is of ("a video of a person
    from a prompt": the job itself)."""
    for r in read_constraints(q):
        if not r.applied or r.facet != "topic" or not r.span:  # (a task's "video of a person" is the job itself)
            continue
        m = re.search(r"\b" + re.escape(r.span) + _MADE_OF, q.text, re.IGNORECASE)
        if m is None:
            continue
        said = m.group(1).split()
        cut = next((i for i, w in enumerate(said) if w.lower() in STOPWORDS), len(said))  # "crows for my blog"
        subject = " ".join(said[:cut])
        keys = [stem(w) for w in words(subject)]
        keys = [k for k in keys if k in topic.weights]
        if keys and all(topic.weights[k] <= 0 for k in keys):
            return subject
    return ""


def _published_by(cand: Candidate, names: set[str], publishers: dict[str, set[str]]) -> bool:
    """Say whether a candidate is published under a Hub account of an organisation a name written stands for."""
    ident = (cand.facts.identifier or cand.facts.name or "") if cand.facts is not None else ""
    owner = ident.split("/", 1)[0].lower() if "/" in ident else ""
    return bool(owner) and any(owner in publishers.get(n, ()) for n in names)


# a capitalised word inside a sentence right before a word for models: the name of the models asked for
NAMED_MODELS = re.compile(r"(?<![.!?]\s)(?<!^)\b([A-Z][A-Za-z0-9]+)(?:'s)?\s+(?:models?|fine-?tunes|finetunes|variants|"
                          r"versions|checkpoints)\b")


def written_names(q: Question, topic: Topic) -> set[str]:
    """Return the words (stems) the question writes as the name of the models it asks for, capitalised inside a sentence
    right before a word for models ("Which Mullein models are MIT-licensed?": mullein), that some FDO holds (a weight above 0) and that are no word of a constraint read from it
    ("Russian", "MIT"): a model holding none of them, whatever constraint it states, is not one the question asks
    about."""
    spans = {stem(w) for r in read_constraints(q) if r.applied for w in words(r.span)}
    out = set()
    for m in NAMED_MODELS.finditer(q.text.strip()):
        key = stem(re.sub(r"'s$", "", m.group(1).lower()))
        if topic.weights.get(key, 0.0) > 0 and key not in spans:
            out.add(key)
    return out


def does_job(q: Question) -> bool:
    """Say whether the question asks for something that does a job (a plain verb of a job, ``JOB_WORDS``: "helps me
    rank my pages", "What can make that?") and not for papers (the kind it reads): a paper only describes one."""
    kinds = {v for r in read_constraints(q) if r.facet == "kind" for v in r.values}
    return "paper" not in kinds and "paper" not in q.attributes and any(t in JOB_WORDS for t in q.terms)


def writes(q: Question, reading: ConceptReading) -> bool:
    """Say whether the question asks a model to write (a verb of writing, ``WRITING_WORDS``: "What could write the
    short blurb that goes with each post?", "Could a model draft the text for each vacancy?") and names no medium
    (a field, ``reading.field_words``: "write a song", "writes a description of a photo" say what it takes or gives
    back, which the field's tasks decide): the answer gives back text."""
    return any(t in WRITING_WORDS for t in q.terms) and not reading.field_words


def gives_text(cand: Candidate, give_back) -> bool:
    """Say whether a candidate may give back text: it states no task, or one of its tasks gives back text or states
    nothing it gives back (``give_back``: a task's key -> the keys of the media it gives back, or None)."""
    tasks = [t.key for t in cand.facts.tasks] if cand.facts is not None else []
    return not tasks or any((media := give_back(t)) is None or "text" in media for t in tasks)


def by_use(cands: list[Candidate], q: Question | None = None) -> list[Candidate]:
    """Order the candidates an answer may offer: those showing more of the question's words first; among those showing
    as much, the ones whose own facts hold some of its words in the search's order, then those holding them only
    through a constraint they meet, the most downloaded first.

    In a question ``q`` asking leave to use under licences of a kind ("may we use commercially", "our firm sells
    ...", "free to use"; not "copyleft", which asks for terms), of the candidates meeting only its constraints those under a permissive licence
    (``PERMISSIVE_LICENCES``: no condition on who uses it or how) come before those under a licence with conditions of
    use (a community licence, a RAIL licence): downloads favour the big models of such licences, which a stricter
    reading of the question leaves out.

    An order of size the search read ("the tiniest", "about a billion parameters": mode ``order``) orders those
    showing as much as the search does (``size_place``): the smallest, or the nearest the size asked, first.

    Candidates that show the question only through the task they state (every token classifier "picks out people and
    place names") are not told apart by their words: their search order follows how few other words their cards have,
    and a record with an empty card and no download comes first; how much a record is used is the sign left of which
    one does the job.
    """
    # (a family read from words asking leave to use, ``PERMISSIVE_HINT``: "commercially", "business use", "free to
    # use", or from the asker's business, ``business_told``; not "copyleft" or "share-alike", which ask for terms)
    family = q is not None and bool(re.search(PERMISSIVE_HINT, q.text.lower()) or business_told(q.text)) and any(
        r.applied and r.facet == "licence" and len(r.values) > 1 for r in read_constraints(q))

    def conditioned(c: Candidate) -> bool:
        return family and not (c.facts is not None and any(
            (r.key or "").lower() in PERMISSIVE_LICENCES for r in c.facts.licences))

    orders = q.understanding.orders() if q is not None and q.understanding is not None else []

    def key(c: Candidate):
        size = size_place(c.facts.params if c.facts else None, orders[0]) if orders else 0
        if c.own:
            return (-round(c.coverage, 2), size, 0, False, 0)
        return (-round(c.coverage, 2), size, 1, conditioned(c), -((c.facts.downloads or 0) if c.facts else 0))
    return sorted(cands, key=key)


ALIKE_GAP = 0.12  # score (``Retriever._score``) a record listed beside the first answer may have less than the best


def answers_alike(first: Candidate, cand: Candidate, top: float) -> bool:
    """Say whether ``cand`` answers a question naming nothing as the first answer found does, so that the answer lists
    it beside the first ("Anything to do with 3D?", "Which text generators speak Japanese?").

    It must be of the same kind, show the question's words as fully (coverage rounded to two places), meet every
    constraint the first meets, show the words by the same class of evidence (its own facts when the first's show
    them; a task stated when the first states one, one of the first's tasks when both state some) and score no more
    than ``ALIKE_GAP`` below the best found ``top``. A record holding the words only through a task it meets beside
    a first holding them itself, one doing another job (an image-to-3D model holding "Kokoro" beside the speech
    model called so), or one far down the search's order is no equal answer.
    """
    if first.facts is None or cand.facts is None or cand.facts.kind != first.facts.kind:
        return False
    if round(cand.coverage, 2) < round(first.coverage, 2) or not first.met <= cand.met:
        return False
    if first.own and not cand.own:
        return False
    mine, theirs = {t.key for t in first.facts.tasks}, {t.key for t in cand.facts.tasks}
    if mine and theirs and not mine & theirs:
        return False
    if not first.own and bool(mine) != bool(theirs):
        # shown through a constraint only (a subject area): the tasks stated are what tells the records apart
        return False
    return cand.score >= top - ALIKE_GAP


def unstated(q: Question, cands: list[Candidate], wanted: Asked, topic: Topic | None = None) -> str:
    """Return what no candidate states, as the question's words ("German", "animate a still photo"), or "".

    With ``topic``, the question's words that count and that no candidate holds ("Segment") are said too.
    """
    read = read_constraints(q)
    missing = [read[i].span for i in sorted(wanted.filters) if not any(i in c.met for c in cands)]
    if wanted.libraries and not any(states_library(c, wanted) for c in cands):
        missing += [read[i].span for i in sorted(wanted.libraries)]
    if wanted.paper and not any(c.facts is not None and c.facts.papers for c in cands):
        missing.append("a paper it cites")
    if wanted.derived and not any(c.facts is not None and c.facts.bases for c in cands):
        missing.append("a base model it derives from")
    tasks = wanted.job or wanted.field
    if tasks and not any({t.key for t in c.facts.tasks} & tasks for c in cands if c.facts is not None):
        missing += [r.span for r in read if r.applied and r.facet == "task" and set(r.values) & tasks]
    if topic is not None:
        held = {k for c in cands for k in c.covered}
        absent = {k for k in topic.keys if topic.weights.get(k, 0.0) > 0 and k not in held}
        said = {stem(w) for m in missing for w in words(m)}
        missing += [w for w in words(q.text) if (key := stem(re.sub(r"'s$", "", w))) in absent and key not in said]
    # what the question sets aside ("rather than with language, images or sound") is no part of what it asks for
    aside = set_aside(q.text, lists=True)
    missing = [m for m in missing if not (ws := {stem(re.sub(r"'s$", "", w)) for w in words(m)}) or not ws <= aside]
    return ", ".join(dict.fromkeys(m for m in missing if m))


# Hub tags about hosting and tooling, not about what a model does: their words ("code" in custom_code,
# "generated" in generated_from_trainer, "text generation" in text-generation-inference) are no evidence
HOSTING_TAGS = frozenset({"custom_code", "endpoints_compatible", "autotrain_compatible", "text-generation-inference",
                          "generated_from_trainer", "has_space"})
HOSTING_PREFIXES = ("region:", "deploy:", "template:")


def _hosting(tag: str) -> bool:
    return tag in HOSTING_TAGS or tag.startswith(HOSTING_PREFIXES)


def fact_text(facts: FdoFacts, licence: bool = True, skip_tags: frozenset[str] = frozenset()) -> str:
    """Return the text of an FDO's facts and tags (hosting and tooling tags left out); without ``licence``, the names
    of its licences taken out wherever they stand (its licence line, its description, a ``license:`` tag).

    A licence's name says on what terms a model is shared, not what it is or does: "artistic" in Artistic-2.0 or
    "community" in a community licence is no evidence for a question that does not ask about licences. The tags in
    ``skip_tags`` are left out too (those a derived model shares with its base, copied from the base's card).
    """
    keywords = [k for k in facts.keywords if not _hosting(k) and k not in skip_tags]
    text = facts.render() + " " + " ".join(keywords)
    if not licence:
        names = {n for r in facts.licences for n in (r.label, r.key) if n}
        for name in sorted(names, key=len, reverse=True):  # as a whole word: "mit" is no part of "submit"
            text = re.sub(rf"(?<![\w-]){re.escape(name)}(?![\w-])", " ", text, flags=re.I)
    return text


def asks_licence(q: Question) -> bool:
    """Say whether the question asks about licences (a licence attribute or a licence constraint read from it)."""
    return "licence" in q.attributes or any(r.facet == "licence" for r in read_constraints(q))


def fact_words(facts: FdoFacts, licence: bool = True, skip_tags: frozenset[str] = frozenset()) -> set[str]:
    """Return the words of an FDO's facts and their stems (hosting and tooling tags left out), with the words inside
    code names too ("sklearn.ensemble.AdaBoostClassifier": ensemble, ada, boost, classifier) and the parts of words
    written as one as the index makes them (``word_parts``: "SEOExtractor": seo, extractor); without ``licence``,
    not the words of its licences' names (``fact_text``)."""
    text = fact_text(facts, licence, skip_tags)
    # and the parts of words written as one, as the index holds them ("SEOExtractor": seo, extractor)
    return _with_stems(text) | _with_stems(_CODE_DOT.sub(" ", _CAMEL.sub(" ", text))) | \
        _with_stems(" ".join(word_parts(text)))


def hosting_words(facts: FdoFacts) -> set[str]:
    """Return the words of an FDO's hosting and tooling tags and their stems ("code" of custom_code)."""
    return _with_stems(" ".join(k for k in facts.keywords if _hosting(k)))


_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")  # AdaBoostClassifier: Ada Boost Classifier
_CODE_DOT = re.compile(r"(?<=[A-Za-z])\.(?=[A-Za-z])")  # sklearn.tree: sklearn tree


def _with_stems(text: str) -> set[str]:
    out = set()
    for w in words(text):
        out.add(w)
        out.add(stem(w))
    return out


def _forms(word: str) -> list[frozenset[str]]:
    """Return the index forms of one written word: its tokens, and their stem terms where they have one."""
    toks = tokens(word)
    if not toks:  # an index stopword ("need", "best"): the index never holds it
        return []
    out = [frozenset(toks)]
    stems = frozenset(stem_term(t) or t for t in toks)
    if stems != out[0]:
        out.append(stems)
    return out


# a word written with a contraction ("I'd", "we're", "don't", "you'll"; not a possessive "Meta's")
CONTRACTION = re.compile(r"['’](?:d|ll|re|ve|m|t)$")
FEW_HOLDERS = 5  # a word held by fewer FDOs weighs as one held by this many (``read_topic``)


def read_topic(q: Question, frequencies=None) -> Topic:
    """Return the question's topical words with their index forms and weights.

    ``frequencies`` is ``SearchAdapter.document_frequencies`` (None: no index, every word weighs 1). A word read as
    a constraint ("billion" in "more than 5 billion parameters") is held as a facet value, not as a word: when no
    FDO holds it as a word it weighs as a word one FDO holds.
    """
    keys = tuple(q.terms)
    if not keys:
        return Topic()
    written: dict[str, list[str]] = {k: [] for k in keys}
    said = words(q.text)
    for w in said:
        w = re.sub(r"'s$", "", w)
        key = stem(w)
        if key in written and w not in written[key]:
            written[key].append(w)
    forms: dict[str, list[frozenset[str]]] = {k: [f for w in ws for f in _forms(w)] for k, ws in written.items()}
    # the stem itself as the index holds it ("harm" of "harmful", which the index does not reduce): an FDO holding it
    # covers the word (``cover``'s Snowball stems of its facts), so it is counted among the word's holders too
    for k, alts in forms.items():
        own = frozenset(tokens(k))
        if alts and len(own) == 1 and own not in alts:
            alts.append(own)
    # a Hub tag the reader matched in place of words ("Core ML": coreml) holds them
    understanding = q.understanding
    for tag, span in getattr(understanding, "tagged", ()) if understanding is not None else ():
        for w in words(span):
            key = stem(w)
            if key in forms:
                forms[key].append(frozenset(tokens(tag)))
    # an acronym holds the words it stands for, and those words the acronym ("trained with RLHF")
    flat = " " + " ".join(said) + " "
    for acronym, phrases in ACRONYMS.items():
        for phrase in phrases:
            if f" {phrase} " in flat:
                for w in phrase.split():
                    if stem(w) in forms:
                        forms[stem(w)].append(frozenset({acronym}))
        if f" {acronym} " in flat and acronym in forms:
            forms[acronym] += [frozenset(t for w in p.split() for t in tokens(w)) for p in phrases]
    # a family's word written with its version ("GPT-4", "Quill 2") is that version: a record holds it with the version
    # beside it or joined to it as names and tags write it (alpaca-gpt4, the tag gpt4), not with another (gpt2, gpt4o)
    for joined, word, version in versioned_names(q.text):
        key = stem(word)
        if forms.get(key):
            forms[key] = [f | frozenset(tokens(version)) for f in forms[key]] + [frozenset({joined})]
    result = {k: tuple(dict.fromkeys(f for f in v if f)) for k, v in forms.items()}
    if asks_licence(q):
        # the index holds a licence's name as licence terms ("§artistic"), which only a question about
        # licences reaches: there the word is held by the FDOs under that licence
        result = {k: alts + tuple(frozenset(licence_term(t) for t in alt) for alt in alts)
                  for k, alts in result.items()}
    if frequencies is None:
        return Topic(keys, result, {k: 1.0 for k in keys})
    shortened = _shortened(q.text, keys)
    needed = [t for alts in result.values() for alt in alts for t in alt] + \
        [p for prefixes in shortened.values() for p in prefixes]
    counted = frequencies(needed)
    if counted is None:
        return Topic(keys, result, {k: 1.0 for k in keys})
    n, df = counted
    constrained = {stem(w) for r in read_constraints(q) if r.applied and r.values and r.facet != "kind"
                   for w in words(r.span)}
    weights = {}
    for key in keys:
        if CONTRACTION.search(key):  # "I'd", "we're": who asks and how, as the index's "id" or "were" holds no topic
            weights[key] = 0.0
            continue
        # how many FDOs hold the word in some form (the most of its forms: a form held by more FDOs is the
        # one the keyword search would meet it by), as the keyword search's IDF
        most = max((_held_by(alt, df) for alt in result[key]), default=0)
        short = next((p for p in shortened.get(key, ()) if df.get(p, 0)), None)
        if not most and short is not None:
            # a proper name no FDO holds, held shortened inside a name ("Texas": the Tex of TexLawLLM)
            result[key] += (frozenset({short}),)
            most = df[short]
        if not most and key in constrained:
            most = 1
        # a word held by a few FDOs or by one weighs the same: that few hold it says it is topical, not which of
        # two such words the question is more about ("teaching" held by 2, "students" by 1)
        # (in an index of a few FDOs, at most half of them: a floor above that would make every held word weigh
        # nothing, and the chat refuse what the search found)
        most = max(most, min(FEW_HOLDERS, max(1, n // 2))) if most else 0
        weights[key] = math.log(1.0 + (n - most + 0.5) / (most + 0.5)) if most else 0.0
    # the plain verbs of a job ("help", "run", "use") say what a model does, not what about, and everyday words
    # ("two", "people", "short", "possible") nothing of it: they count only when the question has no other word the
    # index holds ("helps decide how to manage crops": crops)

    # the words of a relation only when the question asks for models linked to a paper or data ("point to the DPO
    # paper"): with no such link, the relation may be the topic ("models distilled from a bigger teacher model")
    plain = JOB_WORDS | EVERYDAY_WORDS | (RELATION_WORDS if {"paper", "datasets"} & set(q.attributes) else frozenset())
    if understanding is not None and understanding.tags:
        plain |= COPY_WORDS
    if any(w > 0 for k, w in weights.items() if k not in plain):
        weights = {k: 0.0 if k in plain else w for k, w in weights.items()}
    business = _business_words(q)
    if business and any(w > 0 for k, w in weights.items() if k not in business):
        weights = {k: 0.0 if k in business else w for k, w in weights.items()}
    return Topic(keys, result, weights, alternatives(q.text, keys))


def _shortened(text: str, keys) -> dict[str, list[str]]:
    """Return, for each proper name the question writes whose stem is a key, its shortened forms, longest first
    (``text.shortened_names``, the search's reading too). Read only for a name no FDO holds in full (``read_topic``)."""
    out: dict[str, list[str]] = {}
    for name, forms in shortened_names(text).items():
        out.setdefault(stem(name), forms)
    return {key: forms for key, forms in out.items() if key in keys}


def _business_words(q: Question) -> set[str]:
    """Return the words (stems) of a statement about the asker's business in a question about the terms of use ("Our
    firm sells software in the Gulf. Which Arabic-speaking models may we use commercially?"): a sentence that asks
    nothing and says a commercial use (``COMMERCIAL_USE``: selling, "our company") is what the licence was read from,
    not what the models must be about; the words the question sentences also say stay."""
    if not any(r.applied and r.facet == "licence" for r in read_constraints(q)):
        return set()
    pieces = sentences(q.text)  # the reader's split: "Llama-3.1" ends no sentence
    asks = [p for p in pieces if p.rstrip().endswith("?")]
    if not asks:
        return set()
    told = {stem(w) for p in pieces if not p.rstrip().endswith("?") and COMMERCIAL_USE.search(p) for w in words(p)}
    return told - {stem(w) for p in asks for w in words(p)}


ARTICLES = frozenset({"the", "a", "an"})
_LIST_TOKEN = re.compile(r"[^\W_]+(?:['’][^\W_]+)*|[,;.?!:()]")


def alternatives(text: str, keys) -> tuple[frozenset[str], ...]:
    """Return the runs of topical words (``keys``) the question joins by "or", each a one-word item (an article
    before it aside) with no other topical word beside it: "The Simpsons or The Flintstones" (simpson, flintston),
    "speech, music or effects". An item of several topical words ("speech recognition or translation") is no
    such run: which of its words the alternative is cannot be told. One pass over the words (linear)."""
    keys = set(keys)
    toks = [t.lower() for t in _LIST_TOKEN.findall(text)]

    def key(i: int) -> str | None:
        if 0 <= i < len(toks):
            k = stem(re.sub(r"['’]s$", "", toks[i]))
            return k if k in keys else None
        return None

    runs: list[frozenset[str]] = []
    for i, tok in enumerate(toks):
        if tok != "or":
            continue
        j = i + 1 + (i + 1 < len(toks) and toks[i + 1] in ARTICLES)
        right = key(j)
        if right is None or key(j + 1) is not None:
            continue
        run = [right]
        k = i - 1 - (i >= 1 and toks[i - 1] == ",")  # "speech, music, or effects"
        while (left := key(k)) is not None:
            before = k - 1 - (k >= 1 and toks[k - 1] in ARTICLES)
            if key(before) is not None:  # an item of several topical words
                break
            run.append(left)
            if before >= 1 and toks[before] == "," and len(run) < LIST_ITEMS:
                k = before - 1
                continue
            break
        if len(set(run)) > 1:
            runs.append(frozenset(run))
    return tuple(runs)


def _held_by(alt: frozenset[str], df: dict[str, int]) -> int:
    """Return how many FDOs hold every term of ``alt`` at most (the fewest holding one of them)."""
    return min((df.get(t, 0) for t in alt), default=0)


def index_terms(facts: FdoFacts, licence: bool = True) -> set[str]:
    """Return the index terms of an FDO's facts (hosting and tooling tags left out): tokens, stem terms and the
    parts of words written as one, as the keyword index makes them (``registry.search.text.sparse_vector``);
    without ``licence``, not those of its licences' names (``fact_text``)."""
    text = fact_text(facts, licence)
    out: set[str] = set()
    for tok in tokens(text) + word_parts(text):
        out.add(tok)
        term = stem_term(tok)
        if term is not None:
            out.add(term)
    return out


def cover(topic: Topic, held: set[str], also: set[str] = frozenset()) -> tuple[frozenset[str], float]:
    """Return the topical words an FDO holds and their weighted share of the question's words.

    ``held`` is the FDO's index terms (``index_terms``); ``also`` the keys it holds otherwise (a Snowball stem
    of its facts, a constraint read from the word that it meets). A word counts by its weight (``Topic``).
    """
    covered = frozenset(k for k in topic.keys if k in also or any(alt <= held for alt in topic.forms.get(k, ())))
    # one of the question's alternatives ("The Simpsons or The Flintstones") holds them all
    covered = topic.with_alternatives(covered)
    total = topic.total
    share = topic.weight_of(covered) / total if total > 0 else 0.0
    return covered, share


# the formats and precisions a copy in fewer bits is named or tagged with ("GGUF", "int4", "mlx-4Bit", "Q4_K_M", "int8bit")
FEWER_BITS = re.compile(rf"{one_of(QUANTISED_FORMATS + QUANTISERS)}|int[248]|(?<![0-9])[1-8]-?bits?|q[2-8]_k|"
                        r"(?<![0-9])\d(?:\.\d+)?bpw|quanti[sz]ed", re.I)


def in_format(facts: FdoFacts, tags) -> bool:
    """Say whether an FDO is in one of the formats ``tags`` (Hub tags the reader matched: "gguf"): its record is tagged
    so, or its name carries the format's word ("DeepSeek-R1-GGUF"). The tag ``quantized`` (a copy in fewer bits, no
    format named: "compressed copies of X", "lower-precision builds") is met by any such format or precision
    (``FEWER_BITS``) in its name or tags, or a base it is quantised from."""
    name = set(words(facts.name))
    keywords = {k.lower() for k in facts.keywords}
    if any(t.lower() == "quantized" for t in tags):
        said = " ".join([facts.name.lower().rsplit("/", 1)[-1], *keywords])
        if FEWER_BITS.search(said) or any("quantiz" in rel.lower() for rel, _ in facts.bases):
            return True
    return any(t.lower() in keywords or (set(words(t)) and set(words(t)) <= name) for t in tags)
