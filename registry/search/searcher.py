"""The searcher: query understanding, hybrid ranking (RRF), facets and suggestions for one query.

Ranking: exact id/name/PID matches first; then reciprocal rank fusion of the keyword ranking
(BM25 over hashed terms) and the dense ranking (cosine to the query embedding). The result set
(``total``, facet counts) is every FDO that passes the filters and either matches enough query
words or is among the ``DENSE_K`` nearest with similarity >= ``MIN_SIM``.
"""

from __future__ import annotations

import math
import re
import time
from collections import OrderedDict
from typing import TYPE_CHECKING

import numpy as np

from registry.errors import BadRequest
from registry.search.engine import Candidates
from registry.search.facets import FACETS, RANGE_FACETS, facet_name, parse_range
from registry.search.index import SearchIndex
from registry.search.results import (Facet, FacetValue, QueryUnderstanding, RecognisedFilter, SearchHit,
                                     SearchResponse, SuggestedFilter)
from registry.search.text import query_terms, tokens
from registry.search.understand import Understander, follow_up_questions

if TYPE_CHECKING:
    from registry.search.llm import OllamaUnderstander

__all__ = ["Searcher", "MODES", "RRF_K", "DENSE_K", "MIN_SIM", "MAX_PER_PAGE"]

MODES = ("hybrid", "keyword", "dense")
RRF_K = 60
DENSE_K = 100
MIN_SIM = 0.25  # all-MiniLM-L6-v2: unrelated texts mostly score below this
MAX_PER_PAGE = 100
FACET_VALUES_SHOWN = 10
_SENTENCE = re.compile(r"(?<=[.!?])\s+")


