"""`mlfdo demo`: load every platform's bundled snapshot through the real harvest paths, offline.

Each platform is served by its loopback replay and harvested by its real client: the Hugging
Face models (and then the datasets they name that the snapshot describes), the OpenML
snapshot by listing, and the arXiv snapshot by id. Identity links are made as the records are
written, so the order matters only for which side records the evidence.
"""

from __future__ import annotations

import sys

from harvesters.arxiv.client import ArxivClient
from harvesters.arxiv.harvest import harvest as harvest_arxiv
from harvesters.arxiv.offline import ArxivReplay
from harvesters.arxiv.offline import demo_snapshot_dir as arxiv_snapshot
from harvesters.huggingface.datasets import harvest_datasets
from harvesters.huggingface.datasets_offline import DatasetReplay, demo_datasets_file
from harvesters.huggingface.demo import load_demo as load_huggingface
from harvesters.huggingface.extract import HubClient
from harvesters.openml.client import OpenMLClient
from harvesters.openml.harvest import harvest as harvest_openml
from harvesters.openml.offline import OpenMLReplay
from harvesters.openml.offline import demo_snapshot_dir as openml_snapshot
from harvesters.run import HarvestSummary

__all__ = ["load_demo"]


def load_demo(registry, stream=sys.stderr) -> dict[str, HarvestSummary]:
    """Harvest all bundled snapshots into ``registry.store``; print one summary line per platform."""
    store, base = registry.store, registry.base_url
    summaries = {"huggingface": load_huggingface(registry, stream=stream)}
    with DatasetReplay(demo_datasets_file()) as server:
        print(f"Harvesting {len(server.datasets)} Hugging Face datasets from a loopback replay ...", file=stream)
        summaries["huggingface-datasets"] = harvest_datasets(store, base_url=base, ids=list(server.datasets),
                                                             client=HubClient(server.url))
    with OpenMLReplay(openml_snapshot()) as server, OpenMLClient(server.server_url) as client:
        print(f"Harvesting the bundled OpenML snapshot ({len(server.snapshot)} recorded objects) from a loopback "
              f"replay of the OpenML API at {server.server_url} ...", file=stream)
        summaries["openml"] = harvest_openml(store, base_url=base, client=client)
    with ArxivReplay(arxiv_snapshot()) as server:
        print(f"Harvesting the bundled arXiv snapshot ({len(server.snapshot)} papers) from a loopback replay of "
              f"the arXiv API at {server.query_url} ...", file=stream)
        summaries["arxiv"] = harvest_arxiv(store, base_url=base, client=ArxivClient(server.query_url),
                                           ids=sorted(server.snapshot.entries))
    for name, summary in list(summaries.items())[1:]:
        print(f"  {name}: {summary.line()}", file=stream)
    return summaries
