from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from calcidx.knowledge.loader import load_bundle
from calcidx.knowledge.schema import KnowledgeBundle

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = Path(__file__).parent / "golden"


@pytest.fixture(scope="session")
def bundle() -> KnowledgeBundle:
    return load_bundle()


def golden_cases() -> list[tuple[str, dict[str, Any]]]:
    return [(path.stem, json.loads(path.read_text())) for path in sorted(GOLDEN.glob("*.json"))]
