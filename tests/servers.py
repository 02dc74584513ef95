"""Real servers on loopback for tests: start, wait until they answer, stop."""

from __future__ import annotations

import re
import shutil
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import requests


def free_port() -> int:
    """Return a TCP port free on 127.0.0.1 right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_answers(url: str, timeout: float = 20.0) -> None:
    """Poll ``url`` until it answers HTTP; raise RuntimeError after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            requests.get(url, timeout=1)
            return
        except requests.RequestException:
            time.sleep(0.05)
    raise RuntimeError(f"{url} did not answer within {timeout}s")


def oxigraph_binary() -> str | None:
    """Return the path of the `oxigraph` server CLI (from the PyPI package), if installed."""
    candidate = Path(sys.executable).parent / "oxigraph"
    return str(candidate) if candidate.exists() else shutil.which("oxigraph")


@contextmanager
def oxigraph_server(location: Path) -> Iterator[str]:
    """Run `oxigraph serve` on a free loopback port; yield its base URL."""
    binary = oxigraph_binary()
    if binary is None:
        raise RuntimeError("the oxigraph server is not installed (pip install oxigraph)")
    port = free_port()
    proc = subprocess.Popen([binary, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_answers(url + "/query?query=ASK%7B%7D")
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@contextmanager
def mlfdo_serve(env: dict[str, str], cwd: Path | None = None, command: tuple[str, ...] = ("serve",),
                timeout: float = 60.0) -> Iterator[str]:
    """Run ``python -m registry <command> --port 0`` in a process of its own; yield its root URL.

    ``env`` is the whole environment of the process. The server's request log is drained so it
    never blocks on a full pipe; the process is stopped at the end.
    """
    process = subprocess.Popen([sys.executable, "-m", "registry", *command, "--host", "127.0.0.1", "--port", "0"],
                               env=env, cwd=cwd, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    drain = threading.Thread(target=lambda: [None for _ in process.stderr], daemon=True)
    try:
        url, seen = None, []
        deadline = time.monotonic() + timeout
        while url is None and time.monotonic() < deadline:
            line = process.stderr.readline()
            seen.append(line)
            if not line and process.poll() is not None:
                raise RuntimeError(f"mlfdo {' '.join(command)} exited with {process.returncode}: {''.join(seen)}")
            found = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
            if found:
                url = found.group(0).rstrip("/")
        if url is None:
            raise RuntimeError(f"mlfdo {' '.join(command)} did not report its address: {''.join(seen)}")
        drain.start()
        wait_until_answers(url + "/healthz", timeout=max(1.0, deadline - time.monotonic()))
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        if drain.is_alive():
            drain.join(timeout=10)  # it ends at EOF, once the server has exited
        process.stderr.close()


def empty_sparql_server(url: str) -> None:
    """Remove every triple of a SPARQL server (default and named graphs) and check that none is left.

    Raises RuntimeError when the server still holds data, so a test never starts on another's leftovers.
    """
    requests.post(url + "/update", data="DROP ALL", headers={"Content-Type": "application/sparql-update"},
                  timeout=30).raise_for_status()
    answer = requests.get(url + "/query", params={"query": "ASK { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }"},
                          headers={"Accept": "application/sparql-results+json"}, timeout=30)
    answer.raise_for_status()
    if answer.json()["boolean"]:
        raise RuntimeError(f"the SPARQL server at {url} still holds data after DROP ALL")
