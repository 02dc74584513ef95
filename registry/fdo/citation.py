"""Citations of an FDO: BibTeX and CSL-JSON with the PID, the version, its date and the authors.

The cited object is the FDO record at its current (or shown) version, published by this registry:
the date is the date of that version, the authors are the ones the record names (``sharedBy``).
"""

from __future__ import annotations

import json
import re

import bibtexparser
from bibtexparser import model
from pylatexenc.latexencode import unicode_to_latex

from registry.fdo.view import FdoPage

__all__ = ["Citation", "citation_of", "bibtex", "csl_json", "PUBLISHER", "BIBTEX", "CSL_JSON"]

PUBLISHER = "mlfdo registry"
BIBTEX = "application/x-bibtex"
CSL_JSON = "application/vnd.citationstyles.csl+json"
_CSL_TYPES = {"model": "software", "dataset": "dataset", "paper": "article"}


class Citation:
    """What a citation of one FDO says, independent of the format."""

    def __init__(self, page: FdoPage) -> None:
        version = page.shown_version
        self.pid = page.pid
        self.key = f"mlfdo-{page.fdo_id}" + (f"-v{version.number}" if version else "")
        self.title = page.name
        self.identifier = page.identifier
        self.authors = [a.label for a in page.authors]
        self.kind = page.kind or "entity"
        self.version = version.number if version else None
        self.date = version.generated_at if version else None
        self.version_url = f"{page.pid}/v/{version.number}" if version else page.pid
        self.platform_url = page.platform_url


def citation_of(page: FdoPage) -> Citation:
    """Return the citation of the FDO shown by ``page``."""
    return Citation(page)


def _tex(text: str) -> str:
    return unicode_to_latex(text, non_ascii_only=False, unknown_char_policy="keep")


def bibtex(c: Citation) -> str:
    """Return a BibTeX ``@misc`` entry (names kept whole in braces: many authors are organisations)."""
    fields = [("title", "{" + _tex(c.title) + "}"),
              ("author", " and ".join("{" + _tex(a) + "}" for a in c.authors) or "{" + PUBLISHER + "}")]
    if c.date is not None:
        fields += [("year", str(c.date.year)), ("month", c.date.strftime("%b").lower()),
                   ("date", c.date.date().isoformat())]
    if c.version is not None:
        fields.append(("version", str(c.version)))
    fields += [("publisher", PUBLISHER), ("url", c.pid), ("howpublished", r"\url{" + c.pid + "}")]
    note = f"FAIR Digital Object, {c.kind}" + (f" {c.identifier}" if c.identifier else "")
    if c.version is not None:
        note += f", version {c.version} ({c.version_url})"
    fields.append(("note", _tex(note)))
    entry = model.Entry("misc", re.sub(r"[^A-Za-z0-9_-]", "-", c.key), [model.Field(k, v) for k, v in fields])
    return bibtexparser.write_string(bibtexparser.Library([entry]))


def csl_json(c: Citation) -> str:
    """Return a CSL-JSON array holding one item."""
    item: dict = {"id": c.pid, "type": _CSL_TYPES.get(c.kind, "document"), "title": c.title,
                  "author": [{"literal": a} for a in c.authors], "publisher": PUBLISHER, "URL": c.pid}
    if c.version is not None:
        item["version"] = str(c.version)
    if c.date is not None:
        item["issued"] = {"date-parts": [[c.date.year, c.date.month, c.date.day]]}
    if c.identifier:
        item["number"] = c.identifier
    if c.platform_url:
        item["source"] = c.platform_url
    return json.dumps([item], ensure_ascii=False, indent=1)
