"""Metrics against figures worked out by hand."""

from __future__ import annotations

import pytest

from factcheck.evaluation.metrics import classify, expected_calibration_error, percentile, reliability
from factcheck.types import LABELS


def test_confusion_and_f1_by_hand() -> None:
    gold = ["verified", "verified", "verified", "altered", "altered", "misattributed"]
    pred = ["verified", "altered", "verified", "altered", "verified", "misattributed"]
    c = classify(gold, pred, LABELS)
    assert c.labels == ["verified", "altered", "misattributed"]
    assert c.confusion.counts == [[2, 1, 0], [1, 1, 0], [0, 0, 1]]
    v, a, m = c.per_label["verified"], c.per_label["altered"], c.per_label["misattributed"]
    assert (v.precision, v.recall, v.f1) == pytest.approx((2 / 3, 2 / 3, 2 / 3))
    assert (a.precision, a.recall, a.f1) == pytest.approx((0.5, 0.5, 0.5))
    assert (m.precision, m.recall, m.f1, m.support, m.predicted) == pytest.approx((1, 1, 1, 1, 1))
    assert c.macro_f1 == pytest.approx((2 / 3 + 0.5 + 1) / 3)
    assert c.accuracy == pytest.approx(4 / 6)


def test_label_only_predicted_counts_with_zero_recall_and_precision() -> None:
    gold = ["verified", "verified", "not_found", "not_found"]
    pred = ["verified", "out_of_context", "not_found", "verified"]
    c = classify(gold, pred, LABELS)
    assert c.labels == ["verified", "out_of_context", "not_found"]
    assert c.confusion.counts == [[1, 1, 0], [0, 0, 0], [1, 0, 1]]
    ooc = c.per_label["out_of_context"]
    assert (ooc.precision, ooc.recall, ooc.f1, ooc.support, ooc.predicted) == (0.0, 0.0, 0.0, 0, 1)
    # verified: P 1/2, R 1/2; not_found: P 1, R 1/2 -> F1 2/3
    assert c.macro_f1 == pytest.approx((0.5 + 0.0 + 2 / 3) / 3)


def test_missed_column_lowers_recall_only() -> None:
    gold = ["verified", "verified", "altered", "altered"]
    pred = ["verified", "(missed)", "altered", "(missed)"]
    c = classify(gold, pred, LABELS, extra_predicted=("(missed)",))
    assert c.confusion.predicted == ["verified", "altered", "(missed)"]
    assert c.confusion.counts == [[1, 0, 1], [0, 1, 1]]
    assert "(missed)" not in c.per_label
    assert c.per_label["verified"].precision == 1.0
    assert c.per_label["verified"].recall == 0.5
    assert c.accuracy == 0.5


def test_ece_known_case() -> None:
    # Two items at 0.95 with one right (gap 0.45), two at 0.55 both right (gap 0.45): ECE = 0.45.
    assert expected_calibration_error([0.95, 0.95, 0.55, 0.55], [True, False, True, True]) == pytest.approx(0.45)


def test_ece_perfectly_calibrated_and_empty() -> None:
    conf = [0.25] * 4 + [0.75] * 4
    correct = [True, False, False, False, True, True, True, False]
    assert expected_calibration_error(conf, correct) == pytest.approx(0.0)
    assert expected_calibration_error([], []) == 0.0


def test_reliability_bins_edges() -> None:
    bins = reliability([0.0, 0.1, 0.999, 1.0], [False, True, True, True], bins=10)
    assert len(bins) == 10
    assert [b.count for b in bins] == [1, 1, 0, 0, 0, 0, 0, 0, 0, 2]
    assert bins[9].confidence == pytest.approx((0.999 + 1.0) / 2)
    assert bins[9].accuracy == 1.0
    assert bins[0].accuracy == 0.0
    # five bins: 0.1 goes to [0, 0.2), 1.0 to the last bin
    assert [b.count for b in reliability([0.1, 1.0], [True, True], bins=5)] == [1, 0, 0, 0, 1]


def test_percentiles() -> None:
    values = [10.0, 20.0, 30.0, 40.0, 50.0]
    assert percentile(values, 50) == 30.0
    assert percentile(values, 95) == pytest.approx(48.0)
    assert percentile([], 50) == 0.0


def test_length_mismatch_is_refused() -> None:
    with pytest.raises(ValueError):
        classify(["verified"], [], LABELS)
