"""Geometry of the lineage graph, drawn as server-side SVG: ancestors above, descendants below by kind.

No JavaScript and no layout library: the shape is fixed (generations in rows, one column per
relation kind), so positions are computed here and the template only draws boxes and lines.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from registry.fdo.lineage import Lineage

__all__ = ["Box", "Line", "Drawing", "layout", "WIDTH"]

WIDTH = 720
BOX_W, BOX_H = 210, 34
ROW_GAP = 30
PER_ROW = 3
DRAWN_PER_KIND = 5
LABEL_CHARS = 26


@dataclass(frozen=True)
class Box:
    """A node: a link to an FDO (or to the expanded list of a kind), with its position."""

    x: float
    y: float
    w: float
    label: str
    title: str
    href: str
    cls: str  # focus, ancestor, descendant, group, more, same

    @property
    def short(self) -> str:
        return self.label if len(self.label) <= LABEL_CHARS else self.label[:LABEL_CHARS - 1] + "…"

    @property
    def h(self) -> int:
        return BOX_H


@dataclass(frozen=True)
class Line:
    x1: float
    y1: float
    x2: float
    y2: float
    cls: str  # the relation kind's edge style


@dataclass
class Drawing:
    boxes: list[Box] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)
    height: int = 0
    width: int = WIDTH


def _row(count: int, width: float = WIDTH, box_w: float = BOX_W) -> list[float]:
    gap = (width - count * box_w) / (count + 1)
    return [gap + i * (box_w + gap) for i in range(count)]


def layout(lineage: Lineage) -> Drawing:
    """Return the boxes and lines of the lineage graph."""
    d = Drawing()
    y = 10.0
    centre: dict[str, tuple[float, float, float]] = {}  # iri -> (centre x, top y, bottom y)
    by_generation: dict[int, list] = {}
    for generation, ref in lineage.ancestors:
        by_generation.setdefault(generation, []).append(ref)
    for generation in sorted(by_generation, reverse=True):
        refs = by_generation[generation]
        for start in range(0, len(refs), PER_ROW):
            chunk = refs[start:start + PER_ROW]
            for x, ref in zip(_row(len(chunk)), chunk):
                d.boxes.append(Box(x, y, BOX_W, ref.label, f"{ref.label} (generation -{generation})", ref.href,
                                   "ancestor"))
                centre[ref.iri] = (x + BOX_W / 2, y, y + BOX_H)
            y += BOX_H + ROW_GAP
    same = lineage.same_as[:PER_ROW - 1]
    xs = _row(1 + len(same))
    fx = xs[0] if same else (WIDTH - BOX_W) / 2
    focus = lineage.focus
    d.boxes.append(Box(fx, y, BOX_W, focus.label, focus.label, focus.href, "focus"))
    centre[focus.iri] = (fx + BOX_W / 2, y, y + BOX_H)
    for x, ref in zip(xs[1:], same):  # the same model on other platforms, beside it
        d.boxes.append(Box(x, y, BOX_W, ref.label, f"{ref.label} (the same model elsewhere)", ref.href, "same"))
        d.lines.append(Line(fx + BOX_W, y + BOX_H / 2, x, y + BOX_H / 2, "double"))
    for e in lineage.edges:
        if e.source in centre and e.target in centre:
            sx, sy, _ = centre[e.source]
            tx, _, tb = centre[e.target]
            d.lines.append(Line(sx, sy, tx, tb, e.kind.style))
    y += BOX_H + ROW_GAP
    if lineage.groups:
        _descendants(d, lineage, fx + BOX_W / 2, y - ROW_GAP, y)
    else:
        d.height = int(y - ROW_GAP + 10)
    return d


def _descendants(d: Drawing, lineage: Lineage, fcx: float, fy: float, y: float) -> None:
    groups = lineage.groups
    col_w = WIDTH / len(groups)
    box_w = min(BOX_W, col_w - 12)
    bottom = y
    for i, group in enumerate(groups):
        x = i * col_w + (col_w - box_w) / 2
        label = f"{group.kind.backwards} · {group.total:,}"
        d.boxes.append(Box(x, y, box_w, label, label, f"#lineage-{group.kind.slug}", "group"))
        d.lines.append(Line(fcx, fy, x + box_w / 2, y, group.kind.style))
        spine = x + 8
        row_y = y + BOX_H + 10
        drawn = group.shown[:DRAWN_PER_KIND]
        for ref in drawn:
            d.boxes.append(Box(x + 16, row_y, box_w - 16, ref.label, ref.label, ref.href, "descendant"))
            d.lines.append(Line(spine, row_y + BOX_H / 2, x + 16, row_y + BOX_H / 2, group.kind.style))
            row_y += BOX_H + 8
        rest = group.total - len(drawn)
        if rest:
            d.boxes.append(Box(x + 16, row_y, box_w - 16, f"+ {rest:,} more", f"{rest:,} more {group.kind.backwards}",
                               f"#lineage-{group.kind.slug}", "more"))
            d.lines.append(Line(spine, row_y + BOX_H / 2, x + 16, row_y + BOX_H / 2, group.kind.style))
            row_y += BOX_H + 8
        if row_y > y + BOX_H + 10:
            d.lines.append(Line(spine, y + BOX_H, spine, row_y - 8 - BOX_H / 2, group.kind.style))
        bottom = max(bottom, row_y)
    d.height = int(bottom + 10)
