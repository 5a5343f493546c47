"""Hostile links and files against `factcheck serve` on loopback: statuses, peak memory, deadlines, liveness.

Run: .venv/bin/python -m benchmarks.hostile [--slow-links 45] [--out FILE]

Starts a hostile web site and a real `factcheck serve` (one worker, fetching allowed from loopback, the
default fetch timeout), then sends: malformed links, an unknown charset, compression bombs (gzip, deflate,
br, zstd, each 1 GiB decoded), files that unpack to huge structures, a server sending a byte a second,
and many such slow links at once while `/healthz` is probed. Prints, per case, the status, the worker's
peak RSS against its idle RSS, and the times; and whether the server log holds a traceback.
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx

from benchmarks.fuzz_api import SAMPLE_SOURCES
from benchmarks.hostile_inputs import (
    captions_of_many_cues,
    compression_bomb,
    docx_of_empty_paragraphs,
    hostile_site,
    html_of_empty_paragraphs,
    memory_kib,
    pdf_of_many_operators,
    pdf_with_huge_stream,
    reset_peak,
)
from benchmarks.measure import emit, machine, percentile
from benchmarks.serving import serve_process

CODINGS = ("gzip", "deflate", "br", "zstd")
FILES: dict[str, Callable[[], bytes]] = {
    "empty-paragraphs-128MB.docx": lambda: docx_of_empty_paragraphs(128 << 20),
    "empty-paragraphs-16MB.docx": lambda: docx_of_empty_paragraphs(16 << 20),
    "huge-stream-1GiB.pdf": pdf_with_huge_stream,
    "four-million-operators.pdf": lambda: pdf_of_many_operators(4_000_000),
    "empty-paragraphs-10MB.html": lambda: html_of_empty_paragraphs(10 << 20),
    "300k-cues.vtt": lambda: captions_of_many_cues(300_000),
    "300k-cues.srt": lambda: captions_of_many_cues(300_000, "srt"),
}
MALFORMED = ("http://[::1/", "http://127.0.0.2:8211/ok\u0001", "http://exa mple.com/", "http://xn--/", "ftp://x/")
PRIVATE = ("http://100.100.100.200/", "http://[2002:7f00:1::]/", "http://[fec0::1]/", "http://192.0.0.192/")


def measured(pid: int, idle_kib: int, send: Callable[[], httpx.Response]) -> dict[str, Any]:
    """Status, seconds and the worker's peak RSS (MB, and as a share of idle) for one request."""
    reset_peak(pid)
    started = time.perf_counter()
    response = send()
    seconds = time.perf_counter() - started
    peak = memory_kib(pid, "VmHWM")
    return {
        "status": response.status_code,
        "seconds": round(seconds, 2),
        "peak_rss_mb": round(peak / 1024),
        "peak_over_idle": round(peak / idle_kib, 3),
        "message": response.json().get("error", {}).get("message", "")[:160] if response.content else "",
    }


def command_line(store: Path, *args: str) -> dict[str, Any]:
    """Exit code, peak RSS and whether stderr holds a traceback, for one `factcheck` command."""
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "factcheck.cli", *args, "--store", str(store)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    _, stderr = process.communicate(timeout=600)
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {
        "exit": process.returncode,
        "seconds": round(time.perf_counter() - started, 2),
        # RUSAGE_CHILDREN holds the largest child so far: each command runs before any bigger one.
        "peak_rss_mb_at_most": round(usage.ru_maxrss / 1024),
        "traceback": b"Traceback" in stderr,
        "message": stderr.decode(errors="replace").strip()[:160],
    }


