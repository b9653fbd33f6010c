"""The runtime and the service: cold start, warm latency through the service, memory over many documents.

Prints:
- cold start of ``calcidx assess CASE.json`` (wall and CPU time of the whole process; target < 1.5 s),
- warm ``assess_input`` latency on a Case JSON and ``extract_input`` latency on a short report,
- RSS after 1,000 and 20,000 varied documents through ``extract_many`` (``memory_probe.py``).
"""

from __future__ import annotations

import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).parent
ROOT = HERE.parent
CASE = ROOT / "examples" / "case-idiopathic-fingertips.json"
CALCIDX = Path(sys.executable).parent / "calcidx"
REPORT = (
    "Case report\n\nA 58-year-old woman on haemodialysis for end-stage renal disease presented with painful "
    "retiform purpura on both thighs. Serum calcium was 2.6 mmol/L, phosphate 2.4 mmol/L and PTH 950 pg/mL. "
    "A skin biopsy showed calcification of small vessels."
)


def cold_start(runs: int = 5) -> tuple[list[float], list[float]]:
    """Wall and CPU seconds of whole `calcidx assess CASE.json` processes."""
    walls, cpus = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run([str(CALCIDX), "assess", str(CASE), "--format", "json"], check=True, capture_output=True)
        walls.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append((after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime))
    return walls, cpus


_BUILD = (
    "import time; c, w = time.process_time(), time.perf_counter(); "
    "from calcidx.runtime import Runtime, RuntimeSpec; Runtime.build(RuntimeSpec(eager=False)); "
    "print(time.perf_counter() - w, time.process_time() - c)"
)


def cold_build(runs: int = 3) -> tuple[float, float]:
    """Median wall and CPU seconds of importing and building a lazy runtime (the Case JSON path) in
    a fresh interpreter."""
    walls, cpus = [], []
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-c", _BUILD], check=True, capture_output=True, text=True).stdout
        wall, cpu = (float(x) for x in out.split())
        walls.append(wall)
        cpus.append(cpu)
    return statistics.median(walls), statistics.median(cpus)


def _latency(call: object, runs: int) -> tuple[float, float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        call()  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    times.sort()
    return statistics.median(times) * 1000, times[int(len(times) * 0.95)] * 1000


def main() -> None:
    walls, cpus = cold_start()
    print(
        f"cold start `calcidx assess CASE.json`: median {statistics.median(walls):.3f} s wall, "
        f"{statistics.median(cpus):.3f} s CPU (min wall {min(walls):.3f} s; target < 1.5 s); "
        f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
    )
    wall, cpu = cold_build()
    print(
        f"  of which import + lazy runtime build (bundle, stamp, HPO index count): {wall:.3f} s wall, {cpu:.3f} s CPU"
    )
    from calcidx.runtime import get_runtime
    from calcidx.service import assess_input, extract_input

    start = time.perf_counter()
    runtime = get_runtime()
    built = time.perf_counter() - start
    print(f"runtime build (eager: bundle, vocabulary, spaCy pipeline, units, HPO index): {built:.2f} s")
    case = CASE.read_bytes()
    median, p95 = _latency(lambda: assess_input(case, runtime=runtime), 200)
    print(f"warm assess_input(Case JSON): median {median:.2f} ms, p95 {p95:.2f} ms")
    median, p95 = _latency(lambda: extract_input(REPORT, "text/plain", runtime=runtime), 200)
    print(f"warm extract_input({len(REPORT)}-character report): median {median:.2f} ms, p95 {p95:.2f} ms")
    median, p95 = _latency(lambda: assess_input(REPORT, "text/plain", runtime=runtime), 100)
    print(f"warm assess_input(same report, extract + assess): median {median:.2f} ms, p95 {p95:.2f} ms")
    proc = subprocess.run(
        [sys.executable, str(HERE / "memory_probe.py"), "20000", "1000", "20000"],
        check=True,
        capture_output=True,
        text=True,
    )
    out = json.loads(proc.stdout.strip().splitlines()[-1])
    rss = {int(k): v for k, v in out["rss_mb"].items()}
    print(
        f"RSS over varied ~250-character notes through extract_many: {rss[1000]:.1f} MB after 1,000, "
        f"{rss[20000]:.1f} MB after 20,000 ({(rss[20000] / rss[1000] - 1) * 100:+.1f} %); "
        f"{out['strings']:,} strings in the vocab; {20000 / out['seconds']:.0f} documents/s"
    )


if __name__ == "__main__":
    main()
