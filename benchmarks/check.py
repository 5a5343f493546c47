"""Check latency of a ~600-word article with ten quotes over an existing store, warm, and peak RSS.

Each timed check records wall time and this process's CPU time (the machine may be shared: CPU time shows
the work done, wall time what a caller waits), split into extraction and retrieval + verification.

Run: .venv/bin/python -m benchmarks.check --store DIR [--chroma-url URL] [--runs 30] [--article FILE] [--out FILE]

Build the store first, e.g. `python -m benchmarks.ingest --passages 10000 --store DIR`. The article quotes
State of the Union addresses (six verbatim, two altered, two credited to another president). `--article` times
another article instead, e.g. a real news article whose quotes are mostly not in the store:
`--article ../shared/data/polnear/dev/text/usa-today_2016-09-08_candidates-vie-for-vets-support-.txt`.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

from benchmarks.api_load import build_article
from benchmarks.measure import MAX_RUNS, emit, latency_summary, machine, peak_rss_mb, read_article, timed_runs
from factcheck.config import Settings
from factcheck.demo import DEFAULT_SINCE, load_demo
from factcheck.pipeline import Components


def main() -> int:
    """Warm the pipeline up, then time `check_text` on the same article `--runs` times."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--store", type=Path, required=True, help="an existing store directory")
    parser.add_argument("--chroma-url", help="a Chroma server holding the store instead")
    parser.add_argument("--runs", type=timed_runs, default=30, help=f"timed checks (at most {MAX_RUNS})")
    parser.add_argument("--since", type=int, default=DEFAULT_SINCE, help="quote addresses from this year on")
    parser.add_argument("--article", type=Path, help="time this article (a text file) instead of the built-in one")
    parser.add_argument("--out", type=Path, help="also write the figures as JSON here")
    args = parser.parse_args()

    article = read_article(parser, args.article) if args.article else build_article(load_demo(args.since))
    started = time.perf_counter()
    components = Components(Settings(store=args.store, chroma_url=args.chroma_url, llm_model=None))
    pipeline = components.pipeline()
    store = pipeline.store
    result = pipeline.check_text(article)
    cold = time.perf_counter() - started
    for _ in range(2):
        pipeline.check_text(article)
    wall: dict[str, list[float]] = {"total": [], "extract": [], "retrieve_verify": []}
    cpu: dict[str, list[float]] = {"total": [], "extract": [], "retrieve_verify": []}
    for _ in range(args.runs):
        began, began_cpu = time.perf_counter(), time.process_time()
        quotes = pipeline.extractor.extract(article)
        extracted, extracted_cpu = time.perf_counter(), time.process_time()
        pipeline.check_quotes(quotes)
        ended, ended_cpu = time.perf_counter(), time.process_time()
        for into, (first, middle, last) in (
            (wall, (began, extracted, ended)),
            (cpu, (began_cpu, extracted_cpu, ended_cpu)),
        ):
            into["total"].append(last - first)
            into["extract"].append(middle - first)
            into["retrieve_verify"].append(last - middle)
    figures = {
        "store": {"documents": store.count_documents(), "passages": store.count_passages()},
        "article": {"words": len(article.split()), "quotes": len(result.quotes)},
        "labels": dict(Counter(q.verdict.label for q in result.quotes)),
        "cold_first_check_s": round(cold, 2),
        "warm": latency_summary(wall["total"]),
        "warm_cpu": latency_summary(cpu["total"]),
        "phases_p50_ms": {
            f"{phase}_{kind}": round(1000 * statistics.median(values[phase]), 1)
            for kind, values in (("wall", wall), ("cpu", cpu))
            for phase in ("extract", "retrieve_verify")
        },
        "store_refresh_seconds": components.settings.store_refresh_seconds,
        "peak_rss_mb": peak_rss_mb(),
        "machine": machine(),
    }
    emit(figures, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
