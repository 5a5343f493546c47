"""Verification figures on the generated benchmark, and the confidence calibration fitted on its train split.

    python eval/generate.py                                   # suites + corpus (fixed seed)
    python eval/verify_bench.py build --store /tmp/factcheck-bench/store
    python eval/verify_bench.py fit --store /tmp/factcheck-bench/store      # writes the shipped calibration
    python eval/verify_bench.py report --store /tmp/factcheck-bench/store   # test-split figures, JSON
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from factcheck.config import Settings
from factcheck.names import same_speaker
from factcheck.pipeline import Components
from factcheck.retrieve import HybridRetriever
from factcheck.score import expected_calibration_error, fit_logistic
from factcheck.sources.loaders import load_paths
from factcheck.types import LABELS
from factcheck.verify import AlignmentVerifier, load_calibrator

SUITES = Path(__file__).parent / "suites"
CALIBRATION = Path(__file__).resolve().parents[1] / "factcheck" / "resources" / "calibration.json"


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    """Records of a JSONL file."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def label_scores(gold: Sequence[str], predicted: Sequence[str]) -> dict[str, Any]:
    """Per-label precision / recall / F1 and macro-F1 over the five labels."""
    out: dict[str, Any] = {}
    f1s = []
    for label in LABELS:
        tp = sum(1 for g, p in zip(gold, predicted, strict=True) if g == p == label)
        n_pred = sum(1 for p in predicted if p == label)
        n_gold = sum(1 for g in gold if g == label)
        prec = tp / n_pred if n_pred else 0.0
        rec = tp / n_gold if n_gold else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        out[label] = {"precision": round(prec, 3), "recall": round(rec, 3), "f1": round(f1, 3), "support": n_gold}
        if n_gold:
            f1s.append(f1)
    out["macro_f1"] = round(sum(f1s) / len(f1s), 4) if f1s else 0.0
    return out


def quote_run(components: Components, records: Sequence[dict[str, Any]], k: int) -> list[dict[str, Any]]:
    """Retrieve and verify each labeled quote with its claimed speaker; keep features for calibration."""
    store = components.get_store()
    retriever = HybridRetriever(store, components.get_embedder())
    verifier = AlignmentVerifier(store, load_calibrator(components.settings.calibration))
    rows = []
    batches = retriever.retrieve_many([(r["quote"], r["speaker"] or None) for r in records], k)
    for r, candidates in zip(records, batches, strict=True):
        a = verifier.assess(r["quote"], r["speaker"] or None, candidates)
        conf = verifier.calibrator.probability(a.features)
        top5 = {c.passage.id for c in candidates[:5]}
        evidence = [m.passage.id for m in a.matches[: verifier.evidence_items]]
        rows.append({
            "id": r["id"], "gold": r["label"], "pred": a.label, "features": a.features, "confidence": conf,
            "actual_ok": same_speaker(a.actual_speaker, r.get("actual_speaker")) if r["label"] == "misattributed"
            else None,
            "recall5": (r.get("source_id") in top5) if r.get("source_id") else None,
            "evidence_hit": (r.get("source_id") in evidence) if r.get("source_id") else None,
            "quote": r["quote"], "speaker": r["speaker"], "actual": a.actual_speaker,
        })  # fmt: skip
    return rows


