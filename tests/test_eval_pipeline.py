"""The shipped hand-written suites run end to end with the real pipeline over the hand-written corpus."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from factcheck.evaluation import EvalReport, LabeledQuote, load_suite, parse_records, run_suite, write_report
from factcheck.evaluation.report import MISSED
from factcheck.pipeline import Components, Pipeline
from factcheck.sources import load_path, split_passages

SUITES = Path(__file__).resolve().parents[1] / "eval" / "suites"
CORPUS = SUITES / "handwritten_corpus.jsonl"


@pytest.fixture
def pipeline(components: Components) -> Pipeline:
    """A pipeline over a temp store holding the hand-written corpus."""
    components.get_store().add_documents(load_path(CORPUS))
    return components.pipeline()


def _accounted(report: EvalReport, gold: int) -> None:
    assert report.errors == 0, report.error_list
    assert len([i for i in report.items if i.quote is not None]) == gold
    for name, value in report.metrics.items():
        if not name.endswith(("_ms", "_second")) and name != "errors":
            assert 0.0 <= value <= 1.0, name


def test_articles_suite_end_to_end(pipeline: Pipeline, tmp_path: Path) -> None:
    suite = load_suite(SUITES / "verify_articles_handwritten.jsonl")
    gold = sum(len(r.quotes) for r in suite.records if hasattr(r, "quotes"))
    report = run_suite(pipeline, suite.records, suite.kind, name=suite.name)
    _accounted(report, gold)
    assert report.classification is not None
    # A loose floor: the pipeline must find and judge most of these quotes, whatever its fine details.
    assert report.metrics["content_recall"] >= 0.6
    assert report.metrics["accuracy"] >= 0.4
    # Each checked quote keeps what retrieval returned for it, so recall@5 is scored end to end too.
    sourced = [i for i in report.items if i.quote and i.gold_source and i.gold_label != "not_found"]
    answered = [i for i in sourced if i.predicted_label != MISSED]
    assert answered and all(i.retrieved and i.retrieval_hit is not None for i in answered)
    assert report.support["retrieval_recall_at_5"] == len(answered)
    written = {p.name for p in write_report(report, tmp_path / "out")}
    assert {"report.json", "report.md", "reliability.png", "confusion.png"} <= written


def test_labeled_quotes_from_a_request_body(pipeline: Pipeline) -> None:
    corpus = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines()]
    budget = next(d for d in corpus if d["id"] == "castellanos-budget-2025")
    sentence = (
        "We will hire forty new paramedics this year, because response times in the north end are still too long."
    )
    assert sentence in budget["text"]
    body = [
        {"id": "v", "quote": sentence, "speaker": budget["speaker"], "label": "verified", "source_id": budget["id"]},
        {"id": "n", "quote": "The moon is made of cheese.", "speaker": budget["speaker"], "label": "not_found"},
    ]
    kind, records = parse_records(body)
    report = run_suite(pipeline, records, kind, name="body")
    _accounted(report, 2)
    verified = next(i for i in report.items if i.id == "v")
    assert verified.predicted_label == "verified"
    assert verified.evidence_hit is True
    assert report.metrics["evidence_hit_rate"] == 1.0


@pytest.mark.slow  # embeds a whole State of the Union address
def test_shipped_quote_suite_against_the_documents_it_names(components: Components) -> None:
    from factcheck.demo import load_demo

    suite = load_suite(SUITES / "verify_handwritten.jsonl")
    named = {r.source_id for r in suite.records if isinstance(r, LabeledQuote) and r.source_id}
    documents = [d for d in load_demo(since=None) if d.id in named]
    assert {d.id for d in documents} == named, "the suite names documents the demo corpus does not hold"
    components.get_store().add_documents(documents)
    report = run_suite(components.pipeline(), suite.records, suite.kind, name=suite.name)
    _accounted(report, len(suite.records))
    assert report.metrics["macro_f1"] >= 0.6


def test_gold_passage_ids_score_evidence_and_retrieval(pipeline: Pipeline) -> None:
    budget = next(d for d in load_path(CORPUS) if d.id == "castellanos-budget-2025")
    passages = split_passages(budget)
    assert len(passages) > 1, "the test needs a document of several passages"
    gold, other = passages[0], passages[-1]
    quote = " ".join(gold.text.split()[:12])
    body = [
        {"id": "right", "quote": quote, "speaker": budget.speaker, "label": "verified", "source_id": gold.id},
        {"id": "wrong", "quote": quote, "speaker": budget.speaker, "label": "verified", "source_id": other.id},
        {"id": "absent", "quote": "The moon is made of cheese.", "speaker": budget.speaker, "label": "not_found"},
    ]
    kind, records = parse_records(body)
    report = run_suite(pipeline, records, kind, name="ids")
    _accounted(report, 3)
    items = {i.id: i for i in report.items}
    assert items["right"].retrieved and items["right"].retrieved[0] == gold.id
    assert (items["right"].evidence_hit, items["right"].retrieval_hit) == (True, True)
    assert items["wrong"].evidence_hit is False
    wrong_found = other.id in items["wrong"].retrieved[:5]
    assert items["wrong"].retrieval_hit is wrong_found
    assert (items["absent"].evidence_hit, items["absent"].retrieval_hit) == (None, None)
    assert report.metrics["retrieval_recall_at_5"] == (1 + wrong_found) / 2
    assert report.support["retrieval_recall_at_5"] == 2
    assert report.metrics["evidence_hit_rate"] == 0.5
