"""Evaluation suites: labeled quotes, labeled articles and extraction suites, scored into reports.

For callers outside the CLI (the API's `POST /v1/eval`):

    kind, records = parse_records(body_items)          # InputError names the bad record
    report = run_suite(pipeline, records, kind)        # EvalReport, frozen; .model_dump(mode="json")
"""

from factcheck.evaluation.files import write_report
from factcheck.evaluation.gate import Bound, check_bounds, parse_bound
from factcheck.evaluation.metrics import classify, expected_calibration_error, percentile, reliability
from factcheck.evaluation.records import GoldQuote, LabeledArticle, LabeledQuote, SuiteKind
from factcheck.evaluation.report import EvalReport, ItemError, ItemResult, Shortfall
from factcheck.evaluation.runner import run_extraction, run_suite
from factcheck.evaluation.suites import Suite, load_suite, load_suites, parse_records

__all__ = [
    "Bound",
    "EvalReport",
    "GoldQuote",
    "ItemError",
    "ItemResult",
    "LabeledArticle",
    "LabeledQuote",
    "Shortfall",
    "Suite",
    "SuiteKind",
    "check_bounds",
    "classify",
    "expected_calibration_error",
    "load_suite",
    "load_suites",
    "parse_bound",
    "parse_records",
    "percentile",
    "reliability",
    "run_extraction",
    "run_suite",
    "write_report",
]
