"""Plain records the pipeline components leave on a Doc for the case builder."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Mention", "StateHit"]


@dataclass(frozen=True)
class Mention:
    """A vocabulary term or body site found in the text (character offsets)."""

    start: int
    end: int
    text: str
    keys: tuple[tuple[str, str], ...]

    @property
    def is_site(self) -> bool:
        """Whether this is an anatomical site rather than a knowledge item."""
        return self.keys[0][0] == "site"


@dataclass(frozen=True)
class StateHit:
    """A word such as "hypercalcaemia" stating an analyte's interpretation."""

    start: int
    end: int
    text: str
    analyte: str
    interpretation: str
