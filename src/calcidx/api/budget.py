"""The per-request CPU budget: library work runs on one worker thread, with a deadline.

CPU-bound work gains nothing from more threads under the GIL, and one thread keeps the spaCy
pipeline single-threaded. A request whose work has not started within ``queue_timeout_s`` gets
503 "busy"; one whose work runs past ``timeout_s`` gets 503 "over budget" at once. Python cannot
stop a running thread, so the text size limit (``max_text_chars``) is what bounds the work an
abandoned request can still cost.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

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

    async def run(self, fn: Callable[[], T]) -> T:
        """Run ``fn()`` on the worker thread within the budget.

        Raises:
            OverBudget: the call waited or ran too long.
        """
        started = threading.Event()
        began: list[float] = []

        def job() -> T:
            began.append(time.perf_counter())
            started.set()
            return fn()

        future = asyncio.wrap_future(self._executor.submit(job))
        deadline = time.perf_counter() + self.queue_timeout_s
        while not started.is_set():
            remaining = deadline - time.perf_counter()
            if remaining <= 0:
                future.cancel()
                raise OverBudget("the server is busy; try again in a minute")
            try:
                return await asyncio.wait_for(asyncio.shield(future), timeout=min(remaining, 0.05))
            except TimeoutError:
                continue
        remaining = self.timeout_s - (time.perf_counter() - began[0])
        try:
            return await asyncio.wait_for(asyncio.shield(future), timeout=max(remaining, 0.0))
        except TimeoutError:
            raise OverBudget(
                f"the assessment took longer than its budget of {self.timeout_s:g} s; send a shorter text"
            ) from None

    def close(self) -> None:
        """Stop accepting work (running work finishes)."""
        self._executor.shutdown(wait=False, cancel_futures=True)
