"""What the commands read: PATH arguments (files, folders, '-') expanded into one list of inputs."""

from __future__ import annotations

from pathlib import Path

from calcidx.errors import InputError

__all__ = ["READABLE_SUFFIXES", "expand_paths"]

#: Files picked up from a folder (a file named explicitly is read whatever its suffix).
READABLE_SUFFIXES = (".json", ".txt", ".md", ".pdf", ".html", ".htm", ".xhtml", ".xml", ".nxml")


def expand_paths(paths: list[str]) -> list[str]:
    """Every input named: files as given, '-' for stdin, and the readable files of each folder
    (sorted, not recursive; ``NAME.gold.json`` files are skipped).

    Raises:
        InputError: no input given, '-' given twice, or a folder without readable files.
    """
    if not paths:
        raise InputError("give at least one PATH (a file, a folder, or '-' for stdin)")
    out: list[str] = []
    for path in paths:
        if path != "-" and Path(path).is_dir():
            found = sorted(
                str(p)
                for p in Path(path).iterdir()
                if p.is_file() and p.suffix.lower() in READABLE_SUFFIXES and not p.name.endswith(".gold.json")
            )
            if not found:
                raise InputError(f"{path}: the folder holds no readable file ({', '.join(READABLE_SUFFIXES)})")
            out.extend(found)
        else:
            out.append(path)
    if out.count("-") > 1:
        raise InputError("'-' (stdin) can be given only once")
    return out
