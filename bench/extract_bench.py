"""Extraction throughput, memory and adversarial inputs; ``assess(text)`` documents per second.

Prints, with the target each figure is held to (``MISSES TARGET`` marks a figure below it):

- characters per second of ``extract`` on one core (CPU time of this process; wall time too),
  target >= 500,000, over the whole corpus and over its typical reports (1,500-2,500 characters);
- the fixed cost per document: milliseconds of ``extract`` for a 200-character note;
- peak resident memory, target <= 400 MB;
- documents per second of ``assess(text)`` end to end (extract + assess) on the corpus and on
  typical reports (target >= 150 per worker), and the milliseconds ``assess`` adds after extraction;
- adversarial inputs that a quadratic step would make take minutes: a ~400 KB text with 20,000
  age statements, an HTML page of 200,000 nested ``<div>`` elements, the age text as one line
  after a pipe, a text of 20,000 short lines and a table of 5,000 patient rows (target: <= 10 s
  each);
- medspaCy's default pipeline on the same texts, when installed (for comparison only).

Texts: the dev corpus (``../shared/corpus/dev/*.txt``) when present, else the project's own example
reports; the corpus used is printed. Texts are repeated to at least 2 MB.
"""

from __future__ import annotations

import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET_CHARS = 2_000_000
SPEED_TARGET = 500_000
MEMORY_TARGET_MB = 400
ADVERSARIAL_TARGET_S = 10.0
ASSESS_TARGET_DOCS = 150.0
TYPICAL = (1_500, 2_500)
#: The fixed cost per document: a short note (the project's own words).
NOTE = (
    "62F, limited SSc, firm chalky nodules on both index fingertips for 2 years. Ca 2.4 mmol/L, "
    "phosphate normal. X-ray: soft-tissue calcification of the finger pulps. No kidney disease; started on diltiazem."
)


def _mark(ok: bool) -> str:
    return "" if ok else "   <-- MISSES TARGET"


def _corpus() -> tuple[str, list[str]]:
    corpus = ROOT.parent / "shared" / "corpus" / "dev"
    files = sorted(corpus.glob("*.txt")) if corpus.is_dir() else []
    where = f"dev corpus {corpus} ({len(files)} documents)"
    if not files:
        fixtures = ROOT / "tests" / "extract" / "fixtures"
        files = sorted(fixtures.rglob("*.txt"))
        where = f"the project's example reports {fixtures} ({len(files)} documents; dev corpus not found)"
    base = [f.read_text(encoding="utf-8", errors="replace") for f in files]
    if not base:
        raise SystemExit("no texts found for the benchmark")
    return where, base


def _repeat(base: list[str]) -> list[str]:
    texts: list[str] = []
    total = 0
    while total < TARGET_CHARS:
        for text in base:
            texts.append(text)
            total += len(text)
    return texts


def _peak_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def _throughput(process: Callable[[str], object], texts: list[str]) -> tuple[float, float]:
    """(characters per CPU second, characters per wall second) after one warm pass per distinct text.

    The warm pass keeps one-off costs out of the timing: vocabularies, pipelines, and the unit
    registry the first numeric lab loads. CPU time is the per-core figure on a shared machine.
    """
    for text in dict.fromkeys(texts):
        process(text)
    cpu, wall = time.process_time(), time.perf_counter()
    for text in texts:
        process(text)
    chars = sum(map(len, texts))
    return chars / (time.process_time() - cpu), chars / (time.perf_counter() - wall)


def _per_call_ms(process: Callable[[], object], runs: int) -> tuple[float, float]:
    """(CPU ms, wall ms) per call of ``process``, best of three rounds of ``runs`` calls."""
    process()
    best: tuple[float, float] | None = None
    for _ in range(3):
        cpu, wall = time.process_time(), time.perf_counter()
        for _ in range(runs):
            process()
        round_ = ((time.process_time() - cpu) * 1000 / runs, (time.perf_counter() - wall) * 1000 / runs)
        best = round_ if best is None or round_[0] < best[0] else best
    assert best is not None
    return best


def _medspacy(texts: list[str]) -> tuple[float, float] | None:
    """medspaCy's throughput and peak memory, run in its own environment (.venv-bench, made by
    ``make bench``): medspaCy pins a spaCy older than the one CalciDx needs."""
    python = ROOT / ".venv-bench" / "bin" / "python"
    if not python.exists():
        return None
    import json
    import subprocess
    import tempfile

    from calcidx.extract.vocabulary import default_vocabulary

    vocab = default_vocabulary()
    job = {
        "texts": texts,
        "rules": [[form, keys[0][0].upper(), False] for form, keys in vocab.forms.items()]
        + [[form, keys[0][0].upper(), True] for form, keys in vocab.exact_forms.items()],
    }
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as handle:
        json.dump(job, handle)
    try:
        proc = subprocess.run(
            [str(python), str(ROOT / "bench" / "medspacy_bench.py"), handle.name],
            check=True,
            capture_output=True,
            text=True,
        )
    finally:
        Path(handle.name).unlink()
    out = json.loads(proc.stdout.strip().splitlines()[-1])
    return float(out["chars_per_s"]), float(out["peak_mb"])


def _assess_rate(base: list[str]) -> tuple[float, float]:
    """(documents per CPU second, documents per wall second) of ``assess(text)`` over ``base``."""
    from calcidx.public import assess

    for text in base[:3]:
        assess(text)
    cpu, wall = time.process_time(), time.perf_counter()
    for text in base:
        assess(text)
    return len(base) / (time.process_time() - cpu), len(base) / (time.perf_counter() - wall)


