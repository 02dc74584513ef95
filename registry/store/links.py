"""Read-side queries over the links between FDOs: lineage edges, inbound counts, samples, sameAs.

Methods of the Store (a mixin, like StoreReads). Each is one small query shaped for 100k FDOs (a base model with 10,000 derivatives
included): VALUES over the few predicates asked for, counts with GROUP BY, samples with LIMIT.
"""

from __future__ import annotations

from pyoxigraph import Literal, NamedNode

from registry.vocab import CODEMETA, FAIR4ML, MLFDO, SCHEMA

__all__ = ["StoreLinks"]


def _values(iris: list[str]) -> str:
    return " ".join(str(NamedNode(i)) for i in iris)


def _unless(pid: str, specific: list[str]) -> str:
    if not specific:
        return ""
    return f"FILTER NOT EXISTS {{ VALUES ?q {{ {_values(specific)} }} ?s ?q {NamedNode(pid)} }}"


class StoreLinks:
    """Link reads; expects ``query`` on the instance (the Store)."""

    def link_targets(self, subjects: list[str], predicates: list[str]) -> list[tuple[str, str, str]]:
        """Return (subject, predicate, object) for each IRI object of ``subjects`` with one of ``predicates``."""
        if not subjects or not predicates:
            return []
        q = (f"SELECT ?s ?p ?o WHERE {{ VALUES ?s {{ {_values(subjects)} }} VALUES ?p {{ {_values(predicates)} }} "
             f"?s ?p ?o FILTER(isIRI(?o)) }}")
        return sorted((r["s"].value, r["p"].value, r["o"].value) for r in self.query(q))

    def inbound_predicates(self, pid: str) -> dict[str, int]:
        """Return predicate -> how many subjects point at ``pid`` with it: one grouped scan."""
        q = f"SELECT ?p (COUNT(?s) AS ?n) WHERE {{ ?s ?p {NamedNode(pid)} }} GROUP BY ?p"
        return {r["p"].value: int(r["n"].value) for r in self.query(q)}

    def inbound_counts(self, pid: str, predicates: list[str], present: dict[str, int] | None = None
                       ) -> dict[str, int]:
        """Return predicate -> how many subjects point at ``pid`` with it (predicates without any are left out).

        ``present`` is the result of ``inbound_predicates(pid)`` when the caller has it already.
        """
        present = self.inbound_predicates(pid) if present is None else present
        return {p: present[p] for p in predicates if present.get(p)}

    def inbound_sample(self, pid: str, predicate: str, limit: int, unless: list[str] = (), ranked: bool = True
                       ) -> list[str]:
        """Return subjects pointing at ``pid`` with ``predicate`` (label them with ``labels``).

        ``ranked``: the most downloaded first, then by IRI (reads every such subject's counter: use it
        for small groups); otherwise the first ``limit`` in index order, which costs the same for
        10 or 10,000 subjects. Subjects that also point at ``pid`` with one of ``unless`` are left out.
        """
        node, unless_ = NamedNode(pid), _unless(pid, list(unless))
        if ranked:
            q = (f"SELECT ?s (MAX(?d) AS ?dl) WHERE {{ ?s {NamedNode(predicate)} {node} "
                 f"{unless_} OPTIONAL {{ ?s {MLFDO.downloads} ?d }} }} "
                 f"GROUP BY ?s ORDER BY DESC(?dl) ?s LIMIT {int(limit)}")
            return [r["s"].value for r in self.query(q)]
        return [r["s"].value for r in self.query(
            f"SELECT ?s WHERE {{ ?s {NamedNode(predicate)} {node} {unless_} }} LIMIT {int(limit)}")]

    def evaluated_models(self, pid: str, limit: int) -> tuple[int, list[str]]:
        """Return how many models evaluations ran on a dataset or task ``pid`` (an OpenML run names its flow, task
        and dataset), and the first ``limit`` of them, most downloaded first."""
        on = f"VALUES ?on {{ {FAIR4ML.evaluationDataset} {MLFDO.evaluationTaskOf} }} ?run ?on {NamedNode(pid)} . " \
             f"?run {FAIR4ML.evaluatedMLModel} ?m FILTER(isIRI(?m))"
        total = next((int(r["n"].value) for r in self.query(f"SELECT (COUNT(DISTINCT ?m) AS ?n) WHERE {{ {on} }}")), 0)
        if not total:
            return 0, []
        q = (f"SELECT ?m (MAX(?d) AS ?dl) WHERE {{ {on} OPTIONAL {{ ?m {MLFDO.downloads} ?d }} }} "
             f"GROUP BY ?m ORDER BY DESC(?dl) ?m LIMIT {int(limit)}")
        return total, [r["m"].value for r in self.query(q)]

    def papers_cited_with_keyword(self, keyword: str, limit: int = 3) -> tuple[int, list[tuple[str, int]]]:
        """Return how many FDOs carry the keyword (a tag such as ``orpo``), and the papers most of them cite
        (pid, how many of them cite it), most cited first. Two lookups of one literal, cheap at any size."""
        tagged = f"?m {SCHEMA.keywords} {Literal(keyword)}"
        total = next((int(r["n"].value) for r in self.query(f"SELECT (COUNT(DISTINCT ?m) AS ?n) WHERE {{ {tagged} }}")),
                     0)
        if not total:
            return 0, []
        q = (f"SELECT ?p (COUNT(DISTINCT ?m) AS ?n) WHERE {{ {tagged} . ?m {CODEMETA.referencePublication} ?p "
             f"FILTER(isIRI(?p)) }} GROUP BY ?p ORDER BY DESC(?n) ?p LIMIT {int(limit)}")
        return total, [(r["p"].value, int(r["n"].value)) for r in self.query(q)]

    def inbound_unqualified(self, pid: str, generic: str, specific: list[str]) -> int:
        """Return how many subjects point at ``pid`` with ``generic`` and with none of ``specific``."""
        q = (f"SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {{ ?s {NamedNode(generic)} {NamedNode(pid)} "
             f"{_unless(pid, specific)} }}")
        return next((int(r["n"].value) for r in self.query(q)), 0)

    def same_as_fdos(self, pid: str, prefix: str) -> list[str]:
        """Return the FDOs (IRIs starting with ``prefix``) linked to ``pid`` by schema:sameAs, either way."""
        node = NamedNode(pid)
        q = (f"SELECT DISTINCT ?o WHERE {{ {{ {node} {SCHEMA.sameAs} ?o }} UNION {{ ?o {SCHEMA.sameAs} {node} }} "
             f"FILTER(isIRI(?o) && STRSTARTS(STR(?o), \"{prefix}\")) }}")
        return sorted(r["o"].value for r in self.query(q) if r["o"].value != pid)

    def inbound_summary(self, pid: str, exclude: list[str], limit: int, present: dict[str, int] | None = None
                        ) -> dict[str, tuple[int, list[str]]]:
        """Return predicate -> (how many FDOs point at ``pid`` with it, the first ``limit`` of them by IRI).

        The pointing FDO is the owner of the subject (``{pid}#...`` nodes count for their FDO);
        predicates in ``exclude`` are left out. One grouped count finds the predicates in use; each
        one left is then read with its predicate bound, so excluded links (a base model's thousands
        of derivatives) are counted once and never read row by row.
        """
        node = NamedNode(pid)
        owner = "BIND(IRI(STRBEFORE(CONCAT(STR(?s), \"#\"), \"#\")) AS ?o)"
        out: dict[str, tuple[int, list[str]]] = {}
        present = self.inbound_predicates(pid) if present is None else present
        for predicate in sorted(present):
            if predicate in exclude:
                continue
            p = NamedNode(predicate)
            where = f"?s {p} {node} FILTER(isIRI(?s)) {owner} FILTER(?o != {node})"
            total = next((int(r["n"].value) for r in self.query(f"SELECT (COUNT(DISTINCT ?o) AS ?n) WHERE {{ {where} }}")), 0)
            if total:
                sample = self.query(f"SELECT DISTINCT ?o WHERE {{ {where} }} ORDER BY ?o LIMIT {int(limit)}")
                out[p.value] = (total, [r["o"].value for r in sample])
        return out
