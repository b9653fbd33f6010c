"""No cache under src/ is keyed by ``id()``: an id is reused once its object is freed, so such a
cache can hand one object's results to another (issue 9). Caches key on the object itself, a
``WeakKeyDictionary``, or a value computed with the runtime."""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src" / "calcidx"


def _is_id_call(node: ast.AST) -> bool:
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "id"


def _module_level_names(tree: ast.Module) -> set[str]:
    names: set[str] = set()
    for node in tree.body:
        targets = (
            node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, ast.AnnAssign) else []
        )
        names.update(t.id for t in targets if isinstance(t, ast.Name))
    return names


def _id_keyed_uses(path: Path, root: Path = SRC) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    module_names = _module_level_names(tree)
    found = []
    for node in ast.walk(tree):
        # NAME[id(x)] or NAME.get(id(x)) / NAME.setdefault(id(x), ...) on a module-level NAME
        if isinstance(node, ast.Subscript) and _is_id_call(node.slice):
            owner = node.value
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in {"get", "setdefault", "pop"}
            and node.args
            and _is_id_call(node.args[0])
        ):
            owner = node.func.value
        else:
            continue
        if isinstance(owner, ast.Name) and owner.id in module_names:
            found.append(f"{path.relative_to(root)}:{node.lineno}")
    return found


def test_no_module_level_cache_is_keyed_by_id() -> None:
    found = [where for path in sorted(SRC.rglob("*.py")) for where in _id_keyed_uses(path)]
    assert found == []


def test_the_check_finds_an_id_keyed_cache(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text("_CACHE = {}\n\ndef f(x):\n    return _CACHE.get(id(x)) or _CACHE.setdefault(id(x), 1)\n")
    assert len(_id_keyed_uses(sample, tmp_path)) == 2
