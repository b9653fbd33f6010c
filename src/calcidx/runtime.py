"""The one ``Runtime``: everything the service needs to read and assess, built once and shared.

A ``Runtime`` holds the knowledge bundle, the extractor rules and vocabulary, the spaCy pipeline,
the unit registry and the HPO candidate index. It is built eagerly (every resource loaded and the
pipeline run once), under a lock, so that threads starting cold share one copy. Workers do not
pickle it: they re-create it from its ``RuntimeSpec`` (a small frozen model), in a process-pool
initializer (``init_worker``) or a Dask worker plugin.

Example::

    from calcidx.runtime import RuntimeSpec, get_runtime
    runtime = get_runtime()                          # the process-wide one
    other = Runtime.build(RuntimeSpec(eager=False))  # a private one (tests, tools)
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ConfigDict

from calcidx import __version__
from calcidx.case.model import PipelineStamp

if TYPE_CHECKING:
    from spacy.language import Language

    from calcidx.extract.rules import Rules
    from calcidx.extract.vocabulary import Vocabulary
    from calcidx.knowledge.schema import KnowledgeBundle

__all__ = ["Runtime", "RuntimeSpec", "expected_stamp", "get_runtime", "init_worker", "reset_runtime"]

#: A short text run through the pipeline once at build time, so every lazy part of spaCy and of the
#: components (matchers, compiled patterns) exists before the first real document.
_WARM_UP_TEXT = "Case report\n\nA 40-year-old woman had painful nodules on the fingers. Serum calcium was 2.4 mmol/L."


class RuntimeSpec(BaseModel):
    """How to build a ``Runtime``: small, frozen and picklable (workers rebuild from it).

    Attributes:
        knowledge_dir: a folder of knowledge data files; None for the bundle shipped in the package.
        eager: build the extractor (spaCy pipeline) at start-up and run it once, as servers and
            workers do; when False it is built on first use (still once, under the runtime's
            lock), so a one-shot command that assesses a Case JSON never loads spaCy.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    knowledge_dir: Path | None = None
    eager: bool = True


class _Once:
    """A value built on first use, exactly once, under a lock (threads arriving meanwhile wait)."""

    __slots__ = ("_build", "_lock", "_value")

    def __init__(self, build: Callable[[], Any]) -> None:
        self._build = build
        self._lock = threading.Lock()
        self._value: Any = None

    def get(self) -> Any:
        value = self._value
        if value is None:
            with self._lock:
                if self._value is None:
                    self._value = self._build()
                value = self._value
        return value

    @property
    def built(self) -> bool:
        return self._value is not None


@dataclass(frozen=True, slots=True, eq=False)
class Runtime:
    """The shared, read-only core: build with ``Runtime.build`` or take ``get_runtime()``.

    Attributes:
        spec: what it was built from (picklable; ``Runtime.build(spec)`` makes an equal one).
        bundle: the knowledge bundle (frozen models, read-only lists and dicts).
        hpo_candidates: how many OMIM/ORPHA diseases the inherited differential ranks.
        stamp: calcidx version, extractor rules hash, knowledge version, HPO release.

    The extractor's rules, vocabulary and pipeline and the pint unit registry are built eagerly
    when ``spec.eager`` (servers, workers), else on first use, once, under their own lock: a
    one-shot ``calcidx assess CASE.json`` never reads the extractor's rule files nor imports
    spaCy, and imports pint only for a lab unit the shipped conversion factors do not cover.
    """

    spec: RuntimeSpec
    bundle: KnowledgeBundle
    hpo_candidates: int
    stamp: PipelineStamp
    _rules: _Once
    _units: _Once
    _extractor: _Once

    @property
    def rules(self) -> Rules:
        """The extractor's rule data (read on first use when the runtime was not built eagerly)."""
        rules: Rules = self._rules.get()
        return rules

    @property
    def units(self) -> Any:
        """The pint unit registry (built on first use when the runtime was not built eagerly)."""
        return self._units.get()

    @property
    def vocabulary(self) -> Vocabulary:
        """The clinical vocabulary the extractor matches (built with the pipeline)."""
        vocabulary: Vocabulary = self._extractor.get()[0]
        return vocabulary

    @property
    def nlp(self) -> Language:
        """The extractor's spaCy pipeline (built now if the runtime was not built eagerly)."""
        nlp: Language = self._extractor.get()[1]
        return nlp

    @property
    def extractor_ready(self) -> bool:
        """Whether the vocabulary and the spaCy pipeline have been built."""
        return self._extractor.built

    @classmethod
    def build(cls, spec: RuntimeSpec | None = None) -> Runtime:
        """Load every resource named by ``spec`` and warm the pipeline.

        Raises:
            KnowledgeError: the knowledge data files are missing or inconsistent.
        """
        from calcidx.assess.inherited import candidate_count
        from calcidx.case.units import unit_registry
        from calcidx.knowledge.loader import load_bundle, load_bundle_from

        spec = spec or RuntimeSpec()
        bundle = load_bundle() if spec.knowledge_dir is None else load_bundle_from(spec.knowledge_dir)
        stamp = _stamp(bundle)
        shipped = spec.knowledge_dir is None
        rules = _Once(_load_rules)

        def extractor() -> tuple[Vocabulary, Language]:
            rules.get()  # the components read the same rules: read once, under the rules' lock
            return _build_extractor(bundle, shipped=shipped)

        runtime = cls(
            spec=spec,
            bundle=bundle,
            hpo_candidates=candidate_count(bundle),
            stamp=stamp,
            _rules=rules,
            _units=_Once(unit_registry),
            _extractor=_Once(extractor),
        )
        if spec.eager:
            runtime._rules.get()
            runtime._units.get()
            runtime._extractor.get()
        return runtime


