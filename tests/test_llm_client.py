"""The LLM client layer over real HTTP: langchain-openai and openai against a scripted local server."""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

import pytest
from openai_server import ScriptedOpenAI, answer, content, error, llm_settings, slow

from factcheck.config import Settings
from factcheck.errors import LLMError
from factcheck.llm import ResponseCache, StructuredLLM, build_llm, merge_traces
from factcheck.llm.judge import JudgeAnswer
from factcheck.prompts import load_prompt
from factcheck.types import LLMTrace

SECRET = "sk-test-0123456789abcdefSECRET"

JUDGE_VARS: dict[str, Any] = {
    "quote": "We will build it together.",
    "speaker": "Jane Roe",
    "passages": [
        {
            "text": "Friends, we will build it together.",
            "speaker": "Jane Roe",
            "title": "Address",
            "document": "doc-1",
            "date": None,
            "context": None,
            "changes": "",
        }
    ],
    "offline_label": "verified",
    "allowed": ["verified", "out_of_context"],
}
GOOD = {"label": "verified", "reason": "The words match the passage."}


def make_settings(llm_server: ScriptedOpenAI, tmp_path: Path, **overrides: Any) -> Settings:
    return llm_settings(llm_server, tmp_path, "test-model", SECRET, **overrides)


def client(settings: Settings) -> StructuredLLM:
    return StructuredLLM(build_llm(settings), settings)


def ask(settings: Settings, **overrides: Any) -> Any:
    return client(settings).ask(load_prompt("judge_quote"), JudgeAnswer, **{**JUDGE_VARS, **overrides})


def test_json_schema_structured_reply_is_parsed_with_usage(llm_server: ScriptedOpenAI, tmp_path: Path) -> None:
    llm_server.enqueue(answer(GOOD))
    result = ask(make_settings(llm_server, tmp_path, llm_price_input=1.0, llm_price_output=2.0))
    assert result.value == JudgeAnswer(**GOOD)
    assert result.trace.model == "test-model"
    assert result.trace.prompts == ["judge_quote.v1"]
    assert result.trace.ok and not result.trace.cached
    assert result.trace.prompt_tokens > 0 and result.trace.completion_tokens > 0
    expected = (result.trace.prompt_tokens * 1.0 + result.trace.completion_tokens * 2.0) / 1e6
    assert result.trace.cost_usd == pytest.approx(expected)

    [request] = llm_server.requests
    assert request["model"] == "test-model"
    assert request["temperature"] == 0
    assert request["response_format"]["type"] == "json_schema"
    assert request["response_format"]["json_schema"]["name"] == "JudgeAnswer"
    system, user = request["messages"]
    assert system["role"] == "system"
    assert "Choose only among these labels: verified, out_of_context." in system["content"]
    assert "<quote>We will build it together.</quote>" in user["content"]
    assert llm_server.headers[0]["authorization"] == f"Bearer {SECRET}"


def test_function_calling_method_sends_a_tool_and_parses_the_call(llm_server: ScriptedOpenAI, tmp_path: Path) -> None:
    llm_server.enqueue(answer(GOOD))
    result = ask(make_settings(llm_server, tmp_path, llm_method="function_calling"))
    assert result.value.label == "verified"
    [request] = llm_server.requests
    assert request["tools"][0]["function"]["name"] == "JudgeAnswer"
    assert request["tool_choice"]["function"]["name"] == "JudgeAnswer"


def test_429_with_retry_after_is_retried_then_succeeds(llm_server: ScriptedOpenAI, tmp_path: Path) -> None:
    llm_server.enqueue(error(429, retry_after=0.05), answer(GOOD))
    result = ask(make_settings(llm_server, tmp_path, llm_retries=2))
    assert result.value.label == "verified"
    assert len(llm_server.requests) == 2


def test_429_past_the_retry_budget_is_a_visible_error(llm_server: ScriptedOpenAI, tmp_path: Path) -> None:
    llm_server.enqueue(error(429, retry_after=0.05), error(429, retry_after=0.05))
    with pytest.raises(LLMError, match=r"judge_quote\.v1: rate limited \(HTTP 429\) after 1 retries"):
        ask(make_settings(llm_server, tmp_path, llm_retries=1))
    assert len(llm_server.requests) == 2


def test_server_error_is_a_visible_error(llm_server: ScriptedOpenAI, tmp_path: Path) -> None:
    llm_server.enqueue(error(500))
    with pytest.raises(LLMError, match="HTTP 500"):
        ask(make_settings(llm_server, tmp_path))


def test_slow_reply_past_the_timeout_is_a_visible_error(llm_server: ScriptedOpenAI, tmp_path: Path) -> None:
    llm_server.enqueue(slow(3.0, answer(GOOD)))
    with pytest.raises(LLMError, match=r"timed out after 0\.5s"):
        ask(make_settings(llm_server, tmp_path))


@pytest.mark.parametrize("method", ["json_schema", "function_calling"])
def test_invalid_json_is_a_visible_error(llm_server: ScriptedOpenAI, tmp_path: Path, method: str) -> None:
    llm_server.enqueue(content('{"label": "verified", "reason": '))
    with pytest.raises(LLMError, match="invalid structured output"):
        ask(make_settings(llm_server, tmp_path, llm_method=method))


@pytest.mark.parametrize("method", ["json_schema", "function_calling"])
def test_schema_violating_reply_is_a_visible_error(llm_server: ScriptedOpenAI, tmp_path: Path, method: str) -> None:
    llm_server.enqueue(answer({"label": "probably true", "reason": "?"}))
    with pytest.raises(LLMError, match=r"invalid structured output: .*label"):
        ask(make_settings(llm_server, tmp_path, llm_method=method))


