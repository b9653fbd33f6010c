"""Inputs of ``calcidx ingest``: paths, folders and globs -> a stream of documents to process.

One file of text, PDF, HTML or PMC/JATS XML is one document. A PubMed/MEDLINE XML file (a baseline
or update file: thousands of ``PubmedArticle`` elements, plain or gzip) and a PMC article set are
streamed with ``lxml.etree.iterparse``, one document per article, in constant memory. A JSONL file
holds one document per line: an object with ``text`` and optionally ``id``, ``title``, ``pmid``,
``doi``, ``year``.

A document's id is the sha256 of its original bytes: the file, the article element as serialised
by lxml, or the JSONL line.
"""

from __future__ import annotations

import functools
import glob
import gzip
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, cast

from calcidx.errors import InputError
from calcidx.registry.pipeline import document_id

__all__ = ["SUFFIXES", "Broken", "Item", "Skip", "expand_paths", "iter_documents"]

#: File suffixes ingested when a folder is given (a trailing ``.gz`` is allowed on XML and JSONL).
SUFFIXES = (".txt", ".md", ".pdf", ".html", ".htm", ".xml", ".nxml", ".jsonl")
ALLOWED = "allowed: folders, globs, .txt .md .pdf .html .xml (PubMed/MEDLINE, PMC; .xml.gz too) and .jsonl files"
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")


@dataclass(frozen=True, slots=True)
class Item:
    """One document to read, extract, assess and store.

    Attributes:
        id: sha256 (hex) of ``data``.
        location: where it was found (a path, with ``#PMID:...`` or ``#line:N`` inside a container).
        data: the original bytes.
        suffix: the format of ``data`` (``.txt``, ``.pdf``, ``.html``, ``.xml``).
        checked: True when the pre-filter already passed it (container items); files are checked
            by the worker after reading.
        pmid, doi, title, year: metadata known from the container, if any.
    """

    id: str
    location: str
    data: bytes
    suffix: str
    checked: bool = False
    pmid: str | None = None
    doi: str | None = None
    title: str | None = None
    year: int | None = None


@dataclass(frozen=True, slots=True)
class Skip:
    """A document the pre-filter set aside before any reading."""

    id: str
    location: str
    pmid: str | None
    title: str | None
    reason: str


@dataclass(frozen=True, slots=True)
class Broken:
    """A container (file) that could not be read past some point: recorded as a failed document."""

    id: str
    location: str
    reason: str


Entry = Item | Skip | Broken


def _is_supported(path: Path) -> bool:
    name = path.name.lower()
    if name.endswith(".gz"):
        name = name[:-3]
    return name.endswith(SUFFIXES)


def expand_paths(paths: Iterable[str]) -> list[Path]:
    """Every file named by ``paths`` (files, folders searched recursively, glob patterns), sorted, once.

    Raises:
        InputError: a path does not exist, a glob matches nothing, or nothing ingestible is found.
    """
    found: dict[Path, None] = {}
    for raw in paths:
        path = Path(raw).expanduser()
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and _is_supported(child):
                    found[child] = None
        elif path.is_file():
            if not _is_supported(path):
                raise InputError(f"{raw}: unsupported file type; {ALLOWED}")
            found[path] = None
        elif any(c in raw for c in "*?["):
            matches = [Path(m) for m in sorted(glob.glob(str(path), recursive=True))]
            files = [m for m in matches if m.is_file() and _is_supported(m)]
            if not files:
                raise InputError(f"{raw}: the pattern matches no ingestible file; {ALLOWED}")
            for match in files:
                found[match] = None
        else:
            raise InputError(f"{raw}: no such file or folder; {ALLOWED}")
    if not found:
        raise InputError(f"no ingestible file under {', '.join(paths)}; {ALLOWED}")
    return list(found)


def _open(path: Path) -> IO[bytes]:
    if path.name.lower().endswith(".gz"):
        return cast(IO[bytes], gzip.open(path, "rb"))
    return path.open("rb")


def _inner_suffix(path: Path) -> str:
    name = path.name.lower()
    if name.endswith(".gz"):
        name = name[:-3]
    return Path(name).suffix


def _file_id(path: Path) -> str:
    try:
        return document_id(path.read_bytes())
    except OSError:
        return document_id(str(path).encode())


def iter_documents(paths: Iterable[Path], prefilter: Any) -> Iterator[Entry]:
    """The documents of ``paths`` in order: ``Item`` to process, ``Skip`` or ``Broken``.

    Args:
        paths: files from ``expand_paths``.
        prefilter: a callable ``text -> Decision`` (``Prefilter.check``) applied to container items.
    """
    for path in paths:
        suffix = _inner_suffix(path)
        try:
            if suffix == ".jsonl":
                yield from _jsonl(path, prefilter)
            elif suffix in (".xml", ".nxml"):
                yield from _xml(path, prefilter)
            else:
                data = path.read_bytes()
                yield Item(document_id(data), str(path), data, suffix)
        except (OSError, EOFError, gzip.BadGzipFile) as exc:
            yield Broken(_file_id(path), str(path), f"cannot be read: {exc}")


