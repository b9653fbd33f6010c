"""medspaCy's default pipeline over the texts and vocabulary ``extract_bench.py`` hands over.

Runs in .venv-bench (medspaCy pins spaCy < 3.8); imports nothing from calcidx. Prints one JSON line.
"""

from __future__ import annotations

import json
import resource
import sys
import time


def main() -> None:
    import medspacy
    from medspacy.ner import TargetRule

    try:  # PyRuSH logs every sentence at DEBUG level through loguru: silence it for a fair timing
        from loguru import logger

        logger.remove()
    except ImportError:
        pass
    with open(sys.argv[1], encoding="utf-8") as handle:
        job = json.load(handle)
    texts: list[str] = job["texts"]
    nlp = medspacy.load()
    matcher = nlp.get_pipe("medspacy_target_matcher")
    rules = [
        TargetRule(form, label, pattern=[{"TEXT": form}]) if exact else TargetRule(form, label)
        for form, label, exact in job["rules"]
    ]
    matcher.add(rules)
    for text in dict.fromkeys(texts):
        nlp(text)
    start = time.perf_counter()
    for text in texts:
        nlp(text)
    chars_per_s = sum(map(len, texts)) / (time.perf_counter() - start)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"chars_per_s": chars_per_s, "peak_mb": peak_mb}))


if __name__ == "__main__":
    main()
