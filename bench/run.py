"""``make bench``: run every benchmark script and print its figures."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

BENCHES = ["assess_bench", "extract_bench", "differential_bench"]


def main() -> None:
    for name in BENCHES:
        print(f"== {name}")
        module = importlib.import_module(name)
        module.main()
        print()


if __name__ == "__main__":
    main()
