"""Layout of a report: logical lines, section headers, captions and sentences, by cheap regexes.

Works on the original text and keeps character offsets into it. Lines broken in the middle of a
sentence (PDF and web copies) are joined into one logical line; a line that is a known section
header (or starts with one, as in "Case presentation: A 44-year-old ...") opens a section.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_left
from dataclasses import dataclass, field

from calcidx.extract.prefilter import fold_lower, words_of
from calcidx.extract.rules import CollapsedTextRules, Rules, load_rules, load_zone_rules

__all__ = ["Layout", "Section", "Sentence", "analyse_layout", "header_regex"]

_LINE = re.compile(r"[^\n]*(?:\n|$)")
_TAG = re.compile(r"</?[a-zA-Z][\w:.-]*(?:\s[^<>]*)?/?>")
_NUMBERING = re.compile(r"^(?:\d{1,2}(?:\.\d{1,2})*\.?|[ivxIVX]{1,4}\.|[•·▪\-–*#]+)\s*")
_TRAILING = re.compile(r"[\s:.\-–—|]+$")
# a web page's "back to top" link glued to a header ("Discussion Top")
_TOP_LINK = re.compile(r"\s+top$")
# single-word headers that open a line with the content on the same line ("Abstract Calciphylaxis is")
_RUN_IN = frozenset({"abstract", "introduction", "background", "discussion", "conclusion", "conclusions"})
# boilerplate prose of a page's meta block (licences, copyright) never ends that block
_BOILERPLATE = re.compile(
    r"\b(?:creative commons|open access|licen[cs]ed?|licensee|copyright|all rights reserved|distributed under|"
    r"permits unrestricted|published by|this article is|cite this|e-?mail|orcid)\b",
    re.IGNORECASE,
)
_ENTRY_START = re.compile(r"^\s*(?:\[\d{1,3}\]|\d{1,3}[.)]|[•·▪*-])")
_REFERENCE_LIKE = re.compile(
    r"\bet al\b|\b(?:19|20)\d{2}\s*[;:]\s*\d+|\bdoi\b|\bpp?\.\s*\d+|^[A-Z][\w'-]+\s+[A-Z]{1,3}[,.]|\[PubMed\]|"
    r"\bGoogle Scholar\b|\bCrossref\b",
)
# a line that ends in a comma, a hyphen or a function word, or ends a sentence; both are read
# backwards from the line's end (one match at the start of the reversed text, where a search for
# an end-anchored pattern would try every position)
_FUNCTION_WORDS = [
    "and",
    "or",
    "of",
    "the",
    "a",
    "an",
    "with",
    "in",
    "to",
    "for",
    "by",
    "on",
    "at",
    "from",
    "that",
    "as",
    "was",
    "were",
    "is",
    "are",
    "her",
    "his",
    "their",
    "this",
    "no",
    "not",
]
_FUNCTION_END_REVERSED = re.compile(
    r"\s*(?:,|(?:" + "|".join(word[::-1] for word in _FUNCTION_WORDS) + r")\b|-|\u00ad)", re.IGNORECASE
)
_TERMINAL_END_REVERSED = re.compile(r"\s*['\")\]]*[.!?:;]")


def _function_end(line: str) -> bool:
    """Whether ``line`` ends with a comma, a hyphen (a soft one too) or a function word (then optional
    whitespace)."""
    return _FUNCTION_END_REVERSED.match(line[::-1]) is not None


def _terminal_end(line: str) -> bool:
    """Whether ``line`` ends a sentence: ``.!?:;``, closing quotes or brackets, optional whitespace."""
    return _TERMINAL_END_REVERSED.match(line[::-1]) is not None


# "Figure 1 shows the lesions ..." is a sentence of the text about a figure, not its caption
_CAPTION = re.compile(
    r"^\s*(?:figure|fig\.?|table|supplementary figure)\s*\d+[a-z]?\b"
    r"(?!\s*(?:(?:and|,)\s*\d+[a-z]?\s*)?(?:shows?|showed|demonstrates?|demonstrated|illustrates?|illustrated|"
    r"depicts?|depicted|reveals?|revealed|displays?|displayed|summari[sz]es?|summari[sz]ed|lists?|listed)\b)",
    re.IGNORECASE,
)
#: what opens a sentence of its own after "et al." ("... the report by Smith et al. A 70-year-old man
#: ..."): the authors or the patient, not the title of a cited article
_OPENS_AFTER_ET_AL = re.compile(r"(?:We|Our|Here|He|She|They|His|Her)\b|(?:An?|The)\s+\d")
_ABBREVIATIONS = frozenset(
    [
        "fig",
        "figs",
        "e.g",
        "i.e",
        "dr",
        "mr",
        "mrs",
        "ms",
        "vs",
        "al",
        "approx",
        "st",
        "prof",
        "cf",
        "resp",
        "incl",
        "sr",
        "jr",
        "viz",
        "etc",
        "mg",
        "dl",
        "y.o",  # "63 y.o. male": the age's unit, not a sentence's end
    ]
)
#: abbreviations only before a number ("No. 3", "nos. 2-4", "ca. 5 cm", "vol. 12", "ref. 7"): an
#: answer "No." or a lab's "Ca." before a word ends its sentence ("Any drug allergies? No. She takes ...")
_NUMBER_ABBREVIATIONS = frozenset(["no", "nos", "ca", "vol", "ref"])
# (a note's "+ painful ulcer" after "Denies fever." opens a sentence: the sign marks a finding present)
_SENT_BREAK = re.compile(r"([.!?])(['\")\]]*)(\s+)(?=[\"'(\[]?[A-Z0-9•]|\+\s?[A-Za-z])")
# a text in one letter case (all lower case) has no capitals to mark where sentences start
_SENT_BREAK_CASELESS = re.compile(r"([.!?])(['\")\]]*)(\s+)(?=[\"'(\[]?[A-Za-z0-9•]|\+\s?[A-Za-z])")


# in a text of one letter case, a line that opens with one of these words continues the sentence
_FUNCTION_START = re.compile(
    r"(?:that|which|who|whom|whose|with|and|or|of|in|to|for|by|on|at|from|as|was|were|is|are|had|has|"
    r"but|than|then|without|after|before|during|into)\b",
    re.IGNORECASE,
)


# byte tables for counting ASCII capitals and letters with bytes.translate (a C loop)
_NOT_UPPER = bytes(b for b in range(256) if not 65 <= b <= 90)
_NOT_LETTER = bytes(b for b in range(256) if not (65 <= b <= 90 or 97 <= b <= 122))


def _upper_share(text: str, sample: int = 4_000) -> float | None:
    """Share of capitals among the (ASCII) letters of the text's head; None without letters."""
    head = text[:sample].encode("ascii", "ignore")
    letters = len(head.translate(None, _NOT_LETTER))
    return len(head.translate(None, _NOT_UPPER)) / letters if letters else None


