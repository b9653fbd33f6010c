"""Registry ingestion: documents/s with 1 and 2 local workers, scaling, pre-filter rate, memory.

A synthetic corpus is generated from the project's own templates (tests/registry/data): N varied
case reports of about 2,000 characters (``--reports``, default 300; ``--full`` for 20,000) and a
MEDLINE-style XML file of mostly irrelevant abstracts (``--articles``, default 20,000; 1 in 200
relevant). Each ingestion runs in its own process into a fresh SQLite registry, so the peak
resident memory of its workers (ru_maxrss of the children) and of the writer are its own.

Figures: steady-state documents/s (from the first stored result to the last, so the one-off
pipeline build of each worker is reported separately), the 2-worker/1-worker ratio, the pre-filter
alone on the abstracts' text, and the streaming rate of the whole XML pass (iterparse + pre-filter).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def _mb(kilobytes: int) -> float:
    return kilobytes / 1024


def child(corpus: str, workers: int) -> None:
    """Ingest ``corpus`` with ``workers`` local processes into a fresh registry; print JSON figures."""
    from calcidx.registry.database import open_registry
    from calcidx.registry.ingest import ingest

    with tempfile.TemporaryDirectory() as tmp:
        registry = open_registry(f"sqlite:///{tmp}/bench.sqlite")
        marks: list[float] = []
        started = time.perf_counter()

        def on_progress(done: int, total: int | None, summary: object) -> None:
            marks.append(time.perf_counter())

        cpu_started = time.process_time()
        summary = ingest([corpus], registry, workers=workers, on_progress=on_progress)
        total_s = time.perf_counter() - started
        writer_cpu = time.process_time() - cpu_started
        registry.close()
    first, last = marks[0], marks[-1]
    steady = (len(marks) - 1) / (last - first) if last > first else 0.0
    print(
        json.dumps(
            {
                "workers": workers,
                "stored": summary.stored,
                "failed": summary.failed,
                "total_s": total_s,
                "startup_s": first - started,
                "steady_docs_per_s": steady,
                "worker_peak_mb": _mb(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss),
                "worker_cpu_s": resource.getrusage(resource.RUSAGE_CHILDREN).ru_utime
                + resource.getrusage(resource.RUSAGE_CHILDREN).ru_stime,
                "writer_cpu_s": writer_cpu,
                "writer_peak_mb": _mb(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss),
            }
        )
    )


def capacity(corpus: Path, count: int) -> dict[str, float]:
    """One worker's own cost: documents per CPU-second through ``worker.process`` after warm-up."""
    from calcidx.registry.pipeline import document_id, init_worker
    from calcidx.registry.sources import Item
    from calcidx.registry.worker import process

    init_worker()
    paths = sorted(corpus.glob("*.txt"))[:count]
    items = [Item(document_id(p.read_bytes()), str(p), p.read_bytes(), ".txt") for p in paths]
    process(items[0])
    cpu, wall = time.process_time(), time.perf_counter()
    results = [process(item) for item in items]
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    assert all(r.status == "ok" for r in results), [r.error for r in results if r.status != "ok"][:3]
    return {"docs": len(items), "per_cpu_s": len(items) / cpu, "per_wall_s": len(items) / wall}


