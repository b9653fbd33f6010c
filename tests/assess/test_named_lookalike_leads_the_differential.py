"""A look-alike the record names itself leads the differential among those its finding decides.

Written in the project's own words. "A woman with pseudohypoparathyroidism had firm nodules; biopsy
showed bone formation in the dermis": plain "pseudohypoparathyroidism" was no name of the
look-alike (only "type 1a" was), and bone in the dermis decides several look-alikes, listed in data
order, so osteoma cutis led the differential while the rationale named Albright hereditary
osteodystrophy. The name is now read, and a named decisive look-alike ranks first.
"""

from __future__ import annotations

from calcidx.public import assess


def test_pseudohypoparathyroidism_with_dermal_bone_leads_with_aho() -> None:
    text = (
        "A 25-year-old woman with pseudohypoparathyroidism had firm nodules on the arms; biopsy showed bone "
        "formation in the dermis."
    )
    assessment = assess(text).cases[0].assessment
    assert assessment.subtype.code == "not_calcinosis"
    assert assessment.differential[0].id == "albright_hereditary_osteodystrophy"


def test_control_dermal_bone_alone_keeps_the_data_order() -> None:
    text = "A 30-year-old woman had a hard nodule on the scalp; histology showed mature lamellar bone in the dermis."
    assert assess(text).cases[0].assessment.differential[0].id == "osteoma_cutis"
