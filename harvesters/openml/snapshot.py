"""Build the bundled OpenML snapshot from recorded OpenML answers, keeping structured facts only.

    python -m harvesters.openml.snapshot RECORDED_DIR [OUT_DIR]

RECORDED_DIR is a folder of recorded OpenML XML answers laid out as openml-python's test
files are. Every free-text description is replaced by one we wrote (``DESCRIPTIONS``) or
dropped; everything else (ids, names, versions, dates, parameters, metrics, tags, licences,
URLs) is kept byte for byte. The error answers OpenML sent for objects it does not have are
copied into ``errors/``; the listing-end answers are ours, with the codes the client knows.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from harvesters.openml.offline import demo_snapshot_dir

__all__ = ["build", "SOURCES", "DESCRIPTIONS"]

# (kind, id) -> file under the recorded folder
SOURCES = {
    ("flow", 4253): "openml-python-embedded/flow_4253.xml",
    ("run", 100): "openml-python/org/openml/test/api/v1/xml/run/1/body.xml",
    ("task", 1): "openml-python/org/openml/test/api/v1/xml/task/1/body.xml",
    ("task", 3): "openml-python/org/openml/test/api/v1/xml/task/3/body.xml",
    ("task", 1882): "openml-python/org/openml/test/api/v1/xml/task/1882/body.xml",
    ("data", 1): "openml-python/org/openml/test/datasets/1/description.xml",
    ("data", 2): "openml-python/org/openml/test/api/v1/xml/data/2/body.xml",
    ("data", 61): "openml-python/mock_responses/datasets/data_description_61.xml",
    ("data", 395): "openml-python/mock_responses/datasets/sparse_categorical_395/description.xml",
    ("data", 4136): "openml-python/mock_responses/datasets/sparse_dataset/data_description.xml",
    ("data", 40945): "openml-python/mock_responses/datasets/40945/description.xml",
}
ERRORS = {
    "flow": "openml-python/mock_responses/flows/flow_delete_not_exist.xml",
    "run": "openml-python/mock_responses/runs/run_delete_not_exist.xml",
    "task": "openml-python/mock_responses/tasks/task_delete_not_exist.xml",
    "data": "openml-python/mock_responses/datasets/data_delete_not_exist.xml",
}
LIST_END = {"flow": 500, "run": 512, "task": 482, "data": 372}
# Our own one-line descriptions (the recorded ones are other people's prose).
DESCRIPTIONS = {
    ("flow", 4253): "Randomised hyper-parameter search over a scikit-learn pipeline that one-hot encodes, "
                    "scales, combines selected and SVD-reduced features, and boosts decision trees.",
    ("data", 1): "Records of an annealing process in steel production, each labelled with a product class.",
    ("data", 2): "Records of an annealing process in steel production, each labelled with a product class.",
    ("data", 61): "Measurements of sepals and petals of three iris species, a classic small classification set.",
    ("data", 395): "Word counts of news documents in sparse form, each labelled with its topic.",
    ("data", 4136): "High-dimensional sparse text features for a binary document classification task.",
    ("data", 40945): "Passengers of a historic ship voyage with their travel details and whether they survived.",
}
_DESCRIPTION = re.compile(r"<oml:description>.*?</oml:description>|<oml:description/>", re.S)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def clean(xml: str, key: tuple[str, int]) -> str:
    """Return the answer with every description replaced by ours (first one) or emptied."""
    ours = DESCRIPTIONS.get(key)
    first = [True]

    def replace(_match: re.Match) -> str:
        if first[0] and ours:
            first[0] = False
            return f"<oml:description>{_escape(ours)}</oml:description>"
        first[0] = False
        return "<oml:description></oml:description>"

    return _DESCRIPTION.sub(replace, xml)


def build(recorded: Path, out: Path) -> int:
    """Write the snapshot to ``out``; return the number of objects written."""
    for (kind, object_id), relative in SOURCES.items():
        xml = (recorded / relative).read_text("utf-8")
        target = out / kind / f"{object_id}.xml"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(clean(xml, (kind, object_id)), "utf-8")
    (out / "errors").mkdir(parents=True, exist_ok=True)
    for kind, relative in ERRORS.items():
        (out / "errors" / f"{kind}.xml").write_text((recorded / relative).read_text("utf-8"), "utf-8")
    for kind, code in LIST_END.items():
        (out / "errors" / f"list-{kind}.xml").write_text(
            f'<oml:error xmlns:oml="http://openml.org/openml">\n  <oml:code>{code}</oml:code>\n'
            f"  <oml:message>No results</oml:message>\n</oml:error>\n", "utf-8")
    return len(SOURCES)


if __name__ == "__main__":  # pragma: no cover - a maintenance script
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    count = build(Path(sys.argv[1]), Path(sys.argv[2]) if len(sys.argv) > 2 else demo_snapshot_dir())
    print(f"wrote {count} OpenML objects")
