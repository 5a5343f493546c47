"""`factcheck eval` from the command line: exit statuses, bounds and the files it writes."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from store_checks import write_jsonl

from factcheck.cli import main

ARTICLE = {
    "id": "a1",
    "text": 'The minister spoke on Monday. "We will open the bridge in May," Transport Minister Ana Ruiz said.',
    "quotes": [{"text": "We will open the bridge in May,", "speaker": "Ana Ruiz"}],
}


def _suite(tmp_path: Path, *records: object) -> Path:
    return write_jsonl(tmp_path / "extract_small.jsonl", records)


def test_malformed_line_exits_2_with_file_and_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _suite(tmp_path, ARTICLE)
    with path.open("a", encoding="utf-8") as f:
        f.write('{"id": "a2", "text": "x", "quotes": [}\n')
    assert main(["eval", str(path)]) == 2
    assert f"{path}:2: not valid JSON" in capsys.readouterr().err


def test_bad_bound_exits_2_before_running(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["eval", str(_suite(tmp_path, ARTICLE)), "--min", "content_f1"]) == 2
    assert "METRIC=NUMBER" in capsys.readouterr().err


def test_min_gates_exit_status_and_files_are_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FACTCHECK_STORE", str(tmp_path / "unused-store"))
    suite = _suite(tmp_path, ARTICLE)
    out = tmp_path / "out"
    # A figure above 1 can never be reached, whatever the extractor does: the gate must fail.
    assert main(["eval", str(suite), "--out", str(out), "--min", "content_recall=1.01"]) == 1
    captured = capsys.readouterr()
    assert "content_recall" in captured.err and "below the minimum 1.01" in captured.err
    assert "content_recall" in captured.out
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert report["kind"] == "extraction" and report["records"] == 1
    assert report["settings"]["store"] == str(tmp_path / "unused-store")
    assert main(["eval", str(suite), "--min", "content_recall=0", "--max", "errors=0"]) == 0
    assert main(["eval", str(suite), "--min", "macro_f1=0.5"]) == 2
    assert "no suite reports this metric" in capsys.readouterr().err


def test_several_suites_write_a_folder_each(tmp_path: Path) -> None:
    one = _suite(tmp_path, ARTICLE)
    other = tmp_path / "second.jsonl"
    other.write_text(one.read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "out"
    assert main(["eval", str(one), str(other), "--out", str(out), "--limit", "1"]) == 0
    for name in ("extract_small", "second"):
        md = (out / name / "report.md").read_text(encoding="utf-8")
        for image in re.findall(r"!\[[^\]]*\]\(([^)]+)\)", md):
            assert (out / name / image).is_file()
