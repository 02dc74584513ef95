"""`mlfdo index [--rebuild]` and `mlfdo search` on an on-disk registry."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from registry.cli import cli
from tests.data.search.records import BASE, make_registry


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory):
    directory = tmp_path_factory.mktemp("search-cli")
    make_registry(directory).close()
    return directory


def run(data_dir, *args):
    runner = CliRunner()
    result = runner.invoke(cli, ["--data-dir", str(data_dir), "--base-url", BASE, *args],
                           env={"MLFDO_QDRANT_URL": "", "MLFDO_EMBEDDER": "static"},
                           catch_exceptions=False)
    return result


def test_index_then_search_then_rebuild(data_dir):
    first = run(data_dir, "index")
    assert first.exit_code == 0, first.output
    indexed = int(first.stdout.split("indexed ")[1].split(",")[0])
    assert indexed >= 30

    again = run(data_dir, "index")
    assert "indexed 0, removed 0" in again.stdout

    found = run(data_dir, "search", "German sentiment classification", "--json")
    assert found.exit_code == 0, found.output
    body = json.loads(found.stdout)
    assert body["results"][0]["name"] == "oliverguhr/german-sentiment-bert"

    text = run(data_dir, "search", "speech recognition", "--filter", "licence=Apache-2.0", "--per-page", "3")
    assert text.exit_code == 0
    assert "openai/whisper-small" in text.stdout and "result(s)" in text.stdout

    rebuilt = run(data_dir, "index", "--rebuild")
    assert f"indexed {indexed}, removed 0" in rebuilt.stdout


def test_search_rejects_a_malformed_filter(data_dir):
    result = run(data_dir, "search", "bert", "--filter", "licence")
    assert result.exit_code == 2
    assert "FACET=VALUE" in result.output


def test_demo_index_build_stays_open_as_the_registrys_searcher_and_a_plain_one_closes(tmp_path):
    from registry.cli.search_cmds import build_index
    from registry.search import get_searcher
    from registry.search.document import indexed_versions

    registry = make_registry(tmp_path)
    try:
        wanted = {pid: item.version for pid, item in indexed_versions(registry.store).items()}
        build_index(registry)  # `mlfdo index`: builds, then closes what it opened
        assert registry.loaded("search") is None

        build_index(registry, keep=True)  # `mlfdo demo`: the server searches what was just built, no reload
        searcher = registry.loaded("search")
        assert searcher is not None
        assert searcher.index.engine.versions() == wanted
        assert get_searcher(registry, background=True) is searcher
        assert searcher.search("German sentiment classification", per_page=3).results
    finally:
        registry.close()
