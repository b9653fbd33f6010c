"""A lesion told only by pointing back to a site named before ("a plaque formed at that site", "at
the infusion site") is at that site; a note's "Ca gluconate" is calcium gluconate; a blow to a
body part ("hit her knee", "injured his shin") is local trauma there."""

from __future__ import annotations

import pytest

from calcidx.public import assess, extract

LABS = " Calcium and phosphate were normal."


@pytest.mark.parametrize(
    ("text", "site"),
    [
        (
            "6 wk old infant, NICU stay for sepsis, IV Ca gluconate via R dorsal hand line; now firm white "
            "plaque at that site.",
            "R dorsal hand",
        ),
        (
            "A 6-week-old boy was given calcium gluconate through a cannula in the right hand. Two weeks later "
            "a firm white plaque appeared at the infusion site.",
            "right hand",
        ),
        (
            "A preterm girl had calcium chloride infused through a line in the left foot; ten days on, chalky "
            "papules formed at the site of the extravasation.",
            "left foot",
        ),
    ],
)
def test_an_infusion_then_a_lesion_at_that_site_is_iatrogenic(text: str, site: str) -> None:
    case = assess(text + LABS).cases[0]
    assert [lesion.site for lesion in case.lesions] == [site]
    assert "iv_calcium" in {e.concept for e in case.exposures}
    assert (case.assessment.subtype.code, case.assessment.subtype.certainty) == ("iatrogenic", "probable")


def test_control_no_site_named_before_gives_no_lesion_site() -> None:
    case = extract("A 6-week-old boy had a firm white plaque at the infusion site." + LABS, mode="note").cases[0]
    assert case.lesions == []


def test_control_a_lesion_at_another_named_site_keeps_its_own() -> None:
    text = (
        "A 6-week-old boy was given calcium gluconate through a cannula in the right hand. Two weeks later "
        "a firm white plaque appeared on the left thigh."
    )
    case = assess(text + LABS).cases[0]
    assert [lesion.site for lesion in case.lesions] == ["left thigh"]
    assert case.assessment.subtype.code != "iatrogenic" or case.assessment.subtype.certainty == "possible"


@pytest.mark.parametrize(
    "form",
    ["IV Ca gluconate", "Ca chloride infusion", "Ca-containing fluids", "intravenous Ca gluconate"],
)
def test_ca_inside_a_drug_name_is_calcium(form: str) -> None:
    case = extract(f"Neonate, {form} via R foot line; now hard papules on the R foot.", mode="note").cases[0]
    assert "iv_calcium" in {e.concept for e in case.exposures}


def test_control_a_tumour_marker_is_not_calcium() -> None:
    case = extract("62F, serum CA 19-9 was 80 U/mL; hard nodules on both shins.", mode="note").cases[0]
    assert "calcium" not in {lab.analyte for lab in case.labs}


@pytest.mark.parametrize(
    ("text", "site"),
    [
        (
            "A 30-year-old woman hit her left knee on a table. Months later a hard nodule grew at the same site.",
            "left knee",
        ),
        (
            "A 44-year-old man banged his right shin on a step; a hard nodule later formed on the right shin.",
            "right shin",
        ),
        (
            "A 19-year-old woman injured her left elbow in a fall from a bike; later a stony nodule grew there over "
            "the left elbow.",
            "left elbow",
        ),
    ],
)
def test_a_blow_to_the_lesions_site_is_local_trauma(text: str, site: str) -> None:
    case = assess(text + LABS).cases[0]
    assert ("local_trauma", site) in {(e.concept, e.site) for e in case.exposures}
    assert (case.assessment.subtype.code, case.assessment.subtype.certainty) == ("dystrophic", "probable")


def test_control_a_blow_elsewhere_is_not_the_lesions_cause() -> None:
    text = "A 30-year-old woman hit her left knee on a table. Months later a hard nodule grew on the right ear."
    assessment = assess(text + LABS).cases[0].assessment
    assert assessment.subtype.code != "dystrophic"


@pytest.mark.parametrize(
    "text",
    [
        "68F on Ca-heparin SC injections into abdomen x 10 days; now firm white plaques at injection sites on "
        "the abdomen.",
        "72M given calcium heparin injections into the thighs; hard papules at the injection sites on the thighs.",
    ],
)
def test_a_lesion_clause_at_the_exposures_site_keeps_its_lesion(text: str) -> None:
    case = assess(text + LABS).cases[0]
    assert case.lesions, text
    assert (case.assessment.subtype.code, case.assessment.subtype.certainty) == ("iatrogenic", "probable")


def test_control_an_exposure_clause_with_no_lesion_gives_its_site_to_no_lesion() -> None:
    case = extract("An EEG with electrode paste on the scalp last month; now papules on the soles.", mode="note").cases[
        0
    ]
    assert [lesion.site for lesion in case.lesions] == ["soles"]


@pytest.mark.parametrize(
    "text",
    [
        "A 52-year-old woman has firm white papules within the scar of a knee replacement done 5 years ago.",
        "A 61-year-old man has hard nodules along the scar on his left knee from an old operation.",
    ],
)
def test_a_lesion_in_an_operation_scar_is_dystrophic(text: str) -> None:
    case = assess(text + LABS).cases[0]
    assert "surgery_at_site" in {e.concept for e in case.exposures}
    assert (case.assessment.subtype.code, case.assessment.subtype.certainty) == ("dystrophic", "probable")


def test_control_a_scar_elsewhere_is_not_read_as_the_lesions_site() -> None:
    text = "A 30-year-old woman has hard nodules on the left shin and an old appendectomy scar on the abdomen."
    assert assess(text + LABS).cases[0].assessment.subtype.code != "dystrophic"


@pytest.mark.parametrize(
    "text",
    [
        "34F post thyroidectomy, IV calcium chloride for tetany through R antecubital cannula, which "
        "extravasated; 3 wk later firm nodule R antecubital fossa.",
        "A neonate was given calcium gluconate for hypocalcaemia via the left dorsal foot; a week later a hard "
        "white plaque formed on the left dorsal foot.",
    ],
)
def test_an_infusion_told_with_its_purpose_keeps_its_site(text: str) -> None:
    case = assess(text + LABS).cases[0]
    assert any(e.concept == "iv_calcium" and e.site for e in case.exposures)
    assert (case.assessment.subtype.code, case.assessment.subtype.certainty) == ("iatrogenic", "probable")


def test_control_a_purpose_with_no_site_gives_the_infusion_none() -> None:
    text = (
        "A 40-year-old woman had calcium gluconate for tetany in the emergency department; nodules later grew "
        "on the left shin."
    )
    case = assess(text + LABS).cases[0]
    assert all(e.site is None for e in case.exposures if e.concept == "iv_calcium")
