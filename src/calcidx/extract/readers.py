"""Readers: a file (text, Markdown, PDF, HTML, PubMed or PMC XML) or stdin -> plain text.

The text a reader returns is the "original" text that evidence offsets refer to. Bad input raises
``InputError`` with one line saying what was wrong and what is allowed.
"""

from __future__ import annotations

import io
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from calcidx.errors import InputError

__all__ = ["MAX_BYTES", "ReadResult", "read_bytes", "read_path", "read_stdin"]

#: Largest input file accepted (PDFs carry images, so this is larger than the text limit).
MAX_BYTES = 50_000_000
#: Largest text accepted after reading (same limit as ``calcidx.extract.pipeline.MAX_CHARACTERS``).
MAX_TEXT = 5_000_000

ALLOWED = "allowed: .txt, .md, .pdf (with a text layer), .html, PubMed/PMC .xml"

_BLOCK_TAGS = re.compile(
    r"<(?=/?(?:p|div|h[1-6]|li|ul|ol|tr|table|section|article|header|footer|blockquote|dd|dt|dl|title|"
    r"br|hr|caption|figcaption|main|aside|nav|pre|td|th)\b)",
    re.IGNORECASE,
)
_PARA = "\ue000"
_HYPHEN_BREAK = re.compile(r"(?<=[a-z])-\n(?=[a-z])")


@dataclass
class ReadResult:
    """Text read from a file, the format it was read as, and any warnings."""

    text: str
    format: str
    warnings: list[str] = field(default_factory=list)
    title: str | None = None
    doi: str | None = None
    pmid: str | None = None
    source: str | None = None


