"""What a landing page shows, built from the FDO read model (``fdo/model.py``): small, template-ready objects."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from datetime import datetime

from pyoxigraph import Literal, NamedNode

from registry.fdo.model import EVALUATION_TYPE, Evaluation, Fdo, Ref, Relation
from registry.relations import LINEAGE_PREDICATES
from registry.store.results import VersionInfo
from registry.vocab import CODEMETA, FAIR4ML, MLFDO, RDF, SCHEMA, compact_iri

__all__ = ["Ref", "Relation", "InboundGroup", "EvaluationTable", "CardSection", "FdoPage", "Property",
           "compact_iri", "humanise", "CARD_SECTIONS", "build_page"]

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
    """Everything a landing page (or a version page) shows about one FDO.

    The FDO's own facts are read from ``fdo`` (the one read model); the page adds its layout:
    card sections, the evaluation table, other properties, links pointing back, versions.
    """

    fdo: Fdo
    types: list[Ref] = field(default_factory=list)
    lineage_in: list[Relation] = field(default_factory=list)
    lineage_in_total: int = 0
    lineage_in_more: str | None = None
    inbound: list[InboundGroup] = field(default_factory=list)
    inbound_counts: dict[str, int] = field(default_factory=dict)  # predicate -> links to this FDO (current view)
    evaluations: EvaluationTable = field(default_factory=EvaluationTable)
    card: list[CardSection] = field(default_factory=list)
    other: list[Property] = field(default_factory=list)
    versions: list[VersionInfo] = field(default_factory=list)
    shown_version: VersionInfo | None = None
    validation: list[dict] = field(default_factory=list)
    withdrawal: dict | None = None

    pid = property(lambda self: self.fdo.pid)
    fdo_id = property(lambda self: self.fdo.fdo_id)
    status = property(lambda self: self.fdo.status)
    kind = property(lambda self: self.fdo.kind)
    name = property(lambda self: self.fdo.name)
    description = property(lambda self: self.fdo.description or None)
    identifier = property(lambda self: self.fdo.identifier or None)
    platform_url = property(lambda self: self.fdo.url or None)
    tasks = property(lambda self: self.fdo.tasks)
    licences = property(lambda self: self.fdo.licences)
    authors = property(lambda self: self.fdo.authors)
    trained_on = property(lambda self: self.fdo.trained_on)
    evaluated_on = property(lambda self: self.fdo.evaluated_on)
    papers = property(lambda self: self.fdo.papers)
    keywords = property(lambda self: self.fdo.keywords)
    languages = property(lambda self: self.fdo.languages)
    lineage_out = property(lambda self: self.fdo.lineage)
    downloads = property(lambda self: self.fdo.downloads)
    likes = property(lambda self: self.fdo.likes)
    created = property(lambda self: self.fdo.created or None)
    modified = property(lambda self: self.fdo.modified or None)

    @property
    def current_version(self) -> VersionInfo | None:
        return self.versions[-1] if self.versions else None

    @property
    def is_old_version(self) -> bool:
        return self.shown_version is not None and self.shown_version is not self.current_version

    @property
    def first_harvested(self) -> datetime | None:
        return self.versions[0].generated_at if self.versions else None


def build_page(fdo: Fdo) -> FdoPage:
    """Return the page of an FDO (its current view or one version)."""
    return FdoPage(fdo, types=[Ref(t, compact_iri(t), t) for t in fdo.types], card=_card_sections(fdo.properties),
                   evaluations=evaluation_table(fdo.evaluations), other=_other_properties(fdo))


def _card_sections(main: dict[str, list]) -> list[CardSection]:
    sections, seen = [], set()
    for prop, title, code in CARD_SECTIONS:
        for o in main.get(prop, []):
            if isinstance(o, Literal) and o.value.strip() and (title, o.value) not in seen:
                seen.add((title, o.value))
                sections.append(CardSection(compact_iri(prop), title, o.value, code))
    return sections


_COLUMNS = ("Dataset", "Metric", "Value", "Setting", "Task", "Verified")


def evaluation_table(evaluations: list[Evaluation]) -> EvaluationTable:
    """Return evaluation results as a table: one row per result, the usual columns first, then any others."""
    table = EvaluationTable()
    extra: set[str] = set()
    for e in evaluations:
        cells: dict[str, list[object]] = {
            "Dataset": list(e.datasets) or [e.dataset_name], "Metric": [e.metric_id], "Value": [e.value],
            "Setting": [e.result_name or e.setting], "Task": list(e.tasks), "Verified": [e.verified]}
        row = {heading: values for heading, values in cells.items() if values and values != [""]}
        recorded = ((MLFDO.datasetConfig.value, (e.config,)), (MLFDO.datasetSplit.value, (e.split,)))
        for prop, values in (*(r for r in recorded if r[1][0]), *e.other):
            label = humanise(prop).capitalize()
            extra.add(label)
            row[label] = list(values)
        table.rows.append(row)
    table.columns = [h for h in _COLUMNS if any(h in r for r in table.rows)] + sorted(extra)
    table.rows.sort(key=lambda r: [", ".join(v.label if isinstance(v, Ref) else str(v) for v in r.get(c, []))
                                   for c in table.columns])
    return table


def _other_properties(fdo: Fdo) -> list[Property]:
    props = []
    for p in sorted(fdo.properties):
        if p in _SHOWN:
            continue
        values = []
        for o in fdo.properties[p]:
            if isinstance(o, NamedNode) and o.value in fdo.owned:
                inner = fdo.owned[o.value]
                if any(x.value == EVALUATION_TYPE for x in inner.get(RDF.type.value, [])):
                    continue  # evaluations have their own table
                parts = [f"{humanise(k)}: {', '.join(v.value for v in vs)}" for k, vs in sorted(inner.items())
                         if k != RDF.type.value]
                values.append("; ".join(parts) or o.value)
            elif isinstance(o, NamedNode):
                values.append(fdo.ref(o.value))
            else:
                values.append(o.value)
        if values:
            props.append(Property(p, humanise(p), tuple(sorted(values, key=str))))
    return props
