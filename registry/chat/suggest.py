"""What to ask next and which search filters to apply: every answer carries 1-3 of each.

Follow-up questions are written so that the chat can answer them (they name FDOs of the
answer). Suggested filters use the search page's facet names (task, licence, library,
language, author, base_model, dataset) and keys, and carry a ``/search?...`` link that applies
them in one click.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from urllib.parse import urlencode

from registry.chat.facts import FdoFacts
from registry.chat.retrieval import Context
from registry.relations import derived_phrase

__all__ = ["FilterSuggestion", "follow_ups", "filters", "search_href", "MAX_FOLLOW_UPS", "MAX_FILTERS"]

MAX_FOLLOW_UPS = 3
MAX_FILTERS = 4
SEARCH_PATH = "/search"


@dataclass(frozen=True)
class FilterSuggestion:
    facet: str
    value: str
    label: str
    href: str
    reason: str = ""

    def to_dict(self) -> dict:
        return asdict(self)


def search_href(query: str, chosen: list[tuple[str, str]]) -> str:
    """Return the search page URL for ``query`` with filters (facet, value) applied."""
    params = [("q", query)] if query else []
    params += chosen
    return SEARCH_PATH + ("?" + urlencode(params) if params else "")


def _short(f: FdoFacts) -> str:
    return f.name


def follow_ups(ctx: Context) -> list[str]:
    """Return 1-3 questions that follow from the answer, none of them the question just asked."""
    q = ctx.question
    asked = set(q.attributes)
    out: list[str] = []
    for amb in ctx.ambiguous:  # the same question about the other FDOs that carry the name
        for other in amb.identifiers[1:3]:
            asked_again = re.sub(re.escape(amb.name), lambda _m, o=other: o, q.text, count=1, flags=re.I)
            if asked_again != q.text:
                out.append(asked_again)
    focus = [c.facts for c in ctx.selected if c.reasons & {"named", "page", "previous", "family"}]
    others = [c.facts for c in ctx.selected if c.facts not in focus]
    if not ctx.answerable:
        for c in ctx.closest[:2]:
            out.append(f"Tell me about {_short(c.facts)}")
    elif q.compare and len(focus) >= 2:
        a, b = focus[0], focus[1]
        for f in (a, b):
            if f.derived:
                out.append(f"Which models are {derived_phrase(f.derived[0][0])} {_short(f)}?")
        if "evaluation" not in asked and (a.evaluations or b.evaluations):
            out.append(f"What evaluation results does {_short(a if a.evaluations else b)} report?")
        if a.tasks:
            out.append(f"Which other {a.tasks[0].label} models are in the registry?")
    elif focus and focus[0].kind != "model":
        users = [r for _, _, sample in focus[0].inbound[:1] for r in sample]
        if users:
            out.append(f"Tell me about {users[0].label}")
        if len(users) >= 2:
            out.append(f"Compare {users[0].label} and {users[1].label}")
    elif focus:
        f = focus[0]
        if "derivatives" not in asked and f.derived:
            rel = f.derived[0][0]
            verb = derived_phrase(rel)
            out.append(f"Which models are {verb} {_short(f)}?")
        if "base" not in asked and f.bases:
            out.append(f"Tell me about {f.bases[0][1].label}")
        tasks = {t.iri for t in f.tasks}
        similar = next((o for o in others + [c.facts for c in ctx.closest if c.facts]
                        if o is not f and o.kind == "model" and {t.iri for t in o.tasks} & tasks), None)
        if similar is not None:
            out.append(f"Compare {_short(f)} and {_short(similar)}")
        if "evaluation" not in asked and f.evaluations:
            out.append(f"What evaluation results does {_short(f)} report?")
        if "datasets" not in asked and f.datasets:
            out.append(f"What was {_short(f)} trained on?")
        if "licence" not in asked and f.kind == "model":
            out.append(f"What licence does {_short(f)} have?")
    else:
        items = [c.facts for c in ctx.selected if c.facts.kind == "model"]
        if len(items) >= 2:
            out.append(f"Compare {_short(items[0])} and {_short(items[1])}")
        if items:
            out.append(f"Tell me about {_short(items[0])}")
    seen, unique = {q.text.lower().rstrip("?")}, []
    for text in out:
        key = text.lower().rstrip("?")
        if key not in seen:
            seen.add(key)
            unique.append(text)
    return unique[:MAX_FOLLOW_UPS]


def filters(ctx: Context, query: str) -> list[FilterSuggestion]:
    """Return search filters that narrow the registry the way the answer suggests."""
    out: list[FilterSuggestion] = []
    applied = [(facet, v) for facet, values in ctx.search.applied.items() for v in values]
    if applied and ctx.question.wants == "list":
        label = "; ".join(f"{facet}: {v}" for facet, v in applied)
        out.append(FilterSuggestion(applied[0][0], applied[0][1], f"Search with {label}",
                                    search_href(query, applied), "read from the question"))
    broad = ctx.question.wants == "list" or not ctx.answerable
    for s in ctx.search.suggested if broad else ():
        out.append(FilterSuggestion(s.facet, s.value, f"{s.facet.replace('_', ' ').capitalize()}: {s.label}",
                                    search_href("", [(s.facet, s.value)]), s.reason))
    focus = [c.facts for c in ctx.selected if c.reasons & {"named", "page", "previous", "family"}]
    if not focus and ctx.question.wants != "list":
        focus = [c.facts for c in ctx.selected[:1]]
    if not ctx.answerable:
        focus = [c.facts for c in ctx.closest[:1] if c.facts]
    for f in focus[:2]:
        if f.kind == "dataset":
            key = f.identifier or f.name
            out.append(FilterSuggestion("dataset", key, f"Trained on {f.name}", search_href("", [("dataset", key)]),
                                        f"models trained on {f.name}"))
        for t in f.tasks[:1]:
            out.append(FilterSuggestion("task", t.key or t.label, f"Task: {t.label}",
                                        search_href("", [("task", t.key or t.label)]), f"the task of {f.name}"))
        for lic in f.licences[:1]:
            if lic.key:
                out.append(FilterSuggestion("licence", lic.key, f"Licence: {lic.label}",
                                            search_href("", [("licence", lic.key)]), f"the licence of {f.name}"))
        if f.kind == "model" and f.derived:
            out.append(FilterSuggestion("base_model", f.identifier or f.name, f"Based on {f.name}",
                                        search_href("", [("base_model", f.identifier or f.name)]),
                                        f"models derived from {f.name}"))
        for _, base in f.bases[:1]:
            if base.local:
                out.append(FilterSuggestion("base_model", base.key or base.label, f"Based on {base.label}",
                                            search_href("", [("base_model", base.key or base.label)]),
                                            f"siblings of {f.name}"))
        for ds in f.datasets[:1]:
            out.append(FilterSuggestion("dataset", ds.key or ds.label, f"Trained on {ds.label}",
                                        search_href("", [("dataset", ds.key or ds.label)]),
                                        f"other models trained on {ds.label}"))
    seen, unique = set(), []
    for s in out:
        if (s.facet, s.value, s.href) not in seen:
            seen.add((s.facet, s.value, s.href))
            unique.append(s)
    return unique[:MAX_FILTERS]
