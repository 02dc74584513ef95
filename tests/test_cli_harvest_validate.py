"""`mlfdo harvest huggingface` against the offline Hub on loopback, and `mlfdo validate`, at the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from registry.cli import cli
from tests.data.hf.helpers import numbered, replay, snapshot_of

BASE = "http://registry.test"

CONFORMING = """@prefix fair4ml: <https://w3id.org/fair4ml#> .
@prefix schema: <https://schema.org/> .
<https://huggingface.co/acme/good> a fair4ml:MLModel ;
    schema:name "good" ; schema:identifier "acme/good" ;
    schema:license <https://spdx.org/licenses/MIT> .
"""
VIOLATING = """@prefix fair4ml: <https://w3id.org/fair4ml#> .
@prefix schema: <https://schema.org/> .
<https://huggingface.co/acme/bad> a fair4ml:MLModel ;
    schema:name "bad" ; schema:identifier "acme/bad" ;
    schema:license "whatever the author typed" .
"""


@pytest.fixture
def mlfdo(tmp_path: Path):
    """Run `mlfdo` on a store in tmp_path, with settings from the given environment only."""
    runner = CliRunner()

    def invoke(*args: str, **env: str):
        return runner.invoke(cli, list(args), env={"MLFDO_DATA_DIR": str(tmp_path / "data"),
                                                   "MLFDO_BASE_URL": BASE, **env})

    return invoke


def test_harvest_huggingface_from_a_loopback_hub_is_incremental(mlfdo):
    models = numbered(4)
    with replay(snapshot_of(models)) as hub:
        first = mlfdo("harvest", "huggingface", "--endpoint", hub.url, "--since", "2000-01-01")
        again = mlfdo("harvest", "huggingface", "--endpoint", hub.url)
    assert first.exit_code == 0, first.output
    assert "fetched 4, new 4, changed 0, unchanged 0, failed 0; 4 cards" in first.output
    assert again.exit_code == 0 and "new 0" in again.output and "0 cards" in again.output
    shown = mlfdo("show", f"hf:{models[2]['id']}")
    assert shown.exit_code == 0 and models[2]["id"] in shown.output
    stats = json.loads(mlfdo("stats", "--json").output)
    assert stats["by_kind"]["model"] == {"active": 4}


def test_harvest_takes_the_hub_from_the_hf_endpoint_setting(mlfdo):
    models = numbered(2)
    with replay(snapshot_of(models)) as hub:
        result = mlfdo("harvest", "huggingface", "--ids", models[0]["id"], MLFDO_HF_ENDPOINT=hub.url)
        assert hub.counts["info"] == 1  # the one model was fetched from this hub
    assert result.exit_code == 0, result.output
    assert "fetched 1, new 1" in result.output


def test_harvest_that_the_hub_refuses_exits_1_with_the_reason(mlfdo):
    with replay(snapshot_of(numbered(3))) as hub:
        hub.fail(r"^/api/models\?", 404, times=10)  # the listing is refused (no retry for a 404)
        result = mlfdo("harvest", "huggingface", "--endpoint", hub.url, "--since", "2000-01-01")
    assert result.exit_code == 1
    assert "stopped early" in result.output and "404" in result.output and "new 0" in result.output


def test_validate_reports_the_shapes_findings_and_exits_1_on_a_violation(mlfdo, tmp_path):
    (tmp_path / "good.ttl").write_text(CONFORMING, encoding="utf-8")
    (tmp_path / "bad.ttl").write_text(VIOLATING, encoding="utf-8")
    assert mlfdo("ingest", str(tmp_path / "good.ttl"), str(tmp_path / "bad.ttl")).exit_code == 0
    good = mlfdo("validate", "iri:https://huggingface.co/acme/good")
    assert good.exit_code == 0, good.output
    assert "checked 1 FDO(s): 0 violation(s)" in good.output
    everything = mlfdo("validate")
    assert everything.exit_code == 1
    assert "Violation:" in everything.output and "schema:license must be an IRI" in everything.output
    assert "checked 2 FDO(s): 1 violation(s)" in everything.output
    report = json.loads(mlfdo("validate", "--json").output)
    assert report["checked"] == 2 and report["violations"] == 1
    assert [r["pid"] for r in report["records"] if not r["conforms"]] == \
        [json.loads(mlfdo("sparql", "SELECT ?s WHERE { ?s <https://schema.org/identifier> \"acme/bad\" }",
                          "--format", "json").output)[0]["s"]]


def test_validate_an_unknown_fdo_exits_3(mlfdo):
    result = mlfdo("validate", "hf:nobody/nothing")
    assert result.exit_code == 3 and "no FDO matches" in result.output
