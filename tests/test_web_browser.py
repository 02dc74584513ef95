"""The landing page in headless Chromium (Debian `chromium`): what a person sees, without JavaScript needs."""

from __future__ import annotations

import re
import shutil
import subprocess
from html.parser import HTMLParser

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.server, pytest.mark.slow]

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
BASE_LM = "3krpxs3xvfvka"


def dump_dom(url: str, profile, *extra: str) -> str:
    if CHROMIUM is None:
        pytest.skip("chromium is not installed (scripts/ensure-chromium.sh installs it)")
    cmd = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
           "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={profile}",
           *extra, "--dump-dom", url]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=90)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


class Visible(HTMLParser):
    """Text a reader sees (outside script/style/head), and the script elements present."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.scripts: list[str | None] = []
        self._skip = 0
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        if tag == "script":
            self.scripts.append(dict(attrs).get("type"))
        if tag in ("script", "style", "head", "title"):
            self._skip += 1

    def handle_endtag(self, tag):
        if tag in ("script", "style", "head", "title"):
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)

    @property
    def text(self) -> str:
        return " ".join(" ".join(self.parts).split())


def test_landing_page_as_a_person_sees_it(live_server, tmp_path):
    dom = dump_dom(f"{live_server}/fdo/{BASE_LM}", tmp_path / "profile")
    page = Visible(dom)
    text = page.text
    assert re.search(r"\bbase-lm\b", text)
    for seen in ("Description", "now trained on two corpora", "Text Generation", "Apache-2.0", "ACME Research",
                 "Lineage", "base-lm-finetuned", "fine-tuned as", "quantized as", "Evaluation results",
                 "perplexity", "accuracy", "Model card", "Intended use", "Versions", "Validation",
                 "JSON-LD", "Turtle", "RO-Crate", "Signposting linkset"):
        assert seen in text, seen
    # the card's <script> is shown as text and never became an element; only the JSON-LD data block exists
    assert "<script>alert('card')</script>" in text
    assert page.scripts == ["application/ld+json"]


def test_sparql_form_answers_a_browser_without_javascript(live_server, tmp_path):
    query = "SELECT%20%3Fname%20WHERE%20%7B%20%3Fm%20%3Chttps%3A%2F%2Fschema.org%2Fname%3E%20%3Fname%20%7D"
    page = Visible(dump_dom(f"{live_server}/sparql?query={query}", tmp_path / "p2"))
    assert "Results" in page.text and "base-lm-gguf" in page.text
    assert page.scripts == []  # the form and its results need no JavaScript
