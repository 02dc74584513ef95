"""Real servers on loopback for tests: start, wait until they answer, stop."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import requests


def redis_db_url(slot: int) -> str:
    """Return the URL of one of the three Redis databases the tests use (slot 0, 1 or 2).

    They are databases 13-15 of the Redis on 127.0.0.1:6379 unless ``MLFDO_TEST_REDIS_DB`` names
    another first one, so that two runs of the suite on one machine do not flush each other's data.
    """
    if slot not in (0, 1, 2):
        raise ValueError(f"the tests have Redis slots 0-2, not {slot}")
    first = int(os.environ.get("MLFDO_TEST_REDIS_DB", "13"))
    if not 0 <= first <= 13:
        raise ValueError(f"MLFDO_TEST_REDIS_DB={first}: it must leave three databases below 16")
    return f"redis://127.0.0.1:6379/{first + slot}"


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


VIRTUOSO_INI = """\
[Database]
DatabaseFile = {d}/virtuoso.db
ErrorLogFile = {d}/virtuoso.log
LockFile = {d}/virtuoso.lck
TransactionFile = {d}/virtuoso.trx
xa_persistent_file = {d}/virtuoso.pxa
TempStorage = TempDatabase
[TempDatabase]
DatabaseFile = {d}/virtuoso-temp.db
TransactionFile = {d}/virtuoso-temp.trx
[Parameters]
ServerPort = 127.0.0.1:{isql}
DisableUnixSocket = 1
DirsAllowed = ., {d}
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
ThreadsPerQuery = 2
[HTTPServer]
ServerPort = 127.0.0.1:{http}
ServerRoot = {d}
ServerThreads = 10
MaxClientConnections = 10
Charset = UTF-8
[SPARQL]
ResultSetMaxRows = 20000
MaxQueryExecutionTime = 60
MaxQueryCostEstimationTime = 400
"""
# The SPARQL endpoint's account may update (Virtuoso's default is read-only).
VIRTUOSO_GRANTS = ('GRANT SPARQL_UPDATE TO "SPARQL";',)


def virtuoso_binaries() -> tuple[str, str] | None:
    """Return the paths of `virtuoso-t` and `isql-vt` (Debian's virtuoso-opensource), if installed."""
    server, isql = shutil.which("virtuoso-t"), shutil.which("isql-vt")
    return (server, isql) if server and isql else None


class VirtuosoProcess:
    """A private Virtuoso on free loopback ports with its database in ``location``; it can be killed and restarted."""

    def __init__(self, location: Path, timeout: float = 60.0, parameters: dict[str, str] | None = None) -> None:
        """Prepare the server's ini; ``parameters`` are added to its ``[Parameters]`` section."""
        binaries = virtuoso_binaries()
        if binaries is None:
            raise RuntimeError("Virtuoso is not installed (scripts/ensure-virtuoso.sh installs virtuoso-opensource)")
        self.server, self.isql = binaries
        self.location, self.timeout = location, timeout
        location.mkdir(parents=True, exist_ok=True)
        self.isql_port, http_port = free_port(), free_port()
        self.ini = location / "virtuoso.ini"
        extra = "".join(f"{name} = {value}\n" for name, value in (parameters or {}).items())
        ini = VIRTUOSO_INI.format(d=location, isql=self.isql_port, http=http_port)
        self.ini.write_text(ini.replace("[Parameters]\n", "[Parameters]\n" + extra))
        self.url = f"http://127.0.0.1:{http_port}/sparql"
        self.proc: subprocess.Popen | None = None

    def start(self) -> None:
        """Start the server on its database (recovering it after a kill) and wait until it answers."""
        self.proc = subprocess.Popen([self.server, "+foreground", "+configfile", str(self.ini)], cwd=self.location,
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            wait_until_answers(self.url + "?query=ASK%7B%7D", timeout=self.timeout)
        except RuntimeError:
            self.kill()
            raise

    def grant_updates(self) -> None:
        """Let the SPARQL endpoint's account update (Virtuoso's default is read-only)."""
        subprocess.run([self.isql, f"127.0.0.1:{self.isql_port}", "dba", "dba", "exec=" + " ".join(VIRTUOSO_GRANTS)],
                       check=True, capture_output=True, timeout=self.timeout)

    def kill(self) -> None:
        """Kill the server with SIGKILL (a crash: no checkpoint) and wait for it to exit."""
        if self.proc is not None:
            self.proc.kill()
            self.proc.wait(timeout=30)
            self.proc = None


@contextmanager
def virtuoso_server(location: Path, timeout: float = 60.0) -> Iterator[str]:
    """Run a private Virtuoso (its own database in ``location``, free loopback ports); yield its /sparql URL.

    The SPARQL account is granted SPARQL_UPDATE with isql; the server is killed at the end.
    """
    with virtuoso_process(location, timeout) as server:
        yield server.url


@contextmanager
def virtuoso_process(location: Path, timeout: float = 60.0,
                     parameters: dict[str, str] | None = None) -> Iterator[VirtuosoProcess]:
    """Run a private Virtuoso granted SPARQL updates; yield its :class:`VirtuosoProcess`; kill it at the end."""
    server = VirtuosoProcess(location, timeout, parameters)
    try:
        server.start()
        server.grant_updates()
        yield server
    finally:
        server.kill()  # a private, throw-away database: no checkpoint needed


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
        stop_process(process)
        if drain.is_alive():
            drain.join(timeout=10)  # it ends at EOF, once the server has exited
        process.stderr.close()


def empty_sparql_server(url: str, keep: tuple[str, ...] = ()) -> None:
    """Remove every triple of a SPARQL server (default and named graphs) and check that none is left.

    ``keep`` names graphs the server holds for itself (Virtuoso's system graphs), which stay.
    Raises RuntimeError when the server still holds data, so a test never starts on another's leftovers.
    """
    from registry.store.remote import endpoints_for

    query_url, update_url = endpoints_for(url)

    def ask(query: str) -> dict:
        answer = requests.post(query_url, data={"query": query}, headers={"Accept": "application/sparql-results+json"},
                               timeout=30)
        answer.raise_for_status()
        return answer.json()

    def update(text: str) -> None:
        requests.post(update_url, data=text.encode("utf-8"), timeout=60,
                      headers={"Content-Type": "application/sparql-update"}).raise_for_status()

    if not keep:
        update("DROP ALL")
        if ask("ASK { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }")["boolean"]:
            raise RuntimeError(f"the SPARQL server at {url} still holds data after DROP ALL")
        return
    # Virtuoso: every graph, default included. Without the FILTER, Virtuoso 7.2 takes its whole
    # MaxQueryExecutionTime over this query once a few hundred graphs exist; with it, milliseconds.
    kept = ", ".join(f"<{g}>" for g in keep)
    graphs_query = f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(?g NOT IN ({kept})) }}"
    graphs = {row["g"]["value"] for row in ask(graphs_query)["results"]["bindings"]} - set(keep)
    if graphs:
        update(" ;\n".join(f"DROP SILENT GRAPH <{g}>" for g in sorted(graphs)))
    left = {row["g"]["value"] for row in ask(graphs_query)["results"]["bindings"]} - set(keep)
    if left:
        raise RuntimeError(f"the SPARQL server at {url} still holds graphs {sorted(left)[:5]} after DROP GRAPH")


