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
itself is raised in the parent, as it would have been there.
"""

from __future__ import annotations

import logging
import multiprocessing
import signal
import threading
from collections.abc import Sequence
from multiprocessing.connection import Connection

from registry.validate import ValidationSummary, Validator

__all__ = ["ValidatorProcess", "CLOSE_SECONDS"]

CLOSE_SECONDS = 10.0  # how long closing waits for the child to finish its batch before it is terminated
_log = logging.getLogger(__name__)


def _serve(conn: Connection, shapes: str, batch_size: int) -> None:
    """Validate the batches the parent sends until it sends None or goes away."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle; it closes this process
    validator = Validator(shapes, batch_size=batch_size)
    while True:
        try:
            records = conn.recv()
        except (EOFError, OSError):  # the parent is gone
            return
        if records is None:
            return
        try:
            reply = ("ok", validator.validate_lines(records))
        except Exception as exc:  # raised again in the parent
            reply = ("error", exc)
        try:
            conn.send(reply)
        except (TypeError, AttributeError, ValueError) as exc:  # an exception that does not pickle
            conn.send(("error", RuntimeError(f"SHACL validation failed: {reply[1]!r} ({exc})")))


class ValidatorProcess:
    """Validate records in a child process holding the same shapes as ``validator``; one batch at a time."""

    def __init__(self, validator: Validator) -> None:
        self.local = validator  # validates when the child has died
        context = multiprocessing.get_context("spawn")  # not fork: the parent has RocksDB and other threads
        self._conn, child = context.Pipe()
        self._process = context.Process(target=_serve, args=(child, validator.shapes, validator.batch_size),
                                        name="mlfdo-shacl", daemon=True)
        self._process.start()
        child.close()  # only the child holds its end: its death shows here as EOFError
        self._lock = threading.Lock()
        self.failed = False

    @property
    def pid(self) -> int | None:
        """Return the child's process id."""
        return self._process.pid

    def validate_lines(self, records: Sequence[Sequence[str]]) -> list[ValidationSummary]:
        """Validate records given as N-Triples lines, in the child (in this process once the child has died)."""
        with self._lock:
            if not self.failed:
                try:
                    self._conn.send(list(records))
                    kind, value = self._conn.recv()
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

    def _failed(self, exc: BaseException) -> None:
        self.failed = True
        self._process.join(timeout=CLOSE_SECONDS)
        _log.warning("the SHACL validation process stopped (%s, exit code %s): validating in this process for "
                     "the rest of the run", type(exc).__name__, self._process.exitcode)

    def close(self) -> None:
        """Stop the child: it finishes the batch it validates (at most ``CLOSE_SECONDS``), then exits."""
        if self._process.is_alive():
            try:
                self._conn.send(None)
            except OSError:
                pass
            self._process.join(timeout=CLOSE_SECONDS)
            if self._process.is_alive():
                self._process.terminate()
                self._process.join()
        self._conn.close()
