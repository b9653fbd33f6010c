"""Unit parsing and conversion with pint, including mass <-> amount concentration.

Mass and molar concentrations convert through the analyte's molar mass (``analytes.yaml``), so
``calcium 10 mg/dL -> 2.495 mmol/L`` and ``PTH 65 pg/mL -> 6.9 pmol/L`` use one mechanism.

``canonical_factor`` gives the factor that takes a printed unit to the analyte's canonical one.
For the units ``analytes.yaml`` lists, the factors pint computes are shipped in
``data/unit_factors.json`` (written by ``make unit-factors``; a test checks every entry against
pint), so a case whose labs use listed units converts without importing pint (~0.4 s of a cold
start); any other unit, or a table written for another ``units.txt``, asks pint.
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
import threading
from collections.abc import Iterable, Mapping
from importlib import resources
from typing import Any

from calcidx.errors import InputError
from calcidx.knowledge.schema import Analyte

__all__ = [
    "FACTORS_FILE",
    "UNITS_FILE",
    "UnitProblem",
    "canonical_factor",
    "compute_factors",
    "convert",
    "normalize_symbol",
    "parse_unit",
    "resolve_unit",
    "to_canonical",
    "unit_registry",
]

#: The unit definitions the registry is built from: the lines of pint's own ``default_en.txt`` for
#: mass, amount, volume, time, enzyme activity and ratios (see the file's header). Reading pint's
#: full file costs about 0.25 s per process; this one a few milliseconds.
UNITS_FILE = "units.txt"
#: The shipped conversion factors of the listed units (see ``compute_factors``).
FACTORS_FILE = "unit_factors.json"

# the micro sign, the Greek small mu, and the capital mu an upper-cased text makes of either ("ΜMOL/L")
_MICRO = re.compile("[µμΜ]")
_FIXES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"(?i)mcg"), "ug"),
    (re.compile(r"(?i)/\s*24\s*h(ours?|rs?)?\b"), "/day"),
    (re.compile(r"(?i)\biu\b"), "IU"),
    # older spellings of mg/dL: milligrams per cent (per 100 mL)
    (re.compile(r"(?i)\bmg\s*(?:%|/\s*100\s*ml)"), "mg/dL"),
)


class UnitProblem(InputError):
    """A unit that pint cannot parse, or that cannot express the analyte."""


def unit_registry() -> Any:
    """The process's pint registry (the runtime holds it; every conversion uses it)."""
    return _registry()


_REGISTRY_LOCK = threading.Lock()
_REGISTRY: Any = None


def _registry() -> Any:
    """The registry, built once (threads arriving while it is built wait for it)."""
    global _REGISTRY
    reg = _REGISTRY
    if reg is None:
        with _REGISTRY_LOCK:
            if _REGISTRY is None:
                _REGISTRY = _build_registry()
            reg = _REGISTRY
    return reg


def _build_registry() -> Any:
    import pint

    definitions = resources.files("calcidx.case") / "data" / UNITS_FILE
    with resources.as_file(definitions) as path:
        reg: Any = pint.UnitRegistry(str(path), cache_folder=None)
    # International units measure biological activity: pint has no such unit, so it gets its
    # own base dimension (it never converts to mass or amount).
    reg.define("international_unit = [international_unit] = IU")
    return reg


def normalize_symbol(unit: str) -> str:
    """Spell a printed unit the way pint reads it ("mg/dl" -> "mg/dL", "µmol/l" -> "umol/L")."""
    text = _MICRO.sub("u", unit.strip())
    for pattern, repl in _FIXES:
        text = pattern.sub(repl, text)
    return text.replace(" ", "")


def parse_unit(unit: str) -> Any:
    """The pint unit for a printed unit string.

    Raises:
        UnitProblem: pint does not know the unit.
    """
    text = normalize_symbol(unit)
    if not text:
        raise UnitProblem("empty unit")
    try:
        return _registry().Unit(text)
    except Exception as exc:
        raise UnitProblem(f"unknown unit {unit!r}") from exc


def _same_symbol(a: str, b: str) -> bool:
    return normalize_symbol(a).lower() == normalize_symbol(b).lower()


def resolve_unit(analyte: Analyte, unit: str) -> tuple[str, bool]:
    """Map a printed unit to a pint expression for ``analyte``.

    Returns:
        (pint expression, accepted) where ``accepted`` says the unit is one the analyte is
        reported in (``analytes.yaml: units``), in any spelling pint reads as the same unit. An
        unlisted but parseable unit returns False.

    Raises:
        UnitProblem: the unit is unknown to pint.
    """
    for listed in analyte.units:
        if _same_symbol(listed.symbol, unit) or _same_symbol(listed.pint, unit):
            return listed.pint, True
    parsed = parse_unit(unit)
    for listed in analyte.units:
        # another spelling of a listed unit ("mm/hour" for "mm/h", "mmol/litre" for "mmol/L")
        if _parsed(listed.pint) == parsed:
            return listed.pint, True
    return normalize_symbol(unit), False


