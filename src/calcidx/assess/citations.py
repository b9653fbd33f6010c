"""Which references an output cites: ``refs`` fields and ``[KEY]`` tokens in its text.

Every printed report ends with the references it cites and only those (issue 7): the renderers
collect the keys from what they print, the JSON report from the whole assessment.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Collection, Iterable, Iterator
from typing import Any

from pydantic import BaseModel
from pydantic_core import to_jsonable_python

from calcidx.assess.model import ReferenceEntry
from calcidx.knowledge.schema import KnowledgeBundle, Reference

__all__ = ["cited_keys", "evidence_refs", "keys_in_text", "reference_entries"]

_TOKEN = re.compile(r"\[([^\[\]]+)\]")


def keys_in_text(text: str, known: Collection[str]) -> Iterator[str]:
    """Reference keys cited in ``text`` as ``[KEY]`` or ``[KEY, KEY]`` (only keys in ``known``)."""
    for match in _TOKEN.finditer(text):
        for part in match.group(1).split(","):
            key = part.strip()
            if key in known:
                yield key


def _collect(value: Any, known: Collection[str], out: list[str]) -> None:
    # Appends rather than yields (a generator chain passes every key up through each level of
    # nesting), and handles leaves in the loop rather than in a call each: most nodes are leaves.
    if isinstance(value, BaseModel):
        fields = value.__dict__
        names = _field_names(type(value))
        if len(fields) == len(names):
            # a model's values are kept in field order (validation, construction and copies with
            # updates all keep it): the order of its JSON
            _collect_pairs(fields.items(), known, out)
        else:
            _collect_pairs(((name, fields[name]) for name in names), known, out)
    elif isinstance(value, dict):
        _collect_pairs(value.items(), known, out)
    elif isinstance(value, list | tuple):
        _collect_items(value, known, out)
    elif isinstance(value, str):
        if "[" in value:
            out.extend(keys_in_text(value, known))
    elif value is not None and not isinstance(value, bool | int | float):
        _collect(to_jsonable_python(value), known, out)


def _collect_pairs(pairs: Iterable[tuple[Any, Any]], known: Collection[str], out: list[str]) -> None:
    for key, item in pairs:
        kind = type(item)
        if kind is str:
            if "[" in item:
                out.extend(keys_in_text(item, known))
        elif item is None or kind is float or kind is int or kind is bool:
            continue
        elif key == "refs" and isinstance(item, list | tuple):
            out.extend(str(ref) for ref in item)
        else:
            _collect(item, known, out)


def _collect_items(items: Iterable[Any], known: Collection[str], out: list[str]) -> None:
    for item in items:
        kind = type(item)
        if kind is str:
            if "[" in item:
                out.extend(keys_in_text(item, known))
        elif item is None or kind is float or kind is int or kind is bool:
            continue
        else:
            _collect(item, known, out)


@functools.cache
def _field_names(model: type[BaseModel]) -> tuple[str, ...]:
    """A model's fields in the order ``model_dump`` gives them."""
    return tuple(model.model_fields)


def cited_keys(value: Any, known: Collection[str]) -> list[str]:
    """Every reference key ``value`` cites, in order of first use.

    ``value`` is a model (read field by field, in the order of its JSON), a model dump, a list of
    either or a text: the keys are the same for a model and its ``model_dump(mode="json")``.
    Keys come from every ``refs`` list and from ``[KEY]`` tokens inside strings.
    """
    out: list[str] = []
    _collect(value, known, out)
    return list(dict.fromkeys(out))


#: The ReferenceEntry of each knowledge ``Reference`` already listed once, by reference key, with
#: the reference it was built from: an entry is used only for that very (frozen) reference, so a
#: reloaded or custom bundle never gets another bundle's entry. Entries are frozen and shared.
_ENTRIES: dict[str, tuple[Reference, ReferenceEntry]] = {}


def _entry(ref: Reference) -> ReferenceEntry:
    cached = _ENTRIES.get(ref.id)
    if cached is not None and cached[0] is ref:
        return cached[1]
    entry = ReferenceEntry(
        id=ref.id,
        citation=ref.citation,
        kind=ref.kind,
        url=ref.url,
        doi=ref.doi,
        pmid=ref.pmid,
        supports=ref.supports,
    )
    _ENTRIES[ref.id] = (ref, entry)
    return entry


def reference_entries(keys: Iterable[str], bundle: KnowledgeBundle) -> list[ReferenceEntry]:
    """The reference list for these keys (unknown keys are skipped: validate forbids them)."""
    references = bundle.references
    return [_entry(ref) for key in keys if (ref := references.get(key)) is not None]


def evidence_refs(refs: Iterable[str], bundle: KnowledgeBundle) -> list[str]:
    """The refs that are evidence: code sources (ontology files, code lists) are left out."""
    references = bundle.references
    return [ref for ref in refs if ref not in references or not references[ref].is_code_source]
