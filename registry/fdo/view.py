"""What a landing page shows, built from an FDO's triples: small, template-ready objects."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from datetime import datetime

from pyoxigraph import Literal, NamedNode, Triple

from registry.fdo.queries import LINEAGE_PREDICATES
from registry.store.results import VersionInfo
from registry.vocab import CODEMETA, FAIR4ML, MLFDO, NS, RDF, SCHEMA, SPDX

__all__ = ["Ref", "Relation", "InboundGroup", "EvaluationTable", "CardSection", "FdoPage", "Property",
           "compact_iri", "humanise", "CARD_SECTIONS"]

# Card text properties shown as sections, in this order: (property, heading, rendered as code).
CARD_SECTIONS: tuple[tuple[str, str, bool], ...] = (
    (FAIR4ML.intendedUse.value, "Intended use", False),
    (MLFDO.outOfScopeUse.value, "Out-of-scope use", False),
    (FAIR4ML.modelRisksBiasLimitations.value, "Bias, risks and limitations", False),
    (FAIR4ML.ethicalSocial.value, "Ethical and social considerations", False),
    (FAIR4ML.legal.value, "Legal", False),
    (MLFDO.trainingDataDescription.value, "Training data", False),
    (MLFDO.trainingProcedure.value, "Training procedure", False),
    (FAIR4ML.usageInstructions.value, "How to use", False),
    (FAIR4ML.codeSampleSnippet.value, "Code sample", True),
    (FAIR4ML.hasCO2eEmissions.value, "Environmental impact", False),
    (MLFDO.environmentalImpact.value, "Environmental impact", False),
    (SCHEMA.citation.value, "Citation", True),
)
_CARD_KEYS = {p for p, _, _ in CARD_SECTIONS}

# Properties shown in dedicated places on the page (everything else goes to "Other metadata").
_SHOWN = {
    RDF.type.value, SCHEMA.name.value, SCHEMA.description.value, SCHEMA.identifier.value, SCHEMA.url.value,
    SCHEMA.license.value, FAIR4ML.mlTask.value, FAIR4ML.sharedBy.value, FAIR4ML.trainedOn.value,
    FAIR4ML.evaluatedOn.value, CODEMETA.referencePublication.value, SCHEMA.keywords.value,
    SCHEMA.inLanguage.value, SCHEMA.dateCreated.value, SCHEMA.dateModified.value, MLFDO.downloads.value,
    MLFDO.likes.value, MLFDO.downloadsAllTime.value, *LINEAGE_PREDICATES, *_CARD_KEYS,
}
_EVAL_TYPE = FAIR4ML.MLModelEvaluation.value


def compact_iri(iri: str) -> str:
    """Return ``prefix:local`` for IRIs in a known namespace, else the IRI."""
    for prefix, ns in NS.items():
        if iri.startswith(ns) and len(iri) > len(ns):
            return f"{prefix}:{iri[len(ns):]}"
    return iri


@lru_cache(maxsize=4096)
def humanise(iri: str) -> str:
    """Return a readable label for a property IRI: ``fair4ml:trainedOn`` -> ``trained on``."""
    local = iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]
    out = []
    for i, c in enumerate(local):
        if c.isupper() and i and not local[i - 1].isupper():
            out.append(" ")
        out.append(c.lower() if c.isupper() and not (i + 1 < len(local) and local[i + 1].isupper()) else c)
    return "".join(out).replace("_", " ").strip() or iri


@dataclass(frozen=True)
class Ref:
    """A link to another entity: an FDO of this registry or an external IRI."""

    iri: str
    label: str
    href: str
    local: bool = False
    kind: str | None = None
    status: str | None = None


@dataclass(frozen=True)
class Relation:
    """A typed lineage link: ``kind`` reads from the page's model to ``target``."""

    kind: str
    predicate: str
    target: Ref


@dataclass(frozen=True)
class InboundGroup:
    """FDOs that point at this one with one property (first few, and how many in all)."""

    predicate: str
    label: str
    refs: tuple[Ref, ...]
    total: int
    more: str | None = None  # where to see them all (a SPARQL query URL) when not all are listed


@dataclass(frozen=True)
class Property:
    """A property without a dedicated place on the page, with its values."""

    iri: str
    label: str
    values: tuple[object, ...]  # Ref or str


@dataclass
class EvaluationTable:
    """Evaluation results: one row per evaluation node, columns in a readable order."""

    columns: list[str] = field(default_factory=list)
    rows: list[dict[str, list[object]]] = field(default_factory=list)


