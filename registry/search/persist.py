"""The persisted index in Qdrant: embedded (qdrant-client local mode under the data directory) or a server.

One point per FDO (id derived from the PID): a named dense vector ``dense``, a sparse vector
``keywords`` with Qdrant's IDF modifier (BM25-like), and the index document as payload. The
collection is named after the embedder, so changing ``MLFDO_EMBEDDER`` starts a new collection
(``mlfdo index --rebuild`` fills it) instead of mixing vector spaces.
"""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Iterator
from pathlib import Path

import numpy as np
from qdrant_client import QdrantClient, models as qm

from registry.errors import MlfdoError
from registry.search.document import IndexDoc

__all__ = ["QdrantIndex", "IndexUnavailable", "point_id"]

SCROLL_BATCH = 1000
UPSERT_BATCH = 256


class IndexUnavailable(MlfdoError):
    status, exit_code, title = 503, 5, "Search index unavailable"


def point_id(pid: str) -> str:
    """Return the Qdrant point id of a PID (a UUID derived from it)."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, pid))


class QdrantIndex:
    """The Qdrant collection that holds the index."""

    def __init__(self, client: QdrantClient, collection: str, dim: int, where: str) -> None:
        self.client = client
        self.collection = collection
        self.dim = dim
        self.where = where

    @classmethod
    def open(cls, url: str, data_dir: Path | None, embedder_slug: str, dim: int, folder: str = "qdrant"
             ) -> "QdrantIndex":
        """Open (and create if needed) the collection: a server at ``url``, else local mode, ``data_dir/search/folder``.

        Raises IndexUnavailable when the local index is locked by another process or the server
        cannot be reached.
        """
        try:
            if url:
                client, where = QdrantClient(url=url, timeout=30), url
            elif data_dir is not None:
                path = Path(data_dir) / "search" / folder
                path.mkdir(parents=True, exist_ok=True)
                client, where = QdrantClient(path=str(path)), str(path)
            else:
                client, where = QdrantClient(location=":memory:"), ":memory:"
        except RuntimeError as exc:  # local mode: "Storage folder ... is already accessed by another instance"
            raise IndexUnavailable(f"the search index is in use by another process ({exc})") from None
        index = cls(client, f"mlfdo-{embedder_slug}", dim, where)
        try:
            index.ensure()
        except Exception as exc:
            if url:
                raise IndexUnavailable(f"Qdrant server at {url} cannot be used: {exc}") from None
            raise
        return index

    def ensure(self, recreate: bool = False) -> None:
        """Create the collection if it does not exist (or drop and create it)."""
        if recreate and self.client.collection_exists(self.collection):
            self.client.delete_collection(self.collection)
        if not self.client.collection_exists(self.collection):
            self.client.create_collection(
                self.collection,
                vectors_config={"dense": qm.VectorParams(size=self.dim, distance=qm.Distance.COSINE)},
                sparse_vectors_config={"keywords": qm.SparseVectorParams(modifier=qm.Modifier.IDF)},
            )
        self.fast_local_writes()

    def fast_local_writes(self) -> None:
        """In local mode, let SQLite commit each point without waiting for the disk (WAL, synchronous=NORMAL).

        qdrant-client's local mode commits every point in its own SQLite transaction; with the
        default rollback journal each commit waits for an fsync (~6 ms here), which made the disk
        writes 75% of indexing. In WAL mode with ``synchronous=NORMAL`` the file stays consistent
        after a crash and only the last commits may be lost on power failure, which the index
        repairs itself: it is re-synchronised with the store by version when it opens.
        """
        collections = getattr(getattr(self.client, "_client", None), "collections", None)
        storage = getattr((collections or {}).get(self.collection), "storage", None)
        connection = getattr(storage, "storage", None)
        if isinstance(connection, sqlite3.Connection):  # a path-backed local collection (not :memory:, not a server)
            connection.execute("PRAGMA journal_mode=WAL")
            connection.execute("PRAGMA synchronous=NORMAL")

    def upsert(self, docs: list[IndexDoc], vectors: np.ndarray) -> None:
        """Write documents and their vectors."""
        for start in range(0, len(docs), UPSERT_BATCH):
            points = [
                qm.PointStruct(id=point_id(doc.pid), payload=doc.payload(), vector={
                    "dense": vec.tolist(),
                    "keywords": qm.SparseVector(indices=list(doc.sparse[0]), values=list(doc.sparse[1])),
                })
                for doc, vec in zip(docs[start:start + UPSERT_BATCH], vectors[start:start + UPSERT_BATCH])
            ]
            self.client.upsert(self.collection, points, wait=True)

    def delete(self, pids: list[str]) -> None:
        """Remove FDOs from the collection."""
        if pids:
            self.client.delete(self.collection, points_selector=qm.PointIdsList(points=[point_id(p) for p in pids]))

    def count(self) -> int:
        return self.client.count(self.collection, exact=True).count

    def load(self) -> Iterator[tuple[list[IndexDoc], np.ndarray]]:
        """Yield every stored document with its dense vector, in batches; delete points of an older keyword format.

        Those FDOs are then missing from the engine, and the next sync indexes the current ones again.
        """
        offset = None
        outdated: list[str] = []
        while True:
            records, offset = self.client.scroll(self.collection, limit=SCROLL_BATCH, offset=offset,
                                                 with_payload=True, with_vectors=True)
            docs, rows = [], []
            for rec in records:
                vectors = rec.vector or {}
                sparse = vectors.get("keywords")
                dense = vectors.get("dense")
                if rec.payload and not IndexDoc.current(rec.payload):
                    outdated.append(str(rec.payload.get("pid", "")))
                    continue
                if dense is None or not rec.payload:
                    continue
                docs.append(IndexDoc.from_payload(rec.payload, (list(sparse.indices), list(sparse.values))
                                                  if sparse is not None else ([], [])))
                rows.append(dense)
            if docs:
                yield docs, np.asarray(rows, dtype=np.float32)
            if offset is None:
                break
        self.delete([pid for pid in outdated if pid])

    def close(self) -> None:
        self.client.close()
