"""References from a model to other entities: id normalisation and the stub FDOs they point at."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from urllib.parse import quote

from pyoxigraph import Literal, NamedNode, Triple

from harvesters.huggingface.terms import HF_SITE, KNOWN_ORGANISATIONS, TASK_LABELS, task_label
from harvesters.huggingface.values import clean_text
from registry.pid import mint_id, pid_iri
from registry.record import Record, SourceInfo
from registry.vocab import ARXIV_ABS, FAIR4ML, RDF, SCHEMA

__all__ = ["Stubs", "repo_id", "arxiv_id", "doi_iri"]

_REPO_ID = re.compile(r"^[A-Za-z0-9][\w.\-]{0,95}(?:/[\w.\-]{1,96})?$")
_ARXIV_NEW = re.compile(r"^(\d{4})\.(\d{4,5})$")
_ARXIV_OLD = re.compile(r"^[a-z\-]+(?:\.[A-Z]{2})?/\d{7}$")
_ARXIV_VERSION = re.compile(r"v\d+$")
_HF_PREFIXES = ("https://huggingface.co/", "http://huggingface.co/", "https://hf.co/", "hf.co/", "huggingface.co/")


def repo_id(value: object, *, kind: str = "") -> str | None:
    """Return a Hub repo id from a card value ("org/name", or a Hub URL), or None when it is not one."""
    if not isinstance(value, str):
        return None
    value = value.strip().rstrip("/")
    for prefix in _HF_PREFIXES:
        if value.startswith(prefix):
            value = value[len(prefix):]
            if kind == "dataset":
                value = value.removeprefix("datasets/")
            break
    return value if _REPO_ID.match(value) else None


def arxiv_id(value: object) -> tuple[str | None, str | None]:
    """Return (arXiv id without version, problem) from a tag, card value or URL."""
    problem = None
    if isinstance(value, bool):
        return None, f"arXiv reference {value!r} is not an id"
    if isinstance(value, float):
        # YAML read an id like 2403.11330 as a number and dropped trailing zeros; ids have
        # 4 digits after the dot up to 2014 and 5 from 2015 (YYMM 1501) on.
        head, _, tail = f"{value:.5f}".rstrip("0").partition(".")
        width = 5 if len(head) == 4 and head.isdigit() and int(head[:2]) >= 15 else 4
        text = f"{head}.{tail.ljust(width, '0')}"
        if len(tail) < width:
            problem = f"arXiv id written as a number ({value}); read as {text}"
        value = text
    elif isinstance(value, int):
        value = str(value)
    if not isinstance(value, str):
        return None, f"arXiv reference {value!r} is not a string"
    text = value.strip()
    lowered = text.lower()
    for prefix in ("https://arxiv.org/abs/", "http://arxiv.org/abs/", "https://arxiv.org/pdf/",
                   "http://arxiv.org/pdf/", "arxiv.org/abs/", "arxiv:"):
        if lowered.startswith(prefix):
            text = text[len(prefix):]
            break
    text = text.removesuffix(".pdf")
    text = _ARXIV_VERSION.sub("", text)
    if _ARXIV_NEW.match(text) or _ARXIV_OLD.match(text):
        return text, problem
    return None, f"{value!r} is not an arXiv id"


def doi_iri(doi: str) -> str:
    """Return the https://doi.org/ IRI of a DOI."""
    return "https://doi.org/" + quote(doi.strip(), safe="/:;()._-")


@dataclass
class Stubs:
    """Collects the stub records a model references, one per PID."""

    base_url: str
    source: SourceInfo | None
    records: dict[str, Record] = field(default_factory=dict)

    def _stub(self, platform: str, platform_id: str, kind: str, build) -> NamedNode:
        pid = pid_iri(self.base_url, mint_id(platform, platform_id))
        if pid not in self.records:
            node = NamedNode(pid)
            triples = [Triple(node, p, o) for p, o in build()]
            source = replace(self.source, etag=None, url=None) if self.source else None
            self.records[pid] = Record(pid=pid, triples=triples, kind=kind, platform=platform,
                                       platform_id=platform_id, source=source, stub=True)
        return NamedNode(pid)

    def model(self, model_id: str) -> NamedNode:
        return self._stub("hf", model_id, "model", lambda: [
            (RDF.type, FAIR4ML.MLModel), (SCHEMA.name, Literal(model_id)),
            (SCHEMA.identifier, Literal(model_id)), (SCHEMA.url, NamedNode(f"{HF_SITE}/{model_id}")),
        ])

    def dataset(self, dataset_id: str) -> NamedNode:
        return self._stub("hf-dataset", dataset_id, "dataset", lambda: [
            (RDF.type, SCHEMA.Dataset), (SCHEMA.name, Literal(dataset_id)),
            (SCHEMA.identifier, Literal(dataset_id)), (SCHEMA.url, NamedNode(f"{HF_SITE}/datasets/{dataset_id}")),
        ])

    def account(self, name: str) -> NamedNode:
        organisation = name.lower() in KNOWN_ORGANISATIONS
        return self._stub("hf-user", name, "organisation" if organisation else "person", lambda: [
            (RDF.type, SCHEMA.Organization if organisation else SCHEMA.Person), (SCHEMA.name, Literal(name)),
            (SCHEMA.identifier, Literal(name)), (SCHEMA.url, NamedNode(f"{HF_SITE}/{name}")),
        ])

    def task(self, task_id: str) -> NamedNode:
        def build():
            yield RDF.type, SCHEMA.DefinedTerm
            yield SCHEMA.name, Literal(task_label(task_id))
            yield SCHEMA.termCode, Literal(task_id)
            yield SCHEMA.identifier, Literal(task_id)
            yield SCHEMA.inDefinedTermSet, NamedNode(f"{HF_SITE}/tasks")
            if task_id in TASK_LABELS:
                yield SCHEMA.url, NamedNode(f"{HF_SITE}/tasks/{task_id}")
        return self._stub("hf-task", task_id, "term", lambda: list(build()))

    def paper(self, arxiv: str) -> NamedNode:
        abs_url = NamedNode(ARXIV_ABS + arxiv)
        return self._stub("arxiv", arxiv, "paper", lambda: [
            (RDF.type, SCHEMA.ScholarlyArticle), (SCHEMA.name, Literal(f"arXiv:{arxiv}")),
            (SCHEMA.identifier, Literal(f"arXiv:{arxiv}")), (SCHEMA.sameAs, abs_url), (SCHEMA.url, abs_url),
        ])

    def licence(self, key: str, name: str, url: str | None) -> NamedNode:
        def build():
            yield RDF.type, SCHEMA.CreativeWork
            yield SCHEMA.name, Literal(clean_text(name))
            yield SCHEMA.identifier, Literal(clean_text(key))
            if url:
                yield SCHEMA.url, NamedNode(url)
        return self._stub("licence", key, "other", lambda: list(build()))
