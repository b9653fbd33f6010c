"""A fast pre-filter: set aside documents that cannot be about cutaneous calcification.

The terms come from data, never from this module: every label and synonym of the disease, the
five subtypes, the sub-forms and the calcification terms of the knowledge bundle, and the
extractor's calcinosis head words (``calcinosis_heads`` in ``extract/data``), each with its spelling variants.
Capitalised abbreviations of five letters or fewer (``SCN``, ``CUA``) are left out: an article
introduces an abbreviation with its expansion, which is matched.

Two stages keep it fast. A handful of short *anchor* substrings is derived from the terms so that
every term contains at least one anchor (greedy set cover); a text with no anchor is set aside
after a few substring searches. Only texts with an anchor go through the full term pattern. The
first stage never drops a text the second would keep, so the filter is exactly "mentions a term".
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources

import yaml

__all__ = ["Prefilter", "default_prefilter", "prefilter_terms"]

_ANCHOR_LENGTH = 5


@dataclass(frozen=True)
class Decision:
    """Whether a text may be about cutaneous calcification, and the term that says so."""

    relevant: bool
    term: str | None = None


class Prefilter:
    """Decide quickly whether a text mentions any cutaneous-calcification term.

    Args:
        terms: the terms (any case); spelling variants are added.
        name: where the terms came from (shown in summaries).
    """

    def __init__(self, terms: Iterable[str], *, name: str = "custom") -> None:
        from calcidx.extract.vocabulary import spelling_variants

        forms: set[str] = set()
        for term in terms:
            compact = " ".join(term.split())
            if len(compact) < 3 or (len(compact) <= 5 and any(c.isupper() for c in compact) and " " not in compact):
                continue
            forms.update(spelling_variants(compact))
        if not forms:
            raise ValueError("the pre-filter needs at least one term of three or more letters")
        self.name = name
        self.forms = frozenset(forms)
        self.anchors = _anchors(self.forms)
        alternatives = sorted(self.forms, key=lambda f: (-len(f), f))
        pattern = "|".join(re.escape(f).replace(r"\ ", r"[\s\-]+") for f in alternatives)
        self._pattern = re.compile(rf"(?<![a-z0-9])(?:{pattern})", re.IGNORECASE)

    def check(self, text: str) -> Decision:
        """Whether ``text`` mentions a term (and the first term found)."""
        lowered = text.lower()
        if not any(anchor in lowered for anchor in self.anchors):
            return Decision(False)
        match = self._pattern.search(text)
        return Decision(True, match.group(0).lower()) if match else Decision(False)

    def __call__(self, text: str) -> bool:
        """True when ``text`` may be about cutaneous calcification."""
        return self.check(text).relevant


def _grams(form: str) -> set[str]:
    # Anchors lie inside one word: the full pattern lets a space be any run of blanks or hyphens.
    return {
        word[i : i + _ANCHOR_LENGTH]
        for word in re.split(r"[\s\-]+", form)
        for i in range(max(1, len(word) - _ANCHOR_LENGTH + 1))
    }


def _anchors(forms: Iterable[str]) -> tuple[str, ...]:
    """Few substrings such that every form contains one of them (greedy set cover, deterministic).

    Among substrings that cover as many uncovered forms, the one found in the fewest forms overall
    wins: the most specific piece of a term ("winer" rather than "nodul" for "Winer nodule") lets
    fewer unrelated texts through to the full pattern.
    """
    # "winer dystrophy" and "winer-dystrophy" hold the same words, so the same anchors: each is
    # counted once (or a term with a two-word spelling variant would outweigh the others).
    all_forms = sorted({" ".join(word for word in re.split(r"[\s\-]+", form) if word) for form in forms})
    everywhere: dict[str, int] = {}
    for form in all_forms:
        for gram in _grams(form):
            everywhere[gram] = everywhere.get(gram, 0) + 1
    uncovered = set(all_forms)
    chosen: list[str] = []
    while uncovered:
        counts: dict[str, int] = {}
        for form in uncovered:
            for gram in _grams(form):
                counts[gram] = counts.get(gram, 0) + 1
        best = max(sorted(counts), key=lambda g: (counts[g], -everywhere[g]))
        chosen.append(best)
        uncovered = {form for form in uncovered if best not in form}
    return tuple(chosen)


def prefilter_terms() -> list[str]:
    """Every term the default pre-filter looks for, read from the knowledge bundle and lexicon."""
    from calcidx.knowledge.loader import load_bundle

    bundle = load_bundle()
    terms: list[str] = []
    for disease in bundle.disease.values():
        terms += [disease.label, *disease.synonyms]
    for subtype in bundle.subtypes.values():
        terms.append(re.sub(r"\s*\(.*?\)", "", subtype.label))
        terms += [m.group(1) for m in re.finditer(r"\((.*?)\)", subtype.label)]
    for subform in bundle.subforms.values():
        terms += [re.sub(r"\s*\(.*?\)", "", subform.label).replace("(", "").replace(")", ""), *subform.synonyms]
    for term in bundle.calcification_terms:
        terms.append(term.label)
    terms += _extractor_heads()
    return terms


def _extractor_heads() -> list[str]:
    """The extractor's calcinosis head words (``calcinosis_heads`` of its data files)."""
    heads: list[str] = []
    folder = resources.files("calcidx.extract") / "data"
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".yaml"):
            data = yaml.safe_load(entry.read_text(encoding="utf-8"))
            if isinstance(data, dict) and isinstance(data.get("calcinosis_heads"), list):
                heads += [str(h) for h in data["calcinosis_heads"]]
    return heads


@functools.cache
def default_prefilter() -> Prefilter:
    """The pre-filter over the shipped knowledge bundle's terms (built once per process)."""
    from calcidx.knowledge.loader import load_bundle

    info = load_bundle().info
    return Prefilter(prefilter_terms(), name=f"{info.name}@{info.version}")
