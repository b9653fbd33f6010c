"""Dermal or subcutaneous calcium deposits on biopsy confirm the calcinosis.

Written in the project's own words. A 2-year-old given 600,000 IU of vitamin D by mistake, with
hypercalcaemia, firm papules and "Biopsy showed dermal calcium deposits", was metastatic probable:
"calcium deposits" after "dermal" was read as the lesion sign (firm papules), not as the histology
that shows calcium in the skin. basophilic_deposits_histology takes dermal, intradermal and
subcutaneous calcium deposits; the call is confirmed.
"""

from __future__ import annotations

from calcidx.public import assess

TEXT = (
    "A 2-year-old boy was given high-dose vitamin D (600,000 IU) by mistake over one week. Three weeks later "
    "he had hypercalcaemia (calcium 15.2 mg/dL) and firm papules on the trunk. Biopsy showed {histology}."
)


def test_dermal_calcium_deposits_on_biopsy_confirm() -> None:
    case = assess(TEXT.format(histology="dermal calcium deposits")).cases[0]
    assert "basophilic_deposits_histology" in {f.concept for f in case.findings}
    assert (case.assessment.subtype.code, case.assessment.subtype.certainty) == ("metastatic", "confirmed")


def test_control_a_biopsy_with_no_calcium_does_not_confirm() -> None:
    case = assess(TEXT.format(histology="a dense dermal infiltrate of lymphocytes")).cases[0]
    assert case.assessment.subtype.certainty != "confirmed"
