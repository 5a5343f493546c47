"""Terminal rendering of quotes for people (`--format table`)."""

from __future__ import annotations

from typing import Any, TextIO

from rich.console import Console
from rich.table import Table
from rich.text import Text

from factcheck.attribution import reported_speech, unchecked_attribution, whose_words


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
        # Indirect speech is shown as reported speech, never as quoted words.
        who = q["speaker"]
        speech = reported_speech(q["kind"], q["text"], who.get("mention"), who.get("name"), q.get("cue"))
        kind = "reported speech" if speech else q["kind"]
        row = [str(i), speech or q["text"], kind, speaker]
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
                first = ev[0] if ev else {}
                voiced = whose_words(first.get("speaker"), first.get("document", {}).get("speaker"), first.get("voice"))
                if voiced:
                    source += f"\n({voiced})"
            row += [label, f"{verdict['confidence']:.2f}", source]
        table.add_row(*(Text(cell) for cell in row))
    Console(file=out, soft_wrap=False, width=160).print(table)
