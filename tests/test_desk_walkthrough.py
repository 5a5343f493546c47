"""The fact-checker's desk from the command line alone: ingest a folder, fix a speaker by the file's own path
from another directory, list, delete, ingest the folder again, and take the result away as a table, Markdown,
HTML and ClaimReview."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from source_files import docx_bytes, pdf_bytes
from store_checks import write_jsonl

from factcheck.cli import main

PDF_PAGES = [
    "Budget hearing, morning session. The chair opened the hearing and thanked the witnesses for coming.",
    "The pension fund is fully funded through the end of the decade, and the reserve has grown every quarter.",
]
CAPTIONS = (
    "1\n00:00:01,000 --> 00:00:05,000\nGood evening and welcome to the harbor forum.\n\n"
    "2\n00:00:41,000 --> 00:00:45,000\nThe night buses will run every fifteen minutes\n\n"
    "3\n00:00:45,000 --> 00:00:49,000\nfrom September, on every line in the city.\n"
)
ARTICLE = """Harbor week in review.

"We will rebuild the seawall before the next storm season," Mayor Maria Delgado said at the harbor.

Treasurer Ines Calder told the hearing: "The pension fund is fully funded through the end of the century."

At the forum, Bo Diaz said: "The night buses will run every fifteen minutes from September."

Diaz also promised that "we will paint every bridge in the city gold by next summer."
"""


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def _listed(capsys: pytest.CaptureFixture[str], store: str) -> dict[str, str | None]:
    status, out, _ = _run(capsys, "sources", "list", "--store", store, "--format", "json")
    assert status == 0
    return {d["id"]: d["speaker"] for d in json.loads(out)["documents"]}


def test_the_desk_from_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    desk = tmp_path / "desk"
    sources = desk / "sources"
    sources.mkdir(parents=True)
    (sources / "remarks.md").write_text(
        "---\nspeaker: Maria Delgado\ntitle: Remarks at the harbor\nurl: https://city.example/remarks\n---\n"
        "We will rebuild the seawall before the next storm season, and we will do it without raising taxes.\n",
        encoding="utf-8",
    )
    (sources / "hearing.pdf").write_bytes(pdf_bytes(PDF_PAGES))
    (sources / "forum.srt").write_text(CAPTIONS, encoding="utf-8")
    (sources / "statement.docx").write_bytes(docx_bytes(["The ferry terminal will open in the spring."]))
    write_jsonl(sources / "posts.jsonl", [{"id": "post-1", "text": "The museum will stay free on Sundays."}])
    (sources / "notes.txt").write_text("The library will open late on Thursdays.", encoding="utf-8")
    (sources / "copy-of-notes.txt").write_text("The library will open late on Thursdays.", encoding="utf-8")
    monkeypatch.chdir(desk)

    # 1. The folder: every speakerless document is named, with the command that fixes it.
    status, _, err = _run(capsys, "ingest", "sources", "--store", "newsroom")
    assert status == 0 and f"creating a new store at {desk / 'newsroom'}" in err
    speakerless = re.findall(r"warning: sources/\S+: '([^']+)' has no speaker", err)
    assert set(speakerless) == {
        "hearing.pdf",
        "forum.srt",
        "statement.docx",
        "post-1",
        "notes.txt",
        "copy-of-notes.txt",
    }
    assert "factcheck sources set hearing.pdf --speaker NAME" in err
    assert "'copy-of-notes.txt' has the same text" not in err and "the same text is in 2 documents" in err
    ids = set(_listed(capsys, "newsroom"))

    # 2. A speaker fixed by the file's own path, from another directory: the same document, updated.
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    status, out, _ = _run(capsys, "ingest", "../desk/sources/hearing.pdf", "--store", "../desk/newsroom",
                          "--speaker", "Ines Calder", "--url", "https://city.example/hearing.pdf")  # fmt: skip
    assert status == 0 and "updated speaker and url of 'hearing.pdf'" in out and "1 updated (metadata only)" in out
    for document_id, speaker in (("forum.srt", "Bo Diaz"), ("statement.docx", "Ana Ruiz"), ("post-1", "Ana Ruiz")):
        status, out, _ = _run(
            capsys, "sources", "set", document_id, "--speaker", speaker, "--store", "../desk/newsroom"
        )
        assert status == 0 and f"speaker of {document_id!r} (was none, now {speaker!r})" in out
    monkeypatch.chdir(desk)
    listed = _listed(capsys, "newsroom")
    assert set(listed) == ids and listed["hearing.pdf"] == "Ines Calder"

    # 3. The duplicate goes, from the store and the folder; the notes get a speaker.
    status, out, _ = _run(capsys, "sources", "delete", "copy-of-notes.txt", "--yes", "--store", "newsroom")
    assert status == 0 and "deleted 'copy-of-notes.txt'" in out
    (sources / "copy-of-notes.txt").unlink()
    assert _run(capsys, "sources", "set", "notes.txt", "--speaker", "Ana Ruiz", "--store", "newsroom")[0] == 0

    # 4. The folder again, no flags: nothing written, and every format keeps the speaker given to it.
    status, out, err = _run(capsys, "ingest", "sources", "--store", "newsroom")
    assert status == 0 and "0 added, 0 replaced, 6 unchanged" in out and "warning" not in err
    assert _listed(capsys, "newsroom") == {
        "remarks.md": "Maria Delgado", "hearing.pdf": "Ines Calder", "forum.srt": "Bo Diaz",
        "statement.docx": "Ana Ruiz", "post-1": "Ana Ruiz", "notes.txt": "Ana Ruiz",
    }  # fmt: skip

    # 5. The article, checked and taken away in every format.
    (desk / "article.txt").write_text(ARTICLE, encoding="utf-8")
    status, out, _ = _run(capsys, "check", "article.txt", "--store", "newsroom", "--format", "json")
    quotes = json.loads(out)["quotes"]
    assert [q["verdict"]["label"] for q in quotes] == ["verified", "altered", "verified", "not_found"]
    pension, buses = quotes[1]["evidence"][0], quotes[2]["evidence"][0]
    assert (pension["page"], pension["link"]) == (2, "https://city.example/hearing.pdf#page=2")
    assert buses["timestamp"] == 41.0

    status, table, _ = _run(capsys, "check", "article.txt", "--store", "newsroom", "--format", "table")
    assert (
        status == 0
        and "decade -> century" in table
        and "Hearing on the state budget, page 2" in table
        and "forum.srt, at 0:41" in table
    )
    status, report, _ = _run(capsys, "check", "article.txt", "--store", "newsroom", "--format", "markdown")
    assert status == 0 and "## 2. Altered" in report and "decade -\\> century" in report
    status, html, _ = _run(capsys, "check", "article.txt", "--store", "newsroom", "--format", "html")
    assert status == 0 and html.count('<article class="card') == 4 and "<script" not in html and "page 2" in html
    status, out, _ = _run(capsys, "check", "article.txt", "--store", "newsroom", "--format", "claimreview",
                          "--publisher", "Harbor Gazette", "--article-url", "https://gazette.example/week")  # fmt: skip
    reviews = json.loads(out)
    assert [r["reviewRating"]["alternateName"] for r in reviews] == ["Verified", "Altered", "Verified", "Not found"]
    assert reviews[1]["itemReviewed"]["author"]["name"] == "Ines Calder"
    assert reviews[1]["citation"]["url"] == "https://city.example/hearing.pdf#page=2"
