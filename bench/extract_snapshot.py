"""Snapshot of everything the extractor outputs, to prove a speed change changes no output.

``python bench/extract_snapshot.py OUT.jsonl`` writes one JSON line per (text, variant, mode): the
``Document`` JSON of ``extract`` and the spans the pipeline leaves on the Doc (sections, concepts
with their keys and assertions, patient zones with their reasons). Texts: the dev corpus
(``../shared/corpus/dev``) when present and the project's example reports; variants: as given, lower
case, upper case and all whitespace collapsed (the metamorphic suite's harder inputs); modes: auto,
plus note and article for the examples. ``--compare OLD.jsonl`` reports every line that differs.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

VARIANTS: dict[str, Callable[[str], str]] = {
    "as-given": lambda text: text,
    "lower": str.lower,
    "upper": str.upper,
    "one-line": lambda text: " ".join(text.split()),
}


def _texts() -> Iterator[tuple[str, str]]:
    corpus = ROOT.parent / "shared" / "corpus" / "dev"
    for path in sorted(corpus.glob("*.txt")) if corpus.is_dir() else []:
        yield f"dev/{path.name}", path.read_text(encoding="utf-8", errors="replace")
    fixtures = ROOT / "tests" / "extract" / "fixtures"
    for path in sorted(fixtures.rglob("*.txt")):
        yield f"fixtures/{path.relative_to(fixtures)}", path.read_text(encoding="utf-8")


def _spans(text: str, mode: str) -> dict[str, object]:
    from calcidx.extract.pipeline import _default_pipeline, run_pipeline
    from calcidx.extract.textmap import normalise

    nlp = _default_pipeline()
    with nlp.memory_zone():
        doc = run_pipeline(nlp, normalise(text).clean, mode)  # type: ignore[arg-type]
        return {
            "sentences": [int(t.i) for t in doc if t.is_sent_start],
            "sections": [(s.start_char, s.end_char, s.label_) for s in doc.spans["sections"]],
            "concepts": [
                (s.start_char, s.end_char, s._.calcidx_keys, s._.calcidx_assertion, s._.calcidx_trigger)
                for s in doc.spans["concepts"]
            ],
            "zones": [
                (s.start_char, s.end_char, s._.calcidx_zone, s._.calcidx_patient) for s in doc.spans["patient_zones"]
            ],
        }


def snapshot(out: Path) -> int:
    """Write the snapshot; returns the number of lines."""
    from calcidx.extract.pipeline import extract

    lines = 0
    with out.open("w", encoding="utf-8") as handle:
        for name, text in _texts():
            modes = ("auto", "note", "article") if name.startswith("fixtures/") else ("auto",)
            for variant, change in VARIANTS.items():
                changed = change(text)
                for mode in modes:
                    document = extract(changed, mode=mode)  # type: ignore[arg-type]
                    row = {
                        "name": name,
                        "variant": variant,
                        "mode": mode,
                        "document": json.loads(document.model_dump_json()),
                        "spans": _spans(changed, mode),
                    }
                    handle.write(json.dumps(row, sort_keys=True, default=list) + "\n")
                    lines += 1
    return lines


def compare(old: Path, new: Path) -> int:
    """Print every (text, variant, mode) whose output differs; returns how many differ."""
    before = old.read_text(encoding="utf-8").splitlines()
    after = new.read_text(encoding="utf-8").splitlines()
    if len(before) != len(after):
        print(f"line counts differ: {len(before)} vs {len(after)}")
    differ = 0
    for a, b in zip(before, after, strict=False):
        if a != b:
            differ += 1
            row = json.loads(a)
            print(f"DIFFERS: {row['name']} {row['variant']} {row['mode']}")
    return differ + abs(len(before) - len(after))


def main() -> None:
    """Write a snapshot, and compare it with an earlier one when asked."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", type=Path)
    parser.add_argument("--compare", type=Path, help="an earlier snapshot to compare with")
    args = parser.parse_args()
    lines = snapshot(args.out)
    print(f"{lines} outputs written to {args.out}")
    if args.compare is not None:
        differ = compare(args.compare, args.out)
        print("identical" if not differ else f"{differ} outputs differ")
        sys.exit(1 if differ else 0)


if __name__ == "__main__":
    main()