def slow_links(base: str, site: str, count: int, probe_seconds: float) -> dict[str, Any]:
    """`count` one-byte-a-second links at once, `/healthz` probed every 50 ms while they are in flight."""
    answers: list[tuple[int, float]] = []

    def post() -> None:
        started = time.perf_counter()
        status = httpx.post(f"{base}/v1/check", json={"url": f"{site}/drip"}, timeout=120).status_code
        answers.append((status, time.perf_counter() - started))

    threads = [threading.Thread(target=post) for _ in range(count)]
    for thread in threads:
        thread.start()
    probes: list[float] = []
    ends = time.monotonic() + probe_seconds
    with httpx.Client(base_url=base, timeout=60) as client:
        while time.monotonic() < ends:
            started = time.perf_counter()
            assert client.get("/healthz").status_code == 200
            probes.append(time.perf_counter() - started)
            time.sleep(0.05)
    for thread in threads:
        thread.join()
    statuses: dict[str, int] = {}
    for status, _ in answers:
        statuses[str(status)] = statuses.get(str(status), 0) + 1
    return {
        "links": count,
        "statuses": statuses,
        "slowest_answer_s": round(max(seconds for _, seconds in answers), 2),
        "healthz_probes": len(probes),
        "healthz_p50_ms": round(1000 * percentile(probes, 0.5), 1),
        "healthz_p95_ms": round(1000 * percentile(probes, 0.95), 1),
        "healthz_max_ms": round(1000 * max(probes), 1),
    }


def main(argv: list[str] | None = None) -> int:
    """Run every case and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--slow-links", type=int, default=45)
    parser.add_argument("--fetch-timeout", type=float, default=15.0)
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args(argv)
    bombs = {coding: compression_bomb(coding) for coding in CODINGS}
    files = {name: make() for name, make in FILES.items()}
    env = {
        "FACTCHECK_ALLOW_FETCH": "true",
        "FACTCHECK_FETCH_ALLOW_NETWORKS": '["127.0.0.0/8"]',
        "FACTCHECK_FETCH_TIMEOUT": str(args.fetch_timeout),
    }
    figures: dict[str, Any] = {"fetch_timeout_s": args.fetch_timeout}
    with tempfile.TemporaryDirectory() as folder, hostile_site(bombs) as site:
        # The command line first (its peak is read from the largest child so far), then `serve`.
        store = Path(folder) / "cli-store"
        figures["command_line"] = {
            f"check {url!r}": command_line(store, "check", url)
            for url in (*MALFORMED[:2], *(f"{site}/bomb/{coding}" for coding in CODINGS))
        }
        log = Path(folder) / "serve.log"
        with serve_process(Path(folder) / "store", env=env, log=log) as (base, process):
            pid = process.pid
            httpx.post(f"{base}/v1/sources", json={"documents": SAMPLE_SOURCES}, timeout=120).raise_for_status()
            httpx.post(f"{base}/v1/check", json={"text": SAMPLE_SOURCES[0]["text"]}, timeout=120).raise_for_status()
            idle = memory_kib(pid, "VmRSS")
            figures["idle_rss_mb"] = round(idle / 1024)

            def check(url: str) -> Callable[[], httpx.Response]:
                return lambda: httpx.post(f"{base}/v1/check", json={"url": url}, timeout=120)

            def upload(name: str) -> Callable[[], httpx.Response]:
                return lambda: httpx.post(f"{base}/v1/sources", files={"file": (name, files[name])}, timeout=300)

            cases: dict[str, dict[str, Any]] = {}
            for url in (*MALFORMED, *PRIVATE, f"{site}/bad-redirect", f"{site}/charset"):
                cases[f"link {url!r}"] = measured(pid, idle, check(url))
            for coding in CODINGS:
                cases[f"{coding} bomb ({len(bombs[coding]):,} bytes -> 1 GiB)"] = measured(
                    pid, idle, check(f"{site}/bomb/{coding}")
                )
            for name in FILES:
                cases[f"upload {name} ({len(files[name]):,} bytes)"] = measured(pid, idle, upload(name))
            for path in ("/drip", "/drip-headers"):
                cases[f"one byte a second ({path})"] = measured(pid, idle, check(f"{site}{path}"))
            figures["cases"] = cases
            figures["slow_links"] = slow_links(base, site, args.slow_links, probe_seconds=args.fetch_timeout)
        statuses = [case["status"] for case in cases.values()]
        figures["server_errors"] = sum(status >= 500 for status in statuses)
        figures["max_peak_over_idle"] = max(case["peak_over_idle"] for case in cases.values())
        figures["tracebacks_in_log"] = log.read_text(errors="replace").count("Traceback")
    figures["machine"] = machine()
    emit(figures, args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
