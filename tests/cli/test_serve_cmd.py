"""``calcidx serve``: settings are checked before the server starts; bad ones are one line, exit 1;
several workers start and stay up."""

from __future__ import annotations

import contextlib
import json
import os
import re
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TextIO

import httpx
import psutil

_LOAD_CLIENT = Path(__file__).resolve().parents[2] / "bench" / "http_load_client.py"


def _serve(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("CALCIDX_")}
    return subprocess.run(
        [sys.executable, "-m", "calcidx", "serve", *args],
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_default_secret_refused_outside_development() -> None:
    result = _serve(CALCIDX_ENVIRONMENT="production")
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "CALCIDX_SECRET_KEY" in lines[0] and "Traceback" not in result.stderr


def test_bad_port_is_one_line() -> None:
    result = _serve("--port", "0")
    assert result.returncode == 1
    assert "--port" in result.stderr and "Traceback" not in result.stderr


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextlib.contextmanager
def _running(tmp_path: Path, *args: str) -> Iterator[tuple[subprocess.Popen[bytes], int, TextIO]]:
    """``calcidx serve ARGS`` on a free port, once it answers its health check (or has exited);
    yields the server, its port and its log (stdout and stderr), and stops it afterwards."""
    port = _free_port()
    clean = {k: v for k, v in os.environ.items() if not k.startswith("CALCIDX_")}
    log = (tmp_path / "serve.log").open("w+")
    server = subprocess.Popen(
        [sys.executable, "-m", "calcidx", "serve", "--port", str(port), *args],
        env={**clean, "CALCIDX_ENVIRONMENT": "development"},
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 600
        while time.monotonic() < deadline and server.poll() is None:
            try:
                if httpx.get(f"http://127.0.0.1:{port}/api/v1/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            time.sleep(1)
        yield server, port, log
    finally:
        server.terminate()
        try:
            server.wait(timeout=60)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()


def _workers(server: subprocess.Popen[bytes]) -> list[psutil.Process]:
    """The server's worker processes (not multiprocessing's resource tracker; a killed worker is a
    zombie until the supervisor reaps it, and no worker any more)."""
    live = []
    for worker in psutil.Process(server.pid).children():
        try:
            if worker.status() != psutil.STATUS_ZOMBIE and "resource_tracker" not in " ".join(worker.cmdline()):
                live.append(worker)
        except psutil.Error:
            continue
    return live


def _listening(worker: psutil.Process, port: int) -> bool:
    """Whether ``worker`` listens on ``port`` itself (each binds only once its runtime is warm)."""
    try:
        sockets = worker.net_connections(kind="tcp")
    except psutil.Error:
        return False
    return any(c.status == psutil.CONN_LISTEN and c.laddr and c.laddr.port == port for c in sockets)


def test_two_workers_start_and_stay_up(tmp_path: Path) -> None:
    """Both workers build their runtime and serve; the supervisor does not kill them while they warm."""
    with _running(tmp_path, "--workers", "2", "--log-level", "info") as (server, port, log):
        base = f"http://127.0.0.1:{port}"
        assert server.poll() is None, "calcidx serve exited"
        live = _workers(server)
        assert len(live) == 2, [w.cmdline() for w in live]
        for n in range(4):  # answered while a worker may still be warming
            text = f"A 60-year-old man had calcified nodules on the elbows. Note {n}."
            answer = httpx.post(
                f"{base}/api/v1/assess", content=text, headers={"content-type": "text/plain"}, timeout=300
            )
            assert answer.status_code == 200
            assert answer.json()["cases"][0]["assessment"]["subtype"]["code"]
        # a worker binds only once warm: on a loaded machine the second may still be building its
        # runtime after the first answers, and until it listens the first takes every connection
        deadline = time.monotonic() + 300
        while not all(_listening(w, port) for w in live) and time.monotonic() < deadline:
            time.sleep(0.5)
        assert all(_listening(w, port) for w in live), "a worker never listened on the port"
        # 16 keep-alive connections opened at once, sending distinct reports back to back (an EHR's
        # pool under load, as the HTTP bench does): both workers serve. uvicorn's shared socket let
        # one worker accept nearly every connection.
        body = tmp_path / "report.txt"
        body.write_text("A 60-year-old man had calcified nodules on both elbows; calcium was normal.\n")
        load = [sys.executable, str(_LOAD_CLIENT), "--port", str(port), "--body-file", str(body), "--distinct"]
        done = subprocess.run([*load, "--clients", "16", "--seconds", "3"], capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stderr
        assert json.loads(done.stdout.splitlines()[-1])["non_200"] == 0
        time.sleep(8)  # longer than uvicorn's default 5 s health check
        assert sorted(w.pid for w in psutil.Process(server.pid).children() if w in live) == sorted(w.pid for w in live)
        log.seek(0)
        text = log.read()
        assert "exited" not in text and "died" not in text
        served = Counter(re.findall(r"request id=\S+ worker=(\d+) method=POST path=/api/v1/assess status=200", text))
        assert set(served) == {str(w.pid) for w in live}, served
        assert min(served.values()) >= 4, served  # the kernel hashes connections: an even split is not promised


def test_one_worker_logs_each_request_without_its_text(tmp_path: Path) -> None:
    """A single-process server logs one line per request (the CLI's null root handler once hid it)."""
    marker = "Quillfeather"
    with _running(tmp_path, "--log-level", "info") as (_, port, log):
        base = f"http://127.0.0.1:{port}"
        text = f"Mr {marker}, 70, had calcified nodules on both elbows; serum calcium 2.4 mmol/L."
        for _ in range(2):  # assessed, then answered from the result cache
            answer = httpx.post(f"{base}/api/v1/assess", content=text, headers={"content-type": "text/plain"})
            assert answer.status_code == 200
        time.sleep(0.5)
        log.seek(0)
        lines = [line for line in log.read().splitlines() if "path=/api/v1/assess" in line]
        assert len(lines) == 2, lines
        assert "status=200" in lines[0] and "work_cpu_ms=" in lines[0] and "work_cpu_ms=cached" in lines[1]
        assert all(marker not in line for line in lines)


def test_two_workers_on_a_taken_port_is_one_line_and_exit_1() -> None:
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = _serve("--port", str(port), "--workers", "2", CALCIDX_ENVIRONMENT="development")
    assert result.returncode == 1
    assert f"cannot listen on 127.0.0.1:{port}" in result.stderr and "Traceback" not in result.stderr


def test_a_killed_worker_is_replaced(tmp_path: Path) -> None:
    def wait_for(server: subprocess.Popen[bytes], condition: Callable[[], bool]) -> None:
        # the condition is judged once per round and the round that holds ends the wait: judging it
        # again afterwards raced with the supervisor (a worker being spawned is briefly unreadable)
        deadline = time.monotonic() + 600
        while time.monotonic() < deadline and server.poll() is None:
            if condition():
                return
            time.sleep(1)
        raise AssertionError(f"not reached (server exit code {server.poll()}); workers {_workers(server)}")

    with _running(tmp_path, "--workers", "2") as (server, port, log):
        base = f"http://127.0.0.1:{port}"
        # both workers listen before one is killed: a worker binds only once warm, and killing the
        # only one listening while the other still warmed left no socket (connection refused in CI)
        wait_for(server, lambda: len(live := _workers(server)) == 2 and all(_listening(w, port) for w in live))
        victim = _workers(server)[0]
        victim.kill()
        wait_for(
            server,
            lambda: (
                len(live := _workers(server)) == 2
                and victim.pid not in [w.pid for w in live]
                and any(_listening(w, port) for w in live)
            ),
        )
        for n in range(6):  # new connections: some reach the new worker once it has warmed
            answer = httpx.post(
                f"{base}/api/v1/assess",
                content=f"A 50-year-old woman had calcified nodules on the fingers. Note {n}.",
                headers={"content-type": "text/plain"},
                timeout=300,
            )
            assert answer.status_code == 200
        log.seek(0)
        assert "starting another" in log.read()
