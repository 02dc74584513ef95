"""Where queries run, so a runaway query never blocks other requests.

pyoxigraph releases the GIL while it evaluates, so queries in threads do not stall the web
server, but a query cannot be cancelled in-thread: a timed-out thread query is abandoned and runs
on until it ends (results are read row by row, so a streaming query stops at the next row check;
a sort or aggregate does not). ``ProcessRunner`` runs each query in a worker process holding a
read-only handle on the on-disk store and kills the worker at the timeout, which really stops it.
"""

from __future__ import annotations

import logging
import multiprocessing as mp
import os
import queue
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import asdict
from pathlib import Path

from registry.errors import MlfdoError, QueryTimeout, StoreBusy
from registry.lifecycle import die_with_parent
from registry.sparql_protocol.engine import QueryOutcome, execute
from registry.sparql_protocol.errors import ERRORS, QueryBusy
from registry.sparql_protocol.protocol import QueryRequest

__all__ = ["QueryRunner", "ThreadRunner", "ProcessRunner", "make_runner"]

log = logging.getLogger(__name__)
STARTUP_TIMEOUT = 60.0  # seconds a new worker process may take to import and start
WORKER_NICENESS = 19  # query workers run at a lower CPU priority than the web process
QUEUE_WAIT = 2.0  # seconds a query waits for a free worker before a 503 with Retry-After


def _timeout(req: QueryRequest) -> QueryTimeout:
    return QueryTimeout(f"the query ran longer than {req.timeout:g} s and was stopped; narrow it or add a LIMIT",
                        timeout=req.timeout)


def _busy(wait: float) -> QueryBusy:
    return QueryBusy(f"every query worker stayed busy for {wait:g} s; try again shortly", retry_after=max(1, round(wait)))


class QueryRunner:
    """Run queries with a timeout; ``run`` raises the registry's errors."""

    mode = "none"

    def run(self, req: QueryRequest) -> QueryOutcome:  # pragma: no cover - interface
        raise NotImplementedError

    def close(self) -> None:
        """Stop the workers."""


class ThreadRunner(QueryRunner):
    """Run queries in a pool of threads on the app's own store handle."""

    mode = "thread"

    def __init__(self, store, workers: int = 2, queue_wait: float = QUEUE_WAIT) -> None:
        self.store = store
        self.queue_wait = queue_wait
        self.slots = threading.BoundedSemaphore(workers)
        self.pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="sparql")

    def run(self, req: QueryRequest) -> QueryOutcome:
        deadline = time.monotonic() + req.timeout
        if not self.slots.acquire(timeout=min(req.timeout, self.queue_wait)):
            raise _busy(min(req.timeout, self.queue_wait))
        future = self.pool.submit(self._run, req, deadline)
        try:
            return future.result(timeout=max(0.0, deadline - time.monotonic()) + 0.05)
        except FutureTimeout:
            raise _timeout(req) from None

    def _run(self, req: QueryRequest, deadline: float) -> QueryOutcome:
        # pyoxigraph result iterators must be dropped on the thread that made them: an exception
        # raised here keeps them alive in its traceback, so only its type and text leave this thread.
        failure = None
        try:
            return execute(self.store, req, deadline)
        except MlfdoError as exc:
            failure = (type(exc), exc.message, dict(exc.details))
        finally:
            self.slots.release()
        raise failure[0](failure[1], **failure[2])

    def close(self) -> None:
        self.pool.shutdown(wait=False, cancel_futures=True)


def _worker_main(conn, data_dir: str, base_url: str, parent_pid: int) -> None:  # runs in the worker process
    die_with_parent(parent_pid)  # a server killed with SIGKILL must not leave a runaway query running
    os.nice(WORKER_NICENESS)  # heavy queries yield the CPU to the web process serving pages
    if hasattr(os, "SCHED_IDLE"):  # Linux: run only when no other task wants the core (weaker than nice 19)
        try:
            os.sched_setscheduler(0, os.SCHED_IDLE, os.sched_param(0))
        except OSError:
            pass
    from registry.store import Store

    store, generation = None, None
    conn.send("ready")  # imports done: queries sent from now on get the whole timeout
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError, KeyboardInterrupt):  # the server closed its end (it is stopping)
            return
        if message is None:
            return
        wanted, fields = message
        try:
            for attempt in range(3):
                try:
                    if store is None or generation != wanted:
                        store = Store.open(data_dir, base_url, read_only=True)
                        generation = wanted
                    outcome = execute(store, QueryRequest(**fields))
                    break
                except OSError:
                    store = None  # files moved under a stale handle: reopen and retry
                    if attempt == 2:
                        raise
                    time.sleep(0.05)
            conn.send(("ok", asdict(outcome)))
        except MlfdoError as exc:
            conn.send(("error", type(exc).__name__, exc.message, exc.details))
        except Exception as exc:  # noqa: BLE001 - reported to the parent, which logs it
            conn.send(("error", "MlfdoError", f"query worker failed: {type(exc).__name__}", {}))


