"""Write ``calcidx/case/data/unit_factors.json``: pint's conversion factors for every unit the
knowledge base lists for an analyte (release time, after a change to analytes.yaml or units.txt).

Run by ``make unit-factors``; ``tests/case/test_units_registry.py`` fails when the shipped file
no longer matches what pint computes.
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

from calcidx.case.units import FACTORS_FILE, compute_factors
from calcidx.knowledge.loader import load_bundle


def main() -> None:
    path = Path(str(resources.files("calcidx.case") / "data" / FACTORS_FILE))
    content = compute_factors(load_bundle().analytes.values())
    path.write_text(json.dumps(content, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {path} ({len(content['factors'])} factors)")


if __name__ == "__main__":
    main()
