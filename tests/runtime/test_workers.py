"""Worker processes and a Dask LocalCluster give the same output as a single process."""

from __future__ import annotations

from pathlib import Path

import pytest

from calcidx.runtime import RuntimeSpec, get_runtime
from calcidx.workers import assess_bytes, extract_bytes, process_pool, runtime_plugin

ROOT = Path(__file__).resolve().parents[2]
INPUTS: list[tuple[bytes, str]] = [
    ((ROOT / "examples" / "case-idiopathic-fingertips.json").read_bytes(), "case.json"),
    (
        b"Case report\n\nA 67-year-old man on peritoneal dialysis for end-stage renal disease had painful "
        b"violaceous plaques with necrosis on the abdomen. Parathyroid hormone was 880 pg/mL.",
        "dialysis.txt",
    ),
    (
        b"<html><body><article><h2>Case</h2><p>A 12-year-old girl with juvenile dermatomyositis developed "
        b"calcinosis of the elbows and knees.</p></article></body></html>",
        "jdm.html",
    ),
]


def _local() -> tuple[list[str], list[str]]:
    get_runtime()
    return [assess_bytes(d, f) for d, f in INPUTS], [extract_bytes(d, f) for d, f in INPUTS]


def test_a_process_pool_matches_one_process() -> None:
    assessed, extracted = _local()
    with process_pool(RuntimeSpec(), workers=2) as pool:
        remote_assessed = list(pool.map(assess_bytes, *zip(*INPUTS, strict=True)))
        remote_extracted = list(pool.map(extract_bytes, *zip(*INPUTS, strict=True)))
    assert remote_assessed == assessed
    assert remote_extracted == extracted


def test_a_dask_local_cluster_matches_one_process() -> None:
    distributed = pytest.importorskip("distributed")
    assessed, _ = _local()
    with (
        distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=True, dashboard_address=None) as cluster,
        distributed.Client(cluster) as client,
    ):
        client.register_plugin(runtime_plugin(RuntimeSpec()))
        built = client.run(lambda: __import__("calcidx.runtime", fromlist=["_RUNTIME"])._RUNTIME is not None)
        assert all(built.values())  # the plugin built the runtime before any task ran
        futures = client.map(assess_bytes, *zip(*INPUTS, strict=True), pure=False)
        remote = client.gather(futures)
    assert remote == assessed