def caseless(text: str) -> bool:
    """Whether ``text`` is written in lower case only (capitals cannot mark sentence starts)."""
    share = _upper_share(text)
    return share is not None and share < 0.002


def one_case(text: str) -> bool:
    """Whether ``text`` is in one letter case (all lower or all upper): line starts say nothing."""
    share = _upper_share(text)
    return share is not None and (share < 0.002 or share > 0.98)


@dataclass
class Section:
    """A run of text under one header."""

    start: int
    end: int
    category: str
    title: str | None = None


@dataclass
class Sentence:
    """A sentence (or a header line), with its section category and logical-line number."""

    start: int
    end: int
    text: str
    category: str
    paragraph: int
    header: str | None = None
    caption: bool = False
    lower: str = ""
    #: ``prefilter.fold(text)``: what the rules' literal prefilters read
    folded: str = field(default="", repr=False, compare=False)

    def __post_init__(self) -> None:
        self.lower = self.text.lower()
        self.folded = fold_lower(self.lower)

    @functools.cached_property
    def words(self) -> frozenset[str] | None:
        """The sentence's word runs, as the phrase regexes' word screen reads them (``prefilter.words_of``)."""
        return words_of(self.lower)


@dataclass
class Layout:
    """Sentences in text order, and the sections they fall in."""

    sentences: list[Sentence] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)

    def has(self, category: str) -> bool:
        """Whether any section of ``category`` exists."""
        return any(s.category == category for s in self.sections)


