"""The terminal table of `factcheck check --format table`."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from api_support import ARTICLE, SEAWALL, SOURCES, UNNAMED_ARTICLE, stored

from factcheck.attribution import reported_speech
from factcheck.cli import main
from factcheck.pipeline import Components
from factcheck.render import checked_table
from factcheck.types import CheckedQuote, Quote, Speaker


def _quote(label: str, titles: list[str]) -> dict[str, Any]:
    evidence = [
        {"text": "Some passage.", "document": {"id": t.lower(), "title": t}, "passage_id": f"{t}#0", "start": 0,
         "end": 13, "score": 0.9}
        for t in titles
    ]  # fmt: skip
    return {
        "text": "Words someone said",
        "start": 0,
        "end": 18,
        "kind": "direct",
        "speaker": {"name": "Ana Ruiz"},
        "verdict": {"label": label, "confidence": 0.9},
        "evidence": evidence,
    }


def _table(*quotes: dict[str, Any]) -> str:
    out = io.StringIO()
    checked_table("article.txt", [CheckedQuote.model_validate(q) for q in quotes], out)
    return out.getvalue()


def test_a_not_found_row_names_no_source() -> None:
    table = _table(_quote("verified", ["Harbor remarks"]), _quote("not_found", ["Budget hearing"]))
    assert "Harbor remarks" in table
    # The nearest passage of a quote nothing matched is not its source.
    assert "Budget hearing" not in table
    assert "best source" not in table
    assert "nothing matched" in table


def _column(table: str, header: str) -> list[str]:
    """The cells of one column, row by row, with the lines a cell wraps onto joined."""
    lines = table.splitlines()
    heading = next(line for line in lines if line.startswith("┃"))
    index = [cell.strip() for cell in heading.split("┃")].index(header)
    rows: list[str] = []
    cell: list[str] = []
    for line in lines[lines.index(heading) + 1 :]:
        if line.startswith(("├", "└")):
            rows.append(" ".join(cell))
            cell = []
        elif line.startswith("│") and (part := line.split("│")[index].strip()):
            cell.append(part)
    return rows


def test_words_judged_alone_say_who_said_them_and_why_the_speaker_was_not_checked(
    components: Components, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    components.get_store().add_documents(stored(SOURCES))
    article = tmp_path / "article.txt"
    article.write_text(UNNAMED_ARTICLE, encoding="utf-8")
    assert main(["check", str(article), "--store", str(components.settings.store), "--format", "table"]) == 0
    [verdict] = _column(capsys.readouterr().out, "verdict")
    assert verdict == "verified said by Maria Delgado; the article does not name the speaker"

    def checked(confidence: float, mention: str = "he") -> dict[str, Any]:
        speaker = Speaker(name="Thomas Whitfield", mention=mention, confidence=confidence)
        quote = Quote(text=SEAWALL, start=0, end=len(SEAWALL), kind="direct", speaker=speaker)
        return components.pipeline().check_quote(quote).model_dump(mode="json")

    # An unsure attribution is not an accusation, nor is a sure one the article only implies ('he'); one the article
    # names is, and says so as before.
    unsure, inferred, sure = _column(_table(checked(0.7), checked(0.95), checked(0.95, "Whitfield")), "verdict")
    assert unsure == "verified said by Maria Delgado; the article's speaker is uncertain"
    implied = "the article does not name the speaker: Thomas Whitfield is inferred from 'he'"
    assert inferred == f"verified said by Maria Delgado; {implied}"
    assert sure == "misattributed (by Maria Delgado)"


def test_table_cells_are_text_not_markup() -> None:
    quote = _quote("verified", ["[bold]Remarks[/bold]"])
    quote["text"] = "We gave [the mayor] a plan"
    quote["speaker"] = {"name": "[red]Ana Ruiz"}
    table = _table(quote)
    assert "We gave [the mayor] a plan" in table
    assert "[red]Ana Ruiz" in table and "[bold]Remarks[/bold]" in table


def _check(components: Components, tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str, text: str) -> str:
    components.get_store().add_documents(stored(SOURCES))
    article = tmp_path / "article.txt"
    article.write_text(text, encoding="utf-8")
    assert main(["check", str(article), "--store", str(components.settings.store), "--format", fmt]) == 0
    return capsys.readouterr().out


def test_the_table_says_what_the_card_says(
    components: Components, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    table = _check(components, tmp_path, capsys, "table", ARTICLE)
    # The header says what the confidence is, with the suite it was measured on.
    assert table.startswith("conf: Confidence is the estimated chance that the verdict is right")
    assert "verify_realworld" in table.split("┏")[0]
    verdicts, what, where = _column(table, "verdict"), _column(table, "what"), _column(table, "where")
    rows = {v.split()[0]: (w, place) for v, w, place in zip(verdicts, what, where, strict=True)}
    assert rows["altered"][0] == "doubled -> tripled"
    # (Folded lines are joined with spaces: a long link is compared without them.)
    document, link = rows["verified"][1].split(" https:")
    assert document == "Remarks at the harbor, 2024-03-14"
    assert link.replace(" ", "").startswith("//example.org/harbor#:~:text=We%20will%20rebuild")
    assert rows["not_found"][1] == "(nothing matched)"
    assert "misattributed (by Thomas Whitfield)" in verdicts
    assert _column(table, "speaker") == ["Maria Delgado", "Thomas Whitfield", "Maria Delgado", "Thomas Whitfield"]


def test_the_markdown_report_shows_article_text_literally(
    components: Components, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tricky = ARTICLE + '\n\nWhitfield said: "See [the plan](javascript:alert(1)) and *every* <b>line</b> of it."'
    report = _check(components, tmp_path, capsys, "markdown", tricky)
    assert "## 2. Altered" in report and "- Changed (source -> quote): doubled -\\> tripled" in report
    assert "**We will rebuild the seawall before the next storm season**, and we will" in report
    assert "\\[the plan\\](javascript:alert(1))" in report and "\\*every\\* \\<b\\>line\\</b\\>" in report
    assert "[open source](https://example.org/harbor#:~:text=" in report


def test_the_html_report_is_one_self_contained_file(
    components: Components, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    html = _check(components, tmp_path, capsys, "html", ARTICLE + '\n\nShe said "<img src=x onerror=alert(1)>".')
    assert html.startswith("<!doctype html>") and "<style>" in html
    # Nothing to load from a server: no script, no stylesheet link, no /static path.
    assert "<script" not in html and "/static/" not in html and 'rel="stylesheet"' not in html
    assert html.count('<article class="card') == 4  # the four quotes of the article; the tag is no quote
    assert "&lt;img src=x onerror=alert(1)&gt;" in html and "<img src=x" not in html
    assert "What 9" in html and "verify_realworld" in html


@pytest.mark.parametrize(
    ("text", "cue", "shown"),
    [
        ("the berth would cost more", "denied", "Calder denied that the berth would cost more"),
        ("whether the council had read the report", "asked", "Calder asked whether the council had read the report"),
        ("to reopen the pier by June", "promised", "Calder promised to reopen the pier by June"),
        ("how the figures were checked", "explained", "Calder explained how the figures were checked"),
    ],
)
def test_reported_speech_takes_that_only_where_the_clause_has_no_complementizer(
    text: str, cue: str, shown: str
) -> None:
    assert reported_speech("indirect", text, "Calder", "Ines Calder", cue) == shown
    assert reported_speech("direct", text, "Calder", "Ines Calder", cue) is None
