"""One read model of an FDO: what the registry records about it, with every link labelled one way.

Landing pages (``fdo/view.py``), chat facts (``chat/facts.py``) and search index documents
(``search/document.py``) are all built from :class:`Fdo`, so an FDO is titled, and its links
labelled, the same everywhere. ``read_fdos(store, pids)`` reads many at once: one scan per FDO
and one label query per batch.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from types import SimpleNamespace

from pyoxigraph import Literal, NamedNode, Triple

from registry.errors import NotFound
from registry.pid import id_from_pid
from registry.relations import LINEAGE
from registry.store.results import Label
from registry.vocab import CODEMETA, FAIR4ML, MLFDO, RDF, SCHEMA, SPDX, compact_iri

__all__ = ["Ref", "Relation", "Evaluation", "Fdo", "read_fdos", "read_version", "fdo_from_triples", "refs_for",
           "make_ref", "title", "parse_evaluations", "EVALUATION_TYPE"]

EVALUATION_TYPE = FAIR4ML.MLModelEvaluation.value
_SPDX = str(SPDX)
Term = NamedNode | Literal


@dataclass(frozen=True)
class Ref:
    """A link to another entity: an FDO of this registry (``local``), an outside IRI, or a bare literal."""

    iri: str
    label: str
    href: str
    local: bool = False
    kind: str | None = None
    status: str | None = None
    key: str = ""  # the identifier search filters use (task id, dataset id, SPDX id)


@dataclass(frozen=True)
class Relation:
    """A typed lineage link: ``kind`` reads from the FDO to ``target``."""

    kind: str
    predicate: str
    target: Ref


@dataclass(frozen=True)
class Evaluation:
    """One reported evaluation result (one result of one ``fair4ml:MLModelEvaluation`` node)."""

    node: str
    metric: str  # what people call the measure: "ROUGE-1", "accuracy"
    metric_id: str = ""  # the measure's identifier when recorded apart: "rouge"
    value: str = ""  # as recorded
    datasets: tuple[Ref, ...] = ()
    dataset_name: str = ""
    result_name: str = ""
    setting: str = ""  # the evaluation's own name
    tasks: tuple[Ref | str, ...] = ()
    verified: str = ""
    config: str = ""
    split: str = ""
    other: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (property IRI, values) not read above

    @property
    def dataset_label(self) -> str:
        """Return the dataset as people read it: the name recorded with the result, else the dataset's label."""
        return self.dataset_name or (self.datasets[0].label if self.datasets else "")

    def text(self) -> str:
        """Return the result as one phrase: ``ROUGE-1 42.95 on cnn_dailymail (3.0.0, train)``."""
        where = f" on {self.dataset_label}" if self.dataset_label else ""
        details = ", ".join(x for x in (self.config, self.split) if x)
        return f"{self.metric} {_format_number(self.value)}{where}" + (f" ({details})" if details else "")


@dataclass
class Fdo:
    """What the registry records about one FDO (its current view or one version)."""

    pid: str
    fdo_id: str
    kind: str | None
    status: str
    name: str
    identifier: str = ""
    alternate_names: list[str] = field(default_factory=list)
    description: str = ""
    url: str = ""
    types: list[str] = field(default_factory=list)
    tasks: list[Ref] = field(default_factory=list)
    licences: list[Ref] = field(default_factory=list)
    authors: list[Ref] = field(default_factory=list)
    trained_on: list[Ref] = field(default_factory=list)
    evaluated_on: list[Ref] = field(default_factory=list)
    papers: list[Ref] = field(default_factory=list)
    lineage: list[Relation] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)
    libraries: list[str] = field(default_factory=list)
    params: int | None = None
    downloads: int | None = None
    likes: int | None = None
    created: str = ""
    modified: str = ""
    evaluations: list[Evaluation] = field(default_factory=list)
    properties: dict[str, list[Term]] = field(default_factory=dict)  # every property of the FDO itself
    owned: dict[str, dict[str, list[Term]]] = field(default_factory=dict)  # its ``{pid}#...`` nodes
    refs: dict[str, Ref] = field(default_factory=dict)  # the IRIs it points at, labelled (read with ``ref``)
    base_url: str = ""

    def strings(self, prop: str) -> list[str]:
        """Return the non-empty literal values of a property of the FDO, sorted."""
        return sorted(o.value.strip() for o in self.properties.get(prop, [])
                      if isinstance(o, Literal) and o.value.strip())

    def ref(self, iri: str) -> Ref:
        """Return the labelled link to an IRI this FDO points at."""
        found = self.refs.get(iri)
        return found if found is not None else make_ref(iri, None, self.base_url)


def _format_number(text: str) -> str:
    try:
        number = float(text)
    except ValueError:
        return text
    if number.is_integer() and abs(number) < 1e15:
        return str(int(number))
    return f"{number:.4g}"


def title(names: Iterable[str], identifiers: Iterable[str], fallback: str) -> str:
    """Return what an entity is called everywhere: its first name, else its first identifier, else ``fallback``."""
    for values in (names, identifiers):
        found = sorted(v.strip() for v in values if v and v.strip())
        if found:
            return found[0]
    return fallback