def _norm_header(text: str) -> str:
    text = _TAG.sub(" ", text)
    text = _NUMBERING.sub("", text.strip())
    text = _TRAILING.sub("", text)
    return _TOP_LINK.sub("", " ".join(text.lower().split()))


#: Longest line that is tested for being a section heading on its own (``_header_line``).
_HEADER_LINE_MAX = 40


def _header_line(line: str) -> bool:
    """Whether ``line`` is a known section heading (``sections.yaml``) standing alone."""
    return _norm_header(line) in load_rules().section_headers


def logical_lines(text: str) -> list[tuple[int, int]]:
    """Physical lines joined where a sentence obviously continues on the next line."""
    no_case = caseless(text)
    single_case = one_case(text)
    raw: list[tuple[int, int]] = []
    for match in _LINE.finditer(text):
        start, end = match.span()
        if start == end:
            break
        chunk = match.group()
        stripped = chunk.strip()
        if not stripped:
            continue
        lead = len(chunk) - len(chunk.lstrip())
        raw.append((start + lead, start + lead + len(stripped)))
    joined: list[tuple[int, int]] = []
    full = _full_line(raw)
    length = 0  # of the physical line before this one
    for start, end in raw:
        previous_length, length = length, end - start
        if joined:
            prev_start, prev_end = joined[-1]
            # only the end of the previous line matters; anchored-at-end searches over a whole
            # paragraph would try every position
            prev = text[max(prev_start, prev_end - 48) : prev_end]
            first = text[start]
            continues = (
                not _terminal_end(prev)
                and (
                    (first.islower() and not no_case)
                    or (first.isdigit() and not _NUMBERING.match(text[start:end]))
                    or first in "(,;"
                    # a column cut into lines of one width (a PDF's): a full line that ends no sentence
                    # goes on, whatever the next line starts with ("... of Ca and P. Iatrogenic" / "CC occurs")
                    or (full is not None and previous_length >= full and not _ENTRY_START.match(text[start:end]))
                )
            )
            if (
                not continues
                and prev_end - prev_start > 40
                and _function_end(prev)
                and not _CAPTION.match(text, prev_start, prev_end)
            ):
                continues = True
            if (
                not continues
                and single_case
                and not _terminal_end(prev)
                and (_FUNCTION_START.match(text, start) or _function_end(prev))
            ):
                continues = True
            if continues and _CAPTION.match(text[start:end]):
                continues = False
            if continues and prev_end - prev_start <= _HEADER_LINE_MAX and _header_line(text[prev_start:prev_end]):
                continues = False  # a heading on its own line ("discussion" over "in a review of ...")
            if continues:
                joined[-1] = (prev_start, end)
                continue
        joined.append((start, end))
    return joined


#: A text is a column cut into lines of one width when at least this many of its lines, and this
#: share of them, come within ``_FULL_SHARE`` of its longest lines, which are at most
#: ``_COLUMN_MAX`` characters long (a web copy keeps whole paragraphs on one line).
_COLUMN_LINES = 8
_COLUMN_SHARE = 0.5
_FULL_SHARE = 0.8
_COLUMN_MAX = 130


