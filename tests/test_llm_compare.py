"""`factcheck eval --llm` building block: both modes on the same suite, in one report, with the LLM's usage."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from openai_server import ScriptedOpenAI, answer, error, llm_settings
from quote_checks import ARTICLE

from factcheck.config import Settings
from factcheck.errors import InputError
from factcheck.evaluation import EvalReport, LabeledArticle, run_extraction
from factcheck.llm.compare import compare_modes, write_comparison
from factcheck.pipeline import Components, Pipeline

SECRET = "sk-compare-test-key-51d0"
GOLD = LabeledArticle.model_validate(
    {
        "id": "acme",
        "text": ARTICLE,
        "quotes": [
            {"text": "a necessary reset", "speaker": "Acme Corporation"},
            {"text": "We will raise taxes on working families", "speaker": "Jane Roe"},
            {"text": "cuts are coming", "speaker": "Jane Roe"},
        ],
    }
)
SUITE_FILE = '{"suite": {"kind": "extraction", "name": "acme"}}\n' + GOLD.model_dump_json(exclude_none=True) + "\n"
REPLY = {
    "quotes": [
        {"text": "cuts are coming", "kind": "indirect", "speaker": "Jane Roe", "speaker_mention": "Her", "cue": None},
        {
            "text": "a necessary reset",
            "kind": "partial",
            "speaker": "Acme Corporation",
            "speaker_mention": "The company",
            "cue": "called",
        },
    ],
    "scare_quotes": [],
}


def run_extraction_suite(components: Components, pipeline: Callable[[], Pipeline]) -> EvalReport:
    return run_extraction(components.extractor(), [GOLD], name="acme-extraction")


def llm_components(llm_server: ScriptedOpenAI, tmp_path: Path, nlp: Any) -> Components:
    return Components(llm_settings(llm_server, tmp_path, "gpt-4o-mini", SECRET), nlp=nlp)


def test_both_modes_in_one_report(llm_server: ScriptedOpenAI, tmp_path: Path, nlp: Any) -> None:
    llm_server.respond_with(answer(REPLY))
    comparison = compare_modes(run_extraction_suite, llm_components(llm_server, tmp_path, nlp))
    assert comparison.offline.metrics.keys() & comparison.llm.metrics.keys() == comparison.deltas.keys()
    for name, delta in comparison.deltas.items():
        assert delta == pytest.approx(comparison.llm.metrics[name] - comparison.offline.metrics[name])
    assert comparison.usage.model == "gpt-4o-mini"
    assert comparison.usage.results > 0 and comparison.usage.failed == 0
    assert comparison.usage.prompt_tokens > 0 and comparison.usage.cost_usd > 0
    assert comparison.deltas["content_recall"] >= 0
    written = write_comparison(comparison, tmp_path / "out")
    assert [p.name for p in written] == ["comparison.json", "comparison.md"]
    assert json.loads(written[0].read_text())["usage"]["model"] == "gpt-4o-mini"
    text = comparison.markdown() + "".join(p.read_text() for p in written)
    assert "offline vs LLM (gpt-4o-mini)" in text
    assert SECRET not in text


def test_rerun_costs_nothing(llm_server: ScriptedOpenAI, tmp_path: Path, nlp: Any) -> None:
    llm_server.respond_with(answer(REPLY))
    compare_modes(run_extraction_suite, llm_components(llm_server, tmp_path, nlp))
    sent = len(llm_server.requests)
    again = compare_modes(run_extraction_suite, llm_components(llm_server, tmp_path, nlp))
    assert len(llm_server.requests) == sent
    assert again.usage.cost_usd == 0.0 and again.usage.cached == again.usage.results


def test_failures_are_counted_with_their_reason(llm_server: ScriptedOpenAI, tmp_path: Path, nlp: Any) -> None:
    llm_server.respond_with(lambda request: error(500))
    comparison = compare_modes(run_extraction_suite, llm_components(llm_server, tmp_path, nlp))
    assert comparison.usage.failed == comparison.usage.results > 0
    assert comparison.usage.errors == {"HTTP 500 from the LLM server": comparison.usage.failed}
    # The LLM run fell back to the rule output, so the quality figures are the offline ones.
    for name in ("content_f1", "content_precision", "content_recall", "speaker_accuracy"):
        assert comparison.llm.metrics[name] == comparison.offline.metrics[name]


def test_without_a_model_it_is_a_clear_error(tmp_path: Path, nlp: Any) -> None:
    with pytest.raises(InputError, match="FACTCHECK_LLM_MODEL"):
        compare_modes(run_extraction_suite, Components(Settings(store=tmp_path, llm_model=None), nlp=nlp))


def test_eval_command_with_llm_writes_one_comparison(
    llm_server: ScriptedOpenAI, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from factcheck.cli import main

    llm_server.respond_with(answer(REPLY))
    suite = tmp_path / "acme_extraction.jsonl"
    suite.write_text(SUITE_FILE, encoding="utf-8")
    monkeypatch.setenv("FACTCHECK_STORE", str(tmp_path / "unused-store"))
    monkeypatch.setenv("FACTCHECK_LLM_MODEL", "gpt-4o-mini")
    monkeypatch.setenv("FACTCHECK_LLM_BASE_URL", llm_server.url)
    monkeypatch.setenv("FACTCHECK_LLM_API_KEY", SECRET)
    monkeypatch.setenv("FACTCHECK_LLM_CACHE", str(tmp_path / "llm-cache"))
    out = tmp_path / "out"
    assert main(["eval", str(suite), "--llm", "--out", str(out)]) == 0
    captured = capsys.readouterr()
    assert "offline vs LLM (gpt-4o-mini)" in captured.out
    comparison = json.loads((out / "comparison.json").read_text(encoding="utf-8"))
    assert comparison["offline"]["kind"] == comparison["llm"]["kind"] == "extraction"
    assert comparison["usage"]["results"] > 0
    written = "".join(p.read_text(encoding="utf-8") for p in out.iterdir() if p.is_file())
    assert SECRET not in captured.out + captured.err + written


def test_eval_command_with_llm_but_no_model_is_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from factcheck.cli import main

    monkeypatch.delenv("FACTCHECK_LLM_MODEL", raising=False)
    monkeypatch.setenv("FACTCHECK_STORE", str(tmp_path / "unused-store"))
    suite = tmp_path / "acme_extraction.jsonl"
    suite.write_text(SUITE_FILE, encoding="utf-8")
    assert main(["eval", str(suite), "--llm"]) == 2
    assert "FACTCHECK_LLM_MODEL" in capsys.readouterr().err
