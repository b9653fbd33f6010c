"""HTTP load on loopback: ``calcidx serve`` with 1 and 2 workers, POST /api/v1/assess with a typical report.

For each worker count, each number of clients and each input kind (the same report again and
again, or a distinct report per request), N keep-alive clients send requests back to back for a
fixed time after a 1 s warm-up; requests in flight at the end finish and count. The load generator
is ``http_load_client.py``: raw asyncio streams in its own process, about 0.1 ms of CPU per request
(the httpx client used before cost ~1 ms, on the same 2 cores as the server). Printed per run:
throughput, p50/p99 latency, non-200 answers, the server's CPU per request (all its processes,
user + sys), how much of it was the library call on the worker thread (``work_cpu_ms`` in the
server's log line), the client's CPU, and the 1-minute load average (other work moves the wall
figures). Then a distinct request's CPU split: the work (extract + assess + JSON, split again in
this process) and the HTTP path.

    python bench/http_load_bench.py [--seconds 10] [--clients 20 200] [--workers 1 2]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

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


def _start(workers: int, log: Path) -> tuple[subprocess.Popen[bytes], str]:
    port = _free_port()
    env = {**os.environ, "CALCIDX_ENVIRONMENT": "development"}
    env.pop("CALCIDX_API_TOKEN", None)
    process = subprocess.Popen(
        [*_SERVE, "--port", str(port), "--workers", str(workers), "--log-level", "info"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=log.open("ab"),  # one line per request: the bench reads work_cpu_ms from it
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
    # The log stays at INFO (one line per request) as in production.
    for _ in range(4 * workers):
        httpx.post(f"{base}/api/v1/assess", content=REPORT, headers={"content-type": "text/plain"}, timeout=60)
    return process, base


_CLIENT = Path(__file__).with_name("http_load_client.py")
_TARGET_MS = 100.0
_TARGET_CLIENTS = 20


def _load(port: int, pid: int, body: Path, clients: int, seconds: float, distinct: bool) -> dict[str, float]:
    command = [sys.executable, str(_CLIENT), "--port", str(port), "--body-file", str(body), "--clients", str(clients)]
    command += ["--seconds", str(seconds), "--server-pid", str(pid), *(["--distinct"] if distinct else [])]
    done = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 600)
    if done.returncode != 0:
        raise SystemExit(f"the load client failed: {done.stderr.strip().splitlines()[-1:]}")
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


_WORK_CPU = re.compile(rb"work_cpu_ms=([0-9.]+|cached)")


def _work_cpu(log: Path, offset: int) -> float | None:
    """Mean CPU ms of the worker thread's library call per request (a cached answer counts 0) over
    the server's log lines after ``offset``; None when every answer came from the cache."""
    with log.open("rb") as handle:
        handle.seek(offset)
        values = [m.group(1) for m in _WORK_CPU.finditer(handle.read())]
    if all(v == b"cached" for v in values):
        return None
    return sum(float(v) for v in values if v != b"cached") / len(values)