def make_ref(iri: str, label: Label | None, base_url: str) -> Ref:
    """Return the link to ``iri`` given what the store knows of it (``label``)."""
    label = label or Label()
    fdo_id = id_from_pid(base_url, iri)
    if iri.startswith(_SPDX) and not label.name:
        spdx_id = iri[len(_SPDX):]
        return Ref(iri, spdx_id, iri, key=spdx_id)
    fallback = fdo_id or compact_iri(iri)
    text = title([label.name or ""], [label.identifier or ""], fallback)
    key = (label.identifier or "").strip() or (label.name or "").strip() or fdo_id or iri.rsplit("/", 1)[-1]
    return Ref(iri, text, f"/fdo/{fdo_id}" if fdo_id else iri, bool(fdo_id), label.kind, label.status, key)


def refs_for(store, iris: Iterable[str]) -> dict[str, Ref]:
    """Return a labelled link for each IRI (one label query per batch)."""
    iris = sorted(set(iris))
    labels = store.labels(iris) if iris else {}
    return {iri: make_ref(iri, labels.get(iri), store.base_url) for iri in iris}


def read_fdos(store, pids: Iterable[str]) -> dict[str, Fdo]:
    """Return the current view of each known PID as an Fdo (unknown and withdrawn PIDs are left out)."""
    current: dict[str, list[Triple]] = {}
    for pid in dict.fromkeys(pids):
        try:
            triples = store.current(pid)
        except NotFound:
            continue
        if triples:
            current[pid] = triples
    iris = set(current)
    for pid, triples in current.items():
        iris.update(_linked_iris(pid, triples))
    refs = refs_for(store, iris)
    out = {}
    for pid, triples in current.items():
        own = refs[pid]
        out[pid] = fdo_from_triples(pid, triples, refs, store.base_url, own.kind, own.status or "active")
    return out


def read_version(store, pid: str, n: int | None, status: str, kind: str | None) -> Fdo:
    """Return version ``n`` of an FDO (None: its current view) as an Fdo. Raises NotFound."""
    triples = store.current(pid) if n is None else store.version(pid, n)
    return fdo_from_triples(pid, triples, refs_for(store, _linked_iris(pid, triples)), store.base_url, kind, status)


def _linked_iris(pid: str, triples: list[Triple]) -> set[str]:
    """Return the IRIs an FDO's triples point at, leaving out its own ``{pid}#...`` nodes."""
    own = pid + "#"
    return {t.object.value for t in triples if isinstance(t.object, NamedNode) and not t.object.value.startswith(own)}


def fdo_from_triples(pid: str, triples: list[Triple], refs: dict[str, Ref], base_url: str, kind: str | None,
                     status: str) -> Fdo:
    """Return the Fdo of ``pid`` from its owned triples; ``refs`` labels the IRIs they point at."""
    main: dict[str, list[Term]] = {}
    owned: dict[str, dict[str, list[Term]]] = {}
    for t in triples:
        subject = t.subject.value
        props = main if subject == pid else owned.setdefault(subject, {})
        props.setdefault(t.predicate.value, []).append(t.object)
    fdo_id = id_from_pid(base_url, pid) or pid.rsplit("/", 1)[-1]
    fdo = Fdo(pid=pid, fdo_id=fdo_id, kind=kind, status=status, name="", properties=main, owned=owned, refs=refs,
              base_url=base_url)
    strings = fdo.strings
    names, idents = strings(_P.name), strings(_P.identifier)
    fdo.name = title(names, idents, fdo_id)
    fdo.identifier = idents[0] if idents else ""
    fdo.alternate_names = strings(_P.alternate_name)
    fdo.description = "\n\n".join(strings(_P.description))
    urls = sorted(o.value for o in main.get(_P.url, []))
    fdo.url = urls[0] if urls else ""
    fdo.types = sorted(o.value for o in main.get(_P.type, []))

    def linked(p: str) -> list[Ref]:
        found = {o.value: fdo.ref(o.value) for o in main.get(p, ()) if isinstance(o, NamedNode)}
        return sorted(found.values(), key=lambda r: (r.label.lower(), r.iri))

    fdo.tasks, fdo.authors = linked(_P.task), linked(_P.shared_by)
    fdo.trained_on, fdo.evaluated_on = linked(_P.trained_on), linked(_P.evaluated_on)
    fdo.papers = linked(_P.paper)
    fdo.licences = linked(_P.licence) + [Ref("", s, "", key=s) for s in strings(_P.licence)]
    for predicate, kind_ in LINEAGE.items():
        if predicate in main:
            fdo.lineage.extend(Relation(kind_.forwards, predicate, r) for r in linked(predicate))
    fdo.keywords = sorted(set(strings(_P.keywords)), key=lambda k: (k.lower(), k))
    fdo.languages = sorted(set(strings(_P.language)))
    fdo.libraries = sorted(set(strings(_P.library)))
    fdo.params = _largest(main.get(_P.params, []), positive=True)
    fdo.downloads = _largest(main.get(_P.downloads, []))
    fdo.likes = _largest(main.get(_P.likes, []))
    created, modified = strings(_P.created), strings(_P.modified)
    fdo.created, fdo.modified = (created[0] if created else ""), (modified[0] if modified else "")
    fdo.evaluations = parse_evaluations(fdo) if owned else []
    return fdo


