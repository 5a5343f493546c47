"""Ingest throughput against the raw embedding throughput of the model, measured in the same run.

Run: .venv/bin/python -m benchmarks.ingest --passages 10000 [--store DIR | --chroma-url URL] [--out FILE]

The corpus is real text (State of the Union addresses, the CLEF debate transcripts), then documents
synthesised from real 2020 debate sentences when more passages are needed (benchmarks/corpus.py).
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
from pathlib import Path

from benchmarks.corpus import SHARED_DATA, build_corpus
from benchmarks.measure import emit, machine, peak_rss_mb, source_voices
from factcheck.config import Settings
from factcheck.embed import embedding_rate, load_embedder
from factcheck.sources import split_passages
from factcheck.store import open_store
from factcheck.store.source_store import BATCH_SIZE

MAX_PASSAGES = 200_000


def main() -> int:
    """Build the corpus, time the bare model on a sample of its passages, then time the ingest."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--passages", type=int, default=10_000, help=f"corpus size (at most {MAX_PASSAGES})")
    parser.add_argument("--store", type=Path, help="store directory (default: a new temporary one)")
    parser.add_argument("--chroma-url", help="ingest into this Chroma server instead")
    parser.add_argument("--sample", type=int, default=4096, help="passages embedded bare for the reference rate")
    parser.add_argument("--data", type=Path, default=SHARED_DATA, help="the shared data directory")
    parser.add_argument("--out", type=Path, help="also write the figures as JSON here")
    args = parser.parse_args()
    if not 0 < args.passages <= MAX_PASSAGES:
        parser.error(f"--passages must be between 1 and {MAX_PASSAGES}")

    documents = build_corpus(args.passages, args.data)
    texts = [p.text for d in documents for p in split_passages(d)]
    embedder = load_embedder()
    # The reference: the bare model on a random sample of the same passages, in the store's batch size.
    sample = random.Random(3).sample(texts, min(args.sample, len(texts)))
    raw_rate = embedding_rate(embedder, sample, BATCH_SIZE)

    with tempfile.TemporaryDirectory(prefix="factcheck-bench-") as temp:
        store_dir = args.store or Path(temp) / "store"
        store = open_store(Settings(store=store_dir, chroma_url=args.chroma_url), embedder, source_voices())
        report = store.add_documents(documents)
        passages = store.count_passages()
        store.close()
    rate = report.passages_added / report.seconds
    result = {
        "corpus": {"documents": len(documents), "passages": len(texts), "words": sum(len(t.split()) for t in texts)},
        "backend": "chroma server" if args.chroma_url else "local directory",
        "stored_passages": passages,
        "raw_embedding_passages_per_s": round(raw_rate, 1),
        "ingest_passages_per_s": round(rate, 1),
        "ingest_seconds": round(report.seconds, 1),
        "ratio": round(rate / raw_rate, 3),
        "embedding_seconds": round(report.embed_seconds, 1),
        "peak_rss_mb": peak_rss_mb(),
        "machine": machine(),
    }
    emit(result, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
