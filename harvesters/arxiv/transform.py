"""Transform an arXiv result into a paper record and Person stubs for its authors.

The mapping is documented in docs/mappings/arxiv.md. Authors are one Person FDO per name as
arXiv writes it (arXiv has no author ids); they are never joined to people elsewhere by name.
"""

from __future__ import annotations

import json
import re
from datetime import datetime, timezone
from urllib.parse import quote

from pyoxigraph import Literal, NamedNode, Triple

from harvesters.huggingface.refs import Stubs, doi_iri
from harvesters.huggingface.values import clean_text
from registry.pid import mint_id, pid_iri
from registry.record import Record, SourceInfo
from registry.vocab import ARXIV_ABS, MLFDO, RDF, SCHEMA, XSD

__all__ = ["transform", "paper_pid", "HARVESTER", "HARVESTER_VERSION", "raw_json"]

HARVESTER = "arxiv"
HARVESTER_VERSION = "0.1.0"
_VERSION = re.compile(r"v(\d+)$")


def paper_pid(base_url: str, arxiv_id: str) -> str:
    """Return the PID of an arXiv paper (the same one a model's reference stub gets)."""
    return pid_iri(base_url, mint_id("arxiv", arxiv_id))


def _when(value: object) -> Literal | None:
    if not isinstance(value, datetime) or value.year < 1990:
        return None
    value = value if value.tzinfo else value.replace(tzinfo=timezone.utc)
    return Literal(value.astimezone(timezone.utc).isoformat().replace("+00:00", "Z"), datatype=XSD.dateTime)


def raw_json(result) -> str:
    """Return the result's fields as JSON (the raw record kept beside the store)."""
    return json.dumps({
        "entry_id": result.entry_id, "updated": str(result.updated), "published": str(result.published),
        "title": result.title, "authors": [a.name for a in result.authors], "summary": result.summary,
        "journal_ref": result.journal_ref, "doi": result.doi, "primary_category": result.primary_category,
        "categories": result.categories, "pdf_url": result.pdf_url,
    }, ensure_ascii=False)


def transform(result, arxiv_id: str, *, base_url: str, source: SourceInfo | None = None) -> list[Record]:
    """Return [paper record, *author stubs] for one arXiv result."""
    pid = paper_pid(base_url, arxiv_id)
    node = NamedNode(pid)
    stubs = Stubs(base_url, source)
    triples: list[Triple] = []
    problems: list[str] = []

    def add(predicate: NamedNode, obj) -> None:
        triples.append(Triple(node, predicate, obj))

    abs_url = NamedNode(ARXIV_ABS + arxiv_id)
    add(RDF.type, SCHEMA.ScholarlyArticle)
    title = clean_text(result.title or "")
    if not title:
        problems.append("the entry has no title; the arXiv id stands in")
    add(SCHEMA.name, Literal(title or f"arXiv:{arxiv_id}"))
    add(SCHEMA.identifier, Literal(f"arXiv:{arxiv_id}"))
    add(SCHEMA.sameAs, abs_url)
    add(SCHEMA.url, abs_url)
    version = _VERSION.search(result.get_short_id() or "")
    if version:
        add(SCHEMA.version, Literal(version.group(1)))
    if result.summary and result.summary.strip():
        add(SCHEMA.abstract, Literal(clean_text(result.summary)))
    for predicate, value in ((SCHEMA.datePublished, result.published), (SCHEMA.dateModified, result.updated)):
        literal = _when(value)
        if literal is not None:
            add(predicate, literal)
    for n, author in enumerate(result.authors):
        name = clean_text(author.name or "")
        if not name:
            problems.append(f"author {n + 1} has no name; left out")
            continue
        add(SCHEMA.author, _author(stubs, name))
    for category in dict.fromkeys(result.categories or []):
        add(SCHEMA.keywords, Literal(category))
    if result.primary_category:
        add(MLFDO.primaryCategory, Literal(result.primary_category))
    if result.doi:
        doi = result.doi.strip()
        add(MLFDO.doi, Literal(doi))
        add(SCHEMA.sameAs, NamedNode(doi_iri(doi)))
    if result.journal_ref:
        add(MLFDO.journalReference, Literal(clean_text(result.journal_ref)))
    if result.pdf_url:
        add(MLFDO.pdfUrl, NamedNode(result.pdf_url.replace("http://", "https://", 1)))
    paper = Record(pid=pid, triples=triples, kind="paper", platform="arxiv", platform_id=arxiv_id, source=source,
                   raw=raw_json(result), problems=problems)
    return [paper, *stubs.records.values()]


def _author(stubs: Stubs, name: str) -> NamedNode:
    search = NamedNode("https://arxiv.org/search/?searchtype=author&query=" + quote(name))
    return stubs._stub("arxiv-author", name, "person", lambda: [
        (RDF.type, SCHEMA.Person), (SCHEMA.name, Literal(name)), (SCHEMA.identifier, Literal(name)),
        (SCHEMA.url, search),
    ])
