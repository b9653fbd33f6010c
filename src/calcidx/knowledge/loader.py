"""Load the knowledge bundle shipped in ``calcidx/knowledge/data`` (once per process)."""

from __future__ import annotations

import functools
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from calcidx.errors import KnowledgeError
from calcidx.knowledge.schema import BundleInfo, KnowledgeBundle

__all__ = ["DATA_FILES", "data_dir", "load_bundle", "load_bundle_from"]

# file stem -> whether the file holds a keyed table (list of items with unique ``id``)
DATA_FILES: dict[str, bool] = {
    "disease": True,
    "references": True,
    "subtypes": True,
    "subforms": True,
    "conditions": True,
    "exposures": True,
    "features": True,
    "analytes": True,
    "workup": True,
    "lab_phenotypes": False,
    "rules": True,
    "lookalikes": True,
    "treatments": True,
    "therapies": True,
    "cautions": True,
    "calcification_terms": False,
    "medications": True,
    "safety_conditions": True,
    "interop": True,
}

_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def data_dir() -> Path:
    """The folder holding the shipped data files."""
    return Path(str(resources.files("calcidx.knowledge") / "data"))


def _read_yaml(path: Path) -> Any:
    try:
        with path.open(encoding="utf-8") as handle:
            return yaml.load(handle, Loader=_Loader)
    except FileNotFoundError as exc:
        raise KnowledgeError(f"knowledge file missing: {path}") from exc
    except yaml.YAMLError as exc:
        raise KnowledgeError(f"{path.name}: not valid YAML: {exc}") from exc


def _items(path: Path) -> list[dict[str, Any]]:
    raw = _read_yaml(path)
    key = path.stem
    if not isinstance(raw, dict) or key not in raw or not isinstance(raw[key], list):
        raise KnowledgeError(f"{path.name}: expected a mapping with a list under {key!r}")
    return list(raw[key])


def load_bundle_from(folder: Path) -> KnowledgeBundle:
    """Load and schema-check every data file in ``folder``.

    Raises:
        KnowledgeError: a file is missing, is not YAML, breaks the schema, or repeats an id.
    """
    info_raw = _read_yaml(folder / "bundle.yaml")
    payload: dict[str, Any] = {}
    try:
        payload["info"] = BundleInfo.model_validate(info_raw)
    except ValidationError as exc:
        raise KnowledgeError(f"bundle.yaml: {_first_error(exc)}") from exc
    for stem, keyed in DATA_FILES.items():
        items = _items(folder / f"{stem}.yaml")
        if keyed:
            table: dict[str, Any] = {}
            for position, item in enumerate(items):
                item_id = item.get("id") if isinstance(item, dict) else None
                if not isinstance(item_id, str):
                    raise KnowledgeError(f"{stem}.yaml item {position}: every item needs a string 'id'")
                if item_id in table:
                    raise KnowledgeError(f"{stem}.yaml: id {item_id!r} appears twice")
                table[item_id] = item
            payload[stem] = table
        else:
            payload[stem] = items
    # rules.yaml also holds the precedence table (``resolution``) that resolves the candidates
    rules_raw = _read_yaml(folder / "rules.yaml")
    if isinstance(rules_raw, dict) and "resolution" in rules_raw:
        payload["resolution"] = rules_raw["resolution"]
    try:
        return KnowledgeBundle.model_validate(payload)
    except ValidationError as exc:
        raise KnowledgeError(f"knowledge schema: {_first_error(exc)}") from exc


def _first_error(exc: ValidationError) -> str:
    errors = exc.errors()
    first = errors[0]
    where = ".".join(str(part) for part in first["loc"])
    more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
    return f"{where}: {first['msg']}{more}"


@functools.cache
def load_bundle() -> KnowledgeBundle:
    """The shipped knowledge bundle, loaded once and shared (it is immutable)."""
    return load_bundle_from(data_dir())