def prefilter_figures(path: Path) -> dict[str, float]:
    from calcidx.registry.pipeline import document_id
    from calcidx.registry.prefilter import default_prefilter
    from calcidx.registry.sources import Item, iter_documents

    check = default_prefilter()
    check("warm up")
    document_id(b"warm up")  # imports the service once, outside the timing
    from lxml import etree

    texts = []
    for _event, element in etree.iterparse(str(path), tag="PubmedArticle"):
        title = element.findtext("MedlineCitation/Article/ArticleTitle") or ""
        abstract = " ".join(element.find("MedlineCitation/Article/Abstract").itertext())
        texts.append(f"{title}\n{abstract}")
        element.clear()
    cpu, started = time.process_time(), time.perf_counter()
    relevant = sum(1 for text in texts if check(text))
    filter_s, filter_cpu = time.perf_counter() - started, time.process_time() - cpu
    cpu, started = time.process_time(), time.perf_counter()
    entries = list(iter_documents([path], check.check))
    stream_s, stream_cpu = time.perf_counter() - started, time.process_time() - cpu
    return {
        "articles": len(texts),
        "relevant": relevant,
        "mean_chars": sum(map(len, texts)) / len(texts),
        "prefilter_per_s": len(texts) / filter_s,
        "prefilter_per_cpu_s": len(texts) / filter_cpu,
        "stream_per_s": len(entries) / stream_s,
        "stream_per_cpu_s": len(entries) / stream_cpu,
        "stream_items": sum(1 for e in entries if isinstance(e, Item)),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=300)
    parser.add_argument("--full", action="store_true", help="20,000 reports (takes long)")
    parser.add_argument("--articles", type=int, default=20_000)
    parser.add_argument("--child", nargs=2, metavar=("CORPUS", "WORKERS"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child[0], int(args.child[1]))
        return
    from tests.registry.synthetic import medline_xml, write_reports

    count = 20_000 if args.full else args.reports
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "reports"
        paths = write_reports(folder, count, seed=2026)
        chars = sum(p.stat().st_size for p in paths) / len(paths)
        xml = Path(tmp) / "medline.xml"
        medline_xml(xml, args.articles, relevant_every=200)
        print(f"corpus: {count} synthetic reports (mean {chars:,.0f} bytes); {args.articles:,} MEDLINE-style articles")
        pre = prefilter_figures(xml)
        print(
            f"pre-filter: {pre['prefilter_per_s']:,.0f} abstracts/s wall, {pre['prefilter_per_cpu_s']:,.0f} per CPU-s, "
            f"on text alone (mean {pre['mean_chars']:,.0f} chars; {pre['relevant']} of {pre['articles']:,} kept) "
            f"[target >= 20,000]"
        )
        print(
            f"XML stream (iterparse + metadata + sha256 ids + pre-filter): {pre['stream_per_s']:,.0f} articles/s wall, "
            f"{pre['stream_per_cpu_s']:,.0f} per CPU-s"
        )
        cap = capacity(folder, min(count, 100))
        print(
            f"one worker's cost (read + extract + assess + MinHash, in process, warm): "
            f"{cap['per_cpu_s']:.1f} docs per CPU-s, {cap['per_wall_s']:.1f} docs/s wall [target >= 150 per worker]"
        )
        runs = {}
        for workers in (1, 2):
            out = subprocess.run(
                [sys.executable, __file__, "--child", str(folder), str(workers)],
                check=True,
                capture_output=True,
                text=True,
                env={**os.environ, "PYTHONWARNINGS": "ignore"},
            )
            runs[workers] = json.loads(out.stdout.strip().splitlines()[-1])
            r = runs[workers]
            print(
                f"ingest, {workers} worker(s): {r['steady_docs_per_s']:.1f} docs/s steady "
                f"({r['steady_docs_per_s'] / workers:.1f} per worker) [target >= 150 per worker]; "
                f"{r['total_s']:.1f} s total incl. {r['startup_s']:.1f} s worker start-up; "
                f"stored {r['stored']}, failed {r['failed']}; peak RSS worker {r['worker_peak_mb']:.0f} MB, "
                f"writer {r['writer_peak_mb']:.0f} MB; CPU workers {r['worker_cpu_s']:.1f} s "
                f"(incl. runtime build), writer {r['writer_cpu_s']:.1f} s "
                f"({r['writer_cpu_s'] / max(1, r['stored']) * 1000:.1f} ms/doc)"
            )
        ratio = runs[2]["steady_docs_per_s"] / runs[1]["steady_docs_per_s"] if runs[1]["steady_docs_per_s"] else 0.0
        load = os.getloadavg()[0]
        print(
            f"scaling 2 workers / 1 worker: {ratio:.2f}x [target >= 1.8x] on {os.cpu_count()} CPU(s), "
            f"load average {load:.1f} (other processes share these cores)"
        )


if __name__ == "__main__":
    main()
