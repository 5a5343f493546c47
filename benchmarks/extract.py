"""Extraction latency of a ~1,000-word article against the plain spaCy pipeline on the same text, same run.

Run: .venv/bin/python -m benchmarks.extract [--article FILE] [--runs 30] [--out FILE]

Without `--article` the text is the first 1,000 words of the PolNeAR dev articles in ../shared/data (real
news). Runs alternate extractor and plain spaCy (`nlp(text)`, the full pipeline the extractor loads), so a
busy machine slows both alike; the ratio of the medians is the figure to compare.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

from benchmarks.corpus import SHARED_DATA
from benchmarks.measure import MAX_RUNS, emit, latency_summary, machine, read_article, timed_runs
from factcheck.config import Settings
from factcheck.extract import RuleExtractor
from factcheck.nlp import load_spacy

ARTICLE_WORDS = 1000


def default_article(data: Path = SHARED_DATA, words: int = ARTICLE_WORDS) -> str | None:
    """The first `words` words of the PolNeAR dev articles, paragraphs kept; None without the shared data."""
    files = sorted((data / "polnear" / "dev" / "text").glob("*.txt"))
    if not files:
        return None
    paragraphs: list[str] = []
    count = 0
    for path in files:
        for paragraph in path.read_text(encoding="utf-8").split("\n"):
            if count >= words:
                return "\n".join(paragraphs)
            kept = paragraph.split()[: words - count]
            if kept:
                paragraphs.append(" ".join(kept))
                count += len(kept)
    return "\n".join(paragraphs)


def main() -> int:
    """Warm both up, then time them alternately `--runs` times."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--article", type=Path, help="a text file (default: 1,000 words of PolNeAR dev)")
    parser.add_argument("--runs", type=timed_runs, default=30, help=f"timed runs of each (at most {MAX_RUNS})")
    parser.add_argument("--out", type=Path, help="also write the figures as JSON here")
    args = parser.parse_args()
    if args.article is not None:
        article = read_article(parser, args.article)
    else:
        found = default_article()
        if found is None:
            parser.error(f"no PolNeAR articles under {SHARED_DATA}; pass --article FILE")
        article = found
    nlp = load_spacy(Settings().spacy_model)
    extractor = RuleExtractor(nlp)
    for _ in range(3):
        extractor.extract(article)
        nlp(article)
    extract: list[float] = []
    plain: list[float] = []
    for _ in range(args.runs):
        began = time.perf_counter()
        quotes = extractor.extract(article)
        middle = time.perf_counter()
        nlp(article)
        ended = time.perf_counter()
        extract.append(middle - began)
        plain.append(ended - middle)
    figures = {
        "article": {"words": len(article.split()), "quotes": len(quotes)},
        "extract": latency_summary(extract),
        "plain_spacy": latency_summary(plain),
        "ratio_of_medians": round(statistics.median(extract) / statistics.median(plain), 3),
        "machine": machine(),
    }
    emit(figures, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
