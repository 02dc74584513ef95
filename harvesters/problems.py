"""Problems kept with their record: a stub that says why the platform could not fill it."""

from __future__ import annotations

from pyoxigraph import Literal, NamedNode, Triple

from registry.record import Record
from registry.vocab import MLFDO

__all__ = ["problem_stub"]


def problem_stub(stub: Record, problem: str) -> Record:
    """Return ``stub`` recording ``problem`` as data (``mlfdo:sourceProblem``) and in its provenance.

    The writer lets such a stub replace an earlier stub of the same PID (never a full record),
    so an id the platform rejects or does not know says so on its stub.
    """
    stub.triples.append(Triple(NamedNode(stub.pid), MLFDO.sourceProblem, Literal(problem)))
    stub.problems.append(problem)
    return stub
