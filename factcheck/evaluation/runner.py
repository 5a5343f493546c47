"""Running a suite through the pipeline and turning the outcomes into an `EvalReport`."""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from factcheck.evaluation.extraction import ExtractionScores, GoldArticle, score_article, score_extraction
from factcheck.evaluation.matching import gold_article, resolved_speaker
from factcheck.evaluation.recording import RECALL_AT, RecordingRetriever, is_source, recording, retrieval_hit
from factcheck.evaluation.records import LabeledArticle, LabeledQuote, SuiteKind
from factcheck.evaluation.report import MISSED, EvalReport, ItemError, ItemResult
from factcheck.evaluation.scoring import summarise
from factcheck.pipeline import Pipeline
from factcheck.stages import Extractor
from factcheck.types import Candidate, CheckedQuote, Quote

Advance = Callable[[], None]
_MAX_ERROR_CHARS = 500
WARM_UP_TEXT = '"We will begin at noon," the chair said.'


def warm_up(call: Callable[[], object]) -> None:
    """Run the stages once so lazy model loading and first-call costs stay out of the latencies."""
    try:
        call()
    except Exception:  # the same failure is recorded against every item that meets it
        return


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def error_text(exc: Exception) -> str:
    """How a failed item is listed: exception type and message, cut short (some embed whole vectors)."""
    message = getattr(exc, "message", None) or str(exc) or "no message"
    text = f"{type(exc).__name__}: {message}"
    return text if len(text) <= _MAX_ERROR_CHARS else text[: _MAX_ERROR_CHARS - 1] + "…"


def _evidence_hit(checked: CheckedQuote, source_id: str | None) -> bool | None:
    if not source_id:
        return None
    return any(is_source(source_id, ev.passage_id, ev.document.id) for ev in checked.evidence)


def _retrieval(candidates: Sequence[Candidate] | None, source_id: str | None, label: str | None) -> dict[str, Any]:
    """The retrieval fields of an item: top candidate ids, and whether the gold passage is among them."""
    if candidates is None:
        return {}
    hit = retrieval_hit(candidates, source_id) if label != "not_found" else None
    return {"retrieved": [c.passage.id for c in candidates[:RECALL_AT]], "retrieval_hit": hit}


def _quote_item(
    record: LabeledQuote, checked: CheckedQuote, latency_ms: float, candidates: Sequence[Candidate] | None
) -> ItemResult:
    label = checked.verdict.label
    return ItemResult(
        id=record.id,
        quote=record.quote,
        predicted_quote=checked.text,
        gold_label=record.label,
        predicted_label=label,
        confidence=checked.verdict.confidence,
        correct=label == record.label,
        gold_speaker=record.speaker,
        predicted_speaker=checked.speaker.name,
        gold_actual_speaker=record.actual_speaker,
        predicted_actual_speaker=checked.actual_speaker,
        gold_source=record.source_id,
        evidence=[ev.passage_id for ev in checked.evidence],
        evidence_hit=_evidence_hit(checked, record.source_id) if record.label != "not_found" else None,
        **_retrieval(candidates, record.source_id, record.label),
        latency_ms=latency_ms,
        meta=record.meta,
    )


def run_quotes(
    pipeline: Pipeline,
    records: Sequence[LabeledQuote],
    advance: Advance | None = None,
    recorder: RecordingRetriever | None = None,
) -> tuple[list[ItemResult], list[ItemError], list[float]]:
    """Check each labeled quote on its own against the pipeline's store.

    With a `recorder` (the pipeline's retriever wrapped by `recording`) each item also gets its retrieval hit.
    """
    items: list[ItemResult] = []
    errors: list[ItemError] = []
    latencies: list[float] = []
    for record in records:
        if recorder:
            recorder.take()
        started = time.perf_counter()
        try:
            checked = pipeline.check_claim(record.quote, record.speaker)
        except Exception as exc:  # one failing item is reported, never allowed to end the run
            errors.append(ItemError(id=record.id, error=error_text(exc)))
        else:
            latency = (time.perf_counter() - started) * 1000
            latencies.append(latency)
            batches = recorder.take() if recorder else []
            items.append(_quote_item(record, checked, latency, batches[0] if len(batches) == 1 else None))
        if advance:
            advance()
    return items, errors, latencies


