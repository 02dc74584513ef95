"""CPU-time budgets for the tests that guard code against going quadratic, fair to a loaded machine.

A budget is thread CPU time, which leaves out time spent waiting, but a busy machine (two cores shared
with other work) still runs the same code up to a few times slower. ``assert_cpu_within`` runs the code
again when a run is over budget, and only fails when the best of three runs is over the budget scaled by
how much slower a fixed reference workload runs now than it ran on this machine when idle. The code these
tests guard took tens of seconds when it went wrong, far above any such scale.
"""

from __future__ import annotations

import re
import time
from typing import Callable

_TEXT = " ".join(f"word{i % 97} the model-{i} for text" for i in range(40_000))
# best of five runs of ``_reference`` on the 2-core development machine, idle (2026-12-08)
_REFERENCE_SECONDS = 0.034
RUNS = 3


def _reference() -> list:
    counts: dict[str, int] = {}
    for word in re.findall(r"[a-z]+\d*", _TEXT):
        counts[word] = counts.get(word, 0) + 1
    return sorted(counts.items())


def thread_seconds(work: Callable[[], object]) -> float:
    """Return the thread CPU time one call of ``work`` takes."""
    started = time.thread_time()
    work()
    return time.thread_time() - started


def slowdown() -> float:
    """Return how many times slower the reference workload runs now than on the idle machine (at least 1)."""
    return max(1.0, min(thread_seconds(_reference) for _ in range(5)) / _REFERENCE_SECONDS)


def assert_cpu_within(work: Callable[[], object], seconds: float) -> None:
    """Fail unless ``work`` runs within ``seconds`` of thread CPU time (best of three, scaled by ``slowdown``)."""
    times = []
    for _ in range(RUNS):
        times.append(thread_seconds(work))
        if times[-1] < seconds:
            return
    scale = slowdown()
    assert min(times) < seconds * scale, (
        f"best of {RUNS} runs took {min(times):.3f} s of CPU, over the budget of {seconds} s "
        f"x {scale:.2f} (how much slower the machine runs now)")
