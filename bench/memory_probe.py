"""RSS over many varied short documents through ``extract_many`` (one runtime, memory zones).

Usage: python bench/memory_probe.py [--short] [TOTAL] [CHECKPOINT ...]; prints one JSON line
{"rss_mb": {"1000": ..., "20000": ...}, "seconds": ...}.
"""

from __future__ import annotations

import json
import random
import sys
import time
from collections.abc import Iterator

import psutil

SITES = ("fingers", "elbows", "knees", "buttocks", "scrotum", "thighs", "forearm", "ear")
CONDITIONS = (
    "systemic sclerosis",
    "dermatomyositis",
    "end-stage renal disease",
    "hyperparathyroidism",
    "lupus",
    "no known illness",
)


def documents(total: int, seed: int = 7, *, short: bool = False) -> Iterator[str]:
    """Notes, each with words, numbers and identifiers never seen before (new strings);
    ``short``: one sentence each (for the test, which must stay quick)."""
    rng = random.Random(seed)
    for index in range(total):
        token = f"zq{index:06d}x{rng.randrange(10**6)}"
        if short:
            yield f"A {rng.randrange(1, 90)}-year-old {rng.choice(SITES)} {token} {index * 7919}."
            continue
        yield (
            f"Case {index}. A {rng.randrange(1, 90)}-year-old {'woman' if index % 2 else 'man'} with "
            f"{rng.choice(CONDITIONS)} (ref {token}) had calcified nodules on the {rng.choice(SITES)}. "
            f"Serum calcium was {rng.uniform(1.8, 3.4):.2f} mmol/L; code {token.upper()}-{index * 7919}."
        )


def main() -> None:
    from calcidx.runtime import get_runtime
    from calcidx.service import extract_many

    args = [a for a in sys.argv[1:] if a != "--short"]
    short = "--short" in sys.argv
    total = int(args[0]) if args else 20_000
    checkpoints = {int(a) for a in args[1:]} or {1_000, total}
    runtime = get_runtime()
    process = psutil.Process()
    rss: dict[int, float] = {}
    start = time.perf_counter()
    for count, _ in enumerate(extract_many(documents(total, short=short), runtime=runtime, batch_size=64), start=1):
        if count in checkpoints:
            rss[count] = process.memory_info().rss / 1e6
    strings = len(runtime.nlp.vocab.strings)
    print(json.dumps({"rss_mb": rss, "seconds": time.perf_counter() - start, "strings": strings}))


if __name__ == "__main__":
    main()
