"""Fit the shipped confidence calibration on several kinds of source, and check it on each kind left out.

    python eval/calibrate.py \\
        --fit debates:eval/suites/calibration_articles.jsonl=SIX_2016_TRANSCRIPTS_STORE:2 \\
        --fit speeches:eval/suites/verify_train_articles.jsonl=BENCH_STORE \\
        --fit @genre:eval/suites/spoken_tune.jsonl=SPOKEN_STORE \\
        --fit press:eval/suites/press_tune.jsonl=PRESS_STORE

(`scripts/refit-calibration` builds the stores and runs exactly this.) Each `--fit KIND:SUITE=STORE[:WEIGHT]`
runs a labeled suite against a store built for it; KIND names the kind of source the suite's quotes come from,
or `@FIELD` takes each article's own FIELD (the spoken suite's `genre`: rally, interview, debate). Adding a
kind is one more `--fit`. Articles go through the extractor as `factcheck check` does, so wrong boundaries and
wrong or unresolved speakers are in the data; each predicted quote is paired with a gold one by the extraction
metric (unpaired ones carry no label and are left out) and its verdict is right or wrong. A logistic model over
the verifier's features learns P(label is right), each kind of source weighing by the square root of its size.

Printed (and written with `--report FILE`): the rows of each kind, the in-sample ECE per kind, and for every
kind the calibration fitted on all the others checked on it (leave one kind out): its ECE, and how often a
confidence above 0.9 was right there. Figures on held-out data come from `factcheck eval`, never from here.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from factcheck.config import Settings
from factcheck.context import FrameReader
from factcheck.evaluation import LabeledArticle, LabeledQuote, expected_calibration_error, load_suite
from factcheck.evaluation.extraction import score_article
from factcheck.evaluation.matching import gold_article
from factcheck.pipeline import Components
from factcheck.score import LogisticCalibrator, fit_logistic
from factcheck.verify import DEFAULT_CALIBRATION, AlignmentVerifier, load_calibrator
from factcheck.verify.statement import ParsedStatements

CALIBRATION = Path(__file__).resolve().parents[1] / "factcheck" / "resources" / DEFAULT_CALIBRATION
# A confidence above this must be right at least this often on a kind the calibration was not fitted on.
HIGH_CONFIDENCE = 0.9


@dataclass(frozen=True)
class Fit:
    """One suite, the store it is checked against, the kind of source (or `@field`) and its rows' weight."""

    kind: str
    suite: Path
    store: Path
    weight: float


@dataclass(frozen=True)
class Row:
    """One labeled check: its features, whether the verdict was right, its kind and weight."""

    features: Mapping[str, float]
    correct: bool
    kind: str
    weight: float


def _fit_arg(value: str) -> Fit:
    head, sep, rest = value.partition("=")
    if not sep or not head or not rest:
        raise argparse.ArgumentTypeError("expected [KIND:]SUITE=STORE[:WEIGHT]")
    kind, colon, suite = head.partition(":")
    if not colon:
        kind, suite = "", head
    store, _, weight = rest.partition(":")
    try:
        number = float(weight) if weight else 1.0
    except ValueError:
        raise argparse.ArgumentTypeError(f"weight {weight!r} is not a number") from None
    path = Path(suite)
    return Fit(kind or path.name.split(".")[0], path, Path(store), number)


def _kind_of(fit: Fit, meta: Mapping[str, object]) -> str:
    if fit.kind.startswith("@"):
        return str(meta.get(fit.kind[1:]) or fit.suite.name.split(".")[0])
    return fit.kind


def rows_of(fit: Fit) -> list[Row]:
    """Features and correctness of every labeled check in one suite."""
    components = Components(Settings(store=fit.store, llm_model=None))
    pipeline = components.pipeline()
    verifier = AlignmentVerifier(
        pipeline.store, load_calibrator(None), FrameReader(components.get_nlp()),  # type: ignore[arg-type]
        ParsedStatements(components.get_nlp),
    )
    rows: list[Row] = []
    for record in load_suite(fit.suite).records:
        kind = _kind_of(fit, record.meta)
        if isinstance(record, LabeledQuote):
            candidates = pipeline.retriever.retrieve(record.quote, record.speaker, pipeline.top_k)
            assessed = verifier.assess(record.quote, record.speaker, candidates)
            rows.append(Row(assessed.features, assessed.label == record.label, kind, fit.weight))
        elif isinstance(record, LabeledArticle):
            quotes = pipeline.extractor.extract(record.text)
            batches = pipeline.retriever.retrieve_many([(q.text, q.speaker.name) for q in quotes], pipeline.top_k)
            pairs = {p: g for g, p, _ in score_article(gold_article(record), quotes)}
            for index, (quote, candidates) in enumerate(zip(quotes, batches, strict=True)):
                if index not in pairs or record.quotes[pairs[index]].label is None:
                    continue
                assessed = verifier.assess(
                    quote.text, quote.speaker.name, candidates, quote.speaker.confidence, quote.kind, quote.cue,
                    quote.speaker.mention,
                )
                rows.append(Row(assessed.features, assessed.label == record.quotes[pairs[index]].label, kind,
                                fit.weight))  # fmt: skip
    return rows


