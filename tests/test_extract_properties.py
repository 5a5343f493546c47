"""Property tests: arbitrary text never crashes extraction and every offset slices the input."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factcheck.extract import RuleExtractor

_PIECES = st.sampled_from(
    [
        "\u201c", "\u201d", "\u2018", "\u2019", '"', "'", "''", "\u00ab", "\u00bb", " ", "\n", ", ", ". ",
        "she said", "he told reporters", "said Anna Berg", "According to the ministry,", "<p>", "</p>",
        "&amp;", "&ldquo;", "<img src='x'>", "\u2014 Tom Reed", "We will win", "the plan failed", ":",
        "don't", "so-called", "Merkel", "it",
    ]
)  # fmt: skip


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(_PIECES, max_size=30).map("".join) | st.text(max_size=120))
def test_arbitrary_text_extracts_with_exact_offsets(nlp: Any, text: str) -> None:
    for quote in RuleExtractor(nlp).extract(text):
        assert text[quote.start : quote.end] == quote.text
        assert quote.content_start is not None and quote.content_end is not None
        assert text[quote.content_start : quote.content_end] == quote.content
        if quote.speaker.mention is not None:
            assert quote.speaker.start is not None and quote.speaker.end is not None
            assert text[quote.speaker.start : quote.speaker.end] == quote.speaker.mention
        assert 0.0 <= quote.confidence <= 1.0
