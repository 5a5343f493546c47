"""Property tests: arbitrary text never crashes extraction and every offset slices the input."""

from __future__ import annotations

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from quote_checks import assert_offsets

from factcheck.extract import RuleExtractor

_PIECES = st.sampled_from(
    [
        "\u201c", "\u201d", "\u2018", "\u2019", '"', "'", "''", "\u00ab", "\u00bb", " ", "\n", ", ", ". ",
        "she said", "he told reporters", "said Anna Berg", "According to the ministry,", "<p>", "</p>",
        "&amp;", "&ldquo;", "<img src='x'>", "\u2014 Tom Reed", "We will win", "the plan failed", ":",
        "don't", "so-called", "Merkel", "it",
    ]
)  # fmt: skip
QUOTE_MARKS = "\"'\u201c\u201d\u2018\u2019\u00ab\u00bb\u201e\u2039\u203a`"
article_text = st.lists(
    st.one_of(
        st.sampled_from([*QUOTE_MARKS, " ", ".", ",", ":", "\n", "\n\n", "<", ">", "&", "\u00a0"]),
        st.sampled_from(["said", "says", "told", "Biden", "Maria Delgado", "she", "He", "according to", "the"]),
        st.characters(codec="utf-8", exclude_categories=("Cs",)),
    ),
    max_size=120,
).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.lists(_PIECES, max_size=30).map("".join) | st.text(max_size=120) | article_text)
@example(text='"Unbalanced, she said. \u201cNested \u2018marks\u201d he said\u2019 "')
@example(text="\u201c\u201d said Biden.")
@example(text="<script>\u201cx\u201d</script> said <b>Maria Delgado</b>")
def test_arbitrary_text_extracts_with_exact_offsets(rule_extractor: RuleExtractor, text: str) -> None:
    quotes = rule_extractor.extract(text)
    assert_offsets(text, quotes)
    for quote in quotes:
        assert 0 <= quote.start <= quote.end <= len(text)
        assert quote.content_start is not None and quote.content_end is not None
        assert 0 <= quote.content_start <= quote.content_end <= len(text)
        assert text[quote.content_start : quote.content_end] == quote.content
        speaker = quote.speaker
        if speaker.mention is not None:
            assert speaker.start is not None and speaker.end is not None
        if speaker.start is not None and speaker.end is not None:
            assert 0 <= speaker.start <= speaker.end <= len(text)
        assert 0.0 <= quote.confidence <= 1.0