def _assess_after_extract_ms(texts: list[str]) -> float:
    """CPU ms that assessing adds to an extracted Document (the service's assess_document)."""
    from calcidx.public import extract
    from calcidx.service import assess_document

    documents = [extract(text) for text in texts]
    for document in documents:
        assess_document(document)
    cpu = time.process_time()
    for document in documents:
        assess_document(document)
    return (time.process_time() - cpu) * 1000 / len(documents)


def _adversarial() -> list[tuple[str, float]]:
    from calcidx.extract.pipeline import extract
    from calcidx.extract.readers import read_bytes

    ages = "A 45-year-old woman had nodules. In her forties she was 46 years old. " * 10_000
    html = (
        "<html><body>" + "<div>" * 200_000 + "A 45-year-old woman had nodules." + "</div>" * 200_000 + "</body></html>"
    )
    out = []
    cpu = time.process_time()
    extract(ages)
    out.append((f"{len(ages) / 1000:,.0f} KB text, 20,000 age statements", time.process_time() - cpu))
    cpu = time.process_time()
    extract(read_bytes(html.encode(), name="nested.html").text)
    out.append(("HTML page, 200,000 nested <div>s (read + extract)", time.process_time() - cpu))
    # one line with a pipe: the table reader must not search the line from every position
    banner = "Volume 2 | " + ages
    cpu = time.process_time()
    extract(banner)
    out.append((f"{len(banner) / 1000:,.0f} KB one-line text with a pipe", time.process_time() - cpu))
    # many short lines: the layout must not look back over the text before each line
    lines = "\n".join(f"Line {i}: the patient had a value of {i} mg/dL." for i in range(20_000))
    cpu = time.process_time()
    extract(lines)
    out.append((f"{len(lines) / 1000:,.0f} KB text of 20,000 short lines", time.process_time() - cpu))
    # a table of thousands of patients: each row read is one extraction, so only the first rows are
    table = "Patient | Age/Sex | Underlying disease | Site\n" + "".join(
        f"{n} | {20 + n % 60}/F | Systemic sclerosis | Fingers\n" for n in range(1, 5_001)
    )
    cpu = time.process_time()
    extract(table)
    out.append(("table of 5,000 patient rows (the first 500 read)", time.process_time() - cpu))
    return out


def main() -> None:
    """Print the extraction figures, each against its target."""
    import os

    from calcidx.extract.pipeline import extract

    where, base = _corpus()
    texts = _repeat(base)
    chars = sum(map(len, texts))
    print(
        f"load average    : {' '.join(f'{x:.2f}' for x in os.getloadavg())} "
        f"(1, 5, 15 min; the machine has {os.cpu_count()} cores)"
    )
    print(f"texts: {where}; timed over {len(texts)} documents, {chars:,} characters")
    cpu_rate, wall_rate = _throughput(extract, texts)
    print(
        f"calcidx extract : {cpu_rate:>12,.0f} characters/s per core (target >= {SPEED_TARGET:,})"
        f"{_mark(cpu_rate >= SPEED_TARGET)}"
    )
    print(f"                  {wall_rate:>12,.0f} characters/s wall clock (shared machine)")
    typical = [text for text in base if TYPICAL[0] <= len(text) <= TYPICAL[1]] or base
    typical_texts = _repeat(typical)
    cpu_typ, wall_typ = _throughput(extract, typical_texts)
    print(
        f"  typical report: {cpu_typ:>12,.0f} characters/s per core, {wall_typ:,.0f} wall "
        f"({len(typical)} documents of {TYPICAL[0]:,}-{TYPICAL[1]:,} characters; target >= {SPEED_TARGET:,})"
        f"{_mark(cpu_typ >= SPEED_TARGET)}"
    )
    note_cpu, note_wall = _per_call_ms(lambda: extract(NOTE), 200)
    print(
        f"fixed cost      : {note_cpu:>12,.2f} ms CPU per document ({note_wall:.2f} ms wall), "
        f"a {len(NOTE)}-character note"
    )
    peak = _peak_mb()
    print(f"peak memory     : {peak:>12,.0f} MB (target <= {MEMORY_TARGET_MB}){_mark(peak <= MEMORY_TARGET_MB)}")
    rate, wall_docs = _assess_rate(base)
    print(
        f"assess(text)    : {rate:>12,.1f} documents/s per core ({wall_docs:,.1f} wall), "
        f"end to end on {len(base)} documents"
    )
    rate_typ, wall_docs_typ = _assess_rate(typical)
    print(
        f"  typical report: {rate_typ:>12,.1f} documents/s per core ({wall_docs_typ:,.1f} wall; target >= "
        f"{ASSESS_TARGET_DOCS:g} per worker){_mark(rate_typ >= ASSESS_TARGET_DOCS)}"
    )
    print(f"  assess only   : {_assess_after_extract_ms(typical):>12,.2f} ms CPU per typical report after extraction")
    for label, seconds in _adversarial():
        print(
            f"adversarial     : {seconds:>12,.2f} s CPU  {label} (target <= {ADVERSARIAL_TARGET_S:g} s)"
            f"{_mark(seconds <= ADVERSARIAL_TARGET_S)}"
        )
    result = _medspacy(texts)
    if result is None:
        print("medspacy        : not installed (`make bench` creates .venv-bench with it)")
        return
    theirs, their_peak = result
    print(f"medspacy default: {theirs:>12,.0f} characters/s  (peak memory {their_peak:,.0f} MB, own process)")
    print(f"speed-up        : {cpu_rate / theirs:>12.1f}x (CalciDx per core vs medspaCy)")


if __name__ == "__main__":
    main()