def _parsed(unit: str) -> Any:
    try:
        return parse_unit(unit)
    except UnitProblem:
        return None


def convert(value: float, from_unit: str, to_unit: str, *, molar_mass: float | None = None) -> float:
    """Convert ``value`` between units, crossing mass <-> amount through ``molar_mass`` (g/mol).

    Raises:
        UnitProblem: the units are unknown or their dimensions do not match.
    """
    reg = _registry()
    quantity = reg.Quantity(value, parse_unit(from_unit))
    target = parse_unit(to_unit)
    try:
        return float(quantity.to(target).magnitude)
    except Exception:
        pass
    if molar_mass:
        mass = reg.Quantity(molar_mass, "g/mol")
        for candidate in (quantity * mass, quantity / mass):
            try:
                return float(candidate.to(target).magnitude)
            except Exception:
                continue
    raise UnitProblem(f"cannot convert {from_unit!r} to {to_unit!r}")


def to_canonical(analyte: Analyte, value: float, unit: str) -> tuple[float, bool]:
    """``value`` in the analyte's canonical unit, and whether ``unit`` is one it is reported in."""
    expr, accepted = resolve_unit(analyte, unit)
    canonical = next((u.pint for u in analyte.units if u.symbol == analyte.canonical_unit), analyte.canonical_unit)
    return convert(value, expr, canonical, molar_mass=analyte.molar_mass_g_per_mol), accepted


def _canonical_expr(analyte: Analyte) -> str:
    return next((u.pint for u in analyte.units if u.symbol == analyte.canonical_unit), analyte.canonical_unit)


def canonical_factor(analyte: Analyte, unit: str) -> tuple[float, bool]:
    """The factor from ``unit`` to the analyte's canonical unit, and whether ``unit`` is one it is
    reported in: the same numbers as ``to_canonical(analyte, 1.0, unit)``, from the shipped table
    when it holds them (listed units), else from pint.

    Raises:
        UnitProblem: the unit is unknown or cannot express the analyte.
    """
    expr, accepted = resolve_unit(analyte, unit)
    canonical = _canonical_expr(analyte)
    factor = _shipped_factors().get((expr, canonical, analyte.molar_mass_g_per_mol))
    if factor is None:
        factor = convert(1.0, expr, canonical, molar_mass=analyte.molar_mass_g_per_mol)
    return factor, accepted


def _units_file_digest() -> str:
    return hashlib.sha256((resources.files("calcidx.case") / "data" / UNITS_FILE).read_bytes()).hexdigest()


@functools.cache
def _shipped_factors() -> Mapping[tuple[str, str, float | None], float]:
    """(unit, canonical unit, molar mass) -> factor, from ``unit_factors.json``; empty when the
    file is missing or was written for another ``units.txt`` (then pint computes every factor)."""
    try:
        raw = json.loads((resources.files("calcidx.case") / "data" / FACTORS_FILE).read_text(encoding="utf-8"))
        if raw.get("units_file_sha256") != _units_file_digest():
            return {}
        return {(e["from"], e["to"], e["molar_mass_g_per_mol"]): float(e["factor"]) for e in raw["factors"]}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}


def compute_factors(analytes: Iterable[Analyte]) -> dict[str, Any]:
    """The content of ``unit_factors.json``: pint's factor for every listed unit of every analyte
    with a canonical unit (``scripts/build_unit_factors.py`` writes it; a test compares it)."""
    import pint

    entries: dict[tuple[str, str, float | None], float] = {}
    for analyte in analytes:
        if not analyte.units:
            continue
        canonical = _canonical_expr(analyte)
        for listed in analyte.units:
            key = (listed.pint, canonical, analyte.molar_mass_g_per_mol)
            if key not in entries:
                entries[key] = convert(1.0, listed.pint, canonical, molar_mass=analyte.molar_mass_g_per_mol)
    return {
        "about": (
            "Conversion factors computed by pint from units.txt for the units analytes.yaml lists; "
            "written by `make unit-factors`, read by calcidx.case.units.canonical_factor."
        ),
        "pint_version": pint.__version__,
        "units_file_sha256": _units_file_digest(),
        "factors": [
            {"from": f, "to": t, "molar_mass_g_per_mol": m, "factor": factor}
            for (f, t, m), factor in sorted(entries.items(), key=lambda kv: (kv[0][0], kv[0][1], kv[0][2] or 0.0))
        ],
    }
