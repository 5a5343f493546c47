"""Retrieval recall@5, evidence hits by passage id, and the verdict figures on hand-computed item sets."""

from __future__ import annotations

import pytest

from factcheck.evaluation import ItemResult
from factcheck.evaluation.recording import retrieval_hit
from factcheck.evaluation.report import MISSED
from factcheck.evaluation.scoring import summarise
from factcheck.types import Candidate, DocumentRef, Passage


def _candidate(doc: str, index: int) -> Candidate:
    passage = Passage(
        id=f"{doc}#{index}", document=DocumentRef(id=doc), index=index, text=f"passage {index}", start=0, end=9
    )
    return Candidate(passage=passage, score=1.0 / (index + 1))


def test_retrieval_hit_looks_at_the_first_five_only() -> None:
    ranked = [_candidate("speech", i) for i in range(8)]
    assert retrieval_hit(ranked, "speech#0") is True
    assert retrieval_hit(ranked, "speech#4") is True  # fifth place
    assert retrieval_hit(ranked, "speech#5") is False  # sixth place
    assert retrieval_hit(ranked, "speech#5", at=6) is True
    assert retrieval_hit(ranked, "speech") is True  # a document id matches any of its passages
    assert retrieval_hit(ranked, "speech#") is False  # never a prefix match
    assert retrieval_hit(ranked, None) is None
    assert retrieval_hit([], "speech#0") is False


def _item(i: int, gold: str, pred: str, **kw: object) -> ItemResult:
    return ItemResult(
        id=f"a#{i}",
        article_id="a",
        quote=f"quote {i}",
        gold_label=gold,
        predicted_label=pred,
        confidence=None if pred == MISSED else 0.9,
        correct=gold == pred,
        **kw,  # type: ignore[arg-type]
    )


def test_figures_by_hand_on_an_article_suite() -> None:
    items = [
        # verified: one right, one accused, one answered not_found, one missed by extraction
        _item(1, "verified", "verified", evidence_hit=True, retrieval_hit=True),
        _item(2, "verified", "out_of_context", evidence_hit=True, retrieval_hit=True),
        _item(3, "verified", "not_found", evidence_hit=False, retrieval_hit=False),
        _item(4, "verified", MISSED),
        # misattributions: aliases and titles name the same person; another Bush is someone else
        _item(
            5,
            "misattributed",
            "misattributed",
            gold_actual_speaker="Joseph R. Biden Jr.",
            predicted_actual_speaker="President Biden",
            evidence_hit=False,
            retrieval_hit=True,
        ),
        _item(
            6,
            "misattributed",
            "misattributed",
            gold_actual_speaker="George H. W. Bush",
            predicted_actual_speaker="George W. Bush",
            evidence_hit=True,
            retrieval_hit=True,
        ),
        _item(7, "misattributed", MISSED, gold_actual_speaker="Bernie Sanders"),
        _item(8, "not_found", "not_found"),
    ]
    report = summarise(suite="a", kind="articles", items=items, errors=[], latencies=[5.0], records=1, seconds=1.0)
    m, s = report.metrics, report.support
    # Accusations over answered verified quotes: 1 of 3 (not_found is a miss, the missed quote is not answered).
    assert m["false_alarm_rate"] == pytest.approx(1 / 3) and s["false_alarm_rate"] == 3
    # Everything short of "verified" on a verified quote, misses included, is 1 - recall_verified.
    assert m["recall_verified"] == pytest.approx(1 / 4)
    # Same person by name matching, not string equality; a missed misattribution counts as wrong.
    assert m["actual_speaker_accuracy"] == pytest.approx(1 / 3) and s["actual_speaker_accuracy"] == 3
    # Evidence and retrieval over answered items with a gold passage (not_found has none).
    assert m["evidence_hit_rate"] == pytest.approx(3 / 5) and s["evidence_hit_rate"] == 5
    assert m["retrieval_recall_at_5"] == pytest.approx(4 / 5) and s["retrieval_recall_at_5"] == 5
    # Per label: verified 1 of 1 predicted, 1 of 4 gold; misattributed 2 of 2 predicted, 2 of 3 gold.
    assert report.classification is not None
    v, ma = report.classification.per_label["verified"], report.classification.per_label["misattributed"]
    assert (v.precision, v.recall, v.f1) == pytest.approx((1.0, 0.25, 0.4))
    assert (ma.precision, ma.recall, ma.f1) == pytest.approx((1.0, 2 / 3, 0.8))


def test_quote_suite_without_retrieval_records_reports_no_recall() -> None:
    items = [_item(1, "verified", "verified", evidence_hit=True)]
    report = summarise(suite="q", kind="quotes", items=items, errors=[], latencies=[1.0], records=1, seconds=1.0)
    assert "retrieval_recall_at_5" not in report.metrics
    assert report.metrics["evidence_hit_rate"] == 1.0
