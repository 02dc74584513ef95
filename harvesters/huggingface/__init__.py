"""The Hugging Face Hub harvester: extract (official client), transform (FAIR4ML), harvest (store)."""

import os
from pathlib import Path

# Nothing here should report usage to the Hub or look for updates; set before the client is imported.
os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")

from harvesters.huggingface.extract import EXPAND, Extractor, Fetched, HubClient, HubError  # noqa: E402
from harvesters.huggingface.harvest import STATE_KEY, HarvestSummary, harvest  # noqa: E402
from harvesters.huggingface.transform import HARVESTER, HARVESTER_VERSION, model_pid, transform  # noqa: E402

__all__ = [
    "harvest", "HarvestSummary", "STATE_KEY", "transform", "model_pid", "HARVESTER", "HARVESTER_VERSION",
    "HubClient", "HubError", "Extractor", "Fetched", "EXPAND", "demo_snapshot_dir",
]


def demo_snapshot_dir() -> Path:
    """Return the directory of the bundled demo snapshot (imported lazily: the module is also a script)."""
    from harvesters.huggingface.snapshot import demo_snapshot_dir as snapshot_dir

    return snapshot_dir()