@dataclass(frozen=True)
class CardSection:
    """A section of the model card, as Markdown text."""

    key: str
    title: str
    text: str
    code: bool = False


@dataclass
class FdoPage:
    """Everything a landing page (or a version page) shows about one FDO."""

    pid: str
    fdo_id: str
    status: str
    kind: str | None
    name: str
    description: str | None = None
    types: list[Ref] = field(default_factory=list)
    identifier: str | None = None
    platform_url: str | None = None
    tasks: list[Ref] = field(default_factory=list)
    licences: list[Ref] = field(default_factory=list)
    authors: list[Ref] = field(default_factory=list)
    trained_on: list[Ref] = field(default_factory=list)
    evaluated_on: list[Ref] = field(default_factory=list)
    papers: list[Ref] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)
    lineage_out: list[Relation] = field(default_factory=list)
    lineage_in: list[Relation] = field(default_factory=list)
    lineage_in_total: int = 0
    lineage_in_more: str | None = None
    inbound: list[InboundGroup] = field(default_factory=list)
    evaluations: EvaluationTable = field(default_factory=EvaluationTable)
    card: list[CardSection] = field(default_factory=list)
    other: list[Property] = field(default_factory=list)
    downloads: int | None = None
    likes: int | None = None
    created: str | None = None
    modified: str | None = None
    versions: list[VersionInfo] = field(default_factory=list)
    shown_version: VersionInfo | None = None
    validation: list[dict] = field(default_factory=list)
    withdrawal: dict | None = None

    @property
    def current_version(self) -> VersionInfo | None:
        return self.versions[-1] if self.versions else None

    @property
    def is_old_version(self) -> bool:
        return self.shown_version is not None and self.shown_version is not self.current_version

    @property
    def first_harvested(self) -> datetime | None:
        return self.versions[0].generated_at if self.versions else None


def _lit(t: Triple) -> str:
    return t.object.value


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def build_page(pid: str, fdo_id: str, triples: list[Triple], ref, status: str, kind: str | None) -> FdoPage:
    """Return the page of the FDO ``pid`` from its owned triples; ``ref(iri)`` turns an IRI into a Ref."""
    main: dict[str, list] = defaultdict(list)
    owned: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for t in triples:
        if t.subject.value == pid:
            main[t.predicate.value].append(t.object)
        else:
            owned[t.subject.value][t.predicate.value].append(t.object)

    def first(p: NamedNode) -> str | None:
        values = sorted(o.value for o in main.get(p.value, []))
        return values[0] if values else None

    def refs(p: NamedNode) -> list[Ref]:
        found = [ref(o.value) for o in main.get(p.value, []) if isinstance(o, NamedNode)]
        return sorted(found, key=lambda r: r.label.lower())

    page = FdoPage(pid=pid, fdo_id=fdo_id, status=status, kind=kind, name=first(SCHEMA.name) or fdo_id)
    page.description = first(SCHEMA.description)
    page.types = [Ref(o.value, compact_iri(o.value), o.value) for o in main.get(RDF.type.value, [])]
    page.identifier = first(SCHEMA.identifier)
    page.platform_url = first(SCHEMA.url)
    page.tasks = refs(FAIR4ML.mlTask)
    page.licences = [ref(o.value) if isinstance(o, NamedNode) else Ref(o.value, o.value, "")
                     for o in main.get(SCHEMA.license.value, [])]
    page.authors = refs(FAIR4ML.sharedBy)
    page.trained_on = refs(FAIR4ML.trainedOn)
    page.evaluated_on = refs(FAIR4ML.evaluatedOn)
    page.papers = refs(CODEMETA.referencePublication)
    page.keywords = sorted({o.value for o in main.get(SCHEMA.keywords.value, [])}, key=str.lower)
    page.languages = sorted({o.value for o in main.get(SCHEMA.inLanguage.value, [])})
    page.created, page.modified = first(SCHEMA.dateCreated), first(SCHEMA.dateModified)
    page.downloads, page.likes = _int(first(MLFDO.downloads)), _int(first(MLFDO.likes))
    for predicate, (forwards, _) in LINEAGE_PREDICATES.items():
        for o in main.get(predicate, []):
            if isinstance(o, NamedNode):
                page.lineage_out.append(Relation(forwards, predicate, ref(o.value)))
    page.card = _card_sections(main)
    page.evaluations = _evaluations(owned, ref, pid)
    page.other = _other_properties(main, owned, ref)
    return page


