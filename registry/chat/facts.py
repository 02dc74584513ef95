"""Facts about FDOs read from the graph, and their compact serialisation for prompts.

``gather(store, pids)`` turns each FDO's current view (``store.current``) plus the labels of what
it references, its lineage and its inbound links into an ``FdoFacts``. ``FdoFacts.render`` writes
one short line per kind of fact, never raw Turtle: a model of the Hugging Face demo data takes
200-500 characters in full, about half of that in the short form.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pyoxigraph import Literal, NamedNode

from registry.chat import queries as Q
from registry.errors import NotFound
from registry.pid import id_from_pid
from registry.store import Store
from registry.vocab import CODEMETA, FAIR4ML, MLFDO, RDF, SCHEMA

__all__ = ["Ref", "Evaluation", "FdoFacts", "gather", "format_count", "DESCRIPTION_CHARS", "fdo_href"]

DESCRIPTION_CHARS = 220  # the opening of a description: what the model is, not the whole card
DERIVATIVES_SHOWN = 3  # rendered per relation
DERIVATIVES_KEPT = 8  # kept per relation (list questions expand to them)
_SPDX = "https://spdx.org/licenses/"
_SENTENCE_END = re.compile(r"(?<=[.!?])\s")


def fdo_href(pid: str, base_url: str) -> str:
    """Return the site-relative link of a PID (``/fdo/{id}``), or the IRI itself for outside IRIs."""
    fdo_id = id_from_pid(base_url, pid)
    return f"/fdo/{fdo_id}" if fdo_id else pid


def format_count(value: float | int | None) -> str:
    """Return ``value`` the way people write model sizes: 110M, 6.7B."""
    if value is None:
        return ""
    for unit, size in (("T", 1e12), ("B", 1e9), ("M", 1e6), ("K", 1e3)):
        if value >= size:
            text = f"{value / size:.1f}".rstrip("0").rstrip(".")
            return f"{text}{unit}"
    return str(int(value))


@dataclass(frozen=True)
class Ref:
    """An entity a fact points at: an FDO of this registry (``local``) or an outside IRI."""

    iri: str
    label: str
    local: bool = False
    kind: str | None = None
    key: str = ""  # the identifier search filters use (task id, dataset id, SPDX id)


@dataclass(frozen=True)
class Evaluation:
    """One reported evaluation result."""

    metric: str
    value: str
    dataset: str = ""
    details: str = ""

    def text(self) -> str:
        where = f" on {self.dataset}" if self.dataset else ""
        extra = f" ({self.details})" if self.details else ""
        return f"{self.metric} {self.value}{where}{extra}"


@dataclass
class FdoFacts:
    """What the registry records about one FDO, in the shape answers and prompts use."""

    pid: str
    href: str
    kind: str
    name: str
    identifier: str = ""
    description: str = ""
    tasks: list[Ref] = field(default_factory=list)
    licences: list[Ref] = field(default_factory=list)
    authors: list[Ref] = field(default_factory=list)
    datasets: list[Ref] = field(default_factory=list)
    evaluated_on: list[Ref] = field(default_factory=list)
    papers: list[Ref] = field(default_factory=list)
    bases: list[tuple[str, Ref]] = field(default_factory=list)
    derived: list[tuple[str, int, list[Ref]]] = field(default_factory=list)
    inbound: list[tuple[str, int, list[Ref]]] = field(default_factory=list)
    evaluations: list[Evaluation] = field(default_factory=list)
    params: int | None = None
    libraries: list[str] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)
    downloads: int | None = None
    likes: int | None = None
    created: str = ""
    url: str = ""
    status: str = "active"

    # ------------------------------------------------------------ reading
    def licence_text(self) -> str:
        return ", ".join(r.label for r in self.licences)

    def task_text(self) -> str:
        return ", ".join(r.label for r in self.tasks)

    def refs(self) -> list[Ref]:
        """Return every local FDO these facts name (for linking and citation checks)."""
        out = [*self.tasks, *self.authors, *self.datasets, *self.evaluated_on, *self.papers,
               *(r for _, r in self.bases), *(r for _, _, rs in self.derived for r in rs),
               *(r for _, _, rs in self.inbound for r in rs), *self.licences]
        return [r for r in out if r.local]

    def attribute(self, name: str) -> str | None:
        """Return the value of one attribute as text, or None when the registry records none."""
        values = {
            "licence": self.licence_text(), "task": self.task_text(),
            "datasets": ", ".join(r.label for r in self.datasets),
            "evaluation": "; ".join(e.text() for e in self.evaluations),
            "size": f"{format_count(self.params)} parameters" if self.params else "",
            "base": "; ".join(f"{rel} {r.label}" for rel, r in self.bases),
            "derivatives": "; ".join(f"{rel}: {n}" for rel, n, _ in self.derived),
            "paper": "; ".join(r.label for r in self.papers),
            "author": ", ".join(r.label for r in self.authors),
            "downloads": f"{self.downloads:,} downloads" if self.downloads is not None else "",
            "languages": ", ".join(self.languages), "library": ", ".join(self.libraries),
            "description": self.description,
        }
        value = values.get(name)
        return value or None

    # ------------------------------------------------------------ serialisation
    def render(self, number: int | None = None, short: bool = False) -> str:
        """Return the facts as a few compact lines; ``short`` keeps only what identifies and distinguishes."""
        head = f"[{number}] " if number is not None else ""
        kind = "" if self.kind == "model" else f" ({self.kind})"
        lines = [f"{head}{self.name}{kind}"]
        parts = []
        if self.tasks:
            parts.append(f"task: {self.task_text()}")
        parts.append(f"licence: {self.licence_text() or 'not recorded'}" if self.kind == "model" else "")
        if self.params:
            parts.append(f"parameters: {format_count(self.params)}")
        if self.libraries and not short:
            parts.append(f"library: {', '.join(self.libraries[:2])}")
        if self.authors and not short:
            parts.append(f"shared by: {', '.join(r.label for r in self.authors[:2])}")
        parts = [p for p in parts if p]
        if parts:
            lines.append("; ".join(parts))
        if self.bases:
            lines.append("; ".join(f"{rel}: {r.label}" for rel, r in self.bases[:3]))
        if self.datasets:
            lines.append("trained on: " + ", ".join(r.label for r in self.datasets[:4 if short else 6]))
        if self.evaluations:
            shown = self.evaluations[:2 if short else 4]
            more = len(self.evaluations) - len(shown)
            lines.append("evaluation: " + "; ".join(e.text() for e in shown) + (f"; +{more} more" if more > 0 else ""))
        if self.papers and not short:
            lines.append("paper: " + "; ".join(r.label for r in self.papers[:2]))
        for rel, n, sample in self.derived[: 1 if short else 3]:
            names = ", ".join(r.label for r in sample[:DERIVATIVES_SHOWN])
            lines.append(f"{rel}: {n} model{'s' if n != 1 else ''}" + (f" (e.g. {names})" if names else ""))
        for phrase, n, sample in self.inbound[: 1 if short else 2]:
            names = ", ".join(r.label for r in sample[:DERIVATIVES_SHOWN])
            lines.append(f"models {phrase}: {n}" + (f" (e.g. {names})" if names else ""))
        if self.languages and not short:
            lines.append("languages: " + ", ".join(self.languages[:8]))
        if self.downloads is not None and not short:
            likes = f"; likes: {self.likes:,}" if self.likes is not None else ""
            lines.append(f"downloads: {self.downloads:,}{likes}")
        if self.description:
            desc = self.description if not short else _first_sentence(self.description)
            lines.append(f"about: {desc}")
        return "\n".join(lines)


def _first_sentence(text: str) -> str:
    return _SENTENCE_END.split(text, 1)[0]


def _opening(text: str) -> str:
    text = " ".join(text.split())
    if len(text) <= DESCRIPTION_CHARS:
        return text
    cut = text[:DESCRIPTION_CHARS].rsplit(" ", 1)[0]
    return cut + "…"


def _licence_label(iri: str, labels: dict[str, dict]) -> Ref:
    if iri.startswith(_SPDX):
        return Ref(iri, iri[len(_SPDX):], key=iri[len(_SPDX):])
    info = labels.get(iri, {})
    label = info.get("name") or iri
    return Ref(iri, label, bool(info.get("kind")), info.get("kind"), info.get("ident") or label)


def _ref(iri: str, labels: dict[str, dict]) -> Ref:
    info = labels.get(iri, {})
    label = info.get("ident") if info.get("kind") in ("model", "dataset") else None
    label = label or info.get("name") or info.get("ident") or iri.rsplit("/", 1)[-1]
    return Ref(iri, label, bool(info.get("kind")), info.get("kind"), info.get("ident") or label)


def _labels(store: Store, iris: set[str]) -> dict[str, dict]:
    out: dict[str, dict] = {}
    ordered = sorted(i for i in iris if not i.startswith(_SPDX))
    for start in range(0, len(ordered), 400):
        for row in store.query(Q.labels_query(ordered[start:start + 400], store.registry_graph)):
            entry = out.setdefault(row["s"].value, {})
            for key in ("name", "ident", "kind", "status"):
                if row[key] is not None and key not in entry:
                    entry[key] = row[key].value
    return out


def _int(value: str) -> int | None:
    try:
        return int(float(value))
    except ValueError:
        return None


def _format_value(lit: Literal) -> str:
    text = lit.value
    try:
        number = float(text)
    except ValueError:
        return text
    if number.is_integer() and abs(number) < 1e15:
        return str(int(number))
    return f"{number:.4g}"


def _evaluations(pid: str, triples, labels: dict[str, dict]) -> list[Evaluation]:
    by_node: dict[str, dict[str, list]] = {}
    for t in triples:
        if t.subject.value.startswith(pid + "#"):
            by_node.setdefault(t.subject.value, {}).setdefault(t.predicate.value, []).append(t.object)
    out = []
    for node, props in sorted(by_node.items()):
        if FAIR4ML.MLModelEvaluation not in props.get(RDF.type.value, []):
            continue
        result_nodes = [o.value for o in props.get(FAIR4ML.evaluationResults.value, [])]
        for rnode in result_nodes or [node]:
            rprops = by_node.get(rnode, {})
            values = rprops.get(SCHEMA.value.value, [])
            if not values:
                continue
            metric = (rprops.get(SCHEMA.name.value) or props.get(FAIR4ML.evaluationMetrics.value)
                      or [Literal("score")])[0]
            ds = props.get(MLFDO.evaluationDatasetName.value) or []
            ds_ref = props.get(FAIR4ML.evaluationDataset.value) or []
            dataset = ds[0].value if ds else (_ref(ds_ref[0].value, labels).label if ds_ref else "")
            parts = (props.get(MLFDO.datasetConfig.value), props.get(MLFDO.datasetSplit.value))
            details = ", ".join(o[0].value for o in parts if o)
            out.append(Evaluation(metric.value, _format_value(values[0]), dataset, details))
    return out


def gather(store: Store, pids: list[str], derivatives: bool = True) -> dict[str, FdoFacts]:
    """Return facts for each known PID (unknown or withdrawn ones are left out)."""
    current: dict[str, list] = {}
    refs: set[str] = set()
    for pid in pids:
        try:
            triples = store.current(pid)
        except NotFound:
            continue
        if not triples:
            continue
        current[pid] = triples
        refs.add(pid)
        refs.update(t.object.value for t in triples if isinstance(t.object, NamedNode) and t.subject.value == pid)
    labels = _labels(store, refs) if refs else {}
    out = {}
    for pid, triples in current.items():
        facts = _facts(store, pid, triples, labels)
        if derivatives:
            _add_inbound(store, facts)
        out[pid] = facts
    return out


def _facts(store: Store, pid: str, triples, labels: dict[str, dict]) -> FdoFacts:
    props: dict[str, list] = {}
    for t in triples:
        if t.subject.value == pid:
            props.setdefault(t.predicate.value, []).append(t.object)

    def strings(p: NamedNode) -> list[str]:
        return [o.value.strip() for o in props.get(p.value, []) if isinstance(o, Literal) and o.value.strip()]

    def refs(p: NamedNode) -> list[Ref]:
        return [_ref(o.value, labels) for o in props.get(p.value, []) if isinstance(o, NamedNode)]

    info = labels.get(pid, {})
    kind = info.get("kind") or store.kind(pid) or "other"
    idents = strings(SCHEMA.identifier)
    names = strings(SCHEMA.name)
    name = (idents[0] if kind in ("model", "dataset") and idents else None) or (names[0] if names else pid)
    facts = FdoFacts(pid=pid, href=fdo_href(pid, store.base_url), kind=kind, name=name,
                     identifier=idents[0] if idents else "", status=info.get("status", "active"))
    facts.description = _opening(" ".join(strings(SCHEMA.description)))
    if kind == "paper" and names:
        facts.description = facts.description or names[0]
    facts.tasks = refs(FAIR4ML.mlTask)
    facts.licences = [_licence_label(o.value, labels) for o in props.get(SCHEMA.license.value, [])
                      if isinstance(o, NamedNode)]
    facts.licences += [Ref("", s) for s in strings(SCHEMA.license)]
    facts.authors = refs(FAIR4ML.sharedBy)
    facts.datasets = refs(FAIR4ML.trainedOn)
    facts.evaluated_on = refs(FAIR4ML.evaluatedOn)
    facts.papers = [Ref(r.iri, _paper_label(r, labels), r.local, r.kind, r.key)
                    for r in refs(CODEMETA.referencePublication)]
    seen = set()
    for predicate, (forwards, _) in Q.LINEAGE.items():
        for ref in refs(NamedNode(predicate)):
            if ref.iri not in seen:
                seen.add(ref.iri)
                facts.bases.append((forwards, ref))
    facts.evaluations = _evaluations(pid, triples, labels)
    counts = [_int(o.value) for o in props.get(MLFDO.parameterCount.value, [])]
    facts.params = max((c for c in counts if c), default=None)
    facts.libraries = strings(MLFDO.library)
    facts.languages = strings(SCHEMA.inLanguage)
    facts.keywords = strings(SCHEMA.keywords)
    downloads = [_int(o.value) for o in props.get(MLFDO.downloads.value, [])]
    facts.downloads = max((d for d in downloads if d is not None), default=None)
    likes = [_int(o.value) for o in props.get(MLFDO.likes.value, [])]
    facts.likes = max((d for d in likes if d is not None), default=None)
    created = strings(SCHEMA.dateCreated)
    facts.created = created[0][:10] if created else ""
    urls = [o.value for o in props.get(SCHEMA.url.value, []) if isinstance(o, NamedNode)]
    facts.url = urls[0] if urls else ""
    return facts


def _paper_label(ref: Ref, labels: dict[str, dict]) -> str:
    info = labels.get(ref.iri, {})
    title, ident = info.get("name"), info.get("ident")
    if title and ident and ident not in title:
        return f"{title} ({ident})"
    return title or ident or ref.label


def _add_inbound(store: Store, facts: FdoFacts) -> None:
    """Add lineage children (for models) or inbound links (datasets, papers, tasks) with counts."""
    predicates = list(Q.LINEAGE) if facts.kind == "model" else list(Q.INBOUND)
    counts = {row["p"].value: int(row["n"].value)
              for row in store.query(Q.inbound_count_query(facts.pid, predicates))}
    if not counts:
        return
    sample: dict[str, list[Ref]] = {}
    wanted = [p for p in predicates if counts.get(p)]
    for row in store.query(Q.inbound_query(facts.pid, wanted, DERIVATIVES_KEPT * len(wanted) * 2)):
        p = row["p"].value
        label = row["name"].value if row["name"] is not None else row["s"].value.rsplit("/", 1)[-1]
        if len(sample.setdefault(p, [])) < DERIVATIVES_KEPT:
            sample[p].append(Ref(row["s"].value, label, True, "model"))
    for p in predicates:
        if counts.get(p):
            if facts.kind == "model":
                facts.derived.append((Q.LINEAGE[p][1], counts[p], sample.get(p, [])))
            else:
                facts.inbound.append((Q.INBOUND[p], counts[p], sample.get(p, [])))
