"""Unit conversion: known factors and round trips (property-based)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calcidx.case.units import UnitProblem, convert, normalize_symbol, to_canonical
from calcidx.knowledge.schema import KnowledgeBundle

values = st.floats(min_value=1e-3, max_value=1e4, allow_nan=False, allow_infinity=False)


@pytest.mark.parametrize(
    ("analyte", "value", "unit", "expected"),
    [
        ("calcium", 2.5, "mmol/L", 10.02),  # 40.078 g/mol
        ("phosphate", 1.0, "mmol/L", 3.097),  # 30.974 g/mol (as P)
        ("creatinine", 88.4, "umol/L", 1.0),  # 113.12 g/mol
        ("creatinine", 88.4, "µmol/L", 1.0),
        ("vitamin_d_25oh", 50.0, "nmol/L", 20.03),  # 400.64 g/mol
        ("pth", 6.9, "pmol/L", 65.0),  # ~9,425 g/mol
        ("calcium", 10.0, "mg/dl", 10.0),
    ],
)
def test_known_conversions(analyte: str, value: float, unit: str, expected: float, bundle: KnowledgeBundle) -> None:
    canonical, accepted = to_canonical(bundle.analytes[analyte], value, unit)
    assert canonical == pytest.approx(expected, rel=0.01)
    assert accepted


@settings(max_examples=200, deadline=None)
@given(value=values, analyte=st.sampled_from(["calcium", "phosphate", "creatinine", "vitamin_d_25oh", "pth"]))
def test_round_trip_through_every_listed_unit(value: float, analyte: str, bundle: KnowledgeBundle) -> None:
    item = bundle.analytes[analyte]
    canonical_pint = next(u.pint for u in item.units if u.symbol == item.canonical_unit)
    for unit in item.units:
        there = convert(value, canonical_pint, unit.pint, molar_mass=item.molar_mass_g_per_mol)
        back = convert(there, unit.pint, canonical_pint, molar_mass=item.molar_mass_g_per_mol)
        assert back == pytest.approx(value, rel=1e-9)


@settings(max_examples=100, deadline=None)
@given(value=values)
def test_mass_to_molar_is_linear(value: float) -> None:
    one = convert(1.0, "mg/dL", "mmol/L", molar_mass=40.078)
    assert convert(value, "mg/dL", "mmol/L", molar_mass=40.078) == pytest.approx(value * one, rel=1e-9)


def test_unknown_and_incompatible_units_raise() -> None:
    with pytest.raises(UnitProblem):
        convert(1.0, "furlong/fortnight", "mg/dL")
    with pytest.raises(UnitProblem):
        convert(1.0, "mg/dL", "U/L")  # no molar mass can turn a concentration into an activity


def test_normalize_symbol() -> None:
    assert normalize_symbol("µmol/L") == "umol/L"
    assert normalize_symbol(" mcg / L ") == "ug/L"
    assert normalize_symbol("mg/24 h") == "mg/day"
