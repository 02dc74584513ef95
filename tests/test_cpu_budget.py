"""The CPU-time budget used by the tests that guard against quadratic code fails on work far over it."""

import pytest

from tests.cpu import assert_cpu_within, slowdown


def _busy(n: int) -> int:
    return sum(i * i for i in range(n))


def test_work_within_its_budget_passes():
    assert_cpu_within(lambda: _busy(1_000), 0.5)


def test_work_many_times_over_its_budget_fails_even_on_a_slow_machine():
    with pytest.raises(AssertionError, match="over the budget"):
        assert_cpu_within(lambda: _busy(3_000_000), 0.001)


def test_the_slowdown_is_never_below_one():
    assert slowdown() >= 1.0
