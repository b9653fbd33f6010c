"""Patients told only as the rows of a table: each row read as one patient's note.

A case series sometimes gives its patients only in a table ("Patient | Age/Sex | Underlying disease |
Site | Diagnosis"), one row each, with no running text about them. The reader reads running text; a
table's row is a run of cells whose meaning is in the header above it. When a document yields no
patient and holds such a table (cells between pipes, or between tabs; the header found by the zone
rule ``patient_table_header``), each row becomes a short note that pairs every cell with its header
("Patient 2: a 61-year-old man. Underlying disease: ESRD on hemodialysis. Lesions: thighs. ...") and is
read in note mode. Every fact read from a row has the row itself as its evidence, so provenance stays
on the source text. The document's first line and the table's caption (the line above the header) are
read with each row: they name what the table is about ("Calciphylaxis in peritoneal dialysis: a case
series", "Patients with calcinosis cutis"). A yes/no cell answers its header ("Warfarin: No" is no
warfarin). A clause of the text that names a row's patient by number ("Patient 2 had biopsy-proven
calciphylaxis; patients 1 and 3 had ...") is read with that row, its facts' evidence its own words;
a clause that names two patients apart ("patient 1 improved but patient 2 died") is read with none.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from calcidx.case.model import Case, Document

__all__ = [
    "MAX_ROWS",
    "RowNote",
    "TableRow",
    "describe",
    "document_with_rows",
    "numbered_clauses",
    "patient_table_rows",
    "row_note",
    "with_row_evidence",
]

#: A Markdown rule row between the header and the body ("|---|:---:|").
_RULE_ROW = re.compile(r"[\s|:\-–—+]*")
#: Cells that hold nothing.
_EMPTY_CELL = re.compile(r"(?:|-|–|—|na|n/a|nr|nd|none|not reported|unknown|\?)", re.IGNORECASE)
#: Header words of the columns with a special reading.
_AGE_SEX = re.compile(
    r"\bage\b(?:\s*\([^()]{0,10}\))?\s*(?:/|,|and|&)\s*(?:sex|gender)\b|\b(?:sex|gender)\s*(?:/|,|and|&)\s*age\b", re.I
)
_AGE = re.compile(r"\bage\b", re.IGNORECASE)
_SEX = re.compile(r"\b(?:sex|gender)\b", re.IGNORECASE)
_NUMBER_COLUMN = re.compile(r"^\W*(?:patient|pt|case|no\.?|#|n)\W*$", re.IGNORECASE)
_SITE = re.compile(r"\b(?:site|sites|location|locations|distribution|locali[sz]ation)\b", re.IGNORECASE)
_DIAGNOSIS = re.compile(r"\b(?:diagnosis|type|subtype|classification|form)\b", re.IGNORECASE)
_SUBTYPE_WORD = re.compile(r"(?:dystrophic|metastatic|idiopathic|iatrogenic)", re.IGNORECASE)
#: A cell that answers the header's question ("Warfarin: No"): the header's concept absent, or present.
_NO_CELL = re.compile(r"(?:no|none|absent|negative|neg|not done|never|-ve)", re.IGNORECASE)
_YES_CELL = re.compile(r"(?:yes|present|positive|pos|\+|\+ve|done|y)", re.IGNORECASE)
# "54/F", "54 F", "54, female", "3 mo/M", "F/54"
_AGE_SEX_CELL = re.compile(
    r"^\s*(?:(?P<age>\d{1,3}(?:\.\d+)?)\s*(?P<unit>y(?:rs?|ears?)?|mo(?:nths?)?|m(?=\s*[/,]\s*[mf])|w(?:ee)?ks?|d(?:ays?)?)?"
    r"\s*[/,;]?\s*(?P<sex>f(?:emale)?|m(?:ale)?|w(?:oman)?|girl|boy|man)"
    r"|(?P<sex2>f(?:emale)?|m(?:ale)?)\s*[/,;]?\s*(?P<age2>\d{1,3}(?:\.\d+)?))\s*$",
    re.IGNORECASE,
)
_AGE_CELL = re.compile(
    r"^\s*(?P<age>\d{1,3}(?:\.\d+)?)\s*(?P<unit>y(?:rs?|ears?)?|mo(?:nths?)?|w(?:ee)?ks?|d(?:ays?)?)?\s*$", re.I
)
_UNITS = {"y": "year", "m": "month", "w": "week", "d": "day"}
#: A clause of running text (between sentence or clause ends, or line breaks).
_CLAUSE = re.compile(r"[^.;!?\n]+[.;!?]?")
#: Patients named by number in running text ("Patient 2", "patients 1 and 3", "cases 1-3", "Pt 4").
_NUMBERED = re.compile(
    r"\b(?:patients?|cases?|pts?\.?)\s+(?P<numbers>\d{1,2}(?:\s*(?:,|and|&|-|–|to)\s*\d{1,2})*)\b", re.IGNORECASE
)


@dataclass(frozen=True)
class TableRow:
    """One body row of a table of patients: its offsets in the original text and its cells by header."""

    start: int
    end: int
    cells: tuple[tuple[str, str], ...]
    caption: str | None = None
    title: str | None = None


def patient_table_rows(text: str, is_header: Callable[[str], bool]) -> list[TableRow]:
    """The body rows of the tables of patients in ``text`` (cells between pipes or tabs).

    Args:
        text: the original text (its offsets are the rows').
        is_header: whether a header row's text (cells joined by spaces) heads a table of patients.
    """
    rows: list[TableRow] = []
    for run in _runs(text):
        cells = [
            (start, end, _cells(text[start:end])) for start, end in run if not _RULE_ROW.fullmatch(text[start:end])
        ]
        if len(cells) < 2:
            continue
        header = cells[0][2]
        if not is_header(" ".join(header)):
            continue
        caption = _caption(text, run[0][0])
        title = _title(text)
        for start, end, values in cells[1:]:
            if len(values) != len(header):
                continue
            pairs = tuple((h, v) for h, v in zip(header, values, strict=True) if not _EMPTY_CELL.fullmatch(v))
            if pairs:
                rows.append(TableRow(start, end, pairs, caption, title if title != caption else None))
    return rows


def _runs(text: str) -> list[list[tuple[int, int]]]:
    """Runs of two or more consecutive lines that split into cells the same way (pipes or tabs); a
    blank line between two rows (a web page's table printed one block per row) does not end a run."""
    runs: list[list[tuple[int, int]]] = []
    current: list[tuple[int, int]] = []
    kind = ""
    start = 0
    for line in text.split("\n"):
        end = start + len(line)
        if not line.strip() and current:
            start = end + 1
            continue
        this = "|" if line.count("|") >= 2 else "\t" if line.count("\t") >= 1 else ""
        if this and (not current or this == kind):
            current.append((start, end))
            kind = this
        else:
            if len(current) > 1:
                runs.append(current)
            current = [(start, end)] if this else []
            kind = this
        start = end + 1
    if len(current) > 1:
        runs.append(current)
    return runs


def _cells(line: str) -> list[str]:
    if line.count("|") >= 2:
        parts = line.strip().split("|")
        if parts and not parts[0].strip():
            parts = parts[1:]
        if parts and not parts[-1].strip():
            parts = parts[:-1]
    else:
        parts = line.split("\t")
    return [" ".join(p.split()) for p in parts]


def _caption(text: str, header_start: int) -> str | None:
    """The non-empty line right above the table (its caption), if short."""
    before = text[:header_start].rstrip("\n").rsplit("\n", 1)[-1].strip()
    return before if before and len(before) <= 200 and "|" not in before else None


def _title(text: str) -> str | None:
    """The document's first line, if it is a short one outside the table (its title, most often)."""
    first = text.lstrip().split("\n", 1)[0].strip()
    return first if first and len(first) <= 200 and "|" not in first and "\t" not in first else None


def describe(row: TableRow, index: int) -> str:
    """The row as one patient's note: the caption, the number, age and sex, then each cell after its header."""
    parts: list[str] = []
    age, sex = _age_and_sex(row)
    person = " ".join(p for p in (age, sex or "patient") if p)
    parts.append(f"Patient {index}: a {person}." if age else f"Patient {index}: {sex or 'patient'}.")
    for header, value in row.cells:
        if _AGE_SEX.search(header) or _AGE.search(header) or _SEX.search(header) or _NUMBER_COLUMN.match(header):
            continue
        if _SITE.search(header):
            parts.append(f"Lesions: {value}.")
        elif _DIAGNOSIS.search(header) and _SUBTYPE_WORD.fullmatch(value.strip()):
            parts.append(f"{header}: {value} calcinosis cutis.")
        elif _NO_CELL.fullmatch(value.strip()):
            parts.append(f"No {header.lower()}.")
        elif _YES_CELL.fullmatch(value.strip()):
            parts.append(f"{header}: yes.")
        else:
            parts.append(f"{header}: {value}.")
    return "\n".join([*(line for line in (row.title, row.caption) if line), " ".join(parts)])


def _age_and_sex(row: TableRow) -> tuple[str | None, str | None]:
    age: str | None = None
    sex: str | None = None
    for header, value in row.cells:
        if _AGE_SEX.search(header):
            found = _AGE_SEX_CELL.match(value)
            if found:
                number = found.group("age") or found.group("age2")
                age = _age_words(number, found.group("unit") if found.group("age") else None)
                sex = _sex_word(found.group("sex") or found.group("sex2"))
        elif _AGE.search(header) and age is None:
            found = _AGE_CELL.match(value)
            if found:
                age = _age_words(found.group("age"), found.group("unit"))
        elif _SEX.search(header) and sex is None:
            sex = _sex_word(value)
    return age, sex


def _age_words(number: str, unit: str | None) -> str:
    name = _UNITS.get((unit or "y")[0].lower(), "year")
    return f"{number}-{name}-old"


def _sex_word(value: str | None) -> str | None:
    first = (value or "").strip().lower()[:1]
    if first in ("f", "w", "g"):
        return "female"
    if first == "m" or (value or "").strip().lower() == "boy":
        return "male"
    return None


@dataclass(frozen=True)
class RowNote:
    """A row's note and where its copied clauses stand in the original text."""

    text: str
    #: (start in the note, start in the original, length) of each clause copied from the original
    copies: tuple[tuple[int, int, int], ...] = ()


def numbered_clauses(text: str, rows: list[TableRow]) -> dict[int, list[tuple[int, int]]]:
    """The clauses outside the tables that name one group of row patients by number, by row number
    (1-based): ``(start, end)`` in ``text``."""
    inside = [(row.start, row.end) for row in rows]
    found: dict[int, list[tuple[int, int]]] = {}
    for clause in _CLAUSE.finditer(text):
        if (
            "|" in clause.group()
            or "\t" in clause.group()
            or any(lo < clause.end() and clause.start() < hi for lo, hi in inside)
        ):
            continue
        named = list(_NUMBERED.finditer(clause.group()))
        if len(named) != 1:
            continue  # none, or two patients told apart in one clause
        for number in _numbers(named[0].group("numbers")):
            if 1 <= number <= len(rows):
                found.setdefault(number, []).append((clause.start(), clause.end()))
    return found


def _numbers(group: str) -> list[int]:
    """ "1 and 3" is [1, 3]; "1-3" and "1 to 3" are [1, 2, 3]."""
    numbers: list[int] = []
    for part in re.split(r"\s*(?:,|and|&)\s*", group):
        bounds = [int(n) for n in re.split(r"\s*(?:-|–|to)\s*", part) if n.isdigit()]
        if len(bounds) == 2 and bounds[0] < bounds[1] <= bounds[0] + 20:
            numbers.extend(range(bounds[0], bounds[1] + 1))
        else:
            numbers.extend(bounds)
    return numbers


def row_note(row: TableRow, index: int, original: str, clauses: list[tuple[int, int]]) -> RowNote:
    """The row's note (``describe``) followed by the clauses of the text that name its patient; in the
    text's own letter case when it is written in one ("LIMITED CUTANEOUS SSC" reads as the abbreviation
    only in a text of capitals throughout)."""
    text = describe(row, index)
    copies: list[tuple[int, int, int]] = []
    for start, end in clauses:
        words = original[start:end].strip()
        lead = original[start:end].find(words)
        text += "\n"
        copies.append((len(text), start + lead, len(words)))
        text += words
    for written, recase in ((original.isupper(), str.upper), (original.islower(), str.lower)):
        if written and len(recase(text)) == len(text):  # same length: the copies' offsets hold
            text = recase(text)
    return RowNote(text, tuple(copies))


def with_row_evidence(case: Case, row: TableRow, original: str, index: int, note: RowNote | None = None) -> Case:
    """``case`` (read from the row's note) with every piece of evidence moved to the original text:
    to the row, or for a fact read from a copied clause to that clause's own words."""
    evidence = {"start": row.start, "end": row.end, "text": original[row.start : row.end]}
    copies = note.copies if note is not None else ()

    def placed(value: dict[str, Any]) -> dict[str, Any]:
        start, end = int(value["start"]), int(value["end"])
        for at, origin, length in copies:
            if at <= start and end <= at + length:
                lo, hi = origin + start - at, origin + end - at
                return {"start": lo, "end": hi, "text": original[lo:hi]}
        return dict(evidence)

    def moved(value: Any) -> Any:
        if isinstance(value, dict):
            if set(value) == {"start", "end", "text"}:
                return placed(value)
            return {k: moved(v) for k, v in value.items()}
        if isinstance(value, list):
            items = [moved(v) for v in value]
            # the evidence of one fact, now all the row: once
            return [item for i, item in enumerate(items) if item not in items[:i]]
        return value

    data = moved(case.model_dump())
    data["patient_index"] = index
    return Case.model_validate(data)


#: Most rows read as patients (each is one extraction: a table of thousands of rows is a data file,
#: not a case series, and would take minutes).
MAX_ROWS = 500


def document_with_rows(document: Document, cases: list[Case], rows: int, limit: int = MAX_ROWS) -> Document:
    """``document`` given the cases read from its table rows (the first ``limit`` of ``rows``), with a
    warning that says so."""
    warnings = [w for w in document.warnings if not w.startswith("no case:")]
    warnings.append(
        f"the patients were read from the {min(rows, limit)} rows of a table (no running text describes them): "
        "each fact's evidence is its row; check the cases against the table"
    )
    if rows > limit:
        warnings.append(
            f"the table has {rows} rows; only the first {limit} were read as patients (give a larger series "
            "as a file per patient, or as Case JSON)"
        )
    kind = "case_series" if len(cases) > 1 else "case_report"
    info = document.document.model_copy(update={"kind": kind})
    return document.model_copy(update={"cases": cases, "warnings": warnings, "document": info})