class ServeProcess:
    """A running `mlfdo serve`: its process, root URL and the stderr lines read so far."""

    def __init__(self, process: subprocess.Popen, url: str, lines: list[str], drain) -> None:
        self.process, self.url, self.lines, self.drain = process, url, lines, drain

    def stop(self, timeout: float = 30.0) -> int:
        """Stop it with SIGTERM (SIGKILL after ``timeout``); return the exit code."""
        if self.process.poll() is None:
            self.process.terminate()
        try:
            self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.drain.join(timeout=10)
        return self.process.returncode


def ingest_test_records(data_dir: Path, env: dict) -> None:
    """Ingest tests/data/web into the on-disk store in ``data_dir`` with the CLI."""
    web = Path(__file__).parent / "data" / "web"
    for name in ("registry-v1.ttl", "registry-v2.ttl"):
        subprocess.run([sys.executable, "-m", "registry", "--data-dir", str(data_dir), "ingest", str(web / name)],
                       env=env, check=True, capture_output=True)


@contextmanager
def serve_process(data_dir: Path, env: dict, *args: str, timeout: float = 60.0) -> Iterator[ServeProcess]:
    """Run `mlfdo serve --port 0` on ``data_dir``; yield it once /healthz answers; stop it at the end."""
    command = [sys.executable, "-m", "registry", "--data-dir", str(data_dir), "serve", "--port", "0", *args]
    process = subprocess.Popen(command, env=env, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    lines: list[str] = []
    found = threading.Event()

    def read() -> None:
        for line in process.stderr:
            lines.append(line)
            if re.search(r"http://127\.0\.0\.1:\d+/", line):
                found.set()

    drain = threading.Thread(target=read, daemon=True)
    drain.start()
    served = None
    try:
        if not found.wait(timeout):
            raise RuntimeError("mlfdo serve did not report its address: " + "".join(lines[-20:]))
        url = re.search(r"http://127\.0\.0\.1:\d+", "".join(lines)).group(0)
        wait_until_answers(url + "/healthz", timeout)
        served = ServeProcess(process, url, lines, drain)
        yield served
    finally:
        if served is None:
            process.kill()
            process.wait()
        else:
            served.stop()
        if not drain.is_alive():  # a leaked child holding the pipe keeps the reader blocked: never close under it
            process.stderr.close()


@contextmanager
def celery_workers(env: dict[str, str], count: int, cwd: Path | None = None, timeout: float = 60.0) -> Iterator[list]:
    """Run ``count`` Celery worker processes (``celery -A workers.celery_app worker --pool solo``) with ``env``.

    Yields the processes once every worker answers a ping; stops them (SIGTERM, then SIGKILL) at the end.
    """
    from workers.celery_app import make_celery

    cwd = cwd or Path(__file__).resolve().parent.parent
    procs = [subprocess.Popen([sys.executable, "-m", "celery", "-A", "workers.celery_app", "worker", "--pool", "solo",
                               "--loglevel", "WARNING", "-n", f"mlfdo-test-{k}-{free_port()}@%h"],
                              env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
             for k in range(count)]
    app = make_celery(env["MLFDO_BROKER_URL"])
    try:
        deadline = time.monotonic() + timeout
        while len(app.control.ping(timeout=1.0) or []) < count:
            if time.monotonic() > deadline or any(p.poll() is not None for p in procs):
                raise RuntimeError(f"{count} Celery worker(s) did not answer within {timeout}s")
        yield procs
    finally:
        for proc in procs:
            proc.terminate()
        for proc in procs:
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=10)
        close_celery(app)


def close_celery(app) -> None:
    """Close a Celery client app's Redis connections (broker pool, result backend and its pubsub), not only the app.

    Left open, they are garbage-collected at some later point, and pytest turns the ResourceWarning
    of the unclosed socket into an error of the whole run.
    """
    backend = app.backend
    consumer = getattr(backend, "result_consumer", None)
    if consumer is not None:
        consumer.stop()
    client = getattr(backend, "client", None)
    if client is not None:
        client.connection_pool.disconnect()
    app.close()


def stop_process(process: subprocess.Popen, timeout: float = 10.0) -> None:
    """Stop ``process`` with SIGTERM; SIGKILL it if it has not exited within ``timeout`` seconds."""
    process.terminate()
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def wait_for(check, timeout: float, what: str, interval: float = 0.2):
    """Return the first truthy value of ``check()``, asking every ``interval`` s; fail naming ``what`` after ``timeout``."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"{what} did not happen within {timeout:g} s")


class SparqlProxy:
    """A loopback HTTP proxy in front of a SPARQL server that forwards requests or answers chosen updates itself.

    ``updates`` holds the text of every update request in arrival order, ``answered`` those the
    proxy answered itself (never forwarded), ``forwarded`` those the server received.
    """

    def __init__(self, upstream: str, url: str) -> None:
        self.upstream, self.url = upstream, url
        self.updates: list[str] = []
        self.answered: list[str] = []
        self.forwarded: list[str] = []
        self.server_header = ""  # the server's own Server header, sent with the proxy's answers too
        self._canned: tuple[int, str, str] | None = None
        self._left = 0
        self._lock = threading.Lock()

    def answer_updates(self, count: int, status: int, reason: str, body: str) -> None:
        """Answer the next ``count`` updates with ``status`` ``reason`` and ``body`` (``{query}``: the update's text)."""
        with self._lock:
            self._canned, self._left = (status, reason, body), count

    def _take(self, text: str) -> tuple[int, str, bytes] | None:
        """Record an update; return the proxy's own answer to it, or None to forward it."""
        with self._lock:
            self.updates.append(text)
            if self._left == 0 or self._canned is None:
                self.forwarded.append(text)
                return None
            self._left -= 1
            self.answered.append(text)
            status, reason, body = self._canned
            return status, reason, body.replace("{query}", text).encode("utf-8")


class _ProxyHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        self._relay(None)

    def do_POST(self) -> None:  # noqa: N802 - http.server's name
        self._relay(self.rfile.read(int(self.headers.get("Content-Length", 0))))

    def _relay(self, body: bytes | None) -> None:
        proxy: SparqlProxy = self.server.proxy
        if body is not None and self.headers.get("Content-Type", "").startswith("application/sparql-update"):
            canned = proxy._take(body.decode("utf-8"))
            if canned is not None:
                status, reason, payload = canned
                self._reply(status, reason, {"Server": proxy.server_header, "Content-Type": "text/plain"}, payload)
                return
        headers = {k: v for k, v in self.headers.items() if k.lower() in ("content-type", "accept")}
        answer = requests.request(self.command, proxy.upstream + self.path, data=body, headers=headers, timeout=300)
        kept = {k: v for k, v in answer.headers.items()
                if k.lower() in ("server", "content-type") or k.lower().startswith("x-")}
        self._reply(answer.status_code, answer.reason, kept, answer.content)

    def _reply(self, status: int, reason: str, headers: dict[str, str], payload: bytes) -> None:
        self.send_response_only(status, reason)  # no Server header of its own: the server's is relayed
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, format, *args) -> None:  # noqa: A002 - http.server's name
        """Keep the test output quiet."""


@contextmanager
def sparql_proxy(server_url: str) -> Iterator[SparqlProxy]:
    """Run a :class:`SparqlProxy` on a free loopback port in front of ``server_url``; yield it (its ``url`` has the same path)."""
    parts = urlsplit(server_url)
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _ProxyHandler)
    httpd.daemon_threads = True
    proxy = SparqlProxy(f"{parts.scheme}://{parts.netloc}", f"http://127.0.0.1:{httpd.server_address[1]}{parts.path}")
    proxy.server_header = requests.get(server_url, timeout=30).headers.get("Server", "")
    httpd.proxy = proxy
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield proxy
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=10)
