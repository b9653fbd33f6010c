"""``calcidx serve``: settings are checked before the server starts; bad ones are one line, exit 1;
several workers start and stay up."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import httpx
import psutil


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


def test_two_workers_start_and_stay_up(tmp_path: Path) -> None:
    """Both workers build their runtime and serve; the supervisor does not kill them while they warm."""
    port = _free_port()
    clean = {k: v for k, v in os.environ.items() if not k.startswith("CALCIDX_")}
    log = (tmp_path / "serve.log").open("w+")
    server = subprocess.Popen(
        [sys.executable, "-m", "calcidx", "serve", "--port", str(port), "--workers", "2", "--log-level", "info"],
        env={**clean, "CALCIDX_ENVIRONMENT": "development"},
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 600
        while time.monotonic() < deadline and server.poll() is None:
            try:
                if httpx.get(f"{base}/api/v1/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            time.sleep(1)
        assert server.poll() is None, "calcidx serve exited"
        workers = psutil.Process(server.pid).children()
        live = [w for w in workers if "resource_tracker" not in " ".join(w.cmdline())]
        assert len(live) == 2, [w.cmdline() for w in workers]
        # a second worker may still be warming: every request is answered all the same
        for n in range(6):
            text = f"A 60-year-old man had calcified nodules on the elbows. Note {n}."
            answer = httpx.post(
                f"{base}/api/v1/assess", content=text, headers={"content-type": "text/plain"}, timeout=300
            )
            assert answer.status_code == 200
            assert answer.json()["cases"][0]["assessment"]["subtype"]["code"]
        time.sleep(8)  # longer than uvicorn's default 5 s health check
        assert sorted(w.pid for w in psutil.Process(server.pid).children() if w in live) == sorted(w.pid for w in live)
        log.seek(0)
        assert "died" not in log.read()
    finally:
        server.terminate()
        try:
            server.wait(timeout=60)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()


def test_one_worker_logs_each_request_without_its_text(tmp_path: Path) -> None:
    """A single-process server logs one line per request (the CLI's null root handler once hid it)."""
    port = _free_port()
    clean = {k: v for k, v in os.environ.items() if not k.startswith("CALCIDX_")}
    log = (tmp_path / "serve.log").open("w+")
    server = subprocess.Popen(
        [sys.executable, "-m", "calcidx", "serve", "--port", str(port), "--log-level", "info"],
        env={**clean, "CALCIDX_ENVIRONMENT": "development"},
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    marker = "Quillfeather"
    try:
        deadline = time.monotonic() + 600
        while time.monotonic() < deadline and server.poll() is None:
            try:
                if httpx.get(f"{base}/api/v1/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            time.sleep(1)
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
    finally:
        server.terminate()
        try:
            server.wait(timeout=60)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()