def _card_sections(main: dict[str, list]) -> list[CardSection]:
    sections, seen = [], set()
    for prop, title, code in CARD_SECTIONS:
        for o in main.get(prop, []):
            if isinstance(o, Literal) and o.value.strip() and (title, o.value) not in seen:
                seen.add((title, o.value))
                sections.append(CardSection(compact_iri(prop), title, o.value, code))
    return sections


# Evaluation table columns: (heading, candidate properties, first found wins). A property of the
# evaluation node, or of a node it points to (e.g. the schema:PropertyValue holding the result).
_EVAL_COLUMNS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Dataset", (FAIR4ML.evaluationDataset.value, FAIR4ML.evaluatedOn.value, MLFDO.evaluationDatasetName.value)),
    ("Metric", (SCHEMA.propertyID.value, MLFDO.metric.value, FAIR4ML.evaluationMetrics.value)),
    ("Value", (SCHEMA.value.value, MLFDO.metricValue.value)),
    ("Setting", (SCHEMA.name.value,)),
    ("Task", (MLFDO.evaluationTask.value, FAIR4ML.mlTask.value)),
    ("Verified", (MLFDO.verified.value,)),
)
# Said elsewhere on the page, or structural: never a column of their own.
_EVAL_SKIP = {RDF.type.value, FAIR4ML.evaluatedMLModel.value, FAIR4ML.evaluationResults.value,
              MLFDO.evaluationDatasetName.value, FAIR4ML.evaluationMetrics.value, SCHEMA.name.value}


def _evaluations(owned: dict[str, dict[str, list]], ref, pid: str = "") -> EvaluationTable:
    table = EvaluationTable()
    extra: dict[str, None] = {}
    for node in sorted(owned):
        props = owned[node]
        if not any(o.value == _EVAL_TYPE for o in props.get(RDF.type.value, [])):
            continue
        # the result node(s) the evaluation points to, flattened into the row
        inner: dict[str, list] = defaultdict(list)
        for objects in props.values():
            for o in objects:
                if isinstance(o, NamedNode) and o.value in owned and o.value != node:
                    for p, values in owned[o.value].items():
                        inner[p].extend(values)
        row: dict[str, list[object]] = {}
        for heading, candidates in _EVAL_COLUMNS:
            for prop in candidates:
                values = inner.get(prop) if heading in ("Metric", "Value", "Setting") else None
                values = values or props.get(prop)
                if values:
                    row[heading] = [ref(o.value) if isinstance(o, NamedNode) else o.value for o in values]
                    break
        for p, objects in props.items():
            if p in _EVAL_SKIP or any(p in c for _, c in _EVAL_COLUMNS):
                continue
            values = [o.value for o in objects
                      if not (isinstance(o, NamedNode) and (o.value in owned or o.value == pid))]
            if values:
                label = humanise(p).capitalize()
                extra[label] = None
                row[label] = values
        table.rows.append(row)
    used = [h for h, _ in _EVAL_COLUMNS if any(h in r for r in table.rows)]
    table.columns = used + sorted(extra)
    table.rows.sort(key=lambda r: [", ".join(v.label if isinstance(v, Ref) else str(v) for v in r.get(c, []))
                                   for c in table.columns])
    return table


def _other_properties(main: dict[str, list], owned: dict[str, dict[str, list]], ref) -> list[Property]:
    props = []
    for p in sorted(main):
        if p in _SHOWN:
            continue
        values = []
        for o in main[p]:
            if isinstance(o, NamedNode) and o.value in owned:
                inner = owned[o.value]
                if any(x.value == _EVAL_TYPE for x in inner.get(RDF.type.value, [])):
                    continue  # evaluations have their own table
                parts = [f"{humanise(k)}: {', '.join(v.value for v in vs)}" for k, vs in sorted(inner.items())
                         if k != RDF.type.value]
                values.append("; ".join(parts) or o.value)
            elif isinstance(o, NamedNode):
                values.append(ref(o.value))
            else:
                values.append(o.value)
        if values:
            props.append(Property(p, humanise(p), tuple(sorted(values, key=str))))
    return props


def licence_label(iri: str) -> str:
    """Return the SPDX id of an SPDX licence IRI, else the IRI."""
    return iri[len(str(SPDX)):] if iri.startswith(str(SPDX)) else iri
