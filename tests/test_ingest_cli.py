"""`factcheck ingest` end to end through the CLI entry point, with the real model and Chroma."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from store_checks import write_jsonl

from factcheck.cli import main

LINES = [
    {
        "id": "moon",
        "text": "We choose to go to the moon in this decade and do the other things.",
        "speaker": "John F. Kennedy",
    },
    {"id": "ask", "text": "Ask not what your country can do for you.", "speaker": "John F. Kennedy"},
]


def test_ingest_jsonl_then_again_is_idempotent(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = write_jsonl(tmp_path / "speeches.jsonl", LINES)
    store = str(tmp_path / "store")
    assert main(["ingest", str(source), "--store", store]) == 0
    first = capsys.readouterr().out
    assert "2 added" in first and "2 passages" in first and "passages/s" in first
    assert main(["ingest", str(source), "--store", store]) == 0
    second = capsys.readouterr().out
    assert "0 added" in second and "2 unchanged" in second and "holds 2 documents, 2 passages" in second


def test_malformed_jsonl_fails_naming_the_line_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = write_jsonl(tmp_path / "good.jsonl", LINES)
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps(LINES[0]) + "\n{not json\n", encoding="utf-8")
    store = tmp_path / "store"
    assert main(["ingest", str(good), str(bad), "--store", str(store)]) == 2
    err = capsys.readouterr().err
    assert "bad.jsonl:2:" in err and "Traceback" not in err
    assert not store.exists()


def test_text_file_with_metadata_flags(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "remarks.txt"
    source.write_text("The only thing we have to fear is fear itself.", encoding="utf-8")
    store = tmp_path / "store"
    args = ["ingest", str(source), "--store", str(store), "--speaker", "Franklin D. Roosevelt"]
    args += ["--title", "First inaugural", "--date", "1933-03-04", "--url", "https://example.org/fdr"]
    assert main(args) == 0
    capsys.readouterr()
    from factcheck.config import Settings
    from factcheck.embed import load_embedder
    from factcheck.store import open_store

    [doc] = open_store(Settings(store=store), load_embedder()).list_documents()
    assert (doc.speaker, doc.title, doc.date, doc.url) == (
        "Franklin D. Roosevelt",
        "First inaugural",
        "1933-03-04",
        "https://example.org/fdr",
    )


def test_bad_date_flag_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "a.txt"
    source.write_text("Words.", encoding="utf-8")
    with pytest.raises(SystemExit) as info:
        main(["ingest", str(source), "--store", str(tmp_path / "s"), "--date", "2020-13-45"])
    assert info.value.code == 2
    assert "2020-13-45" in capsys.readouterr().err


def test_nothing_to_ingest_and_missing_file_are_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ingest", "--store", str(tmp_path / "s")]) == 2
    assert "nothing to ingest" in capsys.readouterr().err
    assert main(["ingest", str(tmp_path / "missing.jsonl"), "--store", str(tmp_path / "s")]) == 2
    assert "missing.jsonl: no such file" in capsys.readouterr().err


def test_foreign_store_directory_is_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = write_jsonl(tmp_path / "s.jsonl", LINES[:1])
    foreign = tmp_path / "foreign"
    foreign.mkdir()
    (foreign / "notes.txt").write_text("mine", encoding="utf-8")
    assert main(["ingest", str(source), "--store", str(foreign)]) == 2
    assert "not a factcheck store" in capsys.readouterr().err
    assert (foreign / "notes.txt").read_text(encoding="utf-8") == "mine"
