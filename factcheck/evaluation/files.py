"""Writing a report to disk: report.json, report.md and the PNG plots it embeds."""

from __future__ import annotations

import json
from pathlib import Path

from factcheck.errors import InputError
from factcheck.evaluation.plots import confusion_matrix, reliability_diagram
from factcheck.evaluation.report import EvalReport

RELIABILITY_PNG = "reliability.png"
CONFUSION_PNG = "confusion.png"
_MAX_LISTED = 50


def _fmt(name: str, value: float) -> str:
    if name.endswith("_ms"):
        return f"{value:.1f}"
    if name in ("errors",):
        return f"{value:.0f}"
    if name == "items_per_second":
        return f"{value:.2f}"
    return f"{value:.3f}"


def _cell(text: str | None, width: int = 80) -> str:
    text = (text or "").replace("|", "\\|").replace("\n", " ")
    return text if len(text) <= width else text[: width - 1] + "…"


def markdown(report: EvalReport, plots: list[str]) -> str:
    """The report as Markdown, embedding the plots by relative path."""
    out = [f"# Evaluation: {report.suite}", ""]
    if report.description:
        out += [report.description, ""]
    out += [
        f"- kind: `{report.kind}`; source: `{report.path or '(request body)'}`",
        f"- records: {report.records}; scored items: {report.scored}; errors: {report.errors}",
        f"- run time: {report.seconds:.1f} s; created {report.created or '-'}",
        "",
        "## Figures",
        "",
        "| metric | value | over |",
        "|---|---:|---:|",
    ]
    for name, value in report.metrics.items():
        out.append(f"| {name} | {_fmt(name, value)} | {report.support.get(name, '')} |")
    if report.classification:
        c = report.classification
        out += ["", "## Per label", "", "| label | precision | recall | F1 | gold | predicted |"]
        out.append("|---|---:|---:|---:|---:|---:|")
        for label, s in c.per_label.items():
            out.append(f"| {label} | {s.precision:.3f} | {s.recall:.3f} | {s.f1:.3f} | {s.support} | {s.predicted} |")
        out += ["", "## Confusion matrix (rows gold, columns predicted)", ""]
        out.append("| gold \\ predicted | " + " | ".join(c.confusion.predicted) + " |")
        out.append("|---|" + "---:|" * len(c.confusion.predicted))
        for label, row in zip(c.confusion.gold, c.confusion.counts, strict=True):
            out.append(f"| {label} | " + " | ".join(str(v) for v in row) + " |")
    if plots:
        out += ["", "## Plots", ""]
        out += [f"![{Path(p).stem}]({p})" for p in plots]
    wrong = [i for i in report.items if i.wrong]
    if wrong:
        out += ["", f"## Wrong items ({len(wrong)}, first {min(len(wrong), _MAX_LISTED)})", ""]
        out += ["`wrong` names what was: the label, the speaker, a misattribution's actual speaker, the evidence.", ""]
        out.append(
            "| id | wrong | quote | gold | predicted | conf | gold speaker | predicted speaker "
            "| actual speaker (gold / predicted) |"
        )
        out.append("|---|---|---|---|---|---:|---|---|---|")
        for i in wrong[:_MAX_LISTED]:
            conf = f"{i.confidence:.2f}" if i.confidence is not None else ""
            actual = f"{i.gold_actual_speaker} / {i.predicted_actual_speaker or '-'}" if i.gold_actual_speaker else ""
            out.append(
                f"| {_cell(i.id, 40)} | {', '.join(i.wrong)} | {_cell(i.quote)} | {i.gold_label or ''} "
                f"| {i.predicted_label or ''} | {conf} | {_cell(i.gold_speaker, 30)} "
                f"| {_cell(i.predicted_speaker, 30)} | {_cell(actual, 60)} |"
            )
    if report.spurious:
        shown = report.spurious[:_MAX_LISTED]
        out += ["", f"## Spurious predictions ({len(report.spurious)})", ""]
        out.append(f"Quotes the pipeline found that no gold quote matches (first {len(shown)}; all in report.json).")
        out += ["", "| id | predicted quote | predicted speaker | predicted label |", "|---|---|---|---|"]
        out += [
            f"| {_cell(i.id, 40)} | {_cell(i.predicted_quote)} | {_cell(i.predicted_speaker, 30)} "
            f"| {i.predicted_label or ''} |"
            for i in shown
        ]
    if report.error_list:
        out += ["", f"## Errors ({len(report.error_list)})", "", "| id | error |", "|---|---|"]
        out += [f"| {_cell(e.id, 40)} | {_cell(e.error, 160)} |" for e in report.error_list[:_MAX_LISTED]]
    return "\n".join(out) + "\n"


def write_report(report: EvalReport, out_dir: Path) -> list[Path]:
    """Write report.json, the plots and report.md into `out_dir`; returns the files written."""
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(f"{out_dir}: cannot create the output folder ({exc.strerror or exc})") from None
    written: list[Path] = []
    plots: list[str] = []
    if report.reliability:
        reliability_diagram(report.reliability, report.metrics.get("ece", 0.0), report.suite, out_dir / RELIABILITY_PNG)
        plots.append(RELIABILITY_PNG)
    if report.classification and report.classification.confusion.counts:
        confusion_matrix(report.classification.confusion, report.suite, out_dir / CONFUSION_PNG)
        plots.append(CONFUSION_PNG)
    json_path, md_path = out_dir / "report.json", out_dir / "report.md"
    json_path.write_text(json.dumps(report.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n", "utf-8")
    md_path.write_text(markdown(report, plots), encoding="utf-8")
    written += [json_path, md_path, *(out_dir / p for p in plots)]
    return written
