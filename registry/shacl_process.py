"""SHACL validation in a child process, so that a bulk load validates on one core while it writes on another.

pyrudof holds the GIL while it validates, so the validation thread of ``Store.ingest_many`` and
the thread that plans and bulk-loads share one core: with the bulk loader (which has no
transaction to wait for) the two add up. A :class:`ValidatorProcess` loads the same shapes in a
child process and validates each batch there, while the parent writes the previous batch.

It gives exactly what the validator in the parent would: the child receives the records' N-Triples
lines, which are the text the parent's validator would hand pyrudof, and returns the same
:class:`~registry.validate.ValidationSummary` objects. What is stored does not depend on where a
record was validated.

Failures: the child ignores SIGINT (a Ctrl-C in the terminal reaches the whole process group;
the parent ends the run, see ``Store.bulk``, and closes the child). If the child dies (killed,
out of memory), the batch it was validating and every later one are validated in the parent, and
a warning is logged: the run goes on, one core slower. An exception raised by the validation
itself is raised in the parent, as it would have been there. Neither side waits on the other
blindly: the child exits once its parent has (checked every ``POLL_SECONDS``, so a pipe that some
other process still holds open cannot keep it alive), the parent notices a child that has exited
the same way, and a child found dead is reaped and its pipes closed at once.
"""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
import threading
from collections.abc import Sequence
from multiprocessing.connection import Connection

from registry.validate import ValidationSummary, Validator

__all__ = ["ValidatorProcess", "CLOSE_SECONDS"]

CLOSE_SECONDS = 10.0  # how long closing waits for the child to finish its batch before it is terminated
POLL_SECONDS = 1.0  # how often a waiting side checks that the other process is still there
_log = logging.getLogger(__name__)


def _serve(receive: Connection, send: Connection, parent: int) -> None:
    """Load the shapes the parent sends first, then validate its batches until it sends None or goes away."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle; it closes this process
    try:
        shapes, batch_size = _next(receive, parent)
    except (EOFError, OSError):
        return
    validator = Validator(shapes, batch_size=batch_size)
    while True:
        try:
            records = _next(receive, parent)
        except (EOFError, OSError):  # the parent is gone
            return
        if records is None:
            return
        try:
            reply = ("ok", validator.validate_lines(records))
        except Exception as exc:  # raised again in the parent
            reply = ("error", exc)
        try:
            send.send(reply)
        except (TypeError, AttributeError, ValueError) as exc:  # an exception that does not pickle
            send.send(("error", RuntimeError(f"SHACL validation failed: {reply[1]!r} ({exc})")))
        except OSError:  # the parent is gone
            return


def _next(receive: Connection, parent: int):
    """Return the parent's next message; EOFError once the parent has exited, even if its pipe is still open elsewhere."""
    while not receive.poll(POLL_SECONDS):
        if os.getppid() != parent:
            raise EOFError("the parent process has exited")
    return receive.recv()


class ValidatorProcess:
    """Validate records in a child process holding the same shapes as ``validator``; one batch at a time.

    The child is ``python -m registry.shacl_process`` with two pipes, not a ``multiprocessing``
    process: those re-run the parent's main script in the child (spawn, forkserver) or copy a
    process that has RocksDB's threads (fork).
    """

    def __init__(self, validator: Validator) -> None:
        self.local = validator  # validates when the child has died
        to_child, from_parent = os.pipe()
        to_parent, from_child = os.pipe()
        # the same registry package as this process: its import path, and not the working directory (-P), which may
        # hold another checkout
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)}
        self._process = subprocess.Popen([sys.executable, "-P", "-m", "registry.shacl_process", str(to_child), str(from_child),
                                          str(os.getpid())],
                                         pass_fds=(to_child, from_child), env=env, stdin=subprocess.DEVNULL)
        os.close(to_child)  # only the child holds its ends: its death shows here as EOFError
        os.close(from_child)
        self._send = Connection(from_parent, readable=False)
        self._receive = Connection(to_parent, writable=False)
        self._lock = threading.Lock()
        self.failed = False
        try:
            self._send.send((validator.shapes, validator.batch_size))
        except OSError as exc:
            self._failed(exc)

    @property
    def pid(self) -> int:
        """Return the child's process id."""
        return self._process.pid

    def validate_lines(self, records: Sequence[Sequence[str]]) -> list[ValidationSummary]:
        """Validate records given as N-Triples lines, in the child (in this process once the child has died)."""
        with self._lock:
            if not self.failed:
                try:
                    self._send.send(list(records))
                    kind, value = self._reply()
                except (EOFError, OSError) as exc:
                    self._failed(exc)
                else:
                    if kind == "error":
                        raise value
                    return value
        return self.local.validate_lines(records)

    def validate_many(self, records: Sequence[Sequence]) -> list[ValidationSummary]:
        """Validate records given as triples (see :meth:`Validator.validate_many`)."""
        return self.validate_lines([[str(t) for t in triples] for triples in records])

    def _reply(self):
        """Return the child's answer; EOFError if it has exited, even while its end of the pipe is still open elsewhere."""
        while not self._receive.poll(POLL_SECONDS):
            if self._process.poll() is not None:
                raise EOFError(f"the SHACL validation process exited (code {self._process.returncode})")
        return self._receive.recv()

    def _failed(self, exc: BaseException) -> None:
        self.failed = True
        code = self._stop()
        _log.warning("the SHACL validation process stopped (%s, exit code %s): validating in this process for "
                     "the rest of the run", type(exc).__name__, code)

    def close(self) -> None:
        """Stop the child: it finishes the batch it validates (at most ``CLOSE_SECONDS``), then exits.

        Safe to call more than once, and from any path (Ctrl-C included): the child is gone and both
        pipes are closed when it returns.
        """
        if self._process.poll() is None and not self._send.closed:
            try:
                self._send.send(None)
            except OSError:
                pass
        self._stop()

    def _stop(self) -> int:
        """Wait for the child to exit (killing it after ``CLOSE_SECONDS``), close the pipes; return its exit code."""
        try:
            code = self._process.wait(timeout=CLOSE_SECONDS)
        except subprocess.TimeoutExpired:
            self._process.kill()
            code = self._process.wait()
        for connection in (self._send, self._receive):
            if not connection.closed:
                connection.close()
        return code


if __name__ == "__main__":
    _serve(Connection(int(sys.argv[1]), writable=False), Connection(int(sys.argv[2]), readable=False), int(sys.argv[3]))
