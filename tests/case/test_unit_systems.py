"""Results given without a unit, read in the unit system of the results written beside them."""

from __future__ import annotations

from calcidx.case.labs import interpret_labs
from calcidx.case.model import Case, Evidence, Lab, Patient
from calcidx.case.unit_systems import neighbour_systems, unit_system
from calcidx.knowledge.schema import KnowledgeBundle

ADULT_F = Patient(age_years=45, sex="female")


def _at(start: int, end: int) -> list[Evidence]:
    return [Evidence(start=start, end=end, text="x" * (end - start))]


def test_units_by_system() -> None:
    assert [unit_system(u) for u in ("mmol/L", "µmol/L", "pmol/L", "mg/dL", "g/dL", "mg%", "pg/mL", "ng/mL")] == [
        "SI",
        "SI",
        "SI",
        "conventional",
        "conventional",
        "conventional",
        "conventional",
        "conventional",
    ]
    assert unit_system("U/L") is None and unit_system("ng/L") is None


def test_neighbours_share_the_system_their_anchors_agree_on() -> None:
    labs = [
        Lab(analyte="calcium", value=9.1, evidence=_at(0, 6)),
        Lab(analyte="phosphate", value=3.4, evidence=_at(8, 16)),
    ]
    assert neighbour_systems(labs, ["conventional", None]) == ["conventional", "conventional"]
    # far apart: no neighbours
    labs[1] = Lab(analyte="phosphate", value=3.4, evidence=_at(300, 308))
    assert neighbour_systems(labs, ["conventional", None]) == ["conventional", None]
    # anchors that disagree decide nothing
    labs[1] = Lab(analyte="phosphate", value=3.4, evidence=_at(8, 16))
    assert neighbour_systems(labs, ["conventional", "SI"]) == [None, None]


def test_a_note_line_in_conventional_units_reads_its_unitless_phosphate_in_mg_per_dl(bundle: KnowledgeBundle) -> None:
    case = Case(
        patient=ADULT_F,
        labs=[
            Lab(analyte="calcium", value=9.1, evidence=_at(0, 6)),  # plausible in mg/dL only
            Lab(analyte="phosphate", value=3.4, evidence=_at(8, 16)),  # normal in mg/dL, high in mmol/L
        ],
    )
    report = interpret_labs(case, bundle)
    assert report.interpretations == {"calcium": "normal", "phosphate": "normal"}
    assert any("unit system (conventional)" in w.message for w in report.warnings)


def test_an_si_unit_beside_them_reads_them_in_mmol_per_l(bundle: KnowledgeBundle) -> None:
    case = Case(
        patient=ADULT_F,
        labs=[
            Lab(analyte="calcium", value=2.55, evidence=_at(0, 7)),
            Lab(analyte="phosphate", value=2.4, evidence=_at(9, 16)),
            Lab(analyte="pth", value=95, unit="pmol/L", evidence=_at(18, 33)),
        ],
    )
    report = interpret_labs(case, bundle)
    assert (report.interpretations["calcium"], report.interpretations["phosphate"]) == ("high", "high")


def test_without_an_anchor_or_spans_nothing_is_guessed(bundle: KnowledgeBundle) -> None:
    spans = Case(
        patient=ADULT_F,
        labs=[
            Lab(analyte="calcium", value=2.4, evidence=_at(0, 6)),
            Lab(analyte="phosphate", value=1.1, evidence=_at(8, 16)),
        ],
    )
    assert interpret_labs(spans, bundle).interpretations == {}
    form = Case(patient=ADULT_F, labs=[Lab(analyte="calcium", value=9.1), Lab(analyte="phosphate", value=3.4)])
    assert "phosphate" not in interpret_labs(form, bundle).interpretations
