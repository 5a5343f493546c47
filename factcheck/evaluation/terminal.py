"""Rich tables of a report for the terminal."""

from __future__ import annotations

from typing import TextIO

from rich.console import Console
from rich.table import Table

from factcheck.evaluation.report import EvalReport

_HEADLINE = (
    "macro_f1",
    "accuracy",
    "speaker_accuracy",
    "evidence_hit_rate",
    "retrieval_recall_at_5",
    "false_alarm_rate",
    "actual_speaker_accuracy",
    "ece",
    "direct_recall",
    "content_precision",
    "content_recall",
    "content_f1",
    "speaker_agreement",
    "latency_p50_ms",
    "latency_p95_ms",
    "items_per_second",
    "errors",
)


def _value(name: str, value: float) -> str:
    if name.endswith("_ms") or name == "items_per_second":
        return f"{value:.1f}"
    if name == "errors":
        return f"{value:.0f}"
    return f"{value:.3f}"


def print_report(report: EvalReport, out: TextIO) -> None:
    """Headline figures, per-label scores and the confusion matrix of one suite."""
    console = Console(file=out, soft_wrap=False, width=120)
    figures = Table(
        title=f"{report.suite}",
        min_width=64,
        caption=f"{report.kind}: {report.records} records, {report.scored} scored, {report.errors} errors",
    )
    figures.add_column("metric")
    figures.add_column("value", justify="right")
    figures.add_column("over", justify="right")
    for name in _HEADLINE:
        if name in report.metrics:
            figures.add_row(name, _value(name, report.metrics[name]), str(report.support.get(name, "")))
    console.print(figures)
    c = report.classification
    if c:
        labels = Table(title="per label")
        for col in ("label", "precision", "recall", "F1", "gold", "predicted"):
            labels.add_column(col, justify="left" if col == "label" else "right")
        for label, s in c.per_label.items():
            scores = (s.precision, s.recall, s.f1)
            labels.add_row(label, *(f"{v:.3f}" for v in scores), str(s.support), str(s.predicted))
        console.print(labels)
        matrix = Table(title="confusion (rows gold, columns predicted)")
        matrix.add_column("gold")
        for col in c.confusion.predicted:
            matrix.add_column(col, justify="right")
        for label, row in zip(c.confusion.gold, c.confusion.counts, strict=True):
            matrix.add_row(label, *(str(v) if v else "." for v in row))
        console.print(matrix)
    if report.error_list:
        console.print(f"[red]{report.errors} item(s) failed[/red] (left out of the scores):")
        for e in report.error_list[:10]:
            console.print(f"  {e.id}: {e.error}", markup=False, highlight=False)
        if report.errors > 10:
            console.print(f"  ... and {report.errors - 10} more in report.json", highlight=False)