# The properties an Fdo reads, as IRI strings (built once: a Namespace attribute makes a new term).
_P = SimpleNamespace(
    name=SCHEMA.name.value, identifier=SCHEMA.identifier.value, alternate_name=SCHEMA.alternateName.value,
    description=SCHEMA.description.value, url=SCHEMA.url.value, type=RDF.type.value, task=FAIR4ML.mlTask.value,
    shared_by=FAIR4ML.sharedBy.value, trained_on=FAIR4ML.trainedOn.value, evaluated_on=FAIR4ML.evaluatedOn.value,
    paper=CODEMETA.referencePublication.value, licence=SCHEMA.license.value, keywords=SCHEMA.keywords.value,
    language=SCHEMA.inLanguage.value, library=MLFDO.library.value, params=MLFDO.parameterCount.value,
    downloads=MLFDO.downloads.value, likes=MLFDO.likes.value, created=SCHEMA.dateCreated.value,
    modified=SCHEMA.dateModified.value,
)


def _largest(values: list[Term], positive: bool = False) -> int | None:
    numbers = []
    for o in values:
        try:
            numbers.append(int(float(o.value)))
        except ValueError:
            continue
    numbers = [n for n in numbers if n > 0] if positive else numbers
    return max(numbers, default=None)


# What each Evaluation field is read from, first found wins: on the result node, then on the evaluation.
_METRIC_IDS = (SCHEMA.propertyID.value, MLFDO.metric.value, FAIR4ML.evaluationMetrics.value)
_VALUES = (SCHEMA.value.value, MLFDO.metricValue.value)
_DATASETS = (FAIR4ML.evaluationDataset.value, FAIR4ML.evaluatedOn.value)
_TASKS = (MLFDO.evaluationTask.value, FAIR4ML.mlTask.value)
_READ = {RDF.type.value, FAIR4ML.evaluatedMLModel.value, FAIR4ML.evaluationResults.value, SCHEMA.name.value,
         MLFDO.evaluationDatasetName.value, MLFDO.verified.value, MLFDO.datasetConfig.value,
         MLFDO.datasetSplit.value, *_METRIC_IDS, *_VALUES, *_DATASETS, *_TASKS}


def parse_evaluations(fdo: Fdo) -> list[Evaluation]:
    """Return the evaluation results of an FDO: one per result node of each evaluation (or per evaluation)."""
    out = []
    for node in sorted(fdo.owned):
        props = fdo.owned[node]
        if not any(o.value == EVALUATION_TYPE for o in props.get(RDF.type.value, [])):
            continue
        results = sorted({o.value for o in props.get(FAIR4ML.evaluationResults.value, []) if o.value in fdo.owned})
        for result in results or [node]:
            inner = fdo.owned.get(result, {}) if result != node else {}
            out.append(_evaluation(fdo, node, props, inner))
    return out


def _evaluation(fdo: Fdo, node: str, props: dict[str, list[Term]], inner: dict[str, list[Term]]) -> Evaluation:
    def first(candidates: tuple[str, ...], where: tuple[dict, ...] = (inner, props)) -> list[Term]:
        for values in where:
            for prop in candidates:
                if values.get(prop):
                    return sorted(values[prop], key=lambda o: o.value)
        return []

    def text(candidates: tuple[str, ...], where: tuple[dict, ...] = (inner, props)) -> str:
        values = first(candidates, where)
        return values[0].value if values else ""

    result_name = text((SCHEMA.name.value,), (inner,))
    metric_id = text(_METRIC_IDS)
    datasets = tuple(fdo.ref(o.value) for o in first(_DATASETS, (props,)) if isinstance(o, NamedNode))
    tasks = tuple(fdo.ref(o.value) if isinstance(o, NamedNode) else o.value for o in first(_TASKS, (props,)))
    other = tuple((p, tuple(sorted(o.value for o in values
                                   if not (isinstance(o, NamedNode) and (o.value in fdo.owned or o.value == fdo.pid)))))
                  for p, values in sorted(props.items()) if p not in _READ)
    return Evaluation(
        node=node, metric=result_name or text((FAIR4ML.evaluationMetrics.value,)) or metric_id or "score",
        metric_id=metric_id, value=text(_VALUES), datasets=datasets,
        dataset_name=text((MLFDO.evaluationDatasetName.value,), (props,)), result_name=result_name,
        setting=text((SCHEMA.name.value,), (props,)), tasks=tasks, verified=text((MLFDO.verified.value,), (props,)),
        config=text((MLFDO.datasetConfig.value,), (props,)), split=text((MLFDO.datasetSplit.value,), (props,)),
        other=tuple((p, v) for p, v in other if v))
