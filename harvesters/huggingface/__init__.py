"""The Hugging Face Hub harvester: extract (official client), transform (FAIR4ML), harvest (store)."""

from pathlib import Path

# The client is used for plain HTTP (http_backoff, hf_hub_download); it sends no usage report.
from harvesters.huggingface.extract import EXPAND, Extractor, Fetched, HubClient, HubError
from harvesters.huggingface.harvest import STATE_KEY, HarvestSummary, harvest
from harvesters.huggingface.transform import HARVESTER, HARVESTER_VERSION, model_pid, transform

__all__ = [
    "harvest", "HarvestSummary", "STATE_KEY", "transform", "model_pid", "HARVESTER", "HARVESTER_VERSION",
    "HubClient", "HubError", "Extractor", "Fetched", "EXPAND", "demo_snapshot_dir",
]


def demo_snapshot_dir() -> Path:
    """Return the directory of the bundled demo snapshot (imported lazily: the module is also a script)."""
    from harvesters.huggingface.snapshot import demo_snapshot_dir as snapshot_dir

    return snapshot_dir()
