"""What the index holds for one FDO: facet values, keyword fields, the text to embed, a snippet source.

Built from the FDO read model (``registry.fdo.model.read_fdos``: the current view plus the labels of
what it references, one query per batch); the list of FDOs to index comes from ``Store.catalogue``.
A model's document also carries the text of the concepts it points at (``read_concepts``: its task's
label, synonyms, definition and plain-language jobs, its library's name and purpose; the kinds of data
its task takes in and gives back as one term per direction), so a question in everyday words meets the
models whose records never use them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import NamedTuple

from pyoxigraph import Literal

from registry.fdo.model import Fdo, read_fdos
from registry.search.about import describe, linked_data
from registry.search.facets import FACETS, KIND_LABELS, PLATFORM_LABELS, STATED_LABELS, language_label
from registry.search.text import KEYWORDS_FORMAT, flow_term, sparse_vector
from registry.store import Store
from registry.vocab import FAIR4ML, MLFDO, RDF, SCHEMA, SKOS

__all__ = ["IndexDoc", "Item", "build_docs", "indexed_versions", "INDEXED_KINDS", "embed_text", "Concepts",
           "read_concepts", "inferred_tasks", "tag_name", "LINEAGE_STEPS"]

INDEXED_KINDS = ("model", "dataset", "paper", "task", "evaluation")
# a model listing this many languages (Hub language codes) is also indexed with the language "multilingual" (BLOOM's
# 46, mBART-50's 52; the Llama 4 and Mistral Small cards list 10-12 and say nothing of being multilingual)
MANY_LANGUAGES = 20
MULTILINGUAL = "mul"  # BCP-47's code for many languages, as the Hub harvester writes the tag multilingual
DESCRIPTION_CHARS = 1500  # kept for snippets and keywords
EMBED_DESCRIPTION_CHARS = 700  # MiniLM reads 256 word pieces: the description's opening carries the gist

_SCHEME = re.compile(r"^(?:arxiv|doi):\s*(\S.*)$", re.I)  # the schemes papers' identifiers are written with
# what a data set's stub holds (``harvesters.huggingface.refs``): a data set the vocabulary describes is indexed so
_STUB_PROPERTIES = frozenset({RDF.type.value, SCHEMA.name.value, SCHEMA.identifier.value, SCHEMA.url.value})
_CARD_TEXT = (FAIR4ML.intendedUse.value, FAIR4ML.usageInstructions.value, MLFDO.trainingDataDescription.value)
_DESC = SCHEMA.description.value
_SPDX = "https://spdx.org/licenses/"
_TASK_SCHEMES = ("hf-task", "openml-task-type")  # the concept schemes (``schema:inDefinedTermSet``) read for models
_LIBRARY_SCHEME = "library"
_MODALITY_SCHEME = "modality"
_PLAIN = MLFDO.plainDescription.value
_INPUT, _OUTPUT = MLFDO.inputModality.value, MLFDO.outputModality.value
_IN_SET = SCHEMA.inDefinedTermSet.value
_CODE = SCHEMA.termCode.value
_NOTATION = SKOS.notation.value
# how many lineage links a model stating no task is followed up for a base stating one (a quantised copy of a
# fine-tune of a merge); further up, the base says less of what the copy does
LINEAGE_STEPS = 3


class Item(NamedTuple):
    """One FDO to index: its current version and registry facts."""

    pid: str
    version: int
    kind: str
    platform: str = ""
    stub: bool = False


@dataclass
class IndexDoc:
    """One FDO as the search index sees it."""

    pid: str
    version: int
    kind: str
    name: str
    identifier: str = ""
    url: str = ""
    description: str = ""
    facets: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    params: float | None = None
    date: float | None = None
    downloads: int = 0
    exact: list[str] = field(default_factory=list)
    embed_text: str = ""
    sparse: tuple[list[int], list[float]] = ((), ())  # type: ignore[assignment]
    stub: bool = False  # only referenced so far: a name, no description to compare meanings with
    # a data set the concept vocabulary describes (``datasets.ttl``): indexed as the stub it stands in for, its id
    # alone, so that it does not rank among the models a question asks for; search reads its facts as a concept
    standin: bool = False
    # the tasks (key, label) a model stating none is taken to do: its nearest bases' stated tasks and the tasks its
    # Hub tags name (``inferred_tasks``); a lesser boost only, never a facet value, a filter or its shown task
    inferred: list[tuple[str, str]] = field(default_factory=list)

    def payload(self) -> dict:
        """Return the Qdrant payload (everything but the vectors)."""
        return {"pid": self.pid, "version": self.version, "kind": self.kind, "name": self.name,
                "identifier": self.identifier, "url": self.url, "description": self.description,
                "facets": {k: [list(v) for v in vals] for k, vals in self.facets.items()},
                "params": self.params, "date": self.date, "downloads": self.downloads, "exact": self.exact,
                "stub": self.stub, "standin": self.standin, "inferred": [list(v) for v in self.inferred], "keywords_format": KEYWORDS_FORMAT,
                # flat copies that Qdrant can filter on (keyword match on "f_task" etc.)
                **{f"f_{k}": [v[0] for v in vals] for k, vals in self.facets.items()}}

    @staticmethod
    def current(payload: dict) -> bool:
        """Say whether a stored payload's keyword vector was written in this version's format."""
        return payload.get("keywords_format") == KEYWORDS_FORMAT

    @classmethod
    def from_payload(cls, payload: dict, sparse: tuple[list[int], list[float]]) -> "IndexDoc":
        """Rebuild a document from a stored payload and its sparse vector."""
        return cls(pid=payload["pid"], version=int(payload["version"]), kind=payload["kind"], name=payload["name"],
                   identifier=payload.get("identifier") or "", url=payload.get("url") or "",
                   description=payload.get("description") or "",
                   facets={k: [tuple(v) for v in vals] for k, vals in (payload.get("facets") or {}).items()},
                   params=payload.get("params"), date=payload.get("date"),
                   downloads=int(payload.get("downloads") or 0), exact=list(payload.get("exact") or []),
                   sparse=sparse, stub=bool(payload.get("stub")), standin=bool(payload.get("standin")),
                   inferred=[tuple(v) for v in payload.get("inferred") or []])


def indexed_versions(store: Store, kinds: Iterable[str] = INDEXED_KINDS) -> dict[str, Item]:
    """Return pid -> Item (current version, kind, platform, stub) for every current FDO of the indexed kinds."""
    return {pid: Item(pid, e.version, e.kind, e.platform, e.status == "stub")
            for pid, e in store.catalogue(kinds).items()}


def _timestamp(text: str) -> float | None:
    try:
        value = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=timezone.utc)
    return value.timestamp()


@dataclass(frozen=True)
class Concepts:
    """The phrases of the task concepts (by PID, the IRI models point at) and library concepts (by library key)."""

    tasks: dict[str, tuple[str, ...]] = field(default_factory=dict)
    libraries: dict[str, tuple[str, ...]] = field(default_factory=dict)
    flows: dict[str, tuple[str, ...]] = field(default_factory=dict)  # task PID -> its direction terms (``flow_term``)
    # a task's names (notation, label, alternative labels; ``tag_name``) -> the tasks (facet key, label) so called
    named: dict[str, tuple[tuple[str, str], ...]] = field(default_factory=dict)


def _scheme(fdo: Fdo) -> str:
    sets = [o.value for o in fdo.properties.get(_IN_SET, [])]
    return sets[0].rsplit("/", 1)[-1] if sets else ""


def read_concepts(store: Store) -> Concepts:
    """Return the text of every task and library concept the store holds (one read; an index build reads it once).

    A task gives its label, synonyms, definition and plain-language jobs, and, as terms of their own, the
    kinds of data it takes in and gives back (``^input:audio``, ``^output:text``: ``text.flow_term``); a
    library its name, synonyms and what it is for. Language and licence concepts are left out: a model's
    record names those already.
    """
    fdos = read_fdos(store, store.pids(kind="term", include_stubs=False))
    modality = {pid: (f.strings(_CODE) or [f.name.lower()])[0] for pid, f in fdos.items()
                if _scheme(f) == _MODALITY_SCHEME}
    out = Concepts()
    for pid, fdo in fdos.items():
        scheme = _scheme(fdo)
        if scheme in _TASK_SCHEMES:
            phrases = [fdo.name, *fdo.alternate_names, fdo.description, *fdo.strings(_PLAIN)]
            out.tasks[pid] = tuple(p for p in phrases if p)
            flow = [flow_term(direction, modality[o.value])
                    for direction, prop in (("input", _INPUT), ("output", _OUTPUT))
                    for o in fdo.properties.get(prop, []) if o.value in modality]
            if flow:
                out.flows[pid] = tuple(dict.fromkeys(flow))
            task = ((fdo.identifier or fdo.name).strip(), fdo.name)  # as ``model.make_ref`` keys and labels it
            # (its codes always; its labels of two words or more: one everyday word, "agent" of reinforcement
            # learning, "assistant", tags a model for other reasons)
            names = [fdo.identifier, *fdo.strings(_NOTATION), *(n for n in [fdo.name, *fdo.alternate_names]
                                                                 if " " in tag_name(n))]
            for name in {tag_name(n) for n in names}:
                if name and task not in out.named.get(name, ()):
                    out.named[name] = (*out.named.get(name, ()), task)
        elif scheme == _LIBRARY_SCHEME:
            phrases = [fdo.name, *fdo.alternate_names, *fdo.strings(_PLAIN)]
            for code in fdo.strings(_CODE):
                out.libraries[code] = tuple(p for p in phrases if p)
    return out


def build_docs(store: Store, items: list[Item], concepts: Concepts | None = None) -> list[IndexDoc]:
    """Return index documents for items; PIDs the store does not hold are skipped.

    ``concepts`` is the text of the concepts the items point at (``read_concepts``); read here when not given.
    """
    fdos = read_fdos(store, [item.pid for item in items])
    if concepts is None:
        concepts = read_concepts(store)
    wanted = [pid for pid in linked_data(fdos.values()) if pid not in fdos]
    data = {**fdos, **(read_fdos(store, wanted) if wanted else {})}  # the data sets tasks and runs are on
    inferred = inferred_tasks(store, fdos, concepts)
    # a data set the vocabulary describes is indexed once an FDO links to it, as its stub would have been: a registry
    # holding the vocabulary holds them all, and a model named none of them (``IndexDoc.standin``)
    fdos = {pid: fdo for pid, fdo in fdos.items()
            if not (fdo.kind == "dataset" and MLFDO.concept.value in fdo.properties and not store.inbound_predicates(pid))}
    docs = [_doc(item, fdos[item.pid], concepts, data) for item in items if item.pid in fdos]
    for doc in docs:
        doc.inferred = inferred.get(doc.pid, [])
    return docs


def tag_name(text: str) -> str:
    """Return a tag or a task's name as both are compared: lower-cased, its words joined by single spaces
    ("Image-to-3D", "image to 3d" -> "image to 3d")."""
    return " ".join(re.split(r"[\s_-]+", text.strip().lower())).strip()


def inferred_tasks(store: Store, fdos: dict[str, Fdo], concepts: Concepts) -> dict[str, list[tuple[str, str]]]:
    """Return, for the models of ``fdos`` stating no task, the tasks (key, label) they are taken to do.

    A fine-tune, adapter, quantised copy or merge does what its base does: the tasks the nearest bases stating one
    state, followed up the lineage the store records (``LINEAGE_STEPS`` links at most; a base stating none passes
    nothing of its own on, only its bases' tasks). A Hub tag that is a task's name though no pipeline task
    ("video-generation": text to video; "Image-to-3D") names what the model does too. Read when the model is
    indexed: a base's task changed later reaches its copies when they are indexed again.
    """
    out: dict[str, list[tuple[str, str]]] = {}
    read: dict[str, Fdo] = dict(fdos)
    for pid, fdo in fdos.items():
        if fdo.kind != "model" or fdo.tasks:
            continue
        found = [t for k in fdo.keywords for t in concepts.named.get(tag_name(k), ())]
        seen, front = {pid}, [r.target.iri for r in fdo.lineage if r.target.local]
        for _ in range(LINEAGE_STEPS):
            front = [p for p in dict.fromkeys(front) if p not in seen]
            if not front:
                break
            seen.update(front)
            wanted = [p for p in front if p not in read]
            if wanted:
                read.update(read_fdos(store, wanted))
            bases = [read[p] for p in front if p in read and read[p].kind == "model"]
            found += [(r.key, r.label) for base in bases for r in base.tasks]
            front = [r.target.iri for base in bases if not base.tasks for r in base.lineage if r.target.local]
        if found:
            out[pid] = list(dict.fromkeys(found))
    return out


def _strings(values: dict[str, list], prop: str) -> list[str]:
    return [o.value for o in values.get(prop, []) if isinstance(o, Literal) and o.value.strip()]


# a size written as a part of a model id ("Kokoro-82M", "gemma-7b-it", "Qwen2.5-0.5B"): a number and m or b between
# separators; "8x7b" (experts), "1_6b" and "4bit" are no such part
_NAME_SIZE = re.compile(r"(?:^|[-_./])(?<!\d_)(\d+(?:\.\d+)?)([mb])(?=$|[-_.])", re.I)


def size_in_name(model_id: str | None) -> float | None:
    """Return the parameter count the last part of a model id states ("hexgrad/Kokoro-82M": 82M), or None.

    A model whose record holds no parameter count (no safetensors index) is still found by a size constraint
    when its id states one, as its authors name it (docs/search.md, "Facets").
    """
    if not model_id:
        return None
    m = _NAME_SIZE.search(model_id.rsplit("/", 1)[-1])
    if m is None:
        return None
    return float(m.group(1)) * (1e6 if m.group(2).lower() == "m" else 1e9)


STATING_KINDS = ("model", "dataset")  # the kinds whose records a data steward asks what they state
_DOI = "https://doi.org/"
_EMISSIONS = (MLFDO.co2eEmissionsGrams.value, FAIR4ML.hasCO2eEmissions.value)
_CUSTOM_LICENCE = "other"  # the licence name the Hub writes for terms of a model's own (``mlfdo:licenseName``)


def stated_fields(values: dict[str, list], facets: dict[str, list[tuple[str, str]]], card: bool) -> list[str]:
    """Return the keys of ``STATED_LABELS`` a record states: the fields a question may ask it to have ("which
    models have a DOI?", "... state their CO2 emissions?", "... ship with a custom licence?")."""
    out = []
    if any(o.value.startswith(_DOI) for p in (SCHEMA.sameAs.value, SCHEMA.citation.value) for o in values.get(p, [])):
        out.append("doi")
    if facets.get("paper"):
        out.append("paper")
    if any(values.get(p) for p in _EMISSIONS):
        out.append("emissions")
    out += [key for key in ("base_model", "dataset") if facets.get(key)]
    if values.get(FAIR4ML.hasEvaluation.value):
        out.append("evaluation")
    named = {o.value.strip().lower() for o in values.get(MLFDO.licenseName.value, [])}
    if facets.get("licence"):
        out.append("licence")
    if _CUSTOM_LICENCE in named:
        out.append("custom_licence")
    elif not facets.get("licence") and not named:
        out.append("no_licence")
    if card:
        out.append("card")
    return out


def _doc(item: Item, fdo: Fdo, concepts: Concepts, data: dict[str, Fdo] | None = None) -> IndexDoc:
    """Return the index document of one FDO.

    A licence's name says on what terms a model is shared, not what it is about ("Artistic-2.0" is no artistic
    model). So the licence ids, and their names where the description or card states them ("- License:
    artistic-2.0", ``without_licences``), are indexed as licence terms (``text.licence_term``), not as words: only
    a question about licences matches them (``text.query_terms``). The description shown keeps them.

    A task or an evaluation run states facts only: its description says what it is in words (``about.describe``),
    its data sets' names are its data sets, its task type is its task, and its data set's description is card text.
    """
    pid, version, kind, platform = item.pid, item.version, item.kind, item.platform
    values = fdo.properties
    alts = fdo.alternate_names
    name, identifier = fdo.name, fdo.identifier
    standin = kind == "dataset" and MLFDO.concept.value in values
    if standin:  # (``IndexDoc.standin``: what the stub held, its type, id and link)
        values = {k: v for k, v in values.items() if k in _STUB_PROPERTIES}
        alts, name = [], identifier or name
    description = " ".join(_strings(values, _DESC))[:DESCRIPTION_CHARS]
    card = " ".join(s for p in _CARD_TEXT for s in _strings(values, p))[:DESCRIPTION_CHARS]
    about = describe(fdo, data or {})
    if about is not None:
        description = " ".join(filter(None, [about.description, description]))[:DESCRIPTION_CHARS]
        card = " ".join(filter(None, [card, about.data_text]))[:DESCRIPTION_CHARS]
    keywords = fdo.keywords
    facets: dict[str, list[tuple[str, str]]] = {"kind": [(kind, KIND_LABELS.get(kind, kind.title()))]}
    if platform:
        facets["platform"] = [(platform, PLATFORM_LABELS.get(platform, platform))]
    for fdef in FACETS:
        if fdef.range or not fdef.predicates:
            continue
        seen: dict[str, str] = {}
        for prop in fdef.predicates:
            for obj in values.get(prop, []):
                if isinstance(obj, Literal):
                    key = obj.value.strip()
                    label = language_label(key) if fdef.name == "language" else key
                elif fdef.name == "licence" and obj.value.startswith(_SPDX):
                    key = label = obj.value[len(_SPDX):]
                else:
                    ref = fdo.ref(obj.value)
                    key, label = ref.key, ref.label
                if key and key not in seen:
                    seen[key] = label
        if fdef.name == "language" and len(seen.keys() - {MULTILINGUAL}) >= MANY_LANGUAGES:
            # a model listing dozens of languages is multilingual, whether or not it also says the word
            seen.setdefault(MULTILINGUAL, language_label(MULTILINGUAL))
        if seen:
            facets[fdef.name] = sorted(seen.items())
    states = stated_fields(values, facets, bool(description or card)) if kind in STATING_KINDS else []
    if states:
        facets["states"] = [(key, STATED_LABELS[key]) for key in states]
    # a task or a run is of a kind of task, it does not do one: the kind of task is its words, not the facet that
    # filters and boosts what does the task (an OpenML classification task is no answer to "what can classify rows
    # of my table?"), and the kind of task's concept text is not its text
    typed = [w for key, label in facets.pop("task", []) for w in (label, key)] if about is not None else []
    params = float(fdo.params) if fdo.params else (size_in_name(identifier or name) if kind == "model" else None)
    date = None
    for prop in (SCHEMA.dateCreated.value, SCHEMA.dateModified.value):
        stamps = [s for s in (_timestamp(o.value) for o in values.get(prop, [])) if s is not None]
        if stamps:
            date = min(stamps)
            break
    downloads = fdo.downloads or 0
    # an identifier with its scheme ("arXiv:2501.07954", "doi:10.1/x") is also called by what follows the scheme
    schemeless = [m.group(1) for m in [_SCHEME.match(identifier or "")] if m]
    exact = sorted({s.lower() for s in [name, identifier, *schemeless, *alts, fdo.fdo_id, pid] if s})
    labels_of = {k: [label for _, label in v] for k, v in facets.items()}
    keys_of = {k: [key for key, _ in v] for k, v in facets.items()}
    names = [n for key, label in facets.get("licence", []) for n in (key, label)]
    text, stated = without_licences(description, names)
    card_text, in_card = without_licences(card, names)
    stated += in_card
    expanded = [concepts.tasks[r.iri] for r in fdo.tasks if r.iri in concepts.tasks and about is None]
    expanded += [concepts.libraries[key] for key in keys_of.get("library", []) if key in concepts.libraries]
    fields = {
        "name": [name, *alts], "identifier": [identifier], "keywords": keywords + _joined(keywords),
        "task": labels_of.get("task", []) + keys_of.get("task", []) + typed + (about.task_types if about else []),
        "library": keys_of.get("library", []), "base_model": keys_of.get("base_model", []),
        "dataset": keys_of.get("dataset", []) + (about.datasets if about else []),
        "author": labels_of.get("author", []),
        "language": labels_of.get("language", []),
        "licence": keys_of.get("licence", []) + stated,
        "description": [text], "card": [card_text],
        "concepts": [p for phrases in expanded for p in phrases],
        "flows": list(dict.fromkeys(t for r in fdo.tasks for t in concepts.flows.get(r.iri, ()))) if about is None
        else [],
    }
    doc = IndexDoc(pid=pid, version=version, kind=kind, name=name, identifier=identifier,
                   url=fdo.url, description=description or card[:DESCRIPTION_CHARS],
                   facets=facets, params=params, date=date, downloads=downloads, exact=exact,
                   stub=item.stub or standin, standin=standin)
    doc.embed_text = embed_text(doc, keywords, labels_of)
    doc.sparse = sparse_vector(fields)
    return doc


_LICENCE_WORD = r"licen[cs]e[ds]?"


def without_licences(text: str, names: Iterable[str]) -> tuple[str, list[str]]:
    """Return ``text`` without the licence ``names`` where it states them as a licence, and the names taken out.

    A name is stated as a licence after the word licence ("License: artistic-2.0", "licensed under the MIT") or
    before it ("Apache-2.0 license"). A name standing alone is kept: "llama2", the key of the Llama 2 licence, is
    also the name of the model a card says it fine-tunes.
    """
    taken: list[str] = []

    def take(m: re.Match) -> str:
        taken.append(m.group(2) or m.group(3))
        return (m.group(1) or "") + " "

    for name in sorted({n for n in names if n}, key=len, reverse=True):
        quoted = re.escape(name)
        text = re.sub(rf"(\b{_LICENCE_WORD}\b(?:\W|\s(?:under|as|is|of|the|a)\b){{0,12}})({quoted})(?![\w-])"
                      rf"|(?<![\w-])({quoted})(?=\W{{0,3}}{_LICENCE_WORD}\b)", take, text, flags=re.I)
    return text, taken


def _joined(keywords: list[str]) -> list[str]:
    """Return the tags written as a phrase of two or three words, written as one ("Entity Linking": entitylinking).

    A name writes as one word what a tag writes as a phrase: each meets the other's way of writing it
    (the name's parts are indexed too: ``text.word_parts``).
    """
    out = []
    for k in keywords:
        words = k.split()
        if 2 <= len(words) <= 3 and ":" not in k and all(w.isalnum() for w in words):
            out.append("".join(words).lower())  # lower-cased: its parts are the tag's words, counted already
    return out


def embed_text(doc: IndexDoc, keywords: list[str], labels_of: dict[str, list[str]]) -> str:
    """Return the text embedded for an FDO: what it is and does first, provenance facts after.

    The name, task and the opening of the description say what the model is for, which is what
    people describe in a query; tags, library, languages, base models and datasets follow. Licence,
    dates and counters are left out: they are filters, and would only blur the meaning. The concepts'
    text (``read_concepts``) is left out too: measured, it blurred the static embedder's vectors more
    than it told them (docs/benchmarks.md, "Document expansion").
    """
    parts = [doc.name.replace("/", " / ")]
    if labels_of.get("task"):
        parts.append("Task: " + ", ".join(labels_of["task"]))
    if doc.description:
        parts.append(doc.description[:EMBED_DESCRIPTION_CHARS])
    extras = [("Tags", [k for k in keywords if ":" not in k][:12]), ("Library", labels_of.get("library", [])),
              ("Languages", labels_of.get("language", [])[:8]), ("Based on", labels_of.get("base_model", [])[:3]),
              ("Trained on", labels_of.get("dataset", [])[:5])]
    for label, vals in extras:
        if vals:
            parts.append(f"{label}: {', '.join(vals)}")
    if doc.kind != "model":
        parts.insert(0, KIND_LABELS.get(doc.kind, doc.kind))
    return ". ".join(parts)
