"""A patient's age as a clinician writes it: days for a neonate, months for an infant, else years."""

from __future__ import annotations

__all__ = ["age_label"]

_DAYS_PER_YEAR = 365.25


def age_label(age_years: float | None, age_text: str | None = None, *, unknown: str = "age unknown") -> str:
    """``age_years`` in the unit a report would use ("24 days", "14 months", "46 years").

    Under 1 month the age is given in days, under 2 years in months, from 2 years in years.

    Args:
        age_years: the age in years (fractional for infants), or None.
        age_text: the age as written, shown when there is no number.
        unknown: what to show when neither is known.
    """
    if age_years is None:
        return age_text or unknown
    days = round(age_years * _DAYS_PER_YEAR)
    if days < 31:
        return f"{days} day" if days == 1 else f"{days} days"
    if age_years < 2:
        months = round(age_years * 12)
        return f"{months} month" if months == 1 else f"{months} months"
    return f"{age_years:g} years"
