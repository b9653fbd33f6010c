"""Extraction throughput: CalciDx's pipeline vs medspaCy's default pipeline, same texts, one core.

Prints characters per second for both and the peak resident memory (ru_maxrss). Texts: the dev
corpus (``../shared/corpus/dev/*.txt``) when present, else the project's own example reports,
repeated to at least 2 MB.
"""

from __future__ import annotations

import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET_CHARS = 2_000_000


def _texts() -> list[str]:
    corpus = ROOT.parent / "shared" / "corpus" / "dev"
    files = sorted(corpus.glob("*.txt")) if corpus.is_dir() else []
    if not files:
        files = sorted((ROOT / "tests" / "extract" / "fixtures").glob("*.txt"))
    base = [f.read_text(encoding="utf-8", errors="replace") for f in files]
    if not base:
        raise SystemExit("no texts found for the benchmark")
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


def _throughput(process: Callable[[str], object], texts: list[str]) -> float:
    """Characters per second over ``texts``, after one warm pass over each distinct text.

    The warm pass keeps one-off costs out of the timing: vocabularies, pipelines, and the unit
    registry the first numeric lab loads.
    """
    for text in dict.fromkeys(texts):
        process(text)
    start = time.perf_counter()
    for text in texts:
        process(text)
    return sum(map(len, texts)) / (time.perf_counter() - start)


def _calcidx(texts: list[str]) -> float:
    from calcidx.extract.pipeline import extract

    return _throughput(extract, texts)


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


def main() -> None:
    """Print CalciDx and medspaCy extraction throughput (characters/s, one core) and peak memory."""
    texts = _texts()
    chars = sum(map(len, texts))
    ours = _calcidx(texts)
    ours_peak = _peak_mb()
    print(f"texts: {len(texts)} documents, {chars:,} characters")
    print(f"calcidx extract : {ours:>12,.0f} characters/s  (peak memory {ours_peak:,.0f} MB)")
    result = _medspacy(texts)
    if result is None:
        print("medspacy        : not installed (`make bench` creates .venv-bench with it)")
        return
    theirs, their_peak = result
    print(f"medspacy default: {theirs:>12,.0f} characters/s  (peak memory {their_peak:,.0f} MB, own process)")
    print(f"speed-up        : {ours / theirs:>12.1f}x")


if __name__ == "__main__":
    main()