def _decode(data: bytes, where: str) -> tuple[str, list[str]]:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        try:
            return data.decode("utf-16"), []
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        text = data.decode("utf-8", errors="replace")
        return text, [
            f"{where}: not valid UTF-8 (first bad byte at offset {exc.start}); bad bytes replaced with U+FFFD"
        ]


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    control = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return control > max(8, len(sample) // 20)


#: The opening tag of a web page's fragment ("<div class=...>", "<p>", "<h1>"), without <html>.
_HTML_FRAGMENT = re.compile(rb"<(?:body|head|meta|div|p|section|main|header|h[1-6]|table|ul|ol|span|title|!--)[\s>/]")


def html_fragment(head: bytes) -> bool:
    """Whether ``head`` (the lower-cased start of a file, blanks stripped) opens a web page's fragment
    with no ``<html>`` tag: a known block tag first and a closing tag after it."""
    return _HTML_FRAGMENT.match(head) is not None and b"</" in head


def _sniff(data: bytes, suffix: str) -> str:
    head = data[:2048].lstrip().lower()
    if data.startswith(b"%PDF-"):
        return "pdf"
    if suffix == ".pdf":
        return "pdf"
    if head.startswith(b"<?xml") or head.startswith(b"<pubmedarticle") or head.startswith(b"<!doctype article"):
        if b"<html" in head:
            return "html"
        return "xml"
    if head.startswith(b"<article") or head.startswith(b"<pmc-articleset"):
        return "xml"
    if suffix in (".html", ".htm", ".xhtml") or head.startswith(b"<!doctype html") or head.startswith(b"<html"):
        return "html"
    if suffix in (".xml", ".nxml"):
        return "xml"
    if html_fragment(head):  # a page's fragment pasted or saved as text
        return "html"
    if suffix in (".json",):
        return "json"
    return "text"


def _check_text(text: str, where: str, fmt: str) -> str:
    if not text.strip():
        if fmt == "pdf":
            raise InputError(f"{where}: the PDF has no text layer: run OCR first (e.g. ocrmypdf), then try again")
        raise InputError(f"{where}: no text found ({fmt}); give a case report as text, PDF, HTML or XML")
    if len(text) > MAX_TEXT:
        raise InputError(
            f"{where}: {len(text):,} characters of text is above the limit of {MAX_TEXT:,}; "
            "split it into one file per report"
        )
    return text


def read_bytes(data: bytes, *, name: str = "<input>", suffix: str = "", format: str | None = None) -> ReadResult:
    """Read raw bytes whose ``format`` (pdf, html, xml, text) the caller decided (``calcidx.service``
    does), or else given by ``suffix`` or sniffed from the content.

    Raises:
        InputError: empty, binary, too large, a PDF without text layer, or unreadable markup.
    """
    if not data.strip():
        raise InputError(f"{name}: the file is empty; {ALLOWED}")
    if len(data) > MAX_BYTES:
        raise InputError(f"{name}: {len(data) / 1e6:.1f} MB is above the {MAX_BYTES // 1_000_000} MB limit; {ALLOWED}")
    fmt = format or _sniff(data, suffix.lower())
    if fmt == "pdf":
        result = _read_pdf(data, name)
    elif fmt == "json":
        raise InputError(f"{name}: JSON is a Case or FHIR Bundle, not a report to extract; {ALLOWED}")
    else:
        if _looks_binary(data):
            raise InputError(f"{name}: looks like a binary file, not text; {ALLOWED}")
        text, warnings = _decode(data, name)
        if fmt == "html":
            result = _read_html(text, name)
        elif fmt == "xml":
            result = _read_xml(data, name)
        else:
            result = ReadResult(text=text.replace("\r\n", "\n").replace("\r", "\n"), format="text")
        result.warnings[:0] = warnings
    result.text = _check_text(result.text, name, result.format)
    result.source = name
    return result


def read_path(path: Path) -> ReadResult:
    """Read a report file (.txt/.md, .pdf, .html, PubMed/PMC .xml) into text.

    Raises:
        InputError: the file is missing, a folder, empty, binary, too large or unreadable.
    """
    if not path.exists():
        raise InputError(f"{path}: no such file; {ALLOWED}")
    if path.is_dir():
        raise InputError(f"{path}: is a folder, not a file; {ALLOWED}")
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise InputError(f"{path}: {size / 1e6:.1f} MB is above the {MAX_BYTES // 1_000_000} MB limit; {ALLOWED}")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror}); {ALLOWED}") from exc
    return read_bytes(data, name=str(path), suffix=path.suffix)


def read_stdin() -> ReadResult:
    """Read a report from standard input (format sniffed from the content)."""
    data = sys.stdin.buffer.read(MAX_BYTES + 1)
    return read_bytes(data, name="<stdin>")


# ---------------------------------------------------------------------------------------- PDF
def _read_pdf(data: bytes, name: str) -> ReadResult:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            # An empty user password opens most "protected" PDFs (AES through `cryptography`).
            try:
                opened = reader.decrypt("")
            except Exception as exc:
                raise InputError(
                    f"{name}: the PDF is encrypted and cannot be opened; give an unencrypted copy"
                ) from exc
            if not opened:
                raise InputError(f"{name}: the PDF is encrypted with a password; give an unencrypted copy")
        pages = [page.extract_text() or "" for page in reader.pages]
    except InputError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise InputError(f"{name}: not a readable PDF ({type(exc).__name__}); {ALLOWED}") from exc
    warnings: list[str] = []
    empty = [i + 1 for i, page in enumerate(pages) if len(page.strip()) < 20]
    if pages and len(empty) == len(pages):
        raise InputError(f"{name}: the PDF has no text layer: run OCR first (e.g. ocrmypdf), then try again")
    if empty:
        warnings.append(f"{name}: pages {empty} have no text layer (scanned?); they were skipped")
    text = "\n\n".join(page for page in pages if page.strip())
    text = _HYPHEN_BREAK.sub("", text)
    return ReadResult(text=text, format="pdf", warnings=warnings)


