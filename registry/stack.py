"""The scaled-out topology of docker-compose.yml as plain processes on one machine (``mlfdo stack``).

``up`` starts an ``oxigraph serve`` store, Redis (the one answering on the broker URL, or one it
starts), two Celery workers, beat and one web server (or several, on consecutive ports, as
replicas behind a load balancer would run), with the settings the compose file gives its services, and records their process ids in ``DIR/stack.json``; ``down`` stops them (each in
its own process group, so a worker's children go too) and waits until none is left. The
services and their commands are data (:func:`services`); a test checks them against the compose
file. Qdrant and Ollama are not started: the web process keeps its embedded search index and
extractive chat unless ``MLFDO_QDRANT_URL`` / ``MLFDO_LLM`` name servers that run elsewhere.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import requests

from registry.errors import MlfdoError
from registry.settings import load_settings

__all__ = ["Service", "services", "up", "down", "STATE_FILE", "SHARED_SETTINGS", "StackError"]

STATE_FILE = "stack.json"
WORKERS = 2
START_TIMEOUT = 120.0
STOP_TIMEOUT = 20.0
# The MLFDO_* settings every service of docker-compose.yml gets (its x-mlfdo environment).
SHARED_SETTINGS = ("MLFDO_BASE_URL", "MLFDO_DATA_DIR", "MLFDO_STORE_URL", "MLFDO_BROKER_URL", "MLFDO_QDRANT_URL",
                   "MLFDO_LLM", "MLFDO_OLLAMA_URL")


_STARTED: dict[Path, list[subprocess.Popen]] = {}  # stacks this process started, reaped by down()


class StackError(MlfdoError):
    status, exit_code, title = 500, 1, "Stack error"


@dataclass(frozen=True)
class Service:
    """One process of the stack: its compose service name and its command line."""

    name: str
    argv: tuple[str, ...]
    replica: int = 1


def _bin(name: str) -> str:
    local = Path(sys.executable).parent / name
    return str(local) if local.exists() else name


def services(state: Path, web_port: int, store_port: int, redis_port: int | None, webs: int = 1) -> list[Service]:
    """Return the stack's processes (``redis_port`` None: Redis is already running).

    ``webs`` web processes listen on ``web_port``, ``web_port + 1``, ...
    """
    out = [Service("oxigraph", (_bin("oxigraph"), "serve", "--location", str(state / "oxigraph"),
                                "--bind", f"127.0.0.1:{store_port}"))]
    if redis_port is not None:
        out.append(Service("redis", (_bin("redis-server"), "--port", str(redis_port), "--bind", "127.0.0.1",
                                     "--save", "", "--appendonly", "no")))
    celery = (_bin("celery"), "-A", "workers.celery_app")
    for n in range(1, WORKERS + 1):
        out.append(Service("worker", (*celery, "worker", "--loglevel=INFO", "--concurrency=2",
                                      "--hostname", f"worker{n}@%h"), n))
    out.append(Service("beat", (*celery, "beat", "--loglevel=INFO", "--schedule", str(state / "beat-schedule"))))
    for n in range(1, webs + 1):
        out.append(Service("web", (sys.executable, "-m", "registry", "serve", "--host", "127.0.0.1",
                                   "--port", str(web_port + n - 1)), n))
    return out


def _key(service: Service) -> str:
    """Return a process's name in ``stack.json`` and its log: worker1, worker2; web, web2, web3."""
    if service.name == "worker":
        return f"worker{service.replica}"
    return service.name if service.replica == 1 else f"{service.name}{service.replica}"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _redis_answers(url: str) -> bool:
    import redis

    try:
        with redis.Redis.from_url(url, socket_connect_timeout=1) as client:
            return bool(client.ping())
    except redis.RedisError:
        return False


def _wait(check, what: str, procs: dict[str, subprocess.Popen], timeout: float = START_TIMEOUT) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        dead = [name for name, p in procs.items() if p.poll() is not None]
        if dead:
            raise StackError(f"{', '.join(dead)} stopped while starting (see its log in the stack directory)")
        if check():
            return
        time.sleep(0.3)
    raise StackError(f"{what} did not answer within {timeout:g} s")


def _answers(url: str) -> bool:
    try:
        return requests.get(url, timeout=2).status_code < 500
    except requests.RequestException:
        return False


