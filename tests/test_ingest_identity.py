"""`factcheck ingest` keeps document identities and metadata predictable, and says what a user should know."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from store_checks import write_jsonl

from factcheck.cli import main
from factcheck.config import Settings
from factcheck.store import open_store
from factcheck.types import DocumentInfo

OLD = "The harbor ferry will run every hour from June, and the fare will stay at one dollar."
NEW = "The harbor ferry will run every half hour from May, and the fare will rise to two dollars."
HEARING = (
    "speaker,text\n"
    "Ana Ruiz,The committee will come to order.\n"
    "Bo Diaz,Thank you for having me today.\n"
    "Ana Ruiz,Please describe the new bridge schedule.\n"
    "Bo Diaz,The bridge will open to cyclists in the spring.\n"
    "Ana Ruiz,And to cars?\n"
    "Bo Diaz,Cars will wait until the autumn inspection is finished.\n"
)
OTHER_HEARING = "speaker,text\nCy Park,A different hearing entirely.\n"


def _ingest(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(["ingest", *args])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def _documents(store: Path, embedder: Any) -> dict[str, DocumentInfo]:
    opened = open_store(Settings(store=store), embedder)
    try:
        return {d.id: d for d in opened.list_documents(0, 500)}
    finally:
        opened.close()


def _folder(root: Path, **files: str) -> Path:
    """A folder of source files; keyword names use `__` for `/` and `_` before the extension (`ferry_txt`)."""
    for name, text in files.items():
        path = root / name.replace("__", "/").replace("_txt", ".txt")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def _warnings(err: str) -> list[str]:
    return [line for line in err.splitlines() if "warning:" in line]


def _verdict(capsys: pytest.CaptureFixture[str], tmp_path: Path, store: Path, quote: str) -> str:
    article = tmp_path / "article.txt"
    article.write_text(f'"{quote}" the port director, Ana Ruiz, said on Monday.', encoding="utf-8")
    assert main(["check", str(article), "--store", str(store)]) == 0
    [checked] = json.loads(capsys.readouterr().out)["quotes"]
    label: str = checked["verdict"]["label"]
    return label


def test_file_ids_are_paths_relative_to_the_folder_given(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], embedder: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    sources = _folder(tmp_path / "sources", ferry_txt=OLD, **{"2024__ferry_txt": NEW, "hearing.csv": HEARING})
    store = tmp_path / "store"
    assert _ingest(capsys, str(sources), "--store", str(store), "--speaker", "Ana Ruiz")[0] == 0
    assert set(_documents(store, embedder)) == {"ferry.txt", "2024/ferry.txt", "hearing.csv"}
    # The same command again finds every document unchanged.
    status, out, _ = _ingest(capsys, str(sources), "--store", str(store), "--speaker", "Ana Ruiz")
    assert status == 0 and "0 added, 0 replaced, 3 unchanged" in out
    # A single file is identified by the path as given.
    monkeypatch.chdir(tmp_path)
    single = tmp_path / "single"
    assert _ingest(capsys, "sources/2024/ferry.txt", "--store", str(single), "--speaker", "Ana Ruiz")[0] == 0
    assert set(_documents(single, embedder)) == {"sources/2024/ferry.txt"}


def test_an_edited_file_replaces_its_previous_version(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], embedder: Any
) -> None:
    sources = _folder(tmp_path / "sources", ferry_txt=OLD)
    speech = sources / "ferry.txt"
    store = tmp_path / "store"
    assert _ingest(capsys, str(sources), "--store", str(store), "--speaker", "Ana Ruiz")[0] == 0
    speech.write_text(NEW, encoding="utf-8")
    status, out, _ = _ingest(capsys, str(sources), "--store", str(store), "--speaker", "Ana Ruiz")
    assert status == 0 and "0 added, 1 replaced" in out
    assert list(_documents(store, embedder)) == ["ferry.txt"]
    # The old wording is gone from the store: quoting it is no longer verified.
    assert _verdict(capsys, tmp_path, store, NEW) == "verified"
    assert _verdict(capsys, tmp_path, store, OLD) != "verified"


def test_transcripts_with_one_name_in_two_folders_stay_apart(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], embedder: Any
) -> None:
    (tmp_path / "other").mkdir()
    (tmp_path / "hearing.csv").write_text(HEARING, encoding="utf-8")
    (tmp_path / "other" / "hearing.csv").write_text(OTHER_HEARING, encoding="utf-8")
    store = tmp_path / "store"
    assert _ingest(capsys, str(tmp_path / "hearing.csv"), "--store", str(store))[0] == 0
    first = _documents(store, embedder)
    assert _ingest(capsys, str(tmp_path / "other" / "hearing.csv"), "--store", str(store))[0] == 0
    both = _documents(store, embedder)
    assert len(both) == 2
    [before] = first.values()
    assert both[before.id].passages == before.passages >= 5


def test_grouped_transcript_ids_carry_the_path_and_the_group(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], embedder: Any
) -> None:
    (tmp_path / "t").mkdir()
    (tmp_path / "t" / "debates.csv").write_text(
        "debate,speaker,text\nFirst Debate,Ana Ruiz,Hello.\nSecond Debate,Bo Diaz,Goodbye.\n", encoding="utf-8"
    )
    store = tmp_path / "store"
    assert _ingest(capsys, str(tmp_path / "t"), "--store", str(store))[0] == 0
    assert set(_documents(store, embedder)) == {"debates.csv:first-debate", "debates.csv:second-debate"}


def test_metadata_not_given_again_is_kept_and_an_empty_flag_clears_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], embedder: Any
) -> None:
    sources = _folder(tmp_path / "sources", ferry_txt=OLD)
    store = tmp_path / "store"
    flags = ["--speaker", "Ana Ruiz", "--title", "Ferry plan", "--date", "2024-03-01", "--url", "https://example.org"]
    assert _ingest(capsys, str(sources), "--store", str(store), *flags)[0] == 0
    # Edited and ingested again without flags: the stored metadata stays.
    (sources / "ferry.txt").write_text(NEW, encoding="utf-8")
    status, _, err = _ingest(capsys, str(sources), "--store", str(store))
    assert status == 0 and _warnings(err) == []
    doc = _documents(store, embedder)["ferry.txt"]
    assert (doc.speaker, doc.title, doc.date, doc.url) == ("Ana Ruiz", "Ferry plan", "2024-03-01", "https://example.org")
    # One flag given again changes only that field.
    assert _ingest(capsys, str(sources), "--store", str(store), "--title", "Ferry plan, revised")[0] == 0
    doc = _documents(store, embedder)["ferry.txt"]
    assert (doc.speaker, doc.title) == ("Ana Ruiz", "Ferry plan, revised")
    # --speaker "" clears the speaker (and says the document now has none).
    status, _, err = _ingest(capsys, str(sources), "--store", str(store), "--speaker", "")
    assert status == 0
    assert _documents(store, embedder)["ferry.txt"].speaker is None
    assert len(_warnings(err)) == 1 and "ferry.txt" in err and "speaker" in err


def test_markdown_front_matter_fills_metadata_and_never_reaches_the_passages(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], embedder: Any
) -> None:
    note = tmp_path / "remarks.md"
    note.write_text(
        "---\nspeaker: Ana Ruiz\ntitle: Remarks at the pier\ndate: 2024-05-02\nurl: https://example.org/pier\n---\n"
        f"# Remarks\n\n{OLD}\n",
        encoding="utf-8",
    )
    store = tmp_path / "store"
    status, _, err = _ingest(capsys, str(note), "--store", str(store))
    assert status == 0 and _warnings(err) == []
    [doc] = _documents(store, embedder).values()
    assert (doc.speaker, doc.title, doc.date, doc.url) == (
        "Ana Ruiz",
        "Remarks at the pier",
        "2024-05-02",
        "https://example.org/pier",
    )
    opened = open_store(Settings(store=store), embedder)
    texts = " ".join(p.text for p in opened.passages(doc.id, range(doc.passages)))
    opened.close()
    assert "speaker:" not in texts and "---" not in texts and "ferry" in texts
    # A flag wins over the front matter.
    assert _ingest(capsys, str(note), "--store", str(store), "--speaker", "Bo Diaz")[0] == 0
    assert _documents(store, embedder)[doc.id].speaker == "Bo Diaz"


def test_bad_front_matter_is_an_error_naming_the_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    note = tmp_path / "bad.md"
    note.write_text("---\ndate: last spring\n---\nWords.\n", encoding="utf-8")
    status, _, err = _ingest(capsys, str(note), "--store", str(tmp_path / "store"))
    assert status == 2 and "bad.md" in err and "date" in err


def test_warnings_for_missing_speakers_and_skipped_files_and_strict(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], embedder: Any
) -> None:
    sources = _folder(tmp_path / "sources", ferry_txt=OLD)
    write_jsonl(sources / "statements.jsonl", [{"id": "s1", "text": NEW}, {"id": "s2", "text": OLD + " Indeed."}])
    (sources / "minutes.xyz").write_text("not a format we read", encoding="utf-8")
    (sources / "README").write_text("no extension", encoding="utf-8")
    store = tmp_path / "store"

    status, _, err = _ingest(capsys, str(sources), "--store", str(store), "--strict")
    assert status == 2 and "--strict" in err
    assert not store.exists() or _documents(store, embedder) == {}

    status, _, err = _ingest(capsys, str(sources), "--store", str(store))
    assert status == 0
    warnings = _warnings(err)
    assert len(warnings) == 5, warnings
    speakerless = [w for w in warnings if "no speaker" in w]
    assert {"ferry.txt", "s1", "s2"} == {next(i for i in ("ferry.txt", "s1", "s2") if i in w) for w in speakerless}
    skipped = [w for w in warnings if "skipped" in w]
    assert len(skipped) == 2 and any("minutes.xyz" in w and ".xyz" in w for w in skipped)
    assert set(_documents(store, embedder)) == {"ferry.txt", "s1", "s2"}


def test_the_same_text_under_two_paths_is_reported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], embedder: Any
) -> None:
    sources = _folder(tmp_path / "sources", ferry_txt=OLD, **{"copy__ferry-again_txt": OLD})
    store = tmp_path / "store"
    status, _, err = _ingest(capsys, str(sources), "--store", str(store), "--speaker", "Ana Ruiz")
    assert status == 0
    [same] = _warnings(err)
    assert "ferry.txt" in same and "copy/ferry-again.txt" in same

    # A file moved within the folder: the stored document under the old path is named.
    moved = _folder(tmp_path / "moved", ferry_txt=NEW, **{"2024__ferry_txt": NEW})
    store2 = tmp_path / "store2"
    assert _ingest(capsys, str(moved / "ferry.txt"), "--store", str(store2), "--speaker", "Ana Ruiz")[0] == 0
    (moved / "ferry.txt").unlink()
    status, _, err = _ingest(capsys, str(moved), "--store", str(store2), "--speaker", "Ana Ruiz")
    assert status == 0
    [same] = _warnings(err)
    assert "2024/ferry.txt" in same and str(moved / "ferry.txt") in same


# (gold source id, passage id, document id, whether the gold id names that passage)
GOLD_IDS = [
    ("debates_2020:first-debate#12", "debates_2020.csv:first-debate#12", "debates_2020.csv:first-debate", True),
    ("debates_2020:first-debate", "debates_2020.csv:first-debate#12", "debates_2020.csv:first-debate", True),
    ("20160926_debate#3", "clef/20160926_debate.tsv#3", "clef/20160926_debate.tsv", True),
    ("20160926_debate#4", "clef/20160926_debate.tsv#3", "clef/20160926_debate.tsv", False),
    ("debates_2020:second-debate#12", "debates_2020.csv:first-debate#12", "debates_2020.csv:first-debate", False),
    ("sotu-2000-Clinton-1#2", "sotu-2000-Clinton-1#2", "sotu-2000-Clinton-1", True),
]


def test_gold_ids_written_before_path_ids_still_match() -> None:
    from factcheck.evaluation.recording import is_source

    assert [is_source(*case[:3]) for case in GOLD_IDS] == [case[3] for case in GOLD_IDS]
