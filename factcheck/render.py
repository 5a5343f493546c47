"""Terminal rendering of quotes for people (`--format table`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TextIO

from rich.console import Console
from rich.table import Table
from rich.text import Text

from factcheck.attribution import unchecked_attribution
from factcheck.types import DocumentInfo


def quotes_table(title: str, quotes: list[dict[str, Any]], out: TextIO) -> None:
    """Print quotes, speakers and verdicts (when present) as a table."""
    # Every cell is a Text: quotes and names are shown as written, never read as rich markup ("[the mayor]").
    table = Table(title=Text(title), show_lines=True)
    table.add_column("#", justify="right")
    table.add_column("quote", overflow="fold", max_width=60)
    table.add_column("kind")
    table.add_column("speaker")
    has_verdicts = any("verdict" in q for q in quotes)
    if has_verdicts:
        table.add_column("verdict", max_width=40)
        table.add_column("conf", justify="right")
        table.add_column("source", overflow="fold", max_width=40)
    for i, q in enumerate(quotes, 1):
        speaker = q["speaker"].get("name") or "(unknown)"
        row = [str(i), q["text"], q["kind"], speaker]
        if has_verdicts:
            verdict = q["verdict"]
            label = verdict["label"]
            unchecked = unchecked_attribution(verdict.get("reasons") or [], q.get("actual_speaker"))
            if unchecked is not None:
                label += f"\n{unchecked.text}"
            elif q.get("actual_speaker"):
                label += f" (by {q['actual_speaker']})"
            ev = q.get("evidence") or []
            # A not_found quote's evidence is only the nearest passages: none of them is its source.
            if verdict["label"] == "not_found":
                source = "(nothing matched)"
            else:
                source = f"{ev[0]['document'].get('title') or ev[0]['document']['id']}" if ev else "-"
            row += [label, f"{verdict['confidence']:.2f}", source]
        table.add_row(*(Text(cell) for cell in row))
    Console(file=out, soft_wrap=False, width=160).print(table)


def documents_table(documents: Sequence[DocumentInfo], out: TextIO) -> None:
    """Stored documents: id, title, speaker, date and passage count."""
    table = Table(show_lines=False)
    for name, justify in (
        ("id", "left"),
        ("title", "left"),
        ("speaker", "left"),
        ("date", "left"),
        ("passages", "right"),
    ):
        table.add_column(name, justify=justify, overflow="fold")  # type: ignore[arg-type]
    for d in documents:
        cells = [d.id, d.title or "-", d.speaker or "-", d.date or "-", str(d.passages)]
        table.add_row(*(Text(cell) for cell in cells))
    Console(file=out, soft_wrap=False, width=160).print(table)
