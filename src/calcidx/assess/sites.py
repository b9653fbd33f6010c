"""Does an exposure's site match a lesion's? Words and regions come from the rule's params."""

from __future__ import annotations

import re

from calcidx.knowledge.schema import Rule

__all__ = ["site_matches"]

_WORD = re.compile(r"[a-z]+")
_FILLER = {"the", "of", "and", "on", "at", "in", "both", "dorsum", "dorsal", "site", "area", "region"}


def _words(text: str) -> set[str]:
    return set(_WORD.findall(text.lower()))


def _regions(words: set[str], groups: list[set[str]]) -> set[int]:
    return {index for index, group in enumerate(groups) if words & group}


def site_matches(exposure_site: str, lesion_site: str, lesion_side: str | None, rule: Rule) -> bool:
    """True when the exposure and the lesion share a body region and their sides do not conflict."""
    sides = set(rule.words("sides"))
    groups = [set(group.split()) for group in rule.words("site_groups")]
    exp_words, les_words = _words(exposure_site), _words(lesion_site)
    exp_sides = exp_words & sides
    les_sides = (les_words & sides) | ({lesion_side} & sides if lesion_side else set())
    if exp_sides and les_sides and not exp_sides & les_sides:
        return False
    exp_body = exp_words - sides - _FILLER
    les_body = les_words - sides - _FILLER
    return bool(exp_body & les_body) or bool(_regions(exp_body, groups) & _regions(les_body, groups))
