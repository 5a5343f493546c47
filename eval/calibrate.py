"""Fit the shipped confidence calibration on the generated benchmark's train split.

    python eval/generate.py                                                  # suites + corpus (fixed seed)
    factcheck ingest /tmp/factcheck-bench/corpus --store /tmp/factcheck-bench/store
    python eval/calibrate.py --store /tmp/factcheck-bench/store              # writes calibration.json

Each labeled quote is retrieved and assessed as `factcheck check` does; a logistic model over the
verifier's features learns P(label is right). Figures (including ECE on the test split) come from
`factcheck eval`, never from here: see eval/README.md.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from factcheck.config import Settings
from factcheck.evaluation import LabeledQuote, expected_calibration_error, load_suite
from factcheck.pipeline import Components
from factcheck.retrieve import HybridRetriever
from factcheck.score import fit_logistic
from factcheck.verify import DEFAULT_CALIBRATION, AlignmentVerifier, load_calibrator

SUITES = Path(__file__).parent / "suites"
CALIBRATION = Path(__file__).resolve().parents[1] / "factcheck" / "resources" / DEFAULT_CALIBRATION


def main(argv: Sequence[str] | None = None) -> int:
    """Assess every train quote, fit the calibrator, write it, print the fit's size and train ECE."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--store", type=Path, required=True, help="the benchmark store (built with factcheck ingest)")
    parser.add_argument("--suite", type=Path, default=SUITES / "verify_train_quotes.jsonl")
    parser.add_argument("--out", type=Path, default=CALIBRATION)
    args = parser.parse_args(argv)
    settings = Settings(store=args.store, llm_model=None)
    components = Components(settings)
    store = components.get_store()
    records = [r for r in load_suite(args.suite, "quotes").records if isinstance(r, LabeledQuote)]
    retriever = HybridRetriever(store, components.get_embedder())
    verifier = AlignmentVerifier(store, load_calibrator(None))
    batches = retriever.retrieve_many([(r.quote, r.speaker) for r in records], settings.top_k)
    assessed = [verifier.assess(r.quote, r.speaker, c) for r, c in zip(records, batches, strict=True)]
    features = [a.features for a in assessed]
    correct = [a.label == r.label for a, r in zip(assessed, records, strict=True)]
    meta = json.loads((SUITES / "verify.meta.json").read_text(encoding="utf-8"))
    calibrator = replace(
        fit_logistic(features, correct), meta={"fitted_on": args.suite.name, "n": len(records), "seed": meta["seed"]}
    )
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(calibrator.to_json(), encoding="utf-8")
    fitted = [calibrator.probability(f) for f in features]
    summary = {
        "written": str(args.out),
        "n": len(records),
        "train_accuracy": round(sum(correct) / max(1, len(correct)), 4),
        "train_ece_fitted": round(expected_calibration_error(fitted, correct), 4),
    }
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
