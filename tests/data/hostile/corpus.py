"""The hostile corpus: Hub API records and model cards made to break a harvester, a store and its pages.

Small cases are written out here; big ones (a 10 MB README, 100,000 tags, 1,000 levels of
nesting, a YAML alias bomb) are generated, so no multi-megabyte file is committed.
``python -m tests.data.hostile.corpus DIR`` writes the corpus as a snapshot directory.
"""

from __future__ import annotations

import gzip
import json
import sys
from dataclasses import dataclass
from pathlib import Path

from tests.data.hf.helpers import synthetic

XSS = "<script>alert('x')</script>"
JS_LINK = "javascript:alert(1)"
IMG = '<img src=x onerror="alert(1)">'


@dataclass(frozen=True)
class Case:
    """One hostile model: what it tries, its API record, and its README (text, or None for no card)."""

    name: str
    tries: str
    model: dict
    card: str | None


def _alias_bomb() -> str:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, 10):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]")
    return "---\nlicense: mit\n" + "\n".join(lines) + "\n---\n\n# Alias bomb\n\nNine levels of nine aliases.\n"


def _deep_yaml(levels: int = 1000) -> str:
    return "---\nlicense: mit\ndeep: " + "[" * levels + "1" + "]" * levels + "\n---\n\n# Deep\n\nNested front matter.\n"


def _deep_json(levels: int = 800) -> dict:
    # 800, not 1,000: Python's own JSON encoder (the replay server's) stops near 1,000 levels.
    node: dict = {"leaf": 1}
    for _ in range(levels):
        node = {"next": node}
    return node


def _hostile_card() -> str:
    return (f"---\nlicense: other\nlicense_name: \"{XSS}\"\nlicense_link: \"{JS_LINK}\"\n"
            f"datasets:\n  - \"{XSS}\"\n  - \"{JS_LINK}\"\n  - \"org/{IMG}\"\n"
            f"tags:\n  - \"{XSS}\"\n  - \"{IMG}\"\n"
            "model-index:\n"
            f"  - name: \"{XSS}\"\n    results:\n      - task: {{type: \"{XSS}\", name: \"{IMG}\"}}\n"
            f"        dataset: {{name: \"{XSS}\", type: \"{JS_LINK}\"}}\n"
            f"        metrics: [{{type: \"{XSS}\", value: 1.0, name: \"{IMG}\"}}]\n"
            "---\n\n"
            f"# {XSS}\n\nA model whose author tries to run script: {XSS} {IMG}\n\n"
            f"[click me]({JS_LINK}) and <a href=\"{JS_LINK}\">this</a> and "
            f"[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==).\n\n"
            f"## Intended use\n\n{XSS} written where intended use goes, long enough to count as a section.\n")


def cases() -> list[Case]:
    """Return every hostile case (the big ones are built on the fly)."""
    day = iter(range(10, 60))

    def model(model_id: str, **fields) -> dict:
        record = synthetic(model_id, sha=f"{sum(map(ord, model_id)):040d}",
                           modified=f"2025-03-{next(day) % 28 + 1:02d}T00:00:00.000Z", **fields)
        if "cardData" not in fields:
            del record["cardData"]  # the harvester then reads the README's own front matter
        return record

    return [
        Case("huge-readme", "a 10 MB README", model("hostile/huge-readme", cardData={"license": "mit"}),
             "---\nlicense: mit\n---\n\n# Huge\n\n" + ("All work and no play. " * 480_000)),
        Case("alias-bomb", "a YAML alias bomb (9^10 expansions)", model("hostile/alias-bomb"), _alias_bomb()),
        Case("deep-yaml", "1,000 levels of nesting in the front matter", model("hostile/deep-yaml"), _deep_yaml()),
        Case("deep-json", "800 levels of nesting in the API record's cardData",
             model("hostile/deep-json", cardData={"license": "mit", "deep": _deep_json()}),
             "# Deep JSON\n\nA card for the model whose API record nests deeply.\n"),
        Case("bad-utf8", "invalid UTF-8 and NUL bytes in the card and the record",
             model("hostile/bad-utf8", tags=["ok", "nul\x00tag"], cardData={"license": "mit\x00"}),
             "---\nlicense: mit\n---\n\n# Bad \udcff\udcfe bytes\n\nNUL here: \x00 and more text after it.\n"),
        Case("html-everywhere", "HTML, <script> and javascript: links in every field that reaches a page",
             model("hostile/html-everywhere", tags=[XSS, IMG, f"dataset:{XSS}", f"license:{XSS}", "arxiv:<b>1</b>"],
                   pipeline_tag=XSS, library_name=IMG, author=XSS,
                   cardData={"license": "other", "license_name": XSS, "license_link": JS_LINK,
                             "datasets": [XSS, JS_LINK], "base_model": XSS, "language": [XSS]}),
             _hostile_card()),
        Case("wrong-types", "wrong JSON types: numbers as strings, lists as dicts, dicts as lists",
             model("hostile/wrong-types", tags={"a": 1}, downloads="many", likes=[1], pipeline_tag=42,
                   library_name={"x": 1}, createdAt=12345, lastModified="2025-03-05T00:00:00.000Z",
                   cardData=["license", "mit"], siblings="README.md", gated="sometimes"), None),
        Case("wrong-card-types", "wrong types inside the card data",
             model("hostile/wrong-card-types", cardData={"license": 7, "datasets": {"a": "b"}, "language": 3,
                                                          "base_model": ["x", 1, None], "tags": "one",
                                                          "model-index": {"name": 1}, "co2_eq_emissions": "lots"}),
             None),
        Case("dot-dot", "an id with ../ in it", model("hostile/../../etc/passwd"), None),
        Case("encoded-slash", "an id with %2F in it", model("hostile/a%2F..%2Fb"), None),
        Case("many-tags", "100,000 tags", model("hostile/many-tags", tags=[f"tag-{i}" for i in range(100_000)],
                                                 cardData={"license": "mit"}),
             "# Many tags\n\nA card for the model with a hundred thousand tags.\n"),
    ]


def well_behaved() -> Case:
    """A normal model harvested in the same run: nothing about it may be lost."""
    return Case("normal", "nothing", synthetic("plain/normal-model", sha="1" * 40, modified="2025-03-01T00:00:00.000Z",
                                              tags=["transformers", "license:apache-2.0"], pipeline_tag="fill-mask",
                                              cardData={"license": "apache-2.0"}),
                "---\nlicense: apache-2.0\n---\n\n# Normal\n\nAn ordinary model for masked language modelling, "
                "written for the hostile corpus test.\n")


def write(directory: Path) -> None:
    """Write the corpus as a replay snapshot directory (models.jsonl.gz, cards.jsonl.gz)."""
    directory.mkdir(parents=True, exist_ok=True)
    all_cases = [*cases(), well_behaved()]
    with gzip.open(directory / "models.jsonl.gz", "wt", encoding="utf-8") as fh:
        for case in all_cases:
            fh.write(json.dumps(case.model) + "\n")
    with gzip.open(directory / "cards.jsonl.gz", "wt", encoding="utf-8", errors="surrogateescape") as fh:
        for case in all_cases:
            if case.card is not None:
                fh.write(json.dumps({"id": case.model["id"], "text": case.card}) + "\n")


if __name__ == "__main__":
    write(Path(sys.argv[1]))
