"""A cheap HTTP/1.1 load generator: N keep-alive connections on raw asyncio streams, in its own process.

``http_load_bench.py`` runs it once per measurement. Each client sends ``POST`` requests back to
back on one connection: a warm-up (connections opened, not counted), then the measured window;
requests still in flight at its end finish and count. It prints one JSON line: latencies'
percentiles, throughput, non-200 answers, its own CPU per request and, given ``--server-pid``, the
server's CPU per request (that process and its children, user + sys) over the same window.

An httpx client cost about 1 ms of CPU per request on the cores the server needs; this one reads
the status line and ``content-length`` and nothing else (the server always sends a length).

    python bench/http_load_client.py --port 8000 --clients 20 --seconds 10 --body-file report.txt
        [--distinct] [--server-pid PID] [--warmup 1] [--path /api/v1/assess]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import time
from pathlib import Path

import psutil


def _server_cpu(pid: int | None) -> float:
    """CPU seconds (user + sys) used so far by ``pid`` and its children; 0 without a pid."""
    if pid is None:
        return 0.0
    total = 0.0
    try:
        root = psutil.Process(pid)
        for proc in [root, *root.children(recursive=True)]:
            times = proc.cpu_times()
            total += times.user + times.system
    except psutil.Error:
        pass
    return total


def _request(host: str, path: str, body: bytes, content_type: str, token: str | None) -> bytes:
    auth = f"authorization: Bearer {token}\r\n" if token else ""
    head = (
        f"POST {path} HTTP/1.1\r\nhost: {host}\r\ncontent-type: {content_type}\r\n{auth}"
        f"content-length: {len(body)}\r\n\r\n"
    )
    return head.encode("latin-1") + body


class _Run:
    """Shared state of one measurement (one event loop, so no locks)."""

    def __init__(self, warmup_end: float, stop: float) -> None:
        self.warmup_end = warmup_end
        self.stop = stop
        self.latencies: list[float] = []
        self.non_200 = 0
        self.statuses: dict[int, int] = {}
        self.dropped = 0


async def _read_response(reader: asyncio.StreamReader) -> tuple[int, bool]:
    """Status and whether the server keeps the connection open; the body is read and dropped."""
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.split(b"\r\n")
    status = int(lines[0].split(b" ", 2)[1])
    length = -1
    keep = True
    for line in lines[1:]:
        name, _, value = line.partition(b":")
        name = name.strip().lower()
        if name == b"content-length":
            length = int(value)
        elif name == b"connection" and value.strip().lower() == b"close":
            keep = False
    if length < 0:
        raise ConnectionError("a response without content-length (this client reads only those)")
    await reader.readexactly(length)
    return status, keep


async def _client(run: _Run, number: int, args: argparse.Namespace, body: bytes) -> None:
    fixed = _request(args.host, args.path, body, args.content_type, args.token)
    tag = f"{os.getpid()}-{number}"
    sent = 0
    reader: asyncio.StreamReader | None = None
    writer: asyncio.StreamWriter | None = None
    while time.perf_counter() < run.stop:
        if writer is None:
            try:
                reader, writer = await asyncio.open_connection(args.host, args.port)
            except OSError:
                run.dropped += 1
                await asyncio.sleep(0.05)
                continue
        assert reader is not None
        sent += 1
        # A distinct line per request defeats the server's result cache: every request is assessed.
        request = (
            _request(
                args.host, args.path, body + f"\nReference {tag}-{sent}.\n".encode(), args.content_type, args.token
            )
            if args.distinct
            else fixed
        )
        started = time.perf_counter()
        try:
            writer.write(request)
            status, keep = await _read_response(reader)
        except (ConnectionError, asyncio.IncompleteReadError, ValueError, IndexError):
            run.dropped += 1
            writer.close()
            writer = None
            continue
        finished = time.perf_counter()
        if finished >= run.warmup_end:
            run.latencies.append(finished - started)
            run.statuses[status] = run.statuses.get(status, 0) + 1
            if status != 200:
                run.non_200 += 1
        if not keep:
            writer.close()
            writer = None
    if writer is not None:
        writer.close()


async def _measure(args: argparse.Namespace, body: bytes) -> dict[str, object]:
    began = time.perf_counter()
    run = _Run(warmup_end=began + args.warmup, stop=began + args.warmup + args.seconds)
    tasks = [asyncio.create_task(_client(run, n, args, body)) for n in range(args.clients)]
    await asyncio.sleep(max(0.0, run.warmup_end - time.perf_counter()))
    cpu_server = _server_cpu(args.server_pid)
    cpu_client = time.process_time()
    window_start = time.perf_counter()
    await asyncio.gather(*tasks)
    elapsed = time.perf_counter() - window_start
    cpu_client = time.process_time() - cpu_client
    cpu_server = _server_cpu(args.server_pid) - cpu_server
    ordered = sorted(run.latencies)
    count = len(ordered)

    def pct(q: float) -> float:
        return ordered[min(count - 1, max(0, round(q * (count - 1))))] * 1000 if count else float("nan")

    return {
        "requests": count,
        "non_200": run.non_200,
        "statuses": {str(k): v for k, v in sorted(run.statuses.items())},
        "dropped": run.dropped,
        "seconds": elapsed,
        "req_per_s": count / elapsed if elapsed else 0.0,
        "p50_ms": pct(0.50),
        "p90_ms": pct(0.90),
        "p99_ms": pct(0.99),
        "max_ms": ordered[-1] * 1000 if count else float("nan"),
        "server_cpu_ms_per_req": cpu_server * 1000 / max(count, 1),
        "client_cpu_ms_per_req": cpu_client * 1000 / max(count, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--path", default="/api/v1/assess")
    parser.add_argument("--content-type", default="text/plain")
    parser.add_argument("--token", default=None, help="sent as 'Authorization: Bearer TOKEN'")
    parser.add_argument("--body-file", type=Path, required=True)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--warmup", type=float, default=1.0, help="seconds sent but not counted (default 1)")
    parser.add_argument("--distinct", action="store_true", help="make every request body unique")
    parser.add_argument("--server-pid", type=int, default=None)
    args = parser.parse_args()
    body = args.body_file.read_bytes()
    try:
        import uvloop

        result = uvloop.run(_measure(args, body))
    except ImportError:
        result = asyncio.run(_measure(args, body))
    print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