def summarise(rows: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """The issue's figures from per-quote rows."""
    gold = [r["gold"] for r in rows]
    pred = [r["pred"] for r in rows]
    verified = [r for r in rows if r["gold"] == "verified"]

    def rate(key: str) -> float | None:
        vals = [r[key] for r in rows if r.get(key) is not None]
        return round(sum(vals) / len(vals), 4) if vals else None

    return {
        "n": len(rows),
        "labels": label_scores(gold, pred),
        "false_alarm_verified": round(sum(r["pred"] != "verified" for r in verified) / max(1, len(verified)), 4),
        "actual_speaker_accuracy": rate("actual_ok"),
        "retrieval_recall_at_5": rate("recall5"),
        "evidence_hit_rate": rate("evidence_hit"),
        "ece": round(
            expected_calibration_error([r["confidence"] for r in rows], [r["gold"] == r["pred"] for r in rows]), 4
        ),
    }


def article_run(components: Components, articles: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """End to end from article text: gold quotes matched to extracted quotes by overlapping offsets."""
    pipeline = components.pipeline()
    gold_labels: list[str] = []
    pred_labels: list[str] = []
    conf: list[float] = []
    actual_ok: list[bool] = []
    times: list[float] = []
    pipeline.check_text(articles[0]["text"])  # warm-up
    for art in articles:
        t0 = time.perf_counter()
        result = pipeline.check_text(art["text"])
        times.append((time.perf_counter() - t0) * 1000)
        for g in art["quotes"]:
            hit = next((q for q in result.quotes if q.start < g["end"] and g["start"] < q.end), None)
            gold_labels.append(g["label"])
            pred_labels.append(hit.verdict.label if hit else "missed")
            conf.append(hit.verdict.confidence if hit else 0.0)
            if g["label"] == "misattributed":
                actual_ok.append(bool(hit) and same_speaker(hit.actual_speaker, g.get("actual_speaker")))
    verified = [p for g, p in zip(gold_labels, pred_labels, strict=True) if g == "verified"]
    return {
        "articles": len(articles),
        "quotes": len(gold_labels),
        "missed": pred_labels.count("missed"),
        "labels": label_scores(gold_labels, pred_labels),
        "false_alarm_verified": round(sum(p != "verified" for p in verified) / max(1, len(verified)), 4),
        "actual_speaker_accuracy": round(sum(actual_ok) / max(1, len(actual_ok)), 4),
        "ece": round(
            expected_calibration_error(conf, [g == p for g, p in zip(gold_labels, pred_labels, strict=True)]), 4
        ),
        "median_ms": round(statistics.median(times), 1),
        "p90_ms": round(sorted(times)[int(0.9 * (len(times) - 1))], 1),
        "words_per_article": round(statistics.mean(len(a["text"].split()) for a in articles)),
    }


def main(argv: Sequence[str] | None = None) -> int:
    """Build the benchmark store, fit the calibration, or report figures."""
    parser = argparse.ArgumentParser(description="verification benchmark figures")
    parser.add_argument("action", choices=["build", "fit", "report", "errors"])
    parser.add_argument("--store", type=Path, required=True)
    parser.add_argument("--suites", type=Path, default=SUITES)
    parser.add_argument("--split", default=None)
    parser.add_argument("--k", type=int, default=5)
    parser.add_argument("--no-articles", action="store_true")
    args = parser.parse_args(argv)
    components = Components(Settings(store=args.store, llm_model=None))
    meta = json.loads((args.suites / "verify.meta.json").read_text(encoding="utf-8"))
    if args.action == "build":
        store = components.get_store()
        docs = [d for _, ds in load_paths([Path(meta["corpus"])]) for d in ds]
        t0 = time.perf_counter()
        report = store.add_documents(docs)
        print(json.dumps({"report": report.model_dump(), "seconds": round(time.perf_counter() - t0, 1),
                          "passages": store.count_passages()}))  # fmt: skip
        return 0
    split = args.split or ("train" if args.action == "fit" else "test")
    records = read_jsonl(args.suites / f"verify_{split}_quotes.jsonl")
    rows = quote_run(components, records, args.k)
    if args.action == "errors":
        for r in rows:
            if r["gold"] != r["pred"]:
                print(json.dumps({k: r[k] for k in ("id", "gold", "pred", "quote", "speaker", "actual")}))
        return 0
    if args.action == "fit":
        calibrator = fit_logistic([r["features"] for r in rows], [r["gold"] == r["pred"] for r in rows])
        from dataclasses import replace

        calibrator = replace(calibrator, meta={"fitted_on": f"verify_{split}_quotes.jsonl", "n": len(rows),
                                               "seed": meta["seed"]})  # fmt: skip
        CALIBRATION.parent.mkdir(parents=True, exist_ok=True)
        CALIBRATION.write_text(calibrator.to_json(), encoding="utf-8")
        fitted = [calibrator.probability(r["features"]) for r in rows]
        ece = expected_calibration_error(fitted, [r["gold"] == r["pred"] for r in rows])
        print(json.dumps({"written": str(CALIBRATION), "train": summarise(rows), "train_ece_fitted": round(ece, 4)}))
        return 0
    out: dict[str, Any] = {"split": split, "store_passages": components.get_store().count_passages(),
                           "quotes": summarise(rows)}  # fmt: skip
    if not args.no_articles:
        out["articles"] = article_run(components, read_jsonl(args.suites / f"verify_{split}_articles.jsonl"))
    print(json.dumps(out, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
