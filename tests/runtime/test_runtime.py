"""The runtime: read-only all the way down, built once under a lock, and rebuilt from its spec."""

from __future__ import annotations

import json
import pickle
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from calcidx.runtime import Runtime, RuntimeSpec, get_runtime

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "case-idiopathic-fingertips.json"
REPORT = (
    "Case report\n\nA 52-year-old woman with dermatomyositis developed firm calcified nodules on both knees. "
    "Serum calcium was 2.35 mmol/L and phosphate 1.1 mmol/L."
)


@pytest.fixture(scope="module")
def runtime() -> Runtime:
    return get_runtime()


def test_the_bundle_cannot_be_mutated(runtime: Runtime) -> None:
    bundle = runtime.bundle
    calcium = bundle.analytes["calcium"]
    with pytest.raises(TypeError, match="read-only"):
        bundle.analytes["made_up"] = calcium  # type: ignore[index]
    with pytest.raises(TypeError, match="read-only"):
        bundle.analytes.pop("calcium")  # type: ignore[attr-defined]
    with pytest.raises(TypeError, match="read-only"):
        calcium.synonyms.append("chalk")
    with pytest.raises(TypeError, match="read-only"):
        bundle.lab_phenotypes.clear()
    with pytest.raises(ValueError, match="frozen"):
        calcium.label = "Chalk"  # type: ignore[misc]
    with pytest.raises(AttributeError, match="cannot assign"):
        runtime.bundle = bundle  # type: ignore[misc]
    assert "made_up" not in bundle.analytes and "chalk" not in calcium.synonyms


def test_the_spec_pickles_and_rebuilds_an_equal_runtime(runtime: Runtime) -> None:
    spec = pickle.loads(pickle.dumps(runtime.spec))
    assert spec == runtime.spec
    private = Runtime.build(RuntimeSpec(eager=False))
    assert private.stamp == runtime.stamp
    assert not private.extractor_ready  # a Case JSON never needs spaCy
    assert private.nlp is private.nlp and private.extractor_ready  # built once, on first use


def test_a_second_spec_for_the_process_runtime_is_an_error(runtime: Runtime) -> None:
    with pytest.raises(ValueError, match="built from"):
        get_runtime(RuntimeSpec(knowledge_dir=ROOT))
    assert get_runtime(RuntimeSpec(eager=not runtime.spec.eager)) is runtime  # eagerness is not content


# Run in a fresh interpreter so every resource starts cold; each builder is wrapped to count calls.
_THREADS = textwrap.dedent(
    """
    import json, sys, threading
    from collections import Counter
    counts = Counter()

    def counted(owner, name, label):
        inner = getattr(owner, name)
        def wrapper(*args, **kwargs):
            counts[label] += 1
            return inner(*args, **kwargs)
        setattr(owner, name, wrapper)

    import pint
    import calcidx.assess.inherited as inherited
    import calcidx.extract.pipeline as pipeline
    import calcidx.extract.rules as rules
    import calcidx.knowledge.loader as loader
    import calcidx.runtime as runtime_module
    from calcidx.extract.vocabulary import Vocabulary
    counted(loader, "load_bundle_from", "bundle")
    counted(rules, "_read", "rule files")
    counted(pipeline, "build_pipeline", "pipeline")
    counted(pint, "UnitRegistry", "units")
    counted(inherited, "_read_shipped", "hpo index")
    counted(runtime_module.Runtime, "build", "runtime")
    original = Vocabulary.from_bundle.__func__
    def from_bundle(cls, bundle):
        counts["vocabulary"] += 1
        return original(cls, bundle)
    Vocabulary.from_bundle = classmethod(from_bundle)

    from calcidx.service import assess_input
    case_json, report = sys.argv[1].encode(), sys.argv[2]
    barrier = threading.Barrier(16)
    results = [None] * 16
    def work(i):
        barrier.wait()
        data = case_json if i % 2 else report
        results[i] = assess_input(data).model_dump_json()
    threads = [threading.Thread(target=work, args=(i,)) for i in range(16)]
    for t in threads: t.start()
    for t in threads: t.join()
    print(json.dumps({"counts": counts, "distinct": [len(set(results[1::2])), len(set(results[0::2]))],
                      "missing": results.count(None)}))
    """
)


def test_sixteen_threads_starting_cold_build_each_resource_once() -> None:
    proc = subprocess.run(
        [sys.executable, "-c", _THREADS, EXAMPLE.read_text(), REPORT],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    out = json.loads(proc.stdout.strip().splitlines()[-1])
    assert out["missing"] == 0
    assert out["distinct"] == [1, 1]  # every thread got the same answer for the same input
    counts = out["counts"]
    assert counts["runtime"] == 1
    for resource in ("bundle", "pipeline", "units", "hpo index", "vocabulary"):
        assert counts[resource] == 1, (resource, counts)
    assert counts["rule files"] == 5  # context, sections, anatomy, lexicon, zones: each read once
