"""The store layer: current view, immutable versions, provenance (see DESIGN.md)."""

from registry.store.results import Diff, Failure, IngestResult, VersionInfo
from registry.store.store import Store

__all__ = ["Store", "IngestResult", "VersionInfo", "Diff", "Failure"]
