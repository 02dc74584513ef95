"""A loopback replay of arXiv's query API from recorded Atom entries (the demo source; tests use it too).

The snapshot is one Atom feed, ``entries.xml``, holding every recorded entry, and ``errors/400.xml``,
arXiv's recorded answer to a malformed id. A query ``?id_list=a,b&start=0&max_results=N``
is answered with a feed of the entries asked for (an id without a version matches any
version), in arXiv's shape; an id that is not an arXiv id gets the recorded 400 answer with
that id, as arXiv answers.
"""

from __future__ import annotations

import re
from pathlib import Path

from lxml import etree

from harvesters.loopback import LoopbackServer, Reply

__all__ = ["ArxivReplay", "ArxivSnapshot", "demo_snapshot_dir", "ATOM", "QUERY_PATH"]

ATOM = "http://www.w3.org/2005/Atom"
NS = {"atom": ATOM, "arxiv": "http://arxiv.org/schemas/atom", "opensearch": "http://a9.com/-/spec/opensearch/1.1/"}
QUERY_PATH = "/api/query"
_VALID = re.compile(r"^(?:\d{4}\.\d{4,5}|[a-z\-]+(?:\.[A-Z]{2})?/\d{7})(?:v\d+)?$")
_VERSION = re.compile(r"v\d+$")
_FEED = ('<?xml version="1.0" encoding="UTF-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom" '
         'xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/" xmlns:arxiv="http://arxiv.org/schemas/atom">\n'
         '  <id>https://arxiv.org/api/replay</id>\n  <title>arXiv Query: {query}</title>\n'
         '  <updated>2026-01-01T00:00:00Z</updated>\n'
         '  <opensearch:itemsPerPage>{per_page}</opensearch:itemsPerPage>\n'
         '  <opensearch:totalResults>{total}</opensearch:totalResults>\n'
         '  <opensearch:startIndex>{start}</opensearch:startIndex>\n{entries}</feed>\n')


def demo_snapshot_dir() -> Path:
    """Return the bundled arXiv snapshot built from recorded answers (no abstracts)."""
    return Path(__file__).resolve().parent.parent / "data" / "arxiv_snapshot"


def entry_id(entry: etree._Element) -> str | None:
    """Return the versioned id of an Atom entry (``1707.08567v1``), or None."""
    found = entry.find("atom:id", NS)
    text = (found.text or "").strip() if found is not None else ""
    return text.rsplit("/abs/", 1)[1] if "/abs/" in text else None


class ArxivSnapshot:
    """Recorded entries by id (with and without version), plus the recorded 400 answer."""

    def __init__(self, entries: list[str] | None = None, error_400: str = "") -> None:
        self.entries: dict[str, str] = {}
        self.error_400 = error_400
        for entry in entries or []:
            self.put(entry)

    @classmethod
    def load(cls, path: str | Path) -> "ArxivSnapshot":
        root = Path(path)
        feed = etree.fromstring((root / "entries.xml").read_bytes())
        entries = [etree.tostring(e, encoding="unicode") for e in feed.iterfind("atom:entry", NS)]
        error = root / "errors" / "400.xml"
        return cls(entries, error.read_text("utf-8") if error.exists() else "")

    def put(self, entry_xml: str) -> str:
        """Add or replace an entry (its Atom XML); return its id without version."""
        entry = etree.fromstring(entry_xml.encode("utf-8"))
        versioned = entry_id(entry)
        if versioned is None:
            raise ValueError("an entry needs an <id> with /abs/")
        base = _VERSION.sub("", versioned)
        self.entries[base] = etree.tostring(entry, encoding="unicode")
        return base

    def get(self, paper_id: str) -> str | None:
        return self.entries.get(_VERSION.sub("", paper_id))

    def __len__(self) -> int:
        return len(self.entries)


class ArxivReplay(LoopbackServer):
    """Answer the arxiv client's id_list queries from a snapshot."""

    def __init__(self, snapshot: ArxivSnapshot | str | Path, *, port: int = 0) -> None:
        super().__init__(port=port)
        self.snapshot = snapshot if isinstance(snapshot, ArxivSnapshot) else ArxivSnapshot.load(snapshot)

    @property
    def query_url(self) -> str:
        """The query URL to give the client."""
        return self.url + QUERY_PATH

    def answer(self, path: str, query: dict[str, list[str]]) -> Reply:
        if path != QUERY_PATH:
            return Reply(404, b"not part of the replayed API", "text/plain")
        ids = [i for i in (query.get("id_list") or [""])[0].split(",") if i]
        bad = next((i for i in ids if not _VALID.match(i)), None)
        if bad is not None:
            body = self.snapshot.error_400.replace("incorrect_id_format_for_abc", f"incorrect_id_format_for_{bad}")
            body = body.replace("incorrect id format for abc", f"incorrect id format for {bad}")
            return Reply(400, body.encode("utf-8"), "application/atom+xml; charset=utf-8", kind="query")
        start = int((query.get("start") or ["0"])[0] or 0)
        per_page = int((query.get("max_results") or ["10"])[0] or 10)
        found = [e for e in (self.snapshot.get(i) for i in ids) if e is not None]
        page = found[start:start + per_page]
        body = _FEED.format(query=f"id_list={','.join(ids)}", per_page=per_page, total=len(found), start=start,
                            entries="".join(f"  {e}\n" for e in page))
        return Reply(200, body.encode("utf-8"), "application/atom+xml; charset=utf-8", kind="query")
