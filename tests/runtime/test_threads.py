"""Threads that share one pipeline get the answers one thread gets, and no error.

A Dask worker with two threads crashed with spaCy's E018 ("Can't retrieve string for hash"): one
thread's memory zone ended and freed the strings of a document the other thread was still reading.
The pipeline now runs one document at a time per process.
"""

from __future__ import annotations

import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from calcidx.extract.pipeline import extract

FIXTURES = Path(__file__).resolve().parents[1] / "extract" / "fixtures"


def _texts() -> list[str]:
    texts = [path.read_text(encoding="utf-8") for path in sorted(FIXTURES.rglob("*.txt"))]
    # each text with a word of its own, so that every run brings strings the vocabulary lacks
    return [f"{text}\nReference code Zq{index}x{index * 7}k." for index, text in enumerate(texts * 3)]


def test_threads_sharing_the_pipeline_match_one_thread() -> None:
    texts = _texts()
    serial = [extract(text).model_dump_json() for text in texts]
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # switch threads often, as a busy worker would
    try:
        with ThreadPoolExecutor(max_workers=4) as pool:
            threaded = list(pool.map(lambda text: extract(text).model_dump_json(), texts))
    finally:
        sys.setswitchinterval(interval)
    assert threaded == serial
