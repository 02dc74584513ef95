"""End to end in a real browser (Playwright driving Debian's Chromium) against `mlfdo serve`.

The journey a person makes (search -> facet -> model page -> lineage node -> history -> diff ->
compare), the same with the keyboard only, every page type at 360 px wide, and an axe-core scan
of every page type. Screenshots of each page type go to test-artifacts/screenshots/ (kept by CI).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import threading
import urllib.request
from pathlib import Path

import pytest

from tests.data.interfaces.fixture import BASE, FAMILY, family_registry

pytestmark = [pytest.mark.browser, pytest.mark.server, pytest.mark.slow]

CHROMIUM = "/usr/bin/chromium"
SHOTS = Path(__file__).resolve().parent.parent / "test-artifacts" / "screenshots"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """`mlfdo serve --port 0` on the family registry, its search index built first (`mlfdo index`)."""
    data_dir = tmp_path_factory.mktemp("e2e")
    family_registry(data_dir).close()
    env = {**os.environ, "MLFDO_DATA_DIR": str(data_dir), "MLFDO_BASE_URL": BASE,
           "MLFDO_LLM": "extractive", "PYTHONPATH": os.pathsep.join(sys.path)}
    cli = [sys.executable, "-m", "registry"]
    subprocess.run([*cli, "index"], env=env, check=True, capture_output=True, timeout=600)
    process = subprocess.Popen([*cli, "serve", "--port", "0"], env=env, stderr=subprocess.PIPE, text=True)
    drain = None
    try:
        url = None
        for line in process.stderr:
            found = re.search(r"http://127\.0\.0\.1:\d+", line)
            if found:
                url = found.group(0)
                break
        assert url, "mlfdo serve did not report its address"
        # keep reading the request log, or the server blocks once the pipe is full
        drain = threading.Thread(target=lambda: [None for _ in process.stderr], daemon=True)
        drain.start()
        # the first search opens the index and loads the embedding model: not part of any page's time
        urllib.request.urlopen(f"{url}/search?q=warm", timeout=300).read()
        yield url
    finally:
        process.terminate()
        process.wait(timeout=20)
        if drain is not None:
            drain.join(timeout=10)
        process.stderr.close()


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI") == "true":
            pytest.fail("chromium is missing: scripts/ensure-chromium.sh installs it")
        pytest.skip("chromium is not installed (scripts/ensure-chromium.sh installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1200, "height": 900}, java_script_enabled=False)
    page = context.new_page()
    page.set_default_timeout(30_000)
    yield page
    context.close()


def shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


PAGE_TYPES = {
    "home": "/",
    "search": "/search?q=tales",
    "model": f"/fdo/{FAMILY.mid}",
    "model-with-history": f"/fdo/{FAMILY.chat}",
    "dataset": f"/fdo/{FAMILY.tales}",
    "history": f"/fdo/{FAMILY.chat}/versions",
    "diff": f"/fdo/{FAMILY.chat}/diff?from=1&to=2",
    "compare": f"/compare?ids={FAMILY.mid},{FAMILY.chat},{FAMILY.q4}",
    "sparql": "/sparql",
    "chat": "/chat?q=What+is+mid-lm-chat+fine-tuned+from%3F",
}


def test_journey_search_facet_model_lineage_history_diff_compare(site, page):
    page.goto(f"{site}/search?q=tales")
    shot(page, "search")
    page.locator("section.facet[data-facet=task] a", has_text="Text Generation").first.click()
    assert "task=" in page.url
    page.locator("ol.results h2 a", has_text=re.compile(r"^mid-lm$")).click()
    assert page.url.endswith(f"/fdo/{FAMILY.mid}")
    page.locator("#lineage svg a.node.descendant", has_text="mid-lm-chat").click()  # a node of the graph
    assert page.url.endswith(f"/fdo/{FAMILY.chat}")
    page.locator("#versions a", has_text="History").click()
    assert page.url.endswith(f"/fdo/{FAMILY.chat}/versions")
    assert page.locator("ol.timeline").inner_text().count("licence: MIT → Apache-2.0") == 1
    page.locator("ol.timeline a", has_text="What changed from v1").click()
    assert "/diff?from=1&to=2" in page.url and "From version 1 to version 2" in page.inner_text("h1")
    page.goto(f"{site}/search?q=mid-lm")
    for name in ("mid-lm", "mid-lm-chat"):
        page.locator("li.result", has=page.locator("h2 a", has_text=re.compile(f"^{name}$"))) \
            .locator("input[name=ids]").check()
    page.get_by_role("button", name="Compare selected").click()
    assert "/compare?ids=" in page.url
    header = page.locator("table.compare thead").inner_text()
    assert "mid-lm" in header and "mid-lm-chat" in header
    assert page.locator("tr.differs[data-key=base_model]").count() == 1


def test_keyboard_only_reaches_a_lineage_node_with_visible_focus(site, page):
    page.goto(f"{site}/fdo/{FAMILY.mid}")
    target = f"/fdo/{FAMILY.chat}"
    for _ in range(120):
        page.keyboard.press("Tab")
        focused = page.evaluate("""() => { const e = document.activeElement;
            const s = getComputedStyle(e); const r = e.querySelector && e.querySelector('rect');
            return {href: e.getAttribute('href'), svg: !!e.closest('svg'), outline: s.outlineStyle,
                    stroke: r ? getComputedStyle(r).strokeWidth : null}; }""")
        if focused["svg"] and focused["href"] == target:
            break
    else:
        pytest.fail("the lineage node of mid-lm-chat is not reachable with Tab")
    assert focused["stroke"] == "3px"  # the focused node is drawn with a thick outline
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{target}")
    page.keyboard.press("Tab")  # the first stop of every page is the skip link, and it shows
    first = page.evaluate("() => [document.activeElement.textContent, getComputedStyle(document.activeElement).outlineStyle]")
    assert first == ["Skip to content", "solid"]


@pytest.mark.parametrize("name", sorted(PAGE_TYPES))
def test_page_type_fits_a_360px_screen(site, browser, name):
    context = browser.new_context(viewport={"width": 360, "height": 740}, java_script_enabled=False)
    page = context.new_page()
    page.goto(site + PAGE_TYPES[name])
    overflow = page.evaluate("() => document.documentElement.scrollWidth")
    shot(page, f"{name}-360px")
    context.close()
    assert overflow <= 360


@pytest.mark.parametrize("name", sorted(PAGE_TYPES))
def test_page_type_has_no_serious_axe_violation(site, browser, name):
    from axe_playwright_python.sync_playwright import Axe

    context = browser.new_context(viewport={"width": 1200, "height": 900})
    page = context.new_page()
    page.goto(site + PAGE_TYPES[name])
    shot(page, name)
    results = Axe().run(page)
    context.close()
    serious = [f"{v['id']}: {v['help']} ({len(v['nodes'])}x, e.g. {v['nodes'][0]['target']})"
               for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert serious == []
