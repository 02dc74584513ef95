"""The lineage of a model: ancestors, descendants grouped by kind, sameAs, and its SVG drawing."""

from __future__ import annotations

import pytest

from registry.fdo.lineage import lineage_of
from registry.fdo.lineage_layout import layout
from registry.fdo.service import FdoService
from tests.data.interfaces.fixture import BASE, FAMILY, family_registry


@pytest.fixture(scope="module")
def service():
    registry = family_registry()
    yield FdoService(registry)
    registry.close()


def pid(fdo_id: str) -> str:
    return f"{BASE}/fdo/{fdo_id}"


def test_lineage_groups_descendants_by_kind_and_counts_them(service):
    lineage = lineage_of(service, pid(FAMILY.mid))
    groups = {g.kind.backwards: [r.label for r in g.listed] for g in lineage.groups}
    assert groups == {"fine-tuned as": ["mid-lm-chat"], "quantized as": ["mid-lm-q4"], "has adapter": ["mid-lm-lora"],
                      "merged into": ["mid-lm-merged"], "basis of": ["mid-lm-remix"]}
    assert lineage.descendants_total == 5  # q4 and chat also say isBasedOn: counted once, under their kind


def test_lineage_follows_ancestors_and_same_as(service):
    lineage = lineage_of(service, pid(FAMILY.chat))
    assert [(g, r.label) for g, r in lineage.ancestors] == [(1, "mid-lm"), (2, "grand-lm")]
    kinds = {(e.source.rsplit("/", 1)[-1], e.target.rsplit("/", 1)[-1]): e.kind.slug for e in lineage.edges}
    assert kinds == {(FAMILY.chat, FAMILY.mid): "fine-tuned", (FAMILY.mid, FAMILY.grand): "fine-tuned"}
    mid = lineage_of(service, pid(FAMILY.mid))
    assert [r.label for r in mid.same_as] == ["mid-lm (OpenML flow 9001)"]
    assert [r.label for r in lineage_of(service, pid(FAMILY.openml)).same_as] == ["mid-lm"]


def test_merge_has_two_parents_drawn_with_the_merge_style(service):
    lineage = lineage_of(service, pid(FAMILY.merged))
    assert sorted(r.label for _, r in lineage.ancestors) == ["grand-lm", "mid-lm", "other-lm"]
    drawing = layout(lineage)
    assert [b.label for b in drawing.boxes if b.cls == "focus"] == ["mid-lm-merged"]
    assert sum(1 for line in drawing.lines if line.cls == "dashdot") == 2
    assert all(b.href.startswith("/fdo/") for b in drawing.boxes)


def test_drawing_collapses_a_large_kind_into_a_counted_node(service):
    lineage = lineage_of(service, pid(FAMILY.mid))
    group = lineage.groups[0]
    group.total = 10_000  # what a popular base model has; the drawing names five and counts the rest
    drawing = layout(lineage)
    more = [b for b in drawing.boxes if b.cls == "more"]
    assert [b.label for b in more] == ["+ 9,999 more"] and more[0].href == "#lineage-fine-tuned"


def test_leaves_and_roots_have_one_side_only(service):
    other = lineage_of(service, pid(FAMILY.other))
    assert other.ancestors == [] and [g.kind.slug for g in other.groups] == ["merge"]
    lora = lineage_of(service, pid(FAMILY.lora))
    assert lora.groups == [] and [e.kind.slug for e in lora.edges][:1] == ["adapter"]
    assert not lora.empty and lineage_of(service, pid(FAMILY.grand)).ancestors == []


def test_same_as_is_drawn_beside_the_focus_and_descendants_hang_from_the_focus(service):
    drawing = layout(lineage_of(service, pid(FAMILY.mid)))
    focus = next(b for b in drawing.boxes if b.cls == "focus")
    same = next(b for b in drawing.boxes if b.cls == "same")
    assert same.y == focus.y and same.x > focus.x
    groups = [b for b in drawing.boxes if b.cls == "group"]
    starts = {(line.x1, line.y1) for line in drawing.lines if any(line.x2 == g.x + g.w / 2 and line.y2 == g.y
                                                                  for g in groups)}
    assert starts == {(focus.x + focus.w / 2, focus.y + focus.h)}


def test_landing_page_does_not_repeat_lineage_links_elsewhere():
    from registry.web import create_app

    registry = family_registry()
    client = create_app({"REGISTRY": registry, "TESTING": True}).test_client()
    html = client.get(f"/fdo/{FAMILY.mid}", headers={"Accept": "text/html"}).get_data(as_text=True)
    registry.close()
    assert 'id="referenced-by"' not in html  # every inbound link here is lineage
    other = html[html.index('id="other"'):]
    assert "Is based on" not in other and "Same as" not in other and "Parameter count" in other
