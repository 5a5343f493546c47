"""The LLM mode end to end: real pipeline, store, API and CLI, with the model behind a scripted local server."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from api_support import ARTICLE, SOURCES, running_client
from openai_server import Reply, Request, ScriptedOpenAI, answer, by_schema, error, llm_settings

from factcheck.config import Settings
from factcheck.pipeline import Components
from factcheck.types import Document

SECRET = "sk-pipeline-test-key-e41b"


def agreeing_judge(request: Request) -> Reply:
    """A judge that returns the label the alignment suggested, so verdicts can be compared with offline."""
    suggested = re.search(r"The automatic alignment suggests: (\w+)\.", request["messages"][1]["content"])
    assert suggested is not None
    return answer({"label": suggested.group(1), "reason": "Agrees with the alignment."})(request)


MODEL = by_schema(
    FoundQuotes=answer({"quotes": [], "scare_quotes": []}),
    JudgeAnswer=agreeing_judge,
    Explanation=answer({"sentence": "The source passage settles it."}),
)


@pytest.fixture
def loaded(components: Components) -> Components:
    components.get_store().add_documents(Document.model_validate(s) for s in SOURCES)
    return components


def llm_mode(components: Components, llm_server: ScriptedOpenAI, tmp_path: Path, **overrides: Any) -> Settings:
    """The components' settings with the LLM behind `llm_server` switched on."""
    offline = {k: v for k, v in components.settings.model_dump().items() if not k.startswith("llm_")}
    return llm_settings(llm_server, tmp_path, "pipeline-model", **(offline | overrides))


def with_llm(components: Components, llm_server: ScriptedOpenAI, tmp_path: Path, **overrides: Any) -> Components:
    return Components(
        llm_mode(components, llm_server, tmp_path, **overrides),
        embedder=components.embedder,
        nlp=components.nlp,
        store=components.get_store(),
    )


def test_llm_mode_keeps_offline_verdicts_when_the_judge_agrees_and_adds_traces(
    loaded: Components, llm_server: ScriptedOpenAI, tmp_path: Path
) -> None:
    llm_server.respond_with(MODEL)
    offline = loaded.pipeline().check_text(ARTICLE)
    assisted = with_llm(loaded, llm_server, tmp_path).pipeline().check_text(ARTICLE)
    assert [(q.text, q.verdict.label) for q in assisted.quotes] == [(q.text, q.verdict.label) for q in offline.quotes]
    assert all(q.llm is None for q in offline.quotes)
    for quote in assisted.quotes:
        assert quote.llm is not None and quote.llm.ok and quote.llm.model == "pipeline-model"
        assert "explain_verdict.v1" in quote.llm.prompts
        assert quote.verdict.explanation == "The source passage settles it."
    assert assisted.quotes[0].llm is not None and assisted.quotes[0].llm.prompts[0] == "extract_quotes.v1"
    assert len(llm_server.requests_for("FoundQuotes")) == 1


def test_api_answers_200_with_the_failure_flag_or_503_when_llm_only(
    loaded: Components, llm_server: ScriptedOpenAI, tmp_path: Path
) -> None:
    llm_server.respond_with(lambda request: error(500))
    with running_client(loaded, **llm_mode(loaded, llm_server, tmp_path).model_dump()) as (client, _):
        response = client.post("/v1/check", json={"text": ARTICLE})
    assert response.status_code == 200
    quotes = response.json()["quotes"]
    assert quotes and all(q["llm"]["ok"] is False and "HTTP 500" in q["llm"]["error"] for q in quotes)

    with running_client(loaded, **llm_mode(loaded, llm_server, tmp_path, llm_only=True).model_dump()) as (client, _):
        response = client.post("/v1/check", json={"text": ARTICLE})
    assert response.status_code == 503
    assert "llm" in json.dumps(response.json()).lower()


def test_cli_check_in_llm_mode_never_shows_the_key(
    loaded: Components, llm_server: ScriptedOpenAI, tmp_path: Path
) -> None:
    llm_server.respond_with(MODEL)
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE)
    env = {
        **os.environ,
        "FACTCHECK_LLM_MODEL": "pipeline-model",
        "FACTCHECK_LLM_BASE_URL": llm_server.url,
        "FACTCHECK_LLM_API_KEY": SECRET,
        "FACTCHECK_LLM_TIMEOUT": "5",
        "FACTCHECK_LLM_CACHE": str(tmp_path / "llm-cache"),
    }
    store = str(loaded.settings.store)
    done = subprocess.run(
        [sys.executable, "-m", "factcheck.cli", "-v", "check", str(article), "--store", store, "--format", "json"],
        env=env,
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert done.returncode == 0, done.stderr
    quotes = json.loads(done.stdout)["quotes"]
    assert quotes and all(q["llm"]["ok"] and q["verdict"]["explanation"] for q in quotes)
    assert llm_server.headers and all(h["authorization"] == f"Bearer {SECRET}" for h in llm_server.headers)
    assert SECRET not in done.stdout and SECRET not in done.stderr
