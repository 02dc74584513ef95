"""The Celery tasks for OpenML and arXiv run the same harvest as the CLI (called in-process here;
tests/test_workers.py drives a real worker for the Hugging Face task)."""

from __future__ import annotations

from harvesters.arxiv.offline import ArxivReplay
from harvesters.arxiv.offline import demo_snapshot_dir as arxiv_snapshot
from harvesters.openml.offline import OpenMLReplay
from harvesters.openml.offline import demo_snapshot_dir as openml_snapshot
from registry.service import Registry


def test_openml_and_arxiv_tasks_harvest_into_the_configured_store(tmp_path, monkeypatch):
    from workers.tasks import harvest_arxiv, harvest_openml

    monkeypatch.setenv("MLFDO_DATA_DIR", str(tmp_path))
    with OpenMLReplay(openml_snapshot()) as server:
        first = harvest_openml(datasets=["61"], server=server.server_url)
        again = harvest_openml(datasets=["61"], server=server.server_url)
    with ArxivReplay(arxiv_snapshot()) as server:
        monkeypatch.setenv("MLFDO_ARXIV_URL", server.query_url)
        papers = harvest_arxiv(ids=["1707.08567", "abc"])
    assert (first["new"], again["new"], again["unchanged"]) == (1, 0, 1)
    assert papers["new"] == 1 and any("rejected" in p for p in papers["problems"])
    registry = Registry.open()
    try:
        assert registry.store.stats()["by_kind"]["paper"] == {"active": 1, "stub": 1}
    finally:
        registry.close()


def test_harvest_commands_print_summaries_problems_and_exit_codes(runner, tmp_path, monkeypatch):
    from registry.cli import cli

    data = ["--data-dir", str(tmp_path)]
    with OpenMLReplay(openml_snapshot()) as server:
        ok = runner.invoke(cli, [*data, "harvest", "openml", "--server", server.server_url, "--runs", "100"])
        server.fail(r"/data/list", 503, "<html>busy</html>")
        stopped = runner.invoke(cli, [*data, "harvest", "openml", "--server", server.server_url])
    assert ok.exit_code == 0 and "fetched 4, new 1" in ok.output and "OpenML has no flow 67" in ok.output
    assert stopped.exit_code == 1 and "stopped early: listing datasets failed" in stopped.output
    with ArxivReplay(arxiv_snapshot()) as server:
        monkeypatch.setenv("MLFDO_ARXIV_URL", server.query_url)
        papers = runner.invoke(cli, [*data, "harvest", "arxiv", "--ids", "1707.08567,abc"])
        usage = runner.invoke(cli, [*data, "harvest", "arxiv"])
    assert papers.exit_code == 0 and "new 1" in papers.output and "arXiv rejected the id 'abc'" in papers.output
    assert usage.exit_code == 2 and "--missing" in usage.output


def test_harvest_huggingface_datasets_fills_referenced_stubs(runner, tmp_path, monkeypatch):
    from harvesters.huggingface.datasets_offline import DatasetReplay
    from harvesters.huggingface.refs import Stubs
    from registry.cli import cli

    monkeypatch.setenv("MLFDO_DATA_DIR", str(tmp_path))
    registry = Registry.open()
    try:
        stubs = Stubs(registry.base_url, None)
        stubs.dataset("test-org/one")
        registry.store.ingest_many(list(stubs.records.values()))
    finally:
        registry.close()
    record = {"id": "test-org/one", "tags": ["license:mit"], "cardData": {"license": "mit"}}
    with DatasetReplay({"test-org/one": record}) as server:
        result = runner.invoke(cli, ["harvest", "huggingface", "--datasets", "--endpoint", server.url])
    assert result.exit_code == 0, result.output
    assert "fetched 1, new 1" in result.output
