"""Latency and throughput of `POST /v1/check` against `factcheck serve` on loopback.

Run: .venv/bin/python -m benchmarks.api_load [--store DIR] [--workers N] [--requests N] [--concurrency 4,16]

Builds a ~600-word article with ten quotes taken from the demo corpus (State of the Union addresses): six
verbatim and correctly attributed, two with words changed, two credited to another president. The store is
filled with the demo corpus first when it is empty.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import httpx

from benchmarks.measure import emit, percentile
from benchmarks.serving import serve
from factcheck.demo import DEFAULT_SINCE, load_demo
from factcheck.types import Document

FILLER = [
    "The remarks came during a long evening in the House chamber.",
    "Lawmakers from both parties reacted in very different ways to the speech.",
    "Analysts said the tone was familiar to anyone who had followed the campaign.",
    "Several members of the cabinet sat in the front row and applauded at length.",
    "Outside the Capitol, a small group of protesters gathered despite the cold.",
    "Historians often return to these addresses to understand the mood of a period.",
    "The speech ran for more than an hour and touched on foreign and domestic policy.",
    "Commentators were quick to compare the passage with earlier addresses.",
]
ALTER = {"will": "shall", "our": "the", "we": "they", "must": "should", "more": "fewer", "not": "never"}


def sentences(document: Document) -> list[str]:
    """Plain sentences of 12 to 28 words without quote marks."""
    parts = re.split(r"(?<=[.!?])\s+", document.text)
    return [p.strip() for p in parts if 12 <= len(p.split()) <= 28 and '"' not in p and "“" not in p]


def altered(sentence: str, rng: random.Random) -> str:
    """The sentence with one word changed, or two words dropped when no listed word occurs."""
    words = sentence.split()
    for i, word in enumerate(words):
        if word.lower() in ALTER:
            words[i] = ALTER[word.lower()]
            return " ".join(words)
    cut = rng.randrange(2, len(words) - 3)
    return " ".join(words[:cut] + words[cut + 2 :])


def build_article(documents: list[Document], seed: int = 7) -> str:
    """About 600 words: ten quotes (6 verbatim, 2 altered, 2 misattributed) with filler between them."""
    rng = random.Random(seed)
    by_speaker: dict[str, Document] = {}
    for doc in documents:
        if doc.speaker and sentences(doc):
            by_speaker[doc.speaker] = doc
    speakers = sorted(by_speaker)
    paragraphs: list[str] = []
    for i in range(10):
        speaker = speakers[i % len(speakers)]
        quote = rng.choice(sentences(by_speaker[speaker])).rstrip(".")
        credited = speaker
        if i in (3, 7):
            quote = altered(quote, rng)
        if i in (5, 9):
            credited = speakers[(i + 1) % len(speakers)]
        filler = " ".join(rng.sample(FILLER, 3))
        paragraphs.append(f'{filler} President {credited} said, "{quote}."')
    return "\n\n".join(paragraphs)


def timed_check(http: httpx.Client, article: str) -> float:
    started = time.perf_counter()
    response = http.post("/v1/check", json={"text": article})
    elapsed = time.perf_counter() - started
    if response.status_code != 200:
        raise SystemExit(f"POST /v1/check answered {response.status_code}: {response.text[:300]}")
    return elapsed


def load(base: str, article: str, clients: int, total: int) -> dict[str, float]:
    """`total` requests spread over `clients` concurrent connections."""
    latencies: list[float] = []
    lock = threading.Lock()
    counter = iter(range(total))

    def client() -> None:
        with httpx.Client(base_url=base, timeout=300) as http:
            while True:
                with lock:
                    if next(counter, None) is None:
                        return
                elapsed = timed_check(http, article)
                with lock:
                    latencies.append(elapsed)

    started = time.perf_counter()
    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - started
    return {
        "clients": clients,
        "requests": len(latencies),
        "throughput_rps": round(len(latencies) / wall, 3),
        "median_s": round(statistics.median(latencies), 3),
        "p95_s": round(percentile(latencies, 0.95), 3),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--store", type=Path, default=Path(".factcheck/bench-store"))
    parser.add_argument("--demo-since", type=int, default=DEFAULT_SINCE, help="first year of the demo corpus to load")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--requests", type=int, default=40, help="sequential requests for the latency figures")
    parser.add_argument("--concurrency", default="4,16", help="comma-separated client counts")
    parser.add_argument("--out", type=Path, help="also write the results as JSON here")
    args = parser.parse_args()

    documents = load_demo(args.demo_since or None)
    article = build_article(documents)
    if not (args.store / "factcheck-store.json").exists():
        print(f"loading {len(documents)} demo documents into {args.store}", file=sys.stderr)
        subprocess.run(
            [
                str(Path(sys.executable).with_name("factcheck")),
                "ingest",
                "--demo",
                "--demo-since",
                str(args.demo_since),
                "--store",
                str(args.store),
            ],
            check=True,
        )
    with serve(args.store, "--workers", str(args.workers)) as base, httpx.Client(base_url=base, timeout=300) as http:
        ready = http.get("/readyz").json()
        checked = http.post("/v1/check", json={"text": article}).json()
        for _ in range(2):
            timed_check(http, article)
        sequential = [timed_check(http, article) for _ in range(args.requests)]
        levels = [load(base, article, int(c), max(args.requests, 3 * int(c))) for c in args.concurrency.split(",")]
    result: dict[str, Any] = {
        "store": {"documents": ready["documents"], "passages": ready["passages"]},
        "workers": args.workers,
        "cpus": os.cpu_count(),
        "article": {"words": len(article.split()), "quotes": len(checked["quotes"])},
        "labels": [q["verdict"]["label"] for q in checked["quotes"]],
        "sequential": {
            "requests": len(sequential),
            "median_s": round(statistics.median(sequential), 3),
            "p95_s": round(percentile(sequential, 0.95), 3),
        },
        "concurrent": levels,
    }
    emit(result, args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
