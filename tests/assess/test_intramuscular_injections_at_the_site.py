"""Intramuscular injections at a lesion's site are the local damage of dystrophic calcinosis.

Written in the project's own words. A tender indurated plaque on the buttock with dermal calcification
on biopsy, where "she had received intramuscular injections of vitamin K at that site", made no subtype
(undetermined): the injection-site exposure took only "injection site(s)" phrasings, and "injections
... at that site" tied no site. exposures.yaml injection_site_injury takes intramuscular, IM, gluteal
and buttock injections (RADIOPAEDIA-GLUTEAL-INJECTION), and exposure_site.lesions_there takes
injections or infusions "at that site" or "at the same site".
"""

from __future__ import annotations

from calcidx.public import assess

TEXT = (
    "A 50-year-old woman had a tender, erythematous, indurated plaque on her right buttock for 6 months. "
    "She had been given intramuscular injections of an antibiotic at the same site. Biopsy showed dermal "
    "calcification."
)


def test_intramuscular_injections_at_the_site_point_to_dystrophic() -> None:
    case = assess(TEXT).cases[0]
    (exposure,) = [e for e in case.exposures if e.concept == "injection_site_injury"]
    assert exposure.site is not None and "buttock" in exposure.site
    assert case.assessment.subtype.code == "dystrophic"


def test_control_injections_elsewhere_tie_no_site() -> None:
    text = TEXT.replace("at the same site", "in the other thigh")
    case = assess(text).cases[0]
    assert all(e.site is None or "buttock" not in e.site for e in case.exposures)