def _article_items(
    article: LabeledArticle,
    gold: GoldArticle,
    predicted: Sequence[Quote],
    latency_ms: float,
    labeled: bool,
    candidates: Sequence[Sequence[Candidate]] | None = None,
) -> list[ItemResult]:
    """Gold quotes paired with predictions by the extraction metric's overlap; the rest are misses or spurious.

    `candidates`, when given, holds what retrieval returned for each prediction, in order.
    """
    pairs = {g: p for g, p, _ in score_article(gold, predicted)}
    items: list[ItemResult] = []
    for gi, quote in enumerate(article.quotes):
        pred = predicted[pairs[gi]] if gi in pairs else None
        checked = pred if isinstance(pred, CheckedQuote) else None
        label: str | None = checked.verdict.label if checked else (MISSED if labeled else None)
        items.append(
            ItemResult(
                id=f"{article.id}#{gi + 1}",
                article_id=article.id,
                quote=quote.text,
                predicted_quote=pred.text if pred else None,
                gold_label=quote.label,
                predicted_label=label,
                confidence=checked.verdict.confidence if checked else None,
                correct=(label == quote.label) if labeled else None,
                gold_speaker=quote.speaker,
                predicted_speaker=pred.speaker.name if pred else None,
                speaker_correct=resolved_speaker(pred.speaker.name, quote.speaker) if pred else None,
                gold_actual_speaker=quote.actual_speaker,
                predicted_actual_speaker=checked.actual_speaker if checked else None,
                gold_source=quote.source_id,
                evidence=[ev.passage_id for ev in checked.evidence] if checked else [],
                evidence_hit=(
                    _evidence_hit(checked, quote.source_id) if checked and quote.label != "not_found" else None
                ),
                **_retrieval(
                    candidates[pairs[gi]] if candidates is not None and gi in pairs else None,
                    quote.source_id,
                    quote.label,
                ),
                latency_ms=latency_ms,
                meta={**quote.meta, **({"kind": quote.kind} if quote.kind else {})},
            )
        )
    used = set(pairs.values())
    for pi, pred in enumerate(predicted):
        if pi not in used:
            items.append(
                ItemResult(
                    id=f"{article.id}+{pi + 1}",
                    article_id=article.id,
                    quote=None,
                    predicted_quote=pred.text,
                    predicted_speaker=pred.speaker.name,
                    predicted_label=pred.verdict.label if isinstance(pred, CheckedQuote) else None,
                    latency_ms=latency_ms,
                )
            )
    return items


def extraction_figures(scores: ExtractionScores) -> tuple[dict[str, float], dict[str, int]]:
    """The extraction metric's figures under their report names, and how many items each rests on."""
    figures = {"content_precision": scores.precision, "content_recall": scores.recall, "content_f1": scores.f1}
    support = {"content_precision": scores.predicted, "content_recall": scores.gold, "content_f1": scores.gold}
    if scores.direct_gold:
        figures["direct_recall"] = scores.direct_recall
        support["direct_recall"] = scores.direct_gold
    if scores.speaker_pairs:
        figures["speaker_agreement"] = scores.speaker_agreement
        support["speaker_agreement"] = scores.speaker_pairs
    return figures, support


@dataclass
class _ArticleRun:
    items: list[ItemResult] = field(default_factory=list)
    errors: list[ItemError] = field(default_factory=list)
    latencies: list[float] = field(default_factory=list)
    gold: list[GoldArticle] = field(default_factory=list)
    predicted: list[list[Quote]] = field(default_factory=list)

    def extraction_metrics(self) -> tuple[dict[str, float], dict[str, int]]:
        """The extraction metric over the articles that ran (failed ones are only counted as errors)."""
        if not self.gold:
            return {}, {}
        return extraction_figures(score_extraction(self.gold, self.predicted))


# Items for the article at an index, from its predictions, latency and (when scored) retrieval candidates.
ItemsOf = Callable[[int, list[Quote], float, "Sequence[Sequence[Candidate]] | None"], list[ItemResult]]


