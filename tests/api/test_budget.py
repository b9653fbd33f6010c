"""The per-request CPU budget: one worker thread, a queue deadline and a run deadline."""

from __future__ import annotations

import asyncio
import threading
import time
from typing import Any

import pytest

from calcidx.api.budget import Budget, OverBudget


def test_work_runs_on_the_worker_thread_and_returns_its_value() -> None:
    budget = Budget(timeout_s=5, queue_timeout_s=5)
    try:
        name = asyncio.run(budget.run(lambda: threading.current_thread().name))
    finally:
        budget.close()
    assert name.startswith("calcidx-work") and name != threading.current_thread().name


def test_errors_of_the_work_reach_the_caller() -> None:
    budget = Budget(timeout_s=5, queue_timeout_s=5)

    def fail() -> None:
        raise ValueError("bad input")

    try:
        with pytest.raises(ValueError, match="bad input"):
            asyncio.run(budget.run(fail))
    finally:
        budget.close()


def test_work_past_its_budget_is_answered_at_once() -> None:
    budget = Budget(timeout_s=0.2, queue_timeout_s=5)
    try:
        started = time.perf_counter()
        with pytest.raises(OverBudget, match=r"budget of 0\.2 s"):
            asyncio.run(budget.run(lambda: time.sleep(4)))
        assert time.perf_counter() - started < 3  # not after the 4 s of work
    finally:
        budget.close()


def test_a_request_queued_too_long_is_busy_and_queued_ones_run_in_order() -> None:
    budget = Budget(timeout_s=5, queue_timeout_s=0.3)
    order: list[int] = []

    def work(n: int, seconds: float) -> int:
        time.sleep(seconds)
        order.append(n)
        return n

    async def main() -> list[object]:
        first = asyncio.ensure_future(budget.run(lambda: work(1, 1.0)))
        await asyncio.sleep(0.05)
        late = asyncio.ensure_future(budget.run(lambda: work(2, 0.0)))
        return await asyncio.gather(first, late, return_exceptions=True)

    try:
        first, late = asyncio.run(main())
    finally:
        budget.close()
    assert first == 1
    assert isinstance(late, OverBudget) and "busy" in late.message
    assert order == [1]  # the cancelled job never ran


def test_queued_requests_wait_for_the_worker_without_polling() -> None:
    """Twenty requests queue behind each other and all finish, each after the one before."""
    budget = Budget(timeout_s=5, queue_timeout_s=10)
    done: list[int] = []

    def work(n: int) -> int:
        time.sleep(0.01)
        done.append(n)
        return n

    async def main() -> list[int]:
        return await asyncio.gather(*(budget.run(lambda n=n: work(n)) for n in range(20)))

    try:
        results = asyncio.run(main())
    finally:
        budget.close()
    assert results == list(range(20))
    assert done == list(range(20))


def test_work_that_ran_past_its_budget_is_over_budget_even_when_seen_late() -> None:
    """The worker holds the GIL while it works: the loop may see the job only once it has ended."""
    budget = Budget(timeout_s=0.05, queue_timeout_s=5)

    def busy() -> int:
        end = time.perf_counter() + 0.3
        while time.perf_counter() < end:  # pure Python: holds the GIL like an extraction
            pass
        return 1

    try:
        with pytest.raises(OverBudget, match="budget"):
            asyncio.run(budget.run(busy))
    finally:
        budget.close()


def test_work_past_its_budget_is_refused_even_when_the_loop_sees_it_late(monkeypatch: pytest.MonkeyPatch) -> None:
    """Under load the event loop may run again only after the work has finished, and the finished
    result then reaches wait_for before its timer: the answer is still "over budget", measured on
    the worker's own clock."""
    budget = Budget(timeout_s=0.01, queue_timeout_s=5)
    real_wait_for = asyncio.wait_for

    async def late_wait_for(fut: Any, timeout: float | None) -> Any:
        time.sleep(0.03)  # the loop thread is descheduled; the work finishes meanwhile
        return await real_wait_for(fut, timeout)

    def work() -> str:
        time.sleep(0.015)
        return "done"

    monkeypatch.setattr(asyncio, "wait_for", late_wait_for)
    try:
        with pytest.raises(OverBudget, match="budget"):
            asyncio.run(budget.run(work))
    finally:
        budget.close()
