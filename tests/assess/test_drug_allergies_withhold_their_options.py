"""An allergy to the drug of an option withholds it (rituximab, colchicine, triamcinolone), or cautions
the group when the label read names one member (infliximab among the TNF inhibitors).

Written in the project's own words. "She had anaphylaxis to rituximab", "She is allergic to colchicine",
"Allergies: triamcinolone" and "anaphylaxis to infliximab" were read as nothing, and each drug was
offered: the product information of each contraindicates it with hypersensitivity to it
(PHARMAMEDIX-RITUXIMAB, COLCHICINE-UK-PIL, KENALOG10-PM, PHARMAMEDIX-INFLIXIMAB).
"""

from __future__ import annotations

import pytest

from calcidx.public import assess

DM = "A 45-year-old woman with dermatomyositis and calcinosis of the thighs."
JDM = "A 15-year-old boy with juvenile dermatomyositis and calcinosis."


@pytest.mark.parametrize(
    ("allergy", "option"),
    [
        ("She had anaphylaxis to rituximab.", "rituximab"),
        ("She is allergic to colchicine.", "colchicine"),
        ("Allergies: triamcinolone.", "intralesional_corticosteroids"),
        ("Known hypersensitivity to MabThera.", "rituximab"),
    ],
)
def test_allergy_to_the_drug_withholds_the_option(allergy: str, option: str) -> None:
    assessment = assess(f"{DM} {allergy}").cases[0].assessment
    assert option not in {t.id for t in assessment.treatments}
    withheld = {t.id: t.withheld_reasons[0] for t in assessment.withheld_treatments}
    assert withheld[option].startswith("contraindicated:")


def test_infliximab_allergy_cautions_the_tnf_inhibitors() -> None:
    assessment = assess(f"{JDM} He had an infusion reaction with anaphylaxis to infliximab.").cases[0].assessment
    option = next(t for t in assessment.treatments if t.id == "tnf_inhibitors")
    assert any("infliximab is recorded" in c for c in option.cautions)


@pytest.mark.parametrize("option", ["rituximab", "colchicine", "intralesional_corticosteroids"])
def test_control_no_allergy_keeps_the_option(option: str) -> None:
    text = f"{DM} She tolerated rituximab and colchicine without any allergic reaction."
    assert option in {t.id for t in assess(text).cases[0].assessment.treatments}
