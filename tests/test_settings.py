"""One settings loader: defaults < instance config file < environment < overrides; the store's base URL."""

from __future__ import annotations

import os

import pytest
import requests

from registry.cli import cli
from registry.errors import ConfigError
from registry.settings import SETTINGS, load_settings
from registry.store import Store
from tests.factories import model_pid, model_record
from tests.servers import mlfdo_serve


def test_layers_apply_in_order(tmp_path):
    cfg = tmp_path / "site.cfg"
    cfg.write_text("PAGE_SIZE = 7\nSPARQL_TIMEOUT = 3.0\nMLFDO_SPARQL_LIMIT = 5\nSECRET_KEY = 'k'\n")
    environ = {"MLFDO_CONFIG_FILE": str(cfg), "MLFDO_SPARQL_TIMEOUT": "4.5", "MLFDO_SPARQL_LIMIT": "6"}
    settings = load_settings(environ, {"SPARQL_LIMIT": 99})
    assert settings["PAGE_SIZE"] == 7  # file beats the default
    assert settings["SPARQL_TIMEOUT"] == 4.5  # environment beats the file
    assert settings["SPARQL_LIMIT"] == 99  # overrides beat everything
    assert settings["BASE_URL"] == "http://127.0.0.1:8000"  # untouched default
    assert settings.extra == {"SECRET_KEY": "k"}  # not a setting: kept for the web app


def test_the_default_config_file_is_read_from_the_working_directory(tmp_path, monkeypatch):
    (tmp_path / "instance").mkdir()
    (tmp_path / "instance" / "mlfdo.cfg").write_text("BASE_URL = 'http://from-file.test'\n")
    assert load_settings({})["BASE_URL"] == "http://127.0.0.1:8000"  # tests run from elsewhere
    monkeypatch.chdir(tmp_path)
    assert load_settings({})["BASE_URL"] == "http://from-file.test"


def test_platform_variables_are_read_when_the_mlfdo_variable_is_unset():
    assert load_settings({"HF_ENDPOINT": "https://mirror.test"})["HF_ENDPOINT"] == "https://mirror.test"
    both = {"HF_ENDPOINT": "https://mirror.test", "MLFDO_HF_ENDPOINT": "https://ours.test"}
    assert load_settings(both)["HF_ENDPOINT"] == "https://ours.test"
    assert load_settings({"OLLAMA_HOST": "http://gpu:11434"})["OLLAMA_URL"] == "http://gpu:11434"


def test_bad_values_and_missing_files_name_the_variable(tmp_path):
    with pytest.raises(ValueError, match="MLFDO_PAGE_SIZE"):
        load_settings({"MLFDO_PAGE_SIZE": "many"})
    with pytest.raises(ValueError, match="no such file"):
        load_settings({"MLFDO_CONFIG_FILE": str(tmp_path / "absent.cfg")})


def test_every_setting_default_survives_its_own_cast():
    for setting in SETTINGS:
        if setting.default not in ("", None):
            assert setting.cast(str(setting.default)) == setting.default, setting.name


def test_a_store_opened_under_another_base_url_stops_naming_both(tmp_path):
    store = Store.open(tmp_path, "http://first.test")
    store.ingest(model_record("org/model", base="http://first.test"))
    store.close()
    with pytest.raises(ConfigError) as raised:
        Store.open(tmp_path, "http://second.test")
    assert "http://first.test" in raised.value.message and "http://second.test" in raised.value.message
    with pytest.raises(ConfigError):
        Store.open(tmp_path, "http://second.test", read_only=True)
    reopened = Store.open(tmp_path, "http://first.test/")  # a trailing slash is the same base URL
    assert reopened.exists(model_pid("org/model", "http://first.test"))
    reopened.close()


def test_an_empty_store_takes_the_base_url_of_its_first_opening(tmp_path):
    Store.open(tmp_path, "http://first.test").close()
    with pytest.raises(ConfigError, match="http://first.test"):
        Store.open(tmp_path, "http://second.test")


def test_the_cli_reports_a_base_url_mismatch_with_exit_code_2(runner, tmp_path):
    Store.open(tmp_path, "http://first.test").close()
    result = runner.invoke(cli, ["--data-dir", str(tmp_path), "--base-url", "http://second.test", "stats"])
    assert result.exit_code == 2
    assert "http://first.test" in result.output and "http://second.test" in result.output


@pytest.mark.server
def test_serve_reads_the_instance_config_before_opening_the_store(tmp_path):
    (tmp_path / "instance").mkdir()
    data_dir = tmp_path / "data"
    (tmp_path / "instance" / "mlfdo.cfg").write_text(
        f"BASE_URL = 'http://from-file.test'\nDATA_DIR = {str(data_dir)!r}\nPAGE_SIZE = 3\n")
    env = {k: v for k, v in os.environ.items() if not k.startswith("MLFDO_")}
    with mlfdo_serve(env, cwd=tmp_path) as url:
        servers = requests.get(url + "/openapi.json", timeout=10).json()["servers"]
    assert servers == [{"url": "http://from-file.test"}]
    with pytest.raises(ConfigError, match="http://from-file.test"):  # the store was opened from the file's settings
        Store.open(data_dir, "http://127.0.0.1:8000")
