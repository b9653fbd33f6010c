"""HTTP load on loopback: ``calcidx serve`` with 1 and 2 workers, POST /api/v1/assess with a typical report.

For each worker count, each concurrency level and each input kind (the same report again and again,
or a distinct report per request), N clients send requests back to back for a fixed time (requests
in flight then finish); the script prints throughput and p50/p99 latency, and counts non-200 answers. The load
generator runs on the same machine (and cores) as the server, so the figures are a floor. Beside
each run: the server's CPU time per request (all its processes, user + sys) and the 1-minute load
average at its end, since other work on the machine moves the wall-clock figures.

    python bench/http_load_bench.py [--seconds 10] [--concurrency 20 200] [--workers 1 2]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import subprocess
import sys
import time

import httpx
import psutil

#: A typical single-patient case report (written for this benchmark, about 1,400 characters).
REPORT = """Case report
A 58-year-old woman with a 12-year history of limited cutaneous systemic sclerosis presented with
painful, firm, white papules and nodules on the fingertips of both hands and over the left elbow.
Some lesions had ulcerated and discharged a chalky white material. She reported Raynaud phenomenon
for many years and had sclerodactyly. There was no history of renal disease, and she denied taking
calcium or vitamin D supplements. Her mother had hypothyroidism.

Investigations: serum calcium 2.32 mmol/L (reference 2.15-2.55), phosphate 1.05 mmol/L
(0.8-1.5), albumin 41 g/L, creatinine 68 umol/L, alkaline phosphatase 82 U/L, intact PTH
4.1 pmol/L. Anti-centromere antibodies were positive. A plain radiograph of the hands showed
amorphous radiopaque deposits in the soft tissue of the distal phalanges. A skin biopsy of an
elbow nodule showed basophilic amorphous deposits in the dermis that stained with von Kossa.

She was treated with topical sodium thiosulfate and later with surgical excision of the elbow
nodule, with partial improvement at six months.
"""


_SERVE = [sys.executable, "-m", "calcidx", "serve"]
_RUN = os.getpid()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _start(workers: int) -> tuple[subprocess.Popen[bytes], str]:
    port = _free_port()
    env = {**os.environ, "CALCIDX_ENVIRONMENT": "development"}
    env.pop("CALCIDX_API_TOKEN", None)
    process = subprocess.Popen(
        [*_SERVE, "--port", str(port), "--workers", str(workers), "--log-level", "warning"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 600
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{base}/api/v1/health", timeout=2).status_code == 200:
                break
        except httpx.HTTPError:
            pass
        if process.poll() is not None:
            raise SystemExit("calcidx serve exited during start-up")
        time.sleep(0.5)
    else:
        process.kill()
        raise SystemExit("calcidx serve did not start in 600 s")
    # Every worker warms in its own lifespan before it accepts; a few requests reach each one.
    for _ in range(4 * workers):
        httpx.post(f"{base}/api/v1/assess", content=REPORT, headers={"content-type": "text/plain"}, timeout=60)
    return process, base


async def _load(base: str, concurrency: int, seconds: float, distinct: bool) -> tuple[list[float], int, float]:
    latencies: list[float] = []
    failures = 0
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=120) as client:
        stop = time.perf_counter() + seconds

        async def one_client(number: int) -> None:
            nonlocal failures
            sent = 0
            while time.perf_counter() < stop:
                sent += 1
                # A distinct text per request defeats the server's result cache: every request is assessed.
                text = f"{REPORT}\nReference {_RUN}-{number}-{sent}.\n" if distinct else REPORT
                started = time.perf_counter()
                try:
                    response = await client.post("/api/v1/assess", content=text, headers={"content-type": "text/plain"})
                except httpx.TransportError:
                    failures += 1  # a dropped connection counts as a failed request
                    continue
                latencies.append(time.perf_counter() - started)
                if response.status_code != 200:
                    failures += 1

        began = time.perf_counter()
        await asyncio.gather(*(one_client(n) for n in range(concurrency)))
        elapsed = time.perf_counter() - began
    return latencies, failures, elapsed


def _server_cpu(process: subprocess.Popen[bytes]) -> float:
    """CPU seconds (user + sys) used so far by the server and its worker processes."""
    total = 0.0
    try:
        root = psutil.Process(process.pid)
        for proc in [root, *root.children(recursive=True)]:
            times = proc.cpu_times()
            total += times.user + times.system
    except psutil.Error:
        pass
    return total


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10.0, help="load time per run (default 10)")
    parser.add_argument("--concurrency", type=int, nargs="+", default=[20, 200])
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    args = parser.parse_args()
    print(f"report: {len(REPORT):,} characters; {os.cpu_count()} CPU(s); load generator on the same machine")
    print("input: 'same' repeats one report (answered from the result cache after the first); 'distinct' adds a")
    print("unique line to every request, so every request is extracted and assessed")
    header = f"{'workers':>7} {'clients':>7} {'input':>8} {'requests':>8} {'non-200':>7} {'req/s':>7}"
    print(f"{header} {'p50 ms':>8} {'p99 ms':>8} {'CPU ms/req':>10} {'load':>5}   (target: p99 < 100 ms at 20 clients)")
    for workers in args.workers:
        process, base = _start(workers)
        try:
            for concurrency in args.concurrency:
                for distinct in (False, True):
                    cpu_before = _server_cpu(process)
                    latencies, failures, elapsed = asyncio.run(_load(base, concurrency, args.seconds, distinct))
                    cpu = (_server_cpu(process) - cpu_before) / max(len(latencies), 1)
                    kind = "distinct" if distinct else "same"
                    print(
                        f"{workers:>7} {concurrency:>7} {kind:>8} {len(latencies):>8} {failures:>7}"
                        f" {len(latencies) / elapsed:>7.1f} {_percentile(latencies, 0.50) * 1000:>8.1f}"
                        f" {_percentile(latencies, 0.99) * 1000:>8.1f} {cpu * 1000:>10.1f} {os.getloadavg()[0]:>5.1f}",
                        flush=True,
                    )
        finally:
            process.terminate()
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()


if __name__ == "__main__":
    main()
