"""A loopback replay of OpenML's XML API from a snapshot directory (the demo source; tests use it too).

The snapshot holds one recorded answer per object, ``{flow,run,task,data}/{id}.xml``, and the
server's recorded error answers in ``errors/``: ``{kind}.xml`` is sent with HTTP 412 for an
object the snapshot does not have, ``list-{kind}.xml`` with 412 past the end of a listing.
Listings (``{kind}/list/limit/N/offset/M``) are built from the objects, in id order, in the
shape OpenML sends.
"""

from __future__ import annotations

import re
from pathlib import Path
from xml.sax.saxutils import escape

from harvesters.loopback import LoopbackServer, Reply

__all__ = ["OpenMLReplay", "OpenMLSnapshot", "demo_snapshot_dir", "API_PATH"]

API_PATH = "/api/v1/xml"
PATHS = ("flow", "run", "task", "data")
_LIST = re.compile(rf"^{API_PATH}/(flow|run|task|data)/list(?:/.*)?$")
_OBJECT = re.compile(rf"^{API_PATH}/(flow|run|task|data)/(-?\d+)$")
_LIMIT = re.compile(r"/limit/(\d+)")
_OFFSET = re.compile(r"/offset/(\d+)")
_FIELDS = {  # list entry tag -> the fields copied from the object description
    "flow": ("flows", "flow", (("id", "id"), ("name", "name"), ("version", "version"),
                                ("external_version", "external_version"), ("uploader", "uploader"),
                                ("upload_date", "upload_date"))),
    "run": ("runs", "run", (("run_id", "run_id"), ("task_id", "task_id"), ("flow_id", "flow_id"),
                             ("uploader", "uploader"), ("upload_time", "upload_time"))),
    "task": ("tasks", "task", (("task_id", "task_id"), ("task_type", "task_type"))),
    "data": ("data", "dataset", (("did", "id"), ("name", "name"), ("version", "version"),
                                  ("format", "format"), ("upload_date", "upload_date"))),
}


def demo_snapshot_dir() -> Path:
    """Return the bundled OpenML snapshot built from recorded answers (structured facts only)."""
    return Path(__file__).resolve().parent.parent / "data" / "openml_snapshot"


def _first(xml: str, tag: str) -> str | None:
    match = re.search(rf"<oml:{tag}>([^<]*)</oml:{tag}>", xml)
    return match.group(1).strip() if match and match.group(1).strip() else None


class OpenMLSnapshot:
    """Recorded answers by kind and id, plus the error answers."""

    def __init__(self, objects: dict[str, dict[int, str]] | None = None, errors: dict[str, str] | None = None) -> None:
        self.objects = {kind: dict((objects or {}).get(kind, {})) for kind in PATHS}
        self.errors = dict(errors or {})

    @classmethod
    def load(cls, path: str | Path) -> "OpenMLSnapshot":
        root = Path(path)
        objects = {kind: {int(f.stem): f.read_text("utf-8") for f in (root / kind).glob("*.xml")} for kind in PATHS}
        errors = {f.stem: f.read_text("utf-8") for f in (root / "errors").glob("*.xml")}
        return cls(objects, errors)

    def put(self, kind: str, object_id: int, xml: str) -> None:
        self.objects[kind][int(object_id)] = xml

    def remove(self, kind: str, object_id: int) -> None:
        self.objects[kind].pop(int(object_id), None)

    def __len__(self) -> int:
        return sum(len(v) for v in self.objects.values())

    def listing(self, kind: str, offset: int, limit: int) -> str | None:
        """Return a list page, or None past the end."""
        ids = sorted(i for i in self.objects[kind] if i > 0)[offset:offset + limit]
        if not ids:
            return None
        outer, inner, fields = _FIELDS[kind]
        entries = []
        for object_id in ids:
            xml = self.objects[kind][object_id]
            values = "".join(f"<oml:{tag}>{escape(value)}</oml:{tag}>"
                             for tag, source in fields if (value := _first(xml, source)) is not None)
            entries.append(f"  <oml:{inner}>{values}</oml:{inner}>\n")
        return f'<oml:{outer} xmlns:oml="http://openml.org/openml">\n{"".join(entries)}</oml:{outer}>\n'


class OpenMLReplay(LoopbackServer):
    """Answer the openml client's GET calls from a snapshot, gzip-compressed as OpenML does."""

    gzip = True

    def __init__(self, snapshot: OpenMLSnapshot | str | Path, *, port: int = 0) -> None:
        super().__init__(port=port)
        self.snapshot = snapshot if isinstance(snapshot, OpenMLSnapshot) else OpenMLSnapshot.load(snapshot)

    @property
    def server_url(self) -> str:
        """The URL to give the client as its server."""
        return self.url + API_PATH

    def answer(self, path: str, query: dict[str, list[str]]) -> Reply:
        listing = _LIST.match(path)
        if listing:
            kind = listing.group(1)
            limit = int(m.group(1)) if (m := _LIMIT.search(path)) else 10000
            offset = int(m.group(1)) if (m := _OFFSET.search(path)) else 0
            body = self.snapshot.listing(kind, offset, limit)
            if body is None:
                return Reply(412, self._error(f"list-{kind}"), kind=f"{kind}-list")
            return Reply(200, body.encode("utf-8"), kind=f"{kind}-list")
        found = _OBJECT.match(path)
        if found:
            kind, object_id = found.group(1), int(found.group(2))
            xml = self.snapshot.objects[kind].get(object_id)
            if xml is None:
                return Reply(412, self._error(kind), kind=kind)
            return Reply(200, xml.encode("utf-8"), kind=kind)
        return Reply(404, b"not part of the replayed API", "text/plain")

    def _error(self, name: str) -> bytes:
        body = self.snapshot.errors.get(name) or self.snapshot.errors.get("default") or ""
        return body.encode("utf-8")
