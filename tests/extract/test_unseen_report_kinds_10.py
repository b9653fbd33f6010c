"""Kinds of phrasing and clinical rules from a tenth set of published reports the reader had never seen.

Each kind is written in the project's own words, several ways, with a control where the same words
must still give the old answer. No sentence comes from a published report.
"""

from __future__ import annotations

import pytest

from calcidx.public import assess


def _call(text: str) -> tuple[str, str | None, list[str]]:
    a = assess(text).cases[0].assessment
    return a.subtype.code, a.subtype.certainty, [alt.code for alt in a.alternatives if alt.competing]


# ------------------------------------------- the source's diagnosis breaks a tie between two subtypes
# Calcium heparin injected under the skin of a dialysis patient, with necrotic nodules at the
# injection sites: the findings support iatrogenic calcinosis and calciphylaxis equally (probable),
# and the fixed precedence order put calciphylaxis first although the authors named iatrogenic
# calcinosis cutis. The source's own diagnosis now breaks the tie; the other stays competing.
STATED_TIE = [
    "A man of 66 with chronic kidney disease stage 5 received calcium nadroparin injections in the abdomen; "
    "firm yellow-white nodules with skin necrosis appeared at the injection sites. The diagnosis was "
    "iatrogenic calcinosis cutis due to the calcium nadroparin.",
    "A 72-year-old woman on haemodialysis was given calcium heparin under the skin of the abdomen. Hard white "
    "nodules with a necrotic centre formed where it had been injected, and a biopsy showed calcium in the "
    "dermis. A diagnosis of iatrogenic calcinosis cutis was made.",
    "A 58-year-old man with end-stage renal disease had subcutaneous calcium heparin for thromboprophylaxis into "
    "the thighs. Firm white nodules with skin necrosis then appeared at the thigh injection sites. The "
    "diagnosis was iatrogenic calcinosis cutis.",
]


@pytest.mark.parametrize("text", STATED_TIE)
def test_the_stated_subtype_breaks_a_tie_and_the_other_stays_competing(text: str) -> None:
    code, certainty, competing = _call(text)
    assert (code, certainty) == ("iatrogenic", "probable")
    assert "calciphylaxis" in competing


# With a biopsy that shows calcium deposits in the dermis or subcutis at the injection site (histology
# that confirms the calcinosis: basophilic_deposits_histology, since 40c233e), the iatrogenic call is
# confirmed and wins; calciphylaxis, probable on the necrosis and the kidneys, stays an alternative.
STATED_WITH_HISTOLOGY = [
    STATED_TIE[0].replace("injection sites.", "injection sites. Skin biopsy found dermal calcium deposits."),
    STATED_TIE[2].replace("injection sites.", "injection sites; histology showed calcium deposits in the subcutis."),
]


@pytest.mark.parametrize("text", STATED_WITH_HISTOLOGY)
def test_calcium_shown_in_the_skin_at_the_injection_site_confirms_iatrogenic(text: str) -> None:
    a = assess(text).cases[0].assessment
    assert (a.subtype.code, a.subtype.certainty) == ("iatrogenic", "confirmed")
    assert ("calciphylaxis", "probable") in {(alt.code, alt.certainty) for alt in a.alternatives}


def test_without_a_stated_diagnosis_the_precedence_order_still_decides() -> None:
    text = (
        "A 72-year-old woman on haemodialysis was given calcium heparin under the skin of the abdomen. Hard white "
        "nodules with a necrotic centre formed where it had been injected, and a biopsy showed calcium in the dermis."
    )
    assert _call(text)[0] == "calciphylaxis"