def _jsonl(path: Path, prefilter: Any) -> Iterator[Entry]:
    with _open(path) as handle:
        for number, raw in enumerate(handle, start=1):
            line = raw.strip()
            if not line:
                continue
            location = f"{path}#line:{number}"
            doc_id = document_id(line)
            try:
                record = json.loads(line)
            except (json.JSONDecodeError, UnicodeDecodeError) as exc:
                yield Broken(doc_id, location, f"not a JSON object ({exc.__class__.__name__}: {exc})")
                continue
            text = record.get("text") if isinstance(record, dict) else None
            if not isinstance(text, str) or not text.strip():
                yield Broken(doc_id, location, "a JSONL line must be an object with a non-empty 'text' string")
                continue
            pmid = _str_or_none(record.get("pmid"))
            title = _str_or_none(record.get("title"))
            decision = prefilter(f"{title or ''}\n{text}")
            if not decision.relevant:
                yield Skip(doc_id, location, pmid, title, "no cutaneous-calcification term")
                continue
            year = record.get("year")
            yield Item(
                doc_id,
                location,
                text.encode("utf-8"),
                ".txt",
                checked=True,
                pmid=pmid,
                doi=_str_or_none(record.get("doi")),
                title=title,
                year=year if isinstance(year, int) else None,
            )


def _str_or_none(value: Any) -> str | None:
    if value is None or value == "":
        return None
    return str(value)


def _xml(path: Path, prefilter: Any) -> Iterator[Entry]:
    with _open(path) as handle:
        head = handle.read(4096)
    lowered = head.lower()
    if b"<pubmedarticleset" in lowered or b"<pubmedarticle>" in lowered or b"<pubmedarticle " in lowered:
        yield from _stream(path, "PubmedArticle", _pubmed_meta, prefilter)
    elif b"<pmc-articleset" in lowered:
        yield from _stream(path, "{*}article", _jats_meta, prefilter)
    else:
        with _open(path) as handle:
            data = handle.read()
        yield Item(document_id(data), str(path), data, ".xml")


def _text(node: Any) -> str:
    return " ".join("".join(node.itertext()).split()) if node is not None else ""


@functools.cache
def _pubmed_paths() -> dict[str, Any]:
    """Compiled XPath string() expressions (evaluated in C: the streaming pass's hot path)."""
    from lxml import etree

    date = "MedlineCitation/Article/Journal/JournalIssue/PubDate"
    return {
        "pmid": etree.XPath("string(MedlineCitation/PMID)"),
        "doi": etree.XPath("string(PubmedData/ArticleIdList/ArticleId[@IdType='doi'])"),
        "title": etree.XPath("string(MedlineCitation/Article/ArticleTitle)"),
        "abstract": etree.XPath("string(MedlineCitation/Article/Abstract)"),
        "year": etree.XPath(f"string({date}/Year | {date}/MedlineDate)"),
    }


def _pubmed_meta(element: Any) -> tuple[str | None, str | None, str, str, int | None]:
    paths = _pubmed_paths()
    pmid = str(paths["pmid"](element)).strip() or None
    doi = str(paths["doi"](element)).strip() or None
    title = " ".join(str(paths["title"](element)).split())
    # The pre-filter reads whitespace runs as one space, so the abstract is left as it is.
    abstract = str(paths["abstract"](element))
    match = _YEAR.search(str(paths["year"](element)))
    return pmid, doi, title, abstract, int(match.group(1)) if match else None


def _jats_meta(element: Any) -> tuple[str | None, str | None, str, str, int | None]:
    pmid = doi = None
    meta = element.find(".//{*}article-meta")
    title = abstract = ""
    year = None
    if meta is not None:
        for node in meta.iterfind("{*}article-id"):
            if node.get("pub-id-type") == "pmid":
                pmid = (node.text or "").strip() or None
            elif node.get("pub-id-type") == "doi":
                doi = (node.text or "").strip() or None
        title = _text(meta.find(".//{*}article-title"))
        abstract = _text(meta.find("{*}abstract"))
        match = _YEAR.search(meta.findtext(".//{*}pub-date/{*}year") or "")
        year = int(match.group(1)) if match else None
    # PMC articles carry the full text: the pre-filter reads the body as well.
    body = element.find("{*}body")
    return pmid, doi, title, f"{abstract} {_text(body)}" if body is not None else abstract, year


def _stream(path: Path, tag: str, meta: Any, prefilter: Any) -> Iterator[Entry]:
    from lxml import etree

    with _open(path) as handle:
        parser = etree.iterparse(
            handle, events=("end",), tag=tag, resolve_entities=False, no_network=True, huge_tree=True
        )
        index = 0
        try:
            for _event, element in parser:
                index += 1
                pmid, doi, title, abstract, year = meta(element)
                data = etree.tostring(element, encoding="utf-8")
                doc_id = document_id(data)
                location = f"{path}#PMID:{pmid}" if pmid else f"{path}#article:{index}"
                decision = prefilter(f"{title}\n{abstract}")
                if decision.relevant:
                    yield Item(doc_id, location, data, ".xml", True, pmid, doi, title or None, year)
                else:
                    yield Skip(doc_id, location, pmid, title or None, "no cutaneous-calcification term")
                element.clear()
                while element.getprevious() is not None:
                    del element.getparent()[0]
        except etree.XMLSyntaxError as exc:
            yield Broken(_file_id(path), f"{path}#after-article:{index}", f"not well-formed XML: {exc}")
