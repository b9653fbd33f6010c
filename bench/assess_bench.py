"""Cold start of ``calcidx assess CASE.json`` and in-process assess latency per case."""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CASE = ROOT / "examples" / "case-idiopathic-fingertips.json"
CALCIDX = Path(sys.executable).parent / "calcidx"


def cold_start(runs: int = 5) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([str(CALCIDX), "assess", str(CASE), "--format", "json"], check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return times


def in_process(runs: int = 500, *, guidance: bool) -> list[float]:
    from calcidx.assess.api import assess_case
    from calcidx.case.model import Case
    from calcidx.knowledge.loader import load_bundle

    bundle = load_bundle()
    cases = [
        Case.model_validate(json.loads(path.read_text())["case"])
        for path in sorted((ROOT / "tests" / "golden").glob("*.json"))
    ]
    cases = cases or [Case.model_validate(json.loads(CASE.read_text()))]
    assess_case(cases[0], bundle)  # warm: the HPO ontology loads once per process
    times = []
    for i in range(runs):
        case = cases[i % len(cases)]
        start = time.perf_counter()
        assess_case(case, bundle, guidance=guidance)
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    cold = cold_start()
    print(
        f"cold start `calcidx assess CASE.json`: median {statistics.median(cold):.3f} s "
        f"(min {min(cold):.3f}, max {max(cold):.3f}; target < 1.5 s)"
    )
    for guidance, what in ((False, "pathway, work-up, labs"), (True, "everything incl. HPO differential, treatments")):
        warm = sorted(in_process(guidance=guidance))
        p95 = warm[int(len(warm) * 0.95)]
        print(
            f"in-process assess latency per case ({what}): median {statistics.median(warm) * 1000:.2f} ms, "
            f"p95 {p95 * 1000:.2f} ms over {len(warm)} runs (target < 2 ms for the pathway)"
        )


if __name__ == "__main__":
    main()
