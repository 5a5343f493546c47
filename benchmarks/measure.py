"""Small measuring helpers shared by the benchmark commands."""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import resource
import statistics
from pathlib import Path
from typing import Any

from factcheck.stages import VoiceReader

# Timed runs a latency benchmark accepts.
MAX_RUNS = 500


def timed_runs(value: str) -> int:
    """`--runs`: a count of timed runs, 1 to MAX_RUNS (an argparse type)."""
    runs = int(value)
    if not 0 < runs <= MAX_RUNS:
        raise argparse.ArgumentTypeError(f"must be between 1 and {MAX_RUNS}")
    return runs


def read_article(parser: argparse.ArgumentParser, path: Path) -> str:
    """The text of `--article`, or the parser's usage error naming the file."""
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        parser.error(f"cannot read {path}: {exc}")


def percentile(values: list[float], q: float) -> float:
    """The q-quantile (0..1) by nearest rank."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def latency_summary(seconds: list[float]) -> dict[str, float]:
    """Median, p95 and max in milliseconds."""
    if not seconds:
        return {"n": 0}
    return {
        "n": len(seconds),
        "p50_ms": round(1000 * statistics.median(seconds), 1),
        "p95_ms": round(1000 * percentile(seconds, 0.95), 1),
        "max_ms": round(1000 * max(seconds), 1),
    }


def peak_rss_mb() -> float:
    """Peak resident set size of this process so far, in MB."""
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def machine() -> dict[str, Any]:
    """What the figures were measured on."""
    model = ""
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as handle:
            model = next((line.split(":", 1)[1].strip() for line in handle if line.startswith("model name")), "")
    except OSError:
        pass
    memory = 0.0
    with contextlib.suppress(ValueError, OSError):
        memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return {
        "cpu": model,
        "cpus": len(os.sched_getaffinity(0)),
        "memory_gb": round(memory, 1),
        "python": platform.python_version(),
        "load_average_1m": round(os.getloadavg()[0], 2),
    }


def emit(figures: dict[str, Any], out: Path | None) -> None:
    """Print the figures as JSON, and write them to `out` too when given."""
    text = json.dumps(figures, indent=2)
    print(text)
    if out:
        out.write_text(text + "\n", encoding="utf-8")


def source_voices() -> VoiceReader:
    """The source analysis ingest runs (whose words each span is), as `factcheck ingest` wires it."""
    from factcheck.config import Settings
    from factcheck.pipeline import Components

    return Components(Settings()).voice_reader()
