"""Property: every evidence span is the original text at its offsets, whatever the noise."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from calcidx.errors import InputError
from calcidx.extract.pipeline import extract

FIXTURES = sorted((Path(__file__).parent / "fixtures").glob("*.txt"))
TEXTS = [path.read_text(encoding="utf-8") for path in FIXTURES]


def _spans(text: str) -> list[tuple[int, int, str]]:
    out = []
    for case in extract(text).cases:
        evidence = [*case.patient.evidence]
        for item in [*case.findings, *case.exposures, *case.labs, *case.lesions, *case.imaging, *case.histology]:
            evidence.extend(item.evidence)
        out += [(e.start, e.end, e.text) for e in evidence]
    return out


@settings(max_examples=40, deadline=None)
@given(
    index=st.integers(min_value=0, max_value=max(len(TEXTS) - 1, 0)),
    cut=st.tuples(st.floats(0, 0.5), st.floats(0.5, 1)),
    noise=st.lists(st.tuples(st.floats(0, 1), st.sampled_from(["\n", " ", "-", "\n\n", "  "])), max_size=30),
)
def test_evidence_offsets_are_exact(index: int, cut: tuple[float, float], noise: list[tuple[float, str]]) -> None:
    base = TEXTS[index]
    text = base[int(cut[0] * len(base)) : int(cut[1] * len(base))]
    for where, insert in noise:  # line breaks and spaces where an OCR or a web page would put them
        at = int(where * len(text))
        text = text[:at] + insert + text[at:]
    try:
        spans = _spans(text)
    except InputError:
        return  # an empty slice: refused with a clear error, which is also correct
    for start, end, quoted in spans:
        assert text[start:end] == quoted
