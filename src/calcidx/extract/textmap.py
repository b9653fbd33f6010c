"""A whitespace-normalised copy of the text, and the map of its offsets back to the original.

Line breaks inside a sentence (PDF and web copies) and runs of spaces would split spaCy tokens into
whitespace tokens and break phrase matching. The pipeline therefore runs on a copy in which each
logical line has single spaces and logical lines are separated by one newline; every offset is
mapped back so that evidence is ``original[start:end]``.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from calcidx.extract.rules import load_rules
from calcidx.extract.sections import logical_lines, restore_lines

__all__ = ["TextMap", "normalise"]

# Whitespace that changes: a run of two or more, or one character that is not a plain space (a
# single space between words, most of the text, is left alone without a Python step); and the
# invisible characters, dropped: a soft hyphen (U+00AD, a web page's hint where a word may break)
# with a line break after it, a zero-width space, joiner or non-joiner, a word joiner, a byte-order mark.
_ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"
_WS = re.compile(rf"\u00ad\s*|[\s{_ZERO_WIDTH}]{{2,}}|[^\S ]|[{_ZERO_WIDTH}]")
# A word broken at the end of a line by a PDF's justification ("calci-" / "phylaxis"): two lower-case
# letters and a hyphen before the line break, a lower-case letter after it. The word is joined
# ("calciphylaxis"); a capital after the break ("anti-" / "Ro") or a single letter before it ("X-" /
# "ray") keeps the hyphen.
_BROKEN_WORD_END = re.compile(r"[a-z]{2}-\Z")
# Typographic hyphens (U+2010 hyphen, U+2011 non-breaking hyphen) read as "-": "8\u2010year\u2010old"
# is "8-year-old". One character for one, so every offset stays the same.
_HYPHENS = ("\u2010", "\u2011")
# A table row with its cells between pipes ("Calcium | 12.1 | mg/dL | 8.6-10.2", a Markdown table):
# two or more pipes on the line. Only two or more such rows in a row make a table; a journal banner
# ("Volume 2 | Issue 4 | Page 9") or a title ("Calciphylaxis | Case Report") is one line.
_RULE_ROW = re.compile(r"[\s|:\-]*")


@dataclass
class TextMap:
    """Offsets of the normalised text mapped to the original."""

    original: str
    clean: str
    clean_starts: list[int] = field(default_factory=list)
    orig_starts: list[int] = field(default_factory=list)

    def start(self, pos: int) -> int:
        """The original offset of the character at clean offset ``pos``."""
        i = bisect_right(self.clean_starts, pos) - 1
        if i < 0:
            return pos
        return self.orig_starts[i] + (pos - self.clean_starts[i])

    def end(self, pos: int) -> int:
        """The original offset just after the character at clean offset ``pos - 1``."""
        if pos <= 0:
            return 0
        return self.start(pos - 1) + 1


# Typographic ligatures a PDF's text layer keeps ("calci\ufb01cation"), and their letters.
_LIGATURES = {
    "\ufb00": "ff",
    "\ufb01": "fi",
    "\ufb02": "fl",
    "\ufb03": "ffi",
    "\ufb04": "ffl",
    "\ufb05": "st",
    "\ufb06": "st",
}
_LIGATURE = re.compile("[" + "".join(_LIGATURES) + "]")


class _Copy:
    """The normalised text built piece by piece, with the original offset of each piece."""

    def __init__(self, text: str, *, expand: bool) -> None:
        self.text = text
        self.expand = expand  # the text has ligatures to spell out
        self.parts: list[str] = []
        self.clean_starts: list[int] = []
        self.orig_starts: list[int] = []
        self.length = 0

    def take(self, start: int, end: int) -> None:
        """Copy ``text[start:end]``, its ligatures spelled out (each letter maps to the ligature)."""
        if self.expand:
            for match in _LIGATURE.finditer(self.text, start, end):
                self._piece(self.text[start : match.start()], start)
                for letter in _LIGATURES[match.group()]:
                    self._piece(letter, match.start())
                start = match.end()
        self._piece(self.text[start:end], start)

    def insert(self, piece: str, origin: int | None) -> None:
        """Add ``piece`` (a space for a run of whitespace at ``origin``; a newline, unmapped)."""
        if origin is None:
            self.parts.append(piece)
            self.length += len(piece)
        else:
            self._piece(piece, origin)

    def _piece(self, piece: str, origin: int) -> None:
        if piece:
            self.clean_starts.append(self.length)
            self.orig_starts.append(origin)
            self.parts.append(piece)
            self.length += len(piece)


def _joins_broken_word(text: str, ws: re.Match[str]) -> bool:
    """Whether the line break ``ws`` is inside a word broken with a hyphen ("calci-" / "phylaxis")."""
    after = ws.end()
    return (
        "\n" in ws.group()
        and after < len(text)
        and text[after].islower()
        and _BROKEN_WORD_END.search(text, max(0, ws.start() - 3), ws.start()) is not None
    )


def normalise(text: str) -> TextMap:
    """Collapse whitespace inside logical lines; one newline between logical lines; typographic
    hyphens become "-"; soft hyphens go, a word broken with a hyphen at a line end is joined, and a
    typographic ligature is spelled out ("\ufb01" is "fi"); a text that lost all its line breaks gets
    them back (``restore_lines``)."""
    original = text
    if "|" in text:
        text = table_cells_spaced(text)
    copy = _Copy(text, expand=_LIGATURE.search(text) is not None)
    for index, (start, end) in enumerate(logical_lines(text)):
        if index:
            copy.insert("\n", None)
        cursor = start
        for ws in _WS.finditer(text, start, end):
            # a soft hyphen and what follows it, or zero-width characters alone, are dropped
            invisible = text[ws.start()] == "\u00ad" or not any(char.isspace() for char in ws.group())
            joined = invisible or _joins_broken_word(text, ws)
            stop = ws.start() - (joined and not invisible)  # a broken word loses its hyphen
            copy.take(cursor, stop)
            cursor = ws.end()
            if not joined:
                copy.insert(" ", ws.start())
        copy.take(cursor, end)
    parts, clean_starts, orig_starts = copy.parts, copy.clean_starts, copy.orig_starts
    # a text copied as one long line gets its lines back (same length: the map holds)
    clean = restore_lines("".join(parts), load_rules().collapsed_text)
    for hyphen in _HYPHENS:
        clean = clean.replace(hyphen, "-")  # a C loop; str.translate with a table is far slower
    return TextMap(original, clean, clean_starts, orig_starts)


def table_cells_spaced(text: str) -> str:
    """``text`` with the pipes between a table's cells read as spaces, and its Markdown rule rows
    ("|---|---|") blank: each cell is then a column, as in a table copied with tabs. One character for
    one, so every offset stays the same. One pass over the lines (a regex searching for the pipes of a
    line from every position would take quadratic time on a long line)."""
    runs: list[list[tuple[int, int]]] = []
    rows: list[tuple[int, int]] = []  # consecutive lines with two or more pipes
    start = 0
    for line in text.split("\n"):
        end = start + len(line)
        if line.count("|") >= 2:
            rows.append((start, end))
        else:
            if len(rows) > 1:
                runs.append(rows)
            rows = []
        start = end + 1
    if len(rows) > 1:
        runs.append(rows)
    if not runs:
        return text
    parts: list[str] = []
    cursor = 0
    for run in runs:
        for row_start, row_end in run:
            parts.append(text[cursor:row_start])
            cells = text[row_start:row_end]
            parts.append(" " * len(cells) if _RULE_ROW.fullmatch(cells) else cells.replace("|", " "))
            cursor = row_end
    parts.append(text[cursor:])
    return "".join(parts)
