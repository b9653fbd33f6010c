"""Does an exposure's site match a lesion's? Words, regions and drainage come from the rule's params.

Two relations, both data in ``rules.yaml`` (``subtype.iatrogenic.exposure_at_site``):

* *at the site*: the exposure and the lesion share a body word or a region (``site_groups``);
* *drains to*: the lesion lies where material from the exposure's site spreads (``drains_to``,
  entries ``"<from words> -> <to words>"``, one way only: a hand infusion reaches the forearm,
  a forearm infusion does not reach the hand).

A side named on both that differs (left and right) never matches, whatever the region.
"""

from __future__ import annotations

import re

from calcidx.knowledge.schema import Rule

__all__ = ["drainage", "site_matches", "site_relation", "site_words"]

_WORD = re.compile(r"[a-z]+")
# words that place a site without naming its body part ("a vein" of the hand shares nothing with a
# vein of the foot; the body part or the named vein's region does)
_FILLER = {"the", "of", "and", "on", "at", "in", "both", "dorsum", "dorsal", "site", "area", "region", "vein", "veins"}


def site_words(text: str) -> set[str]:
    """The lower-case words of a site as written ("Left Hand" gives {"left", "hand"})."""
    return set(_WORD.findall(text.lower()))


def _regions(words: set[str], groups: list[set[str]]) -> set[int]:
    return {index for index, group in enumerate(groups) if words & group}


def drainage(rule: Rule) -> list[tuple[set[str], set[str]]]:
    """The rule's ``drains_to`` entries as (from words, to words) pairs.

    Raises:
        ValueError: an entry is not ``"<from words> -> <to words>"``.
    """
    pairs: list[tuple[set[str], set[str]]] = []
    for entry in rule.words("drains_to"):
        source, arrow, target = entry.partition("->")
        if not arrow or not source.split() or not target.split():
            raise ValueError(f"rule {rule.id}: drains_to entry {entry!r} must read '<from words> -> <to words>'")
        pairs.append((set(source.split()), set(target.split())))
    return pairs


def site_relation(exposure_site: str, lesion_site: str, lesion_side: str | None, rule: Rule) -> str | None:
    """How an exposure's site relates to a lesion's.

    Returns:
        ``"at"`` (same body word or region), ``"drains"`` (the lesion lies where the exposure's
        site drains or spreads to), or None (unrelated, or the sides conflict).
    """
    sides = set(rule.words("sides"))
    groups = [set(group.split()) for group in rule.words("site_groups")]
    exp_words, les_words = site_words(exposure_site), site_words(lesion_site)
    exp_sides = exp_words & sides
    les_sides = (les_words & sides) | ({lesion_side} & sides if lesion_side else set())
    if exp_sides and les_sides and not exp_sides & les_sides:
        return None
    exp_body = exp_words - sides - _FILLER
    les_body = les_words - sides - _FILLER
    if exp_body & les_body or _regions(exp_body, groups) & _regions(les_body, groups):
        return "at"
    if any(exp_body & source and les_body & target for source, target in drainage(rule)):
        return "drains"
    return None


def site_matches(exposure_site: str, lesion_site: str, lesion_side: str | None, rule: Rule) -> bool:
    """True when the exposure is at the lesion's site or drains to it and the sides do not conflict."""
    return site_relation(exposure_site, lesion_site, lesion_side, rule) is not None