def _stamp(bundle: KnowledgeBundle) -> PipelineStamp:
    return PipelineStamp(
        calcidx_version=__version__,
        extractor_rules=rules_hash(bundle),
        knowledge=f"{bundle.info.name}@{bundle.info.version}",
        hpo_release=bundle.info.hpo_release,
    )


def expected_stamp() -> PipelineStamp:
    """The stamp a default runtime carries, computed without building one (no spaCy, no HPO)."""
    from calcidx.knowledge.loader import load_bundle

    return _stamp(load_bundle())


def _load_rules() -> Rules:
    from calcidx.extract.rules import load_rules

    return load_rules()


def _build_extractor(bundle: KnowledgeBundle, *, shipped: bool) -> tuple[Vocabulary, Language]:
    from calcidx.extract.pipeline import pipeline_for
    from calcidx.extract.vocabulary import Vocabulary, default_vocabulary

    # The vocabulary reads HPO labels for features: built with the pipeline, so a Case JSON never
    # loads the ontology.
    vocabulary = default_vocabulary() if shipped else Vocabulary.from_bundle(bundle)
    nlp = pipeline_for(vocabulary)
    # Outside a memory zone: the strings the components add while warming up (matcher keys)
    # must stay for the runtime's lifetime.
    nlp(_WARM_UP_TEXT)
    return vocabulary, nlp


#: The knowledge tables the extractor's vocabulary is built from.
_VOCABULARY_TABLES = ("conditions", "exposures", "features", "lookalikes", "analytes", "subforms", "treatments")


def rules_hash(bundle: KnowledgeBundle) -> str:
    """sha256 (first 16 hex digits) of what the extractor reads with: its rule files, the
    knowledge tables its vocabulary is built from, and the hpo3 release (HPO labels).

    Any change to a lexicon, section, context or anatomy file, or to a synonym in the knowledge
    base, changes the hash: a store re-reads the documents stamped with another one.
    """
    from calcidx.knowledge.hpo import hpo3_version

    digest = hashlib.sha256()
    folder = resources.files("calcidx.extract") / "data"
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".yaml"):
            digest.update(entry.name.encode())
            digest.update(entry.read_bytes())
    dumped = bundle.model_dump(mode="json", include=set(_VOCABULARY_TABLES))
    for table in _VOCABULARY_TABLES:
        digest.update(table.encode())
        digest.update(json.dumps(dumped.get(table), sort_keys=True).encode())
    digest.update(f"hpo3 {hpo3_version()}".encode())
    return digest.hexdigest()[:16]


_LOCK = threading.Lock()
_RUNTIME: Runtime | None = None


def get_runtime(spec: RuntimeSpec | None = None) -> Runtime:
    """The process-wide runtime, built on first call (threads arriving meanwhile wait for it).

    Args:
        spec: how to build it; only the first call's spec counts. A later call with a spec that
            names other content (another knowledge folder) gets an error rather than a silently
            different runtime; ``eager`` may differ.

    Raises:
        ValueError: a runtime with another spec already exists (use ``Runtime.build`` for a
            private one, or ``reset_runtime`` in tests).
    """
    global _RUNTIME
    runtime = _RUNTIME
    if runtime is None:
        with _LOCK:
            if _RUNTIME is None:
                _RUNTIME = Runtime.build(spec)
            runtime = _RUNTIME
    # Eagerness only decides when the extractor is built, not what the runtime holds.
    if spec is not None and spec.model_copy(update={"eager": runtime.spec.eager}) != runtime.spec:
        raise ValueError(f"the process runtime was built from {runtime.spec!r}, not {spec!r}")
    return runtime


def reset_runtime() -> None:
    """Forget the process-wide runtime (the next ``get_runtime`` builds a new one)."""
    global _RUNTIME
    with _LOCK:
        _RUNTIME = None


def init_worker(spec: RuntimeSpec) -> None:
    """Process-pool initializer: build this worker's runtime from ``spec`` before any task."""
    get_runtime(spec)
