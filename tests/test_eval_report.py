"""Scoring item outcomes, the report files and the `--min`/`--max` gate."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from factcheck.config import Settings
from factcheck.errors import InputError
from factcheck.evaluation import EvalReport, ItemError, ItemResult, check_bounds, parse_bound, write_report
from factcheck.evaluation.report import MISSED
from factcheck.evaluation.scoring import summarise


def _item(i: int, gold: str, pred: str, conf: float, **kw: Any) -> ItemResult:
    return ItemResult(
        id=f"q{i}",
        quote=f"quote {i}",
        gold_label=gold,
        predicted_label=pred,
        confidence=conf,
        correct=gold == pred,
        **kw,
    )


def _report(tmp_path: Path) -> EvalReport:
    items = [
        _item(1, "verified", "verified", 0.9, evidence_hit=True),
        _item(2, "verified", "altered", 0.6, evidence_hit=False),
        _item(3, "verified", "not_found", 0.7, evidence_hit=False),
        _item(
            4,
            "misattributed",
            "misattributed",
            0.8,
            gold_actual_speaker="Joe Biden",
            predicted_actual_speaker="joe biden",
        ),
        _item(
            5,
            "misattributed",
            "misattributed",
            0.8,
            gold_actual_speaker="Joe Biden",
            predicted_actual_speaker="Bernie Sanders",
        ),
        _item(6, "not_found", "not_found", 0.95),
    ]
    secrets: dict[str, Any] = {"api_key": "s3cret", "FACTCHECK_LLM_API_KEY": "sk-abc"}
    settings = Settings(store=tmp_path / "store", **secrets)
    report = summarise(
        suite="demo",
        kind="quotes",
        items=items,
        errors=[ItemError(id="q7", error="StoreError: gone")],
        latencies=[10.0, 20.0, 30.0, 40.0, 50.0, 60.0],
        records=7,
        seconds=2.0,
        settings=settings.masked(),
    )
    return report


def test_summary_figures(tmp_path: Path) -> None:
    report = _report(tmp_path)
    m = report.metrics
    assert m["accuracy"] == pytest.approx(4 / 6)
    assert m["false_alarm_rate"] == pytest.approx(1 / 3)  # altered accuses; not_found does not
    assert m["actual_speaker_accuracy"] == pytest.approx(0.5)
    assert m["evidence_hit_rate"] == pytest.approx(1 / 3)
    assert m["errors"] == 1 and m["error_rate"] == pytest.approx(1 / 7)
    assert m["items_per_second"] == pytest.approx(3.5)
    assert m["latency_p50_ms"] == pytest.approx(35.0)
    assert report.support["false_alarm_rate"] == 3
    assert report.scored == 6 and report.errors == 1


def test_missed_quotes_count_against_recall(tmp_path: Path) -> None:
    items = [
        ItemResult(
            id="a#1",
            quote="x y",
            gold_label="verified",
            predicted_label="verified",
            predicted_quote="x y",
            confidence=0.9,
            correct=True,
        ),
        ItemResult(id="a#2", quote="z w", gold_label="verified", predicted_label=MISSED, correct=False),
        ItemResult(id="a+1", quote=None, predicted_quote="spurious", predicted_label="not_found"),
    ]
    report = summarise(suite="a", kind="articles", items=items, errors=[], latencies=[5.0], records=1, seconds=1.0)
    assert report.metrics["recall_verified"] == 0.5
    assert report.metrics["ece"] == pytest.approx(0.1)  # only the answered item carries a confidence
    assert report.classification is not None
    assert report.classification.confusion.predicted == ["verified", MISSED]


def test_report_files(tmp_path: Path) -> None:
    report = _report(tmp_path)
    written = write_report(report, tmp_path / "out")
    assert {p.name for p in written} == {"report.json", "report.md", "reliability.png", "confusion.png"}
    data = json.loads((tmp_path / "out" / "report.json").read_text())
    assert len(data["items"]) == 6 and data["error_list"] == [{"id": "q7", "error": "StoreError: gone"}]
    assert data["items"][1]["predicted_label"] == "altered" and data["items"][1]["confidence"] == 0.6
    assert data["settings"]["api_key"] == "***" and data["settings"]["llm_api_key"] == "***"
    assert "s3cret" not in json.dumps(data) and "sk-abc" not in json.dumps(data)
    md = (tmp_path / "out" / "report.md").read_text()
    images = re.findall(r"!\[[^\]]*\]\(([^)]+)\)", md)
    assert sorted(images) == ["confusion.png", "reliability.png"]
    for name in images:
        assert (tmp_path / "out" / name).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert "StoreError: gone" in md


def test_bounds(tmp_path: Path) -> None:
    report = _report(tmp_path)
    ok = check_bounds([report], [parse_bound("accuracy=0.6", "min"), parse_bound("ece=0.9", "max")])
    assert ok == []
    short = check_bounds([report], [parse_bound("demo:macro_f1=0.99", "min")])
    assert [(s.metric, s.direction) for s in short] == [("macro_f1", "min")]
    assert "below the minimum 0.99" in short[0].describe()
    with pytest.raises(InputError, match="no suite reports this metric"):
        check_bounds([report], [parse_bound("speaker_accuracy=0.5", "min")])
    with pytest.raises(InputError, match="no suite 'other'"):
        check_bounds([report], [parse_bound("other:accuracy=0.5", "min")])
    for bad in ("macro_f1", "macro_f1=high", "=0.5"):
        with pytest.raises(InputError, match="METRIC=NUMBER"):
            parse_bound(bad, "min")


def test_reports_say_which_part_was_wrong_and_list_spurious_predictions(tmp_path: Path) -> None:
    def item(n: int, **kw: Any) -> ItemResult:
        fields: dict[str, Any] = {"gold_label": "verified", "predicted_label": "verified", "correct": True}
        return ItemResult(id=f"a#{n}", article_id="a", quote=f"quote {n}", **(fields | kw))

    items = [
        item(1, predicted_label="altered", correct=False, speaker_correct=True, evidence_hit=True),
        item(2, speaker_correct=False, gold_speaker="Ana Ruiz", predicted_speaker="Bo Diaz", evidence_hit=True),
        item(
            3,
            gold_label="misattributed",
            predicted_label="misattributed",
            gold_actual_speaker="Joe Biden",
            predicted_actual_speaker="Bernie Sanders",
            speaker_correct=True,
        ),
        item(4, speaker_correct=True, evidence_hit=False),
        item(5, speaker_correct=True, evidence_hit=True),
        item(6, predicted_label=MISSED, correct=False),
        ItemResult(id="a+1", article_id="a", quote=None, predicted_quote="made up words", predicted_speaker="Cy Park",
                   predicted_label="not_found"),
    ]  # fmt: skip
    report = summarise(suite="a", kind="articles", items=items, errors=[], latencies=[5.0], records=1, seconds=1.0)
    assert {i.id: i.wrong for i in report.items} == {
        "a#1": ["label"],
        "a#2": ["speaker"],
        "a#3": ["actual_speaker"],
        "a#4": ["evidence"],
        "a#5": [],
        "a#6": ["label"],
    }
    assert [(i.id, i.predicted_quote) for i in report.spurious] == [("a+1", "made up words")]
    assert report.metrics["accuracy"] == pytest.approx(4 / 6)

    write_report(report, tmp_path / "out")
    data = json.loads((tmp_path / "out" / "report.json").read_text())
    assert [s["predicted_quote"] for s in data["spurious"]] == ["made up words"]
    assert all(i["quote"] is not None for i in data["items"])
    assert {i["id"]: i["wrong"] for i in data["items"]}["a#2"] == ["speaker"]
    md = (tmp_path / "out" / "report.md").read_text()
    wrong = md.split("## Wrong items", 1)[1].split("##", 1)[0]
    rows = {line.split("|")[1].strip(): line for line in wrong.splitlines() if line.startswith("| a#")}
    assert set(rows) == {"a#1", "a#2", "a#3", "a#4", "a#6"}
    assert "| speaker |" in rows["a#2"] and "| actual_speaker |" in rows["a#3"] and "| evidence |" in rows["a#4"]
    spurious = md.split("## Spurious predictions (1)", 1)[1]
    assert "made up words" in spurious and "Cy Park" in spurious


def test_pronoun_speakers_and_common_noun_speakers_are_counted() -> None:
    def gold(i: int, via: str, correct: bool, predicted: str | None) -> ItemResult:
        return ItemResult(
            id=f"a#{i}", quote="x", predicted_quote="x", gold_speaker="Ann Lee", predicted_speaker=predicted,
            speaker_correct=correct, meta={"via": via},
        )

    items = [
        gold(1, "pronoun", True, "Ann Lee"),
        gold(2, "pronoun", False, "the statement"),
        gold(3, "name", True, "Ann Lee"),
        ItemResult(id="a+1", quote=None, predicted_quote="y", predicted_speaker="one defender"),
    ]
    report = summarise(suite="a", kind="extraction", items=items, errors=[], latencies=[], records=1, seconds=1.0)
    assert report.metrics["pronoun_speaker_accuracy"] == 0.5 and report.support["pronoun_speaker_accuracy"] == 2
    assert report.metrics["common_noun_speakers"] == 2  # spurious predictions count too