# ---------------------------------------------------------------------------------------- HTML
_CHROME = (
    "script",
    "style",
    "noscript",
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "iframe",
    "svg",
    "button",
    "figure",
    "figcaption",
    "select",
    "template",
    "menu",
)
_CHROME_CLASS = re.compile(
    r"(?:^|[\s_-])(?:nav|navbar|menu|breadcrumb|sidebar|footer|header|banner|cookie|share|social|advert|ads?|"
    r"related|recommend|comments?|subscribe|toolbar|skip|modal|popup|ref-list|references?|citation-list)(?:$|[\s_-])",
    re.IGNORECASE,
)


#: deepest run of directly nested tags kept: an HTML parser checks the open-element stack on
#: each tag, so 200,000 nested <div>s would take minutes; no real page nests this deep
MAX_NESTING = 256
_OPEN_RUN = re.compile(rf"(?:<[a-zA-Z][^<>]*>\s*){{{MAX_NESTING + 1},}}")
_CLOSE_RUN = re.compile(rf"(?:</[a-zA-Z][^<>]*>\s*){{{MAX_NESTING + 1},}}")
_ANY_TAG = re.compile(r"<[^<>]*>")


def _cap_nesting(html: str) -> str:
    """Runs of more than ``MAX_NESTING`` tags in a row (opening or closing) cut to that many."""

    def cut(match: re.Match[str]) -> str:
        return "".join(_ANY_TAG.findall(match.group())[:MAX_NESTING])

    if html.count("<") < MAX_NESTING:
        return html
    return _CLOSE_RUN.sub(cut, _OPEN_RUN.sub(cut, html))


def _read_html(html: str, name: str) -> ReadResult:
    from selectolax.lexbor import LexborHTMLParser as HTMLParser

    marked = _BLOCK_TAGS.sub(_PARA + "<", _cap_nesting(html))
    tree = HTMLParser(marked)
    title_node = tree.css_first("title")
    h1 = tree.css_first("h1")
    title = (h1.text(strip=True) if h1 else None) or (title_node.text(strip=True) if title_node else None)
    for tag in _CHROME:
        for node in tree.css(tag):
            node.decompose()
    for node in tree.css("[class], [id], [role]"):
        attrs: dict[str, Any] = dict(node.attributes)
        marker = " ".join(str(attrs.get(k) or "") for k in ("class", "id", "role"))
        if _CHROME_CLASS.search(marker) and node.tag not in ("body", "html", "main", "article"):
            node.decompose()
    _join_value_rows(tree, _join_patient_rows(tree))
    root = tree.css_first("article") or tree.css_first("main") or tree.css_first("[role=main]") or tree.body
    if root is None:
        raise InputError(f"{name}: the HTML has no body; {ALLOWED}")
    raw = root.text(deep=True, separator="", strip=False)
    text = _flatten(raw)
    if title and title.split() and title.split()[0] not in text[:500]:
        text = _flatten(title) + "\n\n" + text
    return ReadResult(text=text, format="html", title=_flatten(title) if title else None)


#: a table row that names a test and gives its values: a first cell that opens with a letter
#: ("Calcium (mg/dL)") and another that opens with a number or a comparator ("9.9", "< 0.5")
_NAME_CELL = re.compile(r"^\s*[^\W\d_]")
_VALUE_CELL = re.compile(r"^\s*[<>≤≥]?\s*\d")


def _join_patient_rows(tree: Any) -> set[int]:
    """Print each row of a table of patients (its first row names age and sex: the zone rule
    ``patient_table_header``) as one line with its cells between pipes ("1 | 62/F | PD 4 y | Yes |"),
    as a Markdown table prints it, so that the reader reads each row as one patient
    (``extract/table_rows.py``). Returns the parsed-tree ids of those tables."""
    joined: set[int] = set()
    for table in tree.css("table"):
        rows = [row for row in table.css("tr") if _table_of(row) == int(table.mem_id)]
        if len(rows) < 2:
            continue
        heads = rows[0].css("th") or rows[0].css("td")
        if not _heads_patient_table([cell.text(deep=True).replace(_PARA, " ") for cell in heads]):
            continue
        for row in rows:
            _join_cells(row, row.css("th") or row.css("td"), between=" | ")
        joined.add(int(table.mem_id))
    return joined


