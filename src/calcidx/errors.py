"""Exception hierarchy.

CalcidxError
├── InputError       bad input from a user: the CLI exits 1 with one line, the API answers 4xx
└── KnowledgeError   the knowledge bundle is inconsistent (a packaging or curation bug)
"""

from __future__ import annotations

__all__ = ["CalcidxError", "InputError", "KnowledgeError"]


class CalcidxError(Exception):
    """Root of every error CalciDx raises on purpose."""


class InputError(CalcidxError):
    """Bad input: the message names the bad value, where it was, and what is allowed."""


class KnowledgeError(CalcidxError):
    """The knowledge data files are missing, malformed or inconsistent."""
