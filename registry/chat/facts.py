"""Facts about FDOs read from the graph, and their compact serialisation for prompts.

``gather(store, pids)`` turns each FDO read model (``registry.fdo.model.read_fdos``) plus its
derived models and inbound links into an ``FdoFacts``. ``FdoFacts.render`` writes
one short line per kind of fact, never raw Turtle: a model of the Hugging Face demo data takes
200-500 characters in full, about half of that in the short form.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from registry.fdo.model import Evaluation, Fdo, Ref, read_fdos, refs_for
from registry.pid import id_from_pid
from registry.relations import INBOUND, LINEAGE, InboundKind, LineageKind
from registry.search.snippets import plain_text
from registry.store import Store
from registry.vocab import SCHEMA

__all__ = ["Ref", "Evaluation", "FdoFacts", "gather", "format_count", "DESCRIPTION_CHARS", "fdo_href"]

DESCRIPTION_CHARS = 220  # the opening of a description: what the model is, not the whole card
DERIVATIVES_SHOWN = 3  # rendered per relation
DERIVATIVES_KEPT = 8  # kept per relation (list questions expand to them)
RANKED_UP_TO = 300  # relations with at most this many FDOs name the most downloaded; larger ones any few
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


@dataclass
class FdoFacts:
    """What the registry records about one FDO (its :class:`Fdo`), in the shape answers and prompts use.

    The facts of the FDO itself are read from ``fdo``; the chat adds its link, the opening of the
    description, papers labelled with their arXiv ids, and counts of derived and linking FDOs.
    """

    fdo: Fdo
    href: str
    description: str = ""
    papers: list[Ref] = field(default_factory=list)
    bases: list[tuple[str, Ref]] = field(default_factory=list)
    derived: list[tuple[str, int, list[Ref]]] = field(default_factory=list)
    inbound: list[tuple[str, int, list[Ref]]] = field(default_factory=list)

    pid = property(lambda self: self.fdo.pid)
    kind = property(lambda self: self.fdo.kind or "other")
    name = property(lambda self: self.fdo.name)
    identifier = property(lambda self: self.fdo.identifier)
    status = property(lambda self: self.fdo.status)
    tasks = property(lambda self: self.fdo.tasks)
    licences = property(lambda self: self.fdo.licences)
    authors = property(lambda self: self.fdo.authors)
    datasets = property(lambda self: self.fdo.trained_on)
    evaluated_on = property(lambda self: self.fdo.evaluated_on)
    params = property(lambda self: self.fdo.params)
    libraries = property(lambda self: self.fdo.libraries)
    languages = property(lambda self: self.fdo.languages)
    keywords = property(lambda self: self.fdo.keywords)
    downloads = property(lambda self: self.fdo.downloads)
    likes = property(lambda self: self.fdo.likes)
    url = property(lambda self: self.fdo.url)

    @property
    def created(self) -> str:
        """Return the creation date (YYYY-MM-DD), or ""."""
        return self.fdo.created[:10]

    @property
    def evaluations(self) -> list[Evaluation]:
        """Return the evaluation results that carry a value."""
        return [e for e in self.fdo.evaluations if e.value]

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


def gather(store: Store, pids: list[str], derivatives: bool = True) -> dict[str, FdoFacts]:
    """Return facts for each known PID (unknown or withdrawn ones are left out)."""
    out = {pid: facts_of(fdo, store.base_url) for pid, fdo in read_fdos(store, pids).items()}
    if derivatives and out:
        _add_inbound(store, list(out.values()))
    return out


def facts_of(fdo: Fdo, base_url: str) -> FdoFacts:
    """Return the chat's facts about an FDO."""
    # a description is Markdown (a model card's opening): the chat quotes its words, not its markup
    facts = FdoFacts(fdo=fdo, href=fdo_href(fdo.pid, base_url), description=_opening(plain_text(fdo.description)))
    if facts.kind == "paper" and fdo.strings(SCHEMA.name.value):
        facts.description = facts.description or fdo.name
    facts.papers = [Ref(r.iri, _paper_label(r), r.href, r.local, r.kind, r.status, r.key) for r in fdo.papers]
    seen = set()
    for relation in fdo.lineage:
        if relation.target.iri not in seen:
            seen.add(relation.target.iri)
            facts.bases.append((relation.kind, relation.target))
    return facts


def _paper_label(ref: Ref) -> str:
    """Return a paper as "title (arXiv:id)" when both are known."""
    if ref.key and ref.key != ref.label and ref.key not in ref.label:
        return f"{ref.label} ({ref.key})"
    return ref.label


# a model naming another as its base without saying how it derives from it (schema:isBasedOn alone)
BASED_ON = LineageKind(SCHEMA.isBasedOn.value, "based on", "based on", "based on")


def _derived(store: Store, pid: str) -> list[tuple[LineageKind, int, list[str]]]:
    """Return the models derived from ``pid`` per lineage kind: how many, and a few (most downloaded first).

    A base model may have thousands: they are counted, and only a few are read.
    """
    counts = store.inbound_counts(pid, list(LINEAGE))
    kinds = LINEAGE
    if not any(counts.values()):
        # no model says how it derives from ``pid``, but some name it as a base (a card listing several bases,
        # of which the Hub tags one with its kind: efecans/soru names Llama-3.3-70B-Instruct): they are based on it
        counts = store.inbound_counts(pid, [BASED_ON.predicate])
        kinds = {BASED_ON.predicate: BASED_ON}
    return [(kind, counts[p], store.inbound_sample(pid, p, DERIVATIVES_KEPT, ranked=counts[p] <= RANKED_UP_TO))
            for p, kind in kinds.items() if counts.get(p)]


def _linking(store: Store, pid: str) -> list[tuple[InboundKind, int, list[str]]]:
    """Return the FDOs linking to ``pid`` per kind of inbound link (an evaluation counts as its model)."""
    links = store.inbound(pid, list(INBOUND), DERIVATIVES_KEPT, popular=True)
    return [(kind, links[p].total, list(links[p].owners)) for p, kind in INBOUND.items() if p in links]


def _add_inbound(store: Store, all_facts: list[FdoFacts]) -> None:
    """Add lineage children (for models) or inbound links (datasets, papers, tasks) with counts."""
    found = {facts.pid: _derived(store, facts.pid) if facts.kind == "model" else _linking(store, facts.pid)
             for facts in all_facts}
    refs = refs_for(store, {s for links in found.values() for _, _, sample in links for s in sample})
    for facts in all_facts:
        for kind, total, sample in found[facts.pid]:
            named = [refs[s] for s in sample]
            if facts.kind == "model":
                facts.derived.append((kind.backwards, total, named))
            else:
                facts.inbound.append((kind.phrase, total, named))
