"""Unit parsing and conversion with pint, including mass <-> amount concentration.

Mass and molar concentrations convert through the analyte's molar mass (``analytes.yaml``), so
``calcium 10 mg/dL -> 2.495 mmol/L`` and ``PTH 65 pg/mL -> 6.9 pmol/L`` use one mechanism.
"""

from __future__ import annotations

import functools
import re
from typing import Any

from calcidx.errors import InputError
from calcidx.knowledge.schema import Analyte

__all__ = ["UnitProblem", "convert", "normalize_symbol", "parse_unit", "resolve_unit", "to_canonical"]

_MICRO = re.compile("[µμ]")
_FIXES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"(?i)mcg"), "ug"),
    (re.compile(r"(?i)/\s*24\s*h(ours?|rs?)?\b"), "/day"),
    (re.compile(r"(?i)\biu\b"), "IU"),
)


class UnitProblem(InputError):
    """A unit that pint cannot parse, or that cannot express the analyte."""


def unit_registry() -> Any:
    """The process's pint registry (the runtime holds it; every conversion uses it)."""
    return _registry()


@functools.cache
def _registry() -> Any:
    import pint

    reg: Any = pint.UnitRegistry(cache_folder=None)
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
        reported in (``analytes.yaml: units``). An unlisted but parseable unit returns False.

    Raises:
        UnitProblem: the unit is unknown to pint.
    """
    for listed in analyte.units:
        if _same_symbol(listed.symbol, unit) or _same_symbol(listed.pint, unit):
            return listed.pint, True
    parse_unit(unit)
    return normalize_symbol(unit), False


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
