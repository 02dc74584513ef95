"""Build the bundled arXiv snapshot from recorded arXiv answers, without abstracts or comments.

    python -m harvesters.arxiv.snapshot RECORDED_DIR [OUT_DIR]

RECORDED_DIR holds recorded answers of the arXiv query API: JSON files ``{url, status_code,
body}`` and raw Atom ``.xml`` feeds. Every entry is kept once (newest recording wins) with
its structured facts (id, dates, title, authors, categories, DOI, journal reference, links);
the abstract (``summary``) and the authors' comment are dropped, as they are the authors' prose.
The recorded answer to a malformed id becomes ``errors/400.xml``.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from lxml import etree

from harvesters.arxiv.offline import NS, demo_snapshot_dir, entry_id

__all__ = ["build"]

_DROP = ("atom:summary", "arxiv:comment")


def _feeds(recorded: Path):
    for path in sorted(recorded.glob("*.json")):
        data = json.loads(path.read_text("utf-8"))
        yield data.get("status_code"), data.get("body", "").encode("utf-8")
    for path in sorted(recorded.glob("*.xml")):
        yield 200, path.read_bytes()


def build(recorded: Path, out: Path) -> int:
    """Write ``entries.xml`` and ``errors/400.xml`` to ``out``; return the number of entries."""
    entries: dict[str, etree._Element] = {}
    error_400 = None
    for status, body in _feeds(recorded):
        root = etree.fromstring(body)
        if status == 400:
            error_400 = body.decode("utf-8")
            continue
        for entry in root.iterfind("atom:entry", NS):
            versioned = entry_id(entry)
            if versioned is None:
                continue
            for path in _DROP:
                for node in entry.findall(path, NS):
                    entry.remove(node)
            entries[re.sub(r"v\d+$", "", versioned)] = entry
    feed = etree.Element(f"{{{NS['atom']}}}feed", nsmap={None: NS["atom"], "arxiv": NS["arxiv"]})
    for key in sorted(entries):
        feed.append(entries[key])
    out.mkdir(parents=True, exist_ok=True)
    (out / "entries.xml").write_bytes(etree.tostring(feed, pretty_print=True, xml_declaration=True, encoding="UTF-8"))
    if error_400:
        (out / "errors").mkdir(exist_ok=True)
        (out / "errors" / "400.xml").write_text(error_400, "utf-8")
    return len(entries)


if __name__ == "__main__":  # pragma: no cover - a maintenance script
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    count = build(Path(sys.argv[1]), Path(sys.argv[2]) if len(sys.argv) > 2 else demo_snapshot_dir())
    print(f"wrote {count} arXiv entries")
