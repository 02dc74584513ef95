"""`mlfdo` store commands through Click's runner, on a real on-disk store in a temp directory."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from registry.cli import cli

MODEL_TTL = """@prefix fair4ml: <https://w3id.org/fair4ml#> .
@prefix schema: <https://schema.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .

<https://huggingface.co/acme/tiny-bert> a fair4ml:MLModel ;
    schema:name "tiny-bert" ;
    schema:identifier "acme/tiny-bert" ;
    schema:description "{description}" ;
    schema:license <https://spdx.org/licenses/Apache-2.0> ;
    schema:dateCreated "2024-03-01T00:00:00Z"^^xsd:dateTime .

<https://huggingface.co/acme/other> a fair4ml:MLModel ;
    schema:name "other" ;
    schema:identifier "acme/other" .
"""


@pytest.fixture
def runner(tmp_path: Path):
    r = CliRunner()
    env = {"MLFDO_DATA_DIR": str(tmp_path / "data"), "MLFDO_BASE_URL": "http://registry.test"}

    def invoke(*args, input=None):
        return r.invoke(cli, list(args), env=env, input=input, catch_exceptions=False)

    return invoke


def write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_ingest_twice_then_change_gives_two_versions_and_a_diff(runner, tmp_path):
    first = write(tmp_path, "m1.ttl", MODEL_TTL.format(description="first"))
    assert runner("ingest", first).output.strip().endswith("new: 2")
    assert "unchanged: 2" in runner("ingest", first).output
    second = write(tmp_path, "m2.ttl", MODEL_TTL.format(description="second"))
    assert "changed: 1" in runner("ingest", second).output
    ref = "iri:https://huggingface.co/acme/tiny-bert"
    history = runner("history", ref)
    assert history.exit_code == 0 and "v1" in history.output and "v2" in history.output
    diff = runner("diff", ref, "1", "2")
    assert "https://schema.org/description: +1 -1" in diff.output
    assert '+ ' in diff.output and '"second"' in diff.output


def test_bad_turtle_names_file_and_line_and_keeps_stored_data(runner, tmp_path):
    good = write(tmp_path, "good.ttl", MODEL_TTL.format(description="kept"))
    runner("ingest", good)
    bad = write(tmp_path, "bad.ttl", MODEL_TTL.format(description="x") + '\n<a> <b> "unterminated .\n')
    result = runner("ingest", good, bad)
    assert result.exit_code == 2
    assert "bad.ttl:16" in result.output
    assert "Traceback" not in result.output
    stats = json.loads(runner("stats", "--json").output)
    assert stats["fdos"] == 2 and stats["versions"] == 2


def test_jsonld_record_without_identifier_is_refused_clearly(runner, tmp_path):
    doc = {"@context": {"schema": "https://schema.org/"}, "@type": "schema:Dataset", "schema:name": "nameless"}
    path = write(tmp_path, "anon.jsonld", json.dumps(doc))
    result = runner("ingest", path)
    assert result.exit_code == 2
    assert "anon.jsonld" in result.output and "without identifier" in result.output


def test_jsonld_ingest_and_show_in_every_format(runner, tmp_path):
    doc = {"@context": {"schema": "https://schema.org/", "fair4ml": "https://w3id.org/fair4ml#"},
           "@id": "https://huggingface.co/acme/json-model", "@type": "fair4ml:MLModel",
           "schema:name": "json-model", "schema:identifier": "acme/json-model"}
    runner("ingest", write(tmp_path, "m.jsonld", json.dumps(doc)))
    ref = "iri:https://huggingface.co/acme/json-model"
    assert '"json-model"' in runner("show", ref, "--format", "nt").output
    assert "schema:name" in runner("show", ref, "--format", "ttl").output
    assert "<rdf:RDF" in runner("show", ref, "--format", "rdf").output


def test_unknown_id_exits_3(runner):
    result = runner("show", "hf:nobody/nothing")
    assert result.exit_code == 3
    assert result.output.startswith("Error: no FDO matches")


def test_sparql_formats_and_syntax_error(runner, tmp_path):
    runner("ingest", write(tmp_path, "m.ttl", MODEL_TTL.format(description="q")))
    q = "SELECT ?n WHERE { ?m <https://schema.org/name> ?n } ORDER BY ?n"
    assert json.loads(runner("sparql", q, "--format", "json").output) == [{"n": "other"}, {"n": "tiny-bert"}]
    assert runner("sparql", q, "--format", "csv").output.splitlines() == ["n", "other", "tiny-bert"]
    bad = runner("sparql", "SELECT WHERE {")
    assert bad.exit_code == 2 and "SPARQL syntax error" in bad.output


def test_export_current_and_history(runner, tmp_path):
    runner("ingest", write(tmp_path, "m1.ttl", MODEL_TTL.format(description="one")))
    runner("ingest", write(tmp_path, "m2.ttl", MODEL_TTL.format(description="two")))
    current = runner("export", "--format", "nt").output
    assert '"two"' in current and '"one"' not in current
    history = runner("export", "--format", "nq", "--history").output
    assert '"one"' in history and "/v/1>" in history and "prov#generatedAtTime" in history
    assert runner("export", "--format", "ttl", "--history").exit_code == 2
