"""A ``Candidate``: what one pathway step proposes, with the facts for and against it."""

from __future__ import annotations

from dataclasses import dataclass, field

from calcidx.assess.model import FactUsed

__all__ = ["Candidate"]


@dataclass
class Candidate:
    """One step's proposal.

    Attributes:
        subtype: the subtype code proposed (or ``not_calcinosis``).
        cause: how established the cause is: suggested | probable | confirmed.
        calcinosis: how well the calcification itself is shown: none | clinical_sign | imaging | histology.
        rule: the proposing rule as ``id@version``.
        certainty: computed from ``cause`` and ``calcinosis`` (``certainty.certainty_of``).
        override: a kind from the precedence table's ``overrides`` that wins over everything.
        blocked: why this candidate can only be an alternative (None when it can win).
        weighed: what in the record weighs against it (shown with why it lost), or None.
    """

    subtype: str
    cause: str
    calcinosis: str
    rule: str
    certainty: str = "possible"
    facts_for: list[FactUsed] = field(default_factory=list)
    facts_against: list[FactUsed] = field(default_factory=list)
    associated: list[str] = field(default_factory=list)
    override: str | None = None
    blocked: str | None = None
    weighed: str | None = None
