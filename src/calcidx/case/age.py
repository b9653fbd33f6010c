"""How a patient's age compares with a limit, when the record gives a number, a span or nothing."""

from __future__ import annotations

from calcidx.case.model import Patient

__all__ = ["may_be_aged", "younger_than"]


def younger_than(patient: Patient, limit: float) -> bool | None:
    """Whether the patient is younger than ``limit`` years; None when the record cannot tell.

    An exact age decides; an age told as a span ("in her teens", 10 to 20) decides only when the
    whole span lies on one side of the limit.
    """
    if patient.age_years is not None:
        return patient.age_years < limit
    span = patient.age_range
    if span is None:
        return None
    if span.high <= limit:
        return True
    if span.low >= limit:
        return False
    return None


def may_be_aged(patient: Patient, low: float | None, high: float | None) -> bool:
    """Whether the patient's age may lie in ``[low, high)`` (None: no bound); True when not recorded."""
    if patient.age_years is not None:
        age = patient.age_years
        return (low is None or age >= low) and (high is None or age < high)
    span = patient.age_range
    if span is None:
        return True
    return (low is None or span.high > low) and (high is None or span.low < high)
