"""Resolve the candidates with the precedence table of ``rules.yaml`` (``resolution``).

Only an override (a decisive look-alike, a normal skin examination with no lesion, biopsy-proven
calciphylaxis with typical lesions) wins over everything. Otherwise the most certain candidate
that is not blocked wins and the table's order breaks ties; a candidate tied with the winner is
reported as competing. Every other candidate becomes an alternative that says why it lost.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from calcidx.assess.candidates import Candidate
from calcidx.assess.certainty import CERTAINTY_RANK, resolution_of
from calcidx.assess.model import Alternative
from calcidx.knowledge.schema import KnowledgeBundle

__all__ = ["Resolved", "resolve"]

_CAUSE_RANK = {"suggested": 1, "probable": 2, "confirmed": 3}


@dataclass
class Resolved:
    """The winner (None: undetermined), the alternatives, and the subtypes that competed."""

    winner: Candidate | None = None
    alternatives: list[Alternative] = field(default_factory=list)
    competing: list[str] = field(default_factory=list)
    reason: str = ""


def _strength(candidate: Candidate) -> tuple[int, int, int]:
    return (0 if candidate.blocked else 1, CERTAINTY_RANK[candidate.certainty], _CAUSE_RANK[candidate.cause])


def _best_per_subtype(candidates: list[Candidate]) -> dict[str, Candidate]:
    best: dict[str, Candidate] = {}
    for cand in candidates:
        held = best.get(cand.subtype)
        if held is None or _strength(cand) > _strength(held):
            if held is not None:
                cand.associated = sorted({*cand.associated, *held.associated})
            best[cand.subtype] = cand
        else:
            held.associated = sorted({*held.associated, *cand.associated})
    return best


#: How each override of the resolution table reads in a sentence.
_OVERRIDES = {
    "lookalike_decisive": "a look-alike identified by its defining finding",
    "skin_examination_normal": "a normal skin examination with no lesion",
    "calciphylaxis_biopsy_proven": "biopsy-proven calciphylaxis",
}


def resolve(candidates: list[Candidate], bundle: KnowledgeBundle) -> Resolved:
    """Pick the winning candidate; the rest become alternatives with why they lost."""
    table = resolution_of(bundle)
    order = {code: index for index, code in enumerate(table.order)}
    out = Resolved()
    for kind in table.overrides:
        hit = next((c for c in candidates if c.override == kind and not c.blocked), None)
        if hit is not None:
            out.winner = hit
            out.reason = f"{_OVERRIDES.get(kind, kind.replace('_', ' '))} overrides the other candidates"
            break
    best = _best_per_subtype(candidates)
    if out.winner is None:
        eligible = [c for c in best.values() if not c.blocked]
        eligible.sort(key=lambda c: (-CERTAINTY_RANK[c.certainty], order.get(c.subtype, len(order))))
        if eligible:
            out.winner = eligible[0]
            out.reason = "the most certain candidate" if len(eligible) > 1 else "the only candidate"
    winner = out.winner
    for code, cand in sorted(best.items(), key=lambda kv: order.get(kv[0], len(order))):
        if winner is not None and code == winner.subtype:
            continue
        competing = False
        if cand.blocked:
            why = cand.blocked
        elif winner is None:
            why = "not decided"
        elif winner.override:
            why = out.reason
        elif cand.certainty == winner.certainty:
            competing = True
            why = (
                f"as certain as {winner.subtype} ({winner.certainty}); the precedence order puts {winner.subtype} first"
            )
        else:
            why = f"less certain ({cand.certainty}) than {winner.subtype} ({winner.certainty})"
        if cand.weighed:
            why = f"{why}; {cand.weighed}"
        certainty = cand.certainty
        if (
            winner is not None
            and winner.override == "lookalike_decisive"
            and CERTAINTY_RANK[certainty] > CERTAINTY_RANK["possible"]
        ):
            # the look-alike's defining finding speaks against every calcinosis subtype
            certainty = "possible"
            why = f"{why}; held at possible beside the look-alike's defining finding"
        if competing:
            out.competing.append(code)
        out.alternatives.append(
            Alternative.model_validate(
                {"code": code, "certainty": certainty, "why": why, "rule": cand.rule, "competing": competing}
            )
        )
    return out
