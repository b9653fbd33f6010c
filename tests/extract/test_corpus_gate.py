"""CI gate: the reader on the dev corpus of real reports (../shared/corpus/dev) must not fall back.

The floors are at or above the issue's targets (subtype 95 %, kind and number of cases 98 %, age
and sex 98 %, associated condition 90 %) and just below what the reader reaches today, so a change
that loses patients, ages, sexes, subtypes or conditions fails here; ``calcidx eval`` prints the
figures. Skipped when the corpus is not beside the checkout.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any

import pytest

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "dev"

#: field -> lowest accepted accuracy (measured on the 123-document corpus, rounded down)
FLOORS = {
    "kind": 0.99,
    "cases": 0.99,
    "age": 0.99,
    "sex": 0.99,
    "subtype": 0.96,
    "associated_condition": 0.91,
    # fields the issue does not set, held where the reader is today (35/37, 37/44, 202/223)
    "subform": 0.91,
    "treatments": 0.80,
    "sites": 0.88,
}
COMPONENT_FLOORS = {"zones": 0.93, "assertions": 0.97}

pytestmark = pytest.mark.skipif(not CORPUS.is_dir(), reason=f"dev corpus not found at {CORPUS}")


def _evaluate_dir() -> Any:
    """``evaluate_dir`` wherever the evaluation lives (``calcidx.evaluation`` or ``calcidx.extract``)."""
    for module in ("calcidx.evaluation.evaluate", "calcidx.extract.evaluate"):
        try:
            return importlib.import_module(module).evaluate_dir
        except ImportError:
            continue
    raise AssertionError("no evaluate_dir found")


@pytest.fixture(scope="module")
def report() -> Any:
    return _evaluate_dir()(CORPUS)


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_field_accuracy_does_not_fall_below_its_floor(report: Any, name: str) -> None:
    accuracy = report.accuracy(name)
    assert accuracy is not None
    assert accuracy >= FLOORS[name], f"{name}: {accuracy:.1%} < floor {FLOORS[name]:.0%}"


def test_zone_and_assertion_scores_do_not_fall_below_their_floors(report: Any) -> None:
    scorer = report.components
    assert scorer is not None, "the eval report carries no reader component scores"
    for name, _, _, accuracy in scorer.rows():
        assert accuracy is not None and accuracy >= COMPONENT_FLOORS[name], f"{name}: {accuracy}"


#: transform -> lowest share of dev-corpus documents whose patients (their number and each one's
#: subtype) stay the same when the text is changed in a way that keeps its meaning (the metamorphic
#: suite's transforms, on real reports). Measured 2026-12-02: 118-122 of 123 per transform; the
#: PDF's short lines with words broken at their ends 122, soft hyphens and ligatures 123 (2026-12-03).
METAMORPHIC_FLOORS = {
    "lower": 0.96,
    "upper": 0.96,
    "collapse": 0.94,
    "clutter": 0.96,
    "ligatures": 0.96,
    "pdf_lines": 0.96,
    "soft_hyphens": 0.96,
}


def _calls(text: str) -> list[str]:
    from calcidx.assess.api import assess
    from calcidx.extract.pipeline import extract

    document = extract(text)
    return [c.assessment.subtype.code for c in assess(document).cases] if document.cases else []


@pytest.mark.parametrize("transform", sorted(METAMORPHIC_FLOORS))
def test_real_reports_keep_their_patients_when_reworded_in_form(transform: str) -> None:
    from tests.extract.test_metamorphic import TRANSFORMS

    texts = [path.read_text(encoding="utf-8") for path in sorted(CORPUS.glob("*.txt"))]
    changed = [text.split("\n", 1)[0][:60] for text in texts if _calls(TRANSFORMS[transform](text)) != _calls(text)]
    kept = 1 - len(changed) / len(texts)
    assert kept >= METAMORPHIC_FLOORS[transform], f"{transform}: {kept:.1%} kept; changed: {changed}"
