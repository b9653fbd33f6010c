"""Registry ingestion: documents/s with 1 and 2 local workers, scaling, pre-filter rate, memory.

A synthetic corpus is generated from the project's own templates (tests/registry/data): N varied
case reports of about 2,000 characters (``--reports``, default 2,000; ``--full`` for 20,000) and a
MEDLINE-style XML file of mostly irrelevant abstracts (``--articles``, default 20,000; 1 in 200
relevant). Each ingestion runs in its own process into a fresh SQLite registry, so the peak
resident memory of its workers (ru_maxrss of the children) and of the writer are its own.

Figures: steady-state documents/s, from the first stored result to the last (so the one-off
pipeline build of each worker is reported separately) and over the middle 80 % of the documents
(no first chunks, and no tail where one worker idles while the other finishes its last chunk), the
2-worker/1-worker ratio both ways, the pre-filter alone on the abstracts' text, and the streaming
rate of the whole XML pass (iterparse + pre-filter).
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


def _mark(value: float, target: float, unit: str = "") -> str:
    """``[target >= T: ok]`` or ``[target >= T: MISS]``."""
    return f"[target >= {target:,g}{unit}: {'ok' if value >= target else 'MISS'}]"


def _mb(kilobytes: int) -> float:
    return kilobytes / 1024


def child(corpus: str, workers: int) -> None:
    """Ingest ``corpus`` with ``workers`` local processes into a fresh registry; print JSON figures."""
    from calcidx.registry.database import open_registry
    from calcidx.registry.ingest import ingest

    with tempfile.TemporaryDirectory() as tmp:
        registry = open_registry(f"sqlite:///{tmp}/bench.sqlite")
        marks: list[float] = []
        cpu_marks: list[float] = []
        thread_marks: list[float] = []
        started = time.perf_counter()

        def on_progress(done: int, total: int | None, summary: object) -> None:
            marks.append(time.perf_counter())
            cpu_marks.append(time.process_time())
            thread_marks.append(time.thread_time())

        cpu_started = time.process_time()
        summary = ingest([corpus], registry, workers=workers, on_progress=on_progress)
        total_s = time.perf_counter() - started
        writer_cpu = time.process_time() - cpu_started
        registry.close()
        stored_bytes = sum(f.stat().st_size for f in Path(tmp).glob("bench.sqlite*"))
    first, last = marks[0], marks[-1]
    steady = (len(marks) - 1) / (last - first) if last > first else 0.0
    # the middle 80 % of the documents: neither the workers' first chunks nor the tail, where the
    # last chunks leave a worker idle while another finishes
    lo, hi = len(marks) // 10, len(marks) * 9 // 10
    middle = (hi - lo) / (marks[hi] - marks[lo]) if hi > lo and marks[hi] > marks[lo] else 0.0
    print(
        json.dumps(
            {
                "workers": workers,
                "stored": summary.stored,
                "failed": summary.failed,
                "total_s": total_s,
                "startup_s": first - started,
                "steady_docs_per_s": steady,
                "middle_docs_per_s": middle,
                "worker_peak_mb": _mb(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss),
                "worker_cpu_s": resource.getrusage(resource.RUSAGE_CHILDREN).ru_utime
                + resource.getrusage(resource.RUSAGE_CHILDREN).ru_stime,
                "writer_cpu_s": writer_cpu,
                # the main process (reading files, ids, submitting, collecting, storing) between the
                # first and the last result: what it takes from the workers' cores in steady state
                "writer_steady_ms": (cpu_marks[-1] - cpu_marks[0]) / max(1, len(cpu_marks) - 1) * 1000,
                # of which the main thread (reading, dispatch, storing, progress); the rest is the
                # pool's own threads (pickling tasks, reading results from the pipes)
                "writer_main_ms": (thread_marks[-1] - thread_marks[0]) / max(1, len(thread_marks) - 1) * 1000,
                "writer_peak_mb": _mb(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss),
                "registry_kb_per_doc": stored_bytes / 1024 / max(1, summary.stored),
            }
        )
    )


def stages(corpus: Path, count: int) -> dict[str, float]:
    """One warm worker's CPU milliseconds per report, stage by stage, and the writer's.

    read (the service's reader), prefilter, extract (``service.extract_input``: it reads the bytes
    again, ~0.1 ms for a text), assess (``service.assess_document``), serialise (JSON dump, rows and
    their JSON, pickling the result there and back), MinHash, write (``store_batch`` into SQLite, 64
    per transaction); and ``worker.process`` whole (what a worker does per document).
    """
    import pickle

    from calcidx import service
    from calcidx.registry import models as m
    from calcidx.registry.database import open_registry
    from calcidx.registry.minhash import signature
    from calcidx.registry.pipeline import document_id, init_worker, pipeline_stamp, read
    from calcidx.registry.prefilter import default_prefilter
    from calcidx.registry.rows import case_rows
    from calcidx.registry.sources import Item
    from calcidx.registry.store import store_batch
    from calcidx.registry.worker import process

    init_worker()
    check = default_prefilter()
    paths = sorted(corpus.glob("*.txt"))[:count]
    items = [Item(document_id(p.read_bytes()), str(p), p.read_bytes(), ".txt") for p in paths]
    process(items[0])
    spent = dict.fromkeys(("read", "prefilter", "extract", "assess", "serialise", "minhash", "process"), 0.0)

    mark = time.process_time()

    def lap(stage: str) -> None:
        nonlocal mark
        now = time.process_time()
        spent[stage] += now - mark
        mark = now

    results = []
    for item in items:
        mark = time.process_time()
        text = read(item.data, name=item.location, suffix=item.suffix).text
        lap("read")
        check(text)
        lap("prefilter")
        document = service.extract_input(item.data, "text/plain", filename=item.location)
        lap("extract")
        assessed = service.assess_document(document)
        lap("assess")
        [case_rows(item.id, case) for case in assessed.cases]
        lap("serialise")
        signature(text)
        lap("minhash")
        result = process(item)
        lap("process")
        pickle.loads(pickle.dumps(result))
        lap("serialise")
        results.append(result)
    assert all(r.status == "ok" for r in results), [r.error for r in results if r.status != "ok"][:3]
    with tempfile.TemporaryDirectory() as tmp:
        registry = open_registry(f"sqlite:///{tmp}/stages.sqlite")
        with registry.session() as session:
            run = m.IngestionRun(stamp=pipeline_stamp(), inputs=[], workers=1)
            session.add(run)
            session.flush()
            run_id = run.id
        started = time.process_time()
        for start in range(0, len(results), 64):
            with registry.session() as session:
                store_batch(session, results[start : start + 64], [], run_id=run_id, stamp=pipeline_stamp())
        spent["write"] = time.process_time() - started
        registry.close()
    return {stage: seconds / len(items) * 1000 for stage, seconds in spent.items()}


def _spin(count: int, start: object, out: object) -> None:
    """Pure-Python CPU work, timed from a shared start (the machine's own scaling reference)."""
    start.wait()  # type: ignore[attr-defined]
    wall = time.perf_counter()
    total = 0
    for i in range(count):
        total += i * i % 7
    out.put(count / (time.perf_counter() - wall))  # type: ignore[attr-defined]


def machine_scaling(count: int = 20_000_000) -> float:
    """How much two independent CPU-bound processes gain over one on this machine, right now.

    The ceiling for any 2-worker scaling measured at the same time: on a shared or busy machine
    (other processes, a hypervisor's siblings) it is well below 2.
    """
    import multiprocessing

    context = multiprocessing.get_context("spawn")
    rates = {}
    for n in (1, 2):
        start, out = context.Barrier(n), context.Queue()
        procs = [context.Process(target=_spin, args=(count, start, out)) for _ in range(n)]
        for proc in procs:
            proc.start()
        rates[n] = sum(out.get() for _ in procs)
        for proc in procs:
            proc.join()
    return rates[2] / rates[1]


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
    parser.add_argument("--reports", type=int, default=2_000)
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
            f"{_mark(pre['prefilter_per_s'], 20_000, '/s wall')}"
        )
        print(
            f"XML stream (iterparse + metadata + sha256 ids + pre-filter): {pre['stream_per_s']:,.0f} articles/s wall, "
            f"{pre['stream_per_cpu_s']:,.0f} per CPU-s"
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
            per_worker = r["steady_docs_per_s"] / workers
            middle_per_worker = r["middle_docs_per_s"] / workers
            print(
                f"ingest, {workers} worker(s): {r['steady_docs_per_s']:.1f} docs/s steady, first to last result "
                f"({per_worker:.1f} per worker) {_mark(per_worker, 150, ' per worker')}; "
                f"{r['middle_docs_per_s']:.1f} docs/s over the middle 80 % of the documents "
                f"({middle_per_worker:.1f} per worker) {_mark(middle_per_worker, 150, ' per worker')}; "
                f"{r['total_s']:.1f} s total incl. {r['startup_s']:.1f} s worker start-up; "
                f"stored {r['stored']}, failed {r['failed']}; peak RSS worker {r['worker_peak_mb']:.0f} MB, "
                f"writer {r['writer_peak_mb']:.0f} MB; CPU workers {r['worker_cpu_s']:.1f} s "
                f"(incl. runtime build), writer {r['writer_cpu_s']:.1f} s "
                f"({r['writer_cpu_s'] / max(1, r['stored']) * 1000:.1f} ms/doc incl. its start-up, "
                f"{r['writer_steady_ms']:.2f} ms/doc steady, main thread {r['writer_main_ms']:.2f}); "
                f"SQLite file {r['registry_kb_per_doc']:.1f} KB per report"
            )
        ratio = runs[2]["steady_docs_per_s"] / runs[1]["steady_docs_per_s"] if runs[1]["steady_docs_per_s"] else 0.0
        middle_ratio = (
            runs[2]["middle_docs_per_s"] / runs[1]["middle_docs_per_s"] if runs[1]["middle_docs_per_s"] else 0.0
        )
        load = os.getloadavg()[0]
        reference = machine_scaling()
        print(
            f"scaling 2 workers / 1 worker: {ratio:.2f}x first to last {_mark(ratio, 1.8, 'x')}, "
            f"{middle_ratio:.2f}x over the middle 80 % {_mark(middle_ratio, 1.8, 'x')} on {os.cpu_count()} CPU(s), "
            f"load average {load:.1f} (other processes share these cores: indicative only); two independent "
            f"pure-Python processes got {reference:.2f}x over one on this machine just after"
        )
        # Last: building a runtime here would raise this process's peak RSS, which Linux carries
        # across exec into the ingestion processes started after it.
        ms = stages(folder, min(count, 100))
        outside = ms["process"] - ms["extract"] - ms["assess"]
        print(
            "one warm worker, CPU ms per report: "
            + ", ".join(f"{stage} {ms[stage]:.2f}" for stage in ("read", "prefilter", "extract", "assess"))
            + f", serialise {ms['serialise']:.2f}, MinHash {ms['minhash']:.2f}; writer {ms['write']:.2f}"
        )
        per_cpu_s = 1000 / ms["process"]
        writer_ms = runs[2]["writer_steady_ms"]
        bound = 2 * ms["process"] / (ms["process"] + writer_ms)
        print(
            f"2-worker scaling on 2 free cores, from CPU costs (the writer shares the workers' cores): "
            f"2 x {ms['process']:.1f} / ({ms['process']:.1f} + {writer_ms:.2f}) = {bound:.2f}x {_mark(bound, 1.8, 'x')}"
        )
        print(
            f"one worker's cost (worker.process whole): {ms['process']:.1f} ms = {per_cpu_s:.1f} reports per CPU-s "
            f"{_mark(per_cpu_s, 150, ' per worker')}; extract + assess {ms['extract'] + ms['assess']:.1f} ms "
            f"of it, the rest {outside:.1f} ms"
        )


if __name__ == "__main__":
    main()
