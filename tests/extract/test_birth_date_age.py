"""A date of birth gives the age when no age is written: whole years up to the date the note names
("Date:", "Seen:", "Admitted:"), else up to today; a day and month that could be either way round
give the younger reading. A letter headed "Re: Mrs J. Smith, DOB 04/05/1950" had had no age.
"""

from __future__ import annotations

import datetime as dt
from importlib import resources

import pytest
import yaml

from calcidx.extract.fields.birth_date import age_from_birth_date
from tests.extract.reading import first_case


def _examples() -> list[dict[str, object]]:
    raw = yaml.safe_load(resources.files("calcidx.extract").joinpath("data/ages.yaml").read_text(encoding="utf-8"))
    return list(raw["birth_date"]["examples"])


@pytest.mark.parametrize("example", _examples(), ids=lambda e: str(e["text"])[:40])
def test_the_rule_examples(example: dict[str, object]) -> None:
    found = age_from_birth_date([(0, str(example["text"]))])
    assert found is not None and found.years == example["years"]


def test_a_letter_with_a_birth_date_and_its_date_has_the_age() -> None:
    text = "Re: Mr K. Lee, DOB 23/08/1958\nDate: 30/11/2026\nPainful necrotic plaques on the thighs; on haemodialysis."
    case = first_case(text)
    assert case.patient.age_years == 68
    assert any("1958" in e.text for e in case.patient.evidence)


def test_with_no_date_in_the_note_the_age_is_counted_to_today() -> None:
    today = dt.date(2026, 12, 2)
    assert age_from_birth_date([(0, "DOB: 1990-06-15")], today=today).years == 36  # type: ignore[union-attr]
    assert age_from_birth_date([(0, "DOB: 1990-12-15")], today=today).years == 35  # type: ignore[union-attr]


def test_a_day_and_month_either_way_round_give_the_younger_age() -> None:
    found = age_from_birth_date([(0, "DOB 04/05/1950. Seen 20/04/2026.")])
    assert found is not None and found.years == 75  # 5 April or 4 May 1950: 76 or 75 on 20 April 2026


def test_a_written_age_wins_and_born_at_weeks_is_no_date() -> None:
    assert first_case("A 45-year-old woman, DOB 01/01/1950, has hard nodules.").patient.age_years == 45
    assert age_from_birth_date([(0, "She was born at 26 weeks and had heel pricks.")]) is None
