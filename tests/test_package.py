"""A wheel built from the checkout, installed outside it, validates and serves pages from any directory."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import requests

from tests.servers import mlfdo_serve

ROOT = Path(__file__).resolve().parents[1]
WEB_DATA = ROOT / "tests" / "data" / "web"
INVALID = ROOT / "tests" / "data" / "shapes" / "invalid" / "model-no-name.ttl"
BASE = "http://registry.test"
SHIPPED = ("registry/templates/base.html", "registry/templates/fdo/landing.html", "registry/static/mlfdo.css",
           "registry/shapes/mlmodel.ttl", "registry/ontology/context.jsonld", "registry/ontology/fair4ml.ttl",
           "harvesters/data/hf_snapshot/models.jsonl.gz")


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """Build a wheel from a copy of the sources (the checkout stays clean) and install it in a folder."""
    work = tmp_path_factory.mktemp("wheel")
    source = work / "source"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    for package in ("registry", "harvesters", "workers"):
        shutil.copytree(ROOT / package, source / package, ignore=shutil.ignore_patterns("__pycache__"))
    subprocess.run([sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(work / "dist"),
                    str(source)], check=True, capture_output=True)
    wheel = next((work / "dist").glob("mlfdo-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    missing = [name for name in SHIPPED if name not in names]
    assert missing == [], f"the wheel lacks {missing}"
    target = work / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "--no-index", "--target", str(target),
                    str(wheel)], check=True, capture_output=True)
    return target


def _env(site: Path, data_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MLFDO_")}
    env.update(PYTHONPATH=str(site), MLFDO_DATA_DIR=str(data_dir), MLFDO_BASE_URL=BASE)
    return env


def _mlfdo(env: dict[str, str], cwd: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "registry", *args], env=env, cwd=cwd, capture_output=True,
                          text=True, timeout=600)


@pytest.mark.slow
@pytest.mark.server
def test_the_installed_wheel_validates_and_serves_a_landing_page(installed, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = _env(installed, tmp_path / "data")
    where = _mlfdo(env, elsewhere, "--version")
    assert where.returncode == 0, where.stderr
    found = subprocess.run([sys.executable, "-c", "import registry; print(registry.__file__)"], env=env,
                           cwd=elsewhere, capture_output=True, text=True, check=True)
    assert found.stdout.strip().startswith(str(installed)), "the wheel, not the checkout, must be imported"

    ingested = _mlfdo(env, elsewhere, "ingest", str(WEB_DATA / "registry-v1.ttl"))
    assert ingested.returncode == 0, ingested.stderr
    valid = _mlfdo(env, elsewhere, "validate", "--json")
    assert json.loads(valid.stdout)["checked"] > 0
    _mlfdo(env, elsewhere, "ingest", str(INVALID))
    invalid = _mlfdo(env, elsewhere, "validate", "--json")
    assert invalid.returncode == 1 and json.loads(invalid.stdout)["violations"] >= 1  # the shipped shapes ran

    with mlfdo_serve(env, cwd=elsewhere) as url:
        page = requests.get(f"{url}/fdo/3krpxs3xvfvka", headers={"Accept": "text/html"}, timeout=30)
        css = requests.get(f"{url}/static/mlfdo.css", timeout=30)
        context = requests.get(f"{url}/ontology/context.jsonld", timeout=30)
    assert page.status_code == 200 and "base-lm" in page.text and "<html" in page.text.lower()
    assert css.status_code == 200 and css.text.strip()
    assert context.status_code == 200 and "@context" in context.json()
