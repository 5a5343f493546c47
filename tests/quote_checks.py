"""Checks and a sample article shared by the extraction tests."""

from __future__ import annotations

from collections.abc import Iterable

from factcheck.types import Quote

ARTICLE = (
    "Acme Corporation announced layoffs on Monday. The company called the plan \u201ca necessary reset\u201d "
    'in a statement. Senator Jane Roe said: "We will raise taxes on working families." '
    "Her message to donors was blunt: cuts are coming."
)


def assert_offsets(text: str, quotes: Iterable[Quote]) -> None:
    """Every offset a quote carries slices `text` to exactly the words it names."""
    for q in quotes:
        assert text[q.start : q.end] == q.text
        if q.content is not None:
            assert text[q.content_start : q.content_end] == q.content
        speaker = q.speaker
        if speaker.mention is not None or (speaker.start is not None and speaker.end is not None):
            assert text[speaker.start : speaker.end] == speaker.mention
