"""Compare 2-4 FDOs side by side: one row per property, evaluations aligned on dataset and metric.

Built from the landing-page view of each FDO (the same facts a person reads on its page). A row
``differs`` when its values are not the same for every FDO; the page highlights those rows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from registry.errors import BadRequest
from registry.fdo.view import FdoPage, Ref
from registry.vocab import MLFDO

__all__ = ["Comparison", "CompareRow", "compare_pages", "parse_ids", "licence_family", "MIN_IDS", "MAX_IDS"]

MIN_IDS, MAX_IDS = 2, 4
_PARAMS = MLFDO.parameterCount.value
# Licence families, first match wins: (pattern over the SPDX id or name, family).
_FAMILIES: tuple[tuple[str, str], ...] = (
    (r"-nc\b|-nc-|noncommercial|non-commercial", "non-commercial"),
    (r"rail|bigscience|bigcode", "responsible-AI (use restrictions)"),
    (r"llama|gemma|mistral|qwen|deepseek|falcon|community", "model-specific terms"),
    (r"^(a|l)?gpl|^mpl|^epl|^eupl|^cc-by-sa|^osl|^cddl", "copyleft"),
    (r"^(mit|apache|bsd|isc|zlib|unlicense|cc0|cc-by-[0-9]|bsl-1|postgresql|wtfpl|0bsd|afl|artistic|python|ms-pl)",
     "permissive"),
)


def licence_family(label: str) -> str:
    """Return the family of a licence (``permissive``, ``copyleft``, ``non-commercial``...), or ``other``."""
    key = label.strip().lower()
    return next((family for pattern, family in _FAMILIES if re.search(pattern, key)), "other")


def parse_ids(values: list[str]) -> list[str]:
    """Return the FDO ids of ``ids`` parameters (repeated or comma-separated), in order, without repeats.

    Raises BadRequest unless there are 2 to 4 of them.
    """
    ids: list[str] = []
    for value in values:
        for part in value.replace(" ", ",").split(","):
            part = part.strip().rsplit("/", 1)[-1]
            if part and part not in ids:
                ids.append(part)
    if not MIN_IDS <= len(ids) <= MAX_IDS:
        raise BadRequest(f"compare takes {MIN_IDS} to {MAX_IDS} FDO ids (ids=a,b), not {len(ids)}", ids=ids)
    return ids


@dataclass
class CompareRow:
    """One property across the compared FDOs: per FDO a list of values (Ref or text)."""

    key: str
    label: str
    cells: list[list[object]]
    group: str = "facts"  # facts | evaluation

    @property
    def differs(self) -> bool:
        keys = {tuple(sorted(_text(v) for v in cell)) for cell in self.cells}
        return len(keys) > 1

    def to_dict(self) -> dict:
        return {"key": self.key, "label": self.label, "group": self.group, "differs": self.differs,
                "values": [[_json(v) for v in cell] for cell in self.cells]}


@dataclass
class Comparison:
    """The compared FDOs (as page views) and the rows of the table."""

    pages: list[FdoPage]
    rows: list[CompareRow] = field(default_factory=list)

    @property
    def differences(self) -> int:
        return sum(1 for r in self.rows if r.differs)

    def to_dict(self) -> dict:
        """Return the JSON shape of ``GET /api/compare``."""
        return {"fdos": [{"pid": p.pid, "id": p.fdo_id, "name": p.name, "kind": p.kind} for p in self.pages],
                "rows": [r.to_dict() for r in self.rows], "differences": self.differences}


def _text(value: object) -> str:
    return value.label if isinstance(value, Ref) else str(value)


def _json(value: object) -> object:
    if isinstance(value, Ref):
        return {"label": value.label, "pid": value.iri if value.local else None, "iri": value.iri}
    return value


def _params(page: FdoPage) -> list[object]:
    for prop in page.other:
        if prop.iri == _PARAMS:
            return [_format_count(v) for v in prop.values]
    return []


def _format_count(value: object) -> str:
    try:
        n = float(str(value))
    except ValueError:
        return str(value)
    for unit, size in (("B", 1e9), ("M", 1e6), ("K", 1e3)):
        if n >= size:
            return f"{n / size:.3g}{unit}"
    return f"{n:g}"


def _fact_rows(pages: list[FdoPage]) -> list[CompareRow]:
    def row(key: str, label: str, get) -> CompareRow:
        return CompareRow(key, label, [list(get(p)) for p in pages])

    version = lambda p: [f"v{p.current_version.number}"] if p.current_version else []  # noqa: E731
    harvested = lambda p: [p.current_version.generated_at.date().isoformat()] if p.current_version else []  # noqa
    return [
        row("kind", "Kind", lambda p: [p.kind] if p.kind else []),
        row("task", "Task", lambda p: p.tasks),
        row("licence", "Licence", lambda p: p.licences),
        row("licence_family", "Licence family", lambda p: sorted({licence_family(r.label) for r in p.licences})),
        row("base_model", "Base model", lambda p: [f"{r.kind}: {r.target.label}" for r in p.lineage_out]),
        row("trained_on", "Training data", lambda p: p.trained_on),
        row("size", "Parameters", _params),
        row("author", "Shared by", lambda p: p.authors),
        row("papers", "Papers", lambda p: p.papers),
        row("downloads", "Downloads", lambda p: [f"{p.downloads:,}"] if p.downloads is not None else []),
        row("likes", "Likes", lambda p: [f"{p.likes:,}"] if p.likes is not None else []),
        row("created", "Created", lambda p: [p.created[:10]] if p.created else []),
        row("modified", "Modified", lambda p: [p.modified[:10]] if p.modified else []),
        row("version", "Current version", version),
        row("harvested", "Last changed in the registry", harvested),
    ]


def _evaluation_rows(pages: list[FdoPage]) -> list[CompareRow]:
    """Align evaluation results on (dataset, metric): one row each, a cell per FDO."""
    found: dict[tuple[str, str], list[list[object]]] = {}
    for i, page in enumerate(pages):
        for result in page.evaluations.rows:
            dataset = ", ".join(_text(v) for v in result.get("Dataset", [])) or "unnamed dataset"
            metric = ", ".join(_text(v) for v in result.get("Metric", [])) or "unnamed metric"
            cells = found.setdefault((dataset, metric), [[] for _ in pages])
            cells[i].extend(_text(v) for v in result.get("Value", []))
    shared = sorted(found, key=lambda k: (-sum(1 for c in found[k] if c), k))
    return [CompareRow(f"eval:{d}:{m}", f"{m} on {d}", found[(d, m)], "evaluation") for d, m in shared]


def compare_pages(pages: list[FdoPage]) -> Comparison:
    """Return the comparison of ``pages``; rows no FDO has are left out."""
    rows = [r for r in _fact_rows(pages) + _evaluation_rows(pages) if any(r.cells)]
    return Comparison(pages, rows)
