"""Memory stays flat over many documents: each extraction runs in a spaCy memory zone."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

PROBE = Path(__file__).resolve().parents[2] / "bench" / "memory_probe.py"


def test_rss_after_20000_varied_documents_is_within_10_percent_of_after_1000() -> None:
    # Short one-sentence notes keep this quick; every note brings new strings (ids, numbers)
    # that the shared vocabulary would otherwise keep for good.
    proc = subprocess.run(
        [sys.executable, str(PROBE), "--short", "20000", "1000", "20000"],
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    out = json.loads(proc.stdout.strip().splitlines()[-1])
    rss = {int(k): v for k, v in out["rss_mb"].items()}
    assert rss[20000] <= rss[1000] * 1.10, rss
    assert out["strings"] < 20_000  # the string store did not keep the notes' 40,000+ new strings
