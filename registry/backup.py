"""Backups of a data directory: a consistent copy of the store, raw records and search index, and its restore."""

from __future__ import annotations

import json
import shutil
import sqlite3
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from pyoxigraph import Store as OxStore

from registry.errors import InputError, StoreBusy

__all__ = ["BackupSummary", "backup", "restore", "MANIFEST"]

MANIFEST = "mlfdo-backup.json"
_STORE, _RAW, _INDEX = "oxigraph", "raw", Path("search") / "qdrant"
READ_ONLY_ATTEMPTS = 5


@dataclass(frozen=True)
class BackupSummary:
    """What a backup or restore copied."""

    target: Path
    quads: int
    raw_files: int
    index_collections: int
    seconds: float


def _copy_index(source: Path, target: Path) -> int:
    """Copy the embedded Qdrant folder; each collection's SQLite file through SQLite's online backup."""
    if not (source / "meta.json").exists():
        return 0
    target.mkdir(parents=True)
    shutil.copy2(source / "meta.json", target / "meta.json")
    count = 0
    for db in sorted(source.glob("collection/*/storage.sqlite")):
        out = target / db.relative_to(source)
        out.parent.mkdir(parents=True)
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as src, sqlite3.connect(out) as dst:
            src.backup(dst)  # a consistent snapshot even while the server writes to it
        count += 1
    return count


def _copy_raw(source: Path, target: Path) -> int:
    if not source.is_dir():
        target.mkdir(parents=True)
        return 0
    shutil.copytree(source, target)
    return sum(1 for p in target.rglob("*") if p.is_file())


def _copy_store(data_dir: Path, target: Path, db: OxStore | None) -> None:
    """Checkpoint the store with ``Store.backup`` from a read-write handle (ours, or ``db`` of the
    process that owns it); when another process holds it, copy every quad through a read-only
    handle instead (a checkpoint of a read-only handle misses what is still in the write-ahead log)."""
    if db is not None:
        db.flush()
        db.backup(str(target))
        return
    try:
        own = OxStore(str(data_dir / _STORE))
    except OSError:
        own = None
    if own is not None:
        own.backup(str(target))
        del own
        return
    for attempt in range(READ_ONLY_ATTEMPTS):  # the owner may compact files away under a read-only handle
        try:
            snapshot = OxStore.read_only(str(data_dir / _STORE))
            copy = OxStore(str(target))
            copy.bulk_extend(snapshot.quads_for_pattern(None, None, None, None))
            copy.flush()
            return
        except (OSError, RuntimeError) as exc:
            copy = snapshot = None
            shutil.rmtree(target, ignore_errors=True)
            if attempt == READ_ONLY_ATTEMPTS - 1:
                raise StoreBusy(f"the store changed under the copy {READ_ONLY_ATTEMPTS} times ({exc}); "
                                "run the backup again, or through the server (POST /admin/backup)") from None
            time.sleep(0.5)


def _verify(target: Path, base_url: str) -> None:
    from registry.store import Store
    from registry.store.consistency import check_store

    report = check_store(Store(OxStore.read_only(str(target)), base_url))
    if not report.ok:
        raise StoreBusy(f"the copy caught a write in progress ({report.problems[0].line()}); run the backup again")


def backup(data_dir: Path, target: Path, db: OxStore | None = None, base_url: str | None = None) -> BackupSummary:
    """Copy the data directory's store, raw records and embedded index into ``target`` (a new directory).

    Safe while another process writes: pass ``db`` (the owner's handle, as the server does for
    ``POST /admin/backup``) or let a read-only handle copy the quads; such a copy is checked with
    the store's consistency check (``base_url`` given) and refused when it caught a write half-way.
    The index is copied first, so it never holds a version the copied store lacks; it may lag,
    which `mlfdo index` catches up.

    Raises InputError when ``target`` exists and is not empty or there is no store to copy;
    StoreBusy when the copy is inconsistent.
    """
    started = time.perf_counter()
    data_dir, target = Path(data_dir), Path(target)
    if not (data_dir / _STORE).is_dir():
        raise InputError(f"{data_dir} holds no store to back up")
    if target.exists() and any(target.iterdir()):
        raise InputError(f"{target} is not empty: back up into a new directory")
    target.mkdir(parents=True, exist_ok=True)
    collections = _copy_index(data_dir / _INDEX, target / _INDEX)
    _copy_store(data_dir, target / _STORE, db)
    if base_url:
        _verify(target / _STORE, base_url)
    raw_files = _copy_raw(data_dir / _RAW, target / _RAW)
    quads = len(OxStore.read_only(str(target / _STORE)))
    manifest = {"created": datetime.now(timezone.utc).isoformat(), "source": str(data_dir.resolve()),
                "quads": quads, "raw_files": raw_files, "index_collections": collections}
    (target / MANIFEST).write_text(json.dumps(manifest, indent=2), encoding="utf-8")
    return BackupSummary(target, quads, raw_files, collections, time.perf_counter() - started)


def restore(source: Path, data_dir: Path, force: bool = False) -> BackupSummary:
    """Replace the data directory's store, raw records and index with the backup in ``source``.

    Raises InputError when ``source`` is not a backup, or the data directory already holds a store
    and ``force`` is not given; StoreBusy when a running process holds the store.
    """
    started = time.perf_counter()
    source, data_dir = Path(source), Path(data_dir)
    if not (source / MANIFEST).is_file() or not (source / _STORE).is_dir():
        raise InputError(f"{source} is not an mlfdo backup (no {MANIFEST})")
    manifest = json.loads((source / MANIFEST).read_text(encoding="utf-8"))
    if (data_dir / _STORE).exists():
        if not force:
            raise InputError(f"{data_dir} already holds a store: pass --force to replace it")
        try:
            OxStore(str(data_dir / _STORE))  # take the lock for a moment: refuse while a server runs
        except OSError as exc:
            raise StoreBusy(f"the store in {data_dir} is in use ({exc}); stop the server first") from None
    data_dir.mkdir(parents=True, exist_ok=True)
    staging = data_dir / f".restoring-{int(time.time())}"
    shutil.copytree(source, staging, ignore=shutil.ignore_patterns(MANIFEST))
    if not (staging / _RAW).exists():
        (staging / _RAW).mkdir()
    for part in (_STORE, _RAW, _INDEX):  # swap each part in by rename, old copies removed afterwards
        old = data_dir / part
        if old.exists():
            shutil.rmtree(old)
        if (staging / part).exists():
            old.parent.mkdir(parents=True, exist_ok=True)
            (staging / part).rename(old)
    shutil.rmtree(staging)
    return BackupSummary(data_dir, int(manifest["quads"]), int(manifest["raw_files"]),
                         int(manifest["index_collections"]), time.perf_counter() - started)
