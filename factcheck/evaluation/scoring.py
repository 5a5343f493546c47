"""From item outcomes to the named figures of a report."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from factcheck.evaluation.matching import same_speaker
from factcheck.evaluation.metrics import classify, expected_calibration_error, percentile, reliability
from factcheck.evaluation.records import SuiteKind
from factcheck.evaluation.report import MISSED, EvalReport, ItemError, ItemResult, Part
from factcheck.names import is_common_noun
from factcheck.types import LABELS

# A false alarm accuses a correctly quoted speaker; not_found on a verified quote is a miss, not an alarm.
ACCUSING = frozenset({"altered", "misattributed", "out_of_context"})


def _rate(metrics: dict[str, float], support: dict[str, int], name: str, hits: Sequence[bool]) -> None:
    """Record a rate only when something was there to measure it on."""
    if hits:
        metrics[name] = sum(hits) / len(hits)
        support[name] = len(hits)


def mistakes(item: ItemResult) -> list[Part]:
    """Which parts of a gold item's outcome were wrong; a missed quote is a wrong label and nothing else."""
    if item.predicted_label == MISSED:
        return ["label"]
    parts: list[Part] = []
    if item.correct is False:
        parts.append("label")
    if item.speaker_correct is False:
        parts.append("speaker")
    misattributed = item.gold_label == "misattributed" and item.gold_actual_speaker
    if misattributed and not same_speaker(item.predicted_actual_speaker, item.gold_actual_speaker):
        parts.append("actual_speaker")
    if item.evidence_hit is False:
        parts.append("evidence")
    return parts


def summarise(
    *,
    suite: str,
    kind: SuiteKind,
    items: Sequence[ItemResult],
    errors: Sequence[ItemError],
    latencies: Sequence[float],
    records: int,
    seconds: float,
    settings: Mapping[str, Any] | None = None,
    path: str | None = None,
    description: str | None = None,
    created: str | None = None,
    extra: tuple[Mapping[str, float], Mapping[str, int]] = ({}, {}),
) -> EvalReport:
    """Every figure a suite of this kind supports, with how many items each rate rests on."""
    metrics: dict[str, float] = {}
    support: dict[str, int] = {}
    gold = [i.model_copy(update={"wrong": mistakes(i)}) for i in items if i.quote is not None]

    labeled = [i for i in gold if i.gold_label is not None and i.predicted_label is not None]
    classification = None
    bins = []
    if labeled:
        classification = classify(
            [i.gold_label or "" for i in labeled],
            [i.predicted_label or "" for i in labeled],
            LABELS,
            extra_predicted=(MISSED,),
        )
        metrics["accuracy"] = classification.accuracy
        metrics["macro_f1"] = classification.macro_f1
        support["accuracy"] = support["macro_f1"] = len(labeled)
        for label, scores in classification.per_label.items():
            metrics[f"precision_{label}"] = scores.precision
            metrics[f"recall_{label}"] = scores.recall
            metrics[f"f1_{label}"] = scores.f1
        scored = [i for i in labeled if i.confidence is not None]
        if scored:
            confidences = [i.confidence or 0.0 for i in scored]
            correct = [bool(i.correct) for i in scored]
            metrics["ece"] = expected_calibration_error(confidences, correct)
            support["ece"] = len(scored)
            bins = reliability(confidences, correct)
        answered = [i for i in labeled if i.predicted_label != MISSED]
        _rate(
            metrics,
            support,
            "false_alarm_rate",
            [i.predicted_label in ACCUSING for i in answered if i.gold_label == "verified"],
        )
        _rate(
            metrics,
            support,
            "actual_speaker_accuracy",
            [
                same_speaker(i.predicted_actual_speaker, i.gold_actual_speaker)
                for i in labeled
                if i.gold_label == "misattributed" and i.gold_actual_speaker
            ],
        )
        hits = [i.evidence_hit for i in answered if i.evidence_hit is not None]
        _rate(metrics, support, "evidence_hit_rate", [bool(h) for h in hits])
        found = [i.retrieval_hit for i in answered if i.retrieval_hit is not None]
        _rate(metrics, support, "retrieval_recall_at_5", [bool(h) for h in found])

    if kind in ("articles", "extraction"):
        _rate(
            metrics,
            support,
            "speaker_accuracy",
            [bool(i.speaker_correct) for i in gold if i.speaker_correct is not None],
        )
        # Suites that say how the article names each speaker (`via`) get the pronoun-resolved share too.
        _rate(
            metrics,
            support,
            "pronoun_speaker_accuracy",
            [bool(i.speaker_correct) for i in gold if i.speaker_correct is not None and i.meta.get("via") == "pronoun"],
        )
        predicted = [i.predicted_speaker for i in items if i.predicted_quote is not None]
        if predicted:
            metrics["common_noun_speakers"] = float(sum(is_common_noun(name) for name in predicted))
            support["common_noun_speakers"] = len(predicted)

    metrics.update(extra[0])
    support.update(extra[1])
    total_units = len(latencies) + len(errors)
    metrics["errors"] = float(len(errors))
    metrics["error_rate"] = len(errors) / total_units if total_units else 0.0
    if latencies:
        metrics["latency_p50_ms"] = percentile(latencies, 50)
        metrics["latency_p95_ms"] = percentile(latencies, 95)
    if seconds > 0 and total_units:
        metrics["items_per_second"] = total_units / seconds
    return EvalReport(
        suite=suite,
        kind=kind,
        path=path,
        description=description,
        unit="quote" if kind == "quotes" else "article",
        records=records,
        scored=len(labeled) if labeled else len(gold),
        errors=len(errors),
        metrics=metrics,
        support=support,
        classification=classification,
        reliability=bins,
        items=gold,
        spurious=[i for i in items if i.quote is None],
        error_list=list(errors),
        settings=dict(settings or {}),
        seconds=seconds,
        created=created,
    )
