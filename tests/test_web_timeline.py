"""The history timeline: versions on a time axis, what changed in plain words, diff links, validation."""

from __future__ import annotations

import pytest

from registry.fdo.service import FdoService
from registry.fdo.timeline import AXIS_WIDTH, timeline_of
from registry.web import create_app
from tests.data.interfaces.fixture import FAMILY, family_registry


@pytest.fixture(scope="module")
def registry():
    reg = family_registry()
    yield reg
    reg.close()


def test_timeline_says_what_changed_in_plain_words(registry):
    service = FdoService(registry)
    timeline = timeline_of(service, service.current(FAMILY.chat))
    newest, first = timeline.entries
    assert newest.number == 2 and first.number == 1
    assert first.changes == ["first harvested"]
    assert "licence: MIT → Apache-2.0" in newest.changes
    assert "3 evaluation results added" in newest.changes
    assert not any("download" in c for c in newest.changes)  # counters never make a version
    assert first.x == 10 and newest.x == AXIS_WIDTH - 10  # the ends of the axis


def test_versions_page_shows_the_timeline_with_diff_links_and_validation(registry):
    client = create_app({"REGISTRY": registry, "TESTING": True}).test_client()
    html = client.get(f"/fdo/{FAMILY.chat}/versions", headers={"Accept": "text/html"}).get_data(as_text=True)
    timeline = html[html.index('<ol class="timeline"'):html.index("</ol>", html.index('<ol class="timeline"'))]
    assert "<li>licence: MIT → Apache-2.0</li>" in timeline and "<li>3 evaluation results added</li>" in timeline
    assert f'href="/fdo/{FAMILY.chat}/diff?from=1&amp;to=2"' in timeline
    # every version was validated on ingest (the default) and says how it fared
    assert timeline.count("conforms to FAIR4ML shapes") == 2 and "not validated" not in timeline
    assert timeline.index('id="v2"') < timeline.index('id="v1"')  # newest first
    assert '<a href="#v1" aria-label="Version 1, 2024-03-01">' in html


def test_timeline_names_replaced_dates_added_datasets_and_rewritten_text(populated_registry, ids):
    service = FdoService(populated_registry)
    newest = timeline_of(service, service.current(ids.base_lm)).entries[0]
    assert newest.changes == ["date modified: 2024-04-30T10:00:00Z → 2024-08-30T10:00:00Z", "description rewritten",
                              "trained on: glue added", "1 evaluation result added"]


def test_unchanged_model_has_a_one_version_timeline(registry):
    service = FdoService(registry)
    (entry,) = timeline_of(service, service.current(FAMILY.mid)).entries
    assert entry.changes == ["first harvested"]
