"""Stores are explicit: checking against a store that does not exist or holds nothing is an error, not verdicts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from api_support import ARTICLE, SOURCES, running_client
from store_checks import write_jsonl

from factcheck.cli import main
from factcheck.pipeline import Components

QUOTE_SUITE = [{"id": "q1", "quote": "We will rebuild the seawall", "speaker": "Maria Delgado", "label": "verified"}]


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def _one_line_error(err: str) -> str:
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    assert "Traceback" not in err
    return lines[0]


def test_check_refuses_a_store_that_does_not_exist(
    tmp_path: Path, article: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    mistyped = tmp_path / "stoer"
    assert main(["check", str(article), "--store", str(mistyped)]) == 2
    line = _one_line_error(capsys.readouterr().err)
    assert str(mistyped) in line and "factcheck ingest" in line
    # A typo creates nothing.
    assert not mistyped.exists()


def test_check_and_eval_refuse_a_store_without_documents(
    tmp_path: Path, article: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = tmp_path / "store"
    source = write_jsonl(tmp_path / "one.jsonl", SOURCES[:1])
    assert main(["ingest", str(source), "--store", str(store)]) == 0
    # The store exists but its only document is deleted: it is empty again.
    from factcheck.config import Settings
    from factcheck.embed import load_embedder
    from factcheck.store import open_store

    assert open_store(Settings(store=store), load_embedder()).delete_document(SOURCES[0]["id"])
    capsys.readouterr()
    assert main(["check", str(article), "--store", str(store)]) == 2
    line = _one_line_error(capsys.readouterr().err)
    assert "no documents" in line and "factcheck ingest" in line

    suite = write_jsonl(tmp_path / "quotes.jsonl", QUOTE_SUITE)
    assert main(["eval", str(suite), "--store", str(store)]) == 2
    line = _one_line_error(capsys.readouterr().err)
    assert "no documents" in line and "factcheck ingest" in line

    # Filled again, the same commands answer.
    assert main(["ingest", str(write_jsonl(tmp_path / "s.jsonl", SOURCES)), "--store", str(store)]) == 0
    capsys.readouterr()
    assert main(["check", str(article), "--store", str(store)]) == 0
    labels = {q["verdict"]["label"] for q in json.loads(capsys.readouterr().out)["quotes"]}
    assert "verified" in labels
    assert main(["eval", str(suite), "--store", str(store)]) == 0


def test_eval_refuses_a_missing_default_store(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("FACTCHECK_STORE", str(tmp_path / "never-made"))
    suite = write_jsonl(tmp_path / "quotes.jsonl", QUOTE_SUITE)
    assert main(["eval", str(suite)]) == 2
    line = _one_line_error(capsys.readouterr().err)
    assert "never-made" in line and "factcheck ingest" in line
    assert not (tmp_path / "never-made").exists()


def test_api_answers_409_on_an_empty_store_and_the_page_says_so(components: Components) -> None:
    with running_client(components) as (client, _):
        for path, body in (
            ("/v1/check", {"text": ARTICLE}),
            ("/v1/check/quote", {"quote": "We will rebuild the seawall", "speaker": "Maria Delgado"}),
            ("/v1/eval", {"records": QUOTE_SUITE}),
        ):
            response = client.post(path, json=body)
            assert response.status_code == 409, (path, response.text)
            error = response.json()["error"]
            assert error["code"] == "store_empty" and "/sources" in error["message"]
        # Extraction needs no sources.
        assert client.post("/v1/extract", json={"text": ARTICLE}).status_code == 200
        page = client.get("/")
        assert "No sources loaded yet" in page.text and 'href="/sources"' in page.text
        form = client.post("/check", data={"text": ARTICLE})
        assert form.status_code == 409 and "No sources loaded yet" in form.text
        assert "not_found" not in form.text and 'class="card' not in form.text

        assert client.post("/v1/sources", json={"documents": SOURCES}).status_code == 201
        assert client.post("/v1/check", json={"text": ARTICLE}).status_code == 200
        assert "No sources loaded yet" not in client.get("/").text
