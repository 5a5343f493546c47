"""Markup cleaning keeps a faithful map back into the input."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from factcheck.clean import clean


def test_tags_scripts_and_pixels_are_removed() -> None:
    raw = (
        '<p>Hello <b>world</b></p><img src="https://t.example.com/p.gif?u=1" width="1">'
        '<script>var s = "secret";</script><!-- note --><style>p {color: red}</style>done'
    )
    cleaned = clean(raw)
    assert "Hello" in cleaned.text and "world" in cleaned.text and "done" in cleaned.text
    for junk in ("<", ">", "secret", "pixel", "note", "color", "http"):
        assert junk not in cleaned.text


def test_entities_decode_and_map_to_their_source() -> None:
    raw = "AT&amp;T said &ldquo;no&rdquo; today"
    cleaned = clean(raw)
    assert cleaned.text == "AT&T said \u201cno\u201d today"
    start = cleaned.text.index("no")
    assert cleaned.to_original(start, start + 2) == (raw.index("no"), raw.index("no") + 2)


def test_block_tags_become_paragraph_breaks() -> None:
    assert "\n" in clean("<p>One.</p><p>Two.</p>").text


def test_doubled_apostrophes_become_one_quote_mark() -> None:
    raw = "''It is late,'' he said."
    cleaned = clean(raw)
    assert cleaned.text.startswith('"It is late,"')
    start, end = cleaned.to_original(1, 11)
    assert raw[start:end] == "It is late"


def test_plain_text_is_untouched() -> None:
    raw = "Plain text with \u201cquotes\u201d and apostrophes: don't."
    cleaned = clean(raw)
    assert cleaned.text == raw
    assert cleaned.offsets == tuple(range(len(raw)))


@given(st.text(alphabet=st.sampled_from(list("ab <>/&;\"'p=#x1\n\u201c\u201d")), max_size=80))
def test_offsets_are_monotonic_and_in_range(raw: str) -> None:
    cleaned = clean(raw)
    assert len(cleaned.offsets) == len(cleaned.text)
    assert all(0 <= o < len(raw) for o in cleaned.offsets)
    assert list(cleaned.offsets) == sorted(cleaned.offsets)
