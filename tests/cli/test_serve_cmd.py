"""``calcidx serve``: settings are checked before the server starts; bad ones are one line, exit 1."""

from __future__ import annotations

import os
import subprocess
import sys


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
