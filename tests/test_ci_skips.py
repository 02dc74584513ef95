"""Under CI=true a skipped test is reported as a failure (tests/conftest.py); elsewhere it stays a visible skip."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _run_a_skipping_test(tmp_path: Path, ci: str) -> subprocess.CompletedProcess:
    probe = tmp_path / "test_probe.py"
    probe.write_text("import pytest\n\ndef test_probe():\n    pytest.skip('a tool is missing')\n")
    env = dict(os.environ, CI=ci, PYTHONPATH=os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]))
    return subprocess.run([sys.executable, "-m", "pytest", "-q", "-rs", "-p", "no:cacheprovider", "-p", "tests.conftest",
                           str(probe)], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)


@pytest.mark.parametrize("ci, code, shown", [("true", 1, "1 failed"), ("false", 0, "1 skipped")])
def test_a_skip_fails_only_under_ci(tmp_path, ci, code, shown):
    result = _run_a_skipping_test(tmp_path, ci)
    assert result.returncode == code, result.stdout
    assert shown in result.stdout and "a tool is missing" in result.stdout
