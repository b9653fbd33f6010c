"""``AssessOptions``: the typed switches of an assessment."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

__all__ = ["AssessOptions"]


class AssessOptions(BaseModel):
    """What an assessment computes beyond the diagnostic pathway.

    Attributes:
        guidance: add the differential diagnosis and the treatment options (False: pathway,
            missing work-up and warnings only).
        skip_inherited_differential: leave the inherited (HPO-ranked) syndromes out of the
            differential; the look-alikes are still ranked.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    guidance: bool = True
    skip_inherited_differential: bool = False
