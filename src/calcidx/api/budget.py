"""The per-request CPU budget: library work runs on one worker thread, with a deadline.

CPU-bound work gains nothing from more threads under the GIL, and one thread keeps the spaCy
pipeline single-threaded. A request whose work has not started within ``queue_timeout_s`` gets
503 "busy"; one whose work runs past ``timeout_s`` gets 503 "over budget" at once. Python cannot
stop a running thread, so the text size limit (``max_text_chars``) is what bounds the work an
abandoned request can still cost.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

__all__ = ["Budget", "OverBudget"]

T = TypeVar("T")


class OverBudget(Exception):
    """The work did not finish (or start) in time; ``message`` says which, in words for a person."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class Budget:
    """Runs library calls on a single worker thread with a per-call deadline.

    Args:
        timeout_s: longest a call may run.
        queue_timeout_s: longest a call may wait for the worker.
    """

    def __init__(self, *, timeout_s: float, queue_timeout_s: float) -> None:
        self.timeout_s = timeout_s
        self.queue_timeout_s = queue_timeout_s
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="calcidx-work")

    async def run(self, fn: Callable[[], T], *, cpu: list[float] | None = None) -> T:
        """Run ``fn()`` on the worker thread within the budget.

        Args:
            fn: the library call.
            cpu: when given, the CPU seconds the worker thread spent on ``fn`` are appended to it
                (for the request's log line, which the load benchmark reads).

        A waiting request sleeps until the worker takes its job (the worker wakes it), rather
        than polling: under a queue of 20 requests, polling every 50 ms cost the server CPU that
        the assessments needed.

        Raises:
            OverBudget: the call waited or ran too long.
        """
        loop = asyncio.get_running_loop()
        started = asyncio.Event()
        began: list[float] = []

        ran: list[float] = []

        def job() -> T:
            start = time.perf_counter()
            began.append(start)
            loop.call_soon_threadsafe(started.set)
            cpu_start = time.thread_time()
            try:
                return fn()
            finally:
                ran.append(time.perf_counter() - start)
                if cpu is not None:
                    cpu.append(time.thread_time() - cpu_start)

        future: asyncio.Future[T] = asyncio.wrap_future(self._executor.submit(job))
        waiter: asyncio.Future[Any] = asyncio.ensure_future(started.wait())
        try:
            await asyncio.wait([future, waiter], timeout=self.queue_timeout_s, return_when=asyncio.FIRST_COMPLETED)
        finally:
            waiter.cancel()
        if future.done():
            # The worker may finish before this loop gets the GIL back to see it start: the
            # budget still holds, measured on the worker's own clock.
            if ran and ran[0] > self.timeout_s:
                raise self._over()
            return future.result()
        if not began:  # the worker never took the job
            future.cancel()
            raise OverBudget("the server is busy; try again in a minute")
        remaining = self.timeout_s - (time.perf_counter() - began[0])
        try:
            result = await asyncio.wait_for(asyncio.shield(future), timeout=max(remaining, 0.0))
        except TimeoutError:
            raise self._over() from None
        # Under load the worker can finish before this loop is scheduled again, and wait_for then
        # returns the finished result at once: the budget still holds, on the worker's own clock.
        if ran and ran[0] > self.timeout_s:
            raise self._over()
        return result

    def _over(self) -> OverBudget:
        return OverBudget(f"the assessment took longer than its budget of {self.timeout_s:g} s; send a shorter text")

    def close(self) -> None:
        """Stop accepting work (running work finishes)."""
        self._executor.shutdown(wait=False, cancel_futures=True)
