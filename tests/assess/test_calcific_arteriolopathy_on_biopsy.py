"""A biopsy told as "calcific arteriolopathy" shows the arteriolar calcification of calciphylaxis.

Written in the project's own words. "Biopsy showed calcific arteriolopathy" was not read, so a man
with cirrhosis, normal kidney function and painful retiform purpura was undetermined although the
biopsy gives the diagnosis. The feature vascular_calcification_histology now has this wording.
"""

from __future__ import annotations

from calcidx.public import assess


def test_calcific_arteriolopathy_confirms_calciphylaxis() -> None:
    text = (
        "A 48-year-old man with alcoholic cirrhosis and normal kidney function developed painful retiform purpura "
        "on the abdomen. Biopsy showed calcific arteriolopathy. He was not on warfarin."
    )
    assessment = assess(text).cases[0].assessment
    assert (assessment.subtype.code, assessment.subtype.certainty) == ("calciphylaxis", "confirmed")


def test_control_a_suspected_calcific_uremic_arteriolopathy_is_no_biopsy() -> None:
    text = (
        "A 60-year-old woman on haemodialysis has painful purpura on the thighs. Calcific uremic arteriolopathy "
        "was suspected; a biopsy was not done."
    )
    case = assess(text).cases[0]
    assert "vascular_calcification_histology" not in {f.concept for f in case.findings}
    assert case.assessment.subtype.certainty != "confirmed"
