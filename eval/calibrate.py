"""Fit the shipped confidence calibration end to end: articles through extraction and verification, quotes too.

    python eval/calibrate.py \\
        --fit eval/suites/calibration_articles.jsonl=STORE_OF_THE_2016_TRANSCRIPTS:2 \\
        --fit eval/suites/verify_train_articles.jsonl=/tmp/factcheck-bench/store \\
        --fit eval/suites/verify_train_quotes.jsonl=/tmp/factcheck-bench/store

Each `--fit SUITE=STORE[:WEIGHT]` runs a labeled suite against a store built for it. Articles go through the
extractor as `factcheck check` does, so wrong boundaries and wrong or unresolved speakers are in the data;
each predicted quote is paired with a gold one by the extraction metric (unpaired ones carry no label and are
left out) and its verdict is right or wrong. A logistic model over the verifier's features learns P(label is
right). Figures (ECE included) come from `factcheck eval` on other suites, never from here: see eval/README.md.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from factcheck.config import Settings
from factcheck.context import FrameReader
from factcheck.evaluation import LabeledArticle, LabeledQuote, expected_calibration_error, load_suite
from factcheck.evaluation.extraction import score_article
from factcheck.evaluation.matching import gold_article
from factcheck.pipeline import Components
from factcheck.score import fit_logistic
from factcheck.verify import DEFAULT_CALIBRATION, AlignmentVerifier, load_calibrator

CALIBRATION = Path(__file__).resolve().parents[1] / "factcheck" / "resources" / DEFAULT_CALIBRATION


@dataclass(frozen=True)
class Fit:
    """One suite and the store it is checked against, with the weight its rows get in the fit."""

    suite: Path
    store: Path
    weight: float


def _fit_arg(value: str) -> Fit:
    suite, sep, rest = value.partition("=")
    if not sep or not suite or not rest:
        raise argparse.ArgumentTypeError("expected SUITE=STORE or SUITE=STORE:WEIGHT")
    store, _, weight = rest.partition(":")
    try:
        return Fit(Path(suite), Path(store), float(weight) if weight else 1.0)
    except ValueError:
        raise argparse.ArgumentTypeError(f"weight {weight!r} is not a number") from None


def _rows(fit: Fit) -> tuple[list[dict[str, float]], list[bool]]:
    """Features and correctness of every labeled check in one suite."""
    components = Components(Settings(store=fit.store, llm_model=None))
    pipeline = components.pipeline()
    verifier = AlignmentVerifier(pipeline.store, load_calibrator(None), FrameReader(components.get_nlp()))  # type: ignore[arg-type]
    features: list[dict[str, float]] = []
    correct: list[bool] = []
    suite = load_suite(fit.suite)
    for record in suite.records:
        if isinstance(record, LabeledQuote):
            candidates = pipeline.retriever.retrieve(record.quote, record.speaker, pipeline.top_k)
            assessed = verifier.assess(record.quote, record.speaker, candidates)
            features.append(assessed.features)
            correct.append(assessed.label == record.label)
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
                features.append(assessed.features)
                correct.append(assessed.label == record.quotes[pairs[index]].label)
    return features, correct


def main(argv: Sequence[str] | None = None) -> int:
    """Assess every labeled check, fit the calibrator, write it, print the fit's size and in-sample ECE."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--fit", type=_fit_arg, action="append", required=True, metavar="SUITE=STORE[:WEIGHT]")
    parser.add_argument("--out", type=Path, default=CALIBRATION)
    parser.add_argument("--l2", type=float, default=1.0, help="ridge penalty of the logistic fit")
    args = parser.parse_args(argv)
    rows: list[dict[str, float]] = []
    correct: list[bool] = []
    weights: list[float] = []
    sizes: dict[str, int] = {}
    for fit in args.fit:
        found, right = _rows(fit)
        rows += found
        correct += right
        weights += [fit.weight] * len(found)
        sizes[fit.suite.name] = len(found)
    calibrator = replace(
        fit_logistic(rows, correct, l2=args.l2, sample_weights=weights),
        meta={"fitted_on": sizes, "weights": {f.suite.name: f.weight for f in args.fit}},
    )
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(calibrator.to_json(), encoding="utf-8")
    fitted = [calibrator.probability(f) for f in rows]
    summary = {
        "written": str(args.out),
        "checks": sizes,
        "accuracy": round(sum(correct) / max(1, len(correct)), 4),
        "in_sample_ece": round(expected_calibration_error(fitted, correct), 4),
    }
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
