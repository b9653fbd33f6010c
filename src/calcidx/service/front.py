"""The bounded front door: every input's bytes are read through one size cap, and JSON is parsed
with limits (size, nesting depth, no NaN or Infinity) before anything interprets it.
"""

from __future__ import annotations

import json
import math
import os
import stat
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from calcidx.errors import InputError

__all__ = ["DEFAULT_MAX_BYTES", "DEFAULT_MAX_JSON_DEPTH", "Source", "parse_json", "read_source"]

#: Largest input accepted by default (PDFs carry images, so this is larger than the text limit).
DEFAULT_MAX_BYTES = 50_000_000
#: Deepest JSON nesting accepted by default (a Case is about 5 levels deep).
DEFAULT_MAX_JSON_DEPTH = 64

_CHUNK = 1 << 20


@dataclass(frozen=True, slots=True)
class Source:
    """Bytes read from a file or stdin, and the name to report them under."""

    data: bytes
    name: str
    filename: str | None


def _read_capped(handle: BinaryIO, name: str, limit: int) -> bytes:
    chunks: list[bytes] = []
    size = 0
    while True:
        chunk = handle.read(min(_CHUNK, limit + 1 - size))
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
        if size > limit:
            raise InputError(f"{name}: larger than the input limit of {limit:,} bytes; give one report per file")
    return b"".join(chunks)


def read_source(source: str | Path, *, limit: int = DEFAULT_MAX_BYTES) -> Source:
    """Read a file, a character device, a FIFO or stdin (``-``) through the size cap.

    Args:
        source: a path, or ``-`` for standard input.
        limit: the most bytes accepted; one byte more is an error (nothing larger is held in memory).

    Raises:
        InputError: missing, a folder, unreadable, or larger than ``limit``.
    """
    if str(source) == "-":
        return Source(_read_capped(sys.stdin.buffer, "<stdin>", limit), "<stdin>", None)
    path = Path(source)
    name = str(path)
    try:
        info = path.stat()
    except FileNotFoundError:
        raise InputError(f"{name}: no such file") from None
    except OSError as exc:
        raise InputError(f"{name}: cannot be read ({exc.strerror})") from exc
    if stat.S_ISDIR(info.st_mode):
        raise InputError(f"{name}: is a folder; give a file (Case JSON, text, PDF, HTML or XML) or '-'")
    if stat.S_ISREG(info.st_mode) and info.st_size > limit:
        raise InputError(
            f"{name}: {info.st_size:,} bytes is above the input limit of {limit:,} bytes; give one report per file"
        )
    try:
        # O_NONBLOCK would make a FIFO without a writer return nothing; a plain open waits for one,
        # like any other reader of a pipe.
        with path.open("rb") as handle:
            data = _read_capped(handle, name, limit)
    except OSError as exc:
        raise InputError(f"{name}: cannot be read ({exc.strerror or exc})") from exc
    return Source(data, name, os.path.basename(name))


def _reject_constant(token: str) -> Any:
    raise ValueError(f"{token} is not a JSON number; write null for an unknown value")


def _finite_float(token: str) -> float:
    value = float(token)
    if not math.isfinite(value):
        raise ValueError(f"{token} is out of range for a number")
    return value


def _depth(value: Any, limit: int) -> int:
    """The nesting depth of ``value``, without recursion (stops once past ``limit``)."""
    deepest = 0
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict | list):
            deepest = max(deepest, depth)
            if deepest > limit:
                return deepest
            children = item.values() if isinstance(item, dict) else item
            stack.extend((child, depth + 1) for child in children)
    return deepest


def parse_json(data: bytes | str, where: str, *, max_depth: int = DEFAULT_MAX_JSON_DEPTH) -> Any:
    """Parse JSON with limits: no NaN/Infinity, finite numbers, at most ``max_depth`` levels.

    Raises:
        InputError: not UTF-8, not JSON, a non-finite number, or nested deeper than ``max_depth``.
    """
    if isinstance(data, bytes):
        if data.startswith(b"\xef\xbb\xbf"):
            data = data[3:]
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise InputError(f"{where}: JSON must be UTF-8 (bad byte at offset {exc.start})") from exc
    else:
        text = data
    try:
        raw = json.loads(text, parse_constant=_reject_constant, parse_float=_finite_float)
    except json.JSONDecodeError as exc:
        raise InputError(f"{where}: not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}") from exc
    except ValueError as exc:
        raise InputError(f"{where}: not valid JSON: {exc}") from exc
    except RecursionError:
        raise InputError(f"{where}: JSON nested too deeply (the limit is {max_depth} levels)") from None
    if _depth(raw, max_depth) > max_depth:
        raise InputError(f"{where}: JSON nested too deeply (the limit is {max_depth} levels)")
    return raw
