"""Load: many concurrent clients on loopback against `factcheck serve`, mixing checks and reads.

Run: .venv/bin/python -m benchmarks.load --store DIR [--clients 50] [--seconds 60] [--workers 1] [--out FILE]

Each client keeps one connection and loops until the time is up: checks of a ~600-word article with ten
quotes, single-quote checks, source listings, document lookups, the speaker registry and readiness probes.
Reports requests, errors (transport failures), 5xx answers, throughput and latency per kind.
"""

from __future__ import annotations

import argparse
import random
import sys
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx

from benchmarks.api_load import build_article
from benchmarks.measure import emit, latency_summary, machine
from benchmarks.serving import serve
from factcheck.demo import DEFAULT_SINCE, load_demo

MAX_CLIENTS = 64
MAX_SECONDS = 600
# Share of each kind of request in the mix (weights).
MIX = {"check": 4, "check_quote": 2, "sources": 2, "source": 1, "speakers": 1, "readyz": 1}
Request = Callable[[httpx.Client, random.Random], httpx.Response]


def requests_for(article: str, quotes: list[tuple[str, str]], document_ids: list[str]) -> dict[str, Request]:
    """One function per kind of request."""

    def check(http: httpx.Client, rng: random.Random) -> httpx.Response:
        return http.post("/v1/check", json={"text": article})

    def check_quote(http: httpx.Client, rng: random.Random) -> httpx.Response:
        quote, speaker = rng.choice(quotes)
        return http.post("/v1/check/quote", json={"quote": quote, "speaker": speaker})

    def sources(http: httpx.Client, rng: random.Random) -> httpx.Response:
        return http.get("/v1/sources", params={"offset": rng.randrange(0, 20), "limit": 20})

    def source(http: httpx.Client, rng: random.Random) -> httpx.Response:
        return http.get(f"/v1/sources/{rng.choice(document_ids)}")

    def speakers(http: httpx.Client, rng: random.Random) -> httpx.Response:
        return http.get("/v1/speakers")

    def readyz(http: httpx.Client, rng: random.Random) -> httpx.Response:
        return http.get("/readyz")

    return {
        "check": check,
        "check_quote": check_quote,
        "sources": sources,
        "source": source,
        "speakers": speakers,
        "readyz": readyz,
    }


def run_load(base: str, requests: dict[str, Request], clients: int, seconds: float, seed: int = 1) -> dict[str, Any]:
    """`clients` threads sending the mix for `seconds`; a request in flight at the end still counts."""
    if not base.startswith(("http://127.0.0.1:", "http://localhost:", "http://[::1]:")):
        raise ValueError("load is only sent to loopback addresses")
    kinds = [kind for kind, weight in MIX.items() for _ in range(weight)]
    latencies: dict[str, list[float]] = defaultdict(list)
    statuses: Counter[int] = Counter()
    errors: Counter[str] = Counter()
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def client(number: int) -> None:
        rng = random.Random(seed * 1000 + number)
        with httpx.Client(base_url=base, timeout=300) as http:
            while time.monotonic() < deadline:
                kind = rng.choice(kinds)
                began = time.perf_counter()
                try:
                    response = requests[kind](http, rng)
                except httpx.HTTPError as exc:
                    with lock:
                        errors[f"{kind}: {type(exc).__name__}"] += 1
                    continue
                elapsed = time.perf_counter() - began
                with lock:
                    statuses[response.status_code] += 1
                    latencies[kind].append(elapsed)

    started = time.perf_counter()
    threads = [threading.Thread(target=client, args=(n,), daemon=True) for n in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - started
    total = sum(statuses.values())
    everything = [t for values in latencies.values() for t in values]
    return {
        "clients": clients,
        "seconds": round(wall, 1),
        "requests": total,
        "throughput_rps": round(total / wall, 2),
        "errors": sum(errors.values()),
        "error_kinds": dict(errors),
        "server_errors": sum(n for status, n in statuses.items() if status >= 500),
        "statuses": {str(k): v for k, v in sorted(statuses.items())},
        "all": latency_summary(everything),
        "by_kind": {kind: latency_summary(values) for kind, values in sorted(latencies.items())},
    }


def main() -> int:
    """Serve the store, send the mix, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--store", type=Path, required=True, help="an existing store directory")
    parser.add_argument("--chroma-url", help="serve a Chroma server's store instead")
    parser.add_argument("--clients", type=int, default=50, help=f"concurrent clients (at most {MAX_CLIENTS})")
    parser.add_argument("--seconds", type=float, default=60, help=f"duration (at most {MAX_SECONDS})")
    parser.add_argument("--workers", type=int, default=1, help="`factcheck serve --workers`")
    parser.add_argument("--since", type=int, default=DEFAULT_SINCE, help="quote addresses from this year on")
    parser.add_argument("--out", type=Path, help="also write the figures as JSON here")
    args = parser.parse_args()
    if not 0 < args.clients <= MAX_CLIENTS or not 0 < args.seconds <= MAX_SECONDS:
        parser.error(f"--clients must be 1..{MAX_CLIENTS} and --seconds 1..{MAX_SECONDS}")

    documents = load_demo(args.since)
    article = build_article(documents)
    flags = ["--workers", str(args.workers), "--log-level", "warning"]
    if args.chroma_url:
        flags += ["--chroma-url", args.chroma_url]
    with serve(args.store, *flags) as base, httpx.Client(base_url=base, timeout=300) as http:
        ready = http.get("/readyz").json()
        listed = http.get("/v1/sources", params={"limit": 200}).json()["documents"]
        checked = http.post("/v1/check", json={"text": article}).json()["quotes"]
        quotes = [(q["text"], q["speaker"]["name"] or "") for q in checked] or [("We will act.", "")]
        requests = requests_for(article, quotes, [d["id"] for d in listed] or ["missing"])
        figures = run_load(base, requests, args.clients, args.seconds)
    figures = {
        "store": {"documents": ready.get("documents"), "passages": ready.get("passages")},
        "workers": args.workers,
        "article": {"words": len(article.split()), "quotes": len(checked)},
        **figures,
        "machine": machine(),
    }
    emit(figures, args.out)
    return 0 if figures["errors"] == 0 and figures["server_errors"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
