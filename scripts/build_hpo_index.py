"""Build the inherited-differential candidate index from the installed HPO (release time).

Run by ``make hpo-index``; ``calcidx knowledge validate`` fails when the shipped file differs.
"""

from __future__ import annotations

from calcidx.assess.inherited import build_index_file
from calcidx.knowledge.loader import load_bundle


def main() -> None:
    path = build_index_file(load_bundle())
    print(f"wrote {path} ({path.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