def up(state: Path, web_port: int = 8000, broker_url: str = "redis://127.0.0.1:6379/0",
       base_url: str | None = None, webs: int = 1) -> dict:
    """Start the stack with ``webs`` web processes; return what ``stack.json`` records (URLs and process ids).

    Every web process gets the same settings, so the same base URL (the first one's, unless
    ``base_url`` names the load balancer's): they serve one registry. Raises StackError when
    ``webs`` is below 1 or a service does not start.
    """
    if webs < 1:
        raise StackError(f"a stack needs at least one web process, not {webs}")
    state = Path(state).resolve()
    if (state / STATE_FILE).exists():
        raise StackError(f"a stack already runs from {state} (run `mlfdo stack down` first)")
    state.mkdir(parents=True, exist_ok=True)
    redis_port = None if _redis_answers(broker_url) else int(broker_url.split(":")[-1].split("/")[0])
    store_port = _free_port()
    store_url = f"http://127.0.0.1:{store_port}"
    settings = load_settings()  # the config file and environment of whoever runs the stack
    env = {**os.environ,
           "MLFDO_BASE_URL": base_url or f"http://127.0.0.1:{web_port}",
           "MLFDO_DATA_DIR": str(state / "data"),
           "MLFDO_STORE_URL": store_url,
           "MLFDO_BROKER_URL": broker_url,
           "MLFDO_QDRANT_URL": settings["QDRANT_URL"],
           "MLFDO_LLM": settings["LLM"],
           "MLFDO_OLLAMA_URL": settings["OLLAMA_URL"]}
    procs: dict[str, subprocess.Popen] = {}
    web_urls = [f"http://127.0.0.1:{web_port + n}" for n in range(webs)]
    record = {"web": web_urls[0], "webs": web_urls, "store": store_url, "broker": broker_url, "pids": {}}
    try:
        for service in services(state, web_port, store_port, redis_port, webs):
            key = _key(service)
            log = open(state / f"{key}.log", "ab")  # noqa: SIM115 - the child keeps it open
            procs[key] = subprocess.Popen(service.argv, env=env, stdout=log, stderr=subprocess.STDOUT,
                                          stdin=subprocess.DEVNULL, start_new_session=True)
            log.close()
            record["pids"][key] = procs[key].pid
            if service.name == "oxigraph":
                _wait(lambda: _answers(store_url + "/query?query=ASK%7B%7D"), "the oxigraph server", procs)
            if service.name == "redis":
                _wait(lambda: _redis_answers(broker_url), "Redis", procs)
        (state / STATE_FILE).write_text(json.dumps(record, indent=2))
        for url in web_urls:
            _wait(lambda: _answers(url + "/healthz"), f"the web server at {url}", procs)
    except BaseException:
        _stop(list(record["pids"].values()))
        for proc in procs.values():
            proc.wait()
        (state / STATE_FILE).unlink(missing_ok=True)
        raise
    _STARTED[state] = list(procs.values())
    return record


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:  # a zombie child of this process has ended: reap it
        return os.waitpid(pid, os.WNOHANG) == (0, 0)
    except ChildProcessError:
        return True


def _stop(pids: list[int]) -> list[int]:
    for sig in (signal.SIGTERM, signal.SIGKILL):
        for pid in pids:
            try:
                os.killpg(pid, sig)  # each service leads its own process group
            except ProcessLookupError:
                pass
        deadline = time.monotonic() + STOP_TIMEOUT
        while time.monotonic() < deadline and any(_group_alive(p) for p in pids):
            time.sleep(0.2)
        if not any(_group_alive(p) for p in pids):
            return []
    return [p for p in pids if _group_alive(p)]


def _group_alive(pgid: int) -> bool:
    if _alive(pgid):
        return True
    try:
        os.killpg(pgid, 0)
        return True
    except ProcessLookupError:
        return False


def down(state: Path) -> list[int]:
    """Stop the stack started from ``state``; return the process ids still alive (none when all went)."""
    path = Path(state).resolve() / STATE_FILE
    if not path.exists():
        raise StackError(f"no stack runs from {state}")
    record = json.loads(path.read_text())
    left = _stop(list(record["pids"].values()))
    for proc in _STARTED.pop(Path(state).resolve(), []):
        proc.wait(timeout=STOP_TIMEOUT)
    if not left:
        path.unlink()
    return left
