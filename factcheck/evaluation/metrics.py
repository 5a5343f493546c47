"""Scores computed from gold and predicted labels: per-label P/R/F1, confusion matrix, ECE, latency."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from pydantic import BaseModel, ConfigDict, Field

ECE_BINS = 10


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class LabelScores(_Frozen):
    """Precision, recall and F1 of one label; 0.0 where the denominator is empty."""

    precision: float
    recall: float
    f1: float
    support: int = Field(description="Gold items with this label.")
    predicted: int = Field(description="Items predicted with this label.")


class Confusion(_Frozen):
    """Counts of gold label (rows) against predicted label (columns)."""

    gold: list[str]
    predicted: list[str]
    counts: list[list[int]]


class Classification(_Frozen):
    """Everything derived from one list of (gold, predicted) pairs."""

    labels: list[str]
    per_label: dict[str, LabelScores]
    macro_f1: float
    accuracy: float
    confusion: Confusion


class ReliabilityBin(_Frozen):
    """One equal-width confidence bin: its bounds, size, mean confidence and accuracy."""

    lower: float
    upper: float
    count: int
    confidence: float
    accuracy: float


def _ratio(num: float, den: float) -> float:
    return num / den if den else 0.0


def classify(
    gold: Sequence[str],
    predicted: Sequence[str],
    labels: Sequence[str],
    extra_predicted: Sequence[str] = (),
) -> Classification:
    """Per-label scores over the `labels` seen in gold or predictions, in the order given.

    Macro-F1 averages those labels only, so a small suite is not penalised for a label it never uses.
    `extra_predicted` are predicted columns that are not labels (a quote the pipeline missed): they
    lower recall but are never scored as a label of their own.
    """
    if len(gold) != len(predicted):
        raise ValueError("gold and predicted differ in length")
    seen = set(gold) | set(predicted)
    used = [label for label in labels if label in seen]
    columns = used + [c for c in extra_predicted if c in set(predicted) and c not in used]
    row = {label: i for i, label in enumerate(used)}
    col = {label: i for i, label in enumerate(columns)}
    counts = [[0] * len(columns) for _ in used]
    for g, p in zip(gold, predicted, strict=True):
        if g in row and p in col:
            counts[row[g]][col[p]] += 1
    per_label: dict[str, LabelScores] = {}
    for label in used:
        tp = counts[row[label]][col[label]]
        support = sum(counts[row[label]])
        n_pred = sum(counts[r][col[label]] for r in range(len(used)))
        precision, recall = _ratio(tp, n_pred), _ratio(tp, support)
        f1 = _ratio(2 * precision * recall, precision + recall)
        per_label[label] = LabelScores(precision=precision, recall=recall, f1=f1, support=support, predicted=n_pred)
    correct = sum(1 for g, p in zip(gold, predicted, strict=True) if g == p)
    return Classification(
        labels=used,
        per_label=per_label,
        macro_f1=_ratio(sum(s.f1 for s in per_label.values()), len(per_label)),
        accuracy=_ratio(correct, len(gold)),
        confusion=Confusion(gold=used, predicted=columns, counts=counts),
    )


def reliability(confidences: Sequence[float], correct: Sequence[bool], bins: int = ECE_BINS) -> list[ReliabilityBin]:
    """Equal-width bins over [0, 1]; bin i holds [i/bins, (i+1)/bins), the last one also holds 1.0."""
    if len(confidences) != len(correct):
        raise ValueError("confidences and correct differ in length")
    conf = np.clip(np.asarray(confidences, dtype=np.float64), 0.0, 1.0)
    hits = np.asarray(correct, dtype=np.float64)
    index = np.minimum((conf * bins).astype(np.int64), bins - 1)
    out: list[ReliabilityBin] = []
    for i in range(bins):
        mask = index == i
        n = int(mask.sum())
        out.append(
            ReliabilityBin(
                lower=i / bins,
                upper=(i + 1) / bins,
                count=n,
                confidence=float(conf[mask].mean()) if n else 0.0,
                accuracy=float(hits[mask].mean()) if n else 0.0,
            )
        )
    return out


def expected_calibration_error(confidences: Sequence[float], correct: Sequence[bool], bins: int = ECE_BINS) -> float:
    """ECE: sum over equal-width bins of (bin share of items) x |bin accuracy - bin mean confidence|."""
    total = len(confidences)
    if not total:
        return 0.0
    return sum(b.count / total * abs(b.accuracy - b.confidence) for b in reliability(confidences, correct, bins))


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0-100) with linear interpolation; 0.0 for no values."""
    if not values:
        return 0.0
    return float(np.percentile(np.asarray(values, dtype=np.float64), q))
