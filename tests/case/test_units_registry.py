"""The project's small unit registry (``case/data/units.txt``) converts exactly as pint's full one,
and the shipped factors (``case/data/unit_factors.json``) are exactly what pint computes.

The small file holds only the lines of pint's ``default_en.txt`` that laboratory values need; these
tests build pint's full default registry next to it and compare every unit an analyte lists, every
unit the reader recognises, and a grid of prefixes and denominators.
"""

from __future__ import annotations

import itertools
import json
from importlib import resources
from typing import Any

import pint
import pytest

from calcidx.case import units
from calcidx.case.units import (
    FACTORS_FILE,
    UnitProblem,
    canonical_factor,
    compute_factors,
    normalize_symbol,
    to_canonical,
    unit_registry,
)
from calcidx.knowledge.loader import load_bundle
from calcidx.knowledge.schema import KnowledgeBundle

PREFIXES = ("", "m", "u", "µ", "μ", "mc", "n", "p", "f", "k", "d", "c")
NUMERATORS = ("g", "mol", "L", "l", "U", "IU", "M", "eq", "mEq")
DENOMINATORS = ("", "/L", "/dL", "/dl", "/mL", "/ml", "/uL", "/day", "/d", "/24 h", "/24h", "/h", "/hr", "/min")
OTHERS = (
    "%",
    "mm/h",
    "mm/hr",
    "mL/min",
    "ml/min",
    "mg**2/dL**2",
    "mm3",
    "/uL",
    "/mm3",
    "mg/mmol",
    "mg/kg",
    "mmol/mol",
    "ng/mL/h",
    "cells/uL",
    "titer",
    "ppm",
    "week",
    "mg/week",
    "U/mL",
    "mU/L",
    "mIU/L",
    "uIU/mL",
    "cc",
    "kat/L",
)


@pytest.fixture(scope="module")
def full() -> Any:
    reg: Any = pint.UnitRegistry(cache_folder=None)
    reg.define("international_unit = [international_unit] = IU")
    return reg


def _root(reg: Any, text: str) -> tuple[float, str] | None:
    """(factor, root units) of a unit, or None when the registry cannot read it."""
    try:
        factor, units = reg.get_root_units(reg.Unit(normalize_symbol(text)))
    except Exception:
        return None
    return float(factor), str(units)


def _candidates(bundle: KnowledgeBundle) -> list[str]:
    listed = [text for analyte in bundle.analytes.values() for u in analyte.units for text in (u.symbol, u.pint)]
    grid = [p + n + d for p, n, d in itertools.product(PREFIXES, NUMERATORS, DENOMINATORS)]
    return sorted({*listed, *grid, *OTHERS})


def test_every_unit_reads_the_same_as_in_pints_full_registry(bundle: KnowledgeBundle, full: Any) -> None:
    small = unit_registry()
    read = 0
    for text in _candidates(bundle):
        in_full, in_small = _root(full, text), _root(small, text)
        if in_small is None:
            # what the small file leaves out is never a mass, amount, volume, time or activity unit
            assert in_full is None or not set(in_full[1].split()) & {"gram", "mole", "meter", "second"}, text
            continue
        read += 1
        assert in_full is not None, text
        assert in_small[1] == in_full[1], text
        assert in_small[0] == pytest.approx(in_full[0], rel=1e-12), text
    assert read > 1000


def _full_factor(full: Any, unit: str, canonical: str, molar_mass: float | None) -> float:
    quantity = full.Quantity(1.0, normalize_symbol(unit))
    candidates = [quantity]
    if molar_mass:
        mass = full.Quantity(molar_mass, "g/mol")
        candidates += [quantity * mass, quantity / mass]
    for candidate in candidates:
        try:
            return float(candidate.to(normalize_symbol(canonical)).magnitude)
        except pint.DimensionalityError:
            continue
    raise AssertionError(f"pint cannot convert {unit} to {canonical}")


def test_every_listed_unit_of_every_analyte_converts_as_before(bundle: KnowledgeBundle, full: Any) -> None:
    checked = 0
    for analyte in bundle.analytes.values():
        for unit in analyte.units:
            value, accepted = to_canonical(analyte, 1.0, unit.symbol)
            assert accepted
            canonical = next(u.pint for u in analyte.units if u.symbol == analyte.canonical_unit)
            expected = _full_factor(full, unit.pint, canonical, analyte.molar_mass_g_per_mol)
            assert value == pytest.approx(expected, rel=1e-12), (analyte.id, unit.symbol)
            checked += 1
    assert checked > 30


def test_the_shipped_factors_are_what_pint_computes(bundle: KnowledgeBundle) -> None:
    shipped = json.loads((resources.files("calcidx.case") / "data" / FACTORS_FILE).read_text(encoding="utf-8"))
    fresh = compute_factors(bundle.analytes.values())
    # exact equality: rebuild with `make unit-factors` after changing analytes.yaml or units.txt
    assert shipped["units_file_sha256"] == fresh["units_file_sha256"]
    assert shipped["factors"] == fresh["factors"]
    assert len(shipped["factors"]) > 20


def test_canonical_factor_gives_the_numbers_of_to_canonical(bundle: KnowledgeBundle) -> None:
    checked = 0
    for analyte in bundle.analytes.values():
        if not analyte.units:
            continue
        spellings = {text for u in analyte.units for text in (u.symbol, u.pint)} | {"ng/mL", "mmol/L", "g/L"}
        for unit in sorted(spellings):
            try:
                expected = to_canonical(analyte, 1.0, unit)
            except UnitProblem:
                with pytest.raises(UnitProblem):
                    canonical_factor(analyte, unit)
                continue
            assert canonical_factor(analyte, unit) == expected, (analyte.id, unit)
            checked += 1
    assert checked > 60


def test_a_table_written_for_another_units_file_is_not_used(monkeypatch: pytest.MonkeyPatch) -> None:
    units._shipped_factors.cache_clear()
    monkeypatch.setattr(units, "_units_file_digest", lambda: "another units.txt")
    try:
        assert units._shipped_factors() == {}
        analyte = load_bundle().analytes["calcium"]  # pint computes the factor instead: the same number
        assert canonical_factor(analyte, "mmol/L") == to_canonical(analyte, 1.0, "mmol/L")
    finally:
        monkeypatch.undo()
        units._shipped_factors.cache_clear()
    assert units._shipped_factors()  # the real digest matches again