def test_failures_are_not_cached(llm_server: ScriptedOpenAI, tmp_path: Path) -> None:
    settings = make_settings(llm_server, tmp_path)
    llm_server.enqueue(error(500), answer(GOOD))
    with pytest.raises(LLMError):
        ask(settings)
    assert ask(settings).value.label == "verified"
    assert len(llm_server.requests) == 2


def test_cache_hit_makes_no_request_and_is_marked(llm_server: ScriptedOpenAI, tmp_path: Path) -> None:
    settings = make_settings(llm_server, tmp_path, llm_price_input=1.0)
    llm_server.enqueue(answer(GOOD))
    first = ask(settings)
    second = ask(settings)
    assert len(llm_server.requests) == 1
    assert second.value == first.value
    assert second.trace.cached and not first.trace.cached
    assert second.trace.cost_usd == 0.0 and first.trace.cost_usd > 0
    assert second.trace.prompt_tokens == first.trace.prompt_tokens


def test_cache_is_keyed_by_input_and_model(llm_server: ScriptedOpenAI, tmp_path: Path) -> None:
    llm_server.respond_with(answer(GOOD))
    settings = make_settings(llm_server, tmp_path)
    ask(settings)
    ask(settings, quote="A different quotation.")
    ask(make_settings(llm_server, tmp_path, llm_model="other-model"))
    ask(settings)
    assert len(llm_server.requests) == 3


def test_unreadable_cache_entry_is_a_miss(llm_server: ScriptedOpenAI, tmp_path: Path) -> None:
    llm_server.respond_with(answer(GOOD))
    settings = make_settings(llm_server, tmp_path)
    ask(settings)
    for path in (tmp_path / "llm-cache").rglob("*.json"):
        path.write_text("{truncated")
    assert not ask(settings).trace.cached
    assert len(llm_server.requests) == 2


def test_secret_never_reaches_logs_errors_or_traces(
    llm_server: ScriptedOpenAI, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    settings = make_settings(llm_server, tmp_path)
    # A server that echoes the key back in its error message, as some gateways do.
    llm_server.enqueue(answer(GOOD), error(401, message=f"Incorrect API key provided: {SECRET}"))
    llm = client(settings)
    ok = llm.ask(load_prompt("judge_quote"), JudgeAnswer, **JUDGE_VARS)
    with pytest.raises(LLMError) as failure:
        llm.ask(load_prompt("judge_quote"), JudgeAnswer, **{**JUDGE_VARS, "quote": "Another one."})
    failed = llm.failed(load_prompt("judge_quote"), str(failure.value))
    assert llm_server.headers[0]["authorization"] == f"Bearer {SECRET}"
    outputs = [
        caplog.text,
        str(failure.value),
        ok.trace.model_dump_json(),
        failed.model_dump_json(),
        json.dumps(settings.masked()),
        repr(settings),
        *(p.read_text() for p in (tmp_path / "llm-cache").rglob("*.json")),
    ]
    assert "HTTP 401" in str(failure.value)
    for text in outputs:
        assert SECRET not in text


def test_key_from_openai_api_key_variable(
    llm_server: ScriptedOpenAI, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("FACTCHECK_LLM_API_KEY", raising=False)
    monkeypatch.setenv("OPENAI_API_KEY", SECRET)
    settings = Settings(
        store=tmp_path / "s", llm_model="test-model", llm_base_url=llm_server.url, llm_cache=tmp_path / "c"
    )
    llm_server.enqueue(answer(GOOD))
    client(settings).ask(load_prompt("judge_quote"), JudgeAnswer, **JUDGE_VARS)
    assert llm_server.headers[0]["authorization"] == f"Bearer {SECRET}"


def test_openai_without_a_key_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    monkeypatch.delenv("FACTCHECK_LLM_API_KEY", raising=False)
    with pytest.raises(LLMError, match="OPENAI_API_KEY"):
        build_llm(Settings(store=tmp_path, llm_model="gpt-4o-mini"))


def test_local_server_needs_no_key(llm_server: ScriptedOpenAI, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    monkeypatch.delenv("FACTCHECK_LLM_API_KEY", raising=False)
    settings = Settings(store=tmp_path, llm_model="llama", llm_base_url=llm_server.url, llm_cache=tmp_path / "c")
    llm_server.enqueue(answer(GOOD))
    assert client(settings).ask(load_prompt("judge_quote"), JudgeAnswer, **JUDGE_VARS).value.label == "verified"


def test_response_cache_round_trip(tmp_path: Path) -> None:
    cache = ResponseCache(tmp_path / "cache")
    assert cache.get("ab" * 32) is None
    cache.put("ab" * 32, {"value": {"x": 1}})
    assert cache.get("ab" * 32) == {"value": {"x": 1}}


def test_merge_traces_sums_usage_and_keeps_failures() -> None:
    a = LLMTrace(model="m", prompts=["extract_quotes.v1"], prompt_tokens=10, completion_tokens=2, cost_usd=0.1)
    b = LLMTrace(model="m", prompts=["judge_quote.v1"], ok=False, error="judge_quote.v1: HTTP 500")
    merged = merge_traces(a, None, b)
    assert merged is not None
    assert merged.prompts == ["extract_quotes.v1", "judge_quote.v1"]
    assert not merged.ok and merged.error == "judge_quote.v1: HTTP 500"
    assert (merged.prompt_tokens, merged.completion_tokens, merged.cost_usd) == (10, 2, 0.1)
    assert merge_traces(None, None) is None