def _breakdown(count: int = 80) -> dict[str, float]:
    """CPU ms per distinct report in this process: extraction, assessment, JSON (the service's steps)."""
    import gc

    from calcidx.service import assess_document, load_input

    texts = [f"{REPORT}\nBreakdown {_RUN}-{n}.\n".encode() for n in range(count + 5)]
    for text in texts[-5:]:  # warm, then freeze the runtime as the server does
        assess_document(load_input(text, "text/plain").as_document()).model_dump_json()
    gc.collect()
    gc.freeze()
    figures = {"extract": 0.0, "assess": 0.0, "json": 0.0}
    for text in texts[:count]:
        t0 = time.process_time()
        document = load_input(text, "text/plain").as_document()
        t1 = time.process_time()
        assessed = assess_document(document)
        t2 = time.process_time()
        assessed.model_dump_json().encode()
        t3 = time.process_time()
        figures["extract"] += t1 - t0
        figures["assess"] += t2 - t1
        figures["json"] += t3 - t2
    return {k: v * 1000 / count for k, v in figures.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10.0, help="measured load time per run (default 10)")
    parser.add_argument("--clients", type=int, nargs="+", default=[20, 200])
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    args = parser.parse_args()
    print(f"report: {len(REPORT):,} characters; {os.cpu_count()} CPU(s); load generator on the same machine")
    print("input: 'same' repeats one report (answered from the result cache after the first); 'distinct' adds a")
    print("unique line to every request, so every request is extracted and assessed")
    header = f"{'workers':>7} {'clients':>7} {'input':>8} {'requests':>8} {'non-200':>7} {'req/s':>7}"
    print(
        f"{header} {'p50 ms':>8} {'p99 ms':>8} {'server CPU ms/req':>17} {'of which work':>13}"
        f" {'client CPU ms/req':>17} {'load':>5}"
        f"   target: p99 < {_TARGET_MS:g} ms at {_TARGET_CLIENTS} clients"
    )
    distinct_cpu: list[tuple[float, float]] = []
    with tempfile.TemporaryDirectory() as tmp:
        body = Path(tmp) / "report.txt"
        body.write_text(REPORT, encoding="utf-8")
        log = Path(tmp) / "server.log"
        for workers in args.workers:
            process, base = _start(workers, log)
            port = int(base.rsplit(":", 1)[1])
            try:
                for clients in args.clients:
                    for distinct in (False, True):
                        offset = log.stat().st_size
                        r = _load(port, process.pid, body, clients, args.seconds, distinct)
                        work = _work_cpu(log, offset)
                        if distinct and work is not None:
                            distinct_cpu.append((r["server_cpu_ms_per_req"], work))
                        verdict = ""
                        if clients == _TARGET_CLIENTS:
                            verdict = "ok" if r["p99_ms"] < _TARGET_MS else "MISS"
                        kind = "distinct" if distinct else "same"
                        print(
                            f"{workers:>7} {clients:>7} {kind:>8} {r['requests']:>8} {r['non_200'] + r['dropped']:>7}"
                            f" {r['req_per_s']:>7.1f} {r['p50_ms']:>8.1f} {r['p99_ms']:>8.1f}"
                            f" {r['server_cpu_ms_per_req']:>17.2f} {'cached' if work is None else f'{work:.2f}':>13}"
                            f" {r['client_cpu_ms_per_req']:>17.2f}"
                            f" {os.getloadavg()[0]:>5.1f}   {verdict}",
                            flush=True,
                        )
            finally:
                process.terminate()
                try:
                    process.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    process.kill()
    print(
        f"with C clients sending back to back, mean latency = C / throughput: p99 < {_TARGET_MS:g} ms at "
        f"{_TARGET_CLIENTS} clients needs well over {_TARGET_CLIENTS * 1000 / _TARGET_MS:g} req/s, i.e. under "
        f"~{2 * _TARGET_MS / _TARGET_CLIENTS:g} ms of server CPU per request on 2 free cores"
    )
    print(
        "'of which work': the worker thread's CPU for extract + assess + JSON, from the server's own log"
        " line; the rest is the HTTP path (parse, route, hop to the worker, send) and collection"
    )
    if distinct_cpu:
        server, work = min(distinct_cpu)
        print(
            f"a distinct report through HTTP (lowest-CPU run): server {server:.1f} ms CPU = work {work:.1f}"
            f" + HTTP path and the rest {server - work:.1f}",
            flush=True,
        )
    parts = _breakdown()
    print(
        f"the work split in this process (measured now, not during the runs): extract {parts['extract']:.1f}"
        f" + assess {parts['assess']:.1f} + JSON {parts['json']:.1f} = {sum(parts.values()):.1f} ms CPU",
        flush=True,
    )


if __name__ == "__main__":
    main()