def run_gold_articles(
    find: Callable[[str], Sequence[Quote]],
    golds: Sequence[GoldArticle],
    items_of: ItemsOf,
    advance: Advance | None = None,
    recorder: RecordingRetriever | None = None,
) -> _ArticleRun:
    """Run `find` (check or extract) on each gold article; `items_of` pairs its quotes with the gold ones."""
    run = _ArticleRun()
    for index, gold in enumerate(golds):
        if recorder:
            recorder.take()
        started = time.perf_counter()
        try:
            predicted = list(find(gold.text))
        except Exception as exc:  # one failing article is reported, never allowed to end the run
            run.errors.append(ItemError(id=gold.id, error=error_text(exc)))
        else:
            latency = (time.perf_counter() - started) * 1000
            run.latencies.append(latency)
            run.gold.append(gold)
            run.predicted.append(predicted)
            batches = recorder.take() if recorder else None
            # One candidate list per checked quote, in order, or retrieval is not scored for the article.
            aligned = batches if batches is not None and len(batches) == len(predicted) else None
            run.items.extend(items_of(index, predicted, latency, aligned))
        if advance:
            advance()
    return run


def run_articles(
    find: Callable[[str], Sequence[Quote]],
    records: Sequence[LabeledArticle],
    labeled: bool,
    advance: Advance | None = None,
    recorder: RecordingRetriever | None = None,
) -> _ArticleRun:
    """Run `find` (check or extract) on each labeled article and pair its quotes with the gold ones."""
    golds = [gold_article(article) for article in records]

    def items_of(
        index: int, predicted: list[Quote], latency: float, aligned: Sequence[Sequence[Candidate]] | None
    ) -> list[ItemResult]:
        return _article_items(records[index], golds[index], predicted, latency, labeled, aligned)

    return run_gold_articles(find, golds, items_of, advance, recorder)


def run_suite(
    pipeline: Pipeline,
    records: Sequence[LabeledQuote | LabeledArticle],
    kind: SuiteKind,
    *,
    name: str = "suite",
    settings: Mapping[str, Any] | None = None,
    advance: Advance | None = None,
    path: str | None = None,
    description: str | None = None,
) -> EvalReport:
    """Run labeled quotes or labeled articles and score them.

    The API calls this for `POST /v1/eval` with records from `parse_records`; extraction suites go
    through `run_extraction` (they need no store) and PolNeAR directories through `run_polnear`.
    """
    if kind not in ("quotes", "articles"):
        raise ValueError(f"run_suite cannot run a {kind!r} suite from records")
    warm_up(lambda: pipeline.check_text(WARM_UP_TEXT))
    traced, recorder = recording(pipeline)
    started = time.perf_counter()
    extra: tuple[dict[str, float], dict[str, int]] = ({}, {})
    if kind == "quotes":
        quotes = [r for r in records if isinstance(r, LabeledQuote)]
        items, errors, latencies = run_quotes(traced, quotes, advance, recorder)
    else:
        articles = [r for r in records if isinstance(r, LabeledArticle)]
        run = run_articles(lambda text: traced.check_text(text).quotes, articles, True, advance, recorder)
        items, errors, latencies, extra = run.items, run.errors, run.latencies, run.extraction_metrics()
    return summarise(
        suite=name,
        kind=kind,
        items=items,
        errors=errors,
        latencies=latencies,
        records=len(records),
        seconds=time.perf_counter() - started,
        settings=settings,
        path=path,
        description=description,
        created=now(),
        extra=extra,
    )


def run_extraction(
    extractor: Extractor,
    records: Sequence[LabeledArticle],
    *,
    name: str = "suite",
    settings: Mapping[str, Any] | None = None,
    advance: Advance | None = None,
    path: str | None = None,
    description: str | None = None,
) -> EvalReport:
    """Score an extraction suite with the extractor alone (no store needed)."""
    warm_up(lambda: extractor.extract(WARM_UP_TEXT))
    started = time.perf_counter()
    run = run_articles(extractor.extract, records, False, advance)
    return summarise(
        suite=name,
        kind="extraction",
        items=run.items,
        errors=run.errors,
        latencies=run.latencies,
        records=len(records),
        seconds=time.perf_counter() - started,
        settings=settings,
        path=path,
        description=description,
        created=now(),
        extra=run.extraction_metrics(),
    )
