"""Which references an output cites: ``refs`` fields and ``[KEY]`` tokens in its text.

Every printed report ends with the references it cites and only those (issue 7): the renderers
collect the keys from what they print, the JSON report from the whole assessment.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Iterator
from typing import Any

from calcidx.assess.model import ReferenceEntry
from calcidx.knowledge.schema import KnowledgeBundle

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
    # Appends rather than yields: a generator chain passes every key up through each level of
    # nesting (0.6 -> 0.3 ms CPU for the walk of a typical report's assessment).
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "refs" and isinstance(item, list):
                out.extend(str(ref) for ref in item)
            else:
                _collect(item, known, out)
    elif isinstance(value, list):
        for item in value:
            _collect(item, known, out)
    elif isinstance(value, str) and "[" in value:
        out.extend(keys_in_text(value, known))


def cited_keys(value: Any, known: Collection[str]) -> list[str]:
    """Every reference key ``value`` (a model dump, list or text) cites, in order of first use.

    Keys come from every ``refs`` list and from ``[KEY]`` tokens inside strings.
    """
    out: list[str] = []
    _collect(value, known, out)
    return list(dict.fromkeys(out))


def reference_entries(keys: Iterable[str], bundle: KnowledgeBundle) -> list[ReferenceEntry]:
    """The reference list for these keys (unknown keys are skipped: validate forbids them)."""
    out: list[ReferenceEntry] = []
    for key in keys:
        ref = bundle.references.get(key)
        if ref is None:
            continue
        out.append(
            ReferenceEntry(
                id=ref.id,
                citation=ref.citation,
                kind=ref.kind,
                url=ref.url,
                doi=ref.doi,
                pmid=ref.pmid,
                supports=ref.supports,
            )
        )
    return out


def evidence_refs(refs: Iterable[str], bundle: KnowledgeBundle) -> list[str]:
    """The refs that are evidence: code sources (ontology files, code lists) are left out."""
    references = bundle.references
    return [ref for ref in refs if ref not in references or not references[ref].is_code_source]
