"""Lower rooms never import higher ones: reading never reasons, reasoning never reads.

Every import in every module counts (top level, inside functions, under TYPE_CHECKING).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "calcidx"

HIGHER = ("runtime", "service", "settings", "public", "workers", "cluster", "evaluation", "interop", "registry")
HIGHER += ("api", "cli")
FORBIDDEN: dict[str, tuple[str, ...]] = {
    "knowledge": ("case", "extract", "assess", "render", *HIGHER),
    "case": ("extract", "assess", "render", *HIGHER),
    "extract": ("assess", "render", *HIGHER),  # reading never reasons
    "assess": ("extract", "render", *HIGHER),  # reasoning never reads
    "render": ("extract", *HIGHER),
    "runtime": ("service", "evaluation", "interop", "registry", "api", "cli", "workers", "cluster", "public"),
    "service": ("evaluation", "interop", "registry", "api", "cli", "workers", "cluster", "public"),
    # evaluation scores what the service produces: it never drives the extractor or the pathway itself
    "evaluation": ("extract.pipeline", "extract.readers", "assess.api", "interop", "registry", "api", "cli"),
}


#: Modules exempt from the rules: none (kept so an exemption is explicit when one is ever needed).
PENDING_MOVE: set[str] = set()


def _imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = ".".join(path.relative_to(SRC.parent).with_suffix("").parts[:-1])
    found: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                module = f"{base}.{node.module}" if node.module else base
            else:
                module = node.module or ""
            found.append(module)
            found.extend(f"{module}.{alias.name}" for alias in node.names)
    return [name for name in found if name.startswith("calcidx.")]


def _room(path: Path) -> str:
    parts = path.relative_to(SRC).with_suffix("").parts
    return parts[0]


@pytest.mark.parametrize("room", sorted(FORBIDDEN))
def test_rooms_import_only_downwards(room: str) -> None:
    files = [SRC / f"{room}.py"] if (SRC / f"{room}.py").exists() else sorted((SRC / room).rglob("*.py"))
    bad = []
    for path in files:
        if str(path.relative_to(SRC)) in PENDING_MOVE:
            continue
        for name in _imports(path):
            target = name.removeprefix("calcidx.")
            if any(target == f or target.startswith(f + ".") for f in FORBIDDEN[room]):
                bad.append(f"{path.relative_to(SRC)} imports calcidx.{target}")
    assert not bad, "\n".join(sorted(set(bad)))


def test_only_the_service_composes_reading_and_reasoning() -> None:
    composers = set()
    for path in SRC.rglob("*.py"):
        if str(path.relative_to(SRC)) in PENDING_MOVE | {"__init__.py"}:  # __init__ binds the packages only
            continue
        targets = {name.removeprefix("calcidx.").split(".")[0] for name in _imports(path)}
        if {"extract", "assess"} <= targets and _room(path) not in ("cli",):
            composers.add(str(path.relative_to(SRC)))
    assert composers <= {"service/core.py", "runtime.py"}, composers
