"""`mlfdo demo`: harvest the bundled snapshot through the real harvest path, offline.

A loopback replay server serves ``harvesters/data/hf_snapshot/`` in the Hub's API shapes; the
harvest reaches it as its endpoint, exactly as it would reach huggingface.co.
"""

from __future__ import annotations

import sys

from harvesters.huggingface.harvest import HarvestSummary, harvest
from harvesters.huggingface.snapshot import demo_snapshot_dir
from harvesters.huggingface.offline import ReplayServer

__all__ = ["load_demo"]


def load_demo(registry, snapshot_dir=None, stream=sys.stderr) -> HarvestSummary:
    """Harvest the demo snapshot into ``registry.store``; print progress and the summary to ``stream``."""
    with ReplayServer(snapshot_dir or demo_snapshot_dir()) as server:
        print(f"Harvesting the bundled Hugging Face snapshot ({len(server.snapshot)} models) from a "
              f"loopback replay of the Hub API at {server.url} ...", file=stream)

        def progress(done: int, _total: int | None, model_id: str) -> None:
            if done % 250 == 0:
                print(f"  {done} models (at {model_id})", file=stream)

        summary = harvest(registry.store, base_url=registry.base_url, endpoint=server.url, since="2000-01-01",
                          progress=progress)
    print(f"  {summary.line()}", file=stream)
    return summary