def _full_line(lines: list[tuple[int, int]]) -> int | None:
    """The length from which a line fills the column, when the text is a column cut into lines of
    one width (a PDF's text layer, a pasted letter); else None."""
    lengths = sorted(end - start for start, end in lines)
    if len(lengths) < _COLUMN_LINES:
        return None
    width = lengths[(len(lengths) * 19) // 20]  # the 95th percentile: a stray long line is no column
    if width > _COLUMN_MAX:
        return None
    full = int(width * _FULL_SHARE)
    count = len(lengths) - bisect_left(lengths, full)
    return full if count >= _COLUMN_LINES and count >= _COLUMN_SHARE * len(lengths) else None


#: nouns named by a letter ("vitamin D", "protein C", "hepatitis B"): their letter and full stop end
#: a sentence, where a lone capital and a full stop are otherwise an initial ("John D. Smith")
_LETTER_NAMES = frozenset(["vitamin", "protein", "hepatitis", "factor", "type", "class", "group", "phase"])


def _letter_name_end(before: str) -> bool:
    """Whether ``before`` ends in a letter-named noun ("... levels of vitamin D") rather than an initial."""
    words = before.rsplit(None, 2)
    return len(words) >= 2 and words[-2].lower().strip("(,") in _LETTER_NAMES


def _split_sentences(text: str, start: int, end: int, no_case: bool = False) -> list[tuple[int, int]]:
    pieces: list[tuple[int, int]] = []
    segment = text[start:end]
    cursor = 0
    for match in (_SENT_BREAK_CASELESS if no_case else _SENT_BREAK).finditer(segment):
        cut = match.end(2)
        before = segment[cursor : match.start(1)]
        word = before.rsplit(None, 1)[-1].lower() if before.strip() else ""
        word = word.lstrip("([")
        if (word in _ABBREVIATIONS and not (word == "al" and _OPENS_AFTER_ET_AL.match(segment, match.end(3)))) or (
            len(word) == 1 and word.isalpha() and match.group(1) == "." and not _letter_name_end(before)
        ):
            continue
        following = segment[match.end(3) : match.end(3) + 1]
        if (
            match.group(1) == "."
            and following.isdigit()
            and (re.search(r"\d$", before) or word in _NUMBER_ABBREVIATIONS)
        ):
            continue
        pieces.append((start + cursor, start + cut))
        cursor = match.end(3)
    if cursor < len(segment):
        pieces.append((start + cursor, end))
    return [(s, e) for s, e in _at_case_labels(text, _after_run_on_title(text, pieces)) if text[s:e].strip()]


#: a run-in heading right after a title that lost its line break ("Calciphylaxis in a patient with
#: primary hyperparathyroidism Abstract A woman in her fifties ..."): the title ends before it
_TITLE_RUN_ON = re.compile(r"(?<=[\w)])\s+(?=(?:Abstract|ABSTRACT|SUMMARY|BACKGROUND)\s+[A-Z])")


#: any character that is not white space
_NON_SPACE = re.compile(r"\S")


def _after_run_on_title(text: str, pieces: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """``pieces`` with the document's first piece cut before a run-in heading (``_TITLE_RUN_ON``)."""
    if not pieces or _NON_SPACE.search(text, 0, pieces[0][0]):
        return pieces  # only the text's first sentence can hold its title (a search, not a copy per line)
    first_start, first_end = pieces[0]
    heading = _TITLE_RUN_ON.search(text, first_start, min(first_end, first_start + 400))
    if heading is None:
        return pieces
    return [(first_start, heading.start()), (heading.end(), first_end), *pieces[1:]]


#: a semicolon and the space after it, where a second patient's label may follow
_SEMICOLON = re.compile(r";\s+")


def _at_case_labels(text: str, pieces: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """``pieces`` cut again where a semicolon is followed by a case or patient label (zones.yaml
    ``case_marker``): "Twin A developed a plaque on the wrist; twin B had a lesion on the ankle" tells
    of two patients, one per clause."""
    if not pieces or text.find(";", pieces[0][0], pieces[-1][1]) < 0:
        return pieces  # (the segment only: this runs once per line, the text may be long)
    marker = load_zone_rules()["case_marker"]
    out: list[tuple[int, int]] = []
    for piece_start, piece_end in pieces:
        cursor = piece_start
        for semicolon in _SEMICOLON.finditer(text, piece_start, piece_end):
            if marker.match(text[semicolon.end() : semicolon.end() + 40]):
                out.append((cursor, semicolon.start() + 1))
                cursor = semicolon.end()
        out.append((cursor, piece_end))
    return out


def header_regex(headers: dict[str, str]) -> re.Pattern[str]:
    """One regex for every known section header, longest first (compile once per pipeline)."""
    body = "|".join(re.escape(h) for h in sorted(headers, key=len, reverse=True))
    return re.compile(rf"(?:{body})", re.IGNORECASE)


def _inline_header(
    text: str, start: int, end: int, headers: dict[str, str], pattern: re.Pattern[str]
) -> tuple[str, int] | None:
    """A known header at the start of a line followed by content: (category, content start)."""
    segment = text[start:end]
    numbering = _NUMBERING.match(segment)
    offset = numbering.end() if numbering else 0
    head = segment[offset : offset + 60]
    match = pattern.match(head)
    if match is None:
        return None
    phrase = match.group().lower()
    after = head[len(phrase) : len(phrase) + 4]
    sep = re.match(r"\s*(?::-|:|\s-\s|\s—\s|\s–\s|\.(?=\s))\s*", after)
    tag = re.match(r"\s*<", after)
    if phrase in ("references", "bibliography") and re.match(r" (?=\[?1\b)", after):
        return headers[phrase], start + offset + len(phrase) + 1  # "References 1. Smith AB, ..."
    jats = (
        bool(re.match(r" (?=[A-Z][a-z]|A\s)", after))
        and head[0].isupper()
        and (" " in phrase or phrase in _RUN_IN)
        and offset == 0
    )
    # older printed journals: a heading in capitals set off by two spaces ("REPORT OF A CASE  A 57-year-old")
    spaced = re.match(r"\s{2,}(?=[A-Z0-9])", after) if head[: len(phrase)].isupper() else None
    if not (sep or tag or jats or spaced):
        return None
    cut = offset + len(phrase) + (sep.end() if sep else spaced.end() if spaced else 1 if jats else 0)
    return headers[phrase], start + cut


def _running_prose(text: str, start: int, end: int, rules: Rules, no_case: bool) -> bool:
    """Whether the line ``text[start:end]`` is running prose (``sections.yaml`` ``figure_label_caption``):
    enough sentences and words that it is no caption of the bare figure label above it."""
    verb = rules.caption_prose_verb
    if rules.caption_prose_sentences <= 0 or verb is None:
        return False
    if len(text[start:end].split()) < rules.caption_prose_words:
        return False
    telling = [s for s, e in _split_sentences(text, start, end, no_case) if verb.search(text, s, e)]
    return len(telling) >= rules.caption_prose_sentences


def analyse_layout(text: str, rules: Rules, headers_re: re.Pattern[str] | None = None) -> Layout:
    """Find sections and sentences of ``text``.

    Args:
        text: the original document text (offsets refer to it).
        rules: the extractor's rule data (section headers).
        headers_re: ``header_regex(rules.section_headers)``, compiled once by the caller.

    Returns:
        The layout: sentences with their section category, and the sections.
    """
    headers = rules.section_headers
    pattern = headers_re if headers_re is not None else header_regex(headers)
    no_case = caseless(text)
    layout = Layout()
    category = "front"
    section_start = 0
    title: str | None = None
    caption_next = False

    seen_prose = False

    def open_section(new_category: str, at: int, new_title: str, *, run_in: bool = False) -> None:
        nonlocal category, section_start, title
        if (
            new_category == "case"
            and category == "front"
            and not run_in
            and not seen_prose
            and not layout.sections
            and not re.search(r"\d", new_title)
        ):
            # an article-type banner ("CASE REPORT") above the title; "Case 1" is not, nor a case heading
            # once a case section is open ("Case report. A 60-year-old ... Investigations: calcium ...")
            new_category = "front"
        if new_title.rstrip().endswith("?") and not seen_prose:
            # a quiz's question ends the case only after the case: above it ("What is your diagnosis? A
            # 7-month-old boy ..."), it is the quiz's title and the case follows
            new_category = category
        if layout.sections or at > 0:
            layout.sections.append(Section(section_start, at, category, title))
        category, section_start, title = new_category, at, new_title

    for paragraph, (line_start, line_end) in enumerate(logical_lines(text)):
        pieces: list[tuple[int, int]] = []
        cursor = line_start
        for tag in _TAG.finditer(text, line_start, line_end):
            if tag.start() > cursor:
                pieces.append((cursor, tag.start()))
            cursor = tag.end()
        if cursor < line_end:
            pieces.append((cursor, line_end))
        line_text = text[line_start:line_end]
        is_caption = bool(_CAPTION.match(line_text)) or (
            caption_next and not _running_prose(text, line_start, line_end, rules, no_case)
        )
        caption_next = bool(_CAPTION.match(line_text)) and len(line_text.split()) <= 3
        sentence_caption = False
        for piece_start, piece_end in pieces:
            piece = text[piece_start:piece_end]
            lead = len(piece) - len(piece.lstrip())
            piece_start += lead
            piece = piece.strip()
            if not piece:
                continue
            whole = _norm_header(piece) if len(piece) < 80 else None
            if whole is not None and whole in headers:
                open_section(headers[whole], piece_start, piece)
                layout.sentences.append(
                    Sentence(piece_start, piece_start + len(piece), piece, category, paragraph, header=whole)
                )
                continue
            inline = _inline_header(text, piece_start, piece_start + len(piece), headers, pattern)
            content_start = piece_start
            if inline is not None:
                # a heading that runs into the case's prose is no banner above the title
                prose = len(text[inline[1] : piece_start + len(piece)].split()) >= 8
                open_section(inline[0], piece_start, text[piece_start : inline[1]].strip(), run_in=prose)
                layout.sentences.append(
                    Sentence(
                        piece_start,
                        inline[1],
                        text[piece_start : inline[1]],
                        category,
                        paragraph,
                        header=_norm_header(text[piece_start : inline[1]]),
                    )
                )
                content_start = inline[1]
            for s_start, s_end in _split_sentences(text, content_start, piece_start + len(piece), no_case):
                sentence_text = text[s_start:s_end]
                lead = len(sentence_text) - len(sentence_text.lstrip())
                s_start += lead
                sentence_text = sentence_text.strip()
                s_end = s_start + len(sentence_text)
                # only a short sentence can be a header: the others are not normalised; a quiz's
                # question ("What is your diagnosis?") is one only on a line of its own
                norm = _norm_header(sentence_text) if len(sentence_text) < 40 else None
                if norm is not None and norm in headers and not norm.endswith("?"):
                    open_section(headers[norm], s_start, sentence_text)
                    layout.sentences.append(Sentence(s_start, s_end, sentence_text, category, paragraph, header=norm))
                    continue
                if s_start > content_start:
                    # a header inside a line whose breaks were lost ("... improved. Discussion Calcinosis is")
                    run_in = _inline_header(text, s_start, s_end, headers, pattern)
                    if run_in is not None:
                        head = text[s_start : run_in[1]]
                        open_section(run_in[0], s_start, head.strip())
                        layout.sentences.append(
                            Sentence(s_start, run_in[1], head, category, paragraph, header=_norm_header(head))
                        )
                        s_start = run_in[1]
                        sentence_text = text[s_start:s_end]
                        if not sentence_text.strip():
                            continue
                    label = _CAPTION.match(sentence_text)
                    if label is not None or (sentence_caption and len(layout.sentences[-1].text.split()) <= 3):
                        sentence_caption = True
                    else:
                        sentence_caption = False
                else:
                    sentence_caption = bool(_CAPTION.match(sentence_text))
                layout.sentences.append(
                    Sentence(s_start, s_end, sentence_text, category, paragraph, caption=is_caption or sentence_caption)
                )
                if not seen_prose and len(sentence_text.split()) >= 12 and sentence_text.endswith("."):
                    seen_prose = True
    layout.sections.append(Section(section_start, len(text), category, title))
    _end_meta_at_prose(layout)
    return layout


def _is_prose(sentence: Sentence) -> bool:
    text = sentence.text
    return (
        len(text.split()) >= 8
        and text.rstrip()[-1:] in ".?!"
        and not _BOILERPLATE.search(text)
        and not _REFERENCE_LIKE.search(text)
    )


def _end_meta_at_prose(layout: Layout) -> None:
    """A meta block or reference list that runs into the body ends at the first prose paragraph.

    Web copies put "How to cite this article:", "Correspondence:" or a reference list right above
    the letter or case text without a header between; without this rule the whole body would be
    read as page furniture. A paragraph is prose when it has two sentences of eight or more words
    (or, in a meta block, one of 12 or more) that read as neither a citation nor licence
    boilerplate; in a reference list, no sentence of the paragraph may look like an entry.
    """
    sentences = layout.sentences
    resume = "front"
    index = 0
    changed = False
    while index < len(sentences):
        sentence = sentences[index]
        if sentence.category not in ("meta", "references"):
            resume = sentence.category
            index += 1
            continue
        if sentence.header:
            index += 1
            continue
        paragraph = [s for s in sentences[index : index + 40] if s.paragraph == sentence.paragraph]
        prose = [s for s in paragraph if _is_prose(s)]
        if sentence.category == "references":
            # a reference list holds long titles: only a paragraph of prose with no entry in it ends it
            entry = bool(_ENTRY_START.match(paragraph[0].text)) or any(
                _REFERENCE_LIKE.search(s.text) for s in paragraph
            )
            ends = not entry and len(prose) >= 2
        else:
            ends = len(prose) >= 2 or any(len(s.text.split()) >= 12 for s in prose)
        if ends:
            cursor = index
            while cursor < len(sentences) and not sentences[cursor].header:
                if sentences[cursor].category in ("meta", "references"):
                    sentences[cursor].category = resume
                cursor += 1
            changed = True
            index = cursor
            continue
        index += len(paragraph) or 1
    if changed:
        layout.sections = _sections_from(sentences, layout.sections[-1].end if layout.sections else 0)


def _sections_from(sentences: list[Sentence], end: int) -> list[Section]:
    sections: list[Section] = []
    for sentence in sentences:
        if sections and sections[-1].category == sentence.category and not sentence.header:
            continue
        if sections:
            sections[-1].end = sentence.start
        sections.append(Section(sentence.start, end, sentence.category, sentence.text if sentence.header else None))
    return sections


@functools.cache
def _collapsed_patterns(rules: CollapsedTextRules) -> tuple[re.Pattern[str], re.Pattern[str]]:
    headers = "|".join(re.escape(h) for h in sorted(rules.headers, key=len, reverse=True)) or "(?!)"
    starts = "|".join(f"(?:{p})" for p in rules.line_starts) or "(?!)"
    return (
        re.compile(rf"(?<= )(?i:{headers})(?::? (?=[A-Z0-9])|: )"),
        re.compile(rf"(?<= )(?:{starts})"),
    )


def restore_lines(text: str, rules: CollapsedTextRules) -> str:
    """``text`` with its lines back where it lost every line break (a web page copied as one line).

    A text of at least ``rules.min_chars`` characters without a line break gets a new line before
    and after each capitalised header of ``rules.headers`` and before each of ``rules.line_starts``
    that does not follow a lower-case word. A space becomes the line break: offsets do not change.
    Any other text, and a text in one letter case (whose capitals mark nothing), is returned as it is.
    """
    if len(text) < rules.min_chars or "\n" in text or not rules.min_chars or one_case(text):
        return text
    header_re, start_re = _collapsed_patterns(rules)
    breaks: list[int] = []
    for match in header_re.finditer(text):
        header = match.group().rstrip(": ")
        if header[0].isupper() and (header.istitle() or header[1:].islower() or header.isupper()):
            breaks += [match.start() - 1, match.end() - 1]
    for match in start_re.finditer(text):
        before = text[max(0, match.start() - 30) : match.start()].split()
        if before and before[-1].isalpha() and before[-1].islower():
            continue  # "referred to the Department of ..." is prose
        breaks.append(match.start() - 1)
    if not breaks:
        return text
    chars = list(text)
    for at in breaks:
        if 0 < at < len(chars) and chars[at] == " ":
            chars[at] = "\n"
    return "".join(chars)