class _Worker:
    def __init__(self, ctx, data_dir: str, base_url: str) -> None:
        self.ready = False
        self.closing = threading.Lock()
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(target=_worker_main, args=(child, data_dir, base_url, os.getpid()), daemon=True,
                                   name="mlfdo-sparql-worker")
        self.process.start()
        child.close()

    def wait_ready(self, seconds: float) -> bool:
        """Wait until the worker has started (imports take a second or more on a busy machine)."""
        if not self.ready and self.conn.poll(seconds):
            self.ready = self.conn.recv() == "ready"
        return self.ready

    def kill(self) -> None:
        self.process.kill()
        self.process.join(timeout=5)
        self._close_conn()

    def _close_conn(self) -> None:
        # A stopping server's close() and a request thread's _replace() may end the same worker at
        # once: the pipe is closed exactly once (a second close could hit a reused descriptor).
        with self.closing:
            if not self.conn.closed:
                self.conn.close()

    def stop(self, grace: float) -> None:
        """Ask the worker to end after its current query; kill it after ``grace`` seconds."""
        try:
            self.conn.send(None)
        except OSError:
            pass
        self.process.join(timeout=grace)
        if self.process.is_alive():
            self.kill()
        else:
            self._close_conn()


class ProcessRunner(QueryRunner):
    """Run queries in worker processes on a read-only handle of the on-disk store; kill them at the timeout.

    The web process owns the store read-write. After a change (``notify_change``) it flushes the
    store and bumps a generation number; a worker reopens its handle before its next query.
    Workers are started from one long-lived thread (the kernel's parent-death signal is tied to
    the starting thread) and every one is tracked, so ``close`` ends busy workers too.
    """

    mode = "process"

    def __init__(self, store, workers: int = 2, queue_wait: float = QUEUE_WAIT) -> None:
        if not store.is_embedded_on_disk():
            raise ValueError("ProcessRunner needs the embedded on-disk store")
        self.store = store
        self.data_dir = str(Path(store.data_dir))
        self.base_url = store.base_url
        self.ctx = mp.get_context("spawn")  # no fork: the web process has threads and RocksDB handles
        self.size = workers
        self.queue_wait = queue_wait
        self.idle: queue.Queue[_Worker] = queue.Queue()
        self.workers: set[_Worker] = set()
        self.spawner = ThreadPoolExecutor(max_workers=1, thread_name_prefix="sparql-spawner")
        self.generation = 0
        self.dirty = False
        self.lock = threading.Lock()
        self.started = False
        self.closed = False
        store.on_change(lambda results: self.notify_change())

    def notify_change(self) -> None:
        """Mark the store changed: workers reopen their read-only handles before the next query."""
        self.dirty = True

    def _spawn(self) -> None:
        def start() -> None:
            with self.lock:
                if self.closed:
                    return
                worker = _Worker(self.ctx, self.data_dir, self.base_url)
                self.workers.add(worker)
            self.idle.put(worker)

        self.spawner.submit(start).result()

    def _start(self) -> None:
        with self.lock:
            if self.started:
                return
            self.started = True
        for _ in range(self.size):
            self._spawn()

    def _replace(self, worker: _Worker) -> None:
        worker.kill()
        with self.lock:
            self.workers.discard(worker)
        if not self.closed:
            try:
                self._spawn()
            except RuntimeError:  # closed meanwhile: the spawner no longer takes work
                pass

    def _sync(self) -> int:
        with self.lock:
            if self.dirty:
                self.store.flush()  # so a read-only handle opens quickly, without replaying a long WAL
                self.generation += 1
                self.dirty = False
            return self.generation

    def run(self, req: QueryRequest) -> QueryOutcome:
        if self.closed:
            raise StoreBusy("the server is stopping; try again shortly", retry_after=5)
        self._start()
        wait = min(req.timeout, self.queue_wait)
        try:
            worker = self.idle.get(timeout=wait)
        except queue.Empty:
            raise _busy(wait) from None
        try:
            if not worker.wait_ready(STARTUP_TIMEOUT):
                raise EOFError("worker did not start")
            deadline = time.monotonic() + req.timeout
            worker.conn.send((self._sync(), asdict(req)))
            # the worker checks the deadline itself while reading rows; the kill is the backstop
            if not worker.conn.poll(max(0.0, deadline - time.monotonic()) + 0.25):
                threading.Thread(target=self._replace, args=(worker,), daemon=True).start()
                worker = None
                raise _timeout(req)
            reply = worker.conn.recv()
        except (EOFError, OSError, BrokenPipeError):
            if worker is not None:
                threading.Thread(target=self._replace, args=(worker,), daemon=True).start()
                worker = None
            raise StoreBusy("the query worker stopped unexpectedly; try again") from None
        finally:
            if worker is not None:
                self.idle.put(worker)
        if reply[0] == "ok":
            return QueryOutcome(**reply[1])
        _, name, message, details = reply
        if name == "MlfdoError":
            log.error("SPARQL worker error: %s", message)
        raise ERRORS.get(name, MlfdoError)(message, **details)

    def close(self, grace: float = 2.0) -> None:
        """End every worker: idle ones are asked to stop, busy ones (a runaway query) are killed."""
        with self.lock:
            self.closed = True
            workers = list(self.workers)
            self.workers.clear()
        idle = set()
        while True:
            try:
                idle.add(self.idle.get_nowait())
            except queue.Empty:
                break
        for worker in workers:
            if worker in idle:
                worker.stop(grace)
            else:
                worker.kill()
        self.spawner.shutdown(wait=True)


def make_runner(store, isolation: str = "auto", workers: int = 2, queue_wait: float = QUEUE_WAIT) -> QueryRunner:
    """Return the runner the settings ask for ('process', 'thread', or 'auto')."""
    embedded = store.is_embedded_on_disk()
    if isolation == "process" or (isolation == "auto" and embedded):
        if not embedded:
            raise ValueError("SPARQL_ISOLATION=process needs the embedded on-disk store (DATA_DIR)")
        return ProcessRunner(store, workers, queue_wait)
    return ThreadRunner(store, workers, queue_wait)
