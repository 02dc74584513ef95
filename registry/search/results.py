"""Result objects of the search API: what ``Searcher.search`` and ``Searcher.understand`` return."""

from __future__ import annotations

import re

from dataclasses import asdict, dataclass, field, replace

__all__ = ["SearchHit", "FacetValue", "Facet", "RecognisedFilter", "SuggestedFilter", "FollowUp",
           "QueryUnderstanding", "SearchResponse"]


@dataclass(frozen=True)
class SearchHit:
    """One result: an FDO with its fused score and a snippet of its description."""

    pid: str
    name: str
    kind: str
    score: float
    snippet: str
    identifier: str = ""
    url: str = ""
    match: str = "hybrid"  # exact | hybrid | keyword | semantic | browse
    tasks: tuple[str, ...] = ()
    licences: tuple[str, ...] = ()
    params: float | None = None
    downloads: int = 0
    matched: tuple[str, ...] = ()  # the words of the snippet that match the query (highlighted on the page)
    kind_label: str = ""  # what it is, for people: "Hugging Face model", "OpenML task" (``facets.kind_label``)


@dataclass(frozen=True)
class FacetValue:
    """One value of a facet with the number of FDOs in the current result set that have it."""

    value: str
    label: str
    count: int
    selected: bool = False


@dataclass(frozen=True)
class Facet:
    name: str
    label: str
    values: tuple[FacetValue, ...]


@dataclass(frozen=True)
class RecognisedFilter:
    """A constraint read from the query text.

    ``mode`` is ``filter`` (it narrows the results: an explicit constraint such as "only MIT",
    a licence, a size, a date or an exact name) or ``boost`` (it ranks matching FDOs up and may
    add some, never removes one: a task, language or library read from loose words, or a concept
    the question speaks of), or ``order`` (facet ``params``: it puts results that otherwise tie in an order of size,
    ``near:7B`` the nearest 7B first, ``ascending``, ``descending``). ``applied`` says whether it was used.
    """

    facet: str
    values: tuple[str, ...]
    label: str
    span: str
    applied: bool = True
    note: str = ""
    mode: str = "filter"


@dataclass(frozen=True)
class SuggestedFilter:
    """A filter that would probably narrow the results the way the query means."""

    facet: str
    value: str
    label: str
    reason: str
    count: int | None = None


@dataclass(frozen=True)
class FollowUp:
    """A question that would narrow the result, with the filters that answer it."""

    question: str
    facet: str
    options: tuple[FacetValue, ...]


@dataclass(frozen=True)
class QueryUnderstanding:
    """What the query says: constraints, the words left for matching, expansions, suggestions."""

    query: str
    text: str
    recognised: tuple[RecognisedFilter, ...] = ()
    suggested: tuple[SuggestedFilter, ...] = ()
    expansions: tuple[str, ...] = ()
    questions: tuple[FollowUp, ...] = ()
    source: str = "rules"
    # the words left for matching with the question's frame still in ("Which model can ..."): what an
    # embedder that reads whole sentences embeds (``Embedder.reads_questions``); "" when it is ``text``
    sentence: str = ""
    # the Hub tags words of the question were read as ("Core ML": coreml), matched in ``text`` in their place
    tags: tuple[str, ...] = ()
    # (tag, the words it stands for) for each tag that replaced words in ``text``: removing the library reading
    # (``without``) puts the words back
    tagged: tuple[tuple[str, str], ...] = ()
    # the PIDs of the open model families not held the question names that are built on a family of their own (Code
    # Llama: Llama 2): that family's models doing what they do are the closest, first (``Searcher._kin``)
    kin: tuple[str, ...] = ()
    # the kinds of task the question names by its words ("go through CVs": CV screening): the models whose tags or
    # name show one come first among the rest (``Searcher._kinds_shown``)
    kinds: tuple[str, ...] = ()

    def filters(self) -> dict[str, list[str]]:
        """Return the applied recognised filters (mode ``filter``) as facet -> values."""
        return self._values("filter")

    def boosts(self) -> dict[str, list[str]]:
        """Return the applied recognised boosts (mode ``boost``) as facet -> values."""
        return self._values("boost")

    def orders(self) -> list[str]:
        """Return the applied orders of size the query asks for ("near:7B", "ascending", "descending")."""
        return self._values("order").get("params", [])

    def _values(self, mode: str) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for rec in self.recognised:
            if rec.applied and rec.mode == mode:
                out.setdefault(rec.facet, []).extend(v for v in rec.values if v not in out.get(rec.facet, []))
        return out

    def without(self, facets: "set[str] | frozenset[str]") -> "QueryUnderstanding":
        """Return this understanding with the constraints on ``facets`` dropped (the user removed them); ``order``
        drops the order of size alone (its chip's ✕), not the size filter beside it."""
        if not facets:
            return self
        text, tags, tagged = self.text, self.tags, self.tagged
        if "library" in facets and tags:
            for tag, said in tagged:
                text = re.sub(rf"(?<!\w){re.escape(tag)}(?!\w)", said, text, count=1)
            tags, tagged = (), ()
        return replace(self, text=text, recognised=tuple(r for r in self.recognised if r.facet not in facets
                                                                    and not (r.mode == "order" and "order" in facets)),
                       tags=tags, tagged=tagged, kinds=() if "topic" in facets else self.kinds)

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class SearchResponse:
    """One page of results with facets, the filters in force and what the query was understood as."""

    query: str
    page: int
    per_page: int
    total: int
    results: tuple[SearchHit, ...]
    facets: tuple[Facet, ...]
    filters: dict[str, list[str]]
    understanding: QueryUnderstanding
    suggested: tuple[SuggestedFilter, ...] = ()
    questions: tuple[FollowUp, ...] = ()
    took_ms: float = 0.0
    mode: str = "hybrid"
    notes: tuple[str, ...] = field(default=())

    @property
    def recognised(self) -> tuple[RecognisedFilter, ...]:
        return self.understanding.recognised

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))

    def to_dict(self) -> dict:
        """Return the JSON shape of ``GET /api/search``."""
        return {
            "query": self.query, "page": self.page, "per_page": self.per_page, "total": self.total,
            "pages": self.pages, "mode": self.mode, "took_ms": round(self.took_ms, 2),
            "results": [asdict(r) for r in self.results],
            "facets": [asdict(f) for f in self.facets],
            "filters": self.filters,
            "recognised": [asdict(r) for r in self.understanding.recognised],
            "suggested": [asdict(s) for s in self.suggested],
            "questions": [asdict(q) for q in self.questions],
            "expansions": list(self.understanding.expansions),
            "understood_by": self.understanding.source,
            "notes": list(self.notes),
        }