class Searcher:
    """Search over one registry's index. Get it with ``registry.search.get_searcher(registry)``."""

    def __init__(self, index: SearchIndex, llm: "OllamaUnderstander | None" = None) -> None:
        self.index = index
        self.rules = Understander(self.vocabulary)
        self.llm = llm
        self._understood: OrderedDict[str, QueryUnderstanding] = OrderedDict()

    @property
    def engine(self):
        return self.index.engine

    def vocabulary(self, facet: str) -> dict[str, tuple[str, int]]:
        """Return key -> (label, count) of a term facet over the whole index."""
        return self.engine.facet_vocabulary(facet)

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
        self._understood[query] = result
        if len(self._understood) > 256:
            self._understood.popitem(last=False)
        return result

    # ---------------------------------------------------------------- searching
    def search(self, query: str, filters: dict[str, list[str]] | None = None, page: int = 1, per_page: int = 10,
               *, mode: str = "hybrid", understand: bool = True) -> SearchResponse:
        """Return one page of results for ``query`` with ``filters`` (facet -> values).

        ``mode`` is ``hybrid`` (default), ``keyword`` or ``dense``; ``understand=False`` applies no
        filter read from the query text. Raises BadRequest for an unknown facet, a malformed range
        value, or a page/per_page out of bounds.
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
        notes: list[str] = []
        with self.engine.lock:
            applied = {f: v for f, v in qu.filters().items() if f not in explicit}
            effective = {**applied, **explicit}
            cand = self._candidates(qu, mode)
            ranked = self._rank(cand, effective, query, explicit)
            if not ranked and applied:
                notes.append("No result matched the filters read from the query; they are shown as suggestions.")
                qu = _relax(qu, set(applied))
                applied, effective = {}, dict(explicit)
                ranked = self._rank(cand, effective, query, explicit)
            total = len(ranked)
            start = (page - 1) * per_page
            hits = tuple(self._hit(slot, score, how, qu.text or query) for slot, score, how in ranked[start:start + per_page])
            facets = self._facets(cand, effective, query, explicit, ranked)
        counts = {f.name: list(f.values) for f in facets}
        suggested = self._suggestions(qu, counts, set(effective), ranked)
        questions = tuple(follow_up_questions(counts, set(effective))) if total > 1 else ()
        return SearchResponse(query=query, page=page, per_page=per_page, total=total, results=hits, facets=facets,
                              filters={f: list(v) for f, v in effective.items()}, understanding=qu,
                              suggested=suggested, questions=questions,
                              took_ms=(time.perf_counter() - started) * 1000, mode=mode, notes=tuple(notes))

    def _candidates(self, qu: QueryUnderstanding, mode: str) -> Candidates:
        text = qu.text
        if not text:
            return Candidates(None, None, None)
        terms = query_terms(text, qu.expansions) if mode != "dense" else {}
        vector = self.index.embedder.embed_query(text) if mode != "keyword" else None
        n = len(set(tokens(text)))
        min_match = 1 if n <= 3 else math.ceil(n / 3)
        return self.engine.candidates(terms, vector, min_match)

    def _mask(self, filters: dict[str, list[str]]) -> np.ndarray:
        terms = {f: v for f, v in filters.items() if f not in RANGE_FACETS}
        ranges = {f: [parse_range(f, x) for x in v] for f, v in filters.items() if f in RANGE_FACETS}
        return self.engine.mask(terms, ranges)

    def _rank(self, cand: Candidates, filters: dict[str, list[str]], query: str,
              explicit: dict[str, list[str]]) -> list[tuple[int, float, str]]:
        """Return (slot, score, how matched) for the whole result set, best first."""
        engine = self.engine
        mask = self._mask(filters)
        pinned: list[tuple[int, float, str]] = []
        if query:
            exact_mask = self._mask(explicit) if explicit != filters else mask
            pinned = [(s, 1.0, "exact") for s in engine.exact_slots(query) if exact_mask[s]]
        if cand.kw_ok is None and cand.sims is None:
            # no words left to match (empty query, or only constraints): list what passes the filters
            done = {s for s, _, _ in pinned}
            slots = np.flatnonzero(mask)
            slots = slots[np.lexsort((slots, -engine.downloads[slots]))]
            return pinned + [(int(s), 0.0, "browse") for s in slots if int(s) not in done]
        kw, dense = engine.ranked(cand, mask, DENSE_K, MIN_SIM)
        scores: dict[int, float] = {}
        how: dict[int, set[str]] = {}
        for ranking, name in ((kw, "keyword"), (dense, "semantic")):
            for rank, slot in enumerate(ranking.tolist()):
                scores[slot] = scores.get(slot, 0.0) + 1.0 / (RRF_K + rank + 1)
                how.setdefault(slot, set()).add(name)
        done = {s for s, _, _ in pinned}
        order = sorted((s for s in scores if s not in done), key=lambda s: (-scores[s], -engine.downloads[s], s))
        fused = [(s, round(scores[s], 6), "hybrid" if len(how[s]) == 2 else next(iter(how[s]))) for s in order]
        return pinned + fused

    def _facets(self, cand: Candidates, filters: dict[str, list[str]], query: str, explicit: dict[str, list[str]],
                ranked: list[tuple[int, float, str]]) -> tuple[Facet, ...]:
        engine = self.engine
        base = np.asarray([s for s, _, _ in ranked], dtype=np.int64)
        out = []
        for fdef in FACETS:
            selected = filters.get(fdef.name, [])
            if selected:
                # counts for a filtered facet come from the results without that facet's filter,
                # so the other values show what choosing them instead would give
                others = {f: v for f, v in filters.items() if f != fdef.name}
                slots = np.asarray([s for s, _, _ in self._rank(cand, others, query,
                                                                {f: v for f, v in explicit.items() if f != fdef.name})],
                                   dtype=np.int64)
            else:
                slots = base
            if fdef.range:
                values = [FacetValue(key, _bucket_label(fdef.name, key), n, key in selected)
                          for key, n in engine.range_counts(slots, fdef.name)]
                values += [FacetValue(v, v, 0, True) for v in selected if v not in {x.value for x in values}]
            else:
                counted = engine.facet_counts(slots, fdef.name)
                shown = counted[:FACET_VALUES_SHOWN]
                keys = {k for k, _, _ in shown}
                shown += [c for c in counted[FACET_VALUES_SHOWN:] if c[0] in selected]
                values = [FacetValue(k, label, n, k in selected) for k, label, n in shown]
                values += [FacetValue(v, engine.labels.get((fdef.name, v), v), 0, True)
                           for v in selected if v not in keys and v not in {x.value for x in values}]
            if values:
                out.append(Facet(fdef.name, fdef.label, tuple(values)))
        return tuple(out)

    def _hit(self, slot: int, score: float, how: str, text: str) -> SearchHit:
        doc = self.engine.doc(slot)
        return SearchHit(pid=doc.pid, name=doc.name, kind=doc.kind, score=score, snippet=snippet(doc.description, text),
                         identifier=doc.identifier, url=doc.url, match=how,
                         tasks=tuple(label for _, label in doc.facets.get("task", [])),
                         licences=tuple(label for _, label in doc.facets.get("licence", [])),
                         params=doc.params, downloads=doc.downloads)

    def _suggestions(self, qu: QueryUnderstanding, counts: dict[str, list[FacetValue]], constrained: set[str],
                     ranked: list[tuple[int, float, str]]) -> tuple[SuggestedFilter, ...]:
        out = [s for s in qu.suggested if s.facet not in constrained]
        for rec in qu.recognised:
            if not rec.applied and rec.values:
                out.extend(SuggestedFilter(rec.facet, v, rec.label, rec.note or "read from the query", None)
                           for v in rec.values[:5])
        top = [self.engine.doc(s) for s, _, _ in ranked[:10]]
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
        self.index.close()


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
        RecognisedFilter(r.facet, r.values, r.label, r.span, False, "not applied: no result had it")
        if r.applied and r.facet in facets else r for r in qu.recognised)
    return QueryUnderstanding(qu.query, qu.text, recognised, qu.suggested, qu.expansions, qu.questions, qu.source)


def _bucket_label(facet: str, key: str) -> str:
    if facet == "params":
        labels = {"<100M": "under 100M", "100M-1B": "100M to 1B", "1B-10B": "1B to 10B", ">=10B": "10B or more"}
        return labels.get(key, key)
    return key


def snippet(description: str, text: str, length: int = 240) -> str:
    """Return the sentence of ``description`` sharing most words with the query, cut to ``length``."""
    if not description:
        return ""
    words = set(tokens(text))
    best, best_score = description, -1
    for i, sentence in enumerate(_SENTENCE.split(description)[:40]):
        score = len(words & set(tokens(sentence))) - i * 0.01
        if score > best_score:
            best, best_score = sentence, score
    if best_score <= 0:
        best = description
    best = best.strip()
    return best if len(best) <= length else best[:length].rsplit(" ", 1)[0] + "…"