def fit(rows: Sequence[Row], l2: float) -> LogisticCalibrator:
    """The logistic calibration of these rows, each suite's rows weighted as given, and each kind of source
    weighing by the square root of its size."""
    per_kind: dict[str, float] = defaultdict(float)
    for r in rows:
        per_kind[r.kind] += r.weight
    # A kind's total weight grows with the square root of its rows: more rows still say more, but a large
    # generated set does not drown the real kinds.
    scale = len(rows) / sum(math.sqrt(w) for w in per_kind.values())
    weights = [r.weight * scale / math.sqrt(per_kind[r.kind]) for r in rows]
    return fit_logistic([r.features for r in rows], [r.correct for r in rows], l2=l2, sample_weights=weights)


def check(calibrator: LogisticCalibrator, rows: Sequence[Row]) -> dict[str, float]:
    """ECE of the calibration on these rows, and how often a confidence above 0.9 was right."""
    confidences = [calibrator.probability(r.features) for r in rows]
    correct = [r.correct for r in rows]
    high = [c for p, c in zip(confidences, correct, strict=True) if p > HIGH_CONFIDENCE]
    return {
        "rows": len(rows),
        "accuracy": round(sum(correct) / max(1, len(rows)), 4),
        "ece": round(expected_calibration_error(confidences, correct), 4),
        "above_0.9": len(high),
        "right_above_0.9": round(sum(high) / len(high), 4) if high else 1.0,
    }


def leave_one_kind_out(rows: Sequence[Row], l2: float) -> dict[str, dict[str, float]]:
    """For every kind: the calibration fitted on all the other kinds, checked on this one."""
    kinds = sorted({r.kind for r in rows})
    out: dict[str, dict[str, float]] = {}
    for kind in kinds:
        rest = [r for r in rows if r.kind != kind]
        if rest:
            out[kind] = check(fit(rest, l2), [r for r in rows if r.kind == kind])
    return out


Figures = dict[str, dict[str, float]]


def _markdown(in_sample: Figures, left_out: Figures) -> str:
    lines = ["| kind | rows | accuracy | ECE, fitted on all | left out: ECE | left out: above 0.9 | right |",
             "|---|---:|---:|---:|---:|---:|---:|"]  # fmt: skip
    for kind, figures in in_sample.items():
        loko = left_out.get(kind, {})
        ece = f"{loko['ece']:.3f}" if "ece" in loko else "-"
        right = f"{loko.get('right_above_0.9', 1.0):.3f}"
        lines.append(f"| {kind} | {figures['rows']:.0f} | {figures['accuracy']:.3f} | {figures['ece']:.3f} | {ece} | "
                     f"{loko.get('above_0.9', 0):.0f} | {right} |")  # fmt: skip
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    """Assess every labeled check, fit the calibrator on all kinds, write it, and report per kind."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--fit", type=_fit_arg, action="append", required=True,
                        metavar="[KIND:]SUITE=STORE[:WEIGHT]")  # fmt: skip
    parser.add_argument("--out", type=Path, default=CALIBRATION, help="the calibration file to write")
    parser.add_argument("--report", type=Path, help="also write the per-kind figures here (Markdown)")
    parser.add_argument("--l2", type=float, default=1.0, help="ridge penalty of the logistic fit")
    args = parser.parse_args(argv)
    rows: list[Row] = []
    sizes: dict[str, int] = {}
    for one in args.fit:
        found = rows_of(one)
        rows += found
        sizes[one.suite.name] = len(found)
    by_kind: dict[str, list[Row]] = defaultdict(list)
    for row in rows:
        by_kind[row.kind].append(row)
    calibrator = replace(fit(rows, args.l2), meta={
        "fitted_on": sizes, "weights": {f.suite.name: f.weight for f in args.fit},
        "kinds": {kind: len(found) for kind, found in sorted(by_kind.items())},
    })  # fmt: skip
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(calibrator.to_json(), encoding="utf-8")
    in_sample = {kind: check(calibrator, found) for kind, found in sorted(by_kind.items())}
    left_out = leave_one_kind_out(rows, args.l2)
    print(json.dumps({"written": str(args.out), "checks": sizes, "in_sample": in_sample, "left_out": left_out},
                     indent=2))  # fmt: skip
    if args.report:
        args.report.write_text(_markdown(in_sample, left_out), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
