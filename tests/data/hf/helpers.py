"""Helpers for the Hugging Face harvester tests: fixture records, cards we write, a replay server."""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import yaml

from harvesters.huggingface.extract import HubClient
from harvesters.huggingface.offline import Snapshot
from tests.hub_faults import FaultyReplayServer

HERE = Path(__file__).parent
BASE = "http://registry.test"
_REAL: dict[str, dict] | None = None


def real_models() -> dict[str, dict]:
    """Return the real fixture records by id (fresh copies: tests may change them)."""
    global _REAL
    if _REAL is None:
        with open(HERE / "real_models.jsonl", encoding="utf-8") as fh:
            _REAL = {m["id"]: m for m in (json.loads(line) for line in fh if line.strip())}
    return copy.deepcopy(_REAL)


def real(model_id: str) -> dict:
    """Return one real fixture record."""
    return real_models()[model_id]


def card(model: dict | None = None, body: str = "", *, front_matter: bool = True) -> str:
    """Return a README we write: the model's card data as YAML front matter, then ``body``."""
    meta = (model or {}).get("cardData")
    head = ""
    if front_matter and isinstance(meta, dict) and meta:
        head = "---\n" + yaml.safe_dump(meta, sort_keys=False, allow_unicode=True) + "---\n\n"
    return head + (body or "# A model\n\nA short description written for the tests, long enough to count.\n")


def synthetic(model_id: str, *, sha: str = "a" * 40, modified: str = "2025-01-01T00:00:00.000Z",
              **fields) -> dict:
    """Return a minimal model record in the API's shape, for edge cases the real records lack."""
    record = {"_id": "x" * 24, "id": model_id, "modelId": model_id, "author": model_id.split("/")[0], "sha": sha,
              "lastModified": modified, "createdAt": "2024-06-01T00:00:00.000Z", "private": False, "gated": False,
              "disabled": False, "downloads": 10, "likes": 1, "tags": [], "cardData": {},
              "siblings": [{"rfilename": "README.md"}, {"rfilename": "config.json"}]}
    record.update(fields)
    return record


def numbered(n: int, *, start_day: int = 1) -> list[dict]:
    """Return ``n`` synthetic models with distinct, strictly decreasing lastModified values."""
    out = []
    for i in range(n):
        minute = n - i
        out.append(synthetic(f"org{i % 3}/model-{i:03d}", sha=f"{i:040x}",
                             modified=f"2025-02-{start_day:02d}T00:{minute // 60:02d}:{minute % 60:02d}.000Z",
                             tags=["transformers", "license:mit"], pipeline_tag="fill-mask",
                             cardData={"license": "mit"}))
    return out


def snapshot_of(models: list[dict], *, with_cards: bool = True, redirects: dict | None = None) -> Snapshot:
    """Return a snapshot serving ``models``, each with a card we write (unless told not to)."""
    cards = {m["id"]: card(m) for m in models} if with_cards else {}
    return Snapshot(models, cards, redirects)


@contextmanager
def replay(snapshot: Snapshot, **kwargs) -> Iterator[FaultyReplayServer]:
    """Run a replay server (faults can be injected) over ``snapshot`` for the duration of the block."""
    server = FaultyReplayServer(snapshot, **kwargs).start()
    try:
        yield server
    finally:
        server.stop()


def client(server: ReplayServer, **kwargs) -> HubClient:
    """Return a Hub client for the replay server with short retry waits."""
    kwargs.setdefault("base_wait", 0.01)
    kwargs.setdefault("max_wait", 0.05)
    kwargs.setdefault("timeout", 10.0)
    return HubClient(server.url, **kwargs)
