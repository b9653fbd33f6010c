"""The body site a lesion is counted under: "left hand", "both hands" and "hands" are "hand".

Laterality words go (``anatomy.yaml`` ``laterality``), a plain plural becomes the singular when
the singular is itself a site, and adjectives and irregular forms take the name ``anatomy.yaml``
``site_names`` gives them ("scrotal" is "scrotum", "feet" is "foot").
"""

from __future__ import annotations

import functools

from calcidx.extract.rules import load_rules

__all__ = ["series_site", "series_sites"]


_DETERMINERS = frozenset({"the", "her", "his", "their", "its"})


@functools.cache
def _tables() -> tuple[frozenset[str], dict[str, str], frozenset[str], frozenset[str]]:
    rules = load_rules()
    return frozenset(rules.sites), rules.site_names, frozenset(rules.laterality), rules.site_parts


def series_site(site: str) -> str:
    """The name ``site`` is counted under ("right side of the face" is the face)."""
    sites, names, sides, parts = _tables()
    words = site.lower().split()
    while len(words) > 1 and words[0] in sides:
        words = words[1:]
    if len(words) > 2 and words[0] in parts and words[1] == "of":
        rest = words[3:] if words[2] in _DETERMINERS else words[2:]
        while len(rest) > 1 and rest[0] in sides:
            rest = rest[1:]
        if " ".join(rest) in sites:
            words = rest
    name = " ".join(words)
    if name in names:
        return names[name]
    if name.endswith("ies") and name[:-3] + "y" in sites:
        return name[:-3] + "y"
    if name.endswith("s") and name[:-1] in sites:
        return name[:-1]
    return name


def series_sites(sites: list[str]) -> set[str]:
    """The distinct names a case's lesion sites are counted under."""
    return {series_site(site) for site in sites}
