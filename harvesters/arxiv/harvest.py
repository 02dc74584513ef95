"""Harvest arXiv papers into the store: the ids given, or every paper stub still without metadata.

An id arXiv rejects (HTTP 400) or does not know keeps its stub, which records the problem;
a failed call (5xx after retries, timeout, malformed Atom) is kept as a harvest failure and
the run goes on with the next batch.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterable, Iterator
from datetime import datetime, timezone

from harvesters.arxiv.client import ArxivClient, Lookup
from harvesters.arxiv.transform import HARVESTER, HARVESTER_VERSION, transform
from harvesters.huggingface.refs import Stubs, arxiv_id
from harvesters.run import DEFAULT_BATCH, Failed, Harvested, HarvestSummary, Progress, problem_stub, run_harvest
from registry.record import SourceInfo
from registry.store.platforms import stub_ids

__all__ = ["harvest", "missing_ids"]


def missing_ids(store) -> list[str]:
    """Return the arXiv ids of paper stubs that have no metadata and no recorded rejection."""
    return [platform_id for platform_id, problem in stub_ids(store, "arxiv") if not problem]


def _ids(values: Iterable[str]) -> list[str]:
    out = []
    for value in values:
        parsed, _ = arxiv_id(value)
        out.append(parsed or value.strip())  # an id we cannot read still goes to arXiv, which says why
    return list(dict.fromkeys(v for v in out if v))


class _Papers:
    def __init__(self, client: ArxivClient, base_url: str) -> None:
        self.client, self.base_url = client, base_url

    def items(self, ids: list[str]) -> Iterator[Harvested | Failed]:
        started = datetime.now(timezone.utc)
        for lookup in self.client.lookup(ids):
            yield self.item(lookup, started)

    def item(self, lookup: Lookup, started: datetime) -> Harvested | Failed:
        source = SourceInfo(HARVESTER, HARVESTER_VERSION, url=f"{self.client.url}?id_list={lookup.id}",
                            started=started, ended=datetime.now(timezone.utc))
        if lookup.result is not None:
            return Harvested(lookup.id, transform(lookup.result, lookup.id, base_url=self.base_url, source=source))
        if lookup.rejected:
            stubs = Stubs(self.base_url, source)
            stubs.paper(lookup.id)
            return Harvested(lookup.id, [problem_stub(next(iter(stubs.records.values())), lookup.problem or "")])
        return Failed(lookup.id, lookup.problem or "arXiv call failed", "arxiv")


def harvest(store, *, base_url: str, ids: Iterable[str] | None = None, missing: bool = False,
            client: ArxivClient | None = None, progress: Progress | None = None,
            batch_size: int = DEFAULT_BATCH) -> HarvestSummary:
    """Harvest the arXiv ``ids`` (and, with ``missing``, every paper stub without metadata) into ``store``."""
    started = time.perf_counter()
    client = client or ArxivClient()
    wanted = _ids(ids or [])
    if missing:
        wanted = list(dict.fromkeys([*wanted, *missing_ids(store)]))
    before = Counter(client.calls)
    summary = run_harvest(store, _Papers(client, base_url).items(wanted), total=len(wanted), progress=progress,
                          batch_size=batch_size, requests=lambda: dict(Counter(client.calls) - before))
    summary.seconds = time.perf_counter() - started
    return summary
