"""`mlfdo serve` and `mlfdo demo` at the command line."""

from __future__ import annotations

import pytest

from registry.cli import cli


def test_serve_and_demo_have_help(runner):
    for name in ("serve", "demo"):
        result = runner.invoke(cli, [name, "--help"])
        assert result.exit_code == 0
        assert "--port" in result.output and "--host" in result.output


def test_serve_reports_a_busy_store(runner, tmp_path):
    from registry.store import Store

    holder = Store.open(tmp_path, "http://registry.test")
    try:
        result = runner.invoke(cli, ["--data-dir", str(tmp_path), "serve", "--port", "0"])
    finally:
        holder.close()
    assert result.exit_code == 5
    assert "in use" in result.output


@pytest.mark.slow
def test_demo_loads_prints_and_can_skip_serving(runner, tmp_path):
    result = runner.invoke(cli, ["demo", "--data-dir", str(tmp_path), "--no-serve"])  # as `make demo` calls it
    assert result.exit_code == 0, result.output
    assert '"fdos":' in result.output
    assert "One record:" in result.output and "fair4ml:MLModel" in result.output
