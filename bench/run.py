"""``make bench``: run every benchmark script in its own process and print its figures."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).parent
BENCHES = [
    "runtime_bench",
    "assess_bench",
    "extract_bench",
    "differential_bench",
    "registry_bench",
    "interop_bench",
    "http_load_bench",
]


def main() -> None:
    for name in BENCHES:
        print(f"== {name}", flush=True)
        subprocess.run([sys.executable, str(HERE / f"{name}.py")], check=True)
        print(flush=True)


if __name__ == "__main__":
    main()
