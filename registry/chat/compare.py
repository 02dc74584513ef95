"""Side-by-side tables for comparison questions, built from the graph only.

The table is the answer's substance; a language model only summarises it, and the extractive
mode summarises it with templates (what the models share, where they differ, how they are
related).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from registry.chat.facts import FdoFacts, Ref, fdo_href, format_count

__all__ = ["Cell", "Row", "Table", "build_table", "summarise"]

MISSING = "not recorded"
_SUMMARISED = ("task", "licence", "size", "base", "datasets", "evaluation", "library")  # the rest: see the table


@dataclass(frozen=True)
class Cell:
    text: str
    href: str | None = None


@dataclass
class Row:
    key: str
    label: str
    cells: list[list[Cell]] = field(default_factory=list)

    def texts(self) -> list[str]:
        return [", ".join(c.text for c in cell) or MISSING for cell in self.cells]


@dataclass
class Table:
    columns: list[FdoFacts]
    rows: list[Row]

    @property
    def compare_href(self) -> str | None:
        """Return the link of the compare page of these FDOs (2 to 4 of this registry), else None."""
        ids = [f.href.rsplit("/", 1)[-1] for f in self.columns if f.href.startswith("/fdo/")]
        return "/compare?ids=" + ",".join(ids) if 2 <= len(ids) <= 4 and len(ids) == len(self.columns) else None

    def to_dict(self) -> dict:
        return {"columns": [{"pid": f.pid, "name": f.name, "href": f.href} for f in self.columns],
                "compare_href": self.compare_href,
                "rows": [{"key": r.key, "label": r.label,
                          "cells": [[{"text": c.text, "href": c.href} for c in cell] for cell in r.cells]}
                         for r in self.rows]}

    def markdown(self) -> str:
        """Return the table as Markdown with every FDO linked."""
        head = "| | " + " | ".join(f"[{_md(f.name)}]({f.href})" for f in self.columns) + " |"
        sep = "|---" * (len(self.columns) + 1) + "|"
        lines = [head, sep]
        for row in self.rows:
            cells = []
            for cell in row.cells:
                links = (f"[{_md(c.text)}]({c.href})" if c.href else _md(c.text) for c in cell)
                cells.append(", ".join(links) or MISSING)
            lines.append(f"| {row.label} | " + " | ".join(cells) + " |")
        if self.compare_href:
            lines += ["", f"[Open the side-by-side comparison]({self.compare_href})"]
        return "\n".join(lines)

    def text(self) -> str:
        """Return the table as plain lines for a prompt: one line per property."""
        lines = ["models: " + " | ".join(f.name for f in self.columns)]
        for row in self.rows:
            lines.append(f"{row.label.lower()}: " + " | ".join(row.texts()))
        return "\n".join(lines)


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("[", "\\[").replace("]", "\\]")


def _refs(refs: list[Ref], base_url: str) -> list[Cell]:
    return [Cell(r.label, fdo_href(r.iri, base_url) if r.local else None) for r in refs]


def build_table(columns: list[FdoFacts], base_url: str) -> Table:
    """Return the side-by-side table of ``columns`` (rows every column lacks are left out)."""
    specs = [
        ("task", "Task", lambda f: _refs(f.tasks, base_url)),
        ("licence", "Licence", lambda f: [Cell(r.label, fdo_href(r.iri, base_url) if r.local else r.iri or None)
                                          for r in f.licences]),
        ("size", "Parameters", lambda f: [Cell(format_count(f.params))] if f.params else []),
        ("base", "Base model", lambda f: [Cell(f"{r.label} ({rel})", fdo_href(r.iri, base_url) if r.local else None)
                                          for rel, r in f.bases]),
        ("datasets", "Trained on", lambda f: _refs(f.datasets[:6], base_url)),
        ("evaluation", "Evaluation", lambda f: [Cell(e.text()) for e in f.evaluations[:4]]),
        ("library", "Library", lambda f: [Cell(x) for x in f.libraries[:2]]),
        ("paper", "Paper", lambda f: _refs(f.papers[:2], base_url)),
        ("author", "Shared by", lambda f: _refs(f.authors[:2], base_url)),
        ("downloads", "Downloads", lambda f: [Cell(f"{f.downloads:,}")] if f.downloads is not None else []),
    ]
    rows = []
    for key, label, get in specs:
        row = Row(key, label, [get(f) for f in columns])
        if any(row.cells):
            rows.append(row)
    return Table(columns, rows)


def summarise(table: Table) -> list[str]:
    """Return template sentences: shared properties, differences, and lineage between the columns."""
    names = [f"[{_md(f.name)}]({f.href})" for f in table.columns]
    sentences = []
    same, differ, missing = [], [], []
    for row in table.rows:
        if row.key not in _SUMMARISED:
            continue
        texts = row.texts()
        if all(t == MISSING for t in texts[1:]) and texts[0] == MISSING:
            continue
        if len(set(texts)) == 1:
            same.append(f"{row.label.lower()} {texts[0]}")
        elif MISSING in texts:
            missing.append(row.label.lower())
            differ.append((row.label.lower(), texts))
        else:
            differ.append((row.label.lower(), texts))
    both = "Both" if len(names) == 2 else "All"
    if same:
        sentences.append(f"{both} share: {'; '.join(same)}.")
    for label, texts in differ[:4]:
        pairs = "; ".join(f"{n}: {t}" for n, t in zip(names, texts, strict=True))
        sentences.append(f"They differ in {label} ({pairs}).")
    for i, col in enumerate(table.columns):
        for rel, ref in col.bases:
            for j, other in enumerate(table.columns):
                if j != i and ref.iri == other.pid:
                    sentences.append(f"{names[i]} is {rel} {names[j]}.")
    return sentences
