"""A PolNeAR split as an evaluation suite: the extractor scored with the attribution metric."""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from factcheck.evaluation.extraction import GoldArticle, score_article, speaker_agrees
from factcheck.evaluation.polnear import load_polnear
from factcheck.evaluation.report import EvalReport, ItemResult
from factcheck.evaluation.runner import WARM_UP_TEXT, Advance, now, run_gold_articles, warm_up
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
    run = run_gold_articles(
        extractor.extract,
        articles,
        lambda index, predicted, latency, _: _items(articles[index], predicted, latency),
        advance,
    )
    return summarise(
        suite=name,
        kind="polnear",
        items=run.items,
        errors=run.errors,
        latencies=run.latencies,
        records=len(articles),
        seconds=time.perf_counter() - started,
        settings=settings,
        path=path or str(split_dir),
        description="PolNeAR attributions (brat); one annotator file per article",
        created=now(),
        extra=run.extraction_metrics(),
    )
