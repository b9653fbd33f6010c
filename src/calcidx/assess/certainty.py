"""Certainty, computed in one place from the two axes held in ``rules.yaml`` (``resolution``).

Axis one: is it calcinosis (none < clinical sign < imaging < histology). Axis two: is the cause
established (suggested < probable < confirmed, by the source's criteria). The table in the data
maps the pair to the output certainty (possible < probable < confirmed).
"""

from __future__ import annotations

from calcidx.knowledge.schema import KnowledgeBundle, Resolution

__all__ = ["CERTAINTY_RANK", "certainty_of", "resolution_of"]

CERTAINTY_RANK: dict[str | None, int] = {None: 0, "possible": 1, "probable": 2, "confirmed": 3}


def resolution_of(bundle: KnowledgeBundle) -> Resolution:
    """The precedence and certainty tables (the bundle must have them)."""
    if bundle.resolution is None:
        raise KeyError("rules.yaml has no 'resolution' table: the pathway cannot resolve candidates")
    return bundle.resolution


def certainty_of(cause: str, calcinosis: str, bundle: KnowledgeBundle) -> str:
    """The output certainty for a cause level and a calcinosis level (table lookup, no logic)."""
    return resolution_of(bundle).certainty.table[cause][calcinosis]
