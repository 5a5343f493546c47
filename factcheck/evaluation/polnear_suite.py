"""A PolNeAR split as an evaluation suite: the extractor scored with the attribution metric."""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from factcheck.evaluation.extraction import GoldArticle, score_article, score_extraction, speaker_agrees
from factcheck.evaluation.polnear import load_polnear
from factcheck.evaluation.report import EvalReport, ItemError, ItemResult
from factcheck.evaluation.runner import WARM_UP_TEXT, Advance, error_text, extraction_figures, warm_up
from factcheck.evaluation.scoring import summarise
from factcheck.stages import Extractor
from factcheck.types import Quote


def _items(article: GoldArticle, predicted: Sequence[Quote], latency_ms: float) -> list[ItemResult]:
    pairs = {g: p for g, p, _ in score_article(article, predicted)}
    items: list[ItemResult] = []
    for gi, gold in enumerate(article.attributions):
        pred = predicted[pairs[gi]] if gi in pairs else None
        items.append(
            ItemResult(
                id=f"{article.id}#{gi + 1}",
                article_id=article.id,
                quote=gold.content_text,
                predicted_quote=pred.text if pred else None,
                gold_speaker=gold.source_text or None,
                predicted_speaker=(pred.speaker.mention or pred.speaker.name) if pred else None,
                speaker_correct=speaker_agrees(pred, gold) if pred and gold.source_text else None,
                latency_ms=latency_ms,
                meta={"direct": gold.direct},
            )
        )
    used = set(pairs.values())
    items += [
        ItemResult(
            id=f"{article.id}+{pi + 1}",
            article_id=article.id,
            quote=None,
            predicted_quote=q.text,
            predicted_speaker=q.speaker.mention or q.speaker.name,
            latency_ms=latency_ms,
        )
        for pi, q in enumerate(predicted)
        if pi not in used
    ]
    return items


def run_polnear(
    extractor: Extractor,
    split_dir: Path,
    *,
    limit: int | None = None,
    name: str = "polnear",
    settings: Mapping[str, Any] | None = None,
    advance: Advance | None = None,
    path: str | None = None,
) -> EvalReport:
    """Extract from every article of the split (one annotator file each) and score content and speakers."""
    articles = load_polnear(split_dir)[:limit]
    warm_up(lambda: extractor.extract(WARM_UP_TEXT))
    started = time.perf_counter()
    items: list[ItemResult] = []
    errors: list[ItemError] = []
    latencies: list[float] = []
    scored: list[GoldArticle] = []
    predictions: list[list[Quote]] = []
    for article in articles:
        began = time.perf_counter()
        try:
            predicted = extractor.extract(article.text)
        except Exception as exc:  # one failing article is reported, never allowed to end the run
            errors.append(ItemError(id=article.id, error=error_text(exc)))
        else:
            latency = (time.perf_counter() - began) * 1000
            latencies.append(latency)
            scored.append(article)
            predictions.append(predicted)
            items.extend(_items(article, predicted, latency))
        if advance:
            advance()
    return summarise(
        suite=name,
        kind="polnear",
        items=items,
        errors=errors,
        latencies=latencies,
        records=len(articles),
        seconds=time.perf_counter() - started,
        settings=settings,
        path=path or str(split_dir),
        description="PolNeAR attributions (brat); one annotator file per article",
        created=datetime.now(UTC).isoformat(timespec="seconds"),
        extra=extraction_figures(score_extraction(scored, predictions)),
    )
