"""Where one article's check spends its wall time: every Chroma and catalog call it makes, timed.

Run over a store built by `benchmarks.million` (starts both servers over `--root`, stops them at the end):
  nice -n 10 .venv/bin/python -m benchmarks.server_calls --root /work/stores/million [--runs 5] [--out FILE]

The store's backend calls are wrapped for the run (Chroma reads by action, catalog queries by their first
words, the store's dense-search steps by name); each line reports calls per check and the median seconds
per check, next to the check's own wall and CPU time. The retriever searches on two threads, so call times
can add up to more than the wall time.
"""

from __future__ import annotations

import argparse
import functools
import os
import re
import statistics
import sys
import threading
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pydantic import SecretStr

from benchmarks.measure import emit, machine, read_article
from benchmarks.million import REAL_ARTICLE, servers
from factcheck.config import Settings
from factcheck.pipeline import Components
from factcheck.store.postgres import PostgresCatalog
from factcheck.store.source_store import ChromaSourceStore
from factcheck.store.vectors import VectorStore

_SPACE = re.compile(r"\s+")


class CallTimes:
    """Seconds and counts per call name, for the current check (thread-safe)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.seconds: dict[str, float] = defaultdict(float)
        self.calls: dict[str, int] = defaultdict(int)

    def add(self, name: str, seconds: float) -> None:
        with self._lock:
            self.seconds[name] += seconds
            self.calls[name] += 1

    def take(self) -> tuple[dict[str, float], dict[str, int]]:
        with self._lock:
            out = dict(self.seconds), dict(self.calls)
            self.seconds.clear()
            self.calls.clear()
        return out

    def wrap(self, owner: Any, attribute: str, name: Callable[..., str]) -> None:
        """Replace `owner.attribute` by a timed version; `name` turns the call's arguments into its label."""
        original = getattr(owner, attribute)

        @functools.wraps(original)
        def timed(*args: Any, **kwargs: Any) -> Any:
            started = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                self.add(name(*args, **kwargs), time.perf_counter() - started)

        setattr(owner, attribute, timed)


def _sql_label(_: Any, query: Any, *__: Any, **___: Any) -> str:
    text = _SPACE.sub(" ", str(query if isinstance(query, str) else getattr(query, "_obj", query)))
    return "pg: " + text[:90]


def instrument(times: CallTimes) -> None:
    """Time the backend calls of every store and catalog created from here on."""
    times.wrap(VectorStore, "read", lambda _, action, *a, **k: f"chroma: {action}")
    times.wrap(VectorStore, "call", lambda _, action, *a, **k: f"chroma: {action}")
    times.wrap(PostgresCatalog, "_rows", _sql_label)
    for step in ("_exact_search", "_records_of", "dense_search_many", "lexical_search", "refresh"):
        times.wrap(ChromaSourceStore, step, lambda *a, _s=step, **k: f"store: {_s}")


def run(root: Path, article: str, runs: int) -> dict[str, object]:
    """Check the article `runs` times (after two warm-up checks) and report per-call medians."""
    times = CallTimes()
    instrument(times)
    with servers(root) as (chroma_url, catalog_url):
        os.environ["FACTCHECK_LLM_MODEL"] = ""
        settings = Settings(
            store=root / "client", chroma_url=chroma_url, catalog_url=SecretStr(catalog_url), llm_model=None
        )
        pipeline = Components(settings).pipeline()
        for _ in range(2):
            pipeline.check_text(article)
        times.take()
        per_call: dict[str, list[float]] = defaultdict(list)
        counts: dict[str, int] = {}
        wall, cpu = [], []
        for _ in range(runs):
            began, began_cpu = time.perf_counter(), time.process_time()
            pipeline.check_text(article)
            wall.append(time.perf_counter() - began)
            cpu.append(time.process_time() - began_cpu)
            seconds, calls = times.take()
            for name, value in seconds.items():
                per_call[name].append(value)
            counts = calls
    rows = sorted(
        ((name, statistics.median(values + [0.0] * (runs - len(values)))) for name, values in per_call.items()),
        key=lambda row: -row[1],
    )
    return {
        "runs": runs,
        "check_wall_p50_ms": round(1000 * statistics.median(wall), 1),
        "check_cpu_p50_ms": round(1000 * statistics.median(cpu), 1),
        "calls_p50_ms_per_check": {name: [counts.get(name, 0), round(1000 * value, 1)] for name, value in rows},
        "machine": machine(),
    }


def main() -> int:
    """Time one article's backend calls over a built store."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--root", type=Path, required=True, help="what `benchmarks.million build` made")
    parser.add_argument("--article", type=Path, help="a text file (default: the real article)")
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--out", type=Path, help="also write the figures as JSON here")
    args = parser.parse_args()
    article = read_article(parser, args.article or args.data / REAL_ARTICLE)
    emit(run(args.root, article, args.runs), args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
