"""The compose topology as processes: `mlfdo stack` runs what docker-compose.yml describes, and stops cleanly."""

from __future__ import annotations

import json
import socket
from pathlib import Path
from urllib.parse import quote

import pytest
import redis
import requests
import yaml

from harvesters.huggingface.offline import ReplayServer, Snapshot
from harvesters.huggingface.snapshot import demo_snapshot_dir
from registry.stack import SHARED_SETTINGS, STATE_FILE, WORKERS, down, services, up
from tests.servers import free_port, redis_db_url, wait_for

ROOT = Path(__file__).resolve().parent.parent
BROKER = redis_db_url(0)
VALUE_FLAGS = {"--host", "--port", "--location", "--bind", "--schedule", "--hostname", "-A"}


def _shape(argv) -> list[str]:
    """Subcommands and flag names, without the program and the values of flags that name places."""
    words = list(argv)
    if words[:3] == [words[0], "-m", "registry"]:
        words = ["mlfdo", *words[3:]]
    out, skip = [], False
    for word in words[1:]:
        if skip:
            skip = False
            continue
        out.append(word)
        skip = word in VALUE_FLAGS
    return out


def test_compose_file_and_stack_name_the_same_services_commands_and_settings(tmp_path):
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    stack = services(tmp_path, 8000, 7878, 6379)
    assert {s.name for s in stack} <= set(compose["services"])
    for service in stack:
        command = compose["services"][service.name].get("command")
        if command is None:  # an image's own entry point (Redis)
            continue
        want = _shape(["prog", *command.split()] if service.name == "oxigraph" else command.split())
        got = _shape(service.argv)
        assert [w for w in got if w not in ("--hostname",)][:len(want)] == want, service.name
    assert compose["services"]["worker"]["deploy"]["replicas"] == WORKERS == sum(s.name == "worker" for s in stack)
    web_replicas = compose["services"]["web"].get("deploy", {}).get("replicas", 1)
    assert web_replicas == sum(s.name == "web" for s in stack) == 1  # `--web N` is the stack's scale-out
    assert set(compose["x-mlfdo"]["environment"]) == set(SHARED_SETTINGS)


def _small_hub() -> Snapshot:
    demo = Snapshot.load(demo_snapshot_dir())
    keys = sorted(demo.models)[:12]
    return Snapshot([demo.models[k] for k in keys], {k: demo.cards[k] for k in keys if k in demo.cards})


@pytest.mark.server
@pytest.mark.slow
def test_stack_runs_a_beat_harvest_serves_it_on_two_web_processes_and_stops_with_nothing_left(tmp_path, monkeypatch):
    with redis.Redis.from_url(BROKER) as client:
        client.flushdb()
    with ReplayServer(_small_hub()) as hub:
        monkeypatch.setenv("MLFDO_HF_ENDPOINT", hub.url)
        monkeypatch.setenv("MLFDO_HARVEST_INTERVAL", "3")
        monkeypatch.setenv("MLFDO_LLM", "extractive")
        record = up(tmp_path / "stack", web_port=_two_free_ports(), broker_url=BROKER, webs=2)
        try:
            web, second = record["webs"]
            assert second.rsplit(":", 1)[1] == str(int(web.rsplit(":", 1)[1]) + 1)
            stats = wait_for(lambda: (s := requests.get(web + "/api/stats", timeout=10).json())
                           ["by_kind"].get("model", {}).get("active", 0) >= 12 and s, 300, "the scheduled harvest", interval=1)
            assert stats["by_kind"]["model"]["active"] == 12
            models = requests.get(web + "/api/fdo?kind=model&per_page=50", timeout=10).json()["items"]
            page = requests.get(web + f"/fdo/{models[0]['id']}", headers={"Accept": "text/html"}, timeout=10)
            assert page.status_code == 200 and models[0]["name"] in page.text
            query = "SELECT (COUNT(?m) AS ?n) WHERE { ?m a <https://w3id.org/fair4ml#MLModel> }"
            rows = requests.get(web + "/sparql?query=" + quote(query), timeout=30,
                                headers={"Accept": "application/sparql-results+json"}).json()
            typed = sum(stats["by_kind"]["model"].values())  # harvested models and the base models they name
            assert rows["results"]["bindings"][0]["n"]["value"] == str(typed)
            wanted = models[3]
            for url in (web, second):  # a worker's writes reach each web process's index through the change feed
                found = wait_for(lambda: wanted["pid"] in requests.get(url + "/api/search", timeout=60, params={
                    "q": wanted["name"]}).text, 300, f"search at {url} finding a harvested model", interval=1)
                assert found
            assert requests.get(second + "/api/stats", timeout=10).json()["by_kind"] == stats["by_kind"]
            assert len(_processes_of(tmp_path / "stack")) >= 6, "store, workers, beat and two web processes run"
        finally:
            pids = json.loads((tmp_path / "stack" / STATE_FILE).read_text())["pids"]
            left = down(tmp_path / "stack")
    assert left == []
    assert not (tmp_path / "stack" / STATE_FILE).exists()
    assert pids and _processes_of(tmp_path / "stack") == []


def _two_free_ports() -> int:
    """Return a port that is free on 127.0.0.1 with the next one free too."""
    for _ in range(50):
        port = free_port()
        if port < 65535 and _port_free(port + 1):
            return port
    raise RuntimeError("no two consecutive free ports found")


def _port_free(port: int) -> bool:
    with socket.socket() as sock:
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def test_stack_up_refuses_fewer_than_one_web_process(runner, tmp_path):
    from registry.cli import cli

    result = runner.invoke(cli, ["stack", "up", "--dir", str(tmp_path / "stack"), "--web", "0"])
    assert result.exit_code == 2 and "--web" in result.output
    assert not (tmp_path / "stack").exists()


def _processes_of(state: Path) -> list[int]:
    """Return the processes whose environment names the stack's data directory (every service has it)."""
    marker = f"MLFDO_DATA_DIR={state.resolve() / 'data'}".encode()
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if marker in (entry / "environ").read_bytes().split(b"\0"):
                    found.append(int(entry.name))
            except OSError:  # gone meanwhile, or not ours to read
                continue
    return found
