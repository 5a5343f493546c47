"""PolNeAR reader (brat standoff) and a command that scores the rule extractor on one split.

python -m factcheck.evaluation.polnear /path/to/polnear/dev
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

from factcheck.config import Settings
from factcheck.errors import FactcheckError, InputError
from factcheck.evaluation.extraction import ExtractionScores, GoldArticle, GoldAttribution, score_extraction
from factcheck.types import Quote

Spans = tuple[tuple[int, int], ...]


def _parse_spans(field: str) -> Spans:
    spans: list[tuple[int, int]] = []
    for part in field.split(";"):
        start, end = part.split()
        spans.append((int(start), int(end)))
    return tuple(spans)


def parse_ann(text: str, ann: str, article_id: str = "") -> GoldArticle:
    """One article's gold attributions from a brat `.ann` file's contents."""
    spans: dict[str, tuple[str, Spans]] = {}
    relations: list[dict[str, list[str]]] = []
    for line in ann.splitlines():
        fields = line.split("\t")
        if line.startswith("T") and len(fields) >= 2:
            label, _, offsets = fields[1].partition(" ")
            spans[fields[0]] = (label, _parse_spans(offsets))
        elif line.startswith("E") and len(fields) >= 2:
            roles: dict[str, list[str]] = {}
            for arg in fields[1].split():
                role, _, ref = arg.partition(":")
                roles.setdefault(role.rstrip("0123456789"), []).append(ref)
            relations.append(roles)
    attributions: list[GoldAttribution] = []
    for roles in relations:
        content = tuple(sorted(s for ref in roles.get("Content", []) if ref in spans for s in spans[ref][1]))
        if not content:
            continue
        source = tuple(sorted(s for ref in roles.get("Source", []) if ref in spans for s in spans[ref][1]))
        attributions.append(
            GoldAttribution(
                content=content,
                content_text=" ".join(text[a:b] for a, b in content),
                source=source,
                source_text=" ".join(text[a:b] for a, b in source),
            )
        )
    return GoldArticle(id=article_id, text=text, attributions=tuple(attributions))


def load_polnear(split_dir: Path) -> list[GoldArticle]:
    """Every article of a PolNeAR split, scored against its first annotator file in sorted order."""
    text_dir = split_dir / "text"
    ann_dir = split_dir / "attributions"
    if not text_dir.is_dir() or not ann_dir.is_dir():
        raise InputError(f"{split_dir} is not a PolNeAR split (expected text/ and attributions/)")
    articles: list[GoldArticle] = []
    for text_path in sorted(text_dir.glob("*.txt")):
        candidates = sorted(ann_dir.glob(f"{text_path.stem}_*.ann"))
        if not candidates:
            continue
        text = text_path.read_text(encoding="utf-8")
        articles.append(parse_ann(text, candidates[0].read_text(encoding="utf-8"), text_path.stem))
    return articles


def _format(scores: ExtractionScores, seconds: float, thousand_word_ms: float, parse_ms: float) -> str:
    return "\n".join(
        [
            f"articles            {scores.articles}",
            f"gold / predicted    {scores.gold} / {scores.predicted} (matched {scores.matched})",
            f"content precision   {scores.precision:.3f}",
            f"content recall      {scores.recall:.3f}",
            f"content F1          {scores.f1:.3f}",
            f"direct recall       {scores.direct_recall:.3f} ({scores.direct_matched}/{scores.direct_gold})",
            f"speaker agreement   {scores.speaker_agreement:.3f} ({scores.speaker_agreed}/{scores.speaker_pairs})",
            f"articles/s          {scores.articles / seconds:.2f}",
            f"1,000-word article  {thousand_word_ms:.0f} ms (median of 7; the full spaCy pipeline alone: "
            f"{parse_ms:.0f} ms, ratio {thousand_word_ms / parse_ms:.2f})",
        ]
    )


def main(argv: list[str] | None = None) -> int:
    """Score the rule extractor on a PolNeAR split and print the figures."""
    from factcheck.extract import RuleExtractor
    from factcheck.nlp import load_spacy

    parser = argparse.ArgumentParser(prog="python -m factcheck.evaluation.polnear")
    parser.add_argument("split", type=Path, help="a PolNeAR split directory (text/ + attributions/)")
    args = parser.parse_args(argv)
    try:
        gold = load_polnear(args.split)
        extractor = RuleExtractor(load_spacy(Settings().spacy_model))
    except FactcheckError as exc:
        print(f"error: {exc.message}", file=sys.stderr)
        return 2
    started = time.perf_counter()
    predictions: list[list[Quote]] = list(extractor.extract_many(a.text for a in gold))
    seconds = time.perf_counter() - started
    words = " ".join(a.text for a in gold).split()
    article = " ".join(words[:1000])
    # Extraction alternates with a plain full-pipeline parse of the same text, so a busy machine slows both alike.
    timings: list[float] = []
    baseline: list[float] = []
    for _ in range(7):
        tick = time.perf_counter()
        extractor.extract(article)
        timings.append((time.perf_counter() - tick) * 1000)
        tick = time.perf_counter()
        extractor.nlp(article)
        baseline.append((time.perf_counter() - tick) * 1000)
    scores = score_extraction(gold, predictions)
    print(_format(scores, seconds, statistics.median(timings), statistics.median(baseline)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
