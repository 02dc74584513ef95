"""A loopback replay of the Hub's dataset API (``GET /api/datasets/{id}``) from a JSON Lines snapshot.

The bundled snapshot (``harvesters/data/hf_datasets_snapshot.jsonl``) holds dataset records in
the Hub's documented JSON shape, with values we wrote for the demo: licences, tasks, languages
and size categories as the datasets' cards state them, descriptions in our own words.
"""

from __future__ import annotations

import json
from pathlib import Path

from harvesters.loopback import LoopbackServer, Reply

__all__ = ["DatasetReplay", "demo_datasets_file", "load_datasets"]

PREFIX = "/api/datasets/"


def demo_datasets_file() -> Path:
    """Return the bundled dataset snapshot."""
    return Path(__file__).resolve().parent.parent / "data" / "hf_datasets_snapshot.jsonl"


def load_datasets(path: str | Path) -> dict[str, dict]:
    """Return {dataset id: record} from a JSON Lines file."""
    with open(path, encoding="utf-8") as fh:
        records = [json.loads(line) for line in fh if line.strip()]
    return {r["id"].lower(): r for r in records}


class DatasetReplay(LoopbackServer):
    """Answer ``/api/datasets/{id}`` from records; 404 with the Hub's error headers otherwise."""

    def __init__(self, datasets: dict[str, dict] | str | Path, *, port: int = 0) -> None:
        super().__init__(port=port)
        self.datasets = datasets if isinstance(datasets, dict) else load_datasets(datasets)

    def put(self, record: dict) -> None:
        self.datasets[record["id"].lower()] = record

    def answer(self, path: str, query: dict[str, list[str]]) -> Reply:
        if not path.startswith(PREFIX):
            return Reply(404, b"{}", "application/json", headers={"X-Error-Code": "EntryNotFound"})
        dataset_id = path[len(PREFIX):].strip("/")
        record = self.datasets.get(dataset_id.lower())
        if record is None:
            return Reply(404, json.dumps({"error": "Repository not found"}).encode(), "application/json",
                         kind="dataset", headers={"X-Error-Code": "RepoNotFound",
                                                  "X-Error-Message": "Repository not found"})
        return Reply(200, json.dumps(record).encode("utf-8"), "application/json; charset=utf-8", kind="dataset")
