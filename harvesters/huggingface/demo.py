"""`mlfdo demo`: harvest the bundled snapshot through the real harvest path, offline.

A loopback replay server serves ``harvesters/data/hf_snapshot/`` in the Hub's API shapes; the
harvest reaches it through ``HF_ENDPOINT``, exactly as it would reach huggingface.co.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager

from harvesters.huggingface.harvest import HarvestSummary, harvest
from harvesters.huggingface.snapshot import demo_snapshot_dir
from harvesters.replay import ReplayServer

__all__ = ["load_demo", "hub_endpoint"]


@contextmanager
def hub_endpoint(url: str) -> Iterator[None]:
    """Point ``HF_ENDPOINT`` at ``url`` for the duration of the block."""
    previous = os.environ.get("HF_ENDPOINT")
    os.environ["HF_ENDPOINT"] = url
    try:
        yield
    finally:
        if previous is None:
            os.environ.pop("HF_ENDPOINT", None)
        else:
            os.environ["HF_ENDPOINT"] = previous


def load_demo(registry, snapshot_dir=None, stream=sys.stderr) -> HarvestSummary:
    """Harvest the demo snapshot into ``registry.store``; print progress and the summary to ``stream``."""
    with ReplayServer(snapshot_dir or demo_snapshot_dir()) as server, hub_endpoint(server.url):
        print(f"Harvesting the bundled Hugging Face snapshot ({len(server.snapshot)} models) from a "
              f"loopback replay of the Hub API at {server.url} ...", file=stream)

        def progress(done: int, _total: int | None, model_id: str) -> None:
            if done % 250 == 0:
                print(f"  {done} models (at {model_id})", file=stream)

        summary = harvest(registry.store, base_url=registry.base_url, since="2000-01-01", progress=progress)
    print(f"  {summary.line()}", file=stream)
    return summary