def _heads_patient_table(cells: list[str]) -> bool:
    """Whether a first row's cells head a table of patients (the zone rule ``patient_table_header``,
    which ``extract/table_rows.py`` reads the rows by)."""
    from calcidx.extract.rules import load_zone_rules

    names = " ".join(" ".join(cell.split()) for cell in cells)
    return load_zone_rules()["patient_table_header"].search(names) is not None


def _join_value_rows(tree: Any, skipped: set[int] | frozenset[int] = frozenset()) -> None:
    """Print each row of a table of values as one line, its cells side by side ("Calcium (mg/dL)
    9.9 8.5-10.2"), as a PDF's text prints it, and the header row of such a table ("Test Result Unit
    Reference"); every other cell stays a block of its own. The cells' block marks are replaced in the
    parsed tree, and the row's mark is put there: put into the source, the parser would move it out of
    the table. The tables ``skipped`` (tables of patients, already joined) are left as they are."""
    rows = [row for row in tree.css("tr") if _table_of(row) not in skipped]  # each row once
    tables_of_values: set[int] = set()
    for row in rows:
        cells = row.css("td")
        texts = [cell.text(deep=True).replace(_PARA, " ") for cell in cells]
        if len(cells) < 2 or not _NAME_CELL.match(texts[0]) or not any(_VALUE_CELL.match(t) for t in texts[1:]):
            continue
        _join_cells(row, cells)
        tables_of_values.add(_table_of(row))
    # the header row of a table of values is one line too: its cells alone on lines of their own read
    # as headers ("Reference" as the reference list)
    for row in rows:
        heads = row.css("th")
        if len(heads) > 1 and not row.css("td") and _table_of(row) in tables_of_values:
            _join_cells(row, heads)


def _table_of(row: Any) -> int:
    """The parsed-tree id of the table a row belongs to (its nearest table ancestor; 0 for none)."""
    node = row.parent
    while node is not None and node.tag != "table":
        node = node.parent
    return int(node.mem_id) if node is not None else 0


def _join_cells(row: Any, cells: list[Any], *, between: str = " ") -> None:
    """The row's cells side by side on one line (their block marks replaced in the parsed tree), each
    followed by ``between``."""
    for cell in cells:
        for node in list(cell.traverse(include_text=True)):
            if node.tag == "-text" and _PARA in (node.text_content or ""):
                node.replace_with(node.text_content.replace(_PARA, " "))
        cell.insert_child(between)
    row.insert_child(_PARA)


def _flatten(raw: str) -> str:
    raw = re.sub(r"[ \t\r\n\f\v\u00a0]+", " ", raw)
    blocks = [b.strip() for b in raw.split(_PARA)]
    return "\n\n".join(b for b in blocks if b)


# ---------------------------------------------------------------------------------------- XML
def _read_xml(data: bytes, name: str) -> ReadResult:
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, recover=True, huge_tree=False)
    try:
        root = etree.fromstring(data, parser=parser)
    except etree.XMLSyntaxError as exc:
        raise InputError(f"{name}: not well-formed XML ({exc}); {ALLOWED}") from exc
    if root is None:
        raise InputError(f"{name}: not well-formed XML; {ALLOWED}")
    for element in root.iter():
        if isinstance(element.tag, str) and "}" in element.tag:
            element.tag = element.tag.split("}", 1)[1]
    tag = root.tag if isinstance(root.tag, str) else ""
    if tag in ("PubmedArticleSet", "PubmedArticle", "MedlineCitation"):
        return _pubmed(root, name)
    article = root if tag == "article" else root.find(".//article")
    if article is not None:
        return _jats(article, name)
    raise InputError(f"{name}: XML root <{tag}> is neither PubMed (PubmedArticle) nor PMC/JATS (<article>); {ALLOWED}")


