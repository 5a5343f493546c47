"""The terminal table of `factcheck check --format table`."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from api_support import SEAWALL, SOURCES, UNNAMED_ARTICLE, stored

from factcheck.cli import main
from factcheck.pipeline import Components
from factcheck.render import quotes_table
from factcheck.types import Quote, Speaker


def _quote(label: str, titles: list[str]) -> dict[str, Any]:
    evidence = [{"text": "Some passage.", "document": {"id": t.lower(), "title": t}} for t in titles]
    return {
        "text": "Words someone said",
        "kind": "direct",
        "speaker": {"name": "Ana Ruiz"},
        "verdict": {"label": label, "confidence": 0.9},
        "evidence": evidence,
    }


def _table(*quotes: dict[str, Any]) -> str:
    out = io.StringIO()
    quotes_table("article.txt", list(quotes), out)
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

    def checked(confidence: float) -> dict[str, Any]:
        speaker = Speaker(name="Thomas Whitfield", mention="he", confidence=confidence)
        quote = Quote(text=SEAWALL, start=0, end=len(SEAWALL), kind="direct", speaker=speaker)
        return components.pipeline().check_quote(quote).model_dump(mode="json")

    # An unsure attribution is not an accusation; a sure one is, and says so as before.
    unsure, sure = _column(_table(checked(0.7), checked(0.95)), "verdict")
    assert unsure == "verified said by Maria Delgado; the article's speaker is uncertain"
    assert sure == "misattributed (by Maria Delgado)"


def test_table_cells_are_text_not_markup() -> None:
    quote = _quote("verified", ["[bold]Remarks[/bold]"])
    quote["text"] = "We gave [the mayor] a plan"
    quote["speaker"] = {"name": "[red]Ana Ruiz"}
    table = _table(quote)
    assert "We gave [the mayor] a plan" in table
    assert "[red]Ana Ruiz" in table and "[bold]Remarks[/bold]" in table