def _text_of(element: Any) -> str:
    return " ".join("".join(element.itertext()).split()) if element is not None else ""


def _pubmed(root: Any, name: str) -> ReadResult:
    article = root.find(".//PubmedArticle") if root.tag == "PubmedArticleSet" else root
    if article is None:
        raise InputError(f"{name}: PubmedArticleSet holds no PubmedArticle")
    parts: list[str] = []
    title = _text_of(article.find(".//ArticleTitle"))
    if title:
        parts.append(title)
    abstract = article.find(".//Abstract")
    if abstract is not None:
        parts.append("Abstract")
        for block in abstract.findall("AbstractText"):
            label = block.get("Label")
            body = _text_of(block)
            parts.append(f"{label.capitalize()}: {body}" if label else body)
    pmid = _text_of(article.find(".//PMID")) or None
    doi_node = article.find(".//ArticleId[@IdType='doi']")
    if doi_node is None:
        doi_node = article.find(".//ELocationID[@EIdType='doi']")
    return ReadResult(
        text="\n\n".join(parts), format="xml", title=title or None, pmid=pmid, doi=_text_of(doi_node) or None
    )


def _jats(article: Any, name: str) -> ReadResult:
    parts: list[str] = []
    meta = article.find(".//article-meta")
    title = _text_of(meta.find(".//article-title")) if meta is not None else ""
    if title:
        parts.append(title)
    doi = pmid = None
    if meta is not None:
        for node in meta.findall("article-id"):
            if node.get("pub-id-type") == "doi":
                doi = _text_of(node)
            elif node.get("pub-id-type") == "pmid":
                pmid = _text_of(node)
        for abstract in meta.findall("abstract"):
            if abstract.get("abstract-type") in ("graphical", "teaser"):
                continue
            parts.append("Abstract")
            _jats_block(abstract, parts)
    body = article.find("body")
    if body is not None:
        _jats_block(body, parts)
    return ReadResult(text="\n\n".join(p for p in parts if p), format="xml", title=title or None, doi=doi, pmid=pmid)


def _jats_block(node: Any, parts: list[str]) -> None:
    for child in node:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag == "sec":
            heading = child.find("title")
            if heading is not None:
                parts.append(_text_of(heading))
            _jats_block(child, parts)
        elif tag == "p":
            tables = child.findall(".//table-wrap")
            for drop in child.findall(".//fig") + tables:
                drop.getparent().remove(drop)
            parts.append(_text_of(child))
            for table in tables:
                _jats_patient_table(table, parts)
        elif tag in ("list",):
            parts.extend(_text_of(item) for item in child.findall(".//list-item"))
        elif tag == "table-wrap":
            _jats_patient_table(child, parts)
        elif tag in ("fig", "ref-list", "title", "label", "fn-group", "ack", "app-group"):
            continue
        else:
            _jats_block(child, parts)


def _jats_patient_table(wrap: Any, parts: list[str]) -> None:
    """A table of patients (its first row names age and sex: the zone rule ``patient_table_header``)
    as its caption and one line per row, the cells between pipes, so that the reader reads each row as
    one patient (``extract/table_rows.py``); any other table is left out, as before."""
    rows = [[" ".join(_text_of(cell).split()) for cell in row if cell.tag in ("th", "td")] for row in wrap.iter("tr")]
    rows = [row for row in rows if row]
    if len(rows) < 2 or not _heads_patient_table(rows[0]):
        return
    caption = wrap.find("caption")
    lines = [_text_of(caption)] if caption is not None and _text_of(caption) else []
    lines.extend(" | ".join(row) + " |" for row in rows)
    parts.append("\n".join(lines))
